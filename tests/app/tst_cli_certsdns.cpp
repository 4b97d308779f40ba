// `edgemap certs` and `edgemap dns` as a user runs them: the real binary without a display, on
// the bundled topology and on a pool made with `edgemap new`; formats, exit codes, and output
// files that are never left half-written. Also the window's File > Export Tables entries, which
// write the same documents.
#include "document/document.h"
#include "support/tst_cli_util.h"
#include "support/tst_file_util.h"
#include "window/documentactions.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QMenu>
#include <QTemporaryDir>
#include <QTest>
#include <QWidget>

using namespace edgemap;

namespace {

using testfiles::readFile;
using testfiles::writeFile;

using clitest::kTopology;
using clitest::runEdgemapRaw;
using Run = clitest::RawRun;

} // namespace

class TstCliCertsDns : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void help_data();
    void help();
    void certsOfANewPool();
    void dnsOfANewPool();
    void bundledTopology();
    void formatFromSuffix_data();
    void formatFromSuffix();
    void badUsage_data();
    void badUsage();
    void unwritableOutputLeavesNoFile();
    void readOnlyOutputIsLeftIntact();
    void inputIsNeverOverwritten();
    void exportTablesInTheWindow();

private:
    // `edgemap new`: SfB 2015, a pool of two behind NAT, XMPP, contoso.com and fabrikam.com.
    QString newPool();
    std::unique_ptr<QTemporaryDir> m_dir;
    QString path(const QString &name) const { return m_dir->filePath(name); }
};

void TstCliCertsDns::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString TstCliCertsDns::newPool()
{
    const QString file = path(QStringLiteral("pool.edgemap.json"));
    const Run r = runEdgemapRaw({QStringLiteral("new"),
                                 QStringLiteral("-o"),
                                 file,
                                 QStringLiteral("--product"),
                                 QStringLiteral("sfb2015"),
                                 QStringLiteral("--xmpp"),
                                 QStringLiteral("--pool-fqdn"),
                                 QStringLiteral("edgepool.contoso.local"),
                                 QStringLiteral("--sip-domain"),
                                 QStringLiteral("contoso.com,fabrikam.com"),
                                 QStringLiteral("--access-fqdn"),
                                 QStringLiteral("sip.contoso.com"),
                                 QStringLiteral("--webconf-fqdn"),
                                 QStringLiteral("webconf.contoso.com"),
                                 QStringLiteral("--av-fqdn"),
                                 QStringLiteral("av.contoso.com"),
                                 QStringLiteral("--internal-ip"),
                                 QStringLiteral("172.25.33.10"),
                                 QStringLiteral("--external-ip"),
                                 QStringLiteral("10.45.16.10,10.45.16.20,10.45.16.30"),
                                 QStringLiteral("--access-public-ip"),
                                 QStringLiteral("203.0.113.10"),
                                 QStringLiteral("--webconf-public-ip"),
                                 QStringLiteral("203.0.113.20"),
                                 QStringLiteral("--av-public-ip"),
                                 QStringLiteral("203.0.113.30"),
                                 QStringLiteral("--member"),
                                 QStringLiteral("fqdn=edge02.contoso.local,internal=172.25.33.11,"
                                                "external=10.45.16.11+10.45.16.21+10.45.16.31,"
                                                "public=203.0.113.11+203.0.113.21+203.0.113.31")});
    if (r.exitCode != 0)
        qWarning("edgemap new: %s", qPrintable(r.err));
    return r.exitCode == 0 ? file : QString();
}

