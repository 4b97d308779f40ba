#include "core/pathanalysis.h"
#include "core/templates.h"
#include "support/topologybuilder.h"

#include <QTest>
#include <QThread>

#include <algorithm>
#include <memory>
#include <vector>

using namespace edgemap;
using namespace Qt::StringLiterals;

namespace {

// An Edge pool of `members` with the historical public IM paths modelled (as when a user asks).
testing::TopologyBuilder edgePool(int members, NextHopKind nextHop = NextHopKind::Director,
                                  bool xmpp = false)
{
    testing::TopologyBuilder b;
    b.nextHop(nextHop).xmpp(xmpp).publicIm().members(members);
    return b;
}

Listener *findListener(Topology &t, const QString &id)
{
    for (EdgePool &p : t.pools)
        for (EdgeServer &s : p.servers)
            for (Listener &l : s.listeners)
                if (l.id.value() == id)
                    return &l;
    return nullptr;
}

QString nodeText(const PathNode &n)
{
    return n.kind == PathNode::Kind::Peer ? n.peer.value() : n.listener.value();
}

QStringList nodeIds(const Path &path)
{
    QStringList out;
    for (const PathStep &s : path)
        out.append(nodeText(s.node));
    return out;
}

// "remote-users > edge01-access-tcp-443 > ...": what the user sees highlighted, in order.
QString text(const Path &path)
{
    return nodeIds(path).join(u" > "_s);
}

QStringList texts(const QList<Path> &paths)
{
    QStringList out;
    for (const Path &p : paths)
        out.append(text(p));
    return out;
}

QString kindText(HopKind k)
{
    static const QStringList names{u"connect"_s, u"relay"_s, u"egress"_s, u"forward"_s};
    return names.value(static_cast<int>(k));
}

template<class IdList>
QStringList ids(const IdList &list)
{
    QStringList out;
    for (const auto &id : list)
        out.append(id.value());
    return out;
}

// "remote-users | a/b | c | director": one entry per hop, alternatives joined by '/'.
QString hopsText(const ResolvedScenario &r)
{
    QStringList hops;
    for (const ResolvedHop &h : r.hops)
        hops.append(h.kind == ScenarioHop::Kind::Endpoints ? ids(h.alternatives).join(u'/')
                                                           : h.peer.value());
    return hops.join(u" | "_s);
}

QStringList impactText(const QList<ScenarioImpact> &impacts)
{
    QStringList out;
    for (const ScenarioImpact &i : impacts)
        out.append(i.scenario.value() + u'@' + i.server.value() + u": "_s
                   + ids(i.brokenBy).join(u','));
    return out;
}

Address address(const QString &id, const QString &ip, AddressRole role)
{
    Address a;
    a.id = AddressId(id);
    a.ip = ip;
    a.roles = {role};
    return a;
}

FlowEnd peerEnd(const QString &id)
{
    FlowEnd e;
    e.peer = PeerId(id);
    return e;
}

FlowEnd endpointEnd(const QString &key) // on pool p1
{
    FlowEnd e;
    e.kind = FlowEnd::Kind::Endpoint;
    e.pool = PoolId(u"p1"_s);
    e.endpointKey = key;
    return e;
}

void addFlow(Topology &t, const FlowEnd &from, const FlowEnd &to)
{
    Flow f;
    f.id = FlowId(QString::number(t.flows.size()));
    f.from = from;
    f.to = to;
    t.flows.append(f);
}

// A tiny topology by hand: peers a, b, c; one server with an external listener (client SIP)
// and an internal one (internal SIP) that the catalog relays between.
Topology handBuilt()
{
    Topology t;
    t.peers = {Peer{PeerId(u"a"_s), PeerKind::RemoteUsers, u"A"_s, {}, {}},
               Peer{PeerId(u"b"_s), PeerKind::Director, u"B"_s, {}, {}},
               Peer{PeerId(u"c"_s), PeerKind::FrontEndPool, u"C"_s, {}, {}}};
    EdgeServer s;
    s.id = ServerId(u"s1"_s);
    s.interfaces = {NetInterface{InterfaceSide::Internal,
                                 {address(u"s1-int"_s, u"10.0.0.1"_s, AddressRole::Internal)}},
                    NetInterface{InterfaceSide::External,
                                 {address(u"s1-ext"_s, u"192.0.2.1"_s, AddressRole::Access)}}};
    Listener ext;
    ext.id = ListenerId(u"ext"_s);
    ext.address = AddressId(u"s1-ext"_s);
    ext.port = ext.portEnd = 443;
    ext.endpoints = {Endpoint{u"access-client-sip"_s, {}, {}, {}}};
    Listener in = ext;
    in.id = ListenerId(u"int"_s);
    in.address = AddressId(u"s1-int"_s);
    in.port = in.portEnd = 5061;
    in.endpoints = {Endpoint{u"access-internal-sip"_s, {}, {}, {}}};
    s.listeners = {ext, in};
    t.pools = {EdgePool{PoolId(u"p1"_s), {}, {}, LoadBalancing::None, {}, {s}}};
    const QString clientSip = u"access-client-sip"_s;
    addFlow(t, peerEnd(u"a"_s), endpointEnd(clientSip));
    addFlow(t, endpointEnd(clientSip), peerEnd(u"a"_s)); // straight back to the start
    addFlow(t, peerEnd(u"b"_s), endpointEnd(u"access-internal-sip"_s));
    addFlow(t, peerEnd(u"b"_s), peerEnd(u"c"_s));
    addFlow(t, peerEnd(u"c"_s), peerEnd(u"b"_s)); // a forwarding cycle
    ScenarioHop first{ScenarioHop::Kind::Peer, PeerId(u"a"_s), {}, u"sign in"_s};
    ScenarioHop external{ScenarioHop::Kind::Endpoints, {}, {u"access-client-sip"_s}, {}};
    ScenarioHop internal{ScenarioHop::Kind::Endpoints, {}, {u"access-internal-sip"_s}, {}};
    ScenarioHop nextHop{ScenarioHop::Kind::NextHop, {}, {}, {}};
    ScenarioHop last{ScenarioHop::Kind::Peer, PeerId(u"c"_s), {}, {}};
    t.scenarios = {
            Scenario{ScenarioId(u"s"_s), {}, {}, {first, external, internal, nextHop, last}, {}}};
    return t;
}

} // namespace

