// The DNS records: the exact zone-file lines of each template (public addresses after NAT, one
// record per member, SRV ports from the listeners), the partner-discovery warning, missing input
// said as such, and output that a hostile name cannot break.
#include "core/catalog.h"
#include "reports/dnsrecords.h"
#include "reports/tablewriters.h"
#include "support/tst_certsdns_util.h"

#include <QTest>

using namespace edgemap;
using namespace certsdnstest;

Q_DECLARE_METATYPE(edgemap::TemplateParams)

namespace {

// The record lines of a zone file: what DNS will hold (comments and blank lines left out).
QStringList recordLines(const QByteArray &zone)
{
    QStringList out;
    for (const QString &line : QString::fromUtf8(zone).split(u'\n'))
        if (!line.isEmpty() && !line.startsWith(u';'))
            out.append(line);
    return out;
}

QStringList recordLines(const Topology &t)
{
    return recordLines(dnsZoneFile(buildDnsPlan(t)));
}

const DnsRecord *find(const DnsPlan &plan, const QString &name, const QString &type)
{
    for (const DnsRecord &r : plan.records)
        if (r.name == name && r.type == type)
            return &r;
    return nullptr;
}
// A pointer into a temporary plan dangles: keep the plan in a variable.
const DnsRecord *find(DnsPlan &&, const QString &, const QString &) = delete;

// A second Edge pool (another site) publishing sip2/webconf2/av2.contoso.com.
void addSecondPool(Topology &t)
{
    TemplateParams p = params(QStringLiteral("three-ip"));
    p.site = QStringLiteral("Site 2");
    p.poolFqdn = QStringLiteral("edgepool2.contoso.local");
    p.accessFqdn = QStringLiteral("sip2.contoso.com");
    p.webConfFqdn = QStringLiteral("webconf2.contoso.com");
    p.avFqdn = QStringLiteral("av2.contoso.com");
    MemberParams m = member(1, 3, false);
    m.fqdn = QStringLiteral("edge21.contoso.local");
    m.internalIp = QStringLiteral("172.25.34.10");
    m.externalIps = {QStringLiteral("198.51.100.10"), QStringLiteral("198.51.100.20"),
                     QStringLiteral("198.51.100.30")};
    p.members = {m};
    QVERIFY(addPool(t, p, Catalog::builtIn()).isEmpty());
}

} // namespace

class TstDnsRecords : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void zoneFileThreeIp();
    void records_data();
    void records();
    void singleIpOneRecordForAllRoles();
    void ipv6IsAaaa();
    void discoveryWarning();
    void privateAddressWithoutNat();
    void severalPoolsPublishTheFirst();
    void missingInputIsNotWritten();
    void hostileNamesStayComments();
    void csvReadsBack_data();
    void csvReadsBack();
    void markdownAndHtmlEscapeNames();
};

void TstDnsRecords::zoneFileThreeIp()
{
    const QByteArray zone = dnsZoneFile(buildDnsPlan(topology(QStringLiteral("three-ip"))));
    const QByteArray expected
            = "; DNS records for Contoso (three-ip) (Lync Server 2013), written by EdgeMap.\n"
              "; Absolute names: paste each line into the zone it belongs to.\n"
              "\n"
              "; ==== External DNS (public zones) ====\n"
              "\n"
              "; sip.contoso.com A: Access Edge: remote clients (TCP 443) and federated partners "
              "(TCP 5061) connect to it.\n"
              "sip.contoso.com. 3600 IN A 192.0.2.10\n"
              "\n"
              "; webconf.contoso.com A: Web Conferencing Edge: meeting participants outside "
              "connect to it (TCP 443).\n"
              "webconf.contoso.com. 3600 IN A 192.0.2.20\n"
              "\n"
              "; av.contoso.com A: A/V Edge: clients and partners relay media through it (UDP "
              "3478, TCP 443).\n"
              "av.contoso.com. 3600 IN A 192.0.2.30\n"
              "\n"
              "; _sip._tls.contoso.com SRV: Remote clients of users @contoso.com find the Access "
              "Edge for automatic sign-in.\n"
              "_sip._tls.contoso.com. 3600 IN SRV 0 0 443 sip.contoso.com.\n"
              "\n"
              "; _sipfederationtls._tcp.contoso.com SRV: Federated partners discover the Access "
              "Edge of contoso.com (also needed for push notifications).\n"
              "_sipfederationtls._tcp.contoso.com. 3600 IN SRV 0 0 5061 sip.contoso.com.\n"
              "\n"
              "; ==== Internal DNS (internal zone) ====\n"
              "\n"
              "; edge01.contoso.local A: Edge pool FQDN: the Front End and Director reach the "
              "Edge's internal interface by it. Also: Member FQDN: servers that reach this "
              "member itself (Central Management Store replication) resolve it.\n"
              "edge01.contoso.local. 3600 IN A 172.25.33.10\n";
    if (zone != expected)
        qWarning().noquote() << zone;
    QCOMPARE(zone, expected);
}

