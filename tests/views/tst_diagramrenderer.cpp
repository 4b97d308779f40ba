// DiagramRenderer draws what the scene draws: the diagram painted from a layout and a look, with
// no scene, gives the same pixels as QGraphicsScene::render of the on-screen scene (plain,
// judged, changed, highlighted, tiled), and the highlighter lights what the scene lights.
#include "diagram/diagramhighlighter.h"
#include "diagram/diagramrenderer.h"
#include "diagram/diagramscene.h"
#include "document/document.h"
#include "export/diagramexporter.h"
#include "io/topologyfile.h"
#include "support/tst_checks_util.h"
#include "support/tst_diagram_util.h"
#include "support/tst_pool_util.h"
#include "support/tst_sample_util.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>

using namespace edgemap;
using namespace edgemap::testing;
using namespace Qt::StringLiterals;

namespace {

enum class Highlight { None, Scenario, Peer, DownListener };
enum class Checks { None, Sample, Changes };

// A pool judged twice: replication stopped and a new socket on all interfaces in between.
void judge(Document &doc, Checks checks)
{
    using namespace pooltest;
    if (checks == Checks::Sample)
        deliverCheck(doc, sampletest::sampleCheck(doc.topology()));
    if (checks != Checks::Changes)
        return;
    deliverCheck(doc, check(doc.topology(), sampleText(), u"first"_s));
    QString text = without(sampleText(), u"172.25.33.10:4443 "_s);
    text.replace(
            u"  TCP    0.0.0.0:3389 "_s,
            u"  TCP    0.0.0.0:8443           0.0.0.0:0              LISTENING       4242\r\n  TCP    0.0.0.0:3389 "_s);
    deliverCheck(doc, check(doc.topology(), text, u"second"_s));
}

QImage paint(const QSize &size, const std::function<void(QPainter *)> &draw)
{
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    draw(&painter);
    painter.end();
    return image;
}

// Pixels that differ, and the first of them for the message.
QString difference(const QImage &a, const QImage &b)
{
    if (a.size() != b.size())
        return u"sizes differ"_s;
    int count = 0;
    QPoint first(-1, -1);
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x)
            if (a.pixel(x, y) != b.pixel(x, y) && count++ == 0)
                first = QPoint(x, y);
    return count == 0 ? QString()
                      : u"%1 pixels differ, the first at %2,%3"_s.arg(count).arg(first.x()).arg(
                              first.y());
}

} // namespace

class TstDiagramRenderer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void samePixelsAsTheScene_data();
    void samePixelsAsTheScene();
    void highlighterLightsWhatTheSceneLights();
    void paintsInAWorkerThread();
    void exportUsesTheStatesAnalysis();
    void legendEntriesFollowThePalette();
    void nothingIsElided_data();
    void nothingIsElided();
    void probeBadgeInExports();
};

void TstDiagramRenderer::samePixelsAsTheScene_data()
{
    QTest::addColumn<Topology>("topology");
    QTest::addColumn<int>("checks");
    QTest::addColumn<int>("highlight");
    QTest::addColumn<qreal>("scale");
    QTest::addColumn<bool>("tile");
    const Topology standard = topologyfile::defaultTopology();
    const int none = int(Checks::None);
    const int sample = int(Checks::Sample);
    const int changes = int(Checks::Changes);
    QTest::newRow("design") << standard << none << int(Highlight::None) << 1.0 << false;
    QTest::newRow("judged") << standard << sample << int(Highlight::None) << 1.0 << false;
    QTest::newRow("judged, 150 dpi")
            << standard << sample << int(Highlight::None) << 1.5625 << false;
    QTest::newRow("changes") << pooltest::twoServerPool() << changes << int(Highlight::None) << 1.0
                             << false;
    QTest::newRow("scenario") << standard << sample << int(Highlight::Scenario) << 1.0 << false;
    QTest::newRow("peer") << standard << none << int(Highlight::Peer) << 1.0 << false;
    QTest::newRow("down listener")
            << standard << sample << int(Highlight::DownListener) << 1.0 << false;
    QTest::newRow("tile, zoomed out") << standard << sample << int(Highlight::None) << 0.4 << true;
    QTest::newRow("two sites") << sites(2, 2) << none << int(Highlight::None) << 1.0 << false;
}

