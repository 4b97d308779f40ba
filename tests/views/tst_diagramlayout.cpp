// The diagram layout: what it places for each template, that nothing overlaps, that flows do not
// cross chips, and that the same topology always gives the same picture.
#include "core/catalog.h"
#include "diagram/diagramlayout.h"
#include "export/diagramexporter.h"
#include "export/pagefit.h"
#include "io/topologyfile.h"
#include "support/tst_diagram_util.h"

#include <QTest>

using namespace edgemap;
using namespace edgemap::testing;
using namespace Qt::StringLiterals;

namespace {

struct Expected
{
    qsizetype servers = 0;
    qsizetype listeners = 0;
    qsizetype addresses = 0;
    qsizetype routes = 0;
    qsizetype members = 0;
    qsizetype peerRoutes = 0; // between two peers: in each site panel that has both
};

// What the layout must place, counted from the topology independently of the layout code. A
// pool of several members is drawn once (its first member's shape), with a member row each.
Expected expected(const Topology &t)
{
    Expected e;
    for (const EdgePool &pool : t.pools) {
        e.members += pool.servers.size() > 1 ? pool.servers.size() : 0;
        const qsizetype drawn = std::min<qsizetype>(pool.servers.size(), 1);
        for (qsizetype i = 0; i < drawn; ++i) {
            const EdgeServer &s = pool.servers.at(i);
            e.servers += pool.servers.size() > 1 ? 0 : 1;
            e.listeners += s.listeners.size();
            for (const NetInterface &nic : s.interfaces)
                e.addresses += nic.addresses.size();
            if (std::any_of(s.listeners.cbegin(), s.listeners.cend(),
                            [](const Listener &l) { return l.address.isEmpty(); }))
                ++e.addresses;
        }
    }
    for (const Flow &f : t.flows) {
        // Pool members reaching each other (both ends in the pool) are a firewall matrix fact,
        // not a route between a peer and the Edge.
        if (f.from.kind != FlowEnd::Kind::Peer && f.to.kind != FlowEnd::Kind::Peer)
            continue;
        const bool out = f.from.kind != FlowEnd::Kind::Peer;
        const FlowEnd &edge = out ? f.from : f.to;
        if (edge.kind == FlowEnd::Kind::Peer) {
            ++e.peerRoutes;
            continue;
        }
        const EdgePool *pool = t.pool(edge.pool);
        if (pool->servers.isEmpty())
            continue;
        const EdgeServer &s = pool->servers.first(); // once per pool
        if (edge.kind == FlowEnd::Kind::Endpoint)
            e.routes += std::count_if(
                    s.listeners.cbegin(), s.listeners.cend(),
                    [&](const Listener &l) { return l.hasEndpoint(edge.endpointKey); });
        else
            for (const NetInterface &nic : s.interfaces)
                for (const Address &a : nic.addresses)
                    e.routes += a.roles.contains(edge.role) ? 1 : 0;
    }
    return e;
}

qsizetype siteCount(const Topology &t)
{
    QSet<QString> sites;
    for (const EdgePool &p : t.pools)
        sites.insert(p.site);
    return sites.size();
}

QString overlapMessage(const QRectF &a, const QRectF &b, const QString &what)
{
    QString text;
    QDebug(&text) << what << a << b;
    return text;
}

void verifyNoOverlap(const QList<QRectF> &rects, const QString &what)
{
    for (qsizetype i = 0; i < rects.size(); ++i)
        for (qsizetype j = i + 1; j < rects.size(); ++j)
            QVERIFY2(!rects.at(i).intersects(rects.at(j)),
                     qPrintable(overlapMessage(rects.at(i), rects.at(j), what)));
}

// A thin rectangle around an axis-parallel segment.
QRectF segmentRect(const QPointF &a, const QPointF &b)
{
    return QRectF(a, b).normalized().adjusted(-0.01, -0.01, 0.01, 0.01);
}

} // namespace

