// The topology import (Get-CsTopology -AsXml, Topology Builder files): importTopologyXml is
// what `edgemap import` calls on a file's bytes. Besides a result or an error, an imported
// topology must pass the topology file's checks: the import promises a valid one.
#include "fuzz_common.h"
#include "io/topologyfile.h"
#include "io/topologyimport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto result = edgemap::topologyimport::importTopologyXml(
            edgemap::fuzz::bytesOf(data, size), {QStringLiteral("fuzz.xml"), {}, {}});
    edgemap::fuzz::requireResultOrError(result.ok(), result.error.message);
    if (result.ok() && edgemap::topologyfile::validate(*result.topology).isError()) {
        std::fputs("imported topology does not validate\n", stderr);
        std::abort();
    }
    return 0;
}
