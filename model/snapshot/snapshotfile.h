#pragma once

#include "io/error.h"
#include "snapshot/snapshot.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <optional>

class QIODevice;

namespace edgemap::snapshotfile {

struct ReadResult
{
    std::optional<Snapshot> snapshot;
    Error error;
    bool cancelled = false;
    bool ok() const { return snapshot.has_value(); }
};

// Called after each chunk; return false to cancel the read.
using Progress = std::function<bool(qint64 bytesDone, qint64 bytesTotal)>;

// Reads a snapshot from a device, streaming: detects the encoding (UTF-16LE/BE with or without
// BOM, UTF-8 with or without BOM, else the OEM code page 850) and the format by content (netstat
// text of any variant and language; PowerShell Get-NetTCPConnection / Get-NetUDPEndpoint as
// table, list, CSV or JSON; EdgeMap's capture JSON). `label` names the source in errors.
ReadResult read(QIODevice &device, const QString &label, const Progress &progress = {});
ReadResult load(const QString &path, const Progress &progress = {});
ReadResult parse(const QByteArray &bytes, const QString &label = {});

// Longest line kept; longer lines are counted as unrecognised and skipped, never buffered whole.
inline constexpr qsizetype kMaxLineBytes = 64 * 1024;
// The PowerShell and JSON formats are parsed in memory; they are never this large in practice.
inline constexpr qint64 kMaxStructuredBytes = 256ll * 1024 * 1024;
// netstat text is streamed; beyond this it is refused rather than read for minutes (a
// 300,000-row capture is 57 MB in UTF-16).
inline constexpr qint64 kMaxStreamedBytes = 4096ll * 1024 * 1024;

} // namespace edgemap::snapshotfile