class TstPathAnalysis : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void chainsFromPeers_data();
    void chainsFromPeers();
    void hopKindsAlongSignIn();
    void pathsAreSimpleMaximalAndSorted();
    void peerWithoutEdgesStartsNoPath();
    void pathsThroughWebConferencing();
    void pathsScaleWithPoolMembers();
    void pathsThroughAgreesWithPathsFrom();
    void resolveOnOneServer_data();
    void resolveOnOneServer();
    void resolveOnEveryPoolMember();
    void resolveUnknownScenario();
    void impact_data();
    void impact();
    void scenariosBrokenByInternalSip();
    void disabledListenerBehavesAsDown();
    void disabledServiceBehavesAsDown();
    void handBuiltCyclesTerminate();
    void handBuiltResolveWithoutNextHop();
    void denseGraphIsBounded();
    void inputKeepsOnlyWhatItReads();
    void holdsNoReferenceToTheTopology();
    void builtOnceOnFirstQuery();
    void concurrentFirstQueriesAgree();

private:
    Topology m_single;   // one Edge, Director next hop, XMPP
    Topology m_pair;     // two pool members, Director next hop, XMPP
    Topology m_frontEnd; // one Edge, Front End pool as next hop, XMPP
};

void TstPathAnalysis::initTestCase()
{
    m_single = edgePool(1, NextHopKind::Director, true).build();
    m_pair = edgePool(2, NextHopKind::Director, true).build();
    m_frontEnd = edgePool(1, NextHopKind::FrontEnd, true).build();
}

