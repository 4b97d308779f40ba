// netstat text in the OEM code page (what `cmd > file` writes): the bytes are not valid UTF-8, so
// the reader falls back to the OEM decoder. A trailing line with a 0xFF byte (never valid UTF-8)
// forces that path whatever the fuzzer's bytes are; inputs that start with a BOM or look like
// UTF-16 belong to the other targets and are skipped.
#include "fuzz_common.h"
#include "snapshot/snapshotfile.h"

namespace {

bool startsWithBom(const uint8_t *data, size_t size)
{
    return (size >= 2
            && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF)))
           || (size >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (startsWithBom(data, size))
        return -1; // not this target's path: keep it out of the corpus
    const QByteArray bytes = edgemap::fuzz::bytesOf(data, size) + QByteArray("\r\n\xFF\r\n");
    const auto result = edgemap::snapshotfile::parse(bytes, QStringLiteral("fuzz"));
    edgemap::fuzz::requireResultOrError(result.ok(), result.error.message);
    return 0;
}
