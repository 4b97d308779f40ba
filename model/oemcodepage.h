#pragma once

#include <QString>

namespace edgemap {

// The OEM code pages cmd.exe writes redirected netstat output in (Western Europe: 850; US: 437).
// Qt 6.4's QStringConverter has no OEM code pages, hence these two tables.
enum class OemCodePage { Cp437, Cp850 };

QString decodeOem(const char *begin, const char *end, OemCodePage page);

} // namespace edgemap
