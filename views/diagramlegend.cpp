#include "diagramlegend.h"

#include <QPainter>

#include <algorithm>

namespace edgemap {

namespace {

constexpr ListenerStatus kStatuses[] = {
        ListenerStatus::NotChecked,   ListenerStatus::Ok,           ListenerStatus::Missing,
        ListenerStatus::WrongProcess, ListenerStatus::WrongAddress, ListenerStatus::Exposed,
        ListenerStatus::Dynamic,      ListenerStatus::Unknown,
};
constexpr int kRow = 20;
constexpr int kStatusCount = int(sizeof(kStatuses) / sizeof(kStatuses[0]));
constexpr int kLineRows = 3; // inbound, outbound, live
constexpr int kCount = kStatusCount + 1 + kLineRows;
constexpr int kEntry = 142; // width of one entry

} // namespace

DiagramLegend::DiagramLegend(QWidget *parent)
    : QWidget(parent)
    , m_style(DiagramStyle::forPalette(StatusPalette::Light))
{
    setObjectName(QStringLiteral("diagramLegend"));
    setAccessibleName(tr("Legend"));
    setAccessibleDescription(entries().join(QStringLiteral(", ")));
    resize(sizeHint());
}

void DiagramLegend::setDiagramStyle(const DiagramStyle &style)
{
    m_style = style;
    update();
}

QSize DiagramLegend::sizeForWidth(int availableWidth)
{
    const int columns = std::clamp((availableWidth - 16) / kEntry, 1, kCount);
    const int rows = (kCount + columns - 1) / columns;
    return {columns * kEntry + 16, rows * kRow + 10};
}

QStringList DiagramLegend::entries() const
{
    return entriesFor(m_style.palette);
}

QStringList DiagramLegend::entriesFor(StatusPalette palette)
{
    QStringList words;
    for (ListenerStatus s : kStatuses)
        words.append(statusStyle(s, palette).label);
    words.append(unexpectedStyle(palette).label);
    words << tr("Inbound flow") << tr("Outbound flow") << tr("Connections seen");
    return words;
}

void DiagramLegend::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    paint(&p, size(), m_style);
}

void DiagramLegend::paint(QPainter *painter, const QSizeF &size, const DiagramStyle &style)
{
    QPainter &p = *painter;
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    QColor panel = style.background;
    panel.setAlpha(235);
    p.setPen(DiagramStyle::pen(style.blockLine));
    p.setBrush(panel);
    p.drawRoundedRect(QRectF(QPointF(0, 0), size).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
    const QStringList words = entriesFor(style.palette);
    const int columns = std::max(1, (int(size.width()) - 16) / kEntry);
    const QColor lines[kLineRows] = {style.route, style.routeOutbound, style.live};
    const Qt::PenStyle styles[kLineRows] = {Qt::SolidLine, Qt::DashLine, Qt::SolidLine};
    const qreal widths[kLineRows] = {1.2, 1.2, 2.2};
    for (int i = 0; i < kCount; ++i) {
        const QPointF at(8 + (i % columns) * kEntry, 5 + (i / columns) * kRow);
        if (i <= kStatusCount) {
            const StatusStyle s = i < kStatusCount ? statusStyle(kStatuses[i], style.palette)
                                                   : unexpectedStyle(style.palette);
            const QRectF chip(at.x(), at.y() + 2, 26, kRow - 4);
            QPen border = DiagramStyle::pen(s.border, 1.2);
            if (i == kStatusCount)
                border.setStyle(Qt::DashLine);
            p.setPen(border);
            p.setBrush(s.fill);
            p.drawRoundedRect(chip, 4, 4);
            p.setFont(DiagramStyle::font(13, true));
            p.setPen(s.border);
            p.drawText(chip, Qt::AlignCenter, s.glyph);
        } else {
            const int l = i - kStatusCount - 1;
            const qreal y = at.y() + kRow / 2.0;
            p.setPen(DiagramStyle::pen(lines[l], widths[l], styles[l]));
            p.drawLine(QPointF(at.x(), y), QPointF(at.x() + 22, y));
            p.setPen(lines[l]);
            p.setBrush(lines[l]);
            const QPointF tip(at.x() + 26, y);
            p.drawPolygon(QPolygonF({tip, tip + QPointF(-6, -3.5), tip + QPointF(-6, 3.5)}));
        }
        p.setFont(DiagramStyle::font(12));
        p.setPen(style.text);
        p.drawText(QRectF(at.x() + 32, at.y(), kEntry - 36, kRow), Qt::AlignLeft | Qt::AlignVCenter,
                   words.at(i));
    }
    p.restore();
}

} // namespace edgemap
