// DiagramExporter: pages for PDF and printing. One page fits the whole diagram; N pages tile it
// in a grid with an overlap, marked on each page, so that the sheets can be taped together.
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
constexpr qreal kTitleHeight = 74;
constexpr qreal kOverlap = 0.05; // of a tile's width and height, shared with each neighbour

struct Grid
{
    int columns = 1;
    int rows = 1;
};

// The factor pair of `tiles` whose tile shape is closest to the page area's shape.
Grid gridFor(int tiles, const QSizeF &diagram, const QSizeF &area)
{
    Grid best{tiles, 1};
    qreal bestError = 1e9;
    for (int columns = 1; columns <= tiles; ++columns) {
        if (tiles % columns != 0)
            continue;
        const int rows = tiles / columns;
        const qreal tileAspect = (diagram.width() / columns) / (diagram.height() / rows);
        const qreal error = std::abs(std::log(tileAspect / (area.width() / area.height())));
        if (error < bestError) {
            bestError = error;
            best = {columns, rows};
        }
    }
    return best;
}

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
    const QSizeF legend = DiagramRenderer::legendSizeForWidth(int(page.width()));
    const QRectF area(0, kTitleHeight + kGap, page.width(),
                      page.height() - kTitleHeight - legend.height() - 2 * kGap);
    const QRectF bounds = m_layout.bounds;
    const DiagramRenderer renderer(m_look.style);
    const int tiles = m_options.tiles;
    const Grid grid = gridFor(tiles, bounds.size(), area.size());
    const QSizeF tile(bounds.width() / grid.columns, bounds.height() / grid.rows);
    const qreal overlap = tiles > 1 ? kOverlap * std::min(tile.width(), tile.height()) : 0;
    const QSizeF source(tile.width() + 2 * overlap, tile.height() + 2 * overlap);
    const qreal scale = std::min(area.width() / source.width(), area.height() / source.height());
    const QSizeF drawn = source * scale;
    const QRectF target(area.left() + (area.width() - drawn.width()) / 2, area.top(), drawn.width(),
                        drawn.height());
    for (int row = 0; row < grid.rows; ++row) {
        for (int column = 0; column < grid.columns; ++column) {
            const int index = row * grid.columns + column;
            if (index > 0)
                device->newPage();
            painter.fillRect(QRectF(QPointF(0, 0), page), Qt::white);
            const QString note
                    = tiles > 1 ? QCoreApplication::translate("edgemap::DiagramExporter",
                                                              "Page %1 of %2 (row %3, column %4)")
                                          .arg(index + 1)
                                          .arg(tiles)
                                          .arg(row + 1)
                                          .arg(column + 1)
                                : QString();
            paintTitleBlock(&painter, QRectF(0, 0, page.width(), kTitleHeight), note);
            const QPointF core(bounds.left() + column * tile.width(),
                               bounds.top() + row * tile.height());
            const QRectF from(core - QPointF(overlap, overlap), source);
            painter.save();
            painter.setClipRect(target);
            renderer.drawDiagram(&painter, m_layout, m_look, target, from);
            painter.restore();
            if (tiles > 1) {
                const QRectF coreRect(target.topLeft() + QPointF(overlap, overlap) * scale,
                                      tile * scale);
                paintOverlapMarks(&painter, coreRect, target, column > 0,
                                  column<grid.columns - 1, row> 0, row < grid.rows - 1);
            }
            painter.save();
            painter.translate(0, page.height() - legend.height());
            renderer.drawLegend(&painter, legend);
            painter.restore();
        }
    }
    painter.end();
    return tiles;
}

QByteArray DiagramExporter::pdf(int *pages) const
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        // 96 dpi: the diagram's hairlines (cosmetic pens) print a visible 1/96 inch wide.
        writer.setResolution(96);
        writer.setPageLayout(QPageLayout(QPageSize(m_options.pageSize), m_options.orientation,
                                         QMarginsF(10, 10, 10, 10), QPageLayout::Millimeter));
        writer.setTitle(titleLines().at(0));
        writer.setCreator(QStringLiteral("EdgeMap"));
        const int count = paintPages(&writer);
        if (pages)
            *pages = count;
    }
    return buffer.data();
}

} // namespace edgemap
