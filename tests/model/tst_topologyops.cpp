// Structural edits: add/remove pool members and peers give valid topologies with unique ids,
// survive a save and load, and are refused with a reason that names the culprit.
#include "core/rules.h"
#include "core/templates.h"
#include "document/topologyops.h"
#include "io/topologyfile.h"

#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace edgemap;
namespace ops = edgemap::topologyops;

namespace {

// `publicIps`: NAT public addresses in the order of `external` (Access, Web Conferencing, A/V),
// or the one of a single external address.
MemberParams member(const QString &fqdn, const QString &internal, const QStringList &external,
                    const QStringList &publicIps = {})
{
    MemberParams m{fqdn, internal, external, {}};
    if (publicIps.size() == 1) {
        m.avPublicIp = publicIps.first();
    } else {
        m.accessPublicIp = publicIps.value(0);
        m.webConfPublicIp = publicIps.value(1);
        m.avPublicIp = publicIps.value(2);
    }
    return m;
}

// The NAT public addresses of a server's external addresses, in their order.
QStringList publicIpsOf(const EdgeServer &s)
{
    QStringList ips;
    for (const NetInterface &nic : s.interfaces)
        if (nic.side == InterfaceSide::External)
            for (const Address &a : nic.addresses)
                ips << a.natPublicIp;
    return ips;
}

const PoolId kPool(QStringLiteral("pool1"));

// Single external IP, sfb2015 with XMPP: a layout other than the default's (which has three
// addresses, each behind NAT); `nat` is the one public address, none by default.
Topology singleIpTopology(const QString &nat = {})
{
    TemplateParams p;
    p.product = Product::SfB2015;
    p.xmpp = true;
    p.members = {member(QStringLiteral("edge01.fabrikam.local"), QStringLiteral("10.1.0.10"),
                        {QStringLiteral("198.51.100.10")},
                        nat.isEmpty() ? QStringList() : QStringList{nat})};
    TemplateResult r = buildTopology(p);
    if (!r.ok())
        qFatal("%s", qPrintable(r.error));
    return r.topology;
}

// Every id of every kind, to show that none is reused.
QStringList allIds(const Topology &t)
{
    QStringList ids;
    for (const EdgePool &p : t.pools)
        for (const EdgeServer &s : p.servers) {
            ids << s.id.value();
            for (const NetInterface &nic : s.interfaces)
                for (const Address &a : nic.addresses)
                    ids << a.id.value();
            for (const Listener &l : s.listeners)
                ids << l.id.value();
        }
    for (const Peer &p : t.peers)
        ids << p.id.value();
    return ids;
}

// The socket layout of a server without ids and addresses: what a member must share.
QStringList layoutOf(const EdgeServer &s, const Topology &t)
{
    QStringList sockets;
    for (const Listener &l : s.listeners) {
        const Address *a = t.address(l.address);
        sockets << QStringLiteral("%1 %2 %3 %4 %5")
                           .arg(a ? keyOf(a->roles.first()) : QStringLiteral("*"),
                                socketLabel(l.transport, l.port, l.portEnd), l.service.value())
                           .arg(l.enabled)
                           .arg(l.endpoints.size());
    }
    return sockets;
}

Topology savedAndLoaded(const Topology &t)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("t.edgemap.json"));
    const Error e = topologyfile::save(t, path);
    if (e.isError())
        qFatal("%s", qPrintable(e.toString()));
    return *topologyfile::load(path).topology;
}

} // namespace

class TstTopologyOps : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void addMember_data();
    void addMember();
    void addMemberRefused_data();
    void addMemberRefused();
    void addMemberSingleIpNatRefused();
    void addMemberUpToTheLimit();
    void addMemberIdsStayUnique();
    void removeMember();
    void removeLastMemberRefused();
    void addPeer();
    void addPeerRefused_data();
    void addPeerRefused();
    void removePeerTakesItsFlows();
    void removePeerRefused_data();
    void removePeerRefused();
    void addressListSplitting();
};

