// Document: the judged snapshots, one per server, and what changed since each server's previous
// snapshot. Kept apart from the topology editing in document.cpp.
#include "document.h"

namespace edgemap {

void Document::announceTopology(bool replaced)
{
    // Checks survive an edit (the snapshot controller judges them again against the new
    // topology); only those of servers that are gone are dropped.
    const bool dropped = dropChecksOfRemovedServers();
    if (replaced)
        Q_EMIT topologyReplaced();
    else
        Q_EMIT structureChanged();
    if (dropped) {
        Q_EMIT checkChanged();
        Q_EMIT changesChanged();
    }
}

bool Document::dropChecksOfRemovedServers()
{
    bool dropped = false;
    for (auto it = m_checks.begin(); it != m_checks.end();) {
        if (m_topology.server(it.key())) {
            ++it;
            continue;
        }
        if (m_latest == it->current)
            m_latest.reset();
        it = m_checks.erase(it);
        dropped = true;
    }
    if (dropped)
        reindexChecks();
    return dropped;
}

QList<std::shared_ptr<const CheckResult>> Document::checks() const
{
    QList<std::shared_ptr<const CheckResult>> out;
    for (const EdgePool &pool : m_topology.pools)
        for (const EdgeServer &server : pool.servers)
            if (const auto it = m_checks.constFind(server.id); it != m_checks.cend())
                out.append(it->current);
    return out;
}

const CheckResult *Document::checkFor(const ServerId &server) const
{
    const auto it = m_checks.constFind(server);
    return it == m_checks.cend() ? nullptr : it->current.get();
}

const CheckResult *Document::previousCheckFor(const ServerId &server) const
{
    const auto it = m_checks.constFind(server);
    return it == m_checks.cend() ? nullptr : it->previous.get();
}

void Document::setCheck(std::shared_ptr<const CheckResult> check)
{
    setCheck(std::move(check), Comparison{});
}

void Document::setCheck(std::shared_ptr<const CheckResult> check, const Comparison &precomputed)
{
    if (!check) {
        clearChecks();
        return;
    }
    m_latest = check;
    if (!check->ok() || !m_topology.server(check->server)) {
        Q_EMIT checkChanged();
        return;
    }
    ServerChecks &entry = m_checks[check->server];
    const bool hadChanges = entry.showChanges;
    entry.previous = std::exchange(entry.current, check);
    entry.showChanges = entry.previous != nullptr;
    if (entry.previous)
        entry.diff = precomputed.base == entry.previous ? precomputed.diff
                                                        : compareChecks(*entry.previous, *check);
    else
        entry.diff = {};
    reindexChecks();
    Q_EMIT checkChanged();
    if (hadChanges || entry.showChanges)
        Q_EMIT changesChanged();
}

void Document::applyRejudged(const QList<Rejudged> &results)
{
    bool changed = false;
    for (const Rejudged &r : results) {
        if (!r.current)
            continue;
        const bool wasLatest = m_latest && m_latest == r.replaces;
        auto it = r.replaces ? m_checks.find(r.replaces->server) : m_checks.end();
        if (it != m_checks.end() && it->current == r.replaces) {
            if (r.current->ok()) {
                it->current = r.current;
                it->previous = r.previous;
                it->diff = r.previous ? r.diff : SnapshotDiff();
                it->showChanges = it->showChanges && r.previous;
            } else {
                m_checks.erase(it); // no longer matches its server: nothing left to show there
            }
            changed = true;
        }
        if (wasLatest) {
            m_latest = r.current;
            changed = true;
        }
    }
    if (!changed)
        return;
    reindexChecks();
    Q_EMIT checkChanged();
    Q_EMIT changesChanged();
}

void Document::clearChecks()
{
    const bool hadChanges = hasChanges();
    m_checks.clear();
    m_latest.reset();
    reindexChecks();
    Q_EMIT checkChanged();
    if (hadChanges)
        Q_EMIT changesChanged();
}

const ListenerVerdict *Document::verdict(const ListenerId &listener) const
{
    return m_verdicts.value(listener, nullptr);
}

const SnapshotDiff *Document::changesFor(const ServerId &server) const
{
    const auto it = m_checks.constFind(server);
    return it != m_checks.cend() && it->showChanges ? &it->diff : nullptr;
}

const StatusChange *Document::changeOf(const ListenerId &listener) const
{
    return m_changeOf.value(listener, nullptr);
}

void Document::acknowledgeChanges()
{
    if (!hasChanges())
        return;
    for (ServerChecks &entry : m_checks)
        entry.showChanges = false;
    reindexChecks();
    Q_EMIT changesChanged();
}

std::unique_ptr<Document> Document::frozenCopy() const
{
    auto copy = std::make_unique<Document>(m_topology);
    copy->m_filePath = m_filePath;
    copy->m_modified = m_modified;
    copy->m_checks = m_checks; // results are immutable and shared; the comparisons are copied
    copy->m_checks.detach();   // its own block: the indexes below point into it
    copy->m_latest = m_latest;
    copy->reindexChecks(); // its indexes point into its own comparisons
    copy->moveToThread(nullptr);
    return copy;
}

void Document::reindexChecks()
{
    m_verdicts.clear();
    m_changeOf.clear();
    m_changedServers.clear();
    for (auto it = m_checks.cbegin(); it != m_checks.cend(); ++it) {
        // A judgement holds the verdicts of its own server's listeners only, so the index
        // answers "the check of the server that owns the listener".
        for (const ListenerVerdict &v : it->current->judgement.listeners)
            m_verdicts.insert(v.listener, &v);
        if (!it->showChanges || it->diff.isEmpty())
            continue;
        m_changedServers.append(it.key());
        for (const StatusChange &c : it->diff.statusChanges)
            m_changeOf.insert(c.listener, &c);
    }
}

} // namespace edgemap
