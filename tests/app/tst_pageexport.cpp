// The diagram on paper, as the reader of the PDF sees it: a 12-member pool's names and ports are
// text in the file, fit to page takes the orientation that prints larger, text too small to read
// gets a warning naming the pages that help (and the file is still written), tiled pages are
// filled, and the title block gives when the snapshot was captured, not when it was loaded.
#include "diagram/diagrampane.h"
#include "diagram/diagramscene.h"
#include "document/document.h"
#include "export/diagramexporter.h"
#include "io/topologyfile.h"
#include "snapshot/check.h"
#include "support/topologybuilder.h"
#include "support/tst_checks_util.h"
#include "support/tst_snapshot_util.h"
#include "window/exportactions.h"

#include <QFile>
#include <QMainWindow>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace edgemap;
using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run run(const QString &program, const QStringList &arguments)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        env.remove(QLatin1String(name));
    p.setProcessEnvironment(env);
    p.start(program, arguments);
    if (!p.waitForFinished(120000))
        return {};
    // Without what Qt itself says about the test machine (no XDG_RUNTIME_DIR).
    QStringList err = QString::fromUtf8(p.readAllStandardError()).split(u'\n');
    err.removeIf([](const QString &line) { return line.startsWith(u"QStandardPaths: "_s); });
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2,
            QString::fromUtf8(p.readAllStandardOutput()), err.join(u'\n')};
}

Run runEdgemap(const QStringList &arguments)
{
    return run(QStringLiteral(EDGEMAP_BINARY), arguments);
}

// The text pdftotext reads from each page (form feed between pages).
QStringList pdfPagesText(const QString &pdf)
{
    // -raw: in the order the text was drawn, so that one label stays one line whatever lies
    // beside it on the page.
    const Run r = run(QStandardPaths::findExecutable(u"pdftotext"_s), {u"-raw"_s, pdf, u"-"_s});
    if (r.exitCode != 0)
        return {};
    QStringList pages = r.out.split(QChar(u'\f'));
    if (!pages.isEmpty() && pages.constLast().trimmed().isEmpty())
        pages.removeLast();
    return pages;
}

ExportOptions pdfOptions()
{
    ExportOptions o;
    o.format = ExportFormat::Pdf;
    o.exportedAt = QDateTime(QDate(2026, 3, 2), QTime(8, 0), Qt::UTC);
    return o;
}

Topology twelveMemberPool()
{
    return testing::TopologyBuilder().members(12).build();
}

QStringList serverNames(const Topology &t)
{
    QStringList names;
    for (const EdgePool &pool : t.pools)
        for (const EdgeServer &s : pool.servers)
            names.append(s.fqdn);
    return names;
}

} // namespace

class TstPageExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void twelveMemberPoolPdfHasNamesAndTcp();
    void fitToPageTakesTheLargerOrientation();
    void cliWarnsWhenTextIsTooSmall();
    void cliExpandsAMember();
    void guiExportNotesTextTooSmall();
    void tiledPagesAreFilled_data();
    void tiledPagesAreFilled();
    void titleBlockGivesTheFileTime();
    void titleBlockGivesTheHeaderTime();
    void titleBlockCountsAPoolsSnapshots();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TstPageExport::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

// What the issue found missing: the A4 PDF of a 12-member pool had no text at all.
void TstPageExport::twelveMemberPoolPdfHasNamesAndTcp()
{
    if (QStandardPaths::findExecutable(u"pdftotext"_s).isEmpty())
        QSKIP("pdftotext (poppler-utils) is not installed");
    Document doc(twelveMemberPool());
    const DiagramExporter exporter(doc, pdfOptions());
    const QString pdf = m_dir->filePath(u"pool.pdf"_s);
    const ExportResult r = exporter.exportTo(pdf);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.pages, 1);
    const QStringList pages = pdfPagesText(pdf);
    QCOMPARE(pages.size(), 1);
    const QString text = pages.first();
    QVERIFY2(text.contains(u"TCP"_s), qPrintable(text.left(600)));
    for (const QString &name : serverNames(doc.topology()))
        QVERIFY2(text.contains(name), qPrintable(name));
}

