// Any snapshot file as it comes (the PowerShell table/list/CSV/JSON readers and EdgeMap's capture
// JSON; the encoding is detected from the bytes). Built twice, as fuzz_powershell and
// fuzz_capture_json: the same entry point, seeded with different corpora and dictionaries.
#include "fuzz_common.h"
#include "snapshot/snapshotfile.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto result = edgemap::snapshotfile::parse(edgemap::fuzz::bytesOf(data, size),
                                                     QStringLiteral("fuzz"));
    edgemap::fuzz::requireResultOrError(result.ok(), result.error.message);
    return 0;
}