void TstDiagramRenderer::samePixelsAsTheScene()
{
    QFETCH(Topology, topology);
    QFETCH(int, checks);
    QFETCH(int, highlight);
    QFETCH(qreal, scale);
    QFETCH(bool, tile);
    Document doc(topology);
    judge(doc, Checks(checks));
    QVERIFY(checks == int(Checks::None)
            || (doc.checks().latest().get() && doc.checks().latest().get()->ok()));
    DiagramScene scene(doc);
    QCOMPARE(scene.changedChips().isEmpty(), checks != int(Checks::Changes));
    ExportOptions options;
    switch (Highlight(highlight)) {
    case Highlight::None:
        break;
    case Highlight::Scenario:
        options.highlight = ElementRef::scenario(doc.topology().scenarios.first().id);
        scene.highlightScenario(doc.topology().scenarios.first().id);
        break;
    case Highlight::Peer:
        options.highlight = ElementRef::peer(doc.topology().peers.first().id);
        scene.highlightPeer(doc.topology().peers.first().id);
        break;
    case Highlight::DownListener: {
        ListenerId down;
        for (const Listener *l : doc.topology().allListeners())
            if (const ListenerVerdict *v = doc.checks().verdict(l->id); v && isDown(v->status))
                down = l->id;
        QVERIFY(!down.isEmpty());
        options.highlight = ElementRef::listener(down);
        scene.highlightListener(down);
        QVERIFY(!scene.brokenScenarios().isEmpty());
        break;
    }
    }
    const DiagramExporter exporter(doc, options);
    QVERIFY(exporter.highlightError().isEmpty());
    QCOMPARE(exporter.look().highlighted.isEmpty(), !scene.hasHighlight());
    QCOMPARE(exporter.look().badges.size(), scene.hopBadges().size());

    const QRectF bounds = exporter.layout().bounds;
    QCOMPARE(bounds, scene.sceneRect());
    // A tile: the middle of the diagram, clipped at the target's edges.
    const QRectF source
            = tile ? QRectF(bounds.center() - QPointF(300, 200), QSizeF(600, 400)) : bounds;
    const QRectF target(QPointF(7, 5), source.size() * scale);
    const QSize size = (target.size() + QSizeF(14, 10)).toSize();
    const QImage fromScene = paint(
            size, [&](QPainter *p) { scene.render(p, target, source, Qt::KeepAspectRatio); });
    const QImage fromRenderer = paint(size, [&](QPainter *p) {
        DiagramRenderer(exporter.look().style)
                .drawDiagram(p, exporter.layout(), exporter.look(), target, source);
    });
    const QString diff = difference(fromScene, fromRenderer);
    if (!diff.isEmpty()) {
        fromScene.save(QDir::temp().filePath(u"tst_diagramrenderer-scene.png"_s));
        fromRenderer.save(QDir::temp().filePath(u"tst_diagramrenderer-renderer.png"_s));
    }
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

void TstDiagramRenderer::highlighterLightsWhatTheSceneLights()
{
    Document doc(topologyfile::defaultTopology());
    DiagramScene scene(doc);
    DiagramHighlighter highlighter;
    highlighter.setLayout(doc.topology(), scene.diagramLayout());
    for (const Scenario &s : doc.topology().scenarios) {
        scene.highlightScenario(s.id);
        highlighter.highlightScenario(scene.analysis(), s.id);
        QSet<QString> keys;
        for (DiagramItem *item : scene.highlightedItems())
            keys.insert(item->key());
        QCOMPARE(keys, highlighter.highlighted());
        QVERIFY(!keys.isEmpty());
        QCOMPARE(highlighter.badges().size(), scene.hopBadges().size());
    }
    highlighter.clear();
    QVERIFY(highlighter.isEmpty());
    // Nothing to light for an element the layout does not draw.
    highlighter.highlightPeer(scene.analysis(), PeerId(u"nobody"_s));
    QVERIFY(highlighter.isEmpty());
}

// What the export workers do: values in; QPainter on a QImage, an SvgWriter and a QPdfWriter
// out; no scene and no QObject of ours in the thread.
void TstDiagramRenderer::paintsInAWorkerThread()
{
    Document doc(topologyfile::defaultTopology());
    deliverCheck(doc, sampletest::sampleCheck(doc.topology()));
    ExportOptions options;
    options.dpi = 96;
    options.tiles = 2;
    options.exportedAt = QDateTime(QDate(2024, 5, 1), QTime(9, 30), Qt::UTC);
    struct Out
    {
        QImage image;
        QByteArray svg;
        int pages = 0;
    };
    const auto render = [](const DiagramExporter &exporter) {
        Out out{exporter.image(), exporter.svg(), 0};
        exporter.pdf(&out.pages);
        return out;
    };
    const Out here = render(DiagramExporter(doc, options));
    const Out there = QtConcurrent::run([input = diagramInputOf(doc.state()), options, render] {
                          return render(DiagramExporter(input, options));
                      }).result();
    QVERIFY(!here.image.isNull());
    QCOMPARE(there.image, here.image);
    QCOMPARE(there.svg, here.svg);
    QCOMPARE(there.pages, 2);
}

void TstDiagramRenderer::legendEntriesFollowThePalette()
{
    for (StatusPalette palette :
         {StatusPalette::Light, StatusPalette::Dark, StatusPalette::ColourBlind}) {
        const QStringList words = DiagramRenderer::legendEntries(palette);
        QCOMPARE(words.size(), 12);
        QCOMPARE(words.at(1), statusStyle(ListenerStatus::Ok, palette).label);
        QCOMPARE(words.at(8), unexpectedStyle(palette).label);
    }
    // One column when narrow, all in one row when wide.
    QCOMPARE(DiagramRenderer::legendSizeForWidth(100).height(), 12 * 20 + 10);
    QCOMPARE(DiagramRenderer::legendSizeForWidth(10000).height(), 20 + 10);
}

// An export worker gets the document's state, and with it the document's path analysis: an
// export with a highlight builds it there (for the GUI too), one without needs no graph, and
// an input made by hand gets an analysis of its own.
void TstDiagramRenderer::exportUsesTheStatesAnalysis()
{
    Document doc(topologyfile::defaultTopology());
    const DiagramInput input = diagramInputOf(doc.state());
    QCOMPARE(input.analysis.get(), doc.analysis().get());
    ExportOptions options;
    options.exportedAt = QDateTime(QDate(2024, 5, 1), QTime(9, 30), Qt::UTC);
    QVERIFY(DiagramExporter(input, options).look().highlighted.isEmpty());
    QVERIFY(!doc.analysis()->isBuilt());

    options.highlight = ElementRef::scenario(ScenarioId(u"remote-sign-in"_s));
    const DiagramLook look = QtConcurrent::run([input, options] {
                                 return DiagramExporter(input, options).look();
                             }).result();
    QVERIFY(!look.highlighted.isEmpty());
    QVERIFY(doc.analysis()->isBuilt());

    DiagramInput byHand;
    byHand.topology = doc.topology();
    QCOMPARE(DiagramExporter(byHand, options).look().highlighted, look.highlighted);
}

QTEST_MAIN(TstDiagramRenderer)
#include "tst_diagramrenderer.moc"

void TstDiagramRenderer::nothingIsElided_data()
{
    QTest::addColumn<Topology>("topology");
    QTest::addColumn<int>("checks");
    QTest::addColumn<bool>("expandAll");
    QTest::addColumn<bool>("probed");
    const int none = int(Checks::None);
    QTest::newRow("default, judged")
            << topologyfile::defaultTopology() << int(Checks::Sample) << false << false;
    QTest::newRow("2-server pool, judged twice")
            << pooltest::twoServerPool() << int(Checks::Changes) << false << false;
    QTest::newRow("2-server pool, expanded, judged twice")
            << pooltest::twoServerPool() << int(Checks::Changes) << true << false;
    QTest::newRow("4-server pool") << build(params(4)) << none << false << false;
    QTest::newRow("12-server pool") << build(params(12)) << none << false << false;
    QTest::newRow("12-server pool, single IP") << build(params(12, true)) << none << false << false;
    QTest::newRow("3 sites") << sites(3, 2) << none << false << false;
    QTest::newRow("default, judged, probed")
            << topologyfile::defaultTopology() << int(Checks::Sample) << false << true;
    QTest::newRow("2-server pool, probed")
            << pooltest::twoServerPool() << int(Checks::Changes) << false << true;
    QTest::newRow("12-server pool, probed") << build(params(12)) << none << false << true;
}

// Every text of the drawing fits its box at 100 %: names, addresses with their NAT address,
// service names and executables, peer FQDNs, member rows, unexpected sockets.
void TstDiagramRenderer::nothingIsElided()
{
    QFETCH(Topology, topology);
    QFETCH(int, checks);
    QFETCH(bool, expandAll);
    QFETCH(bool, probed);
    Document doc(topology);
    judge(doc, Checks(checks));
    if (probed) { // every other listener blocked, the rest working
        QList<ListenerId> blocked, working;
        for (const Listener *l : doc.topology().allListeners())
            ((blocked.size() + working.size()) % 2 ? working : blocked).append(l->id);
        doc.setProbeRun(
                std::make_shared<const ProbeRun>(probeRunOf(doc.topology(), blocked, working)));
    }
    DiagramScene scene(doc);
    if (expandAll)
        for (const EdgePool &pool : doc.topology().pools)
            for (const EdgeServer &server : pool.servers)
                scene.setExpanded(server.id, true);
    QStringList elided;
    const DiagramRenderer::ElisionRecorder recorder(&elided);
    const QRectF bounds = scene.diagramLayout().bounds;
    const QImage image = paint(bounds.size().toSize(), [&](QPainter *p) {
        scene.render(p, QRectF(QPointF(0, 0), bounds.size()), bounds);
    });
    QVERIFY(!image.isNull());
    QVERIFY2(elided.isEmpty(), qPrintable(elided.join(u" | "_s)));
}

// The probe badge is in the files: the SVG export names the verdicts a user sees on screen.
void TstDiagramRenderer::probeBadgeInExports()
{
    Document doc(topologyfile::defaultTopology());
    deliverCheck(doc, sampletest::sampleCheck(doc.topology()));
    const Topology &t = doc.topology();
    QList<ListenerId> blocked, working;
    for (const Listener *l : t.allListeners())
        if (l->hasEndpoint(u"access-client-sip"_s))
            blocked.append(l->id);
        else if (l->hasEndpoint(u"access-internal-sip"_s))
            working.append(l->id);
    QCOMPARE(blocked.size(), 1);
    QCOMPARE(working.size(), 1);
    ExportOptions options;
    options.dpi = 96;
    options.exportedAt = QDateTime(QDate(2024, 5, 1), QTime(9, 30), Qt::UTC);
    const QByteArray blockedWord
            = probeStyle(CombinedKind::Blocked, StatusPalette::Light).label.toUtf8();
    const QByteArray workingWord
            = probeStyle(CombinedKind::Working, StatusPalette::Light).label.toUtf8();
    QVERIFY(!DiagramExporter(doc, options).svg().contains(blockedWord));
    doc.setProbeRun(std::make_shared<const ProbeRun>(probeRunOf(t, blocked, working)));
    const DiagramExporter exporter(doc, options);
    const QByteArray svg = exporter.svg();
    QVERIFY2(svg.contains(blockedWord), blockedWord.constData());
    QVERIFY2(svg.contains(workingWord), workingWord.constData());
    // The legend explains the badges shown, and only those.
    QVERIFY(svg.contains(QByteArray("From here: " + blockedWord)));
    QVERIFY(svg.contains(QByteArray("From here: " + workingWord)));
    QVERIFY(!svg.contains("From here: Not listening"));
    // To look at: EDGEMAP_PROBE_PNG and EDGEMAP_PROBE_PDF name files to write.
    if (const QByteArray out = qgetenv("EDGEMAP_PROBE_PNG"); !out.isEmpty())
        QVERIFY(exporter.image().save(QString::fromLocal8Bit(out)));
    if (const QByteArray out = qgetenv("EDGEMAP_PROBE_PDF"); !out.isEmpty()) {
        QFile pdf(QString::fromLocal8Bit(out));
        QVERIFY(pdf.open(QIODevice::WriteOnly) && pdf.write(exporter.pdf()) > 0);
    }
}
