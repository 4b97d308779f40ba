// The diagram exporter: what lands in the SVG, PNG, PDF and draw.io files, that the highlight
// reaches a file only when asked, and that a failed write leaves the old file alone.
#include "diagram/diagramlegend.h"
#include "diagram/diagrampane.h"
#include "diagram/diagramscene.h"
#include "document/document.h"
#include "export/diagramexporter.h"
#include "io/topologyfile.h"
#include "snapshot/check.h"
#include "support/tst_checks_util.h"
#include "support/tst_snapshot_util.h"
#include "window/exportactions.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLocale>
#include <QMainWindow>
#include <QMenu>
#include <QMimeData>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace edgemap;
using namespace Qt::StringLiterals;

namespace {

const QString kSample = snapshottest::bundledSamplePath();

ExportOptions options(ExportFormat format)
{
    ExportOptions o;
    o.format = format;
    o.author = QStringLiteral("Alice Admin");
    o.exportedAt = QDateTime(QDate(2024, 5, 1), QTime(9, 30), Qt::UTC);
    return o;
}

// Every piece of text in an XML document (SVG <text>, draw.io values), and its root attributes.
struct Xml
{
    bool ok = false;
    QString text;
    QXmlStreamAttributes root;
    QList<QXmlStreamAttributes> cells; // draw.io mxCell elements
};

Xml parse(const QByteArray &bytes)
{
    Xml result;
    QXmlStreamReader xml(bytes);
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && result.root.isEmpty())
            result.root = xml.attributes();
        if (xml.isStartElement() && xml.name() == QLatin1String("mxCell"))
            result.cells.append(xml.attributes());
        if (xml.isCharacters())
            result.text += xml.text() + u' ';
    }
    result.ok = !xml.hasError();
    return result;
}

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

// The built binary with no display and no platform chosen, as on a server or in CI.
Run runEdgemap(const QStringList &arguments)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        env.remove(QLatin1String(name));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(EDGEMAP_BINARY), arguments);
    if (!p.waitForFinished(120000))
        return {};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

int pdfPages(const QByteArray &pdf)
{
    return int(pdf.count("/Type /Page\n") + pdf.count("/Type /Page\r") + pdf.count("/Type /Page "));
}

} // namespace

class TstDiagramExporter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void svgHasTitleBlockLegendAndChips();
    void svgShowsTheSnapshot();
    void pngHasTheRequestedPixels_data();
    void pngHasTheRequestedPixels();
    void pngTooLargeIsRefusedWithTheHighestDpi();
    void pdfFitsOrTiles_data();
    void pdfFitsOrTiles();
    void drawioHasOneCellPerChipAndFlow();
    void drawioEscapesNames();
    void highlightOnlyWhenAsked();
    void unknownHighlightIsNamed();
    void failedWriteKeepsTheOldFile();
    void formatFromPath();
    void actionsCopyAndFollowTheView();
    void guiExportRunsOffTheGuiThreadFromAFrozenCopy();
    void cliWritesEachFormatWithoutDisplay();
    void cliRejectsBadUsage_data();
    void cliRejectsBadUsage();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TstDiagramExporter::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TstDiagramExporter::svgHasTitleBlockLegendAndChips()
{
    Document doc(topologyfile::defaultTopology());
    ExportOptions o = options(ExportFormat::Svg);
    o.title = QStringLiteral("Contoso & partners <edge>");
    DiagramExporter exporter(doc, o);
    const QByteArray svg = exporter.svg();
    QSvgRenderer renderer(svg);
    QVERIFY(renderer.isValid());
    const Xml xml = parse(svg);
    QVERIFY(xml.ok);
    const QSize size = exporter.sheetSize().toSize();
    QCOMPARE(xml.root.value(QStringLiteral("viewBox")).toString(),
             QStringLiteral("0 0 %1 %2").arg(size.width()).arg(size.height()));
    QCOMPARE(renderer.viewBox(), QRect(QPoint(0, 0), size));
    QVERIFY(xml.text.contains(o.title));
    QVERIFY(xml.text.contains(QStringLiteral("Lync Server 2013")));
    QVERIFY(xml.text.contains(QStringLiteral("Design (no snapshot)")));
    QVERIFY(xml.text.contains(QStringLiteral("Exported 2024-05-01 09:30 UTC by Alice Admin")));
    for (const QString &word : DiagramLegend::entriesFor(StatusPalette::Light))
        QVERIFY2(xml.text.contains(word), qPrintable(word));
    for (const Listener *l : doc.topology().allListeners()) {
        const QString label = socketLabel(l->transport, l->port, l->portEnd);
        QVERIFY2(xml.text.contains(label), qPrintable(label));
    }
    QVERIFY(svg.contains("<title>Contoso &amp; partners &lt;edge&gt;</title>"));
}