// One server prints larger in landscape (as before), the 12-member pool's column in portrait;
// either way auto is never (but for a near tie) smaller than the other orientation, and the CLI
// names the one used.
void TstPageExport::fitToPageTakesTheLargerOrientation()
{
    for (const Topology &t : {topologyfile::defaultTopology(), twelveMemberPool()}) {
        Document doc(t);
        ExportOptions o = pdfOptions();
        const DiagramExporter exporter(doc, o);
        const pagefit::PageChoice chosen = exporter.pageChoice();
        // The figures behind the choice, for whoever reads the log.
        const pagefit::PageAreas areas = DiagramExporter::pageAreas(o.pageSize);
        qInfo("%d servers: diagram %.0f x %.0f; A4 area portrait %.0f x %.0f, landscape %.0f x "
              "%.0f; chosen %s at scale %.3f, smallest text %.1f pt",
              int(serverNames(t).size()), exporter.layout().bounds.width(),
              exporter.layout().bounds.height(), areas.portrait.width(), areas.portrait.height(),
              areas.landscape.width(), areas.landscape.height(),
              chosen.orientation == QPageLayout::Portrait ? "portrait" : "landscape",
              chosen.plan.scale, exporter.legibility().points);
        for (QPageLayout::Orientation forced : {QPageLayout::Portrait, QPageLayout::Landscape}) {
            o.orientation = forced;
            const pagefit::PageChoice other = DiagramExporter(doc, o).pageChoice();
            QCOMPARE(int(other.orientation), int(forced));
            // Never smaller, but for a near tie that leaves less blank.
            QVERIFY(chosen.plan.scale >= other.plan.scale * (1 - pagefit::kNearScale));
        }
    }
    const DiagramExporter one(Document(topologyfile::defaultTopology()), pdfOptions());
    QCOMPARE(int(one.pageChoice().orientation), int(QPageLayout::Landscape));

    const QString topology
            = QStringLiteral(EDGEMAP_SOURCE_DIR "/resources/topologies/default.edgemap.json");
    const QString pdf = m_dir->filePath(u"one.pdf"_s);
    const Run r = runEdgemap({u"export"_s, topology, u"-o"_s, pdf});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(u"1 page, A4 landscape"_s), qPrintable(r.out));
    QVERIFY2(r.err.isEmpty(), qPrintable(r.err)); // one server is legible on one page
}

// The 12-member pool on one A4 page prints its smallest text below 6 pt: the command says so
// on stderr with the size and the --tiles that help, writes the file all the same (exit 0), and
// with those tiles says nothing.
void TstPageExport::cliWarnsWhenTextIsTooSmall()
{
    const QString topology = m_dir->filePath(u"pool.edgemap.json"_s);
    QVERIFY(!topologyfile::save(twelveMemberPool(), topology).isError());
    const QString pdf = m_dir->filePath(u"pool.pdf"_s);
    Run r = runEdgemap({u"export"_s, topology, u"-o"_s, pdf});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(QFile::exists(pdf));
    static const QRegularExpression warning(
            uR"(^edgemap export: warning: the smallest text prints at ([0-9.]+) pt on A4, below the 6 pt that reads well on paper; with --tiles ([0-9]+) it prints at ([0-9.]+) pt\n$)"_s);
    const QRegularExpressionMatch m = warning.match(r.err);
    QVERIFY2(m.hasMatch(), qPrintable(r.err));
    QVERIFY(m.captured(1).toDouble() < 6);
    QVERIFY(m.captured(3).toDouble() >= 6);
    const QString tiles = m.captured(2);

    const QString tiled = m_dir->filePath(u"tiled.pdf"_s);
    r = runEdgemap({u"export"_s, topology, u"--tiles"_s, tiles, u"-o"_s, tiled});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
    QVERIFY2(r.out.contains(u"%1 pages, A4"_s.arg(tiles)), qPrintable(r.out));

    // Forced to the orientation that prints smaller, the warning still comes with its own advice.
    r = runEdgemap({u"export"_s, topology, u"--page"_s, u"Letter"_s, u"-o"_s, pdf});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.contains(u"pt on Letter"_s), qPrintable(r.err));
}

