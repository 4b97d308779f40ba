// DiagramScene: highlighting paths, scenario chains (numbered) and the impact of a down listener.
// All of it is view state: items are emphasised or dimmed, badges are overlay items.
#include "diagramscene.h"

#include "document.h"

namespace edgemap {

namespace {

QString nodeKey(const PathNode &node)
{
    return node.kind == PathNode::Kind::Peer ? DiagramLayout::peerNode(node.peer)
                                             : DiagramLayout::listenerNode(node.listener);
}

QStringList hopNodes(const ResolvedHop &hop)
{
    if (hop.kind != ScenarioHop::Kind::Endpoints)
        return {DiagramLayout::peerNode(hop.peer)};
    QStringList nodes;
    for (const ListenerId &id : hop.alternatives)
        nodes.append(DiagramLayout::listenerNode(id));
    return nodes;
}

} // namespace

void DiagramScene::highlightPeer(const PeerId &peer)
{
    clearHighlight();
    if (!m_peers.contains(peer.value()))
        return;
    m_highlighted.insert(m_peers.value(peer.value()));
    highlightPaths(m_analysis->pathsFrom(peer));
    applyEmphasis();
}

void DiagramScene::highlightListener(const ListenerId &listener)
{
    clearHighlight();
    ChipItem *chip = m_chips.value(listener.value());
    if (!chip)
        return;
    m_highlighted.insert(chip);
    highlightPaths(m_analysis->pathsThrough(listener));
    // A down listener also shows what it breaks: the chains of those scenarios on its server.
    if (isDown(chip->status())) {
        m_broken = m_analysis->scenariosBrokenBy(listener);
        const ServerId server = m_document.topology().serverOfListener(listener)->id;
        for (const ScenarioId &id : std::as_const(m_broken))
            for (const ResolvedScenario &r : m_analysis->resolve(id))
                if (r.server == server)
                    addResolved(r, false);
    }
    applyEmphasis();
}

void DiagramScene::highlightScenario(const ScenarioId &scenario)
{
    clearHighlight();
    for (const ResolvedScenario &r : m_analysis->resolve(scenario))
        addResolved(r, true);
    applyEmphasis();
}

void DiagramScene::clearHighlight()
{
    const bool had = !m_highlighted.isEmpty() || !m_badges.isEmpty();
    m_highlighted.clear();
    m_broken.clear();
    removeBadges();
    applyEmphasis();
    if (had)
        Q_EMIT highlightChanged();
}

QList<QPair<int, DiagramItem *>> DiagramScene::hopBadges() const
{
    return m_badgeTargets;
}

void DiagramScene::highlightPaths(const QList<Path> &paths)
{
    for (const Path &path : paths) {
        for (qsizetype i = 0; i < path.size(); ++i) {
            highlightNode(path.at(i).node);
            if (i > 0)
                highlightEdge(nodeKey(path.at(i - 1).node), nodeKey(path.at(i).node));
        }
    }
}

void DiagramScene::highlightNode(const PathNode &node)
{
    DiagramItem *item = nullptr;
    if (node.kind == PathNode::Kind::Peer)
        item = m_peers.value(node.peer.value());
    else
        item = m_chips.value(node.listener.value());
    if (item)
        m_highlighted.insert(item);
}

// The routes drawn between two nodes (either direction; a listener also stands for flows the
// Edge opens from its address) and, between two listeners, the service bands that relay.
void DiagramScene::highlightEdge(const QString &from, const QString &to)
{
    const auto addRoutes = [this](const QString &a, const QString &b) {
        for (RouteItem *r : m_routesBetween.value(a + u'|' + b))
            m_highlighted.insert(r);
        for (RouteItem *r : m_routesBetween.value(b + u'|' + a))
            m_highlighted.insert(r);
    };
    addRoutes(from, to);
    const QString prefix = QStringLiteral("listener:");
    const bool fromListener = from.startsWith(prefix);
    const bool toListener = to.startsWith(prefix);
    if (fromListener && !toListener)
        addRoutes(m_addressOf.value(from.mid(prefix.size())), to);
    if (toListener && !fromListener)
        addRoutes(from, m_addressOf.value(to.mid(prefix.size())));
    if (fromListener && toListener) {
        if (ServiceItem *s = m_serviceOf.value(from.mid(prefix.size())))
            m_highlighted.insert(s);
        if (ServiceItem *s = m_serviceOf.value(to.mid(prefix.size())))
            m_highlighted.insert(s);
    }
}

QList<DiagramItem *> DiagramScene::hopItems(const ResolvedHop &hop) const
{
    QList<DiagramItem *> items;
    for (const QString &node : hopNodes(hop)) {
        const QString id = node.section(u':', 1);
        DiagramItem *item = node.startsWith(QStringLiteral("peer:"))
                                    ? static_cast<DiagramItem *>(m_peers.value(id))
                                    : m_chips.value(id);
        if (item)
            items.append(item);
    }
    return items;
}

// One server's chain: its hops, the flows and relays between consecutive hops, the listeners it
// also needs, and (numbered) a badge with the hop's number on each item that carries it.
void DiagramScene::addResolved(const ResolvedScenario &resolved, bool numbered)
{
    for (qsizetype i = 0; i < resolved.hops.size(); ++i) {
        const ResolvedHop &hop = resolved.hops.at(i);
        for (DiagramItem *item : hopItems(hop)) {
            m_highlighted.insert(item);
            if (!numbered)
                continue;
            const int number = int(i) + 1;
            const auto same = [&](const QPair<int, DiagramItem *> &b) {
                return b.first == number && b.second == item;
            };
            if (std::any_of(m_badgeTargets.cbegin(), m_badgeTargets.cend(), same))
                continue;
            const auto onItem = std::count_if(m_badgeTargets.cbegin(), m_badgeTargets.cend(),
                                              [&](const auto &b) { return b.second == item; });
            auto *badge = new HopBadgeItem(m_style, number);
            badge->setPos(item->sceneBoundingRect().topLeft() + QPointF(4 + 22 * qreal(onItem), 4));
            addItem(badge);
            m_badges.append(badge);
            m_badgeTargets.append({number, item});
        }
        if (i == 0)
            continue;
        for (const QString &a : hopNodes(resolved.hops.at(i - 1)))
            for (const QString &b : hopNodes(hop))
                highlightEdge(a, b);
    }
    for (const ListenerId &id : resolved.required)
        if (ChipItem *chip = m_chips.value(id.value()))
            m_highlighted.insert(chip);
}

void DiagramScene::applyEmphasis()
{
    const bool any = !m_highlighted.isEmpty();
    for (DiagramItem *item : std::as_const(m_items)) {
        const int type = item->type();
        const bool dimmable = type == ChipItem::Type || type == PeerItem::Type
                              || type == RouteItem::Type || type == ServiceItem::Type;
        if (!dimmable)
            continue;
        item->setEmphasis(!any                           ? DiagramItem::Emphasis::Normal
                          : m_highlighted.contains(item) ? DiagramItem::Emphasis::Highlighted
                                                         : DiagramItem::Emphasis::Dimmed);
    }
    if (any)
        Q_EMIT highlightChanged();
}

void DiagramScene::removeBadges()
{
    qDeleteAll(m_badges);
    m_badges.clear();
    m_badgeTargets.clear();
}

} // namespace edgemap
