#pragma once

#include <QList>
#include <QPageLayout>
#include <QRectF>
#include <QSizeF>
#include <QString>

#include <optional>

namespace edgemap::pagefit {

// How a diagram is laid on paper: the orientation, the grid of tiles and the one scale every page
// is printed at, and whether its smallest text is still legible there. Pure geometry in diagram
// units (1/96 inch, on the page as in the diagram), so that the exporter, the export dialog and
// the command line agree and tests need no painter.

// The smallest text that carries the diagram's information, in diagram units: DiagramRenderer
// draws a chip's protocol and status word, a route's label and a box's detail lines at 10 px.
// (The change badge's 9 px "new" sits in a coloured pill and reads by its shape too.)
inline constexpr qreal kSmallestTextPixels = 10;
// Below this printed size text is hard to read on paper.
inline constexpr qreal kLegiblePoints = 6;
// The share of a tile's width (height) that the smallest overlap with a neighbour takes.
inline constexpr qreal kOverlap = 0.05;
inline constexpr int kMaxTiles = 64;
// Plans whose scale is within this share of the largest are as good: the least blank wins.
inline constexpr qreal kNearScale = 0.05;

// The printed size in points of text `pixels` high in diagram units, drawn at `scale`.
constexpr qreal printedPoints(qreal pixels, qreal scale)
{
    return pixels * scale * 72.0 / 96.0;
}

// One page of a plan: the part of the diagram it shows (`source`, diagram units; what lies
// outside the diagram's bounds prints blank) and the part it owns (`core`: the overlaps are split
// in the middle, where the overlap marks go).
struct Tile
{
    int row = 0;
    int column = 0;
    QRectF source;
    QRectF core;
};

struct Plan
{
    int columns = 1;
    int rows = 1;
    qreal scale = 0;   // page units per diagram unit
    QList<Tile> tiles; // row by row
    int pages() const { return columns * rows; }
    // The largest share of a page's diagram area that lies outside the diagram's bounds (0..1).
    qreal blankShare(const QRectF &bounds) const;
};

// The tiles of `bounds` over columns x rows pages whose diagram area is `area`. The scale is the
// largest at which the pages cover the diagram with at least kOverlap of overlap; what the pages
// have to spare in the other direction goes into wider overlaps, so that no page prints a blank
// band unless the whole diagram is narrower (shorter) than one page there: then one column is
// centred (one row is top aligned).
Plan planGrid(const QRectF &bounds, const QSizeF &area, int columns, int rows);

// Of the grids of exactly `tiles` pages (columns x rows), the one with the largest scale; of
// those within kNearScale of it, the least blank.
Plan planTiles(const QRectF &bounds, const QSizeF &area, int tiles);

// A page's diagram area (what the title block, legend and margins leave) in each orientation.
struct PageAreas
{
    QSizeF portrait;
    QSizeF landscape;
    QSizeF of(QPageLayout::Orientation o) const
    {
        return o == QPageLayout::Portrait ? portrait : landscape;
    }
};

struct PageChoice
{
    QPageLayout::Orientation orientation = QPageLayout::Landscape;
    Plan plan;
};

// The plan for `tiles` pages in the orientation asked for, or (nullopt) in the one that prints
// the diagram larger (as planTiles chooses among grids, over both orientations; landscape on a
// tie).
PageChoice choosePage(const QRectF &bounds, const PageAreas &areas, int tiles,
                      std::optional<QPageLayout::Orientation> orientation);

// The printed size of the smallest text, and when it is too small, the fewest pages that make it
// legible in the same orientation choice (0: not even kMaxTiles do).
struct Legibility
{
    qreal points = 0;
    qreal minimum = kLegiblePoints;
    int tilesNeeded = 0;
    qreal pointsWithTiles = 0; // at tilesNeeded pages
    bool legible() const { return points >= minimum; }
};

Legibility legibility(const QRectF &bounds, const PageAreas &areas, int tiles,
                      std::optional<QPageLayout::Orientation> orientation,
                      qreal smallestPixels = kSmallestTextPixels);

// The warning for an illegible plan ("the smallest text prints at 3.1 pt on A4 ...; with
// --tiles 4 it prints at 6.2 pt"), empty when legible. `tilesHint` is how to ask for tiles where
// the text is read
// ("--tiles %1" on the command line, "%1 pages" in the window).
QString legibilityWarning(const Legibility &legibility, const QString &pageName,
                          const QString &tilesHint);

} // namespace edgemap::pagefit