void TstDnsRecords::records_data()
{
    QTest::addColumn<TemplateParams>("params");
    QTest::addColumn<QStringList>("lines");
    const QString sipSrv = QStringLiteral("_sip._tls.%1. 3600 IN SRV 0 0 %2 sip.contoso.com.");
    const QString fedSrv
            = QStringLiteral("_sipfederationtls._tcp.%1. 3600 IN SRV 0 0 5061 sip.contoso.com.");
    const QString contoso = QStringLiteral("contoso.com");
    // One address for all three services: one A record, and client SIP on 5061.
    QTest::newRow("single-ip") << params(QStringLiteral("single-ip"))
                               << QStringList{QStringLiteral("sip.contoso.com. 3600 IN A "
                                                             "192.0.2.10"),
                                              sipSrv.arg(contoso).arg(5061), fedSrv.arg(contoso),
                                              QStringLiteral("edge01.contoso.local. 3600 IN A "
                                                             "172.25.33.10")};
    // NAT: public addresses; a pool: one record per member, internal pool FQDN included.
    QTest::newRow("nat-pool2")
            << params(QStringLiteral("nat-pool2"))
            << QStringList{QStringLiteral("sip.contoso.com. 3600 IN A 203.0.113.10"),
                           QStringLiteral("sip.contoso.com. 3600 IN A 203.0.113.11"),
                           QStringLiteral("webconf.contoso.com. 3600 IN A 203.0.113.20"),
                           QStringLiteral("webconf.contoso.com. 3600 IN A 203.0.113.21"),
                           QStringLiteral("av.contoso.com. 3600 IN A 203.0.113.30"),
                           QStringLiteral("av.contoso.com. 3600 IN A 203.0.113.31"),
                           sipSrv.arg(contoso).arg(443),
                           fedSrv.arg(contoso),
                           QStringLiteral("edgepool.contoso.local. 3600 IN A 172.25.33.10"),
                           QStringLiteral("edgepool.contoso.local. 3600 IN A 172.25.33.11"),
                           QStringLiteral("edge01.contoso.local. 3600 IN A 172.25.33.10"),
                           QStringLiteral("edge02.contoso.local. 3600 IN A 172.25.33.11")};
    QTest::newRow("xmpp") << params(QStringLiteral("xmpp"))
                          << QStringList{QStringLiteral("sip.contoso.com. 3600 IN A 192.0.2.10"),
                                         QStringLiteral("webconf.contoso.com. 3600 IN A "
                                                        "192.0.2.20"),
                                         QStringLiteral("av.contoso.com. 3600 IN A 192.0.2.30"),
                                         sipSrv.arg(contoso).arg(443),
                                         fedSrv.arg(contoso),
                                         QStringLiteral("_xmpp-server._tcp.contoso.com. 3600 IN "
                                                        "SRV 0 0 5269 sip.contoso.com."),
                                         QStringLiteral("edge01.contoso.local. 3600 IN A "
                                                        "172.25.33.10")};
    QStringList domains{QStringLiteral("sip.contoso.com. 3600 IN A 192.0.2.10"),
                        QStringLiteral("webconf.contoso.com. 3600 IN A 192.0.2.20"),
                        QStringLiteral("av.contoso.com. 3600 IN A 192.0.2.30")};
    for (const QString &d :
         {contoso, QStringLiteral("fabrikam.com"), QStringLiteral("litwareinc.com")})
        domains << sipSrv.arg(d).arg(443) << fedSrv.arg(d);
    domains << QStringLiteral("edge01.contoso.local. 3600 IN A 172.25.33.10");
    QTest::newRow("domains") << params(QStringLiteral("domains")) << domains;
    // Nothing named: no record can be written but the internal one.
    QTest::newRow("missing") << params(QStringLiteral("missing"))
                             << QStringList{QStringLiteral("edge01.contoso.local. 3600 IN A "
                                                           "172.25.33.10")};
}