void TstDiagramExporter::svgShowsTheSnapshot()
{
    Document doc(topologyfile::defaultTopology());
    deliverCheck(doc, std::make_shared<CheckResult>(readAndJudge(doc.topology(), kSample)));
    QVERIFY(doc.checks().latest().get() && doc.checks().latest().get()->ok());
    DiagramExporter exporter(doc, options(ExportFormat::Svg));
    const Xml xml = parse(exporter.svg());
    QVERIFY(xml.text.contains(QStringLiteral("Contoso Edge (default)")));
    // The sample has no capture header: the file's time, said as such, never the load time.
    const QString when = QLocale::c().toString(QFileInfo(kSample).lastModified().toUTC(),
                                               QStringLiteral("yyyy-MM-dd HH:mm"));
    QVERIFY2(xml.text.contains(QStringLiteral("Snapshot of edge01.contoso.local, captured %1 UTC "
                                              "(file time)")
                                       .arg(when)),
             qPrintable(xml.text.left(400)));
    QVERIFY(xml.text.contains(QStringLiteral("Missing")));
}

void TstDiagramExporter::pngHasTheRequestedPixels_data()
{
    QTest::addColumn<int>("dpi");
    QTest::newRow("96 dpi") << 96;
    QTest::newRow("200 dpi") << 200;
}

void TstDiagramExporter::pngHasTheRequestedPixels()
{
    QFETCH(int, dpi);
    Document doc(topologyfile::defaultTopology());
    ExportOptions o = options(ExportFormat::Png);
    o.dpi = dpi;
    DiagramExporter exporter(doc, o);
    const QString path = m_dir->filePath(QStringLiteral("d.png"));
    const ExportResult r = exporter.exportTo(path);
    QVERIFY2(r.ok(), qPrintable(r.error));
    const QImage image(path);
    const QSizeF sheet = exporter.sheetSize();
    const QSize expected(int(std::ceil(sheet.width() * dpi / 96.0)),
                         int(std::ceil(sheet.height() * dpi / 96.0)));
    QCOMPARE(image.size(), expected);
    QCOMPARE(r.pixelSize, expected);
    QCOMPARE(qRound(image.dotsPerMeterX() * 0.0254), dpi);
    QCOMPARE(image.pixelColor(1, 1), QColor(Qt::white));
}

