// The classifier that tells dropped, opened and pasted files apart by content.
#include "fuzz_common.h"
#include "snapshot/filekind.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const edgemap::FileKind kind = edgemap::classifyContent(edgemap::fuzz::bytesOf(data, size));
    static_cast<void>(kind);
    return 0;
}
