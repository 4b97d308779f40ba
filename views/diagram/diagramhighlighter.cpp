// DiagramHighlighter: paths, scenario chains (numbered) and the impact of a down listener, as
// the layout keys they light up.
#include "diagram/diagramhighlighter.h"

#include "diagram/diagramlayout.h"

#include <algorithm>

namespace edgemap {

namespace {

ElementRef nodeRef(const PathNode &node)
{
    return node.kind == PathNode::Kind::Peer ? ElementRef::peer(node.peer)
                                             : ElementRef::listener(node.listener);
}

QList<ElementRef> hopNodes(const ResolvedHop &hop)
{
    if (hop.kind != ScenarioHop::Kind::Endpoints)
        return {ElementRef::peer(hop.peer)};
    QList<ElementRef> nodes;
    for (const ListenerId &id : hop.alternatives)
        nodes.append(ElementRef::listener(id));
    return nodes;
}

} // namespace

void DiagramHighlighter::setLayout(const Topology &topology, const DiagramLayout &layout)
{
    clear();
    m_chipOf.clear();
    m_peerOf.clear();
    m_serverOf.clear();
    m_serviceOf.clear();
    m_addressOf.clear();
    m_sharedAs.clear();
    m_routesBetween.clear();
    QHash<ListenerId, AddressId> addresses; // Topology::listener() is a linear search
    for (const EdgePool &pool : topology.pools)
        for (const EdgeServer &server : pool.servers)
            for (const Listener &l : server.listeners) {
                addresses.insert(l.id, l.address);
                m_serverOf.insert(l.id, server.id);
            }
    // Own chips first (single servers, expanded members), then the pool shapes' shared chips.
    for (const DiagramLayout::Chip &c : layout.chips) {
        if (c.unexpected >= 0 || !c.members.isEmpty())
            continue;
        m_chipOf[c.listener].append(c.key);
        m_addressOf.insert(c.listener, ElementRef::address(addresses.value(c.listener)));
    }
    for (const DiagramLayout::Chip &c : layout.chips) {
        if (c.members.isEmpty())
            continue;
        const ElementRef address = ElementRef::address(addresses.value(c.listener));
        for (const ListenerId &member : c.members) {
            if (member.isEmpty())
                continue;
            m_chipOf[member].append(c.key);
            m_sharedAs.insert(member, c.listener);
            m_addressOf.insert(member, address); // the shape's flows start at its address
        }
    }
    for (const DiagramLayout::ServiceBand &b : layout.services)
        for (const ListenerId &id : b.listeners)
            m_serviceOf[id].append(b.key);
    for (auto it = m_sharedAs.cbegin(); it != m_sharedAs.cend(); ++it)
        if (it.key() != it.value())
            for (const QString &band : m_serviceOf.value(it.value()))
                if (band.contains(QStringLiteral("/shared/")))
                    m_serviceOf[it.key()].append(band);
    for (const DiagramLayout::PeerBox &p : layout.peers)
        m_peerOf[p.peer].append(p.key);
    for (const DiagramLayout::Route &r : layout.routes)
        m_routesBetween[{r.from, r.to}].append(r.key);
}

void DiagramHighlighter::clear()
{
    m_highlighted.clear();
    m_badges.clear();
    m_broken.clear();
}

void DiagramHighlighter::highlightPeer(const PathAnalysis &analysis, const PeerId &peer)
{
    clear();
    const QStringList keys = m_peerOf.value(peer);
    if (keys.isEmpty())
        return;
    for (const QString &key : keys)
        m_highlighted.insert(key);
    highlightPaths(analysis.pathsFrom(peer));
}

void DiagramHighlighter::highlightListener(const PathAnalysis &analysis, const ListenerId &listener,
                                           bool down)
{
    clear();
    const QStringList keys = m_chipOf.value(listener);
    if (keys.isEmpty())
        return;
    for (const QString &key : keys)
        m_highlighted.insert(key);
    highlightPaths(analysis.pathsThrough(listener));
    // A down listener also shows what it breaks: the chains of those scenarios on its server.
    if (down) {
        m_broken = analysis.scenariosBrokenBy(listener);
        const ServerId server = m_serverOf.value(listener);
        for (const ScenarioId &id : std::as_const(m_broken))
            for (const ResolvedScenario &r : analysis.resolve(id))
                if (r.server == server)
                    addResolved(r, false);
    }
}

void DiagramHighlighter::highlightScenario(const PathAnalysis &analysis, const ScenarioId &scenario,
                                           const QHash<ListenerId, ListenerVerdict> &verdicts)
{
    clear();
    for (const ResolvedScenario &r : analysis.resolve(scenario))
        addResolved(r, true, verdicts);
}

QStringList DiagramHighlighter::keysOf(const ElementRef &node) const
{
    if (const PeerId *peer = node.as<PeerId>())
        return m_peerOf.value(*peer);
    if (const ListenerId *listener = node.as<ListenerId>())
        return m_chipOf.value(*listener);
    return {};
}

// The node as the routes of the layout name it: a pool member's listener is drawn as the
// shape's (its first member's) listener.
ElementRef DiagramHighlighter::drawnAs(const ElementRef &node) const
{
    if (const ListenerId *listener = node.as<ListenerId>())
        if (const auto it = m_sharedAs.constFind(*listener); it != m_sharedAs.cend())
            return ElementRef::listener(*it);
    return node;
}

void DiagramHighlighter::highlightPaths(const QList<Path> &paths)
{
    for (const Path &path : paths) {
        for (qsizetype i = 0; i < path.size(); ++i) {
            for (const QString &key : keysOf(nodeRef(path.at(i).node)))
                m_highlighted.insert(key);
            if (i > 0)
                highlightEdge(nodeRef(path.at(i - 1).node), nodeRef(path.at(i).node));
        }
    }
}

void DiagramHighlighter::addRoutes(const ElementRef &from, const ElementRef &to)
{
    const ElementRef a = drawnAs(from);
    const ElementRef b = drawnAs(to);
    for (const QString &key : m_routesBetween.value({a, b}))
        m_highlighted.insert(key);
    for (const QString &key : m_routesBetween.value({b, a}))
        m_highlighted.insert(key);
}

// The routes drawn between two nodes (either direction; a listener also stands for flows the
// Edge opens from its address) and, between two listeners, the service bands that relay.
void DiagramHighlighter::highlightEdge(const ElementRef &from, const ElementRef &to)
{
    addRoutes(from, to);
    const ListenerId *fromListener = from.as<ListenerId>();
    const ListenerId *toListener = to.as<ListenerId>();
    if (fromListener && !toListener)
        addRoutes(m_addressOf.value(*fromListener), to);
    if (toListener && !fromListener)
        addRoutes(from, m_addressOf.value(*toListener));
    if (fromListener && toListener) {
        for (const ListenerId *id : {fromListener, toListener})
            for (const QString &band : m_serviceOf.value(*id))
                m_highlighted.insert(band);
    }
}

// One server's chain: its hops, the flows and relays between consecutive hops, the listeners it
// also needs, and (numbered) a badge with the hop's number on each element that carries it.
void DiagramHighlighter::addResolved(const ResolvedScenario &resolved, bool numbered,
                                     const QHash<ListenerId, ListenerVerdict> &verdicts)
{
    for (qsizetype i = 0; i < resolved.hops.size(); ++i) {
        const ResolvedHop &hop = resolved.hops.at(i);
        // Judged, and no listener that could carry the hop is up: the chain breaks here.
        const bool broken = hop.kind == ScenarioHop::Kind::Endpoints && !hop.alternatives.isEmpty()
                            && std::all_of(hop.alternatives.cbegin(), hop.alternatives.cend(),
                                           [&](const ListenerId &id) {
                                               const auto v = verdicts.constFind(id);
                                               return v != verdicts.cend() && isDown(v->status);
                                           });
        for (const ElementRef &node : hopNodes(hop)) {
            for (const QString &key : keysOf(node)) {
                m_highlighted.insert(key);
                if (!numbered)
                    continue;
                const int number = int(i) + 1;
                const auto same = [&](const HopBadge &b) {
                    return b.number == number && b.target == key;
                };
                // A pool's shape carries every member's hop: broken when it breaks on any.
                if (const auto it = std::find_if(m_badges.begin(), m_badges.end(), same);
                    it != m_badges.end()) {
                    it->broken = it->broken || broken;
                    continue;
                }
                const auto onItem
                        = std::count_if(m_badges.cbegin(), m_badges.cend(),
                                        [&](const HopBadge &b) { return b.target == key; });
                m_badges.append({number, key, int(onItem), broken});
            }
        }
        if (i == 0)
            continue;
        for (const ElementRef &a : hopNodes(resolved.hops.at(i - 1)))
            for (const ElementRef &b : hopNodes(hop))
                highlightEdge(a, b);
    }
    for (const ListenerId &id : resolved.required)
        for (const QString &key : m_chipOf.value(id))
            m_highlighted.insert(key);
}

} // namespace edgemap
