#include "check.h"

#include <QFileInfo>

namespace edgemap {

namespace {

CheckResult finish(const Topology &topology, snapshotfile::ReadResult read, const QString &source,
                   const QString &serverOverride)
{
    CheckResult r;
    r.source = source;
    r.loadedAt = QDateTime::currentDateTimeUtc();
    r.cancelled = read.cancelled;
    if (!read.ok()) {
        r.error = read.error;
        return r;
    }
    r.snapshot = std::move(*read.snapshot);
    return rejudge(topology, std::move(r), serverOverride);
}

} // namespace

CheckResult runCheck(const Topology &topology, const QString &path, const QString &serverOverride,
                     const snapshotfile::Progress &progress)
{
    // Before the read: if the writer changes the file meanwhile, the older time is the safe one.
    const QDateTime modified = QFileInfo(path).lastModified();
    CheckResult r = finish(topology, snapshotfile::load(path, progress), path, serverOverride);
    r.fileModified = modified;
    return r;
}

CheckResult runCheck(const Topology &topology, const QByteArray &bytes, const QString &label,
                     const QString &serverOverride)
{
    return finish(topology, snapshotfile::parse(bytes, label), label, serverOverride);
}

CheckResult rejudge(const Topology &topology, CheckResult r, const QString &serverOverride)
{
    const ServerMatch match = matchServer(topology, r.snapshot, serverOverride);
    if (!match.ok()) {
        r.error = LoadError{r.source, 0, 0, {}, match.error};
        r.server = {};
        r.judgement = {};
        return r;
    }
    r.error = {};
    r.server = match.server;
    r.judgement = judge(topology, r.snapshot, match.server);
    return r;
}

} // namespace edgemap
