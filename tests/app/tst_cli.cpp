// The command line as a user runs it: the real edgemap binary, its output and exit codes.
#include "support/tst_cli_util.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

using edgemap::clitest::Run;
using edgemap::clitest::runEdgemap;

const QStringList kDefaultNew{
        QStringLiteral("--name"),         QStringLiteral("Contoso Edge"),
        QStringLiteral("--internal-ip"),  QStringLiteral("172.25.33.10"),
        QStringLiteral("--external-ip"),  QStringLiteral("192.0.2.10,192.0.2.20,192.0.2.30"),
        QStringLiteral("--av-public-ip"), QStringLiteral("203.0.113.30")};

} // namespace

class TstCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void helpForEachCommand_data();
    void helpForEachCommand();
    void newValidateShowJson();
    void showText();
    void threeIpPoolWithMembersSameSeparator();
    void singleIpPoolWithMembers();
    void natOnEveryExternalAddressAndSipDomains();
    void newRejectsBadInput_data();
    void newRejectsBadInput();
    void newRefusesToOverwrite();
    void validateNamesTheLocation_data();
    void validateNamesTheLocation();
    void guiWithoutDisplaySaysHow();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString path(const QString &name) const { return m_dir->filePath(name); }
};

void TstCli::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TstCli::helpForEachCommand_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    QTest::newRow("global") << QStringList{QStringLiteral("--help")} << QStringLiteral("validate");
    QTest::newRow("new") << QStringList{QStringLiteral("new"), QStringLiteral("--help")}
                         << QStringLiteral("Usage: edgemap new -o FILE");
    QTest::newRow("new mentions members")
            << QStringList{QStringLiteral("new"), QStringLiteral("--help")}
            << QStringLiteral("--member");
    QTest::newRow("validate") << QStringList{QStringLiteral("validate"), QStringLiteral("--help")}
                              << QStringLiteral("Usage: edgemap validate FILE");
    QTest::newRow("show") << QStringList{QStringLiteral("show"), QStringLiteral("--help")}
                          << QStringLiteral("--format");
    QTest::newRow("version") << QStringList{QStringLiteral("--version")}
                             << QStringLiteral("edgemap 0.");
}

void TstCli::helpForEachCommand()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    const Run r = runEdgemap(arguments);
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(expected), qPrintable(r.out));
}

void TstCli::newValidateShowJson()
{
    const QString file = path(QStringLiteral("contoso.edgemap.json"));
    Run r = runEdgemap(QStringList{QStringLiteral("new"), QStringLiteral("-o"), file}
                       + kDefaultNew);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(r.out.contains(QStringLiteral("Wrote")));

    r = runEdgemap({QStringLiteral("validate"), file});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(QStringLiteral("valid")), qPrintable(r.out));

    r = runEdgemap(
            {QStringLiteral("show"), file, QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(r.exitCode, 0);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonObject root = doc.object();
    QCOMPARE(root[QStringLiteral("topology")][QStringLiteral("name")].toString(),
             QStringLiteral("Contoso Edge"));
    QCOMPARE(root[QStringLiteral("topology")][QStringLiteral("product")].toString(),
             QStringLiteral("lync2013"));
    const QJsonArray listeners = root[QStringLiteral("listeners")].toArray();
    QCOMPARE(listeners.size(), 14); // 7 internal (with CLS) + 7 external
    bool sawMrasInternal = false, sawUdpRange = false;
    for (const QJsonValue &v : listeners) {
        const QJsonObject l = v.toObject();
        if (l[QStringLiteral("port")].toInt() == 5062) {
            sawMrasInternal = true;
            QCOMPARE(l[QStringLiteral("interface")].toString(), QStringLiteral("internal"));
            QCOMPARE(l[QStringLiteral("address")].toString(), QStringLiteral("172.25.33.10"));
            QCOMPARE(l[QStringLiteral("executable")].toString(), QStringLiteral("MRASSvc.exe"));
            QVERIFY(!l.contains(QStringLiteral("port_end")));
        }
        if (l[QStringLiteral("port")].toInt() == 50000
            && l[QStringLiteral("transport")].toString() == QLatin1String("udp")) {
            sawUdpRange = true;
            QCOMPARE(l[QStringLiteral("port_end")].toInt(), 59999);
            QCOMPARE(l[QStringLiteral("address")].toString(), QStringLiteral("192.0.2.30"));
        }
    }
    QVERIFY(sawMrasInternal);
    QVERIFY(sawUdpRange);
    const QJsonArray scenarios = root[QStringLiteral("scenarios")].toArray();
    QVERIFY(!scenarios.isEmpty());
    const QJsonObject signIn = scenarios.first().toObject();
    QCOMPARE(signIn[QStringLiteral("id")].toString(), QStringLiteral("remote-sign-in"));
    QCOMPARE(signIn[QStringLiteral("hops")].toArray().first()[QStringLiteral("peer")].toString(),
             QStringLiteral("remote-users"));
}

void TstCli::showText()
{
    const QString file = path(QStringLiteral("t.edgemap.json"));
    QCOMPARE(
            runEdgemap(QStringList{QStringLiteral("new"), QStringLiteral("-o"), file} + kDefaultNew)
                    .exitCode,
            0);
    const Run r = runEdgemap({QStringLiteral("show"), file});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains(QStringLiteral("Contoso Edge (Lync Server 2013)")));
    QVERIFY(r.out.contains(
            QStringLiteral("External 192.0.2.30 (A/V Edge, NAT public 203.0.113.30)")));
    QVERIFY(r.out.contains(QStringLiteral("UDP 50000-59999")));
    QVERIFY(r.out.contains(QStringLiteral(
            "Remote users -> Access Edge TCP 443 SIP/TLS -> Internal TCP 5061 SIP/MTLS")));
}