// A pool prints once with its member table; --expand draws a member in full under it, as
// double-clicking its row does on screen. An unknown name is bad usage, and no file is written.
void TstPageExport::cliExpandsAMember()
{
    const QString topology = m_dir->filePath(u"pool4.edgemap.json"_s);
    const Topology pool = testing::TopologyBuilder().members(4).build();
    QVERIFY(!topologyfile::save(pool, topology).isError());
    // edge03's Access Edge address
    const QString access = pool.pools.first().servers.at(2).interfaces.at(1).addresses.first().ip;
    QVERIFY(access.startsWith(u"192.0.2."_s));
    const QString svg = m_dir->filePath(u"pool.svg"_s);
    const auto textOf = [](const QString &path) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    };
    Run r = runEdgemap({u"export"_s, topology, u"-o"_s, svg});
    QCOMPARE(r.exitCode, 0);
    const QString collapsed = textOf(svg);
    // The shape's chip once; edge03's Access Edge address only in its member table row.
    QCOMPARE(collapsed.count(u">TCP 5061<"_s), 2); // external and internal
    QCOMPARE(collapsed.count(access), 1);

    r = runEdgemap({u"export"_s, topology, u"--expand"_s, u"EDGE03.contoso.local"_s, u"-o"_s, svg});
    QCOMPARE(r.exitCode, 0);
    const QString expanded = textOf(svg);
    QCOMPARE(expanded.count(u">TCP 5061<"_s), 4); // and edge03's own two
    QVERIFY(expanded.count(access) >= 2);         // its address block's header too

    const QString untouched = m_dir->filePath(u"never.svg"_s);
    r = runEdgemap({u"export"_s, topology, u"--expand"_s, u"edge99"_s, u"-o"_s, untouched});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(u"--expand: no server 'edge99' in "_s), qPrintable(r.err));
    QVERIFY(!QFile::exists(untouched));
}

// The window's export writes the file and says on the status bar what the command line says on
// stderr, in the window's words (pages, not --tiles); legible pages say nothing more.
void TstPageExport::guiExportNotesTextTooSmall()
{
    Document doc(twelveMemberPool());
    QMainWindow window;
    auto *view = new DiagramPane(doc, &window);
    window.setCentralWidget(view);
    ExportActions actions(doc, view, &window);
    QSignalSpy finished(&actions, &ExportActions::exportFinished);
    const QString pdf = m_dir->filePath(u"gui.pdf"_s);
    QVERIFY(actions.startExport(pdf, pdfOptions()));
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.constLast().at(1).toString(), QString());
    QVERIFY(QFile::exists(pdf));
    const QString status = window.statusBar()->currentMessage();
    QVERIFY2(status.contains(u"note: the smallest text prints at"_s), qPrintable(status));
    QVERIFY2(QRegularExpression(u"with [0-9]+ pages it prints at"_s).match(status).hasMatch(),
             qPrintable(status));
    QCOMPARE(actions.lastWarning().isEmpty(), false);

    ExportOptions tiled = pdfOptions();
    tiled.tiles = 12;
    QVERIFY(actions.startExport(pdf, tiled));
    QVERIFY(finished.wait(60000));
    QVERIFY(actions.lastWarning().isEmpty());
    QVERIFY2(!window.statusBar()->currentMessage().contains(u"note:"_s),
             qPrintable(window.statusBar()->currentMessage()));

    // A member drawn in full on screen is drawn so on paper.
    QVERIFY(actions.defaultOptions(ExportFormat::Pdf).expanded.isEmpty());
    const ServerId edge03 = doc.topology().pools.first().servers.at(2).id;
    view->scene()->setExpanded(edge03, true);
    const ExportOptions options = actions.defaultOptions(ExportFormat::Pdf);
    QCOMPARE(options.expanded, DiagramLayout::Expanded{edge03});
    QVERIFY(DiagramExporter(doc, options).layout().bounds.height()
            > DiagramExporter(doc, pdfOptions()).layout().bounds.height());
}

