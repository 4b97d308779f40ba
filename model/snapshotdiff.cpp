#include "snapshotdiff.h"

#include <algorithm>

namespace edgemap {

namespace {

QList<SocketKey> listeningSockets(const Snapshot &s)
{
    QList<SocketKey> out;
    for (const SocketRow &r : s.rows)
        if (r.isListener() && !r.localIsName)
            out.append({r.transport, r.local.toString(), r.localPort, s.processName(r)});
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

} // namespace

SnapshotDiff compareChecks(const CheckResult &before, const CheckResult &after)
{
    SnapshotDiff diff;
    const QList<SocketKey> a = listeningSockets(before.snapshot);
    const QList<SocketKey> b = listeningSockets(after.snapshot);
    std::set_difference(b.cbegin(), b.cend(), a.cbegin(), a.cend(),
                        std::back_inserter(diff.appeared));
    std::set_difference(a.cbegin(), a.cend(), b.cbegin(), b.cend(),
                        std::back_inserter(diff.disappeared));
    for (const ListenerVerdict &v : after.judgement.listeners) {
        const ListenerVerdict *old = before.judgement.verdict(v.listener);
        const ListenerStatus was = old ? old->status : ListenerStatus::NotChecked;
        if (was != v.status)
            diff.statusChanges.append({v.listener, was, v.status});
    }
    return diff;
}

} // namespace edgemap