void TstCli::threeIpPoolWithMembersSameSeparator()
{
    // The first server's addresses may be written like a --member's ('+'), not only with ','.
    const QString file = path(QStringLiteral("pool3.edgemap.json"));
    const Run r = runEdgemap(
            {QStringLiteral("new"), QStringLiteral("-o"), file, QStringLiteral("--internal-ip"),
             QStringLiteral("172.25.33.10"), QStringLiteral("--external-ip"),
             QStringLiteral("192.0.2.10+192.0.2.20+192.0.2.30"), QStringLiteral("--member"),
             QStringLiteral("fqdn=edge02.contoso.local,internal=172.25.33.11,"
                            "external=192.0.2.11+192.0.2.21+192.0.2.31")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QStringLiteral("2 server(s)")), qPrintable(r.out));
}

void TstCli::singleIpPoolWithMembers()
{
    const QString file = path(QStringLiteral("pool.edgemap.json"));
    const Run r = runEdgemap(
            {QStringLiteral("new"), QStringLiteral("-o"), file, QStringLiteral("--product"),
             QStringLiteral("sfb2015"), QStringLiteral("--xmpp"), QStringLiteral("--internal-ip"),
             QStringLiteral("172.25.33.10"), QStringLiteral("--external-ip"),
             QStringLiteral("192.0.2.10"), QStringLiteral("--member"),
             QStringLiteral(
                     "fqdn=edge02.contoso.local,internal=172.25.33.11,external=192.0.2.11")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QStringLiteral("2 server(s)")), qPrintable(r.out));
    const Run show = runEdgemap(
            {QStringLiteral("show"), file, QStringLiteral("--format"), QStringLiteral("json")});
    const QJsonArray listeners
            = QJsonDocument::fromJson(show.out.toUtf8())[QStringLiteral("listeners")].toArray();
    int xmpp = 0, webconf444 = 0;
    for (const QJsonValue &v : listeners) {
        xmpp += v[QStringLiteral("port")].toInt() == 5269;
        webconf444 += v[QStringLiteral("port")].toInt() == 444;
    }
    QCOMPARE(xmpp, 2);
    QCOMPARE(webconf444, 2);
}