void TstDiagramExporter::pngTooLargeIsRefusedWithTheHighestDpi()
{
    // 1200 dpi of the default topology is hundreds of megapixels: refused before any allocation,
    // with the dpi that would fit, and no file.
    Document doc(topologyfile::defaultTopology());
    ExportOptions o = options(ExportFormat::Png);
    o.dpi = 1200;
    const DiagramExporter big(doc, o);
    const QString path = m_dir->filePath(QStringLiteral("big.png"));
    const ExportResult r = big.exportTo(path);
    QVERIFY(!r.ok());
    QVERIFY2(r.error.contains(path) && r.error.contains(u"at 1200 dpi"_s), qPrintable(r.error));
    QVERIFY(!QFile::exists(path));
    QVERIFY(big.image().isNull());
    const QRegularExpression choose(QStringLiteral("choose (\\d+) dpi or less"));
    const QRegularExpressionMatch m = choose.match(r.error);
    QVERIFY2(m.hasMatch(), qPrintable(r.error));
    const int maxDpi = m.captured(1).toInt();
    QVERIFY(maxDpi >= 150 && maxDpi < 1200);
    // The dpi named fits; one more does not (checked without rendering either).
    o.dpi = maxDpi;
    QVERIFY2(DiagramExporter(doc, o).imageSizeError().isEmpty(),
             qPrintable(QString::number(maxDpi)));
    o.dpi = maxDpi + 1;
    QVERIFY(!DiagramExporter(doc, o).imageSizeError().isEmpty());
    // The clipboard still gets the SVG.
    std::unique_ptr<QMimeData> mime(big.mimeData());
    QVERIFY(!mime->hasImage());
    QVERIFY(mime->data(u"image/svg+xml"_s).startsWith("<?xml"));
}

void TstDiagramExporter::pdfFitsOrTiles_data()
{
    QTest::addColumn<int>("tiles");
    QTest::addColumn<int>("page");
    QTest::addColumn<bool>("landscape");
    QTest::addColumn<QSize>("mediaBox"); // points
    QTest::newRow("fit A4 landscape") << 1 << int(QPageSize::A4) << true << QSize(842, 595);
    QTest::newRow("fit Letter portrait") << 1 << int(QPageSize::Letter) << false << QSize(612, 792);
    QTest::newRow("4 tiles A4") << 4 << int(QPageSize::A4) << true << QSize(842, 595);
    QTest::newRow("3 tiles Letter") << 3 << int(QPageSize::Letter) << true << QSize(792, 612);
}

void TstDiagramExporter::pdfFitsOrTiles()
{
    QFETCH(int, tiles);
    QFETCH(int, page);
    QFETCH(bool, landscape);
    QFETCH(QSize, mediaBox);
    Document doc(topologyfile::defaultTopology());
    ExportOptions o = options(ExportFormat::Pdf);
    o.tiles = tiles;
    o.pageSize = QPageSize::PageSizeId(page);
    o.orientation = landscape ? QPageLayout::Landscape : QPageLayout::Portrait;
    DiagramExporter exporter(doc, o);
    int pages = 0;
    const QByteArray pdf = exporter.pdf(&pages);
    QVERIFY(pdf.startsWith("%PDF"));
    QCOMPARE(pages, tiles);
    QCOMPARE(pdfPages(pdf), tiles);
    static const QRegularExpression box(QStringLiteral("/MediaBox \\[0 0 ([0-9.]+) ([0-9.]+)\\]"));
    const QRegularExpressionMatch m = box.match(QString::fromLatin1(pdf));
    QVERIFY(m.hasMatch());
    QCOMPARE(QSize(qRound(m.captured(1).toDouble()), qRound(m.captured(2).toDouble())), mediaBox);
}