void TstPathAnalysis::chainsFromPeers_data()
{
    QTest::addColumn<bool>("frontEndNextHop");
    QTest::addColumn<QString>("chain"); // starts at the peer whose paths are asked for
    const auto row = [](const char *name, const QString &chain, bool frontEndNextHop = false) {
        QTest::newRow(name) << frontEndNextHop << chain;
    };
    const QString signIn = u"remote-users > edge01-access-tcp-443 > edge01-int-tcp-5061"_s;
    row("remote sign-in via Director", signIn + u" > director > front-end"_s);
    row("remote sign-in, Front End next hop", signIn + u" > front-end"_s, true);
    row("federation", u"federated-partners > edge01-access-tcp-5061 > edge01-int-tcp-5061"
                      " > director > front-end"_s);
    row("public IM",
        u"public-im > edge01-access-tcp-5061 > edge01-int-tcp-5061 > director > front-end"_s);
    row("A/V over UDP",
        u"remote-users > edge01-av-udp-3478 > edge01-int-udp-3478 > internal-clients"_s);
    row("A/V over TCP",
        u"remote-users > edge01-av-tcp-443 > edge01-int-tcp-443 > internal-clients"_s);
    row("A/V, UDP outside, TCP inside",
        u"remote-users > edge01-av-udp-3478 > edge01-int-tcp-443 > internal-clients"_s);
    row("web conference join",
        u"remote-users > edge01-webconf-tcp-443 > edge01-int-tcp-8057 > front-end"_s);
    row("XMPP federation",
        u"xmpp-partners > edge01-access-tcp-5269 > edge01-int-tcp-23456 > front-end"_s);
    row("CMS replication", u"front-end > edge01-int-tcp-4443"_s);
    row("MRAS", u"front-end > edge01-int-tcp-5062"_s);
    row("Director to Front End", u"director > front-end"_s);
}

void TstPathAnalysis::chainsFromPeers()
{
    QFETCH(bool, frontEndNextHop);
    QFETCH(QString, chain);
    const PeerId peer(chain.section(u' ', 0, 0));
    const Topology &t = frontEndNextHop ? m_frontEnd : m_single;
    const QStringList paths = texts(PathAnalysis(t).pathsFrom(peer));
    // Paths are maximal, so the whole chain being a path also says it ends where it should.
    QVERIFY2(paths.contains(chain), qPrintable(paths.join(u'\n')));
}

void TstPathAnalysis::hopKindsAlongSignIn()
{
    const Topology &t = m_single;
    const PathAnalysis analysis(t);
    const QHash<QString, QStringList> expected{
            {u"remote-users > edge01-access-tcp-443 > edge01-int-tcp-5061 > director > front-end"_s,
             {u"relay"_s, u"egress"_s, u"forward"_s}},
            {u"remote-users > edge01-webconf-tcp-443 > edge01-int-tcp-8057 > front-end"_s,
             {u"relay"_s, u"egress"_s}}};
    int found = 0;
    for (const Path &p : analysis.pathsFrom(PeerId(u"remote-users"_s))) {
        if (!expected.contains(text(p)))
            continue;
        ++found;
        QStringList kinds;
        for (qsizetype i = 2; i < p.size(); ++i)
            kinds.append(kindText(p[i].via));
        QCOMPARE(kindText(p[1].via), u"connect"_s);
        QCOMPARE(kinds, expected.value(text(p)));
    }
    QCOMPARE(found, 2);
}

void TstPathAnalysis::pathsAreSimpleMaximalAndSorted()
{
    const Topology &t = m_pair;
    const PathAnalysis analysis(t);
    for (const Peer &peer : t.peers) {
        const QList<Path> paths = analysis.pathsFrom(peer.id);
        QStringList previous;
        for (const Path &p : paths) {
            QVERIFY(p.size() >= 2);
            QVERIFY(p.first().node == PathNode::ofPeer(peer.id));
            const QStringList nodes = nodeIds(p);
            QCOMPARE(QSet<QString>(nodes.cbegin(), nodes.cend()).size(), nodes.size());
            QVERIFY2(previous < nodes, qPrintable(text(p))); // sorted, no duplicates
            previous = nodes;
        }
        // No path is a proper prefix of another: each is extended as far as it goes.
        const QStringList all = texts(paths);
        for (const QString &a : all)
            for (const QString &b : all)
                QVERIFY2(a == b || !b.startsWith(a + u" > "_s), qPrintable(a));
    }
}

