// DiagramExporter: pages for PDF and printing. One page fits the whole diagram; N pages tile it
// in a grid (pagefit: every page filled at one scale) with an overlap, marked on each page, so
// that the sheets can be taped together.
// Every page carries the title block (with its page number) and the legend.
#include "export/diagramexporter.h"

#include "diagram/diagramrenderer.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QPdfWriter>

#include <algorithm>
#include <cmath>

namespace edgemap {

namespace {

constexpr qreal kGap = 10;

// Corner ticks and dashed lines where the neighbouring page's part begins.
void paintOverlapMarks(QPainter *painter, const QRectF &core, const QRectF &target, bool left,
                       bool right, bool up, bool down)
{
    painter->save();
    QPen pen(QColor(0x80, 0x80, 0x80), 0.8, Qt::DashLine);
    pen.setCosmetic(true);
    painter->setPen(pen);
    if (left)
        painter->drawLine(QPointF(core.left(), target.top()),
                          QPointF(core.left(), target.bottom()));
    if (right)
        painter->drawLine(QPointF(core.right(), target.top()),
                          QPointF(core.right(), target.bottom()));
    if (up)
        painter->drawLine(QPointF(target.left(), core.top()), QPointF(target.right(), core.top()));
    if (down)
        painter->drawLine(QPointF(target.left(), core.bottom()),
                          QPointF(target.right(), core.bottom()));
    pen.setStyle(Qt::SolidLine);
    painter->setPen(pen);
    constexpr qreal tick = 8;
    for (const QPointF &c :
         {core.topLeft(), core.topRight(), core.bottomLeft(), core.bottomRight()}) {
        painter->drawLine(c - QPointF(tick, 0), c + QPointF(tick, 0));
        painter->drawLine(c - QPointF(0, tick), c + QPointF(0, tick));
    }
    painter->restore();
}

} // namespace

QSizeF DiagramExporter::diagramArea(const QSizeF &page, const QList<CombinedKind> &probes)
{
    const QSizeF legend = DiagramRenderer::legendSizeForWidth(int(page.width()), probes);
    return {page.width(), std::max(0.0, page.height() - kTitleHeight - legend.height() - 2 * kGap)};
}

pagefit::PageAreas DiagramExporter::pageAreas(QPageSize::PageSizeId size,
                                              const QList<CombinedKind> &probes)
{
    const auto areaOf = [size, &probes](QPageLayout::Orientation orientation) {
        const QPageLayout layout(QPageSize(size), orientation,
                                 QMarginsF(kPageMargin, kPageMargin, kPageMargin, kPageMargin),
                                 QPageLayout::Millimeter);
        // What paintPages sees on a 96 dpi writer: the paint rectangle in diagram units.
        return diagramArea(QSizeF(layout.paintRectPixels(96).size()), probes);
    };
    return {areaOf(QPageLayout::Portrait), areaOf(QPageLayout::Landscape)};
}

pagefit::PageChoice DiagramExporter::pageChoice() const
{
    return pagefit::choosePage(m_layout.bounds, pageAreas(m_options.pageSize, m_look.probeKinds),
                               m_options.tiles, m_options.orientation);
}

pagefit::Legibility DiagramExporter::legibility() const
{
    return pagefit::legibility(m_layout.bounds, pageAreas(m_options.pageSize, m_look.probeKinds),
                               m_options.tiles, m_options.orientation);
}

QString DiagramExporter::legibilityWarning(const QRectF &bounds, const ExportOptions &options,
                                           const QString &tilesHint)
{
    if (options.format != ExportFormat::Pdf)
        return {};
    const pagefit::Legibility l
            = pagefit::legibility(bounds, pageAreas(options.pageSize),
                                  std::clamp(options.tiles, 1, 64), options.orientation);
    return pagefit::legibilityWarning(l, QPageSize::name(options.pageSize), tilesHint);
}

int DiagramExporter::paintPages(QPagedPaintDevice *device) const
{
    QPainter painter;
    if (!painter.begin(device))
        return 0;
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    // Lay out in diagram units (1/96 inch) whatever the device's resolution.
    const qreal unit = device->logicalDpiX() / 96.0;
    painter.scale(unit, unit);
    const QSizeF page(device->width() / unit, device->height() / unit);
    const QSizeF legend = DiagramRenderer::legendSizeForWidth(int(page.width()), m_look.probeKinds);
    const QRectF target(QPointF(0, kTitleHeight + kGap), diagramArea(page, m_look.probeKinds));
    const DiagramRenderer renderer(m_look.style);
    // The device's orientation is the one chosen (pdf()) or the printer's.
    const pagefit::Plan plan = pagefit::planTiles(m_layout.bounds, target.size(), m_options.tiles);
    const int pages = plan.pages();
    const auto toPage = [&](const QRectF &source, const QRectF &r) {
        return QRectF(target.topLeft() + (r.topLeft() - source.topLeft()) * plan.scale,
                      r.size() * plan.scale);
    };
    for (const pagefit::Tile &tile : plan.tiles) {
        const int index = tile.row * plan.columns + tile.column;
        if (index > 0)
            device->newPage();
        painter.fillRect(QRectF(QPointF(0, 0), page), Qt::white);
        const QString note
                = pages > 1 ? QCoreApplication::translate("edgemap::DiagramExporter",
                                                          "Page %1 of %2, row %3 column %4")
                                      .arg(index + 1)
                                      .arg(pages)
                                      .arg(tile.row + 1)
                                      .arg(tile.column + 1)
                            : QString();
        paintTitleBlock(&painter, QRectF(0, 0, page.width(), kTitleHeight), note);
        painter.save();
        painter.setClipRect(target);
        renderer.drawDiagram(&painter, m_layout, m_look, target, tile.source);
        painter.restore();
        if (pages > 1)
            paintOverlapMarks(&painter, toPage(tile.source, tile.core), target, tile.column > 0,
                              tile.column<plan.columns - 1, tile.row> 0, tile.row < plan.rows - 1);
        painter.save();
        painter.translate(0, page.height() - legend.height());
        renderer.drawLegend(&painter, legend, m_look.probeKinds);
        painter.restore();
    }
    painter.end();
    return pages;
}

QByteArray DiagramExporter::pdf(int *pages) const
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        // 96 dpi: the diagram's hairlines (cosmetic pens) print a visible 1/96 inch wide.
        writer.setResolution(96);
        writer.setPageLayout(
                QPageLayout(QPageSize(m_options.pageSize), pageChoice().orientation,
                            QMarginsF(kPageMargin, kPageMargin, kPageMargin, kPageMargin),
                            QPageLayout::Millimeter));
        writer.setTitle(titleLines().at(0));
        writer.setCreator(QStringLiteral("EdgeMap"));
        const int count = paintPages(&writer);
        if (pages)
            *pages = count;
    }
    return buffer.data();
}

} // namespace edgemap