void TstTopologyOps::addMember_data()
{
    QTest::addColumn<Topology>("topology");
    QTest::addColumn<MemberParams>("params");
    QTest::addColumn<QStringList>("publicIps"); // what the new external addresses get
    // The default pool is NATed on all three external addresses: each new address gets its own
    // public address.
    const QStringList publicIps{QStringLiteral("203.0.113.11"), QStringLiteral("203.0.113.21"),
                                QStringLiteral("203.0.113.31")};
    QTest::newRow("three IPs, NAT on each")
            << topologyfile::defaultTopology()
            << member(QStringLiteral("edge02.contoso.local"), QStringLiteral("172.25.33.11"),
                      {QStringLiteral("192.0.2.11"), QStringLiteral("192.0.2.21"),
                       QStringLiteral("192.0.2.31")},
                      publicIps)
            << publicIps;
    QTest::newRow("single IP") << singleIpTopology()
                               << member(QStringLiteral("EDGE02.fabrikam.local"),
                                         QStringLiteral("10.1.0.11"),
                                         {QStringLiteral("198.51.100.11")})
                               << QStringList{QString()};
    const QString nat = QStringLiteral("203.0.113.11");
    QTest::newRow("single IP, NAT")
            << singleIpTopology(QStringLiteral("203.0.113.10"))
            << member(QStringLiteral("edge02.fabrikam.local"), QStringLiteral("10.1.0.11"),
                      {QStringLiteral("198.51.100.11")}, {nat})
            << QStringList{nat};
    MemberParams asAccess = member(QStringLiteral("edge02.fabrikam.local"),
                                   QStringLiteral("10.1.0.11"), {QStringLiteral("198.51.100.11")});
    asAccess.accessPublicIp = nat; // as `edgemap new --access-public-ip` takes it
    QTest::newRow("single IP, NAT given as the Access one")
            << singleIpTopology(QStringLiteral("203.0.113.10")) << asAccess << QStringList{nat};
}

void TstTopologyOps::addMember()
{
    QFETCH(Topology, topology);
    QFETCH(MemberParams, params);
    QFETCH(QStringList, publicIps);
    const ops::EditResult r = ops::addPoolMember(topology, kPool, params);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.newId, QStringLiteral("edge02"));
    const Error e = topologyfile::validate(r.topology);
    QVERIFY2(!e.isError(), qPrintable(e.toString()));
    const QStringList ids = allIds(r.topology);
    QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()).size(), ids.size());

    const EdgePool &pool = *r.topology.pool(kPool);
    QCOMPARE(pool.servers.size(), 2);
    QCOMPARE(pool.loadBalancing, LoadBalancing::Dns); // a pool of two is load balanced
    const EdgeServer &added = pool.servers.last();
    QCOMPARE(added.id.value(), QStringLiteral("edge02"));
    QCOMPARE(added.fqdn, params.fqdn);
    QCOMPARE(layoutOf(added, r.topology), layoutOf(pool.servers.first(), r.topology));
    QVERIFY(r.topology.listener(ListenerId(QStringLiteral("edge02-int-tcp-5061"))));
    QCOMPARE(r.topology.serverOfAddress(AddressId(QStringLiteral("edge02-int")))->id, added.id);
    QCOMPARE(r.topology.address(AddressId(QStringLiteral("edge02-int")))->ip, params.internalIp);
    QStringList external;
    for (const NetInterface &nic : added.interfaces)
        if (nic.side == InterfaceSide::External)
            for (const Address &a : nic.addresses)
                external << a.ip;
    QCOMPARE(external, params.externalIps);
    QCOMPARE(publicIpsOf(added), publicIps);
    QCOMPARE(r.topology.address(AddressId(QStringLiteral("edge02-int")))->natPublicIp, QString());
    // The rest of the topology is untouched, and the whole survives the file format.
    QCOMPARE(r.topology.flows, topology.flows);
    QCOMPARE(r.topology.pool(kPool)->servers.first(), topology.pool(kPool)->servers.first());
    QCOMPARE(savedAndLoaded(r.topology), r.topology);
}

