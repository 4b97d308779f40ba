// The *.edgemap.json topology file: topologyfile::parse is what load() calls on a file's bytes.
#include "fuzz_common.h"
#include "io/topologyfile.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto result = edgemap::topologyfile::parse(edgemap::fuzz::bytesOf(data, size),
                                                     QStringLiteral("fuzz.edgemap.json"));
    edgemap::fuzz::requireResultOrError(result.ok(), result.error.message);
    return 0;
}