void TstCliCertsDns::help_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    QTest::newRow("global lists certs") << QStringList{QStringLiteral("--help")}
                                        << QStringLiteral("  certs       Write the "
                                                          "certificate requests");
    QTest::newRow("global lists dns") << QStringList{QStringLiteral("--help")}
                                      << QStringLiteral("  dns         Write the DNS "
                                                        "records");
    QTest::newRow("certs") << QStringList{QStringLiteral("certs"), QStringLiteral("--help")}
                           << QStringLiteral("Usage: edgemap certs TOPOLOGY [--format "
                                             "md|csv|html] [-o OUT]");
    QTest::newRow("dns") << QStringList{QStringLiteral("dns"), QStringLiteral("--help")}
                         << QStringLiteral("Usage: edgemap dns TOPOLOGY [--format "
                                           "md|csv|html|zone] [-o OUT]");
}

void TstCliCertsDns::help()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    const Run r = runEdgemapRaw(arguments);
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(QString::fromUtf8(r.out).contains(expected), r.out.constData());
}

void TstCliCertsDns::certsOfANewPool()
{
    const QString pool = newPool();
    QVERIFY(!pool.isEmpty());
    const Run r = runEdgemapRaw({QStringLiteral("certs"), pool});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.startsWith("# Certificate requests: Edge topology\n"));
    QVERIFY2(r.out.contains("Subject: sip.contoso.com. SANs, in this order: sip.contoso.com, "
                            "webconf.contoso.com, sip.fabrikam.com, xmpp.contoso.com, "
                            "xmpp.fabrikam.com. One certificate for the whole pool "
                            "(edge01.contoso.local, edge02.contoso.local)"),
             r.out.constData());
    QVERIFY(r.out.contains("Subject: edgepool.contoso.local. SANs, in this order: "
                           "edgepool.contoso.local, edge01.contoso.local, edge02.contoso.local."));
    QVERIFY(r.out.contains("- **Warnings:** 0\n"));
    QVERIFY(!r.out.contains("av.contoso.com,"));
}

void TstCliCertsDns::dnsOfANewPool()
{
    const QString pool = newPool();
    QVERIFY(!pool.isEmpty());
    const Run r = runEdgemapRaw(
            {QStringLiteral("dns"), pool, QStringLiteral("--format"), QStringLiteral("zone")});
    QCOMPARE(r.exitCode, 0);
    QStringList records;
    for (const QByteArray &line : r.out.split('\n'))
        if (!line.isEmpty() && !line.startsWith(';'))
            records.append(QString::fromUtf8(line));
    QCOMPARE(records,
             (QStringList{
                     QStringLiteral("sip.contoso.com. 3600 IN A 203.0.113.10"),
                     QStringLiteral("sip.contoso.com. 3600 IN A 203.0.113.11"),
                     QStringLiteral("webconf.contoso.com. 3600 IN A 203.0.113.20"),
                     QStringLiteral("webconf.contoso.com. 3600 IN A 203.0.113.21"),
                     QStringLiteral("av.contoso.com. 3600 IN A 203.0.113.30"),
                     QStringLiteral("av.contoso.com. 3600 IN A 203.0.113.31"),
                     QStringLiteral("_sip._tls.contoso.com. 3600 IN SRV 0 0 443 sip.contoso.com."),
                     QStringLiteral("_sipfederationtls._tcp.contoso.com. 3600 IN SRV 0 0 5061 "
                                    "sip.contoso.com."),
                     QStringLiteral("_xmpp-server._tcp.contoso.com. 3600 IN SRV 0 0 5269 "
                                    "sip.contoso.com."),
                     QStringLiteral("_sip._tls.fabrikam.com. 3600 IN SRV 0 0 443 sip.contoso.com."),
                     QStringLiteral("_sipfederationtls._tcp.fabrikam.com. 3600 IN SRV 0 0 5061 "
                                    "sip.contoso.com."),
                     QStringLiteral("_xmpp-server._tcp.fabrikam.com. 3600 IN SRV 0 0 5269 "
                                    "sip.contoso.com."),
                     QStringLiteral("edgepool.contoso.local. 3600 IN A 172.25.33.10"),
                     QStringLiteral("edgepool.contoso.local. 3600 IN A 172.25.33.11"),
                     QStringLiteral("edge01.contoso.local. 3600 IN A 172.25.33.10"),
                     QStringLiteral("edge02.contoso.local. 3600 IN A 172.25.33.11")}));
    // fabrikam.com's SRV records point outside fabrikam.com: said right above them.
    QVERIFY(r.out.contains("; WARNING: sip.contoso.com is outside fabrikam.com: this breaks "
                           "automatic partner discovery"));
}