void TstPathAnalysis::peerWithoutEdgesStartsNoPath()
{
    const Topology &t = m_single;
    const PathAnalysis analysis(t);
    // DNS and CRL flows leave from an address role and so carry no inbound path.
    QVERIFY(analysis.pathsFrom(PeerId(u"internet-services"_s)).isEmpty());
    QVERIFY(analysis.pathsFrom(PeerId(u"no-such-peer"_s)).isEmpty());
}

void TstPathAnalysis::pathsThroughWebConferencing()
{
    const Topology &t = m_single;
    const QStringList paths
            = texts(PathAnalysis(t).pathsThrough(ListenerId(u"edge01-int-tcp-8057"_s)));
    const QStringList expected{
            u"front-end > edge01-int-tcp-8057"_s,
            u"remote-users > edge01-webconf-tcp-443 > edge01-int-tcp-8057 > front-end"_s};
    QCOMPARE(paths, expected);
}

void TstPathAnalysis::pathsScaleWithPoolMembers()
{
    // Traffic from outside stays on the server it entered: each member adds the same paths.
    const Topology twelve = edgePool(12, NextHopKind::Director, true).build();
    for (const QString &peer : {u"remote-users"_s, u"federated-partners"_s, u"xmpp-partners"_s}) {
        const auto single = PathAnalysis(m_single).pathsFrom(PeerId(peer));
        const auto pool = PathAnalysis(twelve).pathsFrom(PeerId(peer));
        QVERIFY(!single.isEmpty());
        QCOMPARE(pool.size(), 12 * single.size());
        for (const Path &p : pool) {
            const QString server = nodeIds(p).value(1).section(u'-', 0, 0);
            for (const PathStep &s : p)
                if (s.node.kind == PathNode::Kind::Listener)
                    QCOMPARE(s.node.listener.value().section(u'-', 0, 0), server);
        }
    }
}

void TstPathAnalysis::pathsThroughAgreesWithPathsFrom()
{
    const Topology &t = m_pair;
    const PathAnalysis analysis(t);
    QList<Path> all;
    for (const Peer &peer : t.peers)
        all += analysis.pathsFrom(peer.id);
    int nonEmpty = 0;
    for (const Listener *l : t.allListeners()) {
        QStringList expected;
        for (const Path &p : all)
            if (nodeIds(p).contains(l->id.value()))
                expected.append(text(p));
        QStringList actual = texts(analysis.pathsThrough(l->id));
        QVERIFY2(std::is_sorted(actual.cbegin(), actual.cend(),
                                [](const QString &a, const QString &b) {
                                    return a.split(u" > "_s) < b.split(u" > "_s);
                                }),
                 qPrintable(l->id.value()));
        expected.sort();
        actual.sort();
        QCOMPARE(actual, expected);
        nonEmpty += actual.isEmpty() ? 0 : 1;
    }
    QVERIFY(nonEmpty > 10); // the comparison is not vacuous
}

void TstPathAnalysis::resolveOnOneServer_data()
{
    QTest::addColumn<bool>("frontEndNextHop");
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QString>("hops");
    QTest::addColumn<QStringList>("required");
    const auto row = [](const QString &scenario, const QString &hops,
                        const QStringList &required = {}, bool frontEndNextHop = false) {
        QTest::newRow(qPrintable(scenario + (frontEndNextHop ? u" (FE next hop)"_s : QString())))
                << frontEndNextHop << scenario << hops << required;
    };
    const QString signIn = u"remote-users | edge01-access-tcp-443 | edge01-int-tcp-5061"_s;
    row(u"remote-sign-in"_s, signIn + u" | director | front-end"_s);
    row(u"remote-sign-in"_s, signIn + u" | front-end"_s, {}, true); // no duplicate FE hop
    row(u"federation"_s, u"federated-partners | edge01-access-tcp-5061 | edge01-int-tcp-5061"
                         " | director | front-end"_s);
    row(u"public-im"_s,
        u"public-im | edge01-access-tcp-5061 | edge01-int-tcp-5061 | director | front-end"_s);
    row(u"xmpp-federation"_s,
        u"xmpp-partners | edge01-access-tcp-5269 | edge01-int-tcp-23456 | front-end"_s);
    row(u"av-authentication"_s, u"front-end | edge01-int-tcp-5062"_s);
    row(u"external-av-call"_s,
        u"remote-users | edge01-av-udp-3478/edge01-av-tcp-443"
        " | edge01-int-udp-3478/edge01-int-tcp-443 | internal-clients"_s,
        {u"edge01-access-tcp-443"_s, u"edge01-int-tcp-5061"_s, u"edge01-int-tcp-5062"_s});
    row(u"web-conference-join"_s,
        u"remote-users | edge01-webconf-tcp-443 | edge01-int-tcp-8057 | front-end"_s,
        {u"edge01-access-tcp-443"_s, u"edge01-int-tcp-5061"_s});
    row(u"cms-replication"_s, u"front-end | edge01-int-tcp-4443"_s);
    row(u"centralized-logging"_s, u"front-end | edge01-int-tcp-50001-50003"_s);
}

