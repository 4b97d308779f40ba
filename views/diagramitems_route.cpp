// Flow routes and scenario hop badges.
#include "diagramitems.h"

#include "diagramlayout.h"

#include <QFontMetricsF>
#include <QLineF>
#include <QPainter>
#include <QPainterPath>
#include <QPainterPathStroker>

#include <cmath>

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
    if (m_points.size() < 2)
        return;
    const DiagramStyle &s = style();
    const bool strong = emphasis() == Emphasis::Highlighted;
    QColor colour = m_live ? s.live : m_outbound ? s.routeOutbound : s.route;
    if (strong)
        colour = s.highlight;
    const qreal width = strong ? 3 : m_live ? 2.2 : 1.2;
    painter->setPen(DiagramStyle::pen(colour, width, m_outbound ? Qt::DashLine : Qt::SolidLine));
    painter->setBrush(Qt::NoBrush);
    painter->drawPolyline(m_points);

    // Arrowhead at the target, in scene units so that it scales with the boxes.
    const QLineF last(m_points.at(m_points.size() - 2), m_points.last());
    const qreal angle = std::atan2(last.dy(), last.dx());
    constexpr qreal size = 8;
    const QPointF tip = m_points.last();
    const QPointF a = tip - QPointF(std::cos(angle - 0.45) * size, std::sin(angle - 0.45) * size);
    const QPointF b = tip - QPointF(std::cos(angle + 0.45) * size, std::sin(angle + 0.45) * size);
    painter->setPen(DiagramStyle::pen(colour));
    painter->setBrush(colour);
    painter->drawPolygon(QPolygonF({tip, a, b}));

    if (m_label.isEmpty() || !readable(painter, 10))
        return;
    const QFont font = DiagramStyle::font(10);
    const QStringList lines = m_label.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        const QRectF line(m_labelRect.left(), m_labelRect.top() + i * DiagramLayout::kLabelLine,
                          m_labelRect.width(), DiagramLayout::kLabelLine);
        drawText(painter, line, lines.at(i), font, colour, Qt::AlignRight | Qt::AlignVCenter);
    }
}

HopBadgeItem::HopBadgeItem(const DiagramStyle &style, int number)
    : DiagramItem(style)
    , m_number(number)
{
    setZValue(10);
}

QRectF HopBadgeItem::boundingRect() const
{
    return QRectF(-11, -11, 22, 22);
}

void HopBadgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const DiagramStyle &s = style();
    painter->setPen(DiagramStyle::pen(s.background, 1.5));
    painter->setBrush(s.badgeFill);
    painter->drawEllipse(QRectF(-10, -10, 20, 20));
    painter->setFont(DiagramStyle::font(12, true));
    painter->setPen(s.badgeText);
    painter->drawText(QRectF(-10, -10, 20, 20), Qt::AlignCenter, QString::number(m_number));
}

} // namespace edgemap