void TstDnsRecords::records()
{
    QFETCH(TemplateParams, params);
    QFETCH(QStringList, lines);
    QCOMPARE(recordLines(build(params)), lines);
}

void TstDnsRecords::singleIpOneRecordForAllRoles()
{
    const DnsPlan plan = buildDnsPlan(topology(QStringLiteral("single-ip")));
    const DnsRecord *a = find(plan, QStringLiteral("sip.contoso.com"), QStringLiteral("A"));
    QVERIFY(a);
    QCOMPARE(a->why, QStringLiteral("Access Edge: remote clients and federated partners connect "
                                    "to it (TCP 5061). Web Conferencing Edge: meeting participants "
                                    "outside connect to it (TCP 444). A/V Edge: clients and "
                                    "partners relay media through it (UDP 3478, TCP 443)."));
}

void TstDnsRecords::ipv6IsAaaa()
{
    TemplateParams p = params(QStringLiteral("three-ip"));
    p.members[0].externalIps = {QStringLiteral("2001:db8::10"), QStringLiteral("2001:db8::20"),
                                QStringLiteral("2001:db8::30")};
    const QStringList lines = recordLines(build(p));
    QCOMPARE(lines.mid(0, 3), (QStringList{QStringLiteral("sip.contoso.com. 3600 IN AAAA "
                                                          "2001:db8::10"),
                                           QStringLiteral("webconf.contoso.com. 3600 IN AAAA "
                                                          "2001:db8::20"),
                                           QStringLiteral("av.contoso.com. 3600 IN AAAA "
                                                          "2001:db8::30")}));
}

void TstDnsRecords::discoveryWarning()
{
    const DnsPlan plan = buildDnsPlan(topology(QStringLiteral("domains")));
    const DnsRecord *own = find(plan, QStringLiteral("_sipfederationtls._tcp.contoso.com"),
                                QStringLiteral("SRV"));
    QVERIFY(own && own->warning.isEmpty());
    const DnsRecord *other = find(plan, QStringLiteral("_sipfederationtls._tcp.fabrikam.com"),
                                  QStringLiteral("SRV"));
    QVERIFY(other);
    QCOMPARE(other->warning,
             QStringLiteral("sip.contoso.com is outside fabrikam.com: this breaks automatic "
                            "partner discovery: partners accept an SRV target of fabrikam.com "
                            "only in the namespace of fabrikam.com, so they must add fabrikam.com "
                            "with its Access Edge FQDN by hand. Publish an Access Edge name in "
                            "fabrikam.com (e.g. sip.fabrikam.com, also on the certificate)."));
    QVERIFY(find(plan, QStringLiteral("_sip._tls.litwareinc.com"), QStringLiteral("SRV"))
                    ->warning.contains(QStringLiteral("automatic sign-in of remote clients of "
                                                      "users @litwareinc.com")));
    // Still written (it works for partners configured by hand), with the warning above it.
    const QString zone = QString::fromUtf8(dnsZoneFile(plan));
    QVERIFY(zone.contains(QStringLiteral(
            "; WARNING: sip.contoso.com is outside fabrikam.com: this breaks automatic partner "
            "discovery: partners accept an SRV target of fabrikam.com only in the namespace of "
            "fabrikam.com, so they must add fabrikam.com with its Access Edge FQDN by hand. "
            "Publish an Access Edge name in fabrikam.com (e.g. sip.fabrikam.com, also on the "
            "certificate).\n_sipfederationtls._tcp.fabrikam.com. 3600 IN SRV 0 0 5061 "
            "sip.contoso.com.\n")));
    // The table has the warning in its own column.
    const QByteArray md = tablewriters::markdown(dnsRecordsDocument(plan));
    QVERIFY(md.contains(
            "| External | edge01.contoso.local | \\_sipfederationtls.\\_tcp.fabrikam.com "
            "| SRV | 0 | 0 | 5061 | sip.contoso.com | Federated partners discover the "
            "Access Edge of fabrikam.com (also needed for push notifications). | "
            "sip.contoso.com is outside fabrikam.com: this breaks automatic partner "
            "discovery"));
    QVERIFY(md.contains("- **Warnings:** 4\n"));
}

