# Cross-compiling for 64-bit Windows with Debian's MinGW-w64 (posix threads: Qt needs std::thread).
# Used by scripts/build-windows.sh, first for Qt itself, then (through the qt.toolchain.cmake that
# Qt generates, which includes this file) for EdgeMap.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(EDGEMAP_MINGW_TRIPLE x86_64-w64-mingw32)
set(CMAKE_C_COMPILER ${EDGEMAP_MINGW_TRIPLE}-gcc-posix)
set(CMAKE_CXX_COMPILER ${EDGEMAP_MINGW_TRIPLE}-g++-posix)
set(CMAKE_RC_COMPILER ${EDGEMAP_MINGW_TRIPLE}-windres)
set(CMAKE_AR ${EDGEMAP_MINGW_TRIPLE}-ar CACHE FILEPATH "")
set(CMAKE_RANLIB ${EDGEMAP_MINGW_TRIPLE}-ranlib CACHE FILEPATH "")

# Libraries, headers and CMake packages only from the MinGW sysroot (plus what the caller appends,
# such as the cross-built Qt and a folder of header-only host libraries); programs from the host.
list(APPEND CMAKE_FIND_ROOT_PATH /usr/${EDGEMAP_MINGW_TRIPLE})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# try_run() and add_test() run the Windows programs under Wine.
find_program(EDGEMAP_WINE NAMES wine wine64)
if(EDGEMAP_WINE)
    set(CMAKE_CROSSCOMPILING_EMULATOR ${EDGEMAP_WINE})
endif()
