#include "core/pathanalysis.h"

#include "core/catalog.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/reverse_graph.hpp>

#include <QHash>
#include <QPair>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace edgemap {

namespace {

// Bounds that keep a hostile or huge topology from hanging the analysis. A path has at most
// kMaxDepth nodes (the longest real chain has five); an enumeration stops after kMaxPaths paths.
constexpr qsizetype kMaxDepth = 12;
constexpr qsizetype kMaxPaths = 10000;

struct VertexData
{
    PathNode node;
    // A relay hub stands for "any listener of this server with one of these internal endpoints":
    // each relaying listener gets one edge to it instead of one edge to each such listener, which
    // on a server of n listeners would be up to n * n edges. Paths pass through a hub as one
    // Relay hop and never show it.
    bool hub = false;
};

struct EdgeData
{
    HopKind kind = HopKind::Connect;
};

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, VertexData,
                                    EdgeData>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;

struct Successor
{
    Vertex vertex;
    HopKind kind;
};

const QString &nodeId(const PathNode &node)
{
    return node.kind == PathNode::Kind::Peer ? node.peer.value() : node.listener.value();
}

bool nodeLess(const PathNode &a, const PathNode &b)
{
    if (const int c = nodeId(a).compare(nodeId(b)); c != 0)
        return c < 0;
    return a.kind < b.kind;
}

bool pathLess(const Path &a, const Path &b)
{
    return std::lexicographical_compare(
            a.cbegin(), a.cend(), b.cbegin(), b.cend(),
            [](const PathStep &x, const PathStep &y) { return nodeLess(x.node, y.node); });
}

bool pathContains(const Path &path, const PathNode &node)
{
    return std::any_of(path.cbegin(), path.cend(),
                       [&](const PathStep &s) { return s.node == node; });
}

template<class T>
void appendUnique(QList<T> &list, const T &value)
{
    if (!list.contains(value))
        list.append(value);
}

// Records every vertex a breadth-first search discovers.
class ReachVisitor : public boost::default_bfs_visitor
{
public:
    explicit ReachVisitor(std::vector<bool> *reached)
        : m_reached(reached)
    {}
    template<class G>
    void discover_vertex(Vertex v, const G &) const
    {
        (*m_reached)[v] = true;
    }

private:
    std::vector<bool> *m_reached;
};

} // namespace

struct PathAnalysis::Impl
{
    // What the analysis was made from, until the graph is built: the topology as given (its
    // containers are implicitly shared, so holding it costs no copy) and the catalog's relays.
    Topology source;
    QList<QPair<QString, QString>> relays;
    std::once_flag once;
    std::atomic<bool> built = false;

    // The built analysis: nothing below changes after build(), so that concurrent queries only
    // read. `topology` is inputOf(source), and owned: listenerData points into it.
    Topology topology;
    Graph graph;
    QHash<PeerId, Vertex> peers;
    QHash<ListenerId, Vertex> listeners;
    QHash<ListenerId, const Listener *> listenerData;
    QSet<ListenerId> disabled;
    QSet<QPair<Vertex, Vertex>> edgeSet;
    std::vector<std::vector<Successor>> successors; // sorted by node, for a deterministic walk

    // The impl with its graph built: every query goes through it, and only reads what it returns.
    const Impl &ensureBuilt();
    void build();
    void addVertices();
    void addEdge(Vertex from, Vertex to, HopKind kind);
    QList<Vertex> listenersOf(const FlowEnd &end) const;
    void addFlowEdges();
    void addRelayEdges();
    void addStandingConnections();
    void sortSuccessors();

    QList<Path> enumerateFrom(Vertex start) const;
    void extend(Vertex v, Path &current, std::vector<bool> &onPath, QList<Path> &out) const;

    std::optional<ResolvedScenario> resolveOn(const Scenario &scenario, const EdgePool &pool,
                                              const EdgeServer &server, bool includeDisabled) const;
    QList<ListenerId> listenersWithKeys(const EdgeServer &server, const QStringList &keys,
                                        bool includeDisabled) const;
    QList<ListenerId> brokenBy(const ResolvedScenario &resolved,
                               const QSet<ListenerId> &down) const;
};

