#include "core/catalog.h"
#include "core/templates.h"

#include <QSet>
#include <QTest>

using namespace edgemap;

namespace {

MemberParams member(int n, int externalIps = 3)
{
    MemberParams m;
    m.fqdn = QStringLiteral("edge%1.contoso.local").arg(n, 2, 10, QLatin1Char('0'));
    m.internalIp = QStringLiteral("172.25.33.%1").arg(10 + n);
    for (int i = 0; i < externalIps; ++i)
        m.externalIps.append(QStringLiteral("192.0.2.%1").arg(10 + n + 20 * i));
    m.avPublicIp = QStringLiteral("203.0.113.%1").arg(30 + n);
    return m;
}

TemplateParams pool(int members, int externalIps = 3)
{
    TemplateParams p;
    p.name = QStringLiteral("Contoso");
    p.product = Product::Lync2013;
    for (int i = 1; i <= members; ++i)
        p.members.append(member(i, externalIps));
    return p;
}

const Flow *flow(const Topology &t, const QString &id)
{
    for (const Flow &f : t.flows)
        if (f.id.value() == id)
            return &f;
    return nullptr;
}

} // namespace

class TstTemplates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void singleServer();
    void natAddressOnTheAvEdge();
    void twelveServerPool();
    void rejectsBadParameters_data();
    void rejectsBadParameters();
    void nextHopFrontEnd();
    void natOnEveryExternalAddress();
    void frontEndReachesEdgeSipWithDirector();
    void internalDnsIsOptional();
    void inboundMediaRangeOnlyForLync_data();
    void inboundMediaRangeOnlyForLync();
    void flowsCarryTheListenerPorts();
    void singleIpFlowsUseTheAlternatePorts();
    void secondSite();
    void portsAndEndpointsFromADeployment();
    void namedPeersForEachRole();
};

void TstTemplates::singleServer()
{
    const TemplateResult r = buildTopology(pool(1));
    QVERIFY2(r.ok(), qPrintable(r.error));
    const Topology &t = r.topology;
    QCOMPARE(t.name, QStringLiteral("Contoso"));
    QCOMPARE(t.pools.size(), 1);
    QCOMPARE(t.pools[0].servers.size(), 1);
    QCOMPARE(t.pools[0].loadBalancing, LoadBalancing::None);
    QCOMPARE(t.pools[0].nextHop.value(), QStringLiteral("director"));
    const EdgeServer &s = t.pools[0].servers[0];
    QCOMPARE(s.id.value(), QStringLiteral("edge01"));
    QCOMPARE(s.interfaces.size(), 2);
    QCOMPARE(s.interfaces[0].side, InterfaceSide::Internal);
    QCOMPARE(s.interfaces[1].addresses.size(), 3);
    QStringList peers;
    for (const Peer &p : t.peers)
        peers.append(p.id.value());
    // No public IM peer: Skype consumer connectivity is historical, off unless asked for.
    QCOMPARE(peers,
             (QStringList{QStringLiteral("remote-users"), QStringLiteral("federated-partners"),
                          QStringLiteral("av-peers"), QStringLiteral("internet-services"),
                          QStringLiteral("director"), QStringLiteral("front-end"),
                          QStringLiteral("internal-clients"), QStringLiteral("internal-dns")}));
    QStringList scenarios;
    for (const Scenario &sc : t.scenarios)
        scenarios.append(sc.id.value());
    QCOMPARE(scenarios,
             (QStringList{QStringLiteral("remote-sign-in"), QStringLiteral("federation"),
                          QStringLiteral("av-authentication"), QStringLiteral("external-av-call"),
                          QStringLiteral("web-conference-join"), QStringLiteral("cms-replication"),
                          QStringLiteral("centralized-logging")}));
}

