// The diagram's item base class and its boxes (zones, walls, pools, servers, address blocks).
// Chips, services and peers are in diagramitems_chip.cpp; routes and badges in
// diagramitems_route.cpp. DiagramRenderer draws them all.
#include "diagram/diagramitems.h"

namespace edgemap {

DiagramItem::DiagramItem(const DiagramStyle &style)
    : m_style(style)
{}

void DiagramItem::setEmphasis(Emphasis emphasis)
{
    if (m_emphasis == emphasis)
        return;
    m_emphasis = emphasis;
    setOpacity(emphasis == Emphasis::Dimmed ? 0.22 : 1.0);
    update();
}

BoxItem::BoxItem(Kind kind, const DiagramStyle &style)
    : DiagramItem(style)
    , m_kind(kind)
{
    const qreal z[] = {-10, -6, -5, -4, -3};
    setZValue(z[kind]);
    if (kind == PoolKind || kind == ServerKind || kind == AddressKind)
        setFlag(ItemIsSelectable);
}

void BoxItem::setGeometry(const QRectF &rect, const QRectF &titleRect)
{
    prepareGeometryChange();
    setPos(rect.topLeft());
    m_rect = QRectF(QPointF(0, 0), rect.size());
    m_titleRect = titleRect.translated(-rect.topLeft());
}

void BoxItem::setTitle(const QString &title, const QString &subtitle)
{
    if (m_look.title == title && m_look.subtitle == subtitle)
        return;
    m_look = {title, subtitle};
    update();
}

QRectF BoxItem::boundingRect() const
{
    return m_rect.adjusted(-2, -2, 2, 2);
}

void BoxItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    renderer().drawBox(painter, static_cast<DiagramRenderer::Box>(m_kind), m_rect, m_titleRect,
                       m_look, m_zoneIndex, isSelected());
}

} // namespace edgemap