void TstPathAnalysis::resolveOnOneServer()
{
    QFETCH(bool, frontEndNextHop);
    QFETCH(QString, scenario);
    QFETCH(QString, hops);
    QFETCH(QStringList, required);
    const Topology &t = frontEndNextHop ? m_frontEnd : m_single;
    const QList<ResolvedScenario> resolved = PathAnalysis(t).resolve(ScenarioId(scenario));
    QCOMPARE(resolved.size(), 1);
    QCOMPARE(resolved[0].scenario.value(), scenario);
    QCOMPARE(resolved[0].server.value(), u"edge01"_s);
    QCOMPARE(hopsText(resolved[0]), hops);
    QCOMPARE(ids(resolved[0].required), required);
}

void TstPathAnalysis::resolveOnEveryPoolMember()
{
    const Topology &t = m_pair;
    const auto resolved = PathAnalysis(t).resolve(ScenarioId(u"remote-sign-in"_s));
    QCOMPARE(resolved.size(), 2);
    QCOMPARE(resolved[0].server.value(), u"edge01"_s);
    QCOMPARE(resolved[1].server.value(), u"edge02"_s);
    QCOMPARE(
            hopsText(resolved[1]),
            u"remote-users | edge02-access-tcp-443 | edge02-int-tcp-5061 | director | front-end"_s);
    QVERIFY(resolved[1].hops[3].kind == ScenarioHop::Kind::NextHop);
    QVERIFY(resolved[1].hops[4].kind == ScenarioHop::Kind::Peer);
}

void TstPathAnalysis::resolveUnknownScenario()
{
    const Topology noXmpp = edgePool(1).build(); // the scenario is not in the topology
    const PathAnalysis analysis(noXmpp);
    QVERIFY(analysis.resolve(ScenarioId(u"xmpp-federation"_s)).isEmpty());
    QVERIFY(analysis.resolve(ScenarioId(u"no-such-scenario"_s)).isEmpty());
}

void TstPathAnalysis::impact_data()
{
    QTest::addColumn<int>("members");
    QTest::addColumn<QStringList>("down");
    QTest::addColumn<QStringList>("broken"); // "scenario@server: brokenBy,..."
    const auto row = [](const char *name, const QStringList &down, const QStringList &broken,
                        int members = 1) {
        QTest::newRow(name) << members << down << broken;
    };
    const auto brokenBy = [](const QStringList &scenarios, const QString &by) {
        QStringList out;
        for (const QString &s : scenarios)
            out.append(s + u'@' + by.section(u'-', 0, 0) + u": "_s + by);
        return out;
    };
    row("nothing down", {}, {});
    row("web conferencing 443", {u"edge01-webconf-tcp-443"_s},
        brokenBy({u"web-conference-join"_s}, u"edge01-webconf-tcp-443"_s));
    row("internal 5061", {u"edge01-int-tcp-5061"_s},
        brokenBy({u"remote-sign-in"_s, u"federation"_s, u"public-im"_s, u"external-av-call"_s,
                  u"web-conference-join"_s},
                 u"edge01-int-tcp-5061"_s));
    row("A/V UDP only: TCP still carries the call", {u"edge01-av-udp-3478"_s}, {});
    row("A/V UDP and TCP", {u"edge01-av-udp-3478"_s, u"edge01-av-tcp-443"_s},
        {u"external-av-call@edge01: edge01-av-udp-3478,edge01-av-tcp-443"_s});
    row("one pool member's Access 443", {u"edge02-access-tcp-443"_s},
        brokenBy({u"remote-sign-in"_s, u"external-av-call"_s, u"web-conference-join"_s},
                 u"edge02-access-tcp-443"_s),
        2);
    row("CMS replication 4443", {u"edge01-int-tcp-4443"_s},
        brokenBy({u"cms-replication"_s}, u"edge01-int-tcp-4443"_s));
}