class TstDiagramLayout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void counts_data();
    void counts();
    void defaultTopology();
    void noOverlap_data() { counts_data(); }
    void noOverlap();
    void routesDoNotCrossChips_data() { counts_data(); }
    void routesDoNotCrossChips();
    void stable();
    void unexpectedListeners();
    void serviceBandsLinkRelays();
    void poolMembersShareOneShape_data();
    void poolMembersShareOneShape();
    void expandedMemberIsDrawnInFull();
    void sitesSideBySide_data();
    void sitesSideBySide();
    void twinSocketsShareAChip();
    void sizeFitsScreenAndPage_data();
    void sizeFitsScreenAndPage();
};

void TstDiagramLayout::counts_data()
{
    QTest::addColumn<Topology>("topology");
    QTest::newRow("three IPs") << build(params(1));
    QTest::newRow("single IP") << build(params(1, true));
    QTest::newRow("xmpp") << build(params(1, false, true));
    QTest::newRow("2-server pool") << build(params(2));
    QTest::newRow("4-server pool") << build(params(4));
    QTest::newRow("4-server pool, single IP") << build(params(4, true));
    QTest::newRow("12-server pool") << build(params(12));
    QTest::newRow("12-server pool, single IP") << build(params(12, true));
    QTest::newRow("two sites") << sites(2, 2);
    QTest::newRow("three sites") << sites(3, 2);
    QTest::newRow("default") << topologyfile::defaultTopology();
}

void TstDiagramLayout::counts()
{
    QFETCH(Topology, topology);
    const DiagramLayout layout(topology, Catalog::builtIn());
    const Expected e = expected(topology);
    const qsizetype sites = siteCount(topology);
    QCOMPARE(layout.zones.size(), 3 * sites);
    QCOMPARE(layout.walls.size(), 2 * sites);
    QCOMPARE(layout.pools.size(), topology.pools.size());
    QCOMPARE(layout.servers.size(), e.servers);
    QCOMPARE(layout.chips.size(), e.listeners);
    QCOMPARE(layout.blocks.size(), e.addresses);
    QCOMPARE(layout.memberRows.size(), e.members);
    // Each peer is drawn, once per site panel at most.
    QSet<QString> peers;
    for (const auto &p : layout.peers)
        peers.insert(p.peer.value());
    QCOMPARE(peers.size(), topology.peers.size());
    QVERIFY(layout.peers.size() <= topology.peers.size() * sites);
    const qsizetype betweenPeers = std::count_if(
            layout.routes.cbegin(), layout.routes.cend(),
            [](const DiagramLayout::Route &r) { return r.from.as<PeerId>() && r.to.as<PeerId>(); });
    QCOMPARE(layout.routes.size() - betweenPeers, e.routes);
    if (sites == 1)
        QCOMPARE(betweenPeers, e.peerRoutes);
    else
        QVERIFY(betweenPeers >= e.peerRoutes);
    // Every service with listeners on a drawn server (or pool shape) has its band there.
    qsizetype bands = 0;
    for (const EdgePool &p : topology.pools)
        for (qsizetype i = 0; i < std::min<qsizetype>(p.servers.size(), 1); ++i)
            for (const Service &svc : topology.services)
                bands += std::any_of(p.servers.at(i).listeners.cbegin(),
                                     p.servers.at(i).listeners.cend(),
                                     [&](const Listener &l) { return l.service == svc.id; });
    QCOMPARE(layout.services.size(), bands);
    QVERIFY(layout.bounds.isValid());
}

void TstDiagramLayout::defaultTopology()
{
    const DiagramLayout layout(topologyfile::defaultTopology(), Catalog::builtIn());
    QCOMPARE(layout.servers.size(), 1);
    QCOMPARE(layout.chips.size(), 14);
    QCOMPARE(layout.blocks.size(), 4); // Access, Web Conferencing, A/V, internal
    QCOMPARE(layout.services.size(), 6);
    QCOMPARE(layout.peers.size(), 8); // A/V peers (Any) and internal DNS, no public IM
    // Columns: Internet peers left of the external wall, internal peers right of the internal.
    const qreal outer = layout.walls.at(0).rect.left();
    const qreal inner = layout.walls.at(1).rect.right();
    for (const DiagramLayout::PeerBox &p : layout.peers)
        QVERIFY(p.zone == Zone::Internet ? p.rect.right() < outer : p.rect.left() > inner);
    for (const DiagramLayout::Chip &c : layout.chips)
        QVERIFY(c.rect.left() > layout.walls.at(0).rect.right() && c.rect.right() < inner);
    // Its size budget is sizeFitsScreenAndPage's.
}