const PathAnalysis::Impl &PathAnalysis::Impl::ensureBuilt()
{
    std::call_once(once, [this] { build(); });
    return *this;
}

void PathAnalysis::Impl::build()
{
    topology = PathAnalysis::inputOf(source);
    source = {};
    addVertices();
    addFlowEdges();
    addRelayEdges();
    addStandingConnections();
    sortSuccessors();
    edgeSet.clear();
    built.store(true, std::memory_order_release);
}

void PathAnalysis::Impl::addVertices()
{
    for (const Peer &p : topology.peers)
        peers.insert(p.id, boost::add_vertex(VertexData{PathNode::ofPeer(p.id)}, graph));
    for (const Listener *l : topology.allListeners()) {
        // Disabled listeners stay in the graph as vertices, but carry no edges and so no paths.
        listeners.insert(l->id, boost::add_vertex(VertexData{PathNode::ofListener(l->id)}, graph));
        listenerData.insert(l->id, l);
        if (!topology.isActive(*l))
            disabled.insert(l->id);
    }
}

void PathAnalysis::Impl::addEdge(Vertex from, Vertex to, HopKind kind)
{
    if (from == to || edgeSet.contains({from, to}))
        return;
    edgeSet.insert({from, to});
    boost::add_edge(from, to, EdgeData{kind}, graph);
}

// The active listeners (Topology::isActive) a flow end stands for: every listener with the endpoint
// key on every server of the pool.
QList<Vertex> PathAnalysis::Impl::listenersOf(const FlowEnd &end) const
{
    QList<Vertex> out;
    const EdgePool *pool = topology.pool(end.pool);
    if (!pool)
        return out;
    for (const EdgeServer &s : pool->servers)
        for (const Listener &l : s.listeners)
            if (topology.isActive(l) && l.hasEndpoint(end.endpointKey))
                out.append(listeners.value(l.id));
    return out;
}

void PathAnalysis::Impl::addFlowEdges()
{
    using K = FlowEnd::Kind;
    for (const Flow &f : topology.flows) {
        const bool fromPeer = f.from.kind == K::Peer && peers.contains(f.from.peer);
        const bool toPeer = f.to.kind == K::Peer && peers.contains(f.to.peer);
        if (fromPeer && f.to.kind == K::Endpoint) {
            for (Vertex l : listenersOf(f.to))
                addEdge(peers.value(f.from.peer), l, HopKind::Connect);
        } else if (f.from.kind == K::Endpoint && toPeer) {
            for (Vertex l : listenersOf(f.from))
                addEdge(l, peers.value(f.to.peer), HopKind::Egress);
        } else if (fromPeer && toPeer) {
            addEdge(peers.value(f.from.peer), peers.value(f.to.peer), HopKind::Forward);
        }
        // Flows from or to an address role (DNS, CRL, outbound A/V) carry no inbound path.
    }
}

// Each active listener with an external endpoint of a catalog relay leads, on the same server,
// to every active listener with the relay's internal endpoint. Listeners that relay to the same
// set of internal endpoints share one hub: edges grow with the listeners, not their square.
void PathAnalysis::Impl::addRelayEdges()
{
    for (const EdgePool &pool : topology.pools) {
        for (const EdgeServer &s : pool.servers) {
            QHash<QString, Vertex> hubs; // by the internal endpoint keys it leads to
            for (const Listener &from : s.listeners) {
                if (!topology.isActive(from))
                    continue;
                QStringList internals;
                for (const auto &[external, internal] : std::as_const(relays))
                    if (from.hasEndpoint(external) && !internals.contains(internal))
                        internals.append(internal);
                if (internals.isEmpty())
                    continue;
                internals.sort();
                const QString key = internals.join(QLatin1Char('\n'));
                auto hub = hubs.constFind(key);
                if (hub == hubs.cend()) {
                    hub = hubs.insert(key, boost::add_vertex(VertexData{{}, true}, graph));
                    for (const Listener &to : s.listeners)
                        if (topology.isActive(to)
                            && std::any_of(internals.cbegin(), internals.cend(),
                                           [&](const QString &k) { return to.hasEndpoint(k); }))
                            addEdge(hub.value(), listeners.value(to.id), HopKind::Relay);
                }
                addEdge(listeners.value(from.id), hub.value(), HopKind::Relay);
            }
        }
    }
}

