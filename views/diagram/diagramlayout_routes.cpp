// The diagram layout: peers, flow routes and their lanes, labels, walls and zones.
#include "diagram/diagramlayout.h"

#include "diagram/detail/diagramlayout_p.h"

#include <algorithm>
#include <limits>

namespace edgemap {

using namespace metrics;

namespace {

int sideIndex(InterfaceSide side)
{
    return side == InterfaceSide::External ? 0 : 1;
}

// Peers of the Internet sit left of the external firewall; everyone else right of the internal.
int columnOf(Zone zone)
{
    return zone == Zone::Internet ? 0 : 1;
}

// Greedy interval colouring (the left-edge algorithm): the fewest lanes such that no two
// vertical segments in one lane overlap. `order` must be sorted by interval start.
template<class Top, class Bottom, class Assign>
int colour(const QList<qsizetype> &order, Top top, Bottom bottom, Assign assign)
{
    QList<qreal> laneEnds;
    for (qsizetype i : order) {
        qsizetype lane = 0;
        while (lane < laneEnds.size() && laneEnds.at(lane) + 6 >= top(i))
            ++lane;
        if (lane == laneEnds.size())
            laneEnds.append(0);
        laneEnds[lane] = bottom(i);
        assign(i, int(lane));
    }
    return int(laneEnds.size());
}

} // namespace

void DiagramLayoutBuilder::collectRoutes()
{
    for (const Flow &flow : m_topology.flows) {
        if (flow.from.kind == FlowEnd::Kind::Peer && flow.to.kind == FlowEnd::Kind::Peer) {
            if (m_topology.peer(flow.from.peer) && m_topology.peer(flow.to.peer))
                m_p2p.append({flow.id, flow.from.peer, flow.to.peer, 0});
            continue;
        }
        addSpecs(flow);
    }
}

// One route per server (and per matching listener or address) of the flow's pool end.
void DiagramLayoutBuilder::addSpecs(const Flow &flow)
{
    const bool outbound = flow.from.kind != FlowEnd::Kind::Peer;
    const FlowEnd &edge = outbound ? flow.from : flow.to;
    const FlowEnd &other = outbound ? flow.to : flow.from;
    const EdgePool *pool = m_topology.pool(edge.pool);
    if (other.kind != FlowEnd::Kind::Peer || !pool || !m_topology.peer(other.peer))
        return;
    const QString socket = socketLabel(flow.transport, flow.port, flow.portEnd);
    // A pool of several members is drawn once: its flows go to the shape, drawn from the first.
    const qsizetype servers = pool->servers.size() > 1 ? 1 : pool->servers.size();
    for (qsizetype s = 0; s < servers; ++s) {
        const EdgeServer &server = pool->servers.at(s);
        RouteSpec spec{flow.id, server.id, other.peer, -1, -1, outbound, InterfaceSide::External,
                       {},      -1};
        if (edge.kind == FlowEnd::Kind::Endpoint) {
            for (const Listener &l : server.listeners) {
                if (!l.hasEndpoint(edge.endpointKey) || !m_chipOfListener.contains(l.id.value()))
                    continue;
                spec.chip = m_chipOfListener.value(l.id.value());
                spec.side = m_out.chips.at(spec.chip).side;
                // The chip names its own socket; a flow to another port needs a label.
                const bool same = l.transport == flow.transport && l.port == flow.port;
                spec.socket = same ? QString() : socket;
                m_specs.append(spec);
            }
            continue;
        }
        for (const NetInterface &nic : server.interfaces) {
            for (const Address &address : nic.addresses) {
                if (!address.roles.contains(edge.role))
                    continue;
                spec.block = m_blockOfAddress.value(address.id.value(), -1);
                spec.side = nic.side;
                spec.socket = socket;
                if (spec.block >= 0)
                    m_specs.append(spec);
            }
        }
    }
}

qreal DiagramLayoutBuilder::anchorY(const RouteSpec &spec) const
{
    return spec.chip >= 0 ? m_out.chips.at(spec.chip).rect.center().y()
                          : m_out.blocks.at(spec.block).headerRect.center().y();
}

QPointF DiagramLayoutBuilder::anchor(const RouteSpec &spec, qreal dy) const
{
    const QRectF r
            = spec.chip >= 0 ? m_out.chips.at(spec.chip).rect : m_out.blocks.at(spec.block).rect;
    const qreal x = spec.side == InterfaceSide::External ? r.left() : r.right();
    return {x, anchorY(spec) + dy};
}

// Each peer as close as it can get to the middle of what it talks to, without overlapping the
// peers above it: short, mostly horizontal arrows.
void DiagramLayoutBuilder::placePeers(qreal top)
{
    QHash<QString, QPair<qreal, int>> sums; // peer id -> (sum of y, count)
    for (const RouteSpec &spec : m_specs) {
        auto &s = sums[spec.peer.value()];
        s.first += anchorY(spec);
        ++s.second;
    }
    struct Want
    {
        qsizetype index;
        qreal y;
    };
    QList<Want> columns[2];
    constexpr qreal kLast = std::numeric_limits<qreal>::max();
    for (qsizetype i = 0; i < m_topology.peers.size(); ++i) {
        const Peer &peer = m_topology.peers.at(i);
        const auto s = sums.value(peer.id.value(), {0, 0});
        const qreal want = s.second > 0 ? s.first / s.second - kPeerHeight / 2 : kLast;
        columns[columnOf(zoneOf(peer.kind))].append({i, want});
    }
    for (int c = 0; c < 2; ++c) {
        std::stable_sort(columns[c].begin(), columns[c].end(),
                         [](const Want &a, const Want &b) { return a.y < b.y; });
        qreal next = top;
        for (const Want &w : columns[c]) {
            const Peer &peer = m_topology.peers.at(w.index);
            const qreal y = w.y == kLast ? next : std::max(w.y, next);
            m_out.peers.append({peerKey(peer.id), peer.id, zoneOf(peer.kind),
                                QRectF(0, y, m_w.peer[c], kPeerHeight)});
            next = y + kPeerHeight + kPeerGap;
        }
    }
}

void DiagramLayoutBuilder::assignLanes()
{
    QHash<QString, qsizetype> peerBox;
    for (qsizetype i = 0; i < m_out.peers.size(); ++i)
        peerBox.insert(m_out.peers.at(i).peer.value(), i);
    QHash<QString, qsizetype> trunkOf;
    for (RouteSpec &spec : m_specs) {
        const QString key = QStringLiteral("%1|%2|%3")
                                    .arg(spec.peer.value())
                                    .arg(sideIndex(spec.side))
                                    .arg(spec.outbound);
        const qreal py = m_out.peers.at(peerBox.value(spec.peer.value())).rect.center().y();
        const qreal ay = anchorY(spec);
        auto it = trunkOf.constFind(key);
        if (it == trunkOf.cend()) {
            it = trunkOf.insert(key, m_trunks.size());
            m_trunks.append({spec.peer, spec.side, spec.outbound, py, py, 0});
        }
        Trunk &t = m_trunks[*it];
        t.top = std::min({t.top, ay, py});
        t.bottom = std::max({t.bottom, ay, py});
        spec.trunk = *it;
    }
    for (int side = 0; side < 2; ++side) {
        QList<qsizetype> order;
        for (qsizetype i = 0; i < m_trunks.size(); ++i)
            if (sideIndex(m_trunks.at(i).side) == side)
                order.append(i);
        std::stable_sort(order.begin(), order.end(), [this](qsizetype a, qsizetype b) {
            return m_trunks.at(a).top < m_trunks.at(b).top;
        });
        m_lanes[side] = colour(
                order, [this](qsizetype i) { return m_trunks.at(i).top; },
                [this](qsizetype i) { return m_trunks.at(i).bottom; },
                [this](qsizetype i, int lane) { m_trunks[i].lane = lane; });
    }
}

// Flows that need a label of their own (from an address, or to another port than the chip's)
// get one per anchor and direction; "TCP 53" and "UDP 53" become "TCP/UDP 53".
void DiagramLayoutBuilder::mergeLabels()
{
    QHash<QString, qsizetype> first;
    QHash<qsizetype, QList<QPair<QString, QString>>> parts; // spec -> (transports, ports)
    for (qsizetype i = 0; i < m_specs.size(); ++i) {
        const RouteSpec &spec = m_specs.at(i);
        if (spec.socket.isEmpty())
            continue;
        // One label per anchor and direction, whichever peers the flows go to: labels at one
        // anchor would otherwise be drawn on top of each other.
        const QString key
                = QStringLiteral("%1|%2|%3").arg(spec.chip).arg(spec.block).arg(spec.outbound);
        const qsizetype owner = first.value(key, i);
        first.insert(key, owner);
        const QString transport = spec.socket.section(QLatin1Char(' '), 0, 0);
        const QString ports = spec.socket.section(QLatin1Char(' '), 1);
        auto &list = parts[owner];
        const auto same = std::find_if(list.begin(), list.end(),
                                       [&](const auto &p) { return p.second == ports; });
        if (same == list.end())
            list.append({transport, ports});
        else if (!same->first.split(QLatin1Char('/')).contains(transport))
            same->first += QLatin1Char('/') + transport;
    }
    for (auto it = parts.cbegin(); it != parts.cend(); ++it) {
        QStringList lines;
        for (const auto &[transport, ports] : it.value())
            lines.append(transport + QLatin1Char(' ') + ports);
        const int side = sideIndex(m_specs.at(it.key()).side);
        for (const QString &line : lines)
            m_labelWidth[side]
                    = std::max(m_labelWidth[side], DiagramLayout::textWidth(line, 10, false) + 12);
        m_labels.insert(it.key(), lines);
    }
}

// Left to right: Internet peers, external wall, lanes, labels, pools, labels, lanes, internal
// wall, internal peers. Peer-to-peer lanes run on the outer side of each peer column.
void DiagramLayoutBuilder::placeColumns()
{
    buildPeerToPeer(false); // lane counts only; the points need the final x
    const qreal outerLeft = m_p2pLanes[0] * kLane;
    m_columnX[0] = outerLeft;
    m_wallX[0] = outerLeft + m_w.peerColumn(0);
    const qreal lanesLeft = kWall + 2 * kLaneMargin + std::max(0, m_lanes[0] - 1) * kLane;
    m_poolLeft = m_wallX[0] + lanesLeft + m_labelWidth[0];
    // Only the pools are placed yet (peers get their x below): move them into their column.
    translateLayout(m_out, QPointF(m_poolLeft, 0));
    m_poolRight = m_poolLeft + m_w.pool();
    m_wallX[1]
            = m_poolRight + m_labelWidth[1] + 2 * kLaneMargin + std::max(0, m_lanes[1] - 1) * kLane;
    m_columnX[1] = m_wallX[1] + kWall;
    for (DiagramLayout::PeerBox &p : m_out.peers) {
        const int c = columnOf(p.zone);
        p.rect.moveLeft(m_columnX[c] + kPeerMargin);
    }
}

void DiagramLayoutBuilder::buildRoutes()
{
    QHash<QString, qsizetype> peerBox;
    for (qsizetype i = 0; i < m_out.peers.size(); ++i)
        peerBox.insert(m_out.peers.at(i).peer.value(), i);
    for (qsizetype i = 0; i < m_specs.size(); ++i) {
        const RouteSpec &spec = m_specs.at(i);
        const int side = sideIndex(spec.side);
        const qreal dy = spec.outbound ? kOutboundOffset : 0;
        const QRectF peer = m_out.peers.at(peerBox.value(spec.peer.value())).rect;
        const QPointF end = anchor(spec, dy);
        const qreal lane = m_trunks.at(spec.trunk).lane * kLane;
        const qreal laneX = side == 0 ? m_wallX[0] + kWall + kLaneMargin + lane
                                      : m_wallX[1] - kLaneMargin - lane;
        const QPointF start(side == 0 ? peer.right() : peer.left(), peer.center().y() + dy);
        QPolygonF points{start, QPointF(laneX, start.y()), QPointF(laneX, end.y()), end};
        DiagramLayout::Route route;
        const QString target
                = spec.chip >= 0 ? m_out.chips.at(spec.chip).key : m_out.blocks.at(spec.block).key;
        route.key = QStringLiteral("route:%1|%2").arg(spec.flow.value(), target);
        route.flow = spec.flow;
        route.server = spec.server;
        const ElementRef edgeNode
                = spec.chip >= 0 ? ElementRef::listener(m_out.chips.at(spec.chip).listener)
                                 : ElementRef::address(m_out.blocks.at(spec.block).address);
        route.from = spec.outbound ? edgeNode : ElementRef::peer(spec.peer);
        route.to = spec.outbound ? ElementRef::peer(spec.peer) : edgeNode;
        route.outbound = spec.outbound;
        if (spec.outbound)
            std::reverse(points.begin(), points.end());
        route.points = points;
        if (const auto lines = m_labels.constFind(i); lines != m_labels.cend()) {
            route.label = lines->join(QLatin1Char('\n'));
            const qreal h = qreal(lines->size()) * DiagramLayout::kLabelLine;
            const qreal x = side == 0 ? m_poolLeft - m_labelWidth[0] : m_poolRight + 4;
            route.labelRect = QRectF(x, end.y() - h - 2, m_labelWidth[side] - 4, h);
        }
        m_out.routes.append(route);
    }
}

// Flows between two peers (the Director passing traffic to the Front End pool): run on the
// outer side of their column. Before placeColumns only the lanes are counted.
void DiagramLayoutBuilder::buildPeerToPeer(bool withRoutes)
{
    QHash<QString, QRectF> box;
    for (const DiagramLayout::PeerBox &p : m_out.peers)
        box.insert(p.peer.value(), p.rect);
    for (int c = 0; c < 2; ++c) {
        QList<qsizetype> order;
        for (qsizetype i = 0; i < m_p2p.size(); ++i)
            if (columnOf(zoneOf(m_topology.peer(m_p2p.at(i).from)->kind)) == c)
                order.append(i);
        const auto top = [&](qsizetype i) {
            return std::min(box.value(m_p2p.at(i).from.value()).center().y(),
                            box.value(m_p2p.at(i).to.value()).center().y());
        };
        const auto bottom = [&](qsizetype i) {
            return std::max(box.value(m_p2p.at(i).from.value()).center().y(),
                            box.value(m_p2p.at(i).to.value()).center().y());
        };
        std::stable_sort(order.begin(), order.end(),
                         [&](qsizetype a, qsizetype b) { return top(a) < top(b); });
        m_p2pLanes[c] = colour(order, top, bottom,
                               [this](qsizetype i, int lane) { m_p2p[i].lane = lane; });
    }
    if (!withRoutes)
        return;
    for (const PeerToPeer &p : m_p2p) {
        const QRectF a = box.value(p.from.value());
        const QRectF b = box.value(p.to.value());
        const bool left = columnOf(zoneOf(m_topology.peer(p.from)->kind)) == 0;
        const qreal x = left ? a.left() - 8 - p.lane * kLane : a.right() + 8 + p.lane * kLane;
        const qreal ax = left ? a.left() : a.right();
        const qreal bx = left ? b.left() : b.right();
        DiagramLayout::Route route;
        route.key = QStringLiteral("route:%1").arg(p.flow.value());
        route.flow = p.flow;
        route.from = ElementRef::peer(p.from);
        route.to = ElementRef::peer(p.to);
        route.points = QPolygonF({QPointF(ax, a.center().y()), QPointF(x, a.center().y()),
                                  QPointF(x, b.center().y()), QPointF(bx, b.center().y())});
        m_out.routes.append(route);
    }
}

void DiagramLayoutBuilder::buildFrame()
{
    qreal bottom = m_contentBottom;
    for (const DiagramLayout::PeerBox &p : m_out.peers)
        bottom = std::max(bottom, p.rect.bottom());
    bottom += kMargin;
    const qreal right = m_columnX[1] + m_w.peerColumn(1) + m_p2pLanes[1] * kLane;
    const Firewall walls[2] = {Firewall::External, Firewall::Internal};
    for (int c = 0; c < 2; ++c) {
        const QRectF rect(m_wallX[c], kTop - 10, kWall, bottom - kTop + 10);
        m_out.walls.append({wallKey(walls[c]), walls[c], rect, rect});
    }
    const qreal xs[4] = {0, m_wallX[0] + kWall, m_wallX[1] + kWall, right};
    const qreal ends[3] = {m_wallX[0], m_wallX[1], right};
    const Zone zones[3] = {Zone::Internet, Zone::Perimeter, Zone::Internal};
    for (int z = 0; z < 3; ++z) {
        const QRectF rect(xs[z], 0, ends[z] - xs[z], bottom);
        m_out.zones.append({zoneKey(zones[z]),
                            {},
                            zones[z],
                            rect,
                            QRectF(rect.left() + 8, 8, rect.width() - 16, 24)});
    }
    const qreal tables = layoutMemberTables(bottom);
    qreal wide = right;
    for (const DiagramLayout::MemberTable &t : m_out.memberTables)
        wide = std::max(wide, t.rect.right());
    m_out.bounds = QRectF(0, 0, wide, std::max(bottom, tables))
                           .adjusted(-kMargin, -kMargin, kMargin, kMargin);
}

} // namespace edgemap