void TstCliCertsDns::bundledTopology()
{
    Run r = runEdgemapRaw(
            {QStringLiteral("dns"), kTopology, QStringLiteral("--format"), QStringLiteral("zone")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("\nsip.contoso.com. 3600 IN A 203.0.113.10\n"));
    QVERIFY(r.out.contains("\nav.contoso.com. 3600 IN A 203.0.113.30\n"));
    QVERIFY(r.out.contains("\nedge01.contoso.local. 3600 IN A 172.25.33.10\n"));
    r = runEdgemapRaw({QStringLiteral("certs"), kTopology});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("| edge01.contoso.local | External | Subject | sip.contoso.com |"));
}

void TstCliCertsDns::formatFromSuffix_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("start");
    QTest::newRow("certs csv") << QStringLiteral("certs") << QStringLiteral("c.csv")
                               << QByteArray("Pool,Certificate,Name type,Name,Why,Warning\r\n");
    QTest::newRow("certs html") << QStringLiteral("certs") << QStringLiteral("c.html")
                                << QByteArray("<!DOCTYPE html>");
    QTest::newRow("certs md") << QStringLiteral("certs") << QStringLiteral("c.md")
                              << QByteArray("# Certificate requests: ");
    QTest::newRow("dns csv") << QStringLiteral("dns") << QStringLiteral("d.csv")
                             << QByteArray("Zone,Pool,Name,Type,Priority,Weight,Port,Target,"
                                           "Why,Warning\r\n");
    QTest::newRow("dns zone") << QStringLiteral("dns") << QStringLiteral("d.zone")
                              << QByteArray("; DNS records for Contoso Edge (default)");
    QTest::newRow("dns unknown suffix is md")
            << QStringLiteral("dns") << QStringLiteral("d.txt") << QByteArray("# DNS records: ");
}

void TstCliCertsDns::formatFromSuffix()
{
    QFETCH(QString, command);
    QFETCH(QString, file);
    QFETCH(QByteArray, start);
    const Run r = runEdgemapRaw({command, kTopology, QStringLiteral("-o"), path(file)});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.isEmpty());
    const QByteArray written = readFile(path(file));
    QVERIFY2(written.startsWith(start), written.left(200).constData());
}

void TstCliCertsDns::badUsage_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QString certs = QStringLiteral("certs");
    const QString dns = QStringLiteral("dns");
    const QString format = QStringLiteral("--format");
    QTest::newRow("certs without topology") << QStringList{certs} << QStringLiteral("TOPOLOGY");
    QTest::newRow("dns two topologies")
            << QStringList{dns, kTopology, kTopology} << QStringLiteral("exactly one TOPOLOGY");
    QTest::newRow("certs zone") << QStringList{certs, kTopology, format, QStringLiteral("zone")}
                                << QStringLiteral("--format must be md, csv, html, not 'zone'");
    QTest::newRow("certs pdf suffix")
            << QStringList{certs, kTopology, QStringLiteral("-o"),
                           QStringLiteral("/nonexistent/c.pdf")}
            << QStringLiteral("--format must be md, csv, html, not 'pdf'");
    QTest::newRow("dns unknown") << QStringList{dns, kTopology, format, QStringLiteral("bind")}
                                 << QStringLiteral("--format must be md, csv, html, zone, not "
                                                   "'bind'");
    QTest::newRow("dns unknown option")
            << QStringList{dns, kTopology, QStringLiteral("--firewall"), QStringLiteral("both")}
            << QStringLiteral("Unknown option 'firewall'");
    QTest::newRow("dns missing topology")
            << QStringList{dns, QStringLiteral("/nonexistent/x.edgemap.json")}
            << QStringLiteral("/nonexistent/x.edgemap.json");
}

