// Page fitting as the paper shows it: the orientation that prints the diagram larger, tiles that
// fill every page at one scale with a small overlap, and the printed size of the smallest text
// with the pages that make it legible.
#include "export/pagefit.h"

#include <QTest>

using namespace edgemap;
using namespace edgemap::pagefit;
using namespace Qt::StringLiterals;

namespace {

// An A4 page's diagram area in diagram units, as the exporter leaves it after the margins, the
// title block and the legend.
const PageAreas kA4{QSizeF(719, 885), QSizeF(1049, 575)};

// The union of the pages' parts of the diagram.
QRectF covered(const Plan &plan)
{
    QRectF all;
    for (const Tile &t : plan.tiles)
        all = all.united(t.source);
    return all;
}

} // namespace

class TstPageFit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void orientationPrintsLarger_data();
    void orientationPrintsLarger();
    void tilesFillEveryPage_data();
    void tilesFillEveryPage();
    void tilesOverlapAndOwnTheirPart();
    void printedSizeOfText();
    void legibilityNamesThePagesThatHelp();
    void warningWords();
};

void TstPageFit::orientationPrintsLarger_data()
{
    QTest::addColumn<QSizeF>("diagram");
    QTest::addColumn<int>("tiles");
    QTest::addColumn<int>("expected"); // QPageLayout::Orientation
    // One Edge server: wider than tall, landscape as before.
    QTest::newRow("one server") << QSizeF(1100, 620) << 1 << int(QPageLayout::Landscape);
    // A 12-member pool drawn as a tall column: portrait prints it larger.
    QTest::newRow("tall pool") << QSizeF(1200, 3600) << 1 << int(QPageLayout::Portrait);
    QTest::newRow("wide sites") << QSizeF(4000, 1200) << 1 << int(QPageLayout::Landscape);
    // Tiled over 2 pages a tall column: two portrait pages, one above the other.
    QTest::newRow("tall, 2 tiles") << QSizeF(1200, 3600) << 2 << int(QPageLayout::Portrait);
}

void TstPageFit::orientationPrintsLarger()
{
    QFETCH(QSizeF, diagram);
    QFETCH(int, tiles);
    QFETCH(int, expected);
    const QRectF bounds(QPointF(-40, 20), diagram);
    const PageChoice chosen = choosePage(bounds, kA4, tiles, std::nullopt);
    QCOMPARE(int(chosen.orientation), expected);
    const auto other = QPageLayout::Orientation(1 - expected);
    const PageChoice forced = choosePage(bounds, kA4, tiles, other);
    QCOMPARE(int(forced.orientation), int(other));
    QVERIFY2(chosen.plan.scale > forced.plan.scale,
             qPrintable(u"%1 <= %2"_s.arg(chosen.plan.scale).arg(forced.plan.scale)));
    QCOMPARE(chosen.plan.pages(), tiles);
}

void TstPageFit::tilesFillEveryPage_data()
{
    QTest::addColumn<QSizeF>("diagram");
    QTest::addColumn<int>("tiles");
    QTest::newRow("pool, 4") << QSizeF(1900, 1250) << 4;
    QTest::newRow("pool, 6") << QSizeF(1900, 1250) << 6;
    QTest::newRow("tall, 4") << QSizeF(1200, 3600) << 4;
    QTest::newRow("wide, 9") << QSizeF(5000, 1300) << 9;
    QTest::newRow("square, 2") << QSizeF(1500, 1500) << 2;
}

// At the chosen orientation, no page of the grid prints more than 15 % blank: the pages'
// spare length widens the overlaps instead of leaving bands beside the diagram.
void TstPageFit::tilesFillEveryPage()
{
    QFETCH(QSizeF, diagram);
    QFETCH(int, tiles);
    const QRectF bounds(QPointF(10, -30), diagram);
    const PageChoice chosen = choosePage(bounds, kA4, tiles, std::nullopt);
    const Plan &plan = chosen.plan;
    QCOMPARE(plan.tiles.size(), tiles);
    QVERIFY2(plan.blankShare(bounds) <= 0.15,
             qPrintable(u"%1 x %2 pages, %3 % blank"_s.arg(plan.columns)
                                .arg(plan.rows)
                                .arg(plan.blankShare(bounds) * 100, 0, 'f', 1)));
    const QRectF all = covered(plan);
    QVERIFY(all.contains(bounds.adjusted(1, 1, -1, -1)));
    // Every page at the same scale fills the page's diagram area exactly.
    const QSizeF area = kA4.of(chosen.orientation);
    for (const Tile &t : plan.tiles)
        QVERIFY(std::abs(t.source.width() * plan.scale - area.width()) < 1e-6);
}

