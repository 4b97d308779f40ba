// Listener chips, service bands and peers.
#include "diagram/diagramitems.h"

#include <QPainterPath>

namespace edgemap {

ChipItem::ChipItem(const DiagramStyle &style)
    : DiagramItem(style)
{
    setFlag(ItemIsSelectable);
    setAcceptHoverEvents(true);
}

void ChipItem::setGeometry(const QRectF &rect)
{
    prepareGeometryChange();
    setPos(rect.topLeft());
    m_rect = QRectF(QPointF(0, 0), rect.size());
}

void ChipItem::setText(const QString &socket, const QString &protocol)
{
    m_look.socket = socket;
    m_look.protocol = protocol;
    update();
}

void ChipItem::setUnexpected(bool unexpected)
{
    m_look.unexpected = unexpected;
    update();
}

void ChipItem::setStatus(ListenerStatus status, int established)
{
    if (m_look.status == status && m_look.established == established)
        return;
    m_look.status = status;
    m_look.established = established;
    update();
}

void ChipItem::setChange(const QString &badge, const QString &description)
{
    if (m_look.changeBadge == badge && m_look.changeDescription == description)
        return;
    m_look.changeBadge = badge;
    m_look.changeDescription = description;
    update();
}

void ChipItem::setLook(const ChipLook &look)
{
    // The scene gives every chip its look on each check: repaint only what changed.
    const ChipLook &m = m_look;
    if (m.socket == look.socket && m.protocol == look.protocol && m.unexpected == look.unexpected
        && m.status == look.status && m.established == look.established
        && m.changeBadge == look.changeBadge && m.changeDescription == look.changeDescription
        && m.members == look.members && m.membersSummary == look.membersSummary
        && m.probeLine == look.probeLine && m.probed == look.probed && m.probe == look.probe)
        return;
    m_look = look;
    update();
}

StatusStyle ChipItem::statusLook() const
{
    return DiagramRenderer::chipStatusStyle(m_look, style().palette);
}

QRectF ChipItem::boundingRect() const
{
    return m_rect.adjusted(-2, -2, 2, 2);
}

void ChipItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    renderer().drawChip(painter, m_rect, m_look,
                        isSelected() || emphasis() == Emphasis::Highlighted);
}

ServiceItem::ServiceItem(const DiagramStyle &style)
    : DiagramItem(style)
{
    setFlag(ItemIsSelectable);
}

void ServiceItem::setGeometry(const QRectF &rect, const QList<QPolygonF> &links)
{
    prepareGeometryChange();
    setPos(rect.topLeft());
    m_rect = QRectF(QPointF(0, 0), rect.size());
    m_links.clear();
    for (const QPolygonF &link : links)
        m_links.append(link.translated(-rect.topLeft()));
}

void ServiceItem::setText(const QString &name, const QString &executable, int colourIndex)
{
    if (m_look.name == name && m_look.executable == executable && m_look.colour == colourIndex)
        return;
    m_look.name = name;
    m_look.executable = executable;
    m_look.colour = colourIndex;
    update();
}

void ServiceItem::setText(const ServiceLook &look)
{
    if (m_look == look)
        return;
    m_look = look;
    update();
}

QRectF ServiceItem::boundingRect() const
{
    QRectF r = m_rect;
    for (const QPolygonF &link : m_links)
        r |= link.boundingRect();
    return r.adjusted(-3, -3, 3, 3);
}

QPainterPath ServiceItem::shape() const
{
    // The label only: the links would steal hover and clicks from the chips around them.
    QPainterPath path;
    path.addRect(m_rect);
    return path;
}

void ServiceItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    renderer().drawService(painter, m_rect, m_links, m_look,
                           isSelected() || emphasis() == Emphasis::Highlighted);
}

PeerItem::PeerItem(const DiagramStyle &style)
    : DiagramItem(style)
{
    setFlag(ItemIsSelectable);
}

void PeerItem::setGeometry(const QRectF &rect, bool internet)
{
    prepareGeometryChange();
    setPos(rect.topLeft());
    m_rect = QRectF(QPointF(0, 0), rect.size());
    m_internet = internet;
}

void PeerItem::setText(const QString &name, const QString &detail)
{
    if (m_look.name == name && m_look.detail == detail)
        return;
    m_look = {name, detail};
    update();
}

QRectF PeerItem::boundingRect() const
{
    return m_rect.adjusted(-2, -2, 2, 2);
}

void PeerItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    renderer().drawPeer(painter, m_rect, m_internet, m_look,
                        isSelected() || emphasis() == Emphasis::Highlighted);
}

} // namespace edgemap
