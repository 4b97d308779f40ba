// The firewall rule matrix: golden CSV and Markdown for each template, and the rules a firewall
// team cannot do without (the Edge's own outbound flows, NAT, product versions).
#include "firewallmatrix.h"
#include "tst_tables_util.h"

#include <QTest>

using namespace edgemap;

namespace {

// "Inbound": towards the Edge, "Outbound": away from it. Microsoft's word for towards the Edge is
// In on the external firewall and Out on the internal one.
QString towards(const FirewallRule &r)
{
    const bool in = r.microsoftDirection
                    == (r.firewall == Firewall::External ? QStringLiteral("In")
                                                         : QStringLiteral("Out"));
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
    void natRulesNameBothAddresses();
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
    // SIP 5061 to federated partners and public IM, DNS 53 (TCP and UDP) and CRL 80 from the
    // Access Edge address; STUN 3478 and TURN 443 from the A/V Edge address.
    QCOMPARE(rulesWith(m, Firewall::External, out, Transport::Tcp, 5061).size(), 2);
    for (const auto &[transport, port, source] :
         {std::tuple{Transport::Tcp, 53, access}, std::tuple{Transport::Udp, 53, access},
          std::tuple{Transport::Tcp, 80, access}, std::tuple{Transport::Udp, 3478, av},
          std::tuple{Transport::Tcp, 443, av}}) {
        const auto rules = rulesWith(m, Firewall::External, out, transport, port);
        QVERIFY2(rules.size() == 1, qPrintable(QStringLiteral("outbound %1").arg(port)));
        QCOMPARE(rules.first().source, source);
    }
    // SIP to the next hop through the internal firewall.
    const auto toNextHop = rulesWith(m, Firewall::Internal, out, Transport::Tcp, 5061);
    QCOMPARE(toNextHop.size(), 1);
    QVERIFY(toNextHop.first().destination.startsWith(QStringLiteral("Director")));
}

void TstFirewallMatrix::natRulesNameBothAddresses()
{
    const FirewallMatrix m
            = buildFirewallMatrix(tablestest::templateTopology(QStringLiteral("nat")));
    const auto in
            = rulesWith(m, Firewall::External, QStringLiteral("Inbound"), Transport::Udp, 3478);
    QVERIFY(!in.isEmpty());
    for (const FirewallRule &r : in) {
        QVERIFY(r.destination.startsWith(QStringLiteral("192.0.2.30 ")));
        QCOMPARE(r.natPublicIp, QStringLiteral("203.0.113.30"));
    }
    // Outbound from the A/V Edge is translated too; the Access Edge is not NATed here.
    const auto out
            = rulesWith(m, Firewall::External, QStringLiteral("Outbound"), Transport::Udp, 3478);
    QCOMPARE(out.size(), 1);
    QCOMPARE(out.first().natPublicIp, QStringLiteral("203.0.113.30"));
    const auto sip
            = rulesWith(m, Firewall::External, QStringLiteral("Inbound"), Transport::Tcp, 443);
    QVERIFY(std::any_of(sip.cbegin(), sip.cend(),
                        [](const FirewallRule &r) { return r.natPublicIp.isEmpty(); }));
    const TableDocument doc = firewallMatrixDocument(m);
    QVERIFY(doc.tables.first().note.contains(QStringLiteral("public")));
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
    QCOMPARE(in.size(), 1);
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
