// Flow routes and scenario hop badges.
#include "diagram/diagramitems.h"

#include <QPainterPath>
#include <QPainterPathStroker>

namespace edgemap {

RouteItem::RouteItem(const DiagramStyle &style)
    : DiagramItem(style)
{
    setZValue(-1);
    setAcceptHoverEvents(true);
}

void RouteItem::setGeometry(const QPolygonF &points, const QString &label, const QRectF &labelRect)
{
    prepareGeometryChange();
    m_points = points;
    m_label = label;
    m_labelRect = labelRect;
}

void RouteItem::setLive(bool live)
{
    if (m_live == live)
        return;
    m_live = live;
    update();
}

QRectF RouteItem::boundingRect() const
{
    QRectF r = m_points.boundingRect().adjusted(-8, -8, 8, 8);
    if (!m_label.isEmpty())
        r |= m_labelRect;
    return r;
}

QPainterPath RouteItem::shape() const
{
    QPainterPath line;
    line.addPolygon(m_points);
    QPainterPathStroker stroker;
    stroker.setWidth(6);
    QPainterPath path = stroker.createStroke(line);
    if (!m_label.isEmpty())
        path.addRect(m_labelRect);
    return path;
}

void RouteItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    renderer().drawRoute(painter, m_points, m_label, m_labelRect, m_outbound, m_live,
                         emphasis() == Emphasis::Highlighted);
}

HopBadgeItem::HopBadgeItem(const DiagramStyle &style, int number, bool broken)
    : DiagramItem(style)
    , m_number(number)
    , m_broken(broken)
{
    setZValue(10);
}

QRectF HopBadgeItem::boundingRect() const
{
    return m_broken ? QRectF(-18, -11, 36, 22) : QRectF(-11, -11, 22, 22);
}

void HopBadgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    renderer().drawHopBadge(painter, m_number, m_broken);
}

} // namespace edgemap