// A peer that connects into an internal-side listener holds that connection open, and the Edge
// passes relayed traffic back over it: each Front End's connection to 8057 is how web conference
// data reaches it. So such a connection also leads from the listener to the peer.
void PathAnalysis::Impl::addStandingConnections()
{
    QList<QPair<Vertex, Vertex>> standing;
    for (const auto e : boost::make_iterator_range(boost::edges(graph))) {
        if (graph[e].kind != HopKind::Connect)
            continue;
        const Vertex to = boost::target(e, graph);
        const Listener *l = listenerData.value(graph[to].node.listener);
        if (l && topology.sideOfListener(*l) == InterfaceSide::Internal)
            standing.append({boost::source(e, graph), to});
    }
    for (const auto &[peer, listener] : standing)
        addEdge(listener, peer, HopKind::Egress);
}

void PathAnalysis::Impl::sortSuccessors()
{
    successors.assign(boost::num_vertices(graph), {});
    for (const Vertex v : boost::make_iterator_range(boost::vertices(graph))) {
        auto &next = successors[v];
        for (const auto e : boost::make_iterator_range(boost::out_edges(v, graph)))
            next.push_back({boost::target(e, graph), graph[e].kind});
        std::sort(next.begin(), next.end(), [&](const Successor &a, const Successor &b) {
            return nodeLess(graph[a.vertex].node, graph[b.vertex].node);
        });
    }
}

QList<Path> PathAnalysis::Impl::enumerateFrom(Vertex start) const
{
    QList<Path> out;
    Path current{PathStep{graph[start].node, HopKind::Connect}};
    std::vector<bool> onPath(boost::num_vertices(graph), false);
    onPath[start] = true;
    extend(start, current, onPath, out);
    return out;
}

// Depth-first over simple paths; a path is recorded when it cannot be extended. Traffic that
// reaches a peer other than the starting one only goes on by a Forward hop (Director to Front
// End): the peer's own connections into the Edge start its own paths, not this one's.
void PathAnalysis::Impl::extend(Vertex v, Path &current, std::vector<bool> &onPath,
                                QList<Path> &out) const
{
    const bool atOtherPeer = current.size() > 1 && graph[v].node.kind == PathNode::Kind::Peer;
    bool extended = false;
    // False once the path budget is spent.
    const auto visit = [&](const Successor &next) {
        if (out.size() >= kMaxPaths)
            return false;
        if (onPath[next.vertex] || (atOtherPeer && next.kind != HopKind::Forward))
            return true;
        extended = true;
        onPath[next.vertex] = true;
        current.append(PathStep{graph[next.vertex].node, next.kind});
        extend(next.vertex, current, onPath, out);
        current.removeLast();
        onPath[next.vertex] = false;
        return true;
    };
    if (current.size() < kMaxDepth) {
        for (const Successor &next : successors[v]) {
            if (!graph[next.vertex].hub) {
                if (!visit(next))
                    return;
                continue;
            }
            for (const Successor &relayed : successors[next.vertex])
                if (!visit(relayed))
                    return;
        }
    }
    if (!extended && current.size() > 1 && out.size() < kMaxPaths)
        out.append(current);
}

QList<ListenerId> PathAnalysis::Impl::listenersWithKeys(const EdgeServer &server,
                                                        const QStringList &keys,
                                                        bool includeDisabled) const
{
    QList<ListenerId> out;
    QSet<ListenerId> seen;
    for (const QString &key : keys)
        for (const Listener &l : server.listeners)
            if ((includeDisabled || topology.isActive(l)) && l.hasEndpoint(key)
                && !seen.contains(l.id)) {
                seen.insert(l.id);
                out.append(l.id);
            }
    return out;
}