void TstDiagramLayout::noOverlap()
{
    QFETCH(Topology, topology);
    const DiagramLayout layout(topology, Catalog::builtIn());
    QList<QRectF> chips;
    for (const auto &c : layout.chips)
        chips.append(c.rect);
    verifyNoOverlap(chips, u"chips"_s);
    QList<QRectF> boxes;
    for (const auto &s : layout.servers)
        boxes.append(s.rect);
    for (const auto &p : layout.peers)
        boxes.append(p.rect);
    verifyNoOverlap(boxes, u"servers and peers"_s);
    QList<QRectF> bands;
    for (const auto &s : layout.services)
        bands.append(s.rect);
    bands += chips;
    verifyNoOverlap(bands, u"service bands and chips"_s);
    verifyNoOverlap(layout.textRects(), u"text"_s);
    // Chips sit inside their server box, a pool shape's inside its pool box.
    for (const auto &c : layout.chips) {
        const auto server = std::find_if(layout.servers.cbegin(), layout.servers.cend(),
                                         [&](const auto &s) { return s.server == c.server; });
        if (c.members.isEmpty()) {
            QVERIFY(server != layout.servers.cend());
            QVERIFY(server->rect.contains(c.rect));
        } else {
            QVERIFY(std::any_of(layout.pools.cbegin(), layout.pools.cend(), [&](const auto &p) {
                return p.shared && p.rect.contains(c.rect);
            }));
        }
    }
    // Member tables hold their rows, and sit apart from the zones and from each other.
    QList<QRectF> areas;
    for (const auto &z : layout.zones)
        areas.append(z.rect.adjusted(0.5, 0.5, -0.5, -0.5));
    for (const auto &t : layout.memberTables)
        areas.append(t.rect);
    verifyNoOverlap(areas, u"zones and member tables"_s);
    for (const auto &r : layout.memberRows)
        QVERIFY(std::any_of(
                layout.memberTables.cbegin(), layout.memberTables.cend(),
                [&](const auto &t) { return t.pool == r.pool && t.rect.contains(r.rect); }));
}

void TstDiagramLayout::routesDoNotCrossChips()
{
    QFETCH(Topology, topology);
    const DiagramLayout layout(topology, Catalog::builtIn());
    for (const DiagramLayout::Route &r : layout.routes) {
        QVERIFY(r.points.size() >= 2);
        for (qsizetype i = 1; i < r.points.size(); ++i) {
            const QRectF segment = segmentRect(r.points.at(i - 1), r.points.at(i));
            for (const DiagramLayout::Chip &c : layout.chips) {
                const ElementRef node = ElementRef::listener(c.listener);
                if (node == r.from || node == r.to)
                    continue;
                QVERIFY2(!segment.intersects(c.rect), qPrintable(r.key + u" crosses "_s + c.key));
            }
        }
    }
}

void TstDiagramLayout::stable()
{
    const Topology topology = sites(2, 3);
    const DiagramLayout a(topology, Catalog::builtIn());
    const DiagramLayout b(topology, Catalog::builtIn());
    QCOMPARE(a.bounds, b.bounds);
    QCOMPARE(a.chips.size(), b.chips.size());
    for (qsizetype i = 0; i < a.chips.size(); ++i) {
        QCOMPARE(a.chips.at(i).key, b.chips.at(i).key);
        QCOMPARE(a.chips.at(i).rect, b.chips.at(i).rect);
    }
    for (qsizetype i = 0; i < a.routes.size(); ++i) {
        QCOMPARE(a.routes.at(i).key, b.routes.at(i).key);
        QCOMPARE(a.routes.at(i).points, b.routes.at(i).points);
    }
    for (qsizetype i = 0; i < a.peers.size(); ++i)
        QCOMPARE(a.peers.at(i).rect, b.peers.at(i).rect);
    // Keys are unique: the scene reuses items by key.
    QSet<QString> keys;
    for (const auto &c : a.chips)
        keys.insert(c.key);
    for (const auto &r : a.routes)
        keys.insert(r.key);
    QCOMPARE(keys.size(), a.chips.size() + a.routes.size());
}

