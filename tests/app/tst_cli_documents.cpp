// `edgemap ports` and `edgemap report` as a user runs them: the real binary without a display,
// its formats, exit codes and output files that are never left half-written.
#include "support/tst_cli_util.h"
#include "support/tst_file_util.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace edgemap;

namespace {

using testfiles::readFile;
using testfiles::writeFile;

using clitest::kSample;
using clitest::kTopology;
using clitest::runEdgemapRaw;
using Run = clitest::RawRun;

// netstat -anob of edge01 with every expected listener bound by its executable.
QByteArray allListening()
{
    return (QStringLiteral("Active Connections\r\n\r\n  Proto  Local Address  Foreign "
                           "Address  State  PID\r\n")
            + clitest::allListeningRows())
            .toUtf8();
}

} // namespace

class TstCliDocuments : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void help_data();
    void help();
    void portsFormats();
    void portsFirewall();
    void portsWithSnapshotShowsStatuses();
    void badUsage_data();
    void badUsage();
    void unwritableOutputLeavesNoFile();
    void readOnlyOutputIsLeftIntact();
    void inputIsNeverOverwritten();
    void reportMarkdownAndHtml();
    void reportPdfWithoutDisplay();
    void reportAllOkExitsZero();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString path(const QString &name) const { return m_dir->filePath(name); }
};

void TstCliDocuments::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TstCliDocuments::help_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    QTest::newRow("global lists ports")
            << QStringList{QStringLiteral("--help")} << QStringLiteral("ports ");
    QTest::newRow("global lists report")
            << QStringList{QStringLiteral("--help")} << QStringLiteral("report ");
    QTest::newRow("ports") << QStringList{QStringLiteral("ports"), QStringLiteral("--help")}
                           << QStringLiteral("Usage: edgemap ports TOPOLOGY [--snapshot FILE]");
    QTest::newRow("report") << QStringList{QStringLiteral("report"), QStringLiteral("--help")}
                            << QStringLiteral("Usage: edgemap report TOPOLOGY SNAPSHOT");
}

void TstCliDocuments::help()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    const Run r = runEdgemapRaw(arguments);
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(QString::fromUtf8(r.out).contains(expected), r.out.constData());
}

void TstCliDocuments::portsFormats()
{
    Run r = runEdgemapRaw({QStringLiteral("ports"), kTopology});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.startsWith("# Port table: Contoso Edge (default)\n"));
    QVERIFY(r.out.contains("\n## edge01.contoso.local\n"));

    r = runEdgemapRaw({QStringLiteral("ports"), kTopology, QStringLiteral("--format"),
                       QStringLiteral("csv"), QStringLiteral("-o"), path(QStringLiteral("t.csv"))});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.isEmpty());
    const QByteArray csv = readFile(path(QStringLiteral("t.csv")));
    QVERIFY(csv.startsWith("Server,Interface,Role,Address,NAT public,Transport,Port,"));
    QVERIFY(csv.contains(
            "edge01.contoso.local,External,A/V Edge,10.45.16.30,203.0.113.30,UDP,3478,"));

    // The suffix of -o names the format.
    r = runEdgemapRaw({QStringLiteral("ports"), kTopology, QStringLiteral("-o"),
                       path(QStringLiteral("t.html"))});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(readFile(path(QStringLiteral("t.html"))).startsWith("<!DOCTYPE html>"));
}