void TstDiagramExporter::drawioHasOneCellPerChipAndFlow()
{
    Document doc(topologyfile::defaultTopology());
    deliverCheck(doc, std::make_shared<CheckResult>(readAndJudge(doc.topology(), kSample)));
    DiagramExporter exporter(doc, options(ExportFormat::DrawIo));
    const Xml xml = parse(exporter.drawio());
    QVERIFY(xml.ok);
    const DiagramLayout &layout = exporter.layout();
    QSet<QString> chipKeys;
    for (const DiagramLayout::Chip &c : layout.chips)
        chipKeys.insert(c.key);
    QStringList chips;
    int edges = 0;
    for (const QXmlStreamAttributes &cell : xml.cells) {
        const QString id = cell.value(QStringLiteral("id")).toString();
        if (chipKeys.contains(id))
            chips.append(id);
        if (cell.value(QStringLiteral("edge")) == QLatin1String("1"))
            ++edges;
    }
    QCOMPARE(chips.size(), layout.chips.size());
    QCOMPARE(edges, layout.routes.size());
    QVERIFY(layout.chips.size() > doc.topology().allListeners().size()); // unexpected sockets
    // Each chip shows its socket and its status, in the status colours, as the screen does.
    const ListenerId first = doc.topology().allListeners().first()->id;
    const auto chip
            = std::find_if(layout.chips.cbegin(), layout.chips.cend(),
                           [&](const DiagramLayout::Chip &c) { return c.listener == first; });
    QVERIFY(chip != layout.chips.cend());
    DiagramScene scene(doc);
    const ChipItem *item = scene.chip(first);
    const auto cell = std::find_if(xml.cells.cbegin(), xml.cells.cend(), [&](const auto &c) {
        return c.value(QStringLiteral("id")) == chip->key;
    });
    QVERIFY(cell != xml.cells.cend());
    QVERIFY(cell->value(QStringLiteral("value")).startsWith(item->socketText()));
    QVERIFY(cell->value(QStringLiteral("value")).contains(item->statusLook().label));
    QVERIFY(cell->value(QStringLiteral("style"))
                    .contains(QString(u"fillColor="_s + item->statusLook().fill.name())));
}

void TstDiagramExporter::drawioEscapesNames()
{
    Topology t = topologyfile::defaultTopology();
    t.peers.first().name = QStringLiteral("A&B \"partners\" <x>");
    Document doc(t);
    DiagramExporter exporter(doc, options(ExportFormat::DrawIo));
    const Xml xml = parse(exporter.drawio());
    QVERIFY(xml.ok);
    const QString id = QStringLiteral("peer:") + t.peers.first().id.value();
    bool found = false;
    for (const QXmlStreamAttributes &cell : xml.cells)
        if (cell.value(QStringLiteral("id")) == id)
            found = cell.value(QStringLiteral("value")).startsWith(t.peers.first().name);
    QVERIFY(found);
}

void TstDiagramExporter::highlightOnlyWhenAsked()
{
    Document doc(topologyfile::defaultTopology());
    const Scenario &scenario = doc.topology().scenarios.first();
    const QByteArray colour
            = DiagramStyle::forPalette(StatusPalette::Light).highlight.name().toLatin1();
    const QByteArray plain = DiagramExporter(doc, options(ExportFormat::Svg)).svg();
    ExportOptions o = options(ExportFormat::Svg);
    o.highlight = ElementRef::scenario(scenario.id);
    DiagramExporter highlighted(doc, o);
    QVERIFY(!highlighted.look().highlighted.isEmpty());
    QVERIFY(!highlighted.look().badges.isEmpty());
    const QByteArray svg = highlighted.svg();
    QVERIFY(!plain.contains(colour));
    QVERIFY(svg.contains(colour));
    // Dimmed items are drawn at the scene's dimming opacity.
    QVERIFY(!plain.contains("opacity=\"0.22"));
    QVERIFY(svg.contains("opacity=\"0.22"));
    QVERIFY(parse(svg).text.contains(QStringLiteral("Highlight: scenario:") + scenario.id.value()));
}

