// The certificate requests: the exact subject and SAN list of each template, the reason on every
// line, what is said when the topology lacks a name, and output that survives hostile names.
#include "core/catalog.h"
#include "reports/certificates.h"
#include "reports/tablewriters.h"
#include "support/tst_certsdns_util.h"

#include <QTest>

using namespace edgemap;
using namespace certsdnstest;

Q_DECLARE_METATYPE(edgemap::TemplateParams)

namespace {

const CertificateRequest &request(const CertificatePlan &plan, CertificateRequest::Kind kind,
                                  int pool = 0)
{
    int seen = 0;
    for (const CertificateRequest &r : plan.requests)
        if (r.kind == kind && seen++ == pool)
            return r;
    qFatal("no such certificate request");
}

const CertificateRequest &external(const CertificatePlan &plan, int pool = 0)
{
    return request(plan, CertificateRequest::Kind::External, pool);
}

const CertificateRequest &internal(const CertificatePlan &plan, int pool = 0)
{
    return request(plan, CertificateRequest::Kind::Internal, pool);
}

// A reference into a temporary plan dangles: keep the plan in a variable.
const CertificateRequest &request(CertificatePlan &&, CertificateRequest::Kind, int = 0) = delete;
const CertificateRequest &external(CertificatePlan &&, int = 0) = delete;
const CertificateRequest &internal(CertificatePlan &&, int = 0) = delete;

const CertificateName *nameRow(const CertificateRequest &r, const QString &name)
{
    for (const CertificateName &n : r.names)
        if (n.type == CertificateName::Type::San && n.name == name)
            return &n;
    return nullptr;
}

} // namespace

class TstCertificates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void externalNames_data();
    void externalNames();
    void internalNames_data();
    void internalNames();
    void everyLineSaysWhy();
    void portsFollowTheListeners();
    void avFqdnIsNeverOnTheCertificate();
    void sharedKeyAndPublicCa();
    void missingInputSaysWhatToFill();
    void sansAreDeduplicatedWithoutCase();
    void membersWithDifferentNamesAreFlagged();
    void onePairPerPool();
    void csvReadsBack_data();
    void csvReadsBack();
    void markdownAndHtmlEscapeNames();
};

void TstCertificates::externalNames_data()
{
    QTest::addColumn<TemplateParams>("params");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QStringList>("sans");
    const QString sip = QStringLiteral("sip.contoso.com");
    const QString webconf = QStringLiteral("webconf.contoso.com");
    QTest::newRow("three-ip") << params(QStringLiteral("three-ip")) << sip
                              << QStringList{sip, webconf};
    // One address, one FQDN for all three services.
    QTest::newRow("single-ip") << params(QStringLiteral("single-ip")) << sip << QStringList{sip};
    QTest::newRow("nat-pool2") << params(QStringLiteral("nat-pool2")) << sip
                               << QStringList{sip, webconf};
    QTest::newRow("xmpp") << params(QStringLiteral("xmpp")) << sip
                          << QStringList{sip, webconf, QStringLiteral("xmpp.contoso.com")};
    QTest::newRow("domains") << params(QStringLiteral("domains")) << sip
                             << QStringList{sip, webconf, QStringLiteral("sip.fabrikam.com"),
                                            QStringLiteral("sip.litwareinc.com")};
    TemplateParams xmpp2 = params(QStringLiteral("xmpp"));
    xmpp2.sipDomains.append(QStringLiteral("fabrikam.com"));
    QTest::newRow("xmpp, two domains")
            << xmpp2 << sip
            << QStringList{sip, webconf, QStringLiteral("sip.fabrikam.com"),
                           QStringLiteral("xmpp.contoso.com"), QStringLiteral("xmpp.fabrikam.com")};
    TemplateParams other = params(QStringLiteral("three-ip"));
    other.accessFqdn = QStringLiteral("access.contoso.com");
    QTest::newRow("access is not sip.<domain>")
            << other << QStringLiteral("access.contoso.com")
            << QStringList{QStringLiteral("access.contoso.com"), webconf, sip};
    QTest::newRow("missing") << params(QStringLiteral("missing")) << QString() << QStringList{};
}

void TstCertificates::externalNames()
{
    QFETCH(TemplateParams, params);
    QFETCH(QString, subject);
    QFETCH(QStringList, sans);
    const CertificatePlan plan = buildCertificatePlan(build(params));
    const CertificateRequest &r = external(plan);
    QCOMPARE(r.subject(), subject);
    QCOMPARE(r.sans(), sans);
    QCOMPARE(r.names.first().type, CertificateName::Type::Subject);
}

