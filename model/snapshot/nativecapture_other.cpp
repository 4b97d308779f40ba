// Native capture where EdgeMap has none (everywhere but Windows): the action is absent, and a
// capture asked for anyway fails with the reason.
#include "snapshot/nativecapture_tables.h"

namespace edgemap::nativecapture {

bool platformCanRead()
{
    return false;
}

ReadOutcome readSystemTables()
{
    ReadOutcome out;
    out.error = "capturing this computer is not available on this platform (Windows only: use "
                "a capture profile or open a netstat snapshot)";
    return out;
}

} // namespace edgemap::nativecapture
