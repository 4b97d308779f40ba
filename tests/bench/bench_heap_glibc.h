#pragma once
// glibc only (elsewhere both are no-ops): each timed run in the benchmark's process starts
// from a heap like a new process's. glibc's malloc keeps freed memory and raises its mmap
// threshold after the first large free, so a second run in one process reuses pages that the
// `edgemap check` process has to fault in, and the in-process figure flatters the CLI. Fixing
// the threshold at its default and trimming the heap before each run makes the in-process
// figures pay for fresh memory as the CLI does.

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace edgemap::bench {

inline void fixMallocThreshold()
{
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
}

inline void releaseFreedMemory()
{
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

} // namespace edgemap::bench