void TstTopologyOps::addMemberRefused_data()
{
    QTest::addColumn<MemberParams>("params");
    QTest::addColumn<QString>("reason");
    const QStringList ext{QStringLiteral("192.0.2.11"), QStringLiteral("192.0.2.21"),
                          QStringLiteral("192.0.2.31")};
    const QStringList nat{QStringLiteral("203.0.113.11"), QStringLiteral("203.0.113.21"),
                          QStringLiteral("203.0.113.31")};
    const QString fqdn = QStringLiteral("edge02.contoso.local");
    const QString internal = QStringLiteral("172.25.33.11");
    QTest::newRow("duplicate fqdn")
            << member(QStringLiteral("Edge01.contoso.local"), internal, ext, nat)
            << QStringLiteral("Edge01.contoso.local is already the FQDN of server edge01");
    QTest::newRow("not fully qualified") << member(QStringLiteral("edge02"), internal, ext, nat)
                                         << QStringLiteral("'edge02' is not fully qualified");
    QTest::newRow("duplicate internal ip")
            << member(fqdn, QStringLiteral("172.25.33.10"), ext, nat)
            << QStringLiteral("172.25.33.10 is already used by address edge01-int "
                              "(edge01.contoso.local)");
    QTest::newRow("duplicate external ip")
            << member(fqdn, internal,
                      {QStringLiteral("192.0.2.11"), QStringLiteral("10.45.16.20"),
                       QStringLiteral("192.0.2.31")},
                      nat)
            << QStringLiteral("10.45.16.20 is already used by address edge01-webconf");
    QTest::newRow("duplicate nat ip")
            << member(fqdn, internal, ext, {nat[0], nat[1], QStringLiteral("203.0.113.30")})
            << QStringLiteral("203.0.113.30 is already used by the NAT public address of "
                              "edge01-av");
    QTest::newRow("duplicate access nat ip")
            << member(fqdn, internal, ext, {QStringLiteral("203.0.113.10"), nat[1], nat[2]})
            << QStringLiteral("203.0.113.10 is already used by the NAT public address of "
                              "edge01-access");
    QTest::newRow("nat ip given twice") << member(fqdn, internal, ext, {nat[0], nat[1], nat[0]})
                                        << QStringLiteral("203.0.113.11 is given twice");
    QTest::newRow("nat ip is an external ip")
            << member(fqdn, internal, ext, {nat[0], ext[2], nat[2]})
            << QStringLiteral("192.0.2.31 is given twice");
    QTest::newRow("bad nat ip") << member(fqdn, internal, ext,
                                          {nat[0], QStringLiteral("203.0.113"), nat[2]})
                                << QStringLiteral("'203.0.113' is not an IPv4 or IPv6 address");
    QTest::newRow("given twice") << member(fqdn, internal, {ext[0], ext[0], ext[2]}, nat)
                                 << QStringLiteral("192.0.2.11 is given twice");
    QTest::newRow("bad ip") << member(fqdn, QStringLiteral("192.0.2.300"), ext, nat)
                            << QStringLiteral("'192.0.2.300' is not an IPv4 or IPv6 address");
    QTest::newRow("wrong layout") << member(
            fqdn, internal, {ext[0]},
            nat) << QStringLiteral("have 3 external addresses: give 3 external IPs, not 1");
    QTest::newRow("nat missing") << member(fqdn, internal, ext)
                                 << QStringLiteral("the Access Edge address of pool "
                                                   "edge01.contoso.local is behind NAT: give the "
                                                   "new server's public address for it too");
    QTest::newRow("a/v nat missing")
            << member(fqdn, internal, ext, {nat[0], nat[1], QString()})
            << QStringLiteral("the A/V Edge address of pool edge01.contoso.local is behind NAT");
    QTest::newRow("web conferencing nat missing")
            << member(fqdn, internal, ext, {nat[0], QString(), nat[2]})
            << QStringLiteral("the Web Conferencing Edge address of pool edge01.contoso.local is "
                              "behind NAT");
}

