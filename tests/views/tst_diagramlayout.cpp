// The diagram layout: what it places for each template, that nothing overlaps, that flows do not
// cross chips, and that the same topology always gives the same picture.
#include "core/catalog.h"
#include "diagram/diagramlayout.h"
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
};

// What the layout must place, counted from the topology independently of the layout code.
Expected expected(const Topology &t)
{
    Expected e;
    for (const EdgePool &pool : t.pools) {
        for (const EdgeServer &s : pool.servers) {
            ++e.servers;
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
            ++e.routes;
            continue;
        }
        for (const EdgeServer &s : t.pool(edge.pool)->servers) {
            if (edge.kind == FlowEnd::Kind::Endpoint)
                e.routes += std::count_if(
                        s.listeners.cbegin(), s.listeners.cend(),
                        [&](const Listener &l) { return l.hasEndpoint(edge.endpointKey); });
            else
                for (const NetInterface &nic : s.interfaces)
                    for (const Address &a : nic.addresses)
                        e.routes += a.roles.contains(edge.role) ? 1 : 0;
        }
    }
    return e;
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
};

void TstDiagramLayout::counts_data()
{
    QTest::addColumn<Topology>("topology");
    QTest::newRow("three IPs") << build(params(1));
    QTest::newRow("single IP") << build(params(1, true));
    QTest::newRow("xmpp") << build(params(1, false, true));
    QTest::newRow("12-server pool") << build(params(12));
    QTest::newRow("two sites") << sites(2, 2);
    QTest::newRow("default") << topologyfile::defaultTopology();
}

void TstDiagramLayout::counts()
{
    QFETCH(Topology, topology);
    const DiagramLayout layout(topology, Catalog::builtIn());
    const Expected e = expected(topology);
    QCOMPARE(layout.zones.size(), 3);
    QCOMPARE(layout.walls.size(), 2);
    QCOMPARE(layout.pools.size(), topology.pools.size());
    QCOMPARE(layout.servers.size(), e.servers);
    QCOMPARE(layout.chips.size(), e.listeners);
    QCOMPARE(layout.blocks.size(), e.addresses);
    QCOMPARE(layout.peers.size(), topology.peers.size());
    QCOMPARE(layout.routes.size(), e.routes);
    // Every service with listeners on a server has its band there.
    qsizetype bands = 0;
    for (const EdgePool &p : topology.pools)
        for (const EdgeServer &s : p.servers)
            for (const Service &svc : topology.services)
                bands += std::any_of(s.listeners.cbegin(), s.listeners.cend(),
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
    // Readable at 1280x800 after fit: the diagram area there is about 980x420, so the picture is
    // height-bound; peers may take width (full names) as long as it stays under 1.5x that.
    // The internal DNS and Front End SIP flows add lanes on the internal side.
    QVERIFY2(layout.bounds.width() < 1300, qPrintable(QString::number(layout.bounds.width())));
    QVERIFY2(layout.bounds.height() < 800, qPrintable(QString::number(layout.bounds.height())));
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
    // Chips sit inside their server box.
    for (const auto &c : layout.chips) {
        const auto server = std::find_if(layout.servers.cbegin(), layout.servers.cend(),
                                         [&](const auto &s) { return s.server == c.server; });
        QVERIFY(server->rect.contains(c.rect));
    }
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