void TstPageExport::tiledPagesAreFilled_data()
{
    QTest::addColumn<QString>("topology");
    QTest::addColumn<int>("tiles");
    const QString contoso = QStringLiteral(EDGEMAP_TEST_DATA "/topology/contoso.edgemap.json");
    QTest::newRow("contoso, 2") << contoso << 2;
    QTest::newRow("contoso, 4") << contoso << 4;
    QTest::newRow("contoso, 6") << contoso << 6;
    QTest::newRow("12 members, 4") << QString() << 4;
}

// No page prints more than 15 % blank beside the diagram, every page is labelled with its place
// in the grid, and the pages' parts cover the whole diagram.
void TstPageExport::tiledPagesAreFilled()
{
    QFETCH(QString, topology);
    QFETCH(int, tiles);
    Topology t = twelveMemberPool();
    if (!topology.isEmpty()) {
        const topologyfile::ReadResult read = topologyfile::load(topology);
        QVERIFY2(read.ok(), qPrintable(read.error.toString()));
        t = *read.topology;
    }
    Document doc(t);
    ExportOptions o = pdfOptions();
    o.tiles = tiles;
    const DiagramExporter exporter(doc, o);
    const pagefit::PageChoice chosen = exporter.pageChoice();
    const QRectF bounds = exporter.layout().bounds;
    QCOMPARE(chosen.plan.pages(), tiles);
    const qreal blank = chosen.plan.blankShare(bounds);
    qInfo("diagram %.0f x %.0f: %d x %d %s pages at scale %.3f, %.1f %% blank at most",
          bounds.width(), bounds.height(), chosen.plan.columns, chosen.plan.rows,
          chosen.orientation == QPageLayout::Portrait ? "portrait" : "landscape", chosen.plan.scale,
          blank * 100);
    QVERIFY2(blank <= 0.15, qPrintable(u"%1 x %2: %3 % blank"_s.arg(chosen.plan.columns)
                                               .arg(chosen.plan.rows)
                                               .arg(blank * 100, 0, 'f', 1)));
    QRectF covered;
    for (const pagefit::Tile &tile : chosen.plan.tiles)
        covered = covered.united(tile.core);
    QVERIFY(covered.contains(bounds.adjusted(0.5, 0.5, -0.5, -0.5)));

    if (QStandardPaths::findExecutable(u"pdftotext"_s).isEmpty())
        QSKIP("pdftotext (poppler-utils) is not installed");
    const QString pdf = m_dir->filePath(u"tiled.pdf"_s);
    QVERIFY(exporter.exportTo(pdf).ok());
    const QStringList pages = pdfPagesText(pdf);
    QCOMPARE(pages.size(), tiles);
    for (int i = 0; i < tiles; ++i) {
        const pagefit::Tile &tile = chosen.plan.tiles.at(i);
        const QString label = u"Page %1 of %2, row %3 column %4"_s.arg(i + 1)
                                      .arg(tiles)
                                      .arg(tile.row + 1)
                                      .arg(tile.column + 1);
        QVERIFY2(pages.at(i).contains(label), qPrintable(label));
    }
}