void TstPathAnalysis::impact()
{
    QFETCH(int, members);
    QFETCH(QStringList, down);
    QFETCH(QStringList, broken);
    const Topology &t = members == 1 ? m_single : m_pair;
    QSet<ListenerId> downSet;
    for (const QString &id : down) {
        QVERIFY2(t.listener(ListenerId(id)), qPrintable(id));
        downSet.insert(ListenerId(id));
    }
    QCOMPARE(impactText(PathAnalysis(t).impact(downSet)), broken);
}

void TstPathAnalysis::scenariosBrokenByInternalSip()
{
    const Topology &t = m_single;
    const PathAnalysis analysis(t);
    QCOMPARE(ids(analysis.scenariosBrokenBy(ListenerId(u"edge01-int-tcp-5061"_s))),
             (QStringList{u"remote-sign-in"_s, u"federation"_s, u"public-im"_s,
                          u"external-av-call"_s, u"web-conference-join"_s}));
    QCOMPARE(ids(analysis.scenariosBrokenBy(ListenerId(u"edge01-int-tcp-5062"_s))),
             (QStringList{u"av-authentication"_s, u"external-av-call"_s}));
}

void TstPathAnalysis::disabledListenerBehavesAsDown()
{
    Topology t = m_single;
    const QString webConf = u"edge01-webconf-tcp-443"_s;
    Listener *l = findListener(t, webConf);
    QVERIFY(l);
    l->enabled = false;
    const PathAnalysis analysis(t);

    QCOMPARE(impactText(analysis.impact({})),
             QStringList{u"web-conference-join@edge01: edge01-webconf-tcp-443"_s});
    QCOMPARE(ids(analysis.scenariosBrokenBy(ListenerId(webConf))),
             QStringList{u"web-conference-join"_s});
    // Federation is not broken by the disabled listener's neighbour, nor does the disabled
    // listener's breakage get blamed on it.
    QCOMPARE(ids(analysis.scenariosBrokenBy(ListenerId(u"edge01-access-tcp-5061"_s))),
             (QStringList{u"federation"_s, u"public-im"_s}));
    QVERIFY(analysis.resolve(ScenarioId(u"web-conference-join"_s)).isEmpty());
    QVERIFY(analysis.pathsThrough(ListenerId(webConf)).isEmpty());
    QVERIFY(analysis.pathsThrough(ListenerId(u"edge01-int-tcp-8057"_s)).size() == 1);
    for (const Path &p : analysis.pathsFrom(PeerId(u"remote-users"_s)))
        QVERIFY2(!nodeIds(p).contains(webConf), qPrintable(text(p)));
}

void TstPathAnalysis::disabledServiceBehavesAsDown()
{
    // A listener of a disabled service is as inactive as a disabled listener: no path goes
    // through it, even though its own flag is still set.
    Topology t = m_single;
    const QString webConf = u"edge01-webconf-tcp-443"_s;
    const Listener *l = findListener(t, webConf);
    QVERIFY(l && l->enabled);
    const ServiceId service = l->service;
    QStringList ofService;
    for (const Listener *other : t.allListeners())
        if (other->service == service)
            ofService.append(other->id.value());
    for (Service &s : t.services)
        if (s.id == service)
            s.enabled = false;
    QVERIFY(!t.isActive(*l));
    const PathAnalysis analysis(t);

    QVERIFY(analysis.resolve(ScenarioId(u"web-conference-join"_s)).isEmpty());
    // Both of the service's listeners are down for the scenario, not only the one in front.
    QCOMPARE(impactText(analysis.impact({})),
             QStringList{
                     u"web-conference-join@edge01: edge01-webconf-tcp-443,edge01-int-tcp-8057"_s});
    for (const QString &id : ofService)
        QVERIFY2(analysis.pathsThrough(ListenerId(id)).isEmpty(), qPrintable(id));
    for (const Path &p : analysis.pathsFrom(PeerId(u"remote-users"_s)))
        for (const QString &id : ofService)
            QVERIFY2(!nodeIds(p).contains(id), qPrintable(text(p)));
}

