// Listener chips, service bands and peers.
#include "diagramitems.h"

#include "diagramlayout.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <QPainterPathStroker>

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
    m_socket = socket;
    m_protocol = protocol;
    update();
}

void ChipItem::setUnexpected(bool unexpected)
{
    m_unexpected = unexpected;
    update();
}

void ChipItem::setStatus(ListenerStatus status, int established)
{
    if (m_status == status && m_established == established)
        return;
    m_status = status;
    m_established = established;
    update();
}

void ChipItem::setChange(const QString &badge, const QString &description)
{
    if (m_changeBadge == badge && m_changeDescription == description)
        return;
    m_changeBadge = badge;
    m_changeDescription = description;
    update();
}

StatusStyle ChipItem::statusLook() const
{
    return m_unexpected ? unexpectedStyle(style().palette) : statusStyle(m_status, style().palette);
}

QRectF ChipItem::boundingRect() const
{
    return m_rect.adjusted(-2, -2, 2, 2);
}

// Glyph column on the left; socket, protocol and status word on three lines. The status is told
// by colour, glyph and word together.
void ChipItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const StatusStyle look = statusLook();
    const bool strong = isSelected() || emphasis() == Emphasis::Highlighted;
    QPen border = strong ? DiagramStyle::pen(style().highlight, 2.5)
                         : DiagramStyle::pen(look.border, 1.2);
    if (isChanged() && !strong)
        border = DiagramStyle::pen(style().badgeFill, 2.2);
    if (m_unexpected && !strong)
        border.setStyle(Qt::DashLine);
    painter->setPen(border);
    painter->setBrush(look.fill);
    painter->drawRoundedRect(m_rect.adjusted(0.5, 0.5, -0.5, -0.5), 5, 5);

    constexpr qreal glyph = 18;
    const qreal pad = DiagramLayout::kChipPadding;
    const qreal badge = paintChangeBadge(painter);
    if (m_rect.height() < 30) { // compact: one line
        drawText(painter, QRectF(pad - 2, 0, glyph, m_rect.height()), look.glyph,
                 DiagramStyle::font(13, true), look.border, Qt::AlignCenter);
        drawText(painter, m_rect.adjusted(pad + glyph - 2, 0, -pad - badge, 0),
                 m_socket + QStringLiteral("  ") + m_protocol, DiagramStyle::font(10, true),
                 look.text);
        return;
    }
    drawText(painter, QRectF(pad - 2, 0, glyph, m_rect.height()), look.glyph,
             DiagramStyle::font(16, true), look.border, Qt::AlignCenter);
    const QRectF text(pad + glyph, 2, m_rect.width() - 2 * pad - glyph, 13);
    drawText(painter, text.adjusted(0, 0, -badge, 0), m_socket, DiagramStyle::font(11, true),
             look.text);
    drawText(painter, text.translated(0, 13), m_protocol, DiagramStyle::font(10), look.text);
    QString state = look.label;
    if (m_established > 0)
        state += QStringLiteral(" · %1 conn.").arg(m_established);
    drawText(painter, text.translated(0, 26), state, DiagramStyle::font(10, true), look.text);
}

// The change badge in the top right corner; returns the width it takes from the text.
qreal ChipItem::paintChangeBadge(QPainter *painter) const
{
    if (!isChanged())
        return 0;
    const QFont font = DiagramStyle::font(9, true);
    const qreal width = QFontMetricsF(font).horizontalAdvance(m_changeBadge) + 8;
    const qreal height = 12;
    const QRectF pill(m_rect.right() - width - 3,
                      m_rect.height() < 30 ? (m_rect.height() - height) / 2 : 3, width, height);
    painter->setPen(Qt::NoPen);
    painter->setBrush(style().badgeFill);
    painter->drawRoundedRect(pill, height / 2, height / 2);
    drawText(painter, pill, m_changeBadge, font, style().badgeText, Qt::AlignCenter);
    return width + 4;
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
    m_name = name;
    m_executable = executable;
    m_colour = colourIndex;
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

// Links as smooth curves from each chip to the label: the service carries traffic between them.
void ServiceItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const DiagramStyle &s = style();
    const bool strong = isSelected() || emphasis() == Emphasis::Highlighted;
    QColor hue = s.serviceColour(m_colour);
    QColor line = hue;
    line.setAlpha(strong ? 255 : 170);
    painter->setBrush(Qt::NoBrush);
    painter->setPen(DiagramStyle::pen(strong ? s.highlight : line, strong ? 3 : 2));
    for (const QPolygonF &link : m_links) {
        if (link.size() < 2)
            continue;
        const QPointF a = link.first();
        const QPointF b = link.last();
        const qreal mid = (a.x() + b.x()) / 2;
        QPainterPath path(a);
        path.cubicTo(QPointF(mid, a.y()), QPointF(mid, b.y()), b);
        painter->drawPath(path);
    }
    QColor fill = hue;
    fill.setAlpha(s.palette == StatusPalette::Dark ? 90 : 40);
    painter->setPen(strong ? DiagramStyle::pen(s.highlight, 2.5) : DiagramStyle::pen(hue, 1.5));
    painter->setBrush(s.serverFill);
    painter->drawRoundedRect(m_rect, 10, 10);
    painter->setBrush(fill);
    painter->drawRoundedRect(m_rect, 10, 10);
    const QRectF text = m_rect.adjusted(6, 3, -6, -3);
    drawText(painter, QRectF(text.left(), text.top(), text.width(), 14), m_name,
             DiagramStyle::font(11, true), s.text, Qt::AlignCenter);
    drawText(painter, QRectF(text.left(), text.top() + 14, text.width(), 14), m_executable,
             DiagramStyle::font(10), s.mutedText, Qt::AlignCenter);
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
    m_name = name;
    m_detail = detail;
    update();
}

QRectF PeerItem::boundingRect() const
{
    return m_rect.adjusted(-2, -2, 2, 2);
}

void PeerItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const DiagramStyle &s = style();
    const bool strong = isSelected() || emphasis() == Emphasis::Highlighted;
    painter->setPen(strong ? DiagramStyle::pen(s.highlight, 2.5) : DiagramStyle::pen(s.peerLine));
    painter->setBrush(s.peerFill[m_internet ? 0 : 1]);
    painter->drawRoundedRect(m_rect.adjusted(0.5, 0.5, -0.5, -0.5), 12, 12);
    const QRectF text = m_rect.adjusted(10, 5, -10, -5);
    drawText(painter, QRectF(text.left(), text.top(), text.width(), 18), m_name,
             DiagramStyle::font(11, true), s.text, Qt::AlignCenter);
    drawText(painter, QRectF(text.left(), text.top() + 18, text.width(), 16), m_detail,
             DiagramStyle::font(10), s.mutedText, Qt::AlignCenter);
}

} // namespace edgemap
