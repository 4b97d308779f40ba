// The member table of a pool drawn as one shape: its header and one row per member.
#include "diagram/diagramitems.h"

namespace edgemap {

MemberRowItem::MemberRowItem(const DiagramStyle &style)
    : DiagramItem(style)
{
    setFlag(ItemIsSelectable);
}

void MemberRowItem::setGeometry(const DiagramLayout::MemberRow &row)
{
    prepareGeometryChange();
    setPos(row.rect.topLeft());
    m_rect = QRectF(QPointF(0, 0), row.rect.size());
    m_cells = row.cells;
    m_columnX = row.columnX;
    m_expanded = row.expanded;
    update();
}

void MemberRowItem::setLook(const MemberLook &look)
{
    if (m_look.status == look.status && m_look.summary == look.summary)
        return;
    m_look = look;
    update();
}

QRectF MemberRowItem::boundingRect() const
{
    return m_rect.adjusted(-2, -2, 2, 2);
}

void MemberRowItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    renderer().drawMemberRow(painter, m_rect, m_cells, m_columnX, m_look, m_expanded,
                             isSelected() || emphasis() == Emphasis::Highlighted);
}

MemberHeaderItem::MemberHeaderItem(const DiagramStyle &style)
    : DiagramItem(style)
{
    setZValue(-3); // under its rows, like an address block under its chips
}

void MemberHeaderItem::setGeometry(const DiagramLayout::MemberTable &table)
{
    prepareGeometryChange();
    m_table = table;
    update();
}

void MemberHeaderItem::setTitle(const BoxLook &look)
{
    m_look = look;
    update();
}

QRectF MemberHeaderItem::boundingRect() const
{
    return m_table.rect.adjusted(-2, -2, 2, 2);
}

void MemberHeaderItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    renderer().drawMemberTable(painter, m_table, m_look);
}

} // namespace edgemap