void TstDnsRecords::privateAddressWithoutNat()
{
    TemplateParams p = params(QStringLiteral("three-ip"));
    p.members[0].externalIps = {QStringLiteral("10.45.16.10"), QStringLiteral("10.45.16.20"),
                                QStringLiteral("10.45.16.30")};
    const DnsPlan plan = buildDnsPlan(build(p));
    QCOMPARE(find(plan, QStringLiteral("sip.contoso.com"), QStringLiteral("A"))->warning,
             QStringLiteral("10.45.16.10 is a private address: public DNS needs the public "
                            "address it is translated to; set the NAT public address"));
}

void TstDnsRecords::severalPoolsPublishTheFirst()
{
    Topology t = topology(QStringLiteral("three-ip"));
    addSecondPool(t);
    const DnsPlan plan = buildDnsPlan(t);
    const QStringList lines = recordLines(dnsZoneFile(plan));
    QVERIFY(lines.contains(QStringLiteral("sip2.contoso.com. 3600 IN A 198.51.100.10")));
    QVERIFY(lines.contains(QStringLiteral("edge21.contoso.local. 3600 IN A 172.25.34.10")));
    QVERIFY(lines.contains(QStringLiteral("edgepool2.contoso.local. 3600 IN A 172.25.34.10")));
    QStringList srv;
    for (const QString &line : lines)
        if (line.contains(QStringLiteral(" SRV ")))
            srv.append(line);
    QCOMPARE(srv, (QStringList{QStringLiteral("_sip._tls.contoso.com. 3600 IN SRV 0 0 443 "
                                              "sip.contoso.com."),
                               QStringLiteral("_sipfederationtls._tcp.contoso.com. 3600 IN SRV 0 "
                                              "0 5061 sip.contoso.com.")}));
    const QString note = QStringLiteral(
            "Only one Edge pool per organisation is published for federation: the SRV records "
            "point at the first pool, edge01.contoso.local (Access Edge sip.contoso.com). The "
            "other pools have their A records only.");
    QCOMPARE(plan.federationNote, note);
    QVERIFY(dnsZoneFile(plan).contains(QString(u"; " + note + u'\n').toUtf8()));
    QVERIFY(tablewriters::markdown(dnsRecordsDocument(plan))
                    .contains(QString(u"## External DNS (public zones)\n\n" + note).toUtf8()));
}

void TstDnsRecords::missingInputIsNotWritten()
{
    const DnsPlan plan = buildDnsPlan(topology(QStringLiteral("missing")));
    const QString zone = QString::fromUtf8(dnsZoneFile(plan));
    QVERIFY2(zone.contains(QStringLiteral(
                     "; NOT WRITTEN: (no name) IN A 192.0.2.10\n; Missing: the topology has no "
                     "Access Edge FQDN for 192.0.2.10: set the FQDN of each member's Access Edge "
                     "address (Properties, or edgemap new --access-fqdn)\n")),
             qPrintable(zone));
    QVERIFY(zone.contains(QStringLiteral(
            "; NOT WRITTEN: _sip._tls.<SIP domain> IN SRV 0 0 443 (no target)\n; Missing: the "
            "topology has no SIP domains: add them (sip_domains in the file, or edgemap new "
            "--sip-domain)\n")));
    // Every missing record is a row with a warning that says what to fill in.
    int missing = 0;
    for (const DnsRecord &r : plan.records) {
        QCOMPARE(r.writable, r.view == DnsRecord::View::Internal);
        missing += r.warning.startsWith(QStringLiteral("Missing: ")) ? 1 : 0;
    }
    QCOMPARE(missing, 5); // three A records, two SRV records
    // SIP domains set, Access Edge FQDN not: the SRV records say which input they lack.
    TemplateParams p = params(QStringLiteral("missing"));
    p.sipDomains = {QStringLiteral("contoso.com")};
    const DnsPlan withDomains = buildDnsPlan(build(p));
    const DnsRecord *srv
            = find(withDomains, QStringLiteral("_sip._tls.contoso.com"), QStringLiteral("SRV"));
    QVERIFY(srv && !srv->writable);
    QVERIFY(srv->warning.startsWith(
            QStringLiteral("Missing: the topology has no Access Edge FQDN for the SRV target")));
}