// A netstat file without EdgeMap's header: the title block gives the file's modification time,
// said as such, in the window's export and on the command line.
void TstPageExport::titleBlockGivesTheFileTime()
{
    const QString snapshot = m_dir->filePath(u"edge01.txt"_s);
    QVERIFY(QFile::copy(snapshottest::bundledSamplePath(), snapshot));
    QFile file(snapshot);
    QVERIFY(file.open(QIODevice::ReadWrite));
    const QDateTime mtime(QDate(2026, 3, 1), QTime(10, 22), Qt::UTC);
    QVERIFY(file.setFileTime(mtime, QFileDevice::FileModificationTime));
    file.close();
    const QString expected = u"Snapshot of edge01.contoso.local, captured 2026-03-01 10:22 UTC "
                             "(file time)"_s;

    Document doc(topologyfile::defaultTopology());
    deliverCheck(doc, std::make_shared<CheckResult>(readAndJudge(doc.topology(), snapshot)));
    const DiagramExporter exporter(doc, pdfOptions());
    QVERIFY2(exporter.titleLines().at(1).endsWith(expected),
             qPrintable(exporter.titleLines().at(1)));

    const QString topology
            = QStringLiteral(EDGEMAP_SOURCE_DIR "/resources/topologies/default.edgemap.json");
    const QString svg = m_dir->filePath(u"d.svg"_s);
    const Run r = runEdgemap({u"export"_s, topology, u"--snapshot"_s, snapshot, u"-o"_s, svg});
    QCOMPARE(r.exitCode, 0);
    QFile out(svg);
    QVERIFY(out.open(QIODevice::ReadOnly));
    QVERIFY(QString::fromUtf8(out.readAll()).contains(expected));
}

// With EdgeMap's capture header the header's time, with no "(file time)".
void TstPageExport::titleBlockGivesTheHeaderTime()
{
    const QByteArray sample = snapshottest::readFile(snapshottest::bundledSamplePath());
    const QString netstat = QString::fromUtf16(
            reinterpret_cast<const char16_t *>(sample.constData() + 2), (sample.size() - 2) / 2);
    const QString snapshot = m_dir->filePath(u"edge01-header.txt"_s);
    QFile file(snapshot);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("# host: EDGE01\n# time: 2026-02-27T08:15:00Z\n# command: netstat -anob\n");
    file.write(netstat.toUtf8());
    file.close();
    Document doc(topologyfile::defaultTopology());
    const CheckResult check = readAndJudge(doc.topology(), snapshot);
    QVERIFY2(check.ok(), qPrintable(check.error.toString()));
    QVERIFY(check.snapshot.header.time.isValid());
    deliverCheck(doc, std::make_shared<CheckResult>(check));
    const DiagramExporter exporter(doc, pdfOptions());
    QVERIFY2(exporter.titleLines().at(1).endsWith(
                     u"Snapshot of edge01.contoso.local, captured 2026-02-27 08:15 UTC"_s),
             qPrintable(exporter.titleLines().at(1)));
}

// A pool's snapshots are counted, not listed: twelve FQDNs would run off the page.
void TstPageExport::titleBlockCountsAPoolsSnapshots()
{
    DiagramInput input;
    input.topology = testing::TopologyBuilder().members(4).build();
    const QList<EdgeServer> &members = input.topology.pools.first().servers;
    const auto titleWith = [&](int checked) {
        input.checks.servers.clear();
        for (int i = 0; i < checked; ++i) {
            DiagramChecks::Server server;
            server.server = members.at(i).id;
            input.checks.servers.append(server);
        }
        return DiagramExporter(input, pdfOptions()).titleLines().at(1);
    };
    QCOMPARE(titleWith(0), u"Lync Server 2013 · Design (no snapshot)"_s);
    QCOMPARE(titleWith(2),
             u"Lync Server 2013 · Snapshot of edge01.contoso.local, edge02.contoso.local"_s);
    QCOMPARE(titleWith(3), u"Lync Server 2013 · Snapshots of 3 of 4 servers"_s);
    QCOMPARE(titleWith(4), u"Lync Server 2013 · Snapshots of all 4 servers"_s);
}

QTEST_MAIN(TstPageExport)
#include "tst_pageexport.moc"
