#include "snapshot/checkset.h"

namespace edgemap {

QList<std::shared_ptr<const CheckResult>> CheckSet::inOrder(const Topology &topology) const
{
    QList<std::shared_ptr<const CheckResult>> out;
    for (const EdgePool &pool : topology.pools)
        for (const EdgeServer &server : pool.servers)
            if (const auto it = m_servers.constFind(server.id); it != m_servers.cend())
                out.append(it->current);
    return out;
}

std::shared_ptr<const CheckResult> CheckSet::currentOf(const ServerId &server) const
{
    const auto it = m_servers.constFind(server);
    return it == m_servers.cend() ? nullptr : it->current;
}

const CheckResult *CheckSet::checkFor(const ServerId &server) const
{
    return currentOf(server).get();
}

const CheckResult *CheckSet::previousCheckFor(const ServerId &server) const
{
    const auto it = m_servers.constFind(server);
    return it == m_servers.cend() ? nullptr : it->previous.get();
}

const ListenerVerdict *CheckSet::verdict(const ListenerId &listener) const
{
    return m_index->verdicts.value(listener, nullptr);
}

const SnapshotDiff *CheckSet::changesFor(const ServerId &server) const
{
    const auto it = m_servers.constFind(server);
    return it != m_servers.cend() && it->showChanges && it->diff ? it->diff.get() : nullptr;
}

const StatusChange *CheckSet::changeOf(const ListenerId &listener) const
{
    return m_index->changeOf.value(listener, nullptr);
}

bool CheckSet::hasChanges() const
{
    return m_index->hasChanges;
}

bool CheckSet::showsChangesOf(const ServerId &server) const
{
    const auto it = m_servers.constFind(server);
    return it != m_servers.cend() && it->showChanges;
}

CheckSet CheckSet::withCheck(std::shared_ptr<const CheckResult> check, const Topology &topology,
                             const Comparison &precomputed) const
{
    CheckSet next = *this;
    next.m_latest = check;
    if (!check || !check->ok() || !topology.server(check->server))
        return next;
    Entry &entry = next.m_servers[check->server];
    entry.previous = std::exchange(entry.current, check);
    entry.showChanges = entry.previous != nullptr;
    if (!entry.previous)
        entry.diff.reset();
    else if (precomputed.base == entry.previous)
        entry.diff = std::make_shared<const SnapshotDiff>(precomputed.diff);
    else
        entry.diff = std::make_shared<const SnapshotDiff>(compareChecks(*entry.previous, *check));
    next.reindex();
    return next;
}

CheckSet CheckSet::withoutServersMissingFrom(const Topology &topology) const
{
    CheckSet next = *this;
    bool dropped = false;
    for (auto it = next.m_servers.begin(); it != next.m_servers.end();) {
        if (topology.server(it.key())) {
            ++it;
            continue;
        }
        if (next.m_latest == it->current)
            next.m_latest.reset();
        it = next.m_servers.erase(it);
        dropped = true;
    }
    if (dropped)
        next.reindex();
    return next;
}

CheckSet CheckSet::acknowledged() const
{
    if (!hasChanges())
        return *this;
    CheckSet next = *this;
    for (Entry &entry : next.m_servers)
        entry.showChanges = false;
    next.reindex();
    return next;
}

CheckSet CheckSet::withServer(const ServerId &server, std::shared_ptr<const CheckResult> current,
                              std::shared_ptr<const CheckResult> previous, SnapshotDiff diff,
                              bool showChanges) const
{
    CheckSet next = *this;
    if (!current) {
        next.m_servers.remove(server);
    } else {
        const bool compared = previous != nullptr;
        next.m_servers.insert(
                server,
                Entry{std::move(current), std::move(previous),
                      compared ? std::make_shared<const SnapshotDiff>(std::move(diff)) : nullptr,
                      showChanges && compared});
    }
    next.reindex();
    return next;
}

CheckSet CheckSet::withLatest(std::shared_ptr<const CheckResult> latest) const
{
    CheckSet next = *this;
    next.m_latest = std::move(latest);
    return next;
}

CheckSet CheckSet::merged(const CheckSet &base, const CheckSet &next) const
{
    CheckSet out = *this;
    QList<ServerId> servers = base.m_servers.keys();
    for (auto it = next.m_servers.cbegin(); it != next.m_servers.cend(); ++it)
        if (!base.m_servers.contains(it.key()))
            servers.append(it.key());
    for (const ServerId &server : std::as_const(servers)) {
        if (currentOf(server) != base.currentOf(server))
            continue; // a newer check landed meanwhile: it wins
        if (const auto it = next.m_servers.constFind(server); it != next.m_servers.cend())
            out.m_servers.insert(server, *it);
        else
            out.m_servers.remove(server);
    }
    if (m_latest == base.m_latest)
        out.m_latest = next.m_latest;
    out.reindex();
    return out;
}

bool operator==(const CheckSet &a, const CheckSet &b)
{
    return a.m_latest == b.m_latest && a.m_servers == b.m_servers;
}

void CheckSet::reindex()
{
    auto index = std::make_shared<Index>();
    for (auto it = m_servers.cbegin(); it != m_servers.cend(); ++it) {
        // A judgement holds the verdicts of its own server's listeners only, so the index
        // answers "the check of the server that owns the listener".
        for (const ListenerVerdict &v : it->current->judgement.listeners)
            index->verdicts.insert(v.listener, &v);
        if (!it->showChanges || !it->diff || it->diff->isEmpty())
            continue;
        index->hasChanges = true;
        for (const StatusChange &c : it->diff->statusChanges)
            index->changeOf.insert(c.listener, &c);
    }
    m_index = std::move(index);
}

} // namespace edgemap