void TstCertificates::internalNames_data()
{
    QTest::addColumn<QString>("topology");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QStringList>("sans");
    const QString edge01 = QStringLiteral("edge01.contoso.local");
    // A single server is its own pool: one name.
    QTest::newRow("three-ip") << QStringLiteral("three-ip") << edge01 << QStringList{edge01};
    QTest::newRow("missing") << QStringLiteral("missing") << edge01 << QStringList{edge01};
    QTest::newRow("nat-pool2") << QStringLiteral("nat-pool2")
                               << QStringLiteral("edgepool.contoso.local")
                               << QStringList{QStringLiteral("edgepool.contoso.local"), edge01,
                                              QStringLiteral("edge02.contoso.local")};
}

void TstCertificates::internalNames()
{
    QFETCH(QString, topology);
    QFETCH(QString, subject);
    QFETCH(QStringList, sans);
    const CertificatePlan plan = buildCertificatePlan(certsdnstest::topology(topology));
    const CertificateRequest &r = internal(plan);
    QCOMPARE(r.subject(), subject);
    QCOMPARE(r.sans(), sans);
    QVERIFY(!r.hasWarnings());
}

void TstCertificates::everyLineSaysWhy()
{
    for (const QString &name : topologyNames())
        for (const CertificateRequest &r : buildCertificatePlan(topology(name)).requests)
            for (const CertificateName &n : r.names)
                QVERIFY2(n.why.size() > 20, qPrintable(name + QStringLiteral(": ") + n.name));
    const CertificatePlan plan = buildCertificatePlan(topology(QStringLiteral("xmpp")));
    const CertificateRequest &ext = external(plan);
    QCOMPARE(ext.names.first().why,
             QStringLiteral("The Access Edge presents this certificate on external TCP 443 "
                            "(remote clients' SIP/TLS) and TCP 5061 (federation SIP/MTLS); "
                            "clients and federated partners check the Access Edge FQDN they "
                            "connect to."));
    QVERIFY(nameRow(ext, QStringLiteral("webconf.contoso.com"))
                    ->why.startsWith(QStringLiteral("The Web Conferencing Edge presents this "
                                                    "certificate on external TCP 443 (PSOM/TLS)")));
    const CertificateName *xmpp = nameRow(ext, QStringLiteral("xmpp.contoso.com"));
    QVERIFY(xmpp->why.contains(QStringLiteral("external TCP 5269")));
    QVERIFY(xmpp->why.contains(QStringLiteral("The wildcard *.contoso.com is the alternative.")));
    // sip.contoso.com is the Access Edge FQDN and the SIP domain's name: one SAN, both reasons.
    const CertificateName *sip = nameRow(ext, QStringLiteral("sip.contoso.com"));
    QVERIFY(sip->why.contains(QStringLiteral("repeated as the first SAN")));
    QVERIFY(sip->why.contains(QStringLiteral("SIP domain contoso.com: remote clients of users "
                                             "@contoso.com")));
    QVERIFY(internal(plan).names.first().why.startsWith(
            QStringLiteral("The internal interface presents this certificate on TCP 5061 "
                           "(SIP/MTLS with the Director and Front End), TCP 5062 (A/V "
                           "Authentication), TCP 8057 (Web Conferencing PSOM/MTLS), TCP 23456 "
                           "(XMPP/MTLS)")));
}

void TstCertificates::portsFollowTheListeners()
{
    // Single IP: client SIP on 5061, Web Conferencing on 444 (the listeners' ports, not 443).
    const CertificatePlan plan = buildCertificatePlan(topology(QStringLiteral("single-ip")));
    const CertificateRequest &r = external(plan);
    QVERIFY2(r.names.first().why.contains(QStringLiteral("external TCP 5061 (remote clients' "
                                                         "SIP/TLS and federation SIP/MTLS);")),
             qPrintable(r.names.first().why));
    QVERIFY(nameRow(r, QStringLiteral("sip.contoso.com"))
                    ->why.contains(QStringLiteral("external TCP 444 (PSOM/TLS)")));
}

void TstCertificates::avFqdnIsNeverOnTheCertificate()
{
    for (const QString &name : topologyNames()) {
        const CertificatePlan plan = buildCertificatePlan(topology(name));
        QVERIFY(!external(plan).sans().contains(QStringLiteral("av.contoso.com")));
    }
    const CertificatePlan threeIp = buildCertificatePlan(topology(QStringLiteral("three-ip")));
    const CertificatePlan singleIp = buildCertificatePlan(topology(QStringLiteral("single-ip")));
    const QString notes = external(threeIp).notes.join(u' ');
    QVERIFY2(notes.contains(QStringLiteral("Not the A/V Edge FQDN (av.contoso.com): the A/V "
                                           "Edge's external interface presents no certificate")),
             qPrintable(notes));
    const QString single = external(singleIp).notes.join(u' ');
    QVERIFY2(single.contains(QStringLiteral("The single external address publishes one FQDN "
                                            "(sip.contoso.com) for all three services")),
             qPrintable(single));
}

