#pragma once

#include "judgement.h"
#include "loaderror.h"
#include "snapshot.h"
#include "snapshotfile.h"
#include "topology.h"

#include <QDateTime>
#include <QString>

namespace edgemap {

// A snapshot read and judged against a topology: what the GUI shows after "Open snapshot" and
// what `edgemap check` prints. Plain data, so that it can be produced off the GUI thread.
struct CheckResult
{
    QString source; // file path, or a label such as "clipboard"
    QDateTime loadedAt;
    // The file's modification time as it was when read (invalid for text): "captured" when the
    // snapshot has no header. Taken at read time, so a file that later stops changing or vanishes
    // does not make an old snapshot look new.
    QDateTime fileModified;
    LoadError error; // set when the snapshot could not be read or matched
    bool cancelled = false;
    Snapshot snapshot;
    ServerId server;
    Judgement judgement;

    bool ok() const { return !error.isError() && !cancelled; }
};

// Reads, matches and judges. Thread-safe: works on its arguments only. `progress` may cancel.
CheckResult runCheck(const Topology &topology, const QString &path,
                     const QString &serverOverride = {},
                     const snapshotfile::Progress &progress = {});
CheckResult runCheck(const Topology &topology, const QByteArray &bytes, const QString &label,
                     const QString &serverOverride = {});

// Judges an already read snapshot again (after the topology changed).
CheckResult rejudge(const Topology &topology, CheckResult previous,
                    const QString &serverOverride = {});

} // namespace edgemap