void TstCliDocuments::portsFirewall()
{
    Run r = runEdgemapRaw({QStringLiteral("ports"), kTopology, QStringLiteral("--firewall"),
                           QStringLiteral("external"), QStringLiteral("--format"),
                           QStringLiteral("csv")});
    QCOMPARE(r.exitCode, 0);
    const QList<QByteArray> lines = r.out.split('\n');
    QVERIFY(lines.first().startsWith("Firewall,Rule,Source,Destination,Microsoft,NAT public "
                                     "address,Transport,Source port,Port,"));
    QVERIFY(lines.size() > 10);
    for (const QByteArray &line : lines.mid(1))
        QVERIFY(line.isEmpty() || line.startsWith("External,E"));
    QVERIFY(r.out.contains("\"10.45.16.10 (edge01.contoso.local, Access Edge)\","
                           "\"Internet (DNS, CRL): Any (Internet)\",Out,203.0.113.10,UDP,Any,53,"
                           "DNS,"));

    r = runEdgemapRaw({QStringLiteral("ports"), kTopology, QStringLiteral("--firewall"),
                       QStringLiteral("both")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("\n## External firewall"));
    QVERIFY(r.out.contains("\n## Internal firewall"));
}

void TstCliDocuments::portsWithSnapshotShowsStatuses()
{
    const Run r = runEdgemapRaw(
            {QStringLiteral("ports"), kTopology, QStringLiteral("--snapshot"), kSample});
    QCOMPARE(r.exitCode, 1); // the sample's Web Conferencing Edge is stopped
    QVERIFY(r.out.contains("| Status | Observed | Established |"));
    QVERIFY(r.out.contains("| Missing |"));
    QVERIFY(r.out.contains("| OK | RTCSrv.exe (PID 2216) on 172.25.33.10 | 2 |"));
}

void TstCliDocuments::badUsage_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QString report = QStringLiteral("report");
    const QString ports = QStringLiteral("ports");
    QTest::newRow("ports without topology") << QStringList{ports} << QStringLiteral("TOPOLOGY");
    QTest::newRow("ports pdf") << QStringList{ports, kTopology, QStringLiteral("--format"),
                                              QStringLiteral("pdf")}
                               << QStringLiteral("--format must be csv, md or html");
    QTest::newRow("ports bad firewall")
            << QStringList{ports, kTopology, QStringLiteral("--firewall"), QStringLiteral("none")}
            << QStringLiteral("--firewall must be");
    QTest::newRow("ports snapshot with firewall")
            << QStringList{ports,
                           kTopology,
                           QStringLiteral("--firewall"),
                           QStringLiteral("both"),
                           QStringLiteral("--snapshot"),
                           kSample}
            << QStringLiteral("--snapshot applies to the port table");
    QTest::newRow("ports missing topology")
            << QStringList{ports, QStringLiteral("/nonexistent/x.edgemap.json")}
            << QStringLiteral("/nonexistent/x.edgemap.json");
    QTest::newRow("ports unreadable snapshot")
            << QStringList{ports, kTopology, QStringLiteral("--snapshot"),
                           QStringLiteral("/nonexistent/snap.txt")}
            << QStringLiteral("/nonexistent/snap.txt");
    QTest::newRow("report pdf to stdout")
            << QStringList{report, kTopology, kSample, QStringLiteral("--format"),
                           QStringLiteral("pdf")}
            << QStringLiteral("a PDF needs -o FILE");
    QTest::newRow("report csv") << QStringList{report, kTopology, kSample,
                                               QStringLiteral("--format"), QStringLiteral("csv")}
                                << QStringLiteral("--format must be md, html or pdf");
    QTest::newRow("report one file")
            << QStringList{report, kTopology} << QStringLiteral("give a TOPOLOGY and a SNAPSHOT");
    QTest::newRow("report no such server")
            << QStringList{report, kTopology, kSample, QStringLiteral("--server"),
                           QStringLiteral("nosuch.contoso.local")}
            << QStringLiteral("nosuch.contoso.local");
}

void TstCliDocuments::badUsage()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Run r = runEdgemapRaw(arguments);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
}

void TstCliDocuments::unwritableOutputLeavesNoFile()
{
    const QString out = path(QStringLiteral("no/such/dir/ports.md"));
    for (const QStringList &args :
         {QStringList{QStringLiteral("ports"), kTopology, QStringLiteral("-o"), out},
          QStringList{QStringLiteral("report"), kTopology, kSample, QStringLiteral("-o"), out},
          QStringList{QStringLiteral("report"), kTopology, kSample, QStringLiteral("--format"),
                      QStringLiteral("pdf"), QStringLiteral("-o"), out}}) {
        const Run r = runEdgemapRaw(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("cannot write '%1'").arg(out)), qPrintable(r.err));
        QVERIFY(!QFile::exists(out));
    }
}