void TstTopologyOps::addMemberRefused()
{
    QFETCH(MemberParams, params);
    QFETCH(QString, reason);
    const ops::EditResult r = ops::addPoolMember(topologyfile::defaultTopology(), kPool, params);
    QVERIFY(!r.ok());
    QVERIFY2(r.error.contains(reason), qPrintable(r.error));
}

void TstTopologyOps::addMemberSingleIpNatRefused()
{
    const Topology t = singleIpTopology(QStringLiteral("203.0.113.10"));
    MemberParams m = member(QStringLiteral("edge02.fabrikam.local"), QStringLiteral("10.1.0.11"),
                            {QStringLiteral("198.51.100.11")});
    ops::EditResult r = ops::addPoolMember(t, kPool, m);
    QVERIFY(!r.ok());
    QVERIFY2(r.error.contains(QStringLiteral("the external address (Access Edge, Web "
                                             "Conferencing Edge, A/V Edge) of pool "
                                             "edge01.fabrikam.local is behind NAT")),
             qPrintable(r.error));
    // One address has one public address, however it is given.
    m.accessPublicIp = QStringLiteral("203.0.113.11");
    m.avPublicIp = QStringLiteral("203.0.113.12");
    r = ops::addPoolMember(t, kPool, m);
    QVERIFY(!r.ok());
    QVERIFY2(r.error.contains(QStringLiteral(
                     "one external address (single-IP layout) has one NAT public address, not "
                     "203.0.113.11 and 203.0.113.12")),
             qPrintable(r.error));
    m.avPublicIp = m.accessPublicIp;
    r = ops::addPoolMember(t, kPool, m);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(publicIpsOf(r.topology.pool(kPool)->servers.last()),
             QStringList{QStringLiteral("203.0.113.11")});
}

void TstTopologyOps::addMemberUpToTheLimit()
{
    Topology t = topologyfile::defaultTopology();
    for (int n = 2; n <= kMaxPoolMembers; ++n) {
        const ops::EditResult r = ops::addPoolMember(
                t, kPool,
                member(QStringLiteral("edge%1.contoso.local").arg(n, 2, 10, QLatin1Char('0')),
                       QStringLiteral("172.25.33.%1").arg(100 + n),
                       {QStringLiteral("192.0.2.%1").arg(100 + n),
                        QStringLiteral("192.0.2.%1").arg(150 + n),
                        QStringLiteral("192.0.2.%1").arg(200 + n)},
                       {QStringLiteral("198.51.100.%1").arg(100 + n),
                        QStringLiteral("198.51.100.%1").arg(150 + n),
                        QStringLiteral("203.0.113.%1").arg(100 + n)}));
        QVERIFY2(r.ok(), qPrintable(r.error));
        t = r.topology;
    }
    QCOMPARE(t.pool(kPool)->servers.size(), kMaxPoolMembers);
    QCOMPARE(t.pool(kPool)->servers.last().id.value(), QStringLiteral("edge12"));
    const ops::EditResult r = ops::addPoolMember(
            t, kPool,
            member(QStringLiteral("edge13.contoso.local"), QStringLiteral("172.25.33.99"),
                   {QStringLiteral("192.0.2.97"), QStringLiteral("192.0.2.98"),
                    QStringLiteral("192.0.2.99")},
                   {QStringLiteral("198.51.100.97"), QStringLiteral("198.51.100.98"),
                    QStringLiteral("203.0.113.99")}));
    QVERIFY(!r.ok());
    QVERIFY2(r.error.contains(QStringLiteral("already has 12 Edge servers")), qPrintable(r.error));
}

