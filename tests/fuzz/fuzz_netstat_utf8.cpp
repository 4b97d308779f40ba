// netstat text, UTF-8 with a BOM (what PowerShell 7 and editors write). Inputs without the BOM
// that are valid UTF-8 reach the same decoder through the other targets.
#include "fuzz_common.h"
#include "snapshot/snapshotfile.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = edgemap::fuzz::withPrefix("\xEF\xBB\xBF", data, size);
    const auto result = edgemap::snapshotfile::parse(bytes, QStringLiteral("fuzz"));
    edgemap::fuzz::requireResultOrError(result.ok(), result.error.message);
    return 0;
}