void TstTemplates::natAddressOnTheAvEdge()
{
    const Topology t = buildTopology(pool(1)).topology;
    const Address *av = t.address(AddressId(QStringLiteral("edge01-av")));
    QVERIFY(av);
    QCOMPARE(av->ip, QStringLiteral("192.0.2.51"));
    QCOMPARE(av->natPublicIp, QStringLiteral("203.0.113.31"));
    QVERIFY(t.address(AddressId(QStringLiteral("edge01-access")))->natPublicIp.isEmpty());
}

// With NAT every external address is private and translated symmetrically: each keeps its own
// public address (M1, S3).
void TstTemplates::natOnEveryExternalAddress()
{
    TemplateParams p = pool(1);
    p.members[0].accessPublicIp = QStringLiteral("203.0.113.11");
    p.members[0].webConfPublicIp = QStringLiteral("203.0.113.21");
    p.sipDomains = {QStringLiteral("contoso.com"), QStringLiteral("fabrikam.com")};
    const TemplateResult r = buildTopology(p);
    QVERIFY2(r.ok(), qPrintable(r.error));
    const Topology &t = r.topology;
    QCOMPARE(t.address(AddressId(QStringLiteral("edge01-access")))->natPublicIp,
             QStringLiteral("203.0.113.11"));
    QCOMPARE(t.address(AddressId(QStringLiteral("edge01-webconf")))->natPublicIp,
             QStringLiteral("203.0.113.21"));
    QCOMPARE(t.address(AddressId(QStringLiteral("edge01-av")))->natPublicIp,
             QStringLiteral("203.0.113.31"));
    QCOMPARE(t.sipDomains, p.sipDomains);
    // Single IP: the one external address takes the one public address given.
    TemplateParams single = pool(1, 1);
    single.members[0].avPublicIp.clear();
    single.members[0].accessPublicIp = QStringLiteral("203.0.113.50");
    const Topology s = buildTopology(single).topology;
    QCOMPARE(s.address(AddressId(QStringLiteral("edge01-ext")))->natPublicIp,
             QStringLiteral("203.0.113.50"));
}

// Microsoft requires TCP 5061 both ways between the Edge's internal interface and the Front End
// pool(s) also when a Director is the next hop (M1, S3, M8); with the Front End pool as next hop
// its flows are the next hop's, not listed twice.
void TstTemplates::frontEndReachesEdgeSipWithDirector()
{
    const Topology t = buildTopology(pool(1)).topology;
    const Flow *in = flow(t, QStringLiteral("pool1/fe-sip-in"));
    QVERIFY(in);
    QCOMPARE(in->from.peer.value(), QStringLiteral("front-end"));
    QCOMPARE(in->to.endpointKey, QStringLiteral("access-internal-sip"));
    QCOMPARE(in->port, 5061);
    const Flow *out = flow(t, QStringLiteral("pool1/fe-sip-out"));
    QVERIFY(out);
    QCOMPARE(out->to.peer.value(), QStringLiteral("front-end"));
    QCOMPARE(out->port, 5061);
    QCOMPARE(flow(t, QStringLiteral("pool1/nexthop-sip-out"))->to.peer.value(),
             QStringLiteral("director"));
    TemplateParams fe = pool(1);
    fe.nextHop = NextHopKind::FrontEnd;
    const Topology t2 = buildTopology(fe).topology;
    QVERIFY(flow(t2, QStringLiteral("pool1/nexthop-sip-in")));
    QVERIFY(!flow(t2, QStringLiteral("pool1/fe-sip-in")));
    QVERIFY(!flow(t2, QStringLiteral("pool1/fe-sip-out")));
}

// The Edge resolves internal pools through internal DNS unless a HOSTS file lists them.
void TstTemplates::internalDnsIsOptional()
{
    const Topology t = buildTopology(pool(1)).topology;
    for (const char *id : {"pool1/internal-dns-tcp-out", "pool1/internal-dns-udp-out"}) {
        const Flow *f = flow(t, QString::fromLatin1(id));
        QVERIFY(f);
        QVERIFY(f->optional);
        QCOMPARE(f->port, 53);
        QCOMPARE(f->from.role, AddressRole::Internal);
        QCOMPARE(t.peer(f->to.peer)->kind, PeerKind::InternalDns);
        QVERIFY(f->purpose.contains(u"HOSTS"));
    }
    for (const Flow &f : t.flows)
        QVERIFY2(!f.purpose.contains(u"only connection the Edge opens inward"),
                 qPrintable(f.id.value()));
}