void TstCertificates::sharedKeyAndPublicCa()
{
    const CertificatePlan plan = buildCertificatePlan(topology(QStringLiteral("nat-pool2")));
    const QString notes = external(plan).notes.join(u' ');
    QVERIFY(notes.contains(QStringLiteral("One certificate for the whole pool "
                                          "(edge01.contoso.local, edge02.contoso.local)")));
    QVERIFY(notes.contains(QStringLiteral("A/V Authentication service (MRAS")));
    QVERIFY(notes.contains(QStringLiteral("exportable private key")));
    QVERIFY(notes.contains(QStringLiteral("public certification authority")));
    QVERIFY(internal(plan).notes.join(u' ').contains(QStringLiteral("internal (enterprise) "
                                                                    "certification authority")));
    // The document shows them under each certificate's heading, after the SAN list.
    const QByteArray md = tablewriters::markdown(certificatesDocument(plan));
    QVERIFY(md.contains("## External certificate of Edge pool edgepool.contoso.local (Access "
                        "Edge, Web Conferencing Edge, A/V Authentication)\n\nSubject: "
                        "sip.contoso.com. SANs, in this order: sip.contoso.com, "
                        "webconf.contoso.com. One certificate for the whole pool"));
}

void TstCertificates::missingInputSaysWhatToFill()
{
    const CertificatePlan plan = buildCertificatePlan(topology(QStringLiteral("missing")));
    const CertificateRequest &r = external(plan);
    QVERIFY(r.hasWarnings());
    const CertificateName &subject = r.names.first();
    QCOMPARE(subject.type, CertificateName::Type::Subject);
    QVERIFY(subject.name.isEmpty());
    QCOMPARE(subject.warning,
             QStringLiteral("Missing: the topology has no Access Edge FQDN: set the FQDN of each "
                            "member's Access Edge address (Properties, or edgemap new "
                            "--access-fqdn)"));
    QStringList warnings;
    for (const CertificateName &n : r.names)
        warnings.append(n.warning);
    QVERIFY(warnings.contains(QStringLiteral(
            "Missing: the topology has no Web Conferencing Edge FQDN: set the FQDN of each "
            "member's Web Conferencing Edge address (Properties, or edgemap new --webconf-fqdn)")));
    QVERIFY(warnings.contains(QStringLiteral("Missing: the topology has no SIP domains: add them "
                                             "(sip_domains in the file, or edgemap new "
                                             "--sip-domain)")));
    // The reader sees each of them as a row of its own, and the count.
    const QByteArray md = tablewriters::markdown(certificatesDocument(plan));
    QVERIFY(md.contains("- **SIP domains:** none set in the topology\n"));
    QVERIFY(md.contains("- **Warnings:** 4\n"));
    QVERIFY(md.contains("Subject: (missing). SANs, in this order: (missing)."));
    QVERIFY(md.contains(
            "| edge01.contoso.local | External | Subject |  | The Access Edge presents"));
}

void TstCertificates::sansAreDeduplicatedWithoutCase()
{
    TemplateParams p = params(QStringLiteral("domains"));
    p.accessFqdn = QStringLiteral("SIP.Contoso.com");
    p.webConfFqdn = QStringLiteral("sip.contoso.COM");
    const CertificatePlan plan = buildCertificatePlan(build(p));
    const CertificateRequest &r = external(plan);
    QCOMPARE(r.subject(), QStringLiteral("SIP.Contoso.com"));
    QCOMPARE(r.sans(),
             (QStringList{QStringLiteral("SIP.Contoso.com"), QStringLiteral("sip.fabrikam.com"),
                          QStringLiteral("sip.litwareinc.com")}));
}

void TstCertificates::membersWithDifferentNamesAreFlagged()
{
    Topology t = topology(QStringLiteral("nat-pool2"));
    for (NetInterface &nic : t.pools[0].servers[1].interfaces)
        for (Address &a : nic.addresses)
            if (a.roles.contains(AddressRole::Access))
                a.fqdn = QStringLiteral("sip2.contoso.com");
    const CertificatePlan plan = buildCertificatePlan(t);
    const CertificateRequest &r = external(plan);
    QCOMPARE(r.sans(),
             (QStringList{QStringLiteral("sip.contoso.com"), QStringLiteral("sip2.contoso.com"),
                          QStringLiteral("webconf.contoso.com")}));
    QCOMPARE(r.names.first().warning,
             QStringLiteral("The members publish different Access Edge FQDNs (sip.contoso.com, "
                            "sip2.contoso.com): a pool answers to one name per service; make "
                            "them equal"));
}