std::optional<ResolvedScenario> PathAnalysis::Impl::resolveOn(const Scenario &scenario,
                                                              const EdgePool &pool,
                                                              const EdgeServer &server,
                                                              bool includeDisabled) const
{
    ResolvedScenario r{scenario.id, server.id, {}, {}};
    for (const ScenarioHop &hop : scenario.hops) {
        ResolvedHop resolved{hop.kind, hop.peer, {}, hop.label};
        if (hop.kind == ScenarioHop::Kind::NextHop) {
            if (pool.nextHop.isEmpty())
                continue;
            resolved.peer = pool.nextHop;
        } else if (hop.kind == ScenarioHop::Kind::Endpoints) {
            resolved.alternatives = listenersWithKeys(server, hop.endpointKeys, includeDisabled);
            if (resolved.alternatives.isEmpty())
                return std::nullopt;
        }
        // With the Front End pool as next hop, "next hop, then Front End" is one hop.
        ResolvedHop *last = r.hops.isEmpty() ? nullptr : &r.hops.last();
        if (last && last->kind != ScenarioHop::Kind::Endpoints
            && resolved.kind != ScenarioHop::Kind::Endpoints && last->peer == resolved.peer) {
            if (last->label.isEmpty())
                last->label = resolved.label;
            continue;
        }
        r.hops.append(resolved);
    }
    r.required = listenersWithKeys(server, scenario.requiredEndpoints, includeDisabled);
    return r;
}

// The down (or disabled) listeners that break a scenario resolved with disabled listeners
// included: every alternative of a hop whose alternatives are all down, and each down required
// listener. Empty when the scenario still works.
QList<ListenerId> PathAnalysis::Impl::brokenBy(const ResolvedScenario &resolved,
                                               const QSet<ListenerId> &down) const
{
    const auto isDown = [&](const ListenerId &id) {
        return down.contains(id) || disabled.contains(id);
    };
    QList<ListenerId> out;
    QSet<ListenerId> seen;
    const auto add = [&](const ListenerId &id) {
        if (!seen.contains(id)) {
            seen.insert(id);
            out.append(id);
        }
    };
    for (const ResolvedHop &hop : resolved.hops) {
        if (hop.kind != ScenarioHop::Kind::Endpoints
            || !std::all_of(hop.alternatives.cbegin(), hop.alternatives.cend(), isDown))
            continue;
        for (const ListenerId &id : hop.alternatives)
            add(id);
    }
    for (const ListenerId &id : resolved.required)
        if (isDown(id))
            add(id);
    return out;
}

PathAnalysis::PathAnalysis(const Topology &topology)
    : PathAnalysis(topology, Catalog::builtIn())
{}

PathAnalysis::PathAnalysis(const Topology &topology, const Catalog &catalog)
    : d(std::make_unique<Impl>())
{
    d->source = topology;
    d->relays = catalog.relays();
}

PathAnalysis::~PathAnalysis() = default;
PathAnalysis::PathAnalysis(PathAnalysis &&) noexcept = default;
PathAnalysis &PathAnalysis::operator=(PathAnalysis &&) noexcept = default;

QList<Path> PathAnalysis::pathsFrom(const PeerId &peer) const
{
    const Impl &g = d->ensureBuilt();
    const auto it = g.peers.constFind(peer);
    if (it == g.peers.cend())
        return {};
    QList<Path> paths = g.enumerateFrom(it.value());
    std::sort(paths.begin(), paths.end(), pathLess);
    return paths;
}

QList<Path> PathAnalysis::pathsThrough(const ListenerId &listener) const
{
    const Impl &g = d->ensureBuilt();
    const auto it = g.listeners.constFind(listener);
    if (it == g.listeners.cend() || g.disabled.contains(listener))
        return {};
    // Only peers that can reach the listener at all can start a path through it.
    std::vector<bool> reaches(boost::num_vertices(g.graph), false);
    boost::breadth_first_search(boost::make_reverse_graph(g.graph), it.value(),
                                boost::visitor(ReachVisitor(&reaches)));
    QList<PeerId> starts;
    for (auto p = g.peers.cbegin(); p != g.peers.cend(); ++p)
        if (reaches[p.value()])
            starts.append(p.key());
    std::sort(starts.begin(), starts.end());
    const PathNode node = PathNode::ofListener(listener);
    QList<Path> out;
    for (const PeerId &peer : std::as_const(starts)) {
        for (const Path &path : g.enumerateFrom(g.peers.value(peer))) {
            if (out.size() >= kMaxPaths)
                break;
            if (pathContains(path, node))
                out.append(path);
        }
    }
    std::sort(out.begin(), out.end(), pathLess);
    return out;
}