// Inbound 50000-59999 (OCS 2007 federation) is in the Lync 2010 and 2013 tables only.
void TstTemplates::inboundMediaRangeOnlyForLync_data()
{
    QTest::addColumn<int>("product");
    QTest::addColumn<bool>("expected");
    for (Product p : allProducts())
        QTest::newRow(qPrintable(keyOf(p)))
                << int(p) << (p == Product::Lync2010 || p == Product::Lync2013);
}

void TstTemplates::inboundMediaRangeOnlyForLync()
{
    QFETCH(int, product);
    QFETCH(bool, expected);
    TemplateParams p = pool(1);
    p.product = Product(product);
    const Topology t = buildTopology(p).topology;
    QCOMPARE(flow(t, QStringLiteral("pool1/ocs2007-media-in")) != nullptr, expected);
    QCOMPARE(flow(t, QStringLiteral("pool1/ocs2007-media-tcp-in")) != nullptr, expected);
}

void TstTemplates::twelveServerPool()
{
    TemplateParams p = pool(12);
    p.poolFqdn = QStringLiteral("edgepool.contoso.local");
    const TemplateResult r = buildTopology(p);
    QVERIFY2(r.ok(), qPrintable(r.error));
    const EdgePool &edgePool = r.topology.pools[0];
    QCOMPARE(edgePool.servers.size(), 12);
    QCOMPARE(edgePool.fqdn, QStringLiteral("edgepool.contoso.local"));
    QCOMPARE(edgePool.loadBalancing, LoadBalancing::Dns);
    QSet<QString> ids;
    for (const Listener *l : r.topology.allListeners())
        ids.insert(l->id.value());
    QCOMPARE(ids.size(), r.topology.allListeners().size());
    QCOMPARE(r.topology.allListeners().size(),
             12 * r.topology.pools[0].servers[0].listeners.size());
    // Flows are per pool (by endpoint key), so they do not multiply with the members.
    QCOMPARE(r.topology.flows.size(), buildTopology(pool(1)).topology.flows.size());
}

void TstTemplates::rejectsBadParameters_data()
{
    QTest::addColumn<TemplateParams>("params");
    QTest::addColumn<QString>("message");
    QTest::newRow("no member") << pool(0)
                               << QStringLiteral("a pool has 1 to 12 Edge servers, not 0");
    QTest::newRow("13 members") << pool(13)
                                << QStringLiteral("a pool has 1 to 12 Edge servers, not 13");
    TemplateParams badIp = pool(1);
    badIp.members[0].internalIp = QStringLiteral("172.25.33.300");
    QTest::newRow("bad IP") << badIp
                            << QStringLiteral("'172.25.33.300' is not an IPv4 or IPv6 address");
    TemplateParams twoIps = pool(1);
    twoIps.members[0].externalIps.removeLast();
    QTest::newRow("two external IPs") << twoIps << QStringLiteral("give one external IP");
    TemplateParams duplicate = pool(2);
    duplicate.members[1].internalIp = duplicate.members[0].internalIp;
    QTest::newRow("duplicate IP") << duplicate
                                  << QStringLiteral("address 172.25.33.11 is used twice");
    TemplateParams mixed = pool(2);
    mixed.members[1].externalIps = {QStringLiteral("192.0.2.99")};
    QTest::newRow("mixed layouts") << mixed << QStringLiteral("same external layout");
    TemplateParams xmpp2019 = pool(1);
    xmpp2019.product = Product::SfB2019;
    xmpp2019.xmpp = true;
    QTest::newRow("XMPP on 2019") << xmpp2019
                                  << QStringLiteral(
                                             "not available in Skype for Business Server 2019");
    TemplateParams v6on2010 = pool(1);
    v6on2010.product = Product::Lync2010;
    v6on2010.members[0].externalIps[2] = QStringLiteral("2001:db8::30");
    QTest::newRow("IPv6 on Lync 2010")
            << v6on2010
            << QStringLiteral("2001:db8::30 is an IPv6 address; the Edge supports IPv6 from Lync "
                              "Server 2013 on, not in Lync Server 2010");
    TemplateParams twoPublics = pool(1, 1);
    twoPublics.members[0].accessPublicIp = QStringLiteral("203.0.113.99");
    QTest::newRow("single IP, two public addresses")
            << twoPublics << QStringLiteral("one external address (single-IP layout) has one NAT");
    TemplateParams badDomain = pool(1);
    badDomain.sipDomains = {QStringLiteral("contoso.com"), QStringLiteral("contoso com")};
    QTest::newRow("bad SIP domain")
            << badDomain << QStringLiteral("SIP domain 'contoso com' is not a domain name");
    TemplateParams twiceDomain = pool(1);
    twiceDomain.sipDomains = {QStringLiteral("contoso.com"), QStringLiteral("Contoso.com")};
    QTest::newRow("SIP domain twice")
            << twiceDomain << QStringLiteral("SIP domain 'Contoso.com' is given twice");
}

