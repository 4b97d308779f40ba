#include "snapshot/snapshotdiff.h"

#include <QCoreApplication>

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

bool SnapshotDiff::hasAppeared(Transport transport, const QString &address, int port) const
{
    return std::any_of(appeared.cbegin(), appeared.cend(), [&](const SocketKey &k) {
        return k.transport == transport && k.port == port && k.address == address;
    });
}

QString changeText(const StatusChange &change)
{
    if (change.before == ListenerStatus::NotChecked)
        return QCoreApplication::translate("edgemap::SnapshotDiff", "not judged before, now %1")
                .arg(displayName(change.after));
    return QCoreApplication::translate("edgemap::SnapshotDiff", "was %1, now %2")
            .arg(displayName(change.before), displayName(change.after));
}

QString changeBadge(const StatusChange &change)
{
    if (change.before == ListenerStatus::NotChecked)
        return QCoreApplication::translate("edgemap::SnapshotDiff", "new");
    return QCoreApplication::translate("edgemap::SnapshotDiff", "was %1")
            .arg(displayName(change.before));
}

} // namespace edgemap
