#pragma once

#include "snapshot/nativecapture_tables.h"
#include "snapshot/snapshot.h"
#include "snapshot/snapshotfile.h"

#include <QDateTime>
#include <QString>

// Capture This Computer: the sockets of the machine EdgeMap runs on, read from the system's own
// tables (see nativecapture_tables.h) instead of netstat, PowerShell or a file, and turned into
// the same Snapshot a `netstat -anob` capture of the machine gives: protocol, local and foreign
// address and port, state, PID, the owner's image name ("svchost.exe", as netstat -b shows it in
// brackets) and the services it hosts (the component lines, or the PowerShell capture's
// Services). The snapshot is then matched and judged like any loaded one.
namespace edgemap::nativecapture {

// Whether this build can capture this computer (Windows); elsewhere the action is absent.
bool isAvailable();

// The TcpState of a MIB_TCP_STATE value; Unknown for values Windows does not define.
TcpState stateFromMib(std::uint32_t state);

// Where and when the tables were read, for the snapshot's header.
struct CaptureInfo
{
    QString host;
    QDateTime time; // UTC
};

// The snapshot of `tables`, pure (no system calls): TCP rows, then UDP rows, each in table
// order; a PID without an image name gets no process (as netstat -b cannot name it); the
// services of a PID are joined with ", " in the component column. Format "native".
Snapshot toSnapshot(const SystemTables &tables, const CaptureInfo &info);

// Reads this computer's tables and converts them, stamped with the host name and the time.
// Blocking (tens of milliseconds; more on a very busy Edge): call it off the GUI thread. Fails
// with the reason (a failing call and its Windows error, or "not available on this platform");
// `label` names the source in the error.
snapshotfile::ReadResult capture(const QString &label);

} // namespace edgemap::nativecapture