void TstDiagramLayout::unexpectedListeners()
{
    const Topology topology = topologyfile::defaultTopology();
    const ServerId server = topology.pools.at(0).servers.at(0).id;
    QList<UnexpectedListener> unexpected;
    unexpected.append({u"10.45.16.10"_s, Transport::Tcp, 8080, 100, u"evil.exe"_s}); // Access
    for (int port = 135; port < 145; ++port)
        unexpected.append({u"0.0.0.0"_s, Transport::Tcp, port, 4, u"System"_s});
    const DiagramLayout layout(topology, Catalog::builtIn(), {{server, unexpected}});
    QCOMPARE(layout.chips.size(), 14 + unexpected.size());
    const auto onAccess = std::find_if(layout.chips.cbegin(), layout.chips.cend(),
                                       [](const auto &c) { return c.unexpected == 0; });
    QVERIFY(onAccess != layout.chips.cend());
    QCOMPARE(onAccess->blockKey, u"block:edge01-access"_s);
    const auto grid = std::find_if(layout.blocks.cbegin(), layout.blocks.cend(),
                                   [](const auto &b) { return b.unexpectedOnly; });
    QVERIFY(grid != layout.blocks.cend());
    QCOMPARE(std::count_if(layout.chips.cbegin(), layout.chips.cend(),
                           [&](const auto &c) { return c.blockKey == grid->key; }),
             10);
    QList<QRectF> rects;
    for (const auto &c : layout.chips)
        rects.append(c.rect);
    verifyNoOverlap(rects, u"chips"_s);
    verifyNoOverlap(layout.textRects(), u"text"_s);
    // Another server's judgement places nothing.
    const DiagramLayout other(topology, Catalog::builtIn(), {{ServerId(u"nope"_s), unexpected}});
    QCOMPARE(other.chips.size(), 14);
}

void TstDiagramLayout::serviceBandsLinkRelays()
{
    const Topology topology = topologyfile::defaultTopology();
    const DiagramLayout layout(topology, Catalog::builtIn());
    const auto band = std::find_if(layout.services.cbegin(), layout.services.cend(),
                                   [](const auto &s) { return s.service.value() == u"RTCSRV"; });
    QVERIFY(band != layout.services.cend());
    QCOMPARE(band->listeners.size(), 3); // 443 and 5061 outside, 5061 inside
    QCOMPARE(band->links.size(), 3);
    // External chips link from the left of the band, internal ones from the right.
    int left = 0;
    for (const QPolygonF &link : band->links)
        left += link.first().x() < band->rect.left() ? 1 : 0;
    QCOMPARE(left, 2);
}

QTEST_MAIN(TstDiagramLayout)
#include "tst_diagramlayout.moc"

void TstDiagramLayout::poolMembersShareOneShape_data()
{
    QTest::addColumn<int>("members");
    QTest::addColumn<bool>("singleIp");
    for (int n : {2, 4, 12})
        for (bool single : {false, true})
            QTest::addRow("%d members, %s", n, single ? "single IP" : "three IPs") << n << single;
}

