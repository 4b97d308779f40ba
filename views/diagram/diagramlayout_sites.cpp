// The diagram layout of several sites: one panel per site (its pools, and the peers and flows
// they have), in a grid whose shape is close to a landscape page, never one tall column.
#include "diagram/diagramlayout.h"

#include "diagram/detail/diagramlayout_p.h"

#include <QSet>

#include <algorithm>

namespace edgemap {

using namespace metrics;

namespace {

bool touchesPools(const FlowEnd &end, const QSet<QString> &pools)
{
    return end.kind != FlowEnd::Kind::Peer && pools.contains(end.pool.value());
}

// The site's part of the topology: its pools, the flows with an end in them, the peers those
// flows reach and the flows between those peers. `lonely` peers (in no flow) go to the first.
Topology siteTopology(const Topology &topology, const QString &site, bool withLonely)
{
    Topology part = topology;
    part.pools.clear();
    part.flows.clear();
    part.peers.clear();
    QSet<QString> pools;
    for (const EdgePool &pool : topology.pools)
        if (pool.site == site) {
            part.pools.append(pool);
            pools.insert(pool.id.value());
        }
    QSet<QString> peers;
    QSet<QString> inAnyFlow;
    for (const Flow &flow : topology.flows) {
        for (const FlowEnd *end : {&flow.from, &flow.to})
            if (end->kind == FlowEnd::Kind::Peer)
                inAnyFlow.insert(end->peer.value());
        if (!touchesPools(flow.from, pools) && !touchesPools(flow.to, pools))
            continue;
        part.flows.append(flow);
        for (const FlowEnd *end : {&flow.from, &flow.to})
            if (end->kind == FlowEnd::Kind::Peer)
                peers.insert(end->peer.value());
    }
    for (const Flow &flow : topology.flows)
        if (flow.from.kind == FlowEnd::Kind::Peer && flow.to.kind == FlowEnd::Kind::Peer
            && peers.contains(flow.from.peer.value()) && peers.contains(flow.to.peer.value()))
            part.flows.append(flow);
    for (const Peer &peer : topology.peers)
        if (peers.contains(peer.id.value()) || (withLonely && !inAnyFlow.contains(peer.id.value())))
            part.peers.append(peer);
    return part;
}

} // namespace

void DiagramLayoutBuilder::runSites(DiagramLayout &out, const Topology &topology,
                                    const Catalog &catalog, const Widths &widths,
                                    const DiagramLayout::UnexpectedByServer &unexpected,
                                    const DiagramLayout::Expanded &expanded)
{
    QStringList sites;
    for (const EdgePool &pool : topology.pools)
        if (!sites.contains(pool.site))
            sites.append(pool.site);
    QList<DiagramLayout> panels;
    qreal cellW = 0;
    qreal cellH = 0;
    for (const QString &site : std::as_const(sites)) {
        const Topology part = siteTopology(topology, site, panels.isEmpty());
        DiagramLayout panel;
        DiagramLayoutBuilder(panel, part, catalog, unexpected, expanded, widths).run();
        const QString suffix = QLatin1Char('@') + site;
        for (auto &z : panel.zones) {
            z.key += suffix;
            z.site = site;
        }
        for (auto &w : panel.walls)
            w.key += suffix;
        for (auto &p : panel.peers)
            p.key += suffix;
        for (auto &r : panel.routes)
            r.key += suffix;
        cellW = std::max(cellW, panel.bounds.width());
        cellH = std::max(cellH, panel.bounds.height());
        panels.append(panel);
    }
    // Side by side, or the grid that shows the panels largest on a wide screen (16:9, which
    // also suits a landscape page once the title block is under it): never one column.
    const int n = int(panels.size());
    int columns = n;
    qreal best = 0;
    for (int c = std::min(2, n); c <= n; ++c) {
        const int rows = (n + c - 1) / c;
        const qreal w = c * cellW + (c - 1) * kPanelGap;
        const qreal h = rows * cellH + (rows - 1) * kPanelGap;
        const qreal scale = std::min(16.0 / 9.0 / w, 1.0 / h);
        if (scale > best * (1 + 1e-9)) {
            best = scale;
            columns = c;
        }
    }
    for (int i = 0; i < n; ++i) {
        DiagramLayout &panel = panels[i];
        const QPointF at((i % columns) * (cellW + kPanelGap), (i / columns) * (cellH + kPanelGap));
        translateLayout(panel, at - panel.bounds.topLeft());
        out.zones += panel.zones;
        out.walls += panel.walls;
        out.pools += panel.pools;
        out.servers += panel.servers;
        out.blocks += panel.blocks;
        out.chips += panel.chips;
        out.services += panel.services;
        out.peers += panel.peers;
        out.routes += panel.routes;
        out.memberTables += panel.memberTables;
        out.memberRows += panel.memberRows;
        out.bounds = i == 0 ? panel.bounds : out.bounds.united(panel.bounds);
    }
}

} // namespace edgemap