// Behind NAT every external address has its own public address; a --member gives them with
// public= in the order of external=; the SIP domains and public IM land in the file.
void TstCli::natOnEveryExternalAddressAndSipDomains()
{
    const QString file = path(QStringLiteral("natpool.edgemap.json"));
    const Run r
            = runEdgemap({QStringLiteral("new"),
                          QStringLiteral("-o"),
                          file,
                          QStringLiteral("--product"),
                          QStringLiteral("sfb2019"),
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
                          QStringLiteral("--sip-domain"),
                          QStringLiteral("contoso.com,fabrikam.com"),
                          QStringLiteral("--sip-domain"),
                          QStringLiteral("litware.com"),
                          QStringLiteral("--member"),
                          QStringLiteral("fqdn=edge02.contoso.local,internal=172.25.33.11,"
                                         "external=10.45.16.11+10.45.16.21+10.45.16.31,"
                                         "public=203.0.113.11+203.0.113.21+203.0.113.31"),
                          QStringLiteral("--member"),
                          QStringLiteral("fqdn=edge03.contoso.local,internal=172.25.33.12,"
                                         "external=10.45.16.12+10.45.16.22+10.45.16.32,"
                                         "access-public=203.0.113.12,webconf-public=203.0.113.22,"
                                         "av-public=203.0.113.32")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
    QCOMPARE(root[u"format"_s].toInt(), 2);
    QCOMPARE(root[u"sip_domains"_s].toArray(),
             (QJsonArray{u"contoso.com"_s, u"fabrikam.com"_s, u"litware.com"_s}));
    QStringList nat;
    for (const QJsonValue &server : root[u"pools"_s][0][u"servers"_s].toArray())
        for (const QJsonValue &a : server[u"interfaces"_s][1][u"addresses"_s].toArray())
            nat.append(a[u"ip"_s].toString() + u"->"_s + a[u"nat_public_ip"_s].toString());
    QCOMPARE(nat, (QStringList{u"10.45.16.10->203.0.113.10"_s, u"10.45.16.20->203.0.113.20"_s,
                               u"10.45.16.30->203.0.113.30"_s, u"10.45.16.11->203.0.113.11"_s,
                               u"10.45.16.21->203.0.113.21"_s, u"10.45.16.31->203.0.113.31"_s,
                               u"10.45.16.12->203.0.113.12"_s, u"10.45.16.22->203.0.113.22"_s,
                               u"10.45.16.32->203.0.113.32"_s}));
    QVERIFY(!QJsonDocument(root).toJson().contains("public-im"));
    // The matrix of that pool has the members' public A/V rule.
    const Run fw = runEdgemap({QStringLiteral("ports"), file, QStringLiteral("--firewall"),
                               QStringLiteral("external"), QStringLiteral("--format"),
                               QStringLiteral("csv")});
    QCOMPARE(fw.exitCode, 0);
    QVERIFY2(fw.out.contains(u"Public A/V Edge addresses of the members of edge01.contoso.local: "
                             "203.0.113.30 (edge01.contoso.local), 203.0.113.31 "
                             "(edge02.contoso.local), 203.0.113.32 (edge03.contoso.local)"_s),
             qPrintable(fw.out));
}

void TstCli::newRejectsBadInput_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QStringList base{QStringLiteral("new"), QStringLiteral("-o"),
                           QStringLiteral("x.edgemap.json")};
    QTest::newRow("no output") << QStringList{QStringLiteral("new")} + kDefaultNew
                               << QStringLiteral("--output FILE is required");
    QTest::newRow("bad product") << base + kDefaultNew
                                            + QStringList{QStringLiteral("--product"),
                                                          QStringLiteral("ocs2007")}
                                 << QStringLiteral("unknown product 'ocs2007'");
    QTest::newRow("bad IP") << base
                                       + QStringList{QStringLiteral("--internal-ip"),
                                                     QStringLiteral("172.25.33.999"),
                                                     QStringLiteral("--external-ip"),
                                                     QStringLiteral("192.0.2.10")}
                            << QStringLiteral("'172.25.33.999' is not an IPv4 or IPv6 address");
    QTest::newRow("two external IPs")
            << base
                       + QStringList{QStringLiteral("--internal-ip"), QStringLiteral("172.25.33.9"),
                                     QStringLiteral("--external-ip"),
                                     QStringLiteral("192.0.2.10,192.0.2.11")}
            << QStringLiteral("give one external IP");
    QTest::newRow("xmpp on 2019") << base + kDefaultNew
                                             + QStringList{QStringLiteral("--product"),
                                                           QStringLiteral("sfb2019"),
                                                           QStringLiteral("--xmpp")}
                                  << QStringLiteral("XMPP federation is not available");
    QTest::newRow("bad member") << base + kDefaultNew
                                           + QStringList{QStringLiteral("--member"),
                                                         QStringLiteral("fqdn=a,colour=blue")}
                                << QStringLiteral("unknown key 'colour'");
    QTest::newRow("bad next hop") << base + kDefaultNew
                                             + QStringList{QStringLiteral("--next-hop"),
                                                           QStringLiteral("mediation")}
                                  << QStringLiteral("--next-hop must be director or frontend");
    QTest::newRow("unknown option") << base + kDefaultNew + QStringList{QStringLiteral("--colour")}
                                    << QStringLiteral("Unknown option 'colour'");
    QTest::newRow("bad SIP domain")
            << base + kDefaultNew
                       + QStringList{QStringLiteral("--sip-domain"), QStringLiteral("contoso")}
            << QStringLiteral("SIP domain 'contoso' is not a domain name");
    QTest::newRow("member public= with two addresses")
            << base + kDefaultNew
                       + QStringList{QStringLiteral("--member"),
                                     QStringLiteral("fqdn=e2.contoso.local,internal=172.25.33.19,"
                                                    "external=192.0.2.19+192.0.2.29+192.0.2.39,"
                                                    "public=203.0.113.1+203.0.113.2")}
            << QStringLiteral("public= takes one address or three");
    QTest::newRow("IPv6 on Lync 2010")
            << base + QStringList{QStringLiteral("--product"),     QStringLiteral("lync2010"),
                                  QStringLiteral("--internal-ip"), QStringLiteral("172.25.33.9"),
                                  QStringLiteral("--external-ip"), QStringLiteral("2001:db8::10")}
            << QStringLiteral("IPv6 address; the Edge supports IPv6 from Lync Server 2013 on");
}

void TstCli::newRejectsBadInput()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    QDir::setCurrent(m_dir->path());
    const Run r = runEdgemap(arguments);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QVERIFY(!QFile::exists(path(QStringLiteral("x.edgemap.json"))));
}

