#pragma once

#include "io/error.h"
#include "snapshot/snapshot.h"

#include <QString>
#include <QStringList>

namespace edgemap::powershell {

// Parses PowerShell socket listings into `out`: Get-NetTCPConnection / Get-NetUDPEndpoint as the
// default table, as Format-List, as Export-Csv and as ConvertTo-Json (State as name or integer),
// and EdgeMap's capture JSON (resources/capture/Get-EdgeMapSnapshot.ps1). Property names are
// English on every Windows locale, so these formats are matched by column name.
Error parse(const QString &text, const QString &label, Snapshot &out);

// Lines of `text` ended by LF, CRLF, a run of CRs before LF, or a bare CR (each one a line end),
// as views into `text` (which must outlive them): a copy of every line took as much memory as
// the text again, and more for short lines.
QList<QStringView> splitLines(QStringView text);

} // namespace edgemap::powershell
