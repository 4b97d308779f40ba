#include "export/pagefit.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace edgemap::pagefit {

namespace {

// Where `count` windows of length `window` start along a diagram extent [start, start + length].
QList<qreal> positions(qreal start, qreal length, qreal window, int count, bool centreOne)
{
    QList<qreal> out;
    if (count == 1) {
        out.append(centreOne ? start + (length - window) / 2 : start);
        return out;
    }
    // Spread evenly from edge to edge: the spare length widens every overlap alike.
    const qreal step = (length - window) / (count - 1);
    for (int i = 0; i < count; ++i)
        out.append(start + i * step);
    return out;
}

// The part of window i that it owns: up to the middle of each overlap with a neighbour.
std::pair<qreal, qreal> owned(const QList<qreal> &at, qreal window, int i)
{
    const qreal from = i == 0 ? at.at(i) : (at.at(i) + at.at(i - 1) + window) / 2;
    const qreal to
            = i + 1 == at.size() ? at.at(i) + window : (at.at(i + 1) + at.at(i) + window) / 2;
    return {from, to};
}

qreal area(const QRectF &r)
{
    return r.isValid() ? r.width() * r.height() : 0;
}

QString tr(const char *text)
{
    return QCoreApplication::translate("edgemap::pagefit", text);
}

} // namespace

qreal Plan::blankShare(const QRectF &bounds) const
{
    qreal worst = 0;
    for (const Tile &t : tiles)
        if (area(t.source) > 0)
            worst = std::max(worst, 1 - area(t.source.intersected(bounds)) / area(t.source));
    return worst;
}

Plan planGrid(const QRectF &bounds, const QSizeF &page, int columns, int rows)
{
    Plan plan;
    plan.columns = std::max(1, columns);
    plan.rows = std::max(1, rows);
    if (bounds.isEmpty() || page.isEmpty())
        return plan;
    // The smallest windows that cover the bounds with kOverlap between neighbours.
    const qreal needWidth = bounds.width() / (plan.columns - kOverlap * (plan.columns - 1));
    const qreal needHeight = bounds.height() / (plan.rows - kOverlap * (plan.rows - 1));
    plan.scale = std::min(page.width() / needWidth, page.height() / needHeight);
    const QSizeF window = page / plan.scale;
    const QList<qreal> xs
            = positions(bounds.left(), bounds.width(), window.width(), plan.columns, true);
    const QList<qreal> ys
            = positions(bounds.top(), bounds.height(), window.height(), plan.rows, false);
    for (int row = 0; row < plan.rows; ++row) {
        for (int column = 0; column < plan.columns; ++column) {
            Tile t;
            t.row = row;
            t.column = column;
            t.source = QRectF(QPointF(xs.at(column), ys.at(row)), window);
            const auto [left, right] = owned(xs, window.width(), column);
            const auto [top, bottom] = owned(ys, window.height(), row);
            t.core = QRectF(QPointF(left, top), QPointF(right, bottom));
            plan.tiles.append(t);
        }
    }
    return plan;
}

namespace {

// Every grid of exactly `tiles` pages.
QList<Plan> grids(const QRectF &bounds, const QSizeF &page, int tiles)
{
    tiles = std::clamp(tiles, 1, kMaxTiles);
    QList<Plan> out;
    for (int columns = 1; columns <= tiles; ++columns)
        if (tiles % columns == 0)
            out.append(planGrid(bounds, page, columns, tiles / columns));
    return out;
}

// Of the candidates, the least blank among those within kNearScale of the largest scale (then
// the larger scale): a few per cent smaller print is worth a page without a blank band.
template<class T, class PlanOf>
T pick(const QList<T> &candidates, const QRectF &bounds, PlanOf planOf)
{
    qreal largest = 0;
    for (const T &c : candidates)
        largest = std::max(largest, planOf(c).scale);
    const T *best = nullptr;
    qreal bestBlank = 2;
    for (const T &c : candidates) {
        const Plan &plan = planOf(c);
        if (plan.scale < largest * (1 - kNearScale))
            continue;
        const qreal blank = plan.blankShare(bounds);
        constexpr qreal same = 1e-6;
        if (!best || blank < bestBlank - same
            || (blank <= bestBlank + same && plan.scale > planOf(*best).scale)) {
            best = &c;
            bestBlank = blank;
        }
    }
    return best ? *best : T{};
}

} // namespace

Plan planTiles(const QRectF &bounds, const QSizeF &page, int tiles)
{
    return pick(grids(bounds, page, tiles), bounds,
                [](const Plan &p) -> const Plan & { return p; });
}

PageChoice choosePage(const QRectF &bounds, const PageAreas &areas, int tiles,
                      std::optional<QPageLayout::Orientation> orientation)
{
    QList<PageChoice> candidates;
    // Landscape first: on a tie it stays, as the one-page default always was.
    for (QPageLayout::Orientation o : {QPageLayout::Landscape, QPageLayout::Portrait})
        if (!orientation || *orientation == o)
            for (const Plan &plan : grids(bounds, areas.of(o), tiles))
                candidates.append({o, plan});
    return pick(candidates, bounds, [](const PageChoice &c) -> const Plan & { return c.plan; });
}

Legibility legibility(const QRectF &bounds, const PageAreas &areas, int tiles,
                      std::optional<QPageLayout::Orientation> orientation, qreal smallestPixels)
{
    Legibility l;
    l.points = printedPoints(smallestPixels,
                             choosePage(bounds, areas, tiles, orientation).plan.scale);
    if (l.legible())
        return l;
    for (int n = tiles + 1; n <= kMaxTiles; ++n) {
        const qreal points = printedPoints(smallestPixels,
                                           choosePage(bounds, areas, n, orientation).plan.scale);
        if (points >= l.minimum) {
            l.tilesNeeded = n;
            l.pointsWithTiles = points;
            break;
        }
    }
    return l;
}

QString legibilityWarning(const Legibility &l, const QString &pageName, const QString &tilesHint)
{
    if (l.legible())
        return {};
    const QString what = tr("the smallest text prints at %1 pt on %2, below the %3 pt that "
                            "reads well on paper")
                                 .arg(l.points, 0, 'f', 1)
                                 .arg(pageName)
                                 .arg(l.minimum, 0, 'g', 3);
    if (l.tilesNeeded == 0)
        return tr("%1; even %2 pages do not make it legible: export SVG and print it larger")
                .arg(what)
                .arg(kMaxTiles);
    return tr("%1; with %2 it prints at %3 pt")
            .arg(what, tilesHint.arg(l.tilesNeeded))
            .arg(l.pointsWithTiles, 0, 'f', 1);
}

} // namespace edgemap::pagefit