void TstTemplates::rejectsBadParameters()
{
    QFETCH(TemplateParams, params);
    QFETCH(QString, message);
    const TemplateResult r = buildTopology(params);
    QVERIFY(!r.ok());
    QVERIFY2(r.error.contains(message), qPrintable(r.error));
}

void TstTemplates::nextHopFrontEnd()
{
    TemplateParams p = pool(1);
    p.nextHop = NextHopKind::FrontEnd;
    const Topology t = buildTopology(p).topology;
    QCOMPARE(t.pools[0].nextHop.value(), QStringLiteral("front-end"));
    QVERIFY(!t.peer(PeerId(QStringLiteral("director"))));
    const Flow *out = flow(t, QStringLiteral("pool1/nexthop-sip-out"));
    QVERIFY(out);
    QCOMPARE(out->to.peer.value(), QStringLiteral("front-end"));
    QVERIFY(!flow(t, QStringLiteral("pool1/director-sip")));
}

void TstTemplates::flowsCarryTheListenerPorts()
{
    const Topology t = buildTopology(pool(1)).topology;
    const Flow *remote = flow(t, QStringLiteral("pool1/remote-sip"));
    QVERIFY(remote);
    QCOMPARE(remote->firewall, Firewall::External);
    QCOMPARE(remote->port, 443);
    QCOMPARE(remote->protocol, QStringLiteral("SIP/TLS"));
    QCOMPARE(remote->to.endpointKey, QStringLiteral("access-client-sip"));
    const Flow *dns = flow(t, QStringLiteral("pool1/dns-udp-out"));
    QVERIFY(dns);
    QCOMPARE(dns->from.kind, FlowEnd::Kind::AddressRole);
    QCOMPARE(dns->from.role, AddressRole::Access);
    QCOMPARE(dns->transport, Transport::Udp);
    QCOMPARE(dns->port, 53);
    QVERIFY(flow(t, QStringLiteral("pool1/av-media-udp-out"))->optional); // Lync 2013 tables
    QVERIFY(!flow(t, QStringLiteral("pool1/xmpp-in")));                   // XMPP not enabled
    QVERIFY(!flow(t, QStringLiteral("pool1/skype-directory-out")));       // SfB 2015+ only
    TemplateParams sfb = pool(1);
    sfb.product = Product::SfB2015;
    const Topology t2015 = buildTopology(sfb).topology;
    QVERIFY(!flow(t2015, QStringLiteral("pool1/av-media-udp-out"))->optional);
    // Skype directory search is historical (Skype consumer retired 2025): only when asked for.
    QVERIFY(!flow(t2015, QStringLiteral("pool1/skype-directory-out")));
    QVERIFY(!flow(t2015, QStringLiteral("pool1/pic-sip-in")));
    QVERIFY(!t2015.peer(PeerId(QStringLiteral("public-im"))));
    QVERIFY(!t2015.scenario(ScenarioId(QStringLiteral("public-im"))));
    sfb.publicIm = true;
    const Topology withSkype = buildTopology(sfb).topology;
    QVERIFY(flow(withSkype, QStringLiteral("pool1/skype-directory-out")));
    QVERIFY(flow(withSkype, QStringLiteral("pool1/pic-sip-in")));
    QVERIFY(withSkype.peer(PeerId(QStringLiteral("public-im")))->name.contains(u"historical"));
    QVERIFY(withSkype.scenario(ScenarioId(QStringLiteral("public-im"))));
    // The A/V Edge's TCP 443 towards other A/V Edges leaves from the relay range (S4).
    const Flow *avTcpOut = flow(t, QStringLiteral("pool1/av-tcp-out"));
    QCOMPARE(avTcpOut->port, 443);
    QCOMPARE(avTcpOut->sourcePort, 50000);
    QCOMPARE(avTcpOut->sourcePortEnd, 59999);
}