void TstCertificates::onePairPerPool()
{
    Topology t = topology(QStringLiteral("three-ip"));
    TemplateParams second = params(QStringLiteral("three-ip"));
    second.site = QStringLiteral("Site 2");
    second.poolFqdn = QStringLiteral("edgepool2.contoso.local");
    second.accessFqdn = QStringLiteral("sip2.contoso.com");
    second.webConfFqdn = QStringLiteral("webconf2.contoso.com");
    second.avFqdn = QStringLiteral("av2.contoso.com");
    MemberParams m = member(1, 3, false);
    m.fqdn = QStringLiteral("edge21.contoso.local");
    m.internalIp = QStringLiteral("172.25.34.10");
    m.externalIps = {QStringLiteral("198.51.100.10"), QStringLiteral("198.51.100.20"),
                     QStringLiteral("198.51.100.30")};
    second.members = {m};
    QVERIFY(addPool(t, second, Catalog::builtIn()).isEmpty());
    const CertificatePlan plan = buildCertificatePlan(t);
    QCOMPARE(plan.requests.size(), 4);
    QCOMPARE(external(plan, 1).sans(), (QStringList{QStringLiteral("sip2.contoso.com"),
                                                    QStringLiteral("webconf2.contoso.com"),
                                                    QStringLiteral("sip.contoso.com")}));
    QCOMPARE(internal(plan, 1).subject(), QStringLiteral("edgepool2.contoso.local"));
}

void TstCertificates::csvReadsBack_data()
{
    QTest::addColumn<QString>("name");
    for (const QString &n : topologyNames())
        QTest::newRow(qPrintable(n)) << n;
}

void TstCertificates::csvReadsBack()
{
    QFETCH(QString, name);
    const CertificatePlan plan = buildCertificatePlan(topology(name));
    const auto records = parseCsv(QString::fromUtf8(tablewriters::csv(certificatesDocument(plan))));
    QVERIFY(records);
    QCOMPARE(records->first(), (QStringList{QStringLiteral("Pool"), QStringLiteral("Certificate"),
                                            QStringLiteral("Name type"), QStringLiteral("Name"),
                                            QStringLiteral("Why"), QStringLiteral("Warning")}));
    QList<QStringList> expected;
    for (const CertificateRequest &r : plan.requests)
        for (const CertificateName &n : r.names)
            expected.append({r.poolFqdn,
                             r.kind == CertificateRequest::Kind::External
                                     ? QStringLiteral("External")
                                     : QStringLiteral("Internal"),
                             n.type == CertificateName::Type::Subject ? QStringLiteral("Subject")
                                                                      : QStringLiteral("SAN"),
                             n.name, n.why, n.warning});
    QCOMPARE(records->mid(1), expected);
}

void TstCertificates::markdownAndHtmlEscapeNames()
{
    Topology t = topology(QStringLiteral("three-ip"));
    const QString hostile = QStringLiteral("<script>alert(1)</script>|sip.contoso.com");
    setExternalFqdns(t, hostile);
    t.pools[0].fqdn = QStringLiteral("edge|pool.contoso.local");
    const CertificatePlan plan = buildCertificatePlan(t);
    const CertificateRequest &r = external(plan);
    QCOMPARE(r.subject(), hostile);
    // A CA will not issue it: said on the line.
    QVERIFY(r.names.first().warning.startsWith(
            QStringLiteral("'%1' is not a DNS name: a certification authority will not issue it")
                    .arg(hostile)));
    const TableDocument doc = certificatesDocument(plan);
    const QByteArray html = tablewriters::html(doc);
    QVERIFY(!html.contains("<script>"));
    QVERIFY(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;|sip.contoso.com"));
    const QByteArray md = tablewriters::markdown(doc);
    QVERIFY(!md.contains("<script>"));
    QVERIFY(md.contains("| edge\\|pool.contoso.local | External | Subject | "
                        "\\<script\\>alert(1)\\</script\\>\\|sip.contoso.com |"));
    // Every row still has the six cells of the header (no pipe split a cell).
    for (const QByteArray &line : md.split('\n')) {
        if (!line.startsWith("| edge"))
            continue;
        QCOMPARE(line.count("| ") - line.count("\\| "), 6);
    }
}

QTEST_GUILESS_MAIN(TstCertificates)
#include "tst_certificates.moc"
