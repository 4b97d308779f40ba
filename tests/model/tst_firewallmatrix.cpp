// The firewall rule matrix: golden CSV and Markdown for each template, and the rules a firewall
// team cannot do without (the Edge's own outbound flows, NAT, product versions).
#include "reports/firewallmatrix.h"
#include "support/tst_tables_util.h"

#include <QTest>

using namespace edgemap;
using namespace Qt::StringLiterals;

namespace {

// "Inbound": towards the Edge, "Outbound": away from it. Microsoft's word for towards the Edge is
// In on the external firewall and Out on the internal one.
QString towards(const FirewallRule &r)
{
    const bool in
            = r.microsoftDirection
              == (r.firewall == Firewall::External ? QStringLiteral("In") : QStringLiteral("Out"));
    return in ? QStringLiteral("Inbound") : QStringLiteral("Outbound");
}

QList<FirewallRule> rulesWith(const FirewallMatrix &m, Firewall fw, const QString &direction,
                              Transport transport, int port)
{
    QList<FirewallRule> out;
    for (const FirewallRule &r : m.rules)
        if (r.firewall == fw && towards(r) == direction && r.transport == transport
            && r.port == port)
            out.append(r);
    return out;
}

} // namespace

class TstFirewallMatrix : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void golden_data();
    void golden();
    void edgeOpensItsOwnOutboundFlows();
    void frontEndPoolReachesEdge5061WithDirectorAsNextHop();
    void edgeReachesInternalDnsOptionally();
    void outboundAvGoesToAnyNotThePartnersList();
    void inboundMediaRangeOnlyForLync2010And2013();
    void poolMembersBehindNatReachEachOthersPublicAv();
    void natRulesNameBothAddresses();
    void microsoftDirectionWords();
    void skypeConsumerIsHistorical();
    void oneRulePerPoolMember();
    void versionsFromTheCatalog();
    void peerAddressesOrAny();
    void onlyOneFirewall();
};

void TstFirewallMatrix::golden_data()
{
    QTest::addColumn<QString>("name");
    for (const QString &n : tablestest::templateNames())
        QTest::newRow(qPrintable(n)) << n;
}

void TstFirewallMatrix::golden()
{
    QFETCH(QString, name);
    const TableDocument doc
            = firewallMatrixDocument(buildFirewallMatrix(tablestest::templateTopology(name)));
    tablestest::compareGolden(tablewriters::csv(doc), QStringLiteral("firewall-%1.csv").arg(name));
    tablestest::compareGolden(tablewriters::markdown(doc),
                              QStringLiteral("firewall-%1.md").arg(name));
}

void TstFirewallMatrix::edgeOpensItsOwnOutboundFlows()
{
    const FirewallMatrix m
            = buildFirewallMatrix(tablestest::templateTopology(QStringLiteral("three-ip")));
    const QString out = QStringLiteral("Outbound");
    const QString access = QStringLiteral("192.0.2.10 (edge01.contoso.local, Access Edge)");
    const QString av = QStringLiteral("192.0.2.30 (edge01.contoso.local, A/V Edge)");
    // SIP 5061 to federated partners (public IM is historical, not in new topologies), DNS 53
    // (TCP and UDP) and CRL 80 from the Access Edge address; STUN 3478 and TURN 443 from the
    // A/V Edge address.
    QCOMPARE(rulesWith(m, Firewall::External, out, Transport::Tcp, 5061).size(), 1);
    for (const auto &[transport, port, source] :
         {std::tuple{Transport::Tcp, 53, access}, std::tuple{Transport::Udp, 53, access},
          std::tuple{Transport::Tcp, 80, access}, std::tuple{Transport::Udp, 3478, av},
          std::tuple{Transport::Tcp, 443, av}}) {
        const auto rules = rulesWith(m, Firewall::External, out, transport, port);
        QVERIFY2(rules.size() == 1, qPrintable(QStringLiteral("outbound %1").arg(port)));
        QCOMPARE(rules.first().source, source);
    }
    // SIP to the next hop through the internal firewall, and to the Front End pool.
    const auto sipOut = rulesWith(m, Firewall::Internal, out, Transport::Tcp, 5061);
    QCOMPARE(sipOut.size(), 2);
    QVERIFY(sipOut.at(0).destination.startsWith(QStringLiteral("Director")));
    QVERIFY(sipOut.at(1).destination.startsWith(QStringLiteral("Front End pool")));
}