void TstPathAnalysis::handBuiltCyclesTerminate()
{
    const PathAnalysis analysis(handBuilt());
    QCOMPARE(texts(analysis.pathsFrom(PeerId(u"a"_s))), QStringList{u"a > ext > int > b > c"_s});
    // b holds a connection into the internal listener, so traffic can leave through it; c
    // forwards back to b, which is already on the path.
    QCOMPARE(texts(analysis.pathsFrom(PeerId(u"b"_s))), (QStringList{u"b > c"_s, u"b > int"_s}));
    QCOMPARE(texts(analysis.pathsFrom(PeerId(u"c"_s))), QStringList{u"c > b"_s});
    QCOMPARE(texts(analysis.pathsThrough(ListenerId(u"int"_s))),
             (QStringList{u"a > ext > int > b > c"_s, u"b > int"_s}));
}

void TstPathAnalysis::handBuiltResolveWithoutNextHop()
{
    Topology t = handBuilt();
    PathAnalysis moved(t);
    const PathAnalysis analysis(std::move(moved));
    const auto resolved = analysis.resolve(ScenarioId(u"s"_s));
    QCOMPARE(resolved.size(), 1);
    QCOMPARE(hopsText(resolved[0]), u"a | ext | int | c"_s); // the pool has no next hop
    QCOMPARE(resolved[0].hops[0].label, u"sign in"_s);

    t.pools[0].nextHop = PeerId(u"c"_s); // next hop and final peer are the same: one hop
    QCOMPARE(hopsText(PathAnalysis(t).resolve(ScenarioId(u"s"_s)).value(0)),
             u"a | ext | int | c"_s);

    t.pools[0].servers[0].listeners[1].enabled = false;
    const PathAnalysis disabled(t);
    QVERIFY(disabled.resolve(ScenarioId(u"s"_s)).isEmpty());
    QCOMPARE(impactText(disabled.impact({})), QStringList{u"s@s1: int"_s});
    QCOMPARE(texts(disabled.pathsFrom(PeerId(u"a"_s))), QStringList{u"a > ext"_s});
}

void TstPathAnalysis::denseGraphIsBounded()
{
    // Every peer forwards to every other: the simple paths number in the billions.
    Topology t;
    for (int i = 0; i < 20; ++i)
        t.peers.append(Peer{PeerId(u"p%1"_s.arg(i, 2, 10, QLatin1Char('0'))), {}, {}, {}, {}});
    for (const Peer &a : std::as_const(t.peers))
        for (const Peer &b : std::as_const(t.peers))
            if (a.id != b.id)
                addFlow(t, peerEnd(a.id.value()), peerEnd(b.id.value()));
    const QList<Path> paths = PathAnalysis(t).pathsFrom(PeerId(u"p00"_s));
    QVERIFY(!paths.isEmpty());
    QVERIFY(paths.size() <= 10000);
    for (const Path &p : paths) {
        QVERIFY(p.size() <= 12);
        const QStringList nodes = nodeIds(p);
        QCOMPARE(QSet<QString>(nodes.cbegin(), nodes.cend()).size(), nodes.size());
    }
}

