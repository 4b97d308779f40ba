#pragma once

#include "core/elementref.h"
#include "core/pathanalysis.h"
#include "diagram/diagramlook.h"
#include "snapshot/judgement.h"

#include <QHash>
#include <QList>
#include <QPair>
#include <QSet>
#include <QString>

namespace edgemap {

class DiagramLayout;

// What a highlight lights up on a DiagramLayout, by layout key: a peer's paths, a listener's
// paths (and, when it is down, the chains of the scenarios it breaks on its server), or a
// scenario's chain with numbered hop badges. View state computed from values: the scene maps
// the keys to its items, the exporter puts them in its DiagramLook.
class DiagramHighlighter
{
public:
    // Indexes the layout's chips, peers, routes and service bands; clears the highlight.
    void setLayout(const Topology &topology, const DiagramLayout &layout);

    // Each call replaces the previous highlight; nothing is lit when the element is not drawn.
    void highlightPeer(const PathAnalysis &analysis, const PeerId &peer);
    void highlightListener(const PathAnalysis &analysis, const ListenerId &listener, bool down);
    // With `verdicts`, a hop none of whose listeners is up (on a server) gets broken badges:
    // where the chain breaks.
    void highlightScenario(const PathAnalysis &analysis, const ScenarioId &scenario,
                           const QHash<ListenerId, ListenerVerdict> &verdicts = {});
    void clear();

    bool isEmpty() const { return m_highlighted.isEmpty() && m_badges.isEmpty(); }
    const QSet<QString> &highlighted() const { return m_highlighted; }
    // The numbered hops of a highlighted scenario, in the order they were pinned.
    const QList<HopBadge> &badges() const { return m_badges; }
    // Scenarios the highlighted listener breaks (set when it is down).
    const QList<ScenarioId> &brokenScenarios() const { return m_broken; }

    // The layout key of a listener's chip or a peer's box; empty when not drawn. A pool
    // member's listener is drawn on its pool's shared chip (and on its own when the member is
    // expanded: then that one); a peer of several site panels is in each (the first here).
    QString chipKey(const ListenerId &listener) const { return m_chipOf.value(listener).value(0); }
    QString peerBoxKey(const PeerId &peer) const { return m_peerOf.value(peer).value(0); }

private:
    void highlightPaths(const QList<Path> &paths);
    void highlightEdge(const ElementRef &from, const ElementRef &to);
    void addRoutes(const ElementRef &a, const ElementRef &b);
    void addResolved(const ResolvedScenario &resolved, bool numbered,
                     const QHash<ListenerId, ListenerVerdict> &verdicts = {});
    QStringList keysOf(const ElementRef &node) const;
    ElementRef drawnAs(const ElementRef &node) const;

    QHash<ListenerId, QStringList> m_chipOf;    // listener -> chip keys (own chip first)
    QHash<PeerId, QStringList> m_peerOf;        // peer -> box keys
    QHash<ListenerId, ServerId> m_serverOf;     // listener -> its server
    QHash<ListenerId, QStringList> m_serviceOf; // listener -> its service bands' keys
    QHash<ListenerId, ElementRef> m_addressOf;  // the address its flows are drawn from
    QHash<ListenerId, ListenerId> m_sharedAs;   // a pool member's listener -> the shape's

    QHash<QPair<ElementRef, ElementRef>, QStringList> m_routesBetween; // route keys

    QSet<QString> m_highlighted;
    QList<HopBadge> m_badges;
    QList<ScenarioId> m_broken;
};

} // namespace edgemap