void TstDiagramExporter::unknownHighlightIsNamed()
{
    QString error;
    QVERIFY(!exporthighlight::parse(QStringLiteral("server:edge01"), &error));
    QVERIFY(error.contains(QStringLiteral("scenario:ID")));
    Document doc(topologyfile::defaultTopology());
    ExportOptions o = options(ExportFormat::Svg);
    o.highlight = *exporthighlight::parse(QStringLiteral("peer:nobody"), &error);
    DiagramExporter exporter(doc, o);
    QVERIFY(exporter.highlightError().contains(QStringLiteral("'nobody'")));
    // The peers that exist are named, so that the next try can be right.
    for (const Peer &p : doc.topology().peers)
        QVERIFY2(exporter.highlightError().contains(p.id.value()),
                 qPrintable(exporter.highlightError()));
    const QString path = m_dir->filePath(QStringLiteral("x.svg"));
    QVERIFY(!exporter.exportTo(path).ok());
    QVERIFY(!QFile::exists(path));

    // A mistyped scenario: the closest id comes first. Listeners are many: a few, and a count.
    o.highlight = *exporthighlight::parse(QStringLiteral("scenario:remote-sign"), &error);
    const QString scenario = DiagramExporter(doc, o).highlightError();
    QVERIFY2(scenario.contains(QStringLiteral("scenario ids: remote-sign-in")),
             qPrintable(scenario));
    o.highlight = *exporthighlight::parse(QStringLiteral("listener:edge01-access"), &error);
    const QString listener = DiagramExporter(doc, o).highlightError();
    QVERIFY2(listener.contains(QStringLiteral("listener ids: edge01-access-")),
             qPrintable(listener));
    QVERIFY2(listener.contains(QStringLiteral("more (edgemap show --format json lists them)")),
             qPrintable(listener));
}

void TstDiagramExporter::failedWriteKeepsTheOldFile()
{
    Document doc(topologyfile::defaultTopology());
    for (ExportFormat format :
         {ExportFormat::Svg, ExportFormat::Png, ExportFormat::Pdf, ExportFormat::DrawIo}) {
        DiagramExporter exporter(doc, options(format));
        const QString missing = m_dir->filePath(QStringLiteral("no/such/dir/out.file"));
        ExportResult r = exporter.exportTo(missing);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(missing), qPrintable(r.error));

        const QString readOnly = m_dir->filePath(QStringLiteral("old.file"));
        QFile::setPermissions(readOnly, QFile::ReadOwner | QFile::WriteOwner);
        QFile old(readOnly);
        QVERIFY(old.open(QIODevice::WriteOnly | QIODevice::Truncate));
        old.write("old contents");
        old.close();
        QVERIFY(QFile::setPermissions(readOnly, QFile::ReadOwner));
        r = exporter.exportTo(readOnly);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(readOnly), qPrintable(r.error));
        QVERIFY(old.open(QIODevice::ReadOnly));
        QCOMPARE(old.readAll(), QByteArray("old contents"));
        old.close();
    }
}

void TstDiagramExporter::formatFromPath()
{
    QCOMPARE(exportFormatForPath(QStringLiteral("a/b.SVG")), ExportFormat::Svg);
    QCOMPARE(exportFormatForPath(QStringLiteral("b.png")), ExportFormat::Png);
    QCOMPARE(exportFormatForPath(QStringLiteral("b.pdf")), ExportFormat::Pdf);
    QCOMPARE(exportFormatForPath(QStringLiteral("b.drawio")), ExportFormat::DrawIo);
    QVERIFY(!exportFormatForPath(QStringLiteral("b.vsdx")));
}

void TstDiagramExporter::actionsCopyAndFollowTheView()
{
    Document doc(topologyfile::defaultTopology());
    QMainWindow window;
    auto *view = new DiagramPane(doc, &window);
    window.setCentralWidget(view);
    ExportActions actions(doc, view, &window);
    QMenu file;
    actions.populateMenu(&file);
    QCOMPARE(file.actions().size(), 5); // a separator and four actions
    QCOMPARE(actions.printAction()->shortcut(), QKeySequence(QKeySequence::Print));
    QVERIFY(!actions.currentHighlight().isValid());
    const ScenarioId scenario = doc.topology().scenarios.first().id;
    view->showScenario(scenario);
    QCOMPARE(actions.currentHighlight(), ElementRef::scenario(scenario));
    // The on-screen selection never reaches the copy: the exporter has its own scene.
    view->scene()->chip(doc.topology().allListeners().first()->id)->setSelected(true);
    QSignalSpy copied(&actions, &ExportActions::copied);
    actions.copyDiagram(); // rendered off the GUI thread
    QVERIFY(!actions.copyAction()->isEnabled());
    QVERIFY(copied.wait(20000));
    QVERIFY(actions.copyAction()->isEnabled());
    const QMimeData *data = QApplication::clipboard()->mimeData();
    QVERIFY(data);
    QVERIFY(data->hasImage());
    QVERIFY(parse(data->data(QStringLiteral("image/svg+xml"))).ok);
}

