// The check report: the bundled sample (Web Conferencing Edge stopped) judged against the default
// topology, as Markdown, HTML and PDF.
#include "export/documentexport.h"
#include "io/topologyfile.h"
#include "reports/checkreport.h"
#include "snapshot/check.h"
#include "support/tst_snapshot_util.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace edgemap;

namespace {

const QString kDefault
        = QStringLiteral(EDGEMAP_TEST_DATA "/../../resources/topologies/default.edgemap.json");
const QString kSample = snapshottest::bundledSamplePath();

struct Judged
{
    Topology topology;
    CheckResult check;
};

Judged judgedSample()
{
    const topologyfile::ReadResult t = topologyfile::load(kDefault);
    if (!t.ok())
        qFatal("default topology: %s", qPrintable(t.error.toString()));
    return {*t.topology, readAndJudge(*t.topology, kSample)};
}

const TextTable *table(const TableDocument &doc, const QString &heading)
{
    for (const TextTable &t : doc.tables)
        if (t.heading == heading)
            return &t;
    return nullptr;
}

QString fact(const TableDocument &doc, const QString &key)
{
    for (const auto &[k, v] : doc.facts)
        if (k == key)
            return v;
    return {};
}

} // namespace

class TstCheckReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void factsAndSummary();
    void capturedIsTheFileTimeNotTheLoadTime();
    void problemsFirstThenEveryListener();
    void scenariosNameWhatBreaksThem();
    void unexpectedListeners();
    void markdownAndHtml();
    void pdf();
};

void TstCheckReport::factsAndSummary()
{
    const Judged j = judgedSample();
    QVERIFY(j.check.ok());
    const TableDocument doc = checkReportDocument(j.topology, j.check);
    QCOMPARE(doc.title, QStringLiteral("Check report: edge01.contoso.local"));
    QCOMPARE(fact(doc, QStringLiteral("Server")), QStringLiteral("edge01.contoso.local"));
    QCOMPARE(fact(doc, QStringLiteral("Snapshot")), kSample);
    QCOMPARE(fact(doc, QStringLiteral("Format")), j.check.snapshot.format);
    QCOMPARE(fact(doc, QStringLiteral("Encoding")), QStringLiteral("utf-16le"));
    QCOMPARE(fact(doc, QStringLiteral("Rows")), QString::number(j.check.snapshot.rows.size()));
    QCOMPARE(fact(doc, QStringLiteral("Unrecognised lines")), QStringLiteral("0"));
    QVERIFY(!fact(doc, QStringLiteral("Checked")).isEmpty());
    QCOMPARE(doc.paragraphs.size(), 1);
    QVERIFY2(doc.paragraphs.first().contains(
                     QStringLiteral("%1 with problems").arg(j.check.judgement.problemCount())),
             qPrintable(doc.paragraphs.first()));
}

// The sample has no capture header: "Captured" is the file's modification time, said as such.
void TstCheckReport::capturedIsTheFileTimeNotTheLoadTime()
{
    QTemporaryDir dir;
    const QString snapshot = dir.filePath(QStringLiteral("edge01.txt"));
    QVERIFY(QFile::copy(kSample, snapshot));
    QFile file(snapshot);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.setFileTime(QDateTime(QDate(2026, 3, 1), QTime(10, 22), Qt::UTC),
                             QFileDevice::FileModificationTime));
    file.close();
    const Topology t = judgedSample().topology;
    const CheckResult check = readAndJudge(t, snapshot);
    QVERIFY(check.ok());
    const TableDocument doc = checkReportDocument(t, check);
    QCOMPARE(fact(doc, QStringLiteral("Captured")),
             QStringLiteral("2026-03-01T10:22:00Z (file time)"));
    // Pasted text has no capture time: no "Captured" fact rather than the time it was read.
    const CheckResult pasted
            = readAndJudge(t, snapshottest::readFile(kSample), SnapshotSource::clipboard());
    QVERIFY(pasted.ok());
    QVERIFY(fact(checkReportDocument(t, pasted), QStringLiteral("Captured")).isEmpty());
}

void TstCheckReport::problemsFirstThenEveryListener()
{
    const Judged j = judgedSample();
    const TableDocument doc = checkReportDocument(j.topology, j.check);
    QCOMPARE(doc.tables.at(0).heading, QStringLiteral("Problems"));
    QCOMPARE(doc.tables.at(1).heading, QStringLiteral("All listeners"));
    const TextTable &problems = doc.tables.at(0);
    // The stopped Web Conferencing Edge is one row (not one per listener), with its ports and
    // the finding; then the Remote Desktop warnings (TCP and UDP on 0.0.0.0, TCP on ::).
    QCOMPARE(problems.rows.size(), 1 + 3);
    for (const QString &key : problems.statusKeys)
        QVERIFY(key != QLatin1String("ok") && key != QLatin1String("dynamic"));
    const QStringList &service = problems.rows.at(0);
    QCOMPARE(service.at(0), QStringLiteral("Service down"));
    QCOMPARE(service.at(1), QStringLiteral("Web Conferencing Edge"));
    QCOMPARE(service.at(4), QStringLiteral("TCP 8057, TCP 443"));
    QCOMPARE(service.at(6), QStringLiteral("RTCDATAPROXY"));
    QCOMPARE(service.at(8),
             QStringLiteral("Web Conferencing Edge (RTCDATAPROXY, DataProxy.exe) is not listening "
                            "anywhere on edge01.contoso.local: the service looks stopped; start "
                            "it"));
    QCOMPARE(problems.statusKeys.at(0), QStringLiteral("missing"));
    for (qsizetype i = 1; i < problems.rows.size(); ++i) {
        QCOMPARE(problems.rows.at(i).at(0), QStringLiteral("Warning"));
        QVERIFY(problems.rows.at(i).at(8).startsWith(
                QStringLiteral("Remote Desktop is reachable on the external interface")));
    }
    // Every listener is still in the full table, the service's with a detail pointing to it.
    bool psom = false;
    for (const QStringList &row : doc.tables.at(1).rows)
        psom = psom
               || (row.at(4) == QLatin1String("8057") && row.at(0) == QLatin1String("Missing")
                   && row.at(8).endsWith(QStringLiteral("the service is down: RTCDATAPROXY is "
                                                        "not listening anywhere on this server")));
    QVERIFY(psom);
    QCOMPARE(doc.tables.at(1).rows.size(), j.check.judgement.listeners.size());
}

