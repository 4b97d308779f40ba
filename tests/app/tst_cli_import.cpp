// `edgemap import` as a user runs it: the real binary on the real samples (the file PowerShell
// writes, UTF-16LE with a BOM, among them), what it prints, what it writes, and its refusals.
#include "support/tst_cli_util.h"
#include "support/tst_file_util.h"
#include "support/tst_topologyimport_util.h"

#include <QFile>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

using testfiles::readFile;
using testfiles::writeFile;

using edgemap::clitest::Run;
using edgemap::clitest::runEdgemap;

QString sample(const QString &name)
{
    return QStringLiteral(EDGEMAP_TEST_DATA "/import/") + name;
}

const QString kPublished = sample(u"ibenbouzid_lab_V3_DefaultTopology_Skype.xml"_s);
const QString kBuilder = sample(u"sfbautomatedlab_Contoso.tbxml"_s);

} // namespace

class TstCliImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void help();
    void importsThePowerShellExport();
    void importsATopologyBuilderFile();
    void choosesPools();
    void refusesToOverwrite();
    void diffListsWhatChanged();
    void diffRefusesBadInput();
    void refusesBadInput_data();
    void refusesBadInput();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString path(const QString &name) const { return m_dir->filePath(name); }
};

void TstCliImport::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TstCliImport::help()
{
    const Run global = runEdgemap({u"--help"_s});
    QVERIFY2(global.out.contains(u"  import      Import the Edge pools of a deployed Lync"_s),
             qPrintable(global.out));
    const Run r = runEdgemap({u"import"_s, u"--help"_s});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.startsWith(u"Usage: edgemap import TOPOLOGY.xml|.tbxml -o OUT.edgemap.json "
                             u"[--pool FQDN] [--site NAME] [--force]"_s));
    QVERIFY(r.out.contains(u"Get-CsTopology -AsXml | Out-File topology.xml"_s));
    QVERIFY(r.out.contains(u"--site <NAME>"_s));
}

// Windows PowerShell's Out-File: UTF-16LE with a BOM.
void TstCliImport::importsThePowerShellExport()
{
    const QString input = path(u"topology.xml"_s);
    QStringEncoder utf16(QStringConverter::Utf16LE, QStringConverter::Flag::WriteBom);
    QVERIFY(writeFile(input, utf16(QString::fromUtf8(readFile(kPublished)))));
    const QString out = path(u"edge.edgemap.json"_s);
    const Run r = runEdgemap({u"import"_s, input, u"-o"_s, out});
    QCOMPARE(r.exitCode, 0);
    const QStringList expected{
            u"Imported from a published topology (Get-CsTopology -AsXml): Skype for Business "
            u"Server 2015 (ServiceVersion 7)"_s,
            u"Edge pool Edge.contoso.com (site TVP): 1 server(s), one external address"_s,
            u"  Edge.contoso.com  internal 0.0.0.0  external 0.0.0.0 (NAT 1.1.1.1)"_s,
            u"  Next hop: Front End pool skypefe.contoso.com"_s,
            u"  External FQDNs: sip.contoso.com"_s,
            u"    TCP 442 external (Audio/Video Edge, STUN/MSTURN over TCP; default 443)"_s,
            u"Wrote %1: Skype for Business Server 2015, 1 Edge pool(s), 1 server(s), 13 "
            u"listeners"_s.arg(out),
    };
    for (const QString &line : expected)
        QVERIFY2(r.out.contains(line + u'\n'), qPrintable(line + u"\n---\n"_s + r.out));
    QVERIFY2(r.err.contains(u"edgemap import: warning: %1:23:9: Edge server Edge.contoso.com: the "
                            u"internal address is 0.0.0.0, not pinned"_s.arg(input)),
             qPrintable(r.err));
    const Run validate = runEdgemap({u"validate"_s, out});
    QCOMPARE(validate.exitCode, 0);
    QVERIFY(readFile(out).contains("\"import_key\": \"MediaRelayEdge/TURNServer/external:1\""));
    // The firewall matrix has the imported address, NAT address and port, and names the pool
    // around the Edge by its FQDN.
    const Run external = runEdgemap(
            {u"ports"_s, out, u"--firewall"_s, u"external"_s, u"--format"_s, u"csv"_s});
    QCOMPARE(external.exitCode, 0);
    QVERIFY2(external.out.contains(u"Remote users: Any (Internet),\"0.0.0.0 (Edge.contoso.com, "
                                   u"Access Edge, Web Conferencing Edge, A/V Edge)\",In,1.1.1.1,"
                                   u"TCP,Any,442,STUN/MSTURN over TCP"_s),
             qPrintable(external.out));
    const Run internal = runEdgemap(
            {u"ports"_s, out, u"--firewall"_s, u"internal"_s, u"--format"_s, u"csv"_s});
    QVERIFY2(internal.out.contains(u"Front End pool skypefe.contoso.com (CMS)"_s),
             qPrintable(internal.out));
    // So does the diagram: the unpinned addresses said as such, the NAT address, the port.
    const QString svg = path(u"edge.svg"_s);
    QCOMPARE(runEdgemap({u"export"_s, out, u"-o"_s, svg}).exitCode, 0);
    const QString drawing = QString::fromUtf8(readFile(svg));
    for (const QString &text : {u"0.0.0.0 (not pinned)"_s, u"NAT 1.1.1.1"_s, u"TCP 442"_s,
                                u"sip.contoso.com"_s, u"Front End pool skypefe.contoso.com"_s})
        QVERIFY2(drawing.contains(text), qPrintable(text));
}