void TstDiagramExporter::guiExportRunsOffTheGuiThreadFromAFrozenCopy()
{
    Document doc(topologyfile::defaultTopology());
    deliverCheck(doc, std::make_shared<const CheckResult>(readAndJudge(doc.topology(), kSample)));
    QMainWindow window;
    auto *view = new DiagramPane(doc, &window);
    window.setCentralWidget(view);
    ExportActions actions(doc, view, &window);
    QSignalSpy finished(&actions, &ExportActions::exportFinished);
    const QString path = m_dir->filePath(QStringLiteral("gui.svg"));
    const QString name = doc.topology().name;
    ExportOptions o = options(ExportFormat::Svg);
    QVERIFY(actions.startExport(path, o));
    // While it runs: the export actions wait, a second export is refused, and the user goes on
    // working; the edit does not reach the file being written.
    QVERIFY(actions.isExporting());
    for (QAction *a : {actions.exportAction(), actions.copyAction(), actions.printAction(),
                       actions.printPreviewAction()})
        QVERIFY(!a->isEnabled());
    QVERIFY(!actions.startExport(m_dir->filePath(QStringLiteral("second.svg")), o));
    Topology renamed = doc.topology();
    renamed.name = QStringLiteral("Renamed meanwhile");
    QVERIFY(!doc.applyEdit(QStringLiteral("Rename"), renamed).isError());
    doc.setChecks({});

    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.constFirst().at(0).toString(), path);
    QCOMPARE(finished.constFirst().at(1).toString(), QString());
    QVERIFY(!actions.isExporting());
    QVERIFY(actions.exportAction()->isEnabled());
    QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("second.svg"))));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const Xml xml = parse(file.readAll());
    QVERIFY(xml.ok);
    QVERIFY(xml.text.contains(name));
    QVERIFY(!xml.text.contains(QStringLiteral("Renamed meanwhile")));
    QVERIFY2(xml.text.contains(QStringLiteral("Snapshot of edge01.contoso.local")),
             "the snapshot cleared meanwhile is still in the title block");

    // A failure comes back as the error, the old file untouched.
    const QString missing = m_dir->filePath(QStringLiteral("no/such/dir/x.svg"));
    QVERIFY(actions.startExport(missing, o));
    QVERIFY(finished.wait(20000));
    QVERIFY(finished.constLast().at(1).toString().contains(missing));
}

