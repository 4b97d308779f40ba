#pragma once

#include <cstddef>

namespace edgemap {

// Asks the system to back a large array that is about to be filled (the rows of a busy capture,
// tens of megabytes) with huge pages: one page fault per 2 MB instead of one per 4 KB, which on
// a virtual machine is a large part of reading a capture. Only the whole huge pages inside
// [begin, begin + bytes) are affected; a hint, never an error (a no-op where unsupported).
void adviseHugePages(const void *begin, std::size_t bytes);

} // namespace edgemap
