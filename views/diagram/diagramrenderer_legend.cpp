// DiagramRenderer: the legend (every status, the unexpected chip, the kinds of flow line, and the
// Probe from Here verdicts the diagram shows).
#include "diagram/diagramrenderer.h"

#include <QCoreApplication>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace edgemap {

namespace {

constexpr ListenerStatus kLegendStatuses[] = {
        ListenerStatus::NotChecked,   ListenerStatus::Ok,           ListenerStatus::Missing,
        ListenerStatus::WrongProcess, ListenerStatus::WrongAddress, ListenerStatus::Exposed,
        ListenerStatus::Dynamic,      ListenerStatus::Unknown,
};
constexpr int kLegendRow = 20;
constexpr int kLegendEntry = 142; // width of one column
constexpr int kLegendSwatch = 32; // the chip, line or badge left of a word

enum class EntryKind { Status, Unexpected, Inbound, Outbound, Live, Probe };

struct LegendEntry
{
    EntryKind kind;
    QString word;
    ListenerStatus status = ListenerStatus::NotChecked;
    CombinedKind probe = CombinedKind::NotProbed;
    int span = 1; // columns taken: a long probe word takes two
};

QString legendText(const char *text)
{
    return QCoreApplication::translate("edgemap::DiagramLegend", text);
}

QList<LegendEntry> legendItems(StatusPalette palette, const QList<CombinedKind> &probes)
{
    QList<LegendEntry> items;
    for (ListenerStatus s : kLegendStatuses)
        items.append({EntryKind::Status, statusStyle(s, palette).label, s});
    items.append({EntryKind::Unexpected, unexpectedStyle(palette).label});
    items.append({EntryKind::Inbound, legendText("Inbound flow")});
    items.append({EntryKind::Outbound, legendText("Outbound flow")});
    items.append({EntryKind::Live, legendText("Connections seen")});
    for (CombinedKind kind : probes) {
        LegendEntry e{EntryKind::Probe, legendText("From here: %1").arg(displayName(kind))};
        e.probe = kind;
        const qreal width = kLegendSwatch + DiagramLayout::textWidth(e.word, 12) + 4;
        e.span = width > kLegendEntry ? 2 : 1;
        items.append(e);
    }
    return items;
}

struct Placed
{
    QList<QPoint> cells; // column and row of each entry
    QList<int> spans;    // columns each entry takes here
    int columns = 1;
    int rows = 0;
    qreal columnWidth = kLegendEntry; // wider in a single column that holds a long word
};

// Entries flow left to right; one that spans two columns starts a new row when it does not fit.
// In a single column (the legend at the right of the diagram) the column is as wide as the
// longest entry.
Placed place(const QList<LegendEntry> &items, int availableWidth)
{
    int slots = 0;
    for (const LegendEntry &e : items)
        slots += e.span;
    Placed out;
    out.columns = std::clamp((availableWidth - 16) / kLegendEntry, 1, std::max(1, slots));
    int column = 0;
    int row = 0;
    for (const LegendEntry &e : items) {
        const int span = std::min(e.span, out.columns);
        if (out.columns == 1 && e.span > 1)
            out.columnWidth
                    = std::max(out.columnWidth,
                               std::ceil(kLegendSwatch + 8 + DiagramLayout::textWidth(e.word, 12)));
        if (column + span > out.columns) {
            column = 0;
            ++row;
        }
        out.cells.append(QPoint(column, row));
        out.spans.append(span);
        column += span;
    }
    out.rows = items.isEmpty() ? 0 : row + 1;
    return out;
}

} // namespace

QSize DiagramRenderer::legendSizeForWidth(int availableWidth, const QList<CombinedKind> &probes)
{
    const Placed placed = place(legendItems(StatusPalette::Light, probes), availableWidth);
    return {int(placed.columns * placed.columnWidth) + 16, placed.rows * kLegendRow + 10};
}

QStringList DiagramRenderer::legendEntries(StatusPalette palette, const QList<CombinedKind> &probes)
{
    QStringList words;
    for (const LegendEntry &e : legendItems(palette, probes))
        words.append(e.word);
    return words;
}

void DiagramRenderer::drawLegend(QPainter *painter, const QSizeF &size,
                                 const QList<CombinedKind> &probes) const
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
    const QList<LegendEntry> items = legendItems(style.palette, probes);
    const Placed placed = place(items, int(size.width()));
    for (qsizetype i = 0; i < items.size(); ++i) {
        const LegendEntry &e = items.at(i);
        const QPointF at(8 + placed.cells.at(i).x() * placed.columnWidth,
                         5 + placed.cells.at(i).y() * kLegendRow);
        const qreal y = at.y() + kLegendRow / 2.0;
        switch (e.kind) {
        case EntryKind::Status:
        case EntryKind::Unexpected: {
            const StatusStyle s = e.kind == EntryKind::Status ? statusStyle(e.status, style.palette)
                                                              : unexpectedStyle(style.palette);
            const QRectF chip(at.x(), at.y() + 2, 26, kLegendRow - 4);
            QPen border = DiagramStyle::pen(s.border, 1.2);
            if (e.kind == EntryKind::Unexpected)
                border.setStyle(Qt::DashLine);
            p.setPen(border);
            p.setBrush(s.fill);
            p.drawRoundedRect(chip, 4, 4);
            p.setFont(DiagramStyle::font(13, true));
            p.setPen(s.border);
            p.drawText(chip, Qt::AlignCenter, s.glyph);
            break;
        }
        case EntryKind::Probe: { // the chips' probe badge: a pill with the glyph
            const StatusStyle s = probeStyle(e.probe, style.palette);
            drawPill(&p, QRectF(at.x() + 3, at.y() + 4, 20, kLegendRow - 8), s, s.glyph);
            break;
        }
        case EntryKind::Inbound:
        case EntryKind::Outbound:
        case EntryKind::Live: {
            const QColor colour = e.kind == EntryKind::Inbound    ? style.route
                                  : e.kind == EntryKind::Outbound ? style.routeOutbound
                                                                  : style.live;
            p.setPen(DiagramStyle::pen(colour, e.kind == EntryKind::Live ? 2.2 : 1.2,
                                       e.kind == EntryKind::Outbound ? Qt::DashLine
                                                                     : Qt::SolidLine));
            p.drawLine(QPointF(at.x(), y), QPointF(at.x() + 22, y));
            p.setPen(colour);
            p.setBrush(colour);
            const QPointF tip(at.x() + 26, y);
            p.drawPolygon(QPolygonF({tip, tip + QPointF(-6, -3.5), tip + QPointF(-6, 3.5)}));
            break;
        }
        }
        p.setFont(DiagramStyle::font(12));
        p.setPen(style.text);
        p.drawText(QRectF(at.x() + kLegendSwatch, at.y(),
                          placed.spans.at(i) * placed.columnWidth - kLegendSwatch - 4, kLegendRow),
                   Qt::AlignLeft | Qt::AlignVCenter, e.word);
    }
    p.restore();
}

} // namespace edgemap