void TstCliDocuments::readOnlyOutputIsLeftIntact()
{
    const QString out = path(QStringLiteral("locked.pdf"));
    QVERIFY(writeFile(out, "the previous report\n"));
    QVERIFY(QFile::setPermissions(out, QFileDevice::ReadOwner | QFileDevice::ReadUser));
    for (const QStringList &args :
         {QStringList{QStringLiteral("ports"), kTopology, QStringLiteral("--format"),
                      QStringLiteral("md"), QStringLiteral("-o"), out},
          QStringList{QStringLiteral("report"), kTopology, kSample, QStringLiteral("-o"), out}}) {
        const Run r = runEdgemapRaw(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(out), qPrintable(r.err));
        QCOMPARE(readFile(out), QByteArray("the previous report\n"));
    }
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
}

void TstCliDocuments::inputIsNeverOverwritten()
{
    const QString topology = path(QStringLiteral("t.edgemap.json"));
    QVERIFY(QFile::copy(kTopology, topology));
    const QByteArray before = readFile(topology);
    const Run r = runEdgemapRaw({QStringLiteral("ports"), topology, QStringLiteral("--format"),
                                 QStringLiteral("csv"), QStringLiteral("-o"), topology});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QStringLiteral("is one of the input files")), qPrintable(r.err));
    QCOMPARE(readFile(topology), before);
}

void TstCliDocuments::reportMarkdownAndHtml()
{
    Run r = runEdgemapRaw({QStringLiteral("report"), kTopology, kSample});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.out.startsWith("# Check report: edge01.contoso.local\n"));
    QVERIFY(r.out.indexOf("## Problems") < r.out.indexOf("## All listeners"));

    const QString html = path(QStringLiteral("report.html"));
    r = runEdgemapRaw({QStringLiteral("report"), kTopology, kSample, QStringLiteral("-o"), html});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.out.isEmpty());
    const QByteArray bytes = readFile(html);
    QVERIFY(bytes.startsWith("<!DOCTYPE html>"));
    QVERIFY(bytes.contains("Broken</td>"));
}

void TstCliDocuments::reportPdfWithoutDisplay()
{
    const QString pdf = path(QStringLiteral("report.pdf"));
    const Run r = runEdgemapRaw(
            {QStringLiteral("report"), kTopology, kSample, QStringLiteral("-o"), pdf});
    QCOMPARE(r.exitCode, 1);
    // (Qt may warn on stderr about the environment, e.g. XDG_RUNTIME_DIR; no error of ours.)
    QVERIFY2(!r.err.contains(QStringLiteral("edgemap")), qPrintable(r.err));
    QVERIFY(readFile(pdf).startsWith("%PDF-"));
    const QString pdfinfo = QStandardPaths::findExecutable(QStringLiteral("pdfinfo"));
    if (pdfinfo.isEmpty())
        QSKIP("pdfinfo (poppler-utils) is not installed: page count not checked");
    QProcess p;
    p.start(pdfinfo, {pdf});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 0);
    const QString info = QString::fromUtf8(p.readAllStandardOutput());
    const qsizetype at = info.indexOf(QStringLiteral("Pages:"));
    QVERIFY2(at >= 0 && info.mid(at + 6).section(u'\n', 0, 0).trimmed().toInt() >= 1,
             qPrintable(info));
}

void TstCliDocuments::reportAllOkExitsZero()
{
    const QString snapshot = path(QStringLiteral("all.txt"));
    QVERIFY(writeFile(snapshot, allListening()));
    const Run r = runEdgemapRaw({QStringLiteral("report"), kTopology, snapshot});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("None: every expected listener is OK or dynamic."));
}

QTEST_GUILESS_MAIN(TstCliDocuments)
#include "tst_cli_documents.moc"