void TstCheckReport::scenariosNameWhatBreaksThem()
{
    const Judged j = judgedSample();
    const TableDocument doc = checkReportDocument(j.topology, j.check); // outlives the pointer
    const TextTable *scenarios = table(doc, QStringLiteral("Scenarios"));
    QVERIFY(scenarios);
    QCOMPARE(scenarios->rows.size(), j.check.judgement.scenarios.size());
    bool webConference = false;
    for (qsizetype i = 0; i < scenarios->rows.size(); ++i) {
        const QStringList &row = scenarios->rows.at(i);
        if (scenarios->statusKeys.at(i) == QLatin1String("broken")) {
            QCOMPARE(row.at(1), QStringLiteral("Broken"));
            QVERIFY(!row.at(2).isEmpty());
        }
        if (row.at(0) == QLatin1String("External web conference join")) {
            webConference = true;
            QVERIFY2(row.at(2).contains(QStringLiteral("TCP 8057 on 172.25.33.10 (RTCDATAPROXY)")),
                     qPrintable(row.at(2)));
        }
    }
    QVERIFY(webConference);
}

void TstCheckReport::unexpectedListeners()
{
    const Judged j = judgedSample();
    const TableDocument doc = checkReportDocument(j.topology, j.check); // outlives the pointer
    const TextTable *unexpected = table(doc, QStringLiteral("Unexpected listeners"));
    QVERIFY(unexpected);
    // One row per socket: the sample's 16 bindings are 12 sockets (a port on both 0.0.0.0 and
    // [::] is one).
    QCOMPARE(j.check.judgement.unexpected.size(), 16);
    QCOMPARE(unexpected->rows.size(), 12);
    QCOMPARE(unexpected->columns.last(), QStringLiteral("What it is"));
    bool rdp = false, other = false;
    for (const QStringList &row : unexpected->rows) {
        if (row.mid(0, 5)
            == QStringList{QStringLiteral("0.0.0.0 and [::]"), QStringLiteral("TCP"),
                           QStringLiteral("3389"), QStringLiteral("1160"),
                           QStringLiteral("svchost.exe")}) {
            rdp = true;
            QVERIFY(row.at(5).startsWith(QStringLiteral("Remote Desktop (RDP): ")));
        }
        if (row.at(2) == QLatin1String("49664")) {
            other = true;
            QCOMPARE(row.at(5), QString()); // nothing known about it
        }
    }
    QVERIFY(rdp && other);
}

void TstCheckReport::markdownAndHtml()
{
    const Judged j = judgedSample();
    const TableDocument doc = checkReportDocument(j.topology, j.check);
    const QString md = QString::fromUtf8(tablewriters::markdown(doc));
    QVERIFY(md.startsWith(QStringLiteral("# Check report: edge01.contoso.local\n")));
    const qsizetype problems = md.indexOf(QStringLiteral("\n## Problems\n"));
    const qsizetype all = md.indexOf(QStringLiteral("\n## All listeners\n"));
    const qsizetype scenarios = md.indexOf(QStringLiteral("\n## Scenarios\n"));
    const qsizetype unexpected = md.indexOf(QStringLiteral("\n## Unexpected listeners\n"));
    QVERIFY(problems > 0 && problems < all && all < scenarios && scenarios < unexpected);
    QVERIFY(md.contains(QStringLiteral("- **Encoding:** utf-16le")));

    const QString html = QString::fromUtf8(tablewriters::html(doc, htmlStatusStyles()));
    QVERIFY(html.contains(QStringLiteral("<h2>Problems</h2>")));
    QVERIFY(html.contains(QStringLiteral("\u2717 Missing</td>")));
    QVERIFY(html.contains(QStringLiteral("\u2717 Broken</td>")));
}

void TstCheckReport::pdf()
{
    const Judged j = judgedSample();
    const TableDocument doc = checkReportDocument(j.topology, j.check);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("report.pdf"));
    const QString error = writePdf(tablewriters::html(doc, htmlStatusStyles()), doc.title, path);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    QVERIFY(bytes.startsWith("%PDF-"));
    QVERIFY(bytes.size() > 2000);
    const QString pdfinfo = QStandardPaths::findExecutable(QStringLiteral("pdfinfo"));
    if (pdfinfo.isEmpty())
        QSKIP("pdfinfo (poppler-utils) is not installed: page count not checked");
    QProcess p;
    p.start(pdfinfo, {path});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 0);
    const QString info = QString::fromUtf8(p.readAllStandardOutput());
    const qsizetype at = info.indexOf(QStringLiteral("Pages:"));
    QVERIFY2(at >= 0, qPrintable(info));
    const int pages = info.mid(at + 6).section(u'\n', 0, 0).trimmed().toInt();
    QVERIFY2(pages >= 1 && pages < 20, qPrintable(info));
    QVERIFY2(info.contains(QStringLiteral("Check report: edge01.contoso.local")), qPrintable(info));
}

QTEST_MAIN(TstCheckReport)
#include "tst_checkreport.moc"
