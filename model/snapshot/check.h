#pragma once

#include "core/topology.h"
#include "io/error.h"
#include "snapshot/capturetime.h"
#include "snapshot/judgement.h"
#include "snapshot/snapshot.h"
#include "snapshot/snapshotfile.h"
#include "snapshot/snapshotsource.h"

#include <QDateTime>
#include <QString>

namespace edgemap {

class PathAnalysis;

// A snapshot read and judged against a topology: what the GUI shows after "Open snapshot" and
// what `edgemap check` prints. Plain data, so that it can be produced off the GUI thread.
struct CheckResult
{
    // Where the snapshot came from; source.text() is what reports and errors show (the file's
    // path as given, "clipboard", a capture profile's name...).
    SnapshotSource source;
    QDateTime loadedAt;
    // The file's modification time as it was when read (invalid for text): "captured" when the
    // snapshot has no header. Taken at read time, so a file that later stops changing or vanishes
    // does not make an old snapshot look new.
    QDateTime fileModified;
    Error error; // set when the snapshot could not be read or matched
    bool cancelled = false;
    Snapshot snapshot;
    ServerId server;
    Judgement judgement;
    // Established TCP connections in the snapshot, counted with the judgement (off the GUI
    // thread: a busy Edge has hundreds of thousands of rows); -1 when not counted.
    int established = -1;

    bool ok() const { return !error.isError() && !cancelled; }
};

// When the snapshot was taken (capturetime.h).
CaptureTime captureTimeOf(const CheckResult &check);

// Reads, matches and judges. Thread-safe: works on its arguments only. `progress` may cancel.
// `analysis` is the topology's path analysis, as judge() takes it: the GUI passes its Document's,
// a run over several snapshots one for all. The overloads without one build their own.
// `file` is a file source (SnapshotSource::isFile), read from its path.
CheckResult readAndJudge(const Topology &topology, const PathAnalysis &analysis,
                         const SnapshotSource &file, const QString &serverOverride = {},
                         const snapshotfile::Progress &progress = {});
CheckResult readAndJudge(const Topology &topology, const SnapshotSource &file,
                         const QString &serverOverride = {},
                         const snapshotfile::Progress &progress = {});
// The same for a file named by its path (the command line): SnapshotSource::file(path).
CheckResult readAndJudge(const Topology &topology, const PathAnalysis &analysis,
                         const QString &path, const QString &serverOverride = {},
                         const snapshotfile::Progress &progress = {});
CheckResult readAndJudge(const Topology &topology, const QString &path,
                         const QString &serverOverride = {},
                         const snapshotfile::Progress &progress = {});
CheckResult readAndJudge(const Topology &topology, const PathAnalysis &analysis,
                         const QByteArray &bytes, const SnapshotSource &source,
                         const QString &serverOverride = {});
CheckResult readAndJudge(const Topology &topology, const QByteArray &bytes,
                         const SnapshotSource &source, const QString &serverOverride = {});

// Matches and judges a snapshot read some other way (Capture This Computer): `read` as
// snapshotfile returns it, `source` labels the result.
CheckResult readAndJudge(const Topology &topology, const PathAnalysis &analysis,
                         snapshotfile::ReadResult read, const SnapshotSource &source,
                         const QString &serverOverride = {});
CheckResult readAndJudge(const Topology &topology, snapshotfile::ReadResult read,
                         const SnapshotSource &source, const QString &serverOverride = {});

// Judges an already read snapshot again (after the topology changed), with the new topology's
// path analysis.
CheckResult rejudge(const Topology &topology, const PathAnalysis &analysis, CheckResult previous,
                    const QString &serverOverride = {});

// One snapshot file of a run over several (a pool whose members were each captured), with the
// server it was taken on when the addresses should not decide (id, FQDN or host name).
struct SnapshotInput
{
    QString path;
    QString server;
};

// "NAME=FILE" names the server of FILE when NAME is a server of `topology` (as --server takes it)
// and the whole argument is not an existing file; anything else is a plain path.
SnapshotInput snapshotInput(const Topology &topology, const QString &argument);

// The checks of several snapshots read in one run (the command line's check), one per server,
// in topology order.
struct CheckRun
{
    QList<CheckResult> checks;
    // Every input that could not be read or matched, and every server two inputs matched, each
    // naming its files. Empty when all is well.
    QStringList errors;
    bool ok() const { return errors.isEmpty() && !checks.isEmpty(); }
};

// Reads, matches and judges each input as readAndJudge does (`serverOverride` applies to inputs
// that name no server), all with one path analysis of the topology. Two snapshots of one server
// are an error naming both files.
CheckRun runChecks(const Topology &topology, const QList<SnapshotInput> &inputs,
                   const QString &serverOverride = {});

} // namespace edgemap
