// Linux: madvise(MADV_HUGEPAGE), effective when transparent huge pages are "madvise" (Debian's
// default) or "always".
#include "snapshot/hugepages.h"

#include <sys/mman.h>

#include <cstdint>

namespace edgemap {

void adviseHugePages(const void *begin, std::size_t bytes)
{
    constexpr std::uintptr_t kHuge = 2 * 1024 * 1024;
    const auto first = reinterpret_cast<std::uintptr_t>(begin);
    const std::uintptr_t from = (first + kHuge - 1) & ~(kHuge - 1);
    const std::uintptr_t to = (first + bytes) & ~(kHuge - 1);
    if (to > from)
        madvise(reinterpret_cast<void *>(from), to - from, MADV_HUGEPAGE);
}

} // namespace edgemap
