// DiagramRenderer: the legend (every status, the unexpected chip, the kinds of flow line).
#include "diagram/diagramrenderer.h"

#include <QCoreApplication>
#include <QPainter>

#include <algorithm>

namespace edgemap {

namespace {

constexpr ListenerStatus kLegendStatuses[] = {
        ListenerStatus::NotChecked,   ListenerStatus::Ok,           ListenerStatus::Missing,
        ListenerStatus::WrongProcess, ListenerStatus::WrongAddress, ListenerStatus::Exposed,
        ListenerStatus::Dynamic,      ListenerStatus::Unknown,
};
constexpr int kLegendRow = 20;
constexpr int kLegendStatusCount = int(sizeof(kLegendStatuses) / sizeof(kLegendStatuses[0]));
constexpr int kLegendLineRows = 3; // inbound, outbound, live
constexpr int kLegendCount = kLegendStatusCount + 1 + kLegendLineRows;
constexpr int kLegendEntry = 142; // width of one entry

} // namespace

QSize DiagramRenderer::legendSizeForWidth(int availableWidth)
{
    const int columns = std::clamp((availableWidth - 16) / kLegendEntry, 1, kLegendCount);
    const int rows = (kLegendCount + columns - 1) / columns;
    return {columns * kLegendEntry + 16, rows * kLegendRow + 10};
}

QStringList DiagramRenderer::legendEntries(StatusPalette palette)
{
    QStringList words;
    for (ListenerStatus s : kLegendStatuses)
        words.append(statusStyle(s, palette).label);
    words.append(unexpectedStyle(palette).label);
    words << QCoreApplication::translate("edgemap::DiagramLegend", "Inbound flow")
          << QCoreApplication::translate("edgemap::DiagramLegend", "Outbound flow")
          << QCoreApplication::translate("edgemap::DiagramLegend", "Connections seen");
    return words;
}

void DiagramRenderer::drawLegend(QPainter *painter, const QSizeF &size) const
{
    const DiagramStyle &style = m_style;
    QPainter &p = *painter;
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    QColor panel = style.background;
    panel.setAlpha(235);
    p.setPen(DiagramStyle::pen(style.blockLine));
    p.setBrush(panel);
    p.drawRoundedRect(QRectF(QPointF(0, 0), size).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
    const QStringList words = legendEntries(style.palette);
    const int columns = std::max(1, (int(size.width()) - 16) / kLegendEntry);
    const QColor lines[kLegendLineRows] = {style.route, style.routeOutbound, style.live};
    const Qt::PenStyle styles[kLegendLineRows] = {Qt::SolidLine, Qt::DashLine, Qt::SolidLine};
    const qreal widths[kLegendLineRows] = {1.2, 1.2, 2.2};
    for (int i = 0; i < kLegendCount; ++i) {
        const QPointF at(8 + (i % columns) * kLegendEntry, 5 + (i / columns) * kLegendRow);
        if (i <= kLegendStatusCount) {
            const StatusStyle s = i < kLegendStatusCount
                                          ? statusStyle(kLegendStatuses[i], style.palette)
                                          : unexpectedStyle(style.palette);
            const QRectF chip(at.x(), at.y() + 2, 26, kLegendRow - 4);
            QPen border = DiagramStyle::pen(s.border, 1.2);
            if (i == kLegendStatusCount)
                border.setStyle(Qt::DashLine);
            p.setPen(border);
            p.setBrush(s.fill);
            p.drawRoundedRect(chip, 4, 4);
            p.setFont(DiagramStyle::font(13, true));
            p.setPen(s.border);
            p.drawText(chip, Qt::AlignCenter, s.glyph);
        } else {
            const int l = i - kLegendStatusCount - 1;
            const qreal y = at.y() + kLegendRow / 2.0;
            p.setPen(DiagramStyle::pen(lines[l], widths[l], styles[l]));
            p.drawLine(QPointF(at.x(), y), QPointF(at.x() + 22, y));
            p.setPen(lines[l]);
            p.setBrush(lines[l]);
            const QPointF tip(at.x() + 26, y);
            p.drawPolygon(QPolygonF({tip, tip + QPointF(-6, -3.5), tip + QPointF(-6, 3.5)}));
        }
        p.setFont(DiagramStyle::font(12));
        p.setPen(style.text);
        p.drawText(QRectF(at.x() + 32, at.y(), kLegendEntry - 36, kLegendRow),
                   Qt::AlignLeft | Qt::AlignVCenter, words.at(i));
    }
    p.restore();
}

} // namespace edgemap