// M1 internal table, S3, M8: TCP 5061 both ways between the Edge's internal interface and the
// Director *and* the Front End pool, also when the Director is the next hop.
void TstFirewallMatrix::frontEndPoolReachesEdge5061WithDirectorAsNextHop()
{
    const FirewallMatrix m
            = buildFirewallMatrix(tablestest::templateTopology(QStringLiteral("three-ip")));
    const auto in
            = rulesWith(m, Firewall::Internal, QStringLiteral("Inbound"), Transport::Tcp, 5061);
    QStringList sources;
    for (const FirewallRule &r : in) {
        sources.append(r.source.section(QLatin1Char(' '), 0, 0));
        QCOMPARE(r.destination, QStringLiteral("172.25.33.10 (edge01.contoso.local, Internal)"));
        QCOMPARE(r.microsoftDirection, QStringLiteral("Out")); // Microsoft: FE -> Edge outbound
    }
    QCOMPARE(sources, (QStringList{QStringLiteral("Director"), QStringLiteral("Front")}));
    const auto out
            = rulesWith(m, Firewall::Internal, QStringLiteral("Outbound"), Transport::Tcp, 5061);
    QCOMPARE(out.size(), 2);
    for (const FirewallRule &r : out)
        QCOMPARE(r.microsoftDirection, QStringLiteral("In")); // Microsoft: Edge -> next hop in
    // With the Front End pool as next hop there is one rule each way, not two.
    const FirewallMatrix fe
            = buildFirewallMatrix(tablestest::templateTopology(QStringLiteral("single-ip")));
    QCOMPARE(rulesWith(fe, Firewall::Internal, QStringLiteral("Inbound"), Transport::Tcp, 5061)
                     .size(),
             1);
    QCOMPARE(rulesWith(fe, Firewall::Internal, QStringLiteral("Outbound"), Transport::Tcp, 5061)
                     .size(),
             1);
}

// M1, M13: the Edge resolves internal pools through internal DNS unless a HOSTS file lists them.
void TstFirewallMatrix::edgeReachesInternalDnsOptionally()
{
    Topology t = tablestest::templateTopology(QStringLiteral("three-ip"));
    for (Peer &p : t.peers)
        if (p.kind == PeerKind::InternalDns)
            p.addresses = {QStringLiteral("172.25.40.5")};
    const FirewallMatrix m = buildFirewallMatrix(t);
    for (Transport transport : {Transport::Tcp, Transport::Udp}) {
        const auto dns
                = rulesWith(m, Firewall::Internal, QStringLiteral("Outbound"), transport, 53);
        QCOMPARE(dns.size(), 1);
        QCOMPARE(dns.first().source,
                 QStringLiteral("172.25.33.10 (edge01.contoso.local, Internal)"));
        QCOMPARE(dns.first().destination, QStringLiteral("Internal DNS servers: 172.25.40.5"));
        QVERIFY(dns.first().optional);
        QVERIFY(dns.first().purpose.contains(QStringLiteral("HOSTS file")));
    }
    for (const FirewallRule &r : m.rules)
        QVERIFY2(!r.purpose.contains(QStringLiteral("only connection the Edge opens inward")),
                 qPrintable(r.number));
}

