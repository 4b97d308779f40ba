#pragma once

#include "core/topology.h"

#include <QList>
#include <QSet>
#include <QString>

#include <memory>
#include <variant>

namespace edgemap {

class Catalog;

// A node of a path: a peer or a concrete listener.
struct PathNode
{
    enum class Kind { Peer, Listener };
    Kind kind = Kind::Peer;
    PeerId peer;
    ListenerId listener;

    static PathNode ofPeer(const PeerId &id) { return {Kind::Peer, id, {}}; }
    static PathNode ofListener(const ListenerId &id) { return {Kind::Listener, {}, id}; }
    friend bool operator==(const PathNode &, const PathNode &) = default;
};

// How one node leads to the next.
enum class HopKind {
    Connect, // a peer opens a connection to a listener
    Relay,   // a service carries traffic from one of its listeners to another (same server)
    Egress,  // the listener's service talks on to a peer (opens the connection, or the peer
             // holds a standing connection into it, as each Front End does on 8057)
    Forward, // a peer passes traffic to another peer (Director to Front End pool)
};

struct PathStep
{
    PathNode node;
    HopKind via = HopKind::Connect; // how this node was reached; meaningless for the first
};

using Path = QList<PathStep>;

// A scenario resolved on one Edge server: each hop with the listeners (or peer) that carry it.
struct ResolvedHop
{
    ScenarioHop::Kind kind = ScenarioHop::Kind::Peer;
    PeerId peer;                    // for peer and next-hop hops
    QList<ListenerId> alternatives; // for endpoint hops: any one carries the hop
    QString label;
};

struct ResolvedScenario
{
    ScenarioId scenario;
    ServerId server;
    QList<ResolvedHop> hops;
    QList<ListenerId> required; // listeners needed besides the hops
};

// The impact of a set of listeners being down on one scenario and server.
struct ScenarioImpact
{
    ScenarioId scenario;
    ServerId server;
    QList<ListenerId> brokenBy; // the down listeners that break it
};

// Path analysis over a graph of peers and listeners built from a topology's flows and the
// catalog's relays. Boost.Graph stays inside pathanalysis.cpp; this interface speaks in ids.
//
// It reads only its input (inputOf()): the ids, the enabled flags, the endpoint keys, the
// interface sides, the flows' ends, the pools' next hops and the scenarios, never a name, an
// address or a port. It holds a copy of that input, never a reference into the topology it was
// made from, so it cannot dangle; and it describes every topology with the same input, so that
// an edit of anything else keeps it (Document keeps one per state and replaces it when an edit
// changes the input: affectsPathAnalysis()).
//
// Construction is cheap: the graph is built on the first query, once, by whichever thread asks
// first. All queries are const and thread-safe, so one instance is shared (std::shared_ptr<const
// PathAnalysis>) by the GUI and the workers that judge or export the same document state.
class PathAnalysis
{
public:
    explicit PathAnalysis(const Topology &topology);
    PathAnalysis(const Topology &topology, const Catalog &catalog);
    ~PathAnalysis();
    PathAnalysis(PathAnalysis &&) noexcept;
    PathAnalysis &operator=(PathAnalysis &&) noexcept;

    // Every inbound path a peer starts: through the Edge until no further hop exists.
    QList<Path> pathsFrom(const PeerId &peer) const;
    // Every path from any peer that passes through the listener, with its onward hops.
    QList<Path> pathsThrough(const ListenerId &listener) const;
    // The scenario's hop chain on every server that has all its endpoints; empty when the
    // scenario does not exist or applies to no server.
    QList<ResolvedScenario> resolve(const ScenarioId &scenario) const;
    // For each scenario and server, which of the `down` listeners break it (only broken ones
    // are returned). A hop breaks when all its alternatives are down; a required listener breaks
    // the scenario when it is down.
    QList<ScenarioImpact> impact(const QSet<ListenerId> &down) const;
    // Scenario ids broken by the given listener alone (for tooltips and "what breaks").
    QList<ScenarioId> scenariosBrokenBy(const ListenerId &listener) const;

    // The size of the graph underneath (relay hubs included): for tests that bound it.
    struct GraphSize
    {
        qsizetype vertices = 0;
        qsizetype edges = 0;
    };
    GraphSize graphSize() const;

    // The part of a topology the analysis reads, every other field left empty: two topologies
    // with equal inputs have the same analysis.
    static Topology inputOf(const Topology &topology);
    // Whether this is the analysis of `topology` (its input is the topology's): for tests and
    // assertions, as it compares whole inputs.
    bool describes(const Topology &topology) const;
    // Whether the graph has been built (by a query): for tests that check who built it.
    bool isBuilt() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace edgemap
