// The diagram's item base class and its boxes (zones, walls, pools, servers, address blocks).
// Chips, services and peers are in diagramitems_chip.cpp; routes and badges in
// diagramitems_route.cpp.
#include "diagramitems.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

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

bool DiagramItem::readable(const QPainter *painter, qreal pixelSize)
{
    // Below about five device pixels text is noise: draw the shapes only.
    return QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform())
                   * pixelSize
           >= 5.0;
}

void DiagramItem::drawText(QPainter *painter, const QRectF &rect, const QString &text,
                           const QFont &font, const QColor &colour, Qt::Alignment align)
{
    if (text.isEmpty() || !readable(painter, font.pixelSize()))
        return;
    painter->setFont(font);
    painter->setPen(colour);
    const QString shown = QFontMetricsF(font).elidedText(text, Qt::ElideRight, rect.width());
    painter->drawText(rect, int(align) | Qt::TextSingleLine, shown);
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
    m_title = title;
    m_subtitle = subtitle;
    update();
}

QRectF BoxItem::boundingRect() const
{
    return m_rect.adjusted(-2, -2, 2, 2);
}

void BoxItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const DiagramStyle &s = style();
    const bool selected = isSelected();
    const QPen selectedPen = DiagramStyle::pen(s.highlight, 2.5);
    switch (m_kind) {
    case ZoneKind:
        painter->setPen(Qt::NoPen);
        painter->setBrush(s.zoneFill[m_zoneIndex]);
        painter->drawRect(m_rect);
        break;
    case WallKind:
        paintWall(painter);
        break;
    case PoolKind:
        painter->setPen(selected ? selectedPen : DiagramStyle::pen(s.poolLine, 1, Qt::DashLine));
        painter->setBrush(s.poolFill);
        painter->drawRoundedRect(m_rect, 8, 8);
        break;
    case ServerKind:
        painter->setPen(selected ? selectedPen : DiagramStyle::pen(s.serverLine, 1.5));
        painter->setBrush(s.serverFill);
        painter->drawRoundedRect(m_rect, 6, 6);
        break;
    case AddressKind:
        painter->setPen(selected ? selectedPen : DiagramStyle::pen(s.blockLine));
        painter->setBrush(s.blockFill);
        painter->drawRoundedRect(m_rect, 4, 4);
        break;
    }
    paintTitle(painter);
}

// A wall of bricks: the firewall reads as a firewall without a legend.
void BoxItem::paintWall(QPainter *painter) const
{
    const DiagramStyle &s = style();
    painter->setPen(Qt::NoPen);
    painter->setBrush(s.wallFill);
    painter->drawRect(m_rect);
    painter->setPen(DiagramStyle::pen(s.wallLine));
    constexpr qreal brick = 10;
    const int rows = int(m_rect.height() / brick);
    for (int r = 1; r <= rows; ++r) {
        const qreal y = r * brick;
        painter->drawLine(QPointF(0, y), QPointF(m_rect.width(), y));
        const qreal x = (r % 2 ? 0.33 : 0.66) * m_rect.width();
        painter->drawLine(QPointF(x, y - brick), QPointF(x, y));
    }
    painter->setBrush(Qt::NoBrush);
    painter->drawRect(m_rect);
}

void BoxItem::paintTitle(QPainter *painter) const
{
    const DiagramStyle &s = style();
    switch (m_kind) {
    case ZoneKind:
        drawText(painter, m_titleRect, m_title, DiagramStyle::font(15, true), s.zoneTitle,
                 Qt::AlignHCenter | Qt::AlignVCenter);
        break;
    case WallKind: {
        // Vertical text along the wall, on a plate so that it reads over the bricks.
        if (!readable(painter, 10))
            return;
        painter->save();
        painter->translate(m_rect.center());
        painter->rotate(-90);
        const QRectF plate(-70, -m_rect.width() / 2 + 1, 140, m_rect.width() - 2);
        painter->setPen(Qt::NoPen);
        painter->setBrush(s.wallLine);
        painter->drawRect(plate);
        drawText(painter, plate, m_title, DiagramStyle::font(10, true), Qt::white, Qt::AlignCenter);
        painter->restore();
        break;
    }
    case PoolKind:
    case ServerKind: {
        const QFont bold = DiagramStyle::font(m_kind == ServerKind ? 13 : 12, true);
        drawText(painter, m_titleRect, m_title, bold, s.text);
        const qreal used
                = std::min(m_titleRect.width(), QFontMetricsF(bold).horizontalAdvance(m_title) + 8);
        drawText(painter, m_titleRect.adjusted(used, 0, 0, 0), m_subtitle, DiagramStyle::font(11),
                 s.mutedText);
        break;
    }
    case AddressKind: {
        const QRectF top(m_titleRect.left(), m_titleRect.top(), m_titleRect.width(), 14);
        drawText(painter, top, m_title, DiagramStyle::font(11, true), s.text);
        const QStringList lines = m_subtitle.split(QLatin1Char('\n'));
        for (int i = 0; i < lines.size(); ++i)
            drawText(painter, top.translated(0, 14 * (i + 1)), lines.at(i), DiagramStyle::font(11),
                     s.mutedText);
        break;
    }
    }
}

} // namespace edgemap