void TstCli::newRefusesToOverwrite()
{
    const QString file = path(QStringLiteral("keep.edgemap.json"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("precious");
    f.close();
    const Run r = runEdgemap(QStringList{QStringLiteral("new"), QStringLiteral("-o"), file}
                             + kDefaultNew);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains(QStringLiteral("--force")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("precious"));
}

void TstCli::validateNamesTheLocation_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("location");
    QTest::newRow("syntax") << QByteArray("{\n  \"format\": 1,\n  \"name\": \n}\n")
                            << QStringLiteral("bad.edgemap.json:4:1");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("empty");
    QTest::newRow("binary") << QByteArray("\x7f"
                                          "ELF\x02\x01\x01\x00\x00\x00",
                                          10)
                            << QStringLiteral("bad.edgemap.json");
}

void TstCli::validateNamesTheLocation()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, location);
    const QString file = path(QStringLiteral("bad.edgemap.json"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
    f.close();
    const Run r = runEdgemap({QStringLiteral("validate"), file});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(location), qPrintable(r.err));
    QCOMPARE(
            runEdgemap({QStringLiteral("validate"), path(QStringLiteral("missing.json"))}).exitCode,
            2);
    QCOMPARE(runEdgemap({QStringLiteral("show"), file}).exitCode, 2);
}

void TstCli::guiWithoutDisplaySaysHow()
{
#ifdef Q_OS_LINUX
    const Run r = runEdgemap({});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QStringLiteral("xvfb-run")), qPrintable(r.err));
#else
    QSKIP("the no-display check is X11/Wayland platform code");
#endif
}

QTEST_GUILESS_MAIN(TstCli)
#include "tst_cli.moc"