void TstTemplates::singleIpFlowsUseTheAlternatePorts()
{
    const Topology t = buildTopology(pool(1, 1)).topology;
    QCOMPARE(flow(t, QStringLiteral("pool1/remote-sip"))->port, 5061);
    QCOMPARE(flow(t, QStringLiteral("pool1/webconf-in"))->port, 444);
    QCOMPARE(flow(t, QStringLiteral("pool1/av-tcp-in"))->port, 443);
    const Address *ext = t.address(AddressId(QStringLiteral("edge01-ext")));
    QVERIFY(ext);
    QCOMPARE(ext->roles.size(), 3);
    QCOMPARE(ext->natPublicIp, QStringLiteral("203.0.113.31"));
}

void TstTemplates::secondSite()
{
    Topology t = buildTopology(pool(2)).topology;
    TemplateParams site2 = pool(2);
    site2.site = QStringLiteral("Site 2");
    for (int i = 0; i < 2; ++i) {
        site2.members[i].internalIp = QStringLiteral("172.26.33.%1").arg(10 + i);
        site2.members[i].externalIps = {QStringLiteral("198.51.100.%1").arg(10 + i),
                                        QStringLiteral("198.51.100.%1").arg(20 + i),
                                        QStringLiteral("198.51.100.%1").arg(30 + i)};
    }
    QCOMPARE(addPool(t, site2, Catalog::builtIn()), QString());
    QCOMPARE(t.pools.size(), 2);
    QCOMPARE(t.pools[1].id.value(), QStringLiteral("pool2"));
    QCOMPARE(t.pools[1].site, QStringLiteral("Site 2"));
    // Same FQDNs as site 1: the ids are made unique.
    QCOMPARE(t.pools[1].servers[0].id.value(), QStringLiteral("edge01-2"));
    QVERIFY(flow(t, QStringLiteral("pool2/remote-sip")));
    QCOMPARE(t.scenarios.size(), buildTopology(pool(1)).topology.scenarios.size());
}

// An import gives the ports the deployment has (the listener and every flow to it follow) and
// the endpoints it does not have.
void TstTemplates::portsAndEndpointsFromADeployment()
{
    TemplateParams p = pool(1, 1);
    p.product = Product::SfB2015;
    p.ports.insert(QStringLiteral("av-external-turn-tcp"), PortChoice{442, 442});
    p.ports.insert(QStringLiteral("av-media-udp"), PortChoice{40000, 40999});
    p.leaveOut.insert(QStringLiteral("skype-search"));
    const TemplateResult r = buildTopology(p);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QStringList sockets;
    for (const Listener &l : r.topology.pools[0].servers[0].listeners) {
        QStringList keys;
        for (const Endpoint &e : l.endpoints)
            keys.append(e.key);
        sockets.append(socketLabel(l.transport, l.port, l.portEnd) + QLatin1Char(' ')
                       + keys.join(QLatin1Char('+')));
    }
    QVERIFY(sockets.contains(QStringLiteral("TCP 442 av-external-turn-tcp")));
    QVERIFY(sockets.contains(QStringLiteral("UDP 40000-40999 av-media-udp")));
    QVERIFY(sockets.contains(QStringLiteral("TCP 4443 cms-replication")));
    QCOMPARE(flow(r.topology, QStringLiteral("pool1/av-tcp-in"))->port, 442);
    QVERIFY(!flow(r.topology, QStringLiteral("pool1/skype-search-in")));
}

