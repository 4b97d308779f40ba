// netstat text, UTF-16LE with a BOM (what `netstat -anob > file` writes from PowerShell 5).
// The fuzzer's bytes are the UTF-16LE code units after the BOM.
#include "fuzz_common.h"
#include "snapshot/snapshotfile.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = edgemap::fuzz::withPrefix("\xFF\xFE", data, size);
    const auto result = edgemap::snapshotfile::parse(bytes, QStringLiteral("fuzz"));
    edgemap::fuzz::requireResultOrError(result.ok(), result.error.message);
    return 0;
}