// M1, S3, S4: outbound A/V (UDP 3478, TCP 443 from 50000-59999, TCP/UDP 50000-59999) goes to
// Any: partner A/V Edges, other Edge pools of the organisation, public IM. Never narrowed to
// the federated partners' addresses, even when the topology lists them.
void TstFirewallMatrix::outboundAvGoesToAnyNotThePartnersList()
{
    Topology t = tablestest::templateTopology(QStringLiteral("three-ip"));
    for (Peer &p : t.peers)
        if (p.kind == PeerKind::FederatedPartners || p.kind == PeerKind::AvPeers)
            p.addresses = {QStringLiteral("198.51.100.0/24")};
    const FirewallMatrix m = buildFirewallMatrix(t);
    const QString out = QStringLiteral("Outbound");
    struct Expect
    {
        Transport transport;
        int port;
        int sourcePort;
    };
    for (const Expect &e : {Expect{Transport::Udp, 3478, 0}, Expect{Transport::Tcp, 443, 50000},
                            Expect{Transport::Tcp, 50000, 0}, Expect{Transport::Udp, 50000, 0}}) {
        const auto rules = rulesWith(m, Firewall::External, out, e.transport, e.port);
        QCOMPARE(rules.size(), 1);
        QCOMPARE(rules.first().destination, QStringLiteral("Other A/V Edges: Any"));
        QCOMPARE(rules.first().sourcePort, e.sourcePort);
        QCOMPARE(rules.first().microsoftDirection, QStringLiteral("Out"));
    }
    // The partners' list still narrows SIP federation, which goes to their Access Edges.
    QCOMPARE(rulesWith(m, Firewall::External, out, Transport::Tcp, 5061).first().destination,
             QStringLiteral("Federated partners: 198.51.100.0/24"));
    // The source port column: "50000-59999" for TURN over TCP, Any elsewhere.
    const TableDocument doc = firewallMatrixDocument(m);
    const int sourcePortColumn = int(doc.tables.first().columns.indexOf(u"Source port"_s));
    QVERIFY(sourcePortColumn >= 0);
    bool found = false;
    for (const QStringList &row : doc.tables.first().rows)
        if (row.contains(u"Other A/V Edges: Any"_s) && row.contains(u"443"_s))
            found = row.at(sourcePortColumn) == u"50000-59999"_s;
    QVERIFY(found);
}

// S3, S4, S15 vs M1: inbound 50000-59999 (federation with OCS 2007) is in the Lync 2010 and 2013
// tables only; Skype for Business 2015/2019/SE have no such rule.
void TstFirewallMatrix::inboundMediaRangeOnlyForLync2010And2013()
{
    const auto inboundRange = [](const QString &name) {
        const FirewallMatrix m = buildFirewallMatrix(tablestest::templateTopology(name));
        return rulesWith(m, Firewall::External, QStringLiteral("Inbound"), Transport::Udp, 50000)
               + rulesWith(m, Firewall::External, QStringLiteral("Inbound"), Transport::Tcp, 50000);
    };
    const auto lync2013 = inboundRange(QStringLiteral("three-ip"));
    QCOMPARE(lync2013.size(), 2);
    for (const FirewallRule &r : lync2013) {
        QVERIFY(r.optional);
        QCOMPARE(r.versions, QStringLiteral("Lync 2010, Lync 2013 (optional)"));
    }
    QCOMPARE(inboundRange(QStringLiteral("nat")).size(), 2);      // Lync 2010
    QVERIFY(inboundRange(QStringLiteral("single-ip")).isEmpty()); // SfB 2015
    QVERIFY(inboundRange(QStringLiteral("pool2")).isEmpty());     // SfB 2019
}

// M1: members of a DNS-load-balanced pool behind NAT reach each other's public A/V addresses:
// one rule per pool and port naming every member's public address.
void TstFirewallMatrix::poolMembersBehindNatReachEachOthersPublicAv()
{
    const FirewallMatrix m
            = buildFirewallMatrix(tablestest::templateTopology(QStringLiteral("pool2")));
    const QString members = QStringLiteral(
            "Public A/V Edge addresses of the members of edgepool.contoso.local: 203.0.113.30 "
            "(edge01.contoso.local), 203.0.113.31 (edge02.contoso.local)");
    QList<std::pair<Transport, int>> sockets;
    for (const FirewallRule &r : m.rules) {
        if (r.source != members)
            continue;
        QCOMPARE(r.destination, members);
        QCOMPARE(r.firewall, Firewall::External);
        sockets.append({r.transport, r.port});
    }
    QCOMPARE(sockets, (QList<std::pair<Transport, int>>{{Transport::Udp, 3478},
                                                        {Transport::Tcp, 443},
                                                        {Transport::Tcp, 50000},
                                                        {Transport::Udp, 50000}}));
    // Without NAT, or with one server, nothing to open between members.
    for (const QString &name : {QStringLiteral("three-ip"), QStringLiteral("nat")}) {
        const FirewallMatrix single = buildFirewallMatrix(tablestest::templateTopology(name));
        for (const FirewallRule &r : single.rules)
            QVERIFY2(!r.source.startsWith(QStringLiteral("Public A/V")), qPrintable(name));
    }
    Topology noNat = tablestest::templateTopology(QStringLiteral("pool2"));
    for (EdgePool &pool : noNat.pools)
        for (EdgeServer &s : pool.servers)
            for (NetInterface &nic : s.interfaces)
                for (Address &a : nic.addresses)
                    a.natPublicIp.clear();
    for (const FirewallRule &r : buildFirewallMatrix(noNat).rules)
        QVERIFY(!r.source.startsWith(QStringLiteral("Public A/V")));
}