// An import's pools around the Edge: a Director as next hop, two Front End pools (each gets the
// Front End flows), a CMS pool and an XMPP gateway pool of their own.
void TstTemplates::namedPeersForEachRole()
{
    Topology t;
    t.product = Product::Lync2013;
    t.peers = {
            Peer{PeerId(QStringLiteral("dir")),
                 PeerKind::Director,
                 QStringLiteral("Director pool"),
                 {},
                 {}},
            Peer{PeerId(QStringLiteral("fe-a")),
                 PeerKind::FrontEndPool,
                 QStringLiteral("A"),
                 {},
                 {}},
            Peer{PeerId(QStringLiteral("fe-b")),
                 PeerKind::FrontEndPool,
                 QStringLiteral("B"),
                 {},
                 {}},
            Peer{PeerId(QStringLiteral("cms")), PeerKind::CmsMaster, QStringLiteral("CMS"), {}, {}},
            Peer{PeerId(QStringLiteral("xgw")),
                 PeerKind::FrontEndPool,
                 QStringLiteral("GW"),
                 {},
                 {}}};
    TemplateParams p = pool(1);
    p.xmpp = true;
    p.peers = PoolPeers{QStringLiteral("dir"),
                        {QStringLiteral("fe-a"), QStringLiteral("fe-b")},
                        QStringLiteral("cms"),
                        QStringLiteral("xgw")};
    t.services = catalogServices(t.product, Catalog::builtIn().features(t.product, {true, false}),
                                 Catalog::builtIn());
    QVERIFY(addPool(t, p, Catalog::builtIn()).isEmpty());
    QCOMPARE(t.pools[0].nextHop.value(), QStringLiteral("dir"));
    QCOMPARE(flow(t, QStringLiteral("pool1/nexthop-sip-in"))->from.peer.value(),
             QStringLiteral("dir"));
    QCOMPARE(flow(t, QStringLiteral("pool1/fe-sip-in"))->from.peer.value(), QStringLiteral("fe-a"));
    QCOMPARE(flow(t, QStringLiteral("pool1/fe-sip-in/fe-b"))->from.peer.value(),
             QStringLiteral("fe-b"));
    QCOMPARE(flow(t, QStringLiteral("pool1/webconf-psom-in/fe-b"))->port, 8057);
    QCOMPARE(flow(t, QStringLiteral("pool1/cms-in"))->from.peer.value(), QStringLiteral("cms"));
    QCOMPARE(flow(t, QStringLiteral("pool1/xmpp-gw-in"))->from.peer.value(), QStringLiteral("xgw"));
    QCOMPARE(flow(t, QStringLiteral("pool1/director-sip/fe-b"))->to.peer.value(),
             QStringLiteral("fe-b"));
    // The peers were the import's: none of the wizard's generic ones was added for these roles.
    QVERIFY(!t.peer(PeerId(QStringLiteral("director"))));
    QVERIFY(!t.peer(PeerId(QStringLiteral("front-end"))));
    for (const Scenario &s : t.scenarios)
        if (s.id.value() == QStringLiteral("xmpp-federation"))
            QCOMPARE(s.hops.last().peer.value(), QStringLiteral("xgw"));
}

QTEST_GUILESS_MAIN(TstTemplates)
#include "tst_templates.moc"
