#pragma once

#include "core/ids.h"
#include "core/topology.h"
#include "snapshot/check.h"
#include "snapshot/snapshotdiff.h"

#include <QHash>
#include <QList>

#include <memory>

namespace edgemap {

// The snapshots judged against a topology, one per server (a pool's members are each captured
// on their own), with each server's previous check and what changed since it. A value: copying
// is cheap (results and comparisons are immutable and shared), a worker thread computes the next
// set from a copy, and the GUI thread swaps it in (Document::setChecks). Never saved with the
// topology, never on the undo stack.
class CheckSet
{
public:
    // A comparison made off the GUI thread against `base`: reused when `base` is still the
    // server's current check, else made again.
    struct Comparison
    {
        std::shared_ptr<const CheckResult> base;
        SnapshotDiff diff;
    };

    // The result most recently delivered, good or not (a match error, for the UI to show).
    std::shared_ptr<const CheckResult> latest() const { return m_latest; }
    // The good checks, one per server, in the order of `topology`.
    QList<std::shared_ptr<const CheckResult>> inOrder(const Topology &topology) const;
    std::shared_ptr<const CheckResult> currentOf(const ServerId &server) const;
    const CheckResult *checkFor(const ServerId &server) const;
    // The check a server had before its current one (what changesFor compares against).
    const CheckResult *previousCheckFor(const ServerId &server) const;
    bool isEmpty() const { return m_servers.isEmpty() && !m_latest; }
    QList<ServerId> servers() const { return m_servers.keys(); }

    // The verdict on a listener from the check of the server that owns it; nullptr when that
    // server has none. O(1).
    const ListenerVerdict *verdict(const ListenerId &listener) const;
    // What changed on a server since its previous snapshot (like TCPView's new/closed marks);
    // nullptr when it has only one snapshot or the changes were acknowledged.
    const SnapshotDiff *changesFor(const ServerId &server) const;
    // The verdict change of one listener among the unacknowledged changes, nullptr when none.
    const StatusChange *changeOf(const ListenerId &listener) const;
    bool hasChanges() const;

    // The next sets. Each leaves this one as it is.
    //
    // `check` delivered: a good one replaces its server's check (which becomes the previous one,
    // and the two are compared, reusing `precomputed` when it was made against it); other servers
    // keep theirs. A failed one (or one for a server `topology` lacks) only becomes latest().
    CheckSet withCheck(std::shared_ptr<const CheckResult> check, const Topology &topology,
                       const Comparison &precomputed = {}) const;
    // Without the checks of servers `topology` no longer has.
    CheckSet withoutServersMissingFrom(const Topology &topology) const;
    // The user has seen the changes: the marks go until the next snapshot brings new ones.
    CheckSet acknowledged() const;
    // One server's checks replaced (judged again); a null `current` removes the server.
    CheckSet withServer(const ServerId &server, std::shared_ptr<const CheckResult> current,
                        std::shared_ptr<const CheckResult> previous, SnapshotDiff diff,
                        bool showChanges) const;
    CheckSet withLatest(std::shared_ptr<const CheckResult> latest) const;
    // `next` was computed from `base` (a re-judging, off the GUI thread) while this set may have
    // moved on: each server whose checks are still those of `base` takes those of `next`; a
    // server that got a newer check meanwhile keeps it. The latest result likewise.
    CheckSet merged(const CheckSet &base, const CheckSet &next) const;

    // Whether showChanges is set for the server (compared and not acknowledged).
    bool showsChangesOf(const ServerId &server) const;

    // The same checks, comparisons and acknowledgements (by identity of the shared results).
    friend bool operator==(const CheckSet &a, const CheckSet &b);

private:
    struct Entry
    {
        std::shared_ptr<const CheckResult> current;
        std::shared_ptr<const CheckResult> previous;
        std::shared_ptr<const SnapshotDiff> diff; // previous -> current; null without previous
        bool showChanges = false;                 // compared and not acknowledged
        friend bool operator==(const Entry &, const Entry &) = default;
    };
    // Per-listener lookups, rebuilt whenever the set changes so that the views' lookups are O(1)
    // however many servers have checks. Its pointers point into the shared results and diffs,
    // which every copy of the set keeps alive.
    struct Index
    {
        QHash<ListenerId, const ListenerVerdict *> verdicts;
        QHash<ListenerId, const StatusChange *> changeOf;
        bool hasChanges = false;
    };

    void reindex();

    QHash<ServerId, Entry> m_servers;
    std::shared_ptr<const CheckResult> m_latest;
    std::shared_ptr<const Index> m_index = std::make_shared<const Index>();
};

} // namespace edgemap