void TstDiagramExporter::cliWritesEachFormatWithoutDisplay()
{
    const QString topology
            = QStringLiteral(EDGEMAP_SOURCE_DIR "/resources/topologies/default.edgemap.json");
    const QString svg = m_dir->filePath(QStringLiteral("d.svg"));
    Run r = runEdgemap({QStringLiteral("export"), topology, QStringLiteral("--snapshot"), kSample,
                        QStringLiteral("--title"), QStringLiteral("Firewall review"),
                        QStringLiteral("--author"), QStringLiteral("Bob"), QStringLiteral("-o"),
                        svg});
    QCOMPARE(r.exitCode, 0);
    QFile file(svg);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const Xml xml = parse(file.readAll());
    QVERIFY(xml.text.contains(QStringLiteral("Firewall review")));
    QVERIFY(xml.text.contains(QStringLiteral("edge01.contoso.local")));
    QVERIFY(xml.text.contains(QStringLiteral(" by Bob")));

    const QString png = m_dir->filePath(QStringLiteral("d.png"));
    r = runEdgemap({QStringLiteral("export"), topology, QStringLiteral("--dpi"),
                    QStringLiteral("72"), QStringLiteral("-o"), png});
    QCOMPARE(r.exitCode, 0);
    const QImage image(png);
    QVERIFY(r.out.contains(
            QStringLiteral("%1 x %2 pixels at 72 dpi").arg(image.width()).arg(image.height())));

    const QString pdf = m_dir->filePath(QStringLiteral("d.pdf"));
    r = runEdgemap({QStringLiteral("export"), topology, QStringLiteral("--tiles"),
                    QStringLiteral("2"), QStringLiteral("--page"), QStringLiteral("Letter"),
                    QStringLiteral("--portrait"), QStringLiteral("--highlight"),
                    QStringLiteral("scenario:remote-sign-in"), QStringLiteral("-o"), pdf});
    QCOMPARE(r.exitCode, 0);
    QFile pdfFile(pdf);
    QVERIFY(pdfFile.open(QIODevice::ReadOnly));
    QCOMPARE(pdfPages(pdfFile.readAll()), 2);

    const QString drawio = m_dir->filePath(QStringLiteral("d.drawio"));
    r = runEdgemap({QStringLiteral("export"), topology, QStringLiteral("-o"), drawio});
    QCOMPARE(r.exitCode, 0);
    QFile drawioFile(drawio);
    QVERIFY(drawioFile.open(QIODevice::ReadOnly));
    QVERIFY(parse(drawioFile.readAll()).ok);
}

void TstDiagramExporter::cliRejectsBadUsage_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QString topology
            = QStringLiteral(EDGEMAP_SOURCE_DIR "/resources/topologies/default.edgemap.json");
    const QString out = QStringLiteral("%1/out.svg").arg(QDir::tempPath());
    QTest::newRow("no -o") << QStringList{topology} << QStringLiteral("-o");
    QTest::newRow("suffix") << QStringList{topology, QStringLiteral("-o"), QStringLiteral("x.vsdx")}
                            << QStringLiteral("x.vsdx");
    QTest::newRow("unknown peer") << QStringList{topology, QStringLiteral("--highlight"),
                                                 QStringLiteral("peer:nobody"),
                                                 QStringLiteral("-o"), out}
                                  << QStringLiteral("'nobody'");
    QTest::newRow("unknown kind") << QStringList{
            topology, QStringLiteral("--highlight"), QStringLiteral("pool:x"), QStringLiteral("-o"),
            out} << QStringLiteral("peer:ID, listener:ID, scenario:ID");
    QTest::newRow("dpi") << QStringList{topology, QStringLiteral("--dpi"), QStringLiteral("0"),
                                        QStringLiteral("-o"), out}
                         << QStringLiteral("--dpi");
    QTest::newRow("png too large")
            << QStringList{topology, QStringLiteral("--dpi"), QStringLiteral("1200"),
                           QStringLiteral("-o"), QStringLiteral("%1/big.png").arg(QDir::tempPath())}
            << QStringLiteral("dpi or less");
    QTest::newRow("page") << QStringList{topology, QStringLiteral("--page"), QStringLiteral("A3"),
                                         QStringLiteral("-o"), out}
                          << QStringLiteral("A4 or Letter");
    QTest::newRow("missing topology")
            << QStringList{QStringLiteral("/no/such.json"), QStringLiteral("-o"), out}
            << QStringLiteral("/no/such.json");
    QTest::newRow("unwritable") << QStringList{topology, QStringLiteral("-o"),
                                               QStringLiteral("/no/such/dir/out.svg")}
                                << QStringLiteral("/no/such/dir/out.svg");
}

void TstDiagramExporter::cliRejectsBadUsage()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Run r = runEdgemap(QStringList{QStringLiteral("export")} + arguments);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
}

QTEST_MAIN(TstDiagramExporter)
#include "tst_diagramexporter.moc"