void TstDnsRecords::hostileNamesStayComments()
{
    Topology t = topology(QStringLiteral("three-ip"));
    setExternalFqdns(t, QStringLiteral("sip.contoso.com.\nevil.example. 60 IN A 198.51.100.66"));
    t.pools[0].servers[0].fqdn = QStringLiteral("edge01.contoso.local\r\nevil2.example. IN NS x.");
    const QStringList lines = recordLines(t);
    // Nothing the topology typed becomes a record line of its own.
    for (const QString &line : lines)
        QVERIFY2(!line.contains(QStringLiteral("evil")), qPrintable(line));
    QCOMPARE(lines, (QStringList{QStringLiteral("edge01.contoso.local. 3600 IN A 172.25.33.10")}));
    const QString zone = QString::fromUtf8(dnsZoneFile(buildDnsPlan(t)));
    QVERIFY(zone.contains(QStringLiteral("is not a DNS name: correct the FQDN in the topology")));
}

void TstDnsRecords::csvReadsBack_data()
{
    QTest::addColumn<QString>("name");
    for (const QString &n : topologyNames())
        QTest::newRow(qPrintable(n)) << n;
}

void TstDnsRecords::csvReadsBack()
{
    QFETCH(QString, name);
    const DnsPlan plan = buildDnsPlan(topology(name));
    const auto records = parseCsv(QString::fromUtf8(tablewriters::csv(dnsRecordsDocument(plan))));
    QVERIFY(records);
    QCOMPARE(records->first(), (QStringList{QStringLiteral("Zone"), QStringLiteral("Pool"),
                                            QStringLiteral("Name"), QStringLiteral("Type"),
                                            QStringLiteral("Priority"), QStringLiteral("Weight"),
                                            QStringLiteral("Port"), QStringLiteral("Target"),
                                            QStringLiteral("Why"), QStringLiteral("Warning")}));
    QCOMPARE(records->size() - 1, plan.records.size());
    for (qsizetype i = 0; i < plan.records.size(); ++i) {
        const DnsRecord &r = plan.records.at(i);
        const QStringList &row = records->at(i + 1);
        QCOMPARE(row.size(), 10);
        QCOMPARE(row.at(2), r.name);
        QCOMPARE(row.at(3), r.type);
        QCOMPARE(row.at(6), r.type == QLatin1String("SRV") ? QString::number(r.port) : QString());
        QCOMPARE(row.at(7), r.target);
        QCOMPARE(row.at(9), r.warning);
    }
}

void TstDnsRecords::markdownAndHtmlEscapeNames()
{
    Topology t = topology(QStringLiteral("three-ip"));
    setExternalFqdns(t, QStringLiteral("<script>alert(1)</script>|x.contoso.com"));
    const TableDocument doc = dnsRecordsDocument(buildDnsPlan(t));
    const QByteArray html = tablewriters::html(doc);
    QVERIFY(!html.contains("<script>"));
    QVERIFY(html.contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;|x.contoso.com</td>"));
    const QByteArray md = tablewriters::markdown(doc);
    QVERIFY(!md.contains("<script>"));
    QVERIFY(md.contains("| External | edge01.contoso.local | "
                        "\\<script\\>alert(1)\\</script\\>\\|x.contoso.com | A |"));
}

QTEST_GUILESS_MAIN(TstDnsRecords)
#include "tst_dnsrecords.moc"
