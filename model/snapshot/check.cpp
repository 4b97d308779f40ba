#include "snapshot/check.h"

#include "core/pathanalysis.h"

#include <QFileInfo>
#include <QHash>

#include <algorithm>

namespace edgemap {

namespace {

CheckResult finish(const Topology &topology, const PathAnalysis &analysis,
                   snapshotfile::ReadResult read, const SnapshotSource &source,
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
    return rejudge(topology, analysis, std::move(r), serverOverride);
}

} // namespace

CheckResult readAndJudge(const Topology &topology, const PathAnalysis &analysis,
                         const SnapshotSource &file, const QString &serverOverride,
                         const snapshotfile::Progress &progress)
{
    Q_ASSERT(file.isFile());
    const QString path = file.path();
    // Before the read: if the writer changes the file meanwhile, the older time is the safe one.
    const QDateTime modified = QFileInfo(path).lastModified();
    CheckResult r
            = finish(topology, analysis, snapshotfile::load(path, progress), file, serverOverride);
    r.fileModified = modified;
    return r;
}

CheckResult readAndJudge(const Topology &topology, const QString &path,
                         const QString &serverOverride, const snapshotfile::Progress &progress)
{
    return readAndJudge(topology, PathAnalysis(topology), SnapshotSource::file(path),
                        serverOverride, progress);
}

CheckResult readAndJudge(const Topology &topology, const SnapshotSource &file,
                         const QString &serverOverride, const snapshotfile::Progress &progress)
{
    return readAndJudge(topology, PathAnalysis(topology), file, serverOverride, progress);
}

CheckResult readAndJudge(const Topology &topology, const PathAnalysis &analysis,
                         const QString &path, const QString &serverOverride,
                         const snapshotfile::Progress &progress)
{
    return readAndJudge(topology, analysis, SnapshotSource::file(path), serverOverride, progress);
}

CheckResult readAndJudge(const Topology &topology, const PathAnalysis &analysis,
                         const QByteArray &bytes, const SnapshotSource &source,
                         const QString &serverOverride)
{
    return finish(topology, analysis, snapshotfile::parse(bytes, source.text()), source,
                  serverOverride);
}

CheckResult readAndJudge(const Topology &topology, const QByteArray &bytes,
                         const SnapshotSource &source, const QString &serverOverride)
{
    return readAndJudge(topology, PathAnalysis(topology), bytes, source, serverOverride);
}

CheckResult readAndJudge(const Topology &topology, const PathAnalysis &analysis,
                         snapshotfile::ReadResult read, const SnapshotSource &source,
                         const QString &serverOverride)
{
    return finish(topology, analysis, std::move(read), source, serverOverride);
}

CheckResult readAndJudge(const Topology &topology, snapshotfile::ReadResult read,
                         const SnapshotSource &source, const QString &serverOverride)
{
    return finish(topology, PathAnalysis(topology), std::move(read), source, serverOverride);
}

CheckResult rejudge(const Topology &topology, const PathAnalysis &analysis, CheckResult r,
                    const QString &serverOverride)
{
    r.established = int(
            std::count_if(r.snapshot.rows.cbegin(), r.snapshot.rows.cend(),
                          [](const SocketRow &row) { return row.state == TcpState::Established; }));
    const ServerMatch match = matchServer(topology, r.snapshot, serverOverride);
    if (!match.ok()) {
        r.error = Error::inFile(r.source.text(), match.error);
        r.server = {};
        r.judgement = {};
        return r;
    }
    r.error = {};
    r.server = match.server;
    r.judgement = judge(topology, analysis, r.snapshot, match.server);
    return r;
}

CaptureTime captureTimeOf(const CheckResult &check)
{
    if (check.snapshot.header.time.isValid())
        return {check.snapshot.header.time, CaptureTime::Basis::Header};
    if (check.fileModified.isValid())
        return {check.fileModified, CaptureTime::Basis::FileTime};
    if (!check.loadedAt.isValid())
        return {};
    if (check.source.kind() == SnapshotSource::Kind::Capture
        || check.source.kind() == SnapshotSource::Kind::ThisComputer)
        return {check.loadedAt, CaptureTime::Basis::CaptureRun};
    return {check.loadedAt, CaptureTime::Basis::Loaded};
}

SnapshotInput snapshotInput(const Topology &topology, const QString &argument)
{
    const qsizetype eq = argument.indexOf(QLatin1Char('='));
    if (eq <= 0 || QFileInfo::exists(argument))
        return {argument, {}};
    const QString name = argument.left(eq);
    // The same rule as --server: matchServer decides what names a server.
    if (!matchServer(topology, Snapshot{}, name).ok())
        return {argument, {}};
    return {argument.mid(eq + 1), name};
}

CheckRun runChecks(const Topology &topology, const QList<SnapshotInput> &inputs,
                   const QString &serverOverride)
{
    CheckRun set;
    QHash<ServerId, QString> sourceOf;
    const PathAnalysis analysis(topology); // built by the first judgement, used by all
    for (const SnapshotInput &input : inputs) {
        CheckResult r = readAndJudge(topology, analysis, input.path,
                                     input.server.isEmpty() ? serverOverride : input.server);
        if (!r.ok()) {
            // Read but matched to no server by its addresses: on the command line, the option
            // that says which (the window asks instead).
            const bool unmatched = !r.cancelled && !r.snapshot.rows.isEmpty()
                                   && input.server.isEmpty() && serverOverride.isEmpty();
            set.errors.append(
                    r.error.toString()
                    + (unmatched ? QStringLiteral(" (use --server to choose)") : QString()));
            continue;
        }
        if (const auto it = sourceOf.constFind(r.server); it != sourceOf.cend()) {
            const EdgeServer *server = topology.server(r.server);
            set.errors.append(
                    QStringLiteral("%1 and %2 are both snapshots of %3: give one "
                                   "snapshot per server")
                            .arg(*it, r.source.text(), server ? server->fqdn : r.server.value()));
            continue;
        }
        sourceOf.insert(r.server, r.source.text());
        set.checks.append(std::move(r));
    }
    QHash<ServerId, int> order;
    for (const EdgePool &pool : topology.pools)
        for (const EdgeServer &server : pool.servers)
            order.insert(server.id, int(order.size()));
    std::stable_sort(set.checks.begin(), set.checks.end(),
                     [&](const CheckResult &a, const CheckResult &b) {
                         return order.value(a.server) < order.value(b.server);
                     });
    return set;
}

} // namespace edgemap