void TstCliImport::importsATopologyBuilderFile()
{
    const QString out = path(u"contoso.edgemap.json"_s);
    const Run r = runEdgemap({u"import"_s, kBuilder, u"-o"_s, out});
    QCOMPARE(r.exitCode, 0);
    for (const QString &line :
         {u"Edge pool edgepool.contoso.com (site Contoso): 3 server(s), one external address, XMPP "
          u"federation"_s,
          u"  xedge1.contoso.com  internal 192.168.10.100  external 10.0.0.1 (NAT 10.0.0.2)"_s,
          u"  xedge2.contoso.com  internal 192.168.10.101  external 10.0.0.3 (NAT 10.0.0.4)"_s,
          u"  xedge3.contoso.com  internal 192.168.10.103  external 10.0.0.5 (NAT 10.0.0.6)"_s,
          u"  Ports: the defaults for this layout"_s})
        QVERIFY2(r.out.contains(line + u'\n'), qPrintable(line + u"\n---\n"_s + r.out));
    QCOMPARE(runEdgemap({u"validate"_s, out}).exitCode, 0);
    // The imported addresses and ports are what the port table lists.
    const Run ports = runEdgemap({u"ports"_s, out, u"--format"_s, u"csv"_s});
    QCOMPARE(ports.exitCode, 0);
    QVERIFY(ports.out.contains(u"10.0.0.3"_s));
    QVERIFY(ports.out.contains(u"5269"_s));
}

void TstCliImport::choosesPools()
{
    const QString out = path(u"sin.edgemap.json"_s);
    const Run r = runEdgemap({u"import"_s, sample(u"written_two-sites.xml"_s), u"-o"_s, out,
                              u"--site"_s, u"Singapore"_s});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains(u"Edge pool sin-edge.contoso.com (site Singapore)"_s));
    QVERIFY(r.out.contains(u"Other Edge pools, not imported: ams-edge.contoso.com (site "
                           u"Amsterdam)"_s));
    const Run none = runEdgemap({u"import"_s, sample(u"written_two-sites.xml"_s), u"-o"_s,
                                 path(u"none.edgemap.json"_s), u"--pool"_s, u"x.contoso.com"_s});
    QCOMPARE(none.exitCode, 2);
    QVERIFY2(none.err.contains(u"no Edge pool matches 'x.contoso.com'; the Edge pools are: "
                               u"ams-edge.contoso.com (site Amsterdam), sin-edge.contoso.com "
                               u"(site Singapore)"_s),
             qPrintable(none.err));
    QVERIFY(!QFile::exists(path(u"none.edgemap.json"_s)));
}

void TstCliImport::refusesToOverwrite()
{
    const QString out = path(u"keep.edgemap.json"_s);
    QVERIFY(writeFile(out, "precious"));
    const Run r = runEdgemap({u"import"_s, kPublished, u"-o"_s, out});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(u"%1 exists; use --force to overwrite it"_s.arg(out)),
             qPrintable(r.err));
    QCOMPARE(readFile(out), QByteArray("precious"));
    QCOMPARE(runEdgemap({u"import"_s, kPublished, u"-o"_s, out, u"--force"_s}).exitCode, 0);
    QVERIFY(readFile(out).startsWith("{\n  \"format\": 3,"));
    // -o naming the input is refused even with --force.
    const QString input = path(u"topology.xml"_s);
    QVERIFY(writeFile(input, readFile(kPublished)));
    const Run self = runEdgemap({u"import"_s, input, u"-o"_s, input, u"--force"_s});
    QCOMPARE(self.exitCode, 2);
    QCOMPARE(readFile(input), readFile(kPublished));
}