// Every chip of a pool's shape carries each member's listener of the same socket and role, in
// member order; the member table has a row per member with its own addresses.
void TstDiagramLayout::poolMembersShareOneShape()
{
    QFETCH(int, members);
    QFETCH(bool, singleIp);
    const Topology topology = build(params(members, singleIp));
    const EdgePool &pool = topology.pools.first();
    const DiagramLayout layout(topology, Catalog::builtIn());
    QVERIFY(layout.servers.isEmpty());
    QCOMPARE(layout.pools.size(), 1);
    QVERIFY(layout.pools.first().shared);
    QCOMPARE(layout.chips.size(), pool.servers.first().listeners.size());
    for (const DiagramLayout::Chip &c : layout.chips) {
        QCOMPARE(c.members.size(), members);
        const Listener *first = topology.listener(c.listener);
        for (int i = 0; i < members; ++i) {
            const ListenerId &id = c.members.at(i);
            QVERIFY2(!id.isEmpty(), qPrintable(c.key));
            const EdgeServer &server = pool.servers.at(i);
            const auto own = std::find_if(server.listeners.cbegin(), server.listeners.cend(),
                                          [&](const Listener &l) { return l.id == id; });
            QVERIFY2(own != server.listeners.cend(), qPrintable(id.value()));
            QCOMPARE(own->port, first->port);
            QCOMPARE(own->transport, first->transport);
            QCOMPARE(own->service, first->service);
        }
    }
    QCOMPARE(layout.memberTables.size(), 1);
    QCOMPARE(layout.memberRows.size(), members);
    for (int i = 0; i < members; ++i) {
        const DiagramLayout::MemberRow &row = layout.memberRows.at(i);
        const EdgeServer &server = pool.servers.at(i);
        QCOMPARE(row.server, server.id);
        QCOMPARE(row.cells.first(), server.fqdn);
        for (const NetInterface &nic : server.interfaces)
            for (const Address &a : nic.addresses)
                QVERIFY2(row.cells.join(u' ').contains(a.ip), qPrintable(a.ip));
        QCOMPARE(row.columnX.size(), layout.memberTables.first().titles.size() + 1);
    }
    // Flows are drawn once per pool: to the shape's chips and blocks only.
    for (const DiagramLayout::Route &r : layout.routes) {
        const ListenerId *l = r.to.as<ListenerId>();
        if (l)
            QVERIFY2(std::any_of(layout.chips.cbegin(), layout.chips.cend(),
                                 [&](const auto &c) { return c.listener == *l; }),
                     qPrintable(r.key));
    }
}

void TstDiagramLayout::expandedMemberIsDrawnInFull()
{
    const Topology topology = build(params(4));
    const EdgeServer &third = topology.pools.first().servers.at(2);
    const DiagramLayout collapsed(topology, Catalog::builtIn());
    const DiagramLayout layout(topology, Catalog::builtIn(), {}, {third.id});
    QCOMPARE(layout.servers.size(), 1);
    QCOMPARE(layout.servers.first().server, third.id);
    QVERIFY(layout.memberRows.at(2).expanded);
    QVERIFY(!layout.memberRows.at(1).expanded);
    // Its own chips, one per listener, inside its box, under the shape.
    qsizetype own = 0;
    for (const DiagramLayout::Chip &c : layout.chips) {
        if (!c.members.isEmpty())
            continue;
        ++own;
        QCOMPARE(c.server, third.id);
        QVERIFY(layout.servers.first().rect.contains(c.rect));
        QVERIFY(third.listeners.cend()
                != std::find_if(third.listeners.cbegin(), third.listeners.cend(),
                                [&](const Listener &l) { return l.id == c.listener; }));
    }
    QCOMPARE(own, third.listeners.size());
    QVERIFY(layout.pools.first().rect.contains(layout.servers.first().rect));
    QCOMPARE(layout.routes.size(), collapsed.routes.size()); // still once per pool
    QList<QRectF> chips;
    for (const auto &c : layout.chips)
        chips.append(c.rect);
    verifyNoOverlap(chips, u"chips"_s);
    verifyNoOverlap(layout.textRects(), u"text"_s);
}

void TstDiagramLayout::sitesSideBySide_data()
{
    QTest::addColumn<int>("siteCount");
    QTest::addColumn<int>("members");
    QTest::newRow("2 sites x 2 members") << 2 << 2;
    QTest::newRow("2 sites x 4 members") << 2 << 4;
    QTest::newRow("3 sites x 2 members") << 3 << 2;
}

// Site panels in a grid near a landscape page's shape: never one tall column, every panel with
// its own zones and walls, side by side without overlapping.
void TstDiagramLayout::sitesSideBySide()
{
    QFETCH(int, siteCount);
    QFETCH(int, members);
    const Topology topology = sites(siteCount, members);
    const DiagramLayout layout(topology, Catalog::builtIn());
    QCOMPARE(layout.zones.size(), 3 * siteCount);
    QVERIFY2(layout.bounds.width() > layout.bounds.height(),
             qPrintable(u"%1 x %2"_s.arg(layout.bounds.width()).arg(layout.bounds.height())));
    QVERIFY(layout.bounds.width() / layout.bounds.height() < 4.5); // two panels of about 1.9:1
    QSet<QString> zoneKeys;
    QList<QRectF> perimeters;
    for (const auto &z : layout.zones) {
        zoneKeys.insert(z.key);
        QVERIFY(!z.site.isEmpty());
        if (z.zone == Zone::Perimeter)
            perimeters.append(z.rect);
    }
    QCOMPARE(zoneKeys.size(), layout.zones.size());
    verifyNoOverlap(perimeters, u"site panels"_s);
    // Each pool sits in its own site's perimeter.
    for (const auto &p : layout.pools) {
        const EdgePool *pool = nullptr;
        for (const auto &candidate : topology.pools)
            if (candidate.id == p.pool)
                pool = &candidate;
        QVERIFY(pool);
        QVERIFY(std::any_of(layout.zones.cbegin(), layout.zones.cend(), [&](const auto &z) {
            return z.zone == Zone::Perimeter && z.site == pool->site && z.rect.contains(p.rect);
        }));
    }
    QSet<QString> keys;
    for (const auto &p : layout.peers)
        keys.insert(p.key);
    QCOMPARE(keys.size(), layout.peers.size());
}