void TstPageFit::tilesOverlapAndOwnTheirPart()
{
    const QRectF bounds(0, 0, 2000, 1000);
    const Plan plan = planGrid(bounds, QSizeF(1000, 460), 2, 2);
    QCOMPARE(plan.tiles.size(), 4);
    const Tile &topLeft = plan.tiles.at(0);
    const Tile &topRight = plan.tiles.at(1);
    const Tile &bottomLeft = plan.tiles.at(2);
    QCOMPARE(topRight.column, 1);
    QCOMPARE(bottomLeft.row, 1);
    // Neighbours overlap by at least kOverlap of a page...
    const qreal overlapX = topLeft.source.right() - topRight.source.left();
    const qreal overlapY = topLeft.source.bottom() - bottomLeft.source.top();
    QVERIFY(overlapX >= kOverlap * topLeft.source.width() - 1e-6);
    QVERIFY(overlapY >= kOverlap * topLeft.source.height() - 1e-6);
    // ...and the parts they own meet in the middle of the overlap, covering the diagram.
    QCOMPARE(topLeft.core.right(), topRight.core.left());
    QCOMPARE(topLeft.core.right(), (topLeft.source.right() + topRight.source.left()) / 2);
    QCOMPARE(topLeft.core.bottom(), bottomLeft.core.top());
    QCOMPARE(topLeft.core.topLeft(), bounds.topLeft());
    QCOMPARE(plan.tiles.at(3).core.bottomRight(), bounds.bottomRight());
}

void TstPageFit::printedSizeOfText()
{
    // 10 px at 96 dpi is 7.5 pt; half the scale, half the size.
    QCOMPARE(printedPoints(10, 1), 7.5);
    QCOMPARE(printedPoints(10, 0.5), 3.75);
    QCOMPARE(printedPoints(12, 1.0), 9.0);
}

// A diagram 4 A4 pages wide prints its 10 px text at about 1.9 pt; the pages suggested bring it
// to 6 pt or more, and one page fewer would not.
void TstPageFit::legibilityNamesThePagesThatHelp()
{
    const QRectF bounds(0, 0, 4200, 1800);
    const Legibility one = legibility(bounds, kA4, 1, std::nullopt);
    QVERIFY(!one.legible());
    QVERIFY2(one.points < 2.5, qPrintable(QString::number(one.points)));
    QVERIFY(one.tilesNeeded > 1);
    QVERIFY(one.pointsWithTiles >= kLegiblePoints);
    const qreal fewer
            = printedPoints(kSmallestTextPixels,
                            choosePage(bounds, kA4, one.tilesNeeded - 1, std::nullopt).plan.scale);
    QVERIFY2(fewer < kLegiblePoints, qPrintable(QString::number(fewer)));
    const Legibility enough = legibility(bounds, kA4, one.tilesNeeded, std::nullopt);
    QVERIFY(enough.legible());
    QCOMPARE(enough.tilesNeeded, 0);
    // The one-server diagram fits one A4 page legibly.
    QVERIFY(legibility(QRectF(0, 0, 1100, 620), kA4, 1, std::nullopt).legible());
    // Beyond 64 pages nothing helps.
    QCOMPARE(legibility(QRectF(0, 0, 90000, 60000), kA4, 1, std::nullopt).tilesNeeded, 0);
}

void TstPageFit::warningWords()
{
    Legibility l;
    l.points = 2.94;
    l.tilesNeeded = 6;
    l.pointsWithTiles = 6.3;
    QCOMPARE(legibilityWarning(l, u"A4"_s, u"--tiles %1"_s),
             u"the smallest text prints at 2.9 pt on A4, below the 6 pt that reads well on "
             "paper; with --tiles 6 it prints at 6.3 pt"_s);
    l.tilesNeeded = 0;
    QVERIFY(legibilityWarning(l, u"Letter"_s, u"--tiles %1"_s).contains(u"even 64 pages"_s));
    l.points = 6.0;
    QVERIFY(legibilityWarning(l, u"A4"_s, u"--tiles %1"_s).isEmpty());
}

QTEST_MAIN(TstPageFit)
#include "tst_pagefit.moc"