void TstCliCertsDns::badUsage()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Run r = runEdgemapRaw(arguments);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
}

void TstCliCertsDns::unwritableOutputLeavesNoFile()
{
    const QString out = path(QStringLiteral("no/such/dir/records.zone"));
    for (const QString &command : {QStringLiteral("certs"), QStringLiteral("dns")}) {
        const Run r = runEdgemapRaw({command, kTopology, QStringLiteral("-o"), out});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("cannot write '%1'").arg(out)), qPrintable(r.err));
        QVERIFY(!QFile::exists(out));
    }
}

void TstCliCertsDns::readOnlyOutputIsLeftIntact()
{
    const QString out = path(QStringLiteral("locked.zone"));
    QVERIFY(writeFile(out, "; the previous records\n"));
    QVERIFY(QFile::setPermissions(out, QFileDevice::ReadOwner | QFileDevice::ReadUser));
    for (const QString &command : {QStringLiteral("certs"), QStringLiteral("dns")}) {
        const Run r = runEdgemapRaw({command, kTopology, QStringLiteral("--format"),
                                     QStringLiteral("md"), QStringLiteral("-o"), out});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(out), qPrintable(r.err));
        QCOMPARE(readFile(out), QByteArray("; the previous records\n"));
    }
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
}

void TstCliCertsDns::inputIsNeverOverwritten()
{
    const QString topology = path(QStringLiteral("t.edgemap.json"));
    QVERIFY(QFile::copy(kTopology, topology));
    const QByteArray before = readFile(topology);
    for (const QString &command : {QStringLiteral("certs"), QStringLiteral("dns")}) {
        const Run r = runEdgemapRaw({command, topology, QStringLiteral("--format"),
                                     QStringLiteral("csv"), QStringLiteral("-o"), topology});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("is one of the input files")), qPrintable(r.err));
        QCOMPARE(readFile(topology), before);
    }
}

void TstCliCertsDns::exportTablesInTheWindow()
{
    Document doc(topologyfile::defaultTopology());
    QWidget window;
    DocumentActions actions(doc, &window);
    QMenu file;
    actions.populateMenu(&file);
    QStringList entries;
    for (QAction *a : file.actions().constFirst()->menu()->actions())
        entries.append(a->text().remove(u'&'));
    QVERIFY2(entries.contains(QStringLiteral("Export Certificate Requests…")),
             qPrintable(entries.join(u'|')));
    QVERIFY(entries.contains(QStringLiteral("Export DNS Records…")));

    // The same bytes as the command writes.
    const QString certs = path(QStringLiteral("certificate-requests.csv"));
    QVERIFY(!actions.exportTo(DocumentActions::CertificateRequests, certs).isError());
    const Run cli = runEdgemapRaw({QStringLiteral("certs"), kTopology, QStringLiteral("--format"),
                                   QStringLiteral("csv")});
    QCOMPARE(readFile(certs), cli.out);
    const QString zone = path(QStringLiteral("dns-records.zone"));
    QVERIFY(!actions.exportTo(DocumentActions::DnsRecords, zone).isError());
    QVERIFY(readFile(zone).contains("\nsip.contoso.com. 3600 IN A 203.0.113.10\n"));
    // .zone is for DNS records only; nothing is written for a suffix that names no format.
    const QString odd = path(QStringLiteral("certs.zone"));
    const QString error = actions.exportTo(DocumentActions::CertificateRequests, odd).toString();
    QVERIFY2(error.contains(QStringLiteral(".csv, .md or .html")), qPrintable(error));
    QVERIFY(!QFile::exists(odd));
}

QTEST_MAIN(TstCliCertsDns)
#include "tst_cli_certsdns.moc"