// netstat lists a socket bound on all interfaces twice (0.0.0.0 and [::]): one chip.
void TstDiagramLayout::twinSocketsShareAChip()
{
    const Topology topology = topologyfile::defaultTopology();
    const ServerId server = topology.pools.at(0).servers.at(0).id;
    const QList<UnexpectedListener> unexpected{
            {u"0.0.0.0"_s, Transport::Tcp, 135, 880, u"svchost.exe"_s},
            {u"::"_s, Transport::Tcp, 135, 880, u"svchost.exe"_s},
            {u"0.0.0.0"_s, Transport::Tcp, 445, 4, u"System"_s},
            {u"0.0.0.0"_s, Transport::Udp, 135, 4, u"System"_s},
    };
    const DiagramLayout layout(topology, Catalog::builtIn(), {{server, unexpected}});
    QList<const DiagramLayout::Chip *> found;
    for (const auto &c : layout.chips)
        if (c.unexpected >= 0)
            found.append(&c);
    QCOMPARE(found.size(), 3);
    QCOMPARE(found.at(0)->unexpected, 0);
    QCOMPARE(found.at(0)->twins, QList<int>{1});
    QVERIFY(found.at(1)->twins.isEmpty());
    QVERIFY(found.at(2)->twins.isEmpty()); // UDP 135 is another socket
}

void TstDiagramLayout::sizeFitsScreenAndPage_data()
{
    QTest::addColumn<Topology>("topology");
    QTest::addColumn<qreal>("a4Points");
    // Measured with the exporter's own page areas (title block, legend and margins taken out):
    // one server prints at 6 pt or more (no warning); a pool of 4 at 5.8 pt and of 12 at 5.0 pt,
    // where `edgemap export` warns and suggests --tiles 2 (7.8-8.6 pt). Floors, to catch growth.
    QTest::newRow("default") << topologyfile::defaultTopology() << 6.0;
    QTest::newRow("4-server pool") << build(params(4)) << 5.6;
    QTest::newRow("12-server pool") << build(params(12)) << 4.8;
    QTest::newRow("12-server pool, single IP") << build(params(12, true)) << 4.8;
}

// The budget that keeps 10 px text legible on a 1366x768 screen with the panes hidden: at least
// 7 px in a 1340x600 view with the legend's column beside the diagram; and on one A4 page, the
// printed size the exporter computes.
void TstDiagramLayout::sizeFitsScreenAndPage()
{
    QFETCH(Topology, topology);
    QFETCH(qreal, a4Points);
    const DiagramLayout layout(topology, Catalog::builtIn());
    const QSizeF size = layout.bounds.size();
    const qreal screen = std::min((1340 - 176) / size.width(), 600 / size.height());
    QVERIFY2(screen * 10 >= 7,
             qPrintable(u"%1 x %2: %3 px"_s.arg(size.width()).arg(size.height()).arg(screen * 10)));
    const pagefit::Legibility paper = pagefit::legibility(
            layout.bounds, DiagramExporter::pageAreas(QPageSize::A4), 1, std::nullopt);
    qInfo("%.0f x %.0f: %.1f px on screen, %.1f pt on A4", size.width(), size.height(), screen * 10,
          paper.points);
    QVERIFY2(paper.points >= a4Points, qPrintable(u"%1 pt"_s.arg(paper.points)));
}