void TstTopologyOps::addMemberIdsStayUnique()
{
    // A first label that is already an address id, twice: ids get a suffix instead of clashing.
    Topology t = topologyfile::defaultTopology();
    QStringList added;
    for (const QString &domain :
         {QStringLiteral("contoso.local"), QStringLiteral("fabrikam.local")}) {
        const ops::EditResult r = ops::addPoolMember(
                t, kPool,
                member(QStringLiteral("edge01-int.") + domain,
                       QStringLiteral("172.25.33.%1").arg(added.size() + 20),
                       {QStringLiteral("192.0.2.%1").arg(added.size() + 40),
                        QStringLiteral("192.0.2.%1").arg(added.size() + 50),
                        QStringLiteral("192.0.2.%1").arg(added.size() + 60)},
                       {QStringLiteral("203.0.113.%1").arg(added.size() + 40),
                        QStringLiteral("203.0.113.%1").arg(added.size() + 50),
                        QStringLiteral("203.0.113.%1").arg(added.size() + 70)}));
        QVERIFY2(r.ok(), qPrintable(r.error));
        t = r.topology;
        added << r.newId;
    }
    QCOMPARE(added, (QStringList{QStringLiteral("edge01-int-2"), QStringLiteral("edge01-int-3")}));
    const QStringList ids = allIds(t);
    QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()).size(), ids.size());
}

void TstTopologyOps::removeMember()
{
    const Topology original = topologyfile::defaultTopology();
    const ops::EditResult grown = ops::addPoolMember(
            original, kPool,
            member(QStringLiteral("edge02.contoso.local"), QStringLiteral("172.25.33.11"),
                   {QStringLiteral("192.0.2.11"), QStringLiteral("192.0.2.21"),
                    QStringLiteral("192.0.2.31")},
                   {QStringLiteral("203.0.113.11"), QStringLiteral("203.0.113.21"),
                    QStringLiteral("203.0.113.31")}));
    QVERIFY2(grown.ok(), qPrintable(grown.error));
    // Removing either member leaves a valid one-server pool; removing the new one is an inverse.
    const ops::EditResult back = ops::removePoolMember(grown.topology, ServerId(grown.newId));
    QVERIFY2(back.ok(), qPrintable(back.error));
    QCOMPARE(back.topology, original);
    const ops::EditResult first
            = ops::removePoolMember(grown.topology, ServerId(QStringLiteral("edge01")));
    QVERIFY2(first.ok(), qPrintable(first.error));
    QCOMPARE(first.topology.pool(kPool)->servers.size(), 1);
    QCOMPARE(first.topology.pool(kPool)->servers.first().id.value(), QStringLiteral("edge02"));
    QVERIFY(!topologyfile::validate(first.topology).isError());
}

void TstTopologyOps::removeLastMemberRefused()
{
    const Topology t = topologyfile::defaultTopology();
    const ops::EditResult r = ops::removePoolMember(t, ServerId(QStringLiteral("edge01")));
    QVERIFY(!r.ok());
    QVERIFY2(r.error.contains(QStringLiteral("edge01.contoso.local is the only server of pool")),
             qPrintable(r.error));
    QVERIFY(!ops::removePoolMember(t, ServerId(QStringLiteral("nope"))).ok());
}

void TstTopologyOps::addPeer()
{
    const Topology t = topologyfile::defaultTopology();
    const ops::EditResult r = ops::addPeer(
            t, QStringLiteral("  Partner VPN (Fabrikam) "), PeerKind::InternalClients,
            {QStringLiteral("10.20.0.0/16"), QStringLiteral("2001:DB8::1")});
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.newId, QStringLiteral("partner-vpn-fabrikam"));
    const Peer *peer = r.topology.peer(PeerId(r.newId));
    QVERIFY(peer);
    QCOMPARE(peer->name, QStringLiteral("Partner VPN (Fabrikam)"));
    QCOMPARE(peer->kind, PeerKind::InternalClients);
    QCOMPARE(peer->addresses,
             (QStringList{QStringLiteral("10.20.0.0/16"), QStringLiteral("2001:db8::1")}));
    QCOMPARE(savedAndLoaded(r.topology), r.topology);

    // A name that gives an existing id gets a suffix.
    const ops::EditResult again
            = ops::addPeer(r.topology, QStringLiteral("Director"), PeerKind::Director, {});
    QVERIFY2(again.ok(), qPrintable(again.error));
    QCOMPARE(again.newId, QStringLiteral("director-2"));
    // Removing the added peer is an inverse.
    const ops::EditResult back = ops::removePeer(r.topology, PeerId(r.newId));
    QVERIFY2(back.ok(), qPrintable(back.error));
    QCOMPARE(back.topology, t);
}