// --diff: what changed in the deployment, exit 1; with -o the file brought up to date (in place
// only with --force); a second run against the update finds nothing (exit 0).
void TstCliImport::diffListsWhatChanged()
{
    const QString existing = path(u"contoso.edgemap.json"_s);
    QCOMPARE(runEdgemap({u"import"_s, sample(u"written_pool-director.tbxml"_s), u"-o"_s, existing})
                     .exitCode,
             0);
    const QByteArray before = readFile(existing);
    const QString later = path(u"later.tbxml"_s);
    QVERIFY(writeFile(later, importtest::poolDirectorLater()));

    const Run listed = runEdgemap({u"import"_s, u"--diff"_s, existing, later});
    QCOMPARE(listed.exitCode, 1);
    QVERIFY2(listed.out.startsWith(
                     u"8 changes in the deployment since %1 was made:\n"_s.arg(existing)),
             qPrintable(listed.out));
    for (const QString &line :
         {u"  edge02.contoso.net: Internal address 172.16.1.12 → 172.16.1.22\n"_s,
          u"  edge01.contoso.net: TCP 444 (RTCDATAPROXY) moved to TCP 4444\n"_s,
          u"  edgepool.contoso.net: next hop dirpool.contoso.net → fepool.contoso.net\n"_s,
          u"  edge04.contoso.net: no longer a member of edgepool.contoso.net; removed\n"_s})
        QVERIFY2(listed.out.contains(line), qPrintable(listed.out));
    QCOMPARE(readFile(existing), before); // without -o nothing is written

    const Run refused = runEdgemap({u"import"_s, u"--diff"_s, existing, later, u"-o"_s, existing});
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.contains(u"exists; use --force to overwrite it"_s),
             qPrintable(refused.err));
    QCOMPARE(readFile(existing), before);

    const Run updated = runEdgemap(
            {u"import"_s, u"--diff"_s, existing, later, u"-o"_s, existing, u"--force"_s});
    QCOMPARE(updated.exitCode, 1);
    QVERIFY2(updated.out.contains(u"\nWrote %1: Skype for Business Server 2015, 1 Edge pool(s), 3 "
                                  u"server(s)"_s.arg(existing)),
             qPrintable(updated.out));
    const Run validated = runEdgemap({u"validate"_s, existing});
    QCOMPARE(validated.exitCode, 0);
    const Run again = runEdgemap({u"import"_s, u"--diff"_s, existing, later});
    QCOMPARE(again.exitCode, 0);
    QCOMPARE(again.out,
             u"No changes: %1 describes the deployment as %2 does.\n"_s.arg(later, existing));
}

void TstCliImport::diffRefusesBadInput()
{
    const QString later = path(u"later.tbxml"_s);
    QVERIFY(writeFile(later, importtest::poolDirectorLater()));
    const QString broken = path(u"broken.edgemap.json"_s);
    QVERIFY(writeFile(broken, "{\"format\": 3, \"pools\": ["));
    const Run r = runEdgemap({u"import"_s, u"--diff"_s, broken, later});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(broken), qPrintable(r.err));
    const Run missing = runEdgemap({u"import"_s, u"--diff"_s, path(u"none.edgemap.json"_s), later});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.contains(u"none.edgemap.json"_s), qPrintable(missing.err));
    // Without --diff, -o stays required.
    const Run noOutput = runEdgemap({u"import"_s, later});
    QCOMPARE(noOutput.exitCode, 2);
    QVERIFY2(noOutput.err.contains(u"--output FILE is required"_s), qPrintable(noOutput.err));
}

void TstCliImport::refusesBadInput_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("message");
    const QByteArray published = readFile(kPublished);
    QTest::newRow("no Edge")
            << readFile(sample(u"written_no-edge.xml"_s))
            << u"in.xml: no Edge pool in this topology; it has pools: fe01.contoso.com (Front "
               u"End), sql01.contoso.com (SQL Server), sbc1.contoso.com (PSTN gateway)"_s;
    QTest::newRow("truncated") << published.left(published.indexOf("Port=\"442\""))
                               << u"in.xml:317:120: the file ends in the middle of the topology"_s;
    QTest::newRow("empty") << QByteArray() << u"in.xml: the file is empty"_s;
}

void TstCliImport::refusesBadInput()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    QDir::setCurrent(m_dir->path());
    QVERIFY(writeFile(path(u"in.xml"_s), content));
    const Run r = runEdgemap({u"import"_s, u"in.xml"_s, u"-o"_s, u"out.edgemap.json"_s});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.startsWith(u"edgemap import: "_s + message), qPrintable(r.err));
    QVERIFY(!QFile::exists(path(u"out.edgemap.json"_s)));
}

QTEST_GUILESS_MAIN(TstCliImport)
#include "tst_cli_import.moc"