// M1, S3: with NAT all three external addresses are private and translated symmetrically; every
// external rule names the private address and the public one.
void TstFirewallMatrix::natRulesNameBothAddresses()
{
    const FirewallMatrix m
            = buildFirewallMatrix(tablestest::templateTopology(QStringLiteral("nat")));
    const struct
    {
        Transport transport;
        int port;
        QString privateIp;
        QString publicIp;
    } expected[]{{Transport::Udp, 3478, u"10.45.16.30"_s, u"203.0.113.30"_s},
                 {Transport::Tcp, 5061, u"10.45.16.10"_s, u"203.0.113.10"_s}};
    for (const auto &e : expected) {
        const auto in
                = rulesWith(m, Firewall::External, QStringLiteral("Inbound"), e.transport, e.port);
        QVERIFY(!in.isEmpty());
        for (const FirewallRule &r : in) {
            QVERIFY(r.destination.startsWith(e.privateIp + u' '));
            QCOMPARE(r.natPublicIp, e.publicIp);
        }
    }
    const auto webconf
            = rulesWith(m, Firewall::External, QStringLiteral("Inbound"), Transport::Tcp, 443);
    QVERIFY(std::any_of(webconf.cbegin(), webconf.cend(), [](const FirewallRule &r) {
        return r.destination.startsWith(u"10.45.16.20 "_s) && r.natPublicIp == u"203.0.113.20"_s;
    }));
    // Outbound from the A/V and Access Edges is translated too; every external rule has both.
    for (const FirewallRule &r : m.rules)
        if (r.firewall == Firewall::External)
            QVERIFY2(!r.natPublicIp.isEmpty(), qPrintable(r.number));
    const TableDocument doc = firewallMatrixDocument(m);
    QVERIFY(doc.tables.first().note.contains(QStringLiteral("symmetric NAT")));
}

// M19, M1: Microsoft calls less-to-more trusted "in"; the matrix states its direction word beside
// source and destination, and says so in the document.
void TstFirewallMatrix::microsoftDirectionWords()
{
    const FirewallMatrix m
            = buildFirewallMatrix(tablestest::templateTopology(QStringLiteral("three-ip")));
    const TableDocument doc = firewallMatrixDocument(m);
    const QStringList columns = doc.tables.first().columns;
    QCOMPARE(columns.mid(0, 5), (QStringList{u"Firewall"_s, u"Rule"_s, u"Source"_s,
                                             u"Destination"_s, u"Microsoft"_s}));
    QVERIFY(doc.paragraphs.first().contains(u"less trusted to a more trusted network"_s));
    for (const FirewallRule &r : m.rules) {
        const bool towardsEdge = r.destination.front().isDigit();
        const QString expected = r.firewall == Firewall::External
                                         ? (towardsEdge ? u"In"_s : u"Out"_s)
                                         : (towardsEdge ? u"Out"_s : u"In"_s);
        QCOMPARE(r.microsoftDirection, expected);
    }
}

// Skype consumer was retired on 5 May 2025: public IM and the Skype directory are not in new
// topologies; where asked for, they are said to be historical.
void TstFirewallMatrix::skypeConsumerIsHistorical()
{
    for (const FirewallRule &r :
         buildFirewallMatrix(tablestest::templateTopology(QStringLiteral("single-ip"))).rules) {
        QVERIFY2(!r.source.startsWith(u"Public IM"_s) && !r.destination.startsWith(u"Public IM"_s),
                 qPrintable(r.number));
        QVERIFY2(!r.purpose.contains(u"Skype directory"_s), qPrintable(r.number));
    }
    TemplateParams p;
    p.product = Product::SfB2015;
    p.publicIm = true;
    p.members = {tablestest::member(1, 3, false)};
    const FirewallMatrix m = buildFirewallMatrix(buildTopology(p).topology);
    int historical = 0;
    for (const FirewallRule &r : m.rules)
        if (r.source.startsWith(u"Public IM"_s) || r.destination.startsWith(u"Public IM"_s)
            || r.purpose.contains(u"Skype directory"_s)) {
            QVERIFY2(r.purpose.contains(u"historical: Skype consumer retired on 5 May 2025"_s),
                     qPrintable(r.purpose));
            ++historical;
        }
    QVERIFY(historical >= 4);
}