void TstTopologyOps::addPeerRefused_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("addresses");
    QTest::addColumn<QString>("reason");
    QTest::newRow("no name") << QStringLiteral("  ") << QStringList() << QStringLiteral("name");
    QTest::newRow("bad address") << QStringLiteral("Partners")
                                 << QStringList{QStringLiteral("10.0.0.0/33")}
                                 << QStringLiteral("'10.0.0.0/33' is not an IP address or subnet");
    QTest::newRow("twice") << QStringLiteral("Partners")
                           << QStringList{QStringLiteral("10.0.0.1"), QStringLiteral("10.0.0.1")}
                           << QStringLiteral("10.0.0.1 is given twice");
}

void TstTopologyOps::addPeerRefused()
{
    QFETCH(QString, name);
    QFETCH(QStringList, addresses);
    QFETCH(QString, reason);
    const ops::EditResult r
            = ops::addPeer(topologyfile::defaultTopology(), name, PeerKind::RemoteUsers, addresses);
    QVERIFY(!r.ok());
    QVERIFY2(r.error.contains(reason), qPrintable(r.error));
}

void TstTopologyOps::removePeerTakesItsFlows()
{
    const Topology t = topologyfile::defaultTopology();
    const PeerId id(QStringLiteral("internet-services"));
    const auto flowsOf = [&](const Topology &topology) {
        return std::count_if(topology.flows.cbegin(), topology.flows.cend(),
                             [&](const Flow &f) { return f.from.peer == id || f.to.peer == id; });
    };
    QVERIFY(flowsOf(t) > 0);
    const ops::EditResult r = ops::removePeer(t, id);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY(!r.topology.peer(id));
    QCOMPARE(flowsOf(r.topology), 0);
    QCOMPARE(r.topology.flows.size(), t.flows.size() - flowsOf(t));
    QVERIFY(!topologyfile::validate(r.topology).isError());
}

void TstTopologyOps::removePeerRefused_data()
{
    QTest::addColumn<QString>("peer");
    QTest::addColumn<QString>("reason");
    QTest::newRow("next hop") << QStringLiteral("director")
                              << QStringLiteral("Director cannot be removed: it is the next hop "
                                                "of pool edge01.contoso.local");
    QTest::newRow("scenario hop") << QStringLiteral("internal-clients")
                                  << QStringLiteral("it is a hop of the scenario 'External A/V");
    QTest::newRow("scenarios") << QStringLiteral("remote-users")
                               << QStringLiteral("it is a hop of the scenarios 'Remote user "
                                                 "sign-in', ");
    QTest::newRow("unknown") << QStringLiteral("nope") << QStringLiteral("no peer 'nope'");
}

void TstTopologyOps::removePeerRefused()
{
    QFETCH(QString, peer);
    QFETCH(QString, reason);
    const ops::EditResult r = ops::removePeer(topologyfile::defaultTopology(), PeerId(peer));
    QVERIFY(!r.ok());
    QVERIFY2(r.error.contains(reason), qPrintable(r.error));
}

void TstTopologyOps::addressListSplitting()
{
    QCOMPARE(ops::splitAddressList(QStringLiteral(" 10.0.0.1,10.0.0.2 ;\n\n10.1.0.0/16  ")),
             (QStringList{QStringLiteral("10.0.0.1"), QStringLiteral("10.0.0.2"),
                          QStringLiteral("10.1.0.0/16")}));
    QVERIFY(ops::splitAddressList(QStringLiteral(" , \n")).isEmpty());
    QVERIFY(rules::serverAddressProblem(QStringLiteral("0.0.0.0"))
                    .contains(QStringLiteral("cannot")));
    QVERIFY(rules::fqdnProblem(QStringLiteral("edge_01.contoso.local"))
                    .contains(QStringLiteral("DNS")));
    QVERIFY(rules::fqdnProblem(QStringLiteral("edge01.contoso.local")).isEmpty());
}

QTEST_GUILESS_MAIN(TstTopologyOps)
#include "tst_topologyops.moc"
