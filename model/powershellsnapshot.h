#pragma once

#include "loaderror.h"
#include "snapshot.h"

#include <QString>

namespace edgemap::powershell {

// Parses PowerShell socket listings into `out`: Get-NetTCPConnection / Get-NetUDPEndpoint as the
// default table, as Format-List, as Export-Csv and as ConvertTo-Json (State as name or integer),
// and EdgeMap's capture JSON (resources/capture/Get-EdgeMapSnapshot.ps1). Property names are
// English on every Windows locale, so these formats are matched by column name.
LoadError parse(const QString &text, const QString &label, Snapshot &out);

} // namespace edgemap::powershell