// What the analysis takes from a topology: names, addresses, ports and texts are not in it, so
// editing them keeps the analysis; an enabled flag is.
void TstPathAnalysis::inputKeepsOnlyWhatItReads()
{
    const Topology &t = m_pair;
    const Topology input = PathAnalysis::inputOf(t);
    QCOMPARE(input.pools.size(), t.pools.size());
    QCOMPARE(input.allListeners().size(), t.allListeners().size());
    QCOMPARE(input.flows.size(), t.flows.size());
    QCOMPARE(input.scenarios.size(), t.scenarios.size());
    QVERIFY(input.name.isEmpty());
    QCOMPARE(input.allListeners().first()->port, 0);
    QVERIFY(input.pools.first().servers.first().interfaces.first().addresses.first().ip.isEmpty());

    Topology renamed = t;
    renamed.name = u"Fabrikam"_s;
    renamed.peers[0].name = u"Someone else"_s;
    renamed.pools[0].servers[0].fqdn = u"edge-a.fabrikam.local"_s;
    renamed.pools[0].servers[0].interfaces[0].addresses[0].ip = u"10.9.9.9"_s;
    renamed.pools[0].servers[0].listeners[0].port += 1;
    renamed.pools[0].servers[0].listeners[0].portEnd += 1;
    renamed.scenarios[0].name = u"Renamed"_s;
    QCOMPARE(PathAnalysis::inputOf(renamed), input);
    const PathAnalysis analysis(t);
    QVERIFY(analysis.describes(renamed));
    QCOMPARE(texts(PathAnalysis(renamed).pathsFrom(PeerId(u"remote-users"_s))),
             texts(analysis.pathsFrom(PeerId(u"remote-users"_s))));

    Topology disabled = t;
    findListener(disabled, u"edge01-webconf-tcp-443"_s)->enabled = false;
    QVERIFY(!(PathAnalysis::inputOf(disabled) == input));
    QVERIFY(!analysis.describes(disabled));
}

// The analysis holds its own copy: the topology it was made from can change or go away.
void TstPathAnalysis::holdsNoReferenceToTheTopology()
{
    auto t = std::make_unique<Topology>(m_single);
    const PathAnalysis analysis(*t); // not built yet
    const Topology original = *t;
    findListener(*t, u"edge01-webconf-tcp-443"_s)->enabled = false;
    t.reset();
    QVERIFY(analysis.describes(original));
    QCOMPARE(ids(analysis.scenariosBrokenBy(ListenerId(u"edge01-webconf-tcp-443"_s))),
             QStringList{u"web-conference-join"_s});
}

void TstPathAnalysis::builtOnceOnFirstQuery()
{
    const PathAnalysis analysis(m_single);
    QVERIFY(!analysis.isBuilt());
    const PathAnalysis::GraphSize size = analysis.graphSize();
    QVERIFY(analysis.isBuilt());
    QVERIFY(size.vertices > 0 && size.edges > 0);
    QVERIFY(!analysis.resolve(ScenarioId(u"remote-sign-in"_s)).isEmpty());
    QCOMPARE(analysis.graphSize().edges, size.edges); // not built again
}

// The GUI and a worker may ask a shared analysis at once: one builds it, both get the answers
// a sequential analysis gives.
void TstPathAnalysis::concurrentFirstQueriesAgree()
{
    const PathAnalysis reference(m_pair);
    const QStringList paths = texts(reference.pathsFrom(PeerId(u"remote-users"_s)));
    const QStringList impact = impactText(reference.impact({ListenerId(u"edge02-int-tcp-5061"_s)}));
    for (int round = 0; round < 5; ++round) {
        const auto shared = std::make_shared<const PathAnalysis>(m_pair);
        QList<QStringList> pathResults(4);
        QList<QStringList> impactResults(4);
        std::vector<std::unique_ptr<QThread>> threads;
        for (int i = 0; i < 4; ++i)
            threads.emplace_back(QThread::create([&, i] {
                pathResults[i] = texts(shared->pathsFrom(PeerId(u"remote-users"_s)));
                impactResults[i]
                        = impactText(shared->impact({ListenerId(u"edge02-int-tcp-5061"_s)}));
            }));
        for (const auto &thread : threads)
            thread->start();
        for (const auto &thread : threads)
            QVERIFY(thread->wait(60000));
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(pathResults.at(i), paths);
            QCOMPARE(impactResults.at(i), impact);
        }
    }
}

QTEST_MAIN(TstPathAnalysis)
#include "tst_pathanalysis.moc"