void TstFirewallMatrix::oneRulePerPoolMember()
{
    const FirewallMatrix m
            = buildFirewallMatrix(tablestest::templateTopology(QStringLiteral("pool2")));
    const auto psom
            = rulesWith(m, Firewall::Internal, QStringLiteral("Inbound"), Transport::Tcp, 8057);
    QCOMPARE(psom.size(), 2);
    QVERIFY(psom.at(0).destination.startsWith(QStringLiteral("172.25.33.10 ")));
    QVERIFY(psom.at(1).destination.startsWith(QStringLiteral("172.25.33.11 ")));
    QCOMPARE(psom.at(0).flow, psom.at(1).flow);
    QVERIFY(psom.at(0).number != psom.at(1).number);
}

void TstFirewallMatrix::versionsFromTheCatalog()
{
    const FirewallMatrix m
            = buildFirewallMatrix(tablestest::templateTopology(QStringLiteral("single-ip")));
    const auto xmpp
            = rulesWith(m, Firewall::External, QStringLiteral("Inbound"), Transport::Tcp, 5269);
    QCOMPARE(xmpp.size(), 1);
    QCOMPARE(xmpp.first().versions, QStringLiteral("Lync 2013, SfB 2015"));
    const auto cls
            = rulesWith(m, Firewall::Internal, QStringLiteral("Inbound"), Transport::Tcp, 50001);
    QCOMPARE(cls.size(), 1);
    QCOMPARE(cls.first().versions, QStringLiteral("Lync 2013, SfB 2015, SfB 2019, SfB SE"));
    // 4443 has a different owner from SfB 2015 on, but CMS replication is in every version.
    const auto cms
            = rulesWith(m, Firewall::Internal, QStringLiteral("Inbound"), Transport::Tcp, 4443);
    QCOMPARE(cms.size(), 1);
    QCOMPARE(cms.first().versions, QStringLiteral("All"));
    const auto sip
            = rulesWith(m, Firewall::External, QStringLiteral("Inbound"), Transport::Tcp, 5061);
    QVERIFY(!sip.isEmpty());
    QCOMPARE(sip.first().versions, QStringLiteral("All"));
    // Single IP: client SIP moved to 5061 as well, on the one external address.
    QVERIFY(std::all_of(sip.cbegin(), sip.cend(), [](const FirewallRule &r) {
        return r.destination.startsWith(QStringLiteral("192.0.2.10 "));
    }));
}

void TstFirewallMatrix::peerAddressesOrAny()
{
    Topology t = tablestest::templateTopology(QStringLiteral("three-ip"));
    for (Peer &p : t.peers)
        if (p.id.value() == QLatin1String("director"))
            p.addresses = {QStringLiteral("172.25.40.10"), QStringLiteral("172.25.40.11")};
    const FirewallMatrix m = buildFirewallMatrix(t);
    const auto in
            = rulesWith(m, Firewall::Internal, QStringLiteral("Inbound"), Transport::Tcp, 5061);
    QCOMPARE(in.size(), 2);
    QCOMPARE(in.first().source, QStringLiteral("Director: 172.25.40.10, 172.25.40.11"));
    const auto remote
            = rulesWith(m, Firewall::External, QStringLiteral("Inbound"), Transport::Tcp, 443);
    QCOMPARE(remote.first().source, QStringLiteral("Remote users: Any (Internet)"));
    const auto psom
            = rulesWith(m, Firewall::Internal, QStringLiteral("Inbound"), Transport::Tcp, 8057);
    QVERIFY(psom.first().source.contains(QStringLiteral("addresses not set")));
}

void TstFirewallMatrix::onlyOneFirewall()
{
    const FirewallMatrix m
            = buildFirewallMatrix(tablestest::templateTopology(QStringLiteral("three-ip")));
    const TableDocument internal = firewallMatrixDocument(m, Firewall::Internal);
    QCOMPARE(internal.tables.size(), 1);
    QVERIFY(internal.tables.first().heading.startsWith(QStringLiteral("Internal firewall")));
    for (const QStringList &row : internal.tables.first().rows)
        QCOMPARE(row.first(), QStringLiteral("Internal"));
    QCOMPARE(firewallMatrixDocument(m).tables.size(), 2);
}

QTEST_GUILESS_MAIN(TstFirewallMatrix)
#include "tst_firewallmatrix.moc"