QList<ResolvedScenario> PathAnalysis::resolve(const ScenarioId &scenario) const
{
    const Impl &g = d->ensureBuilt();
    QList<ResolvedScenario> out;
    const Scenario *s = g.topology.scenario(scenario);
    if (!s)
        return out;
    for (const EdgePool &pool : g.topology.pools)
        for (const EdgeServer &server : pool.servers)
            if (auto r = g.resolveOn(*s, pool, server, false))
                out.append(std::move(*r));
    return out;
}

QList<ScenarioImpact> PathAnalysis::impact(const QSet<ListenerId> &down) const
{
    const Impl &g = d->ensureBuilt();
    QList<ScenarioImpact> out;
    for (const Scenario &s : g.topology.scenarios) {
        for (const EdgePool &pool : g.topology.pools) {
            for (const EdgeServer &server : pool.servers) {
                const auto r = g.resolveOn(s, pool, server, true);
                if (!r)
                    continue;
                if (QList<ListenerId> broken = g.brokenBy(*r, down); !broken.isEmpty())
                    out.append(ScenarioImpact{s.id, server.id, broken});
            }
        }
    }
    return out;
}

PathAnalysis::GraphSize PathAnalysis::graphSize() const
{
    const Impl &g = d->ensureBuilt();
    return {qsizetype(boost::num_vertices(g.graph)), qsizetype(boost::num_edges(g.graph))};
}

// Only what the analysis reads (Topology::isActive, sideOfListener, hasEndpoint and the lookups
// by id included); adding a field here is what makes an edit of it rebuild the analysis, and
// affectsPathAnalysis() must then say so (tst_document checks the two agree for every field).
Topology PathAnalysis::inputOf(const Topology &topology)
{
    Topology in;
    for (const Service &s : topology.services) {
        Service service;
        service.id = s.id;
        service.enabled = s.enabled;
        in.services.append(service);
    }
    for (const Peer &p : topology.peers) {
        Peer peer;
        peer.id = p.id;
        in.peers.append(peer);
    }
    for (const EdgePool &p : topology.pools) {
        EdgePool pool;
        pool.id = p.id;
        pool.nextHop = p.nextHop;
        for (const EdgeServer &s : p.servers) {
            EdgeServer server;
            server.id = s.id;
            for (const NetInterface &n : s.interfaces) {
                NetInterface nic;
                nic.side = n.side;
                for (const Address &a : n.addresses) {
                    Address address;
                    address.id = a.id;
                    nic.addresses.append(address);
                }
                server.interfaces.append(nic);
            }
            for (const Listener &l : s.listeners) {
                Listener listener;
                listener.id = l.id;
                listener.address = l.address;
                listener.service = l.service;
                listener.enabled = l.enabled;
                for (const Endpoint &e : l.endpoints)
                    listener.endpoints.append(Endpoint{e.key, {}, {}, {}});
                server.listeners.append(listener);
            }
            pool.servers.append(server);
        }
        in.pools.append(pool);
    }
    for (const Flow &f : topology.flows) {
        Flow flow;
        flow.from = f.from;
        flow.to = f.to;
        in.flows.append(flow);
    }
    for (const Scenario &s : topology.scenarios) {
        Scenario scenario;
        scenario.id = s.id;
        scenario.hops = s.hops; // their labels name the resolved hops
        scenario.requiredEndpoints = s.requiredEndpoints;
        in.scenarios.append(scenario);
    }
    return in;
}

bool PathAnalysis::describes(const Topology &topology) const
{
    return d->ensureBuilt().topology == inputOf(topology);
}

bool PathAnalysis::isBuilt() const
{
    return d->built.load(std::memory_order_acquire);
}

QList<ScenarioId> PathAnalysis::scenariosBrokenBy(const ListenerId &listener) const
{
    // Scenarios already broken by some other disabled listener are not this listener's doing.
    QList<ScenarioId> out;
    for (const ScenarioImpact &i : impact({listener}))
        if (i.brokenBy.contains(listener))
            appendUnique(out, i.scenario);
    return out;
}

} // namespace edgemap
