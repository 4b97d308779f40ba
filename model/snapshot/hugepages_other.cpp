// Systems without a huge page hint EdgeMap uses (Windows needs a privilege for large pages, and
// macOS has no such hint): nothing to do.
#include "snapshot/hugepages.h"

namespace edgemap {

void adviseHugePages(const void *, std::size_t) {}

} // namespace edgemap
