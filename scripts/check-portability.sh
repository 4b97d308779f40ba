#!/usr/bin/env bash
# EdgeMap builds for Linux and Windows: POSIX-only and Windows-only code lives in files named for
# their platform (*_linux.cpp, *_posix.cpp, *_unix.cpp, *_windows.cpp; *_other.cpp is the
# fallback). This fails when product code elsewhere includes a platform header or calls a
# platform-only function, naming the file and line. CI cannot build for Windows (the Qt for
# Windows build takes an hour); this catches the usual mistakes before scripts/build-windows.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

platform_file='_(linux|posix|unix|windows|other)\.(cpp|h)$'
headers='#[[:space:]]*include[[:space:]]*<(unistd\.h|fcntl\.h|sys/[a-z_]+\.h|pthread\.h|dlfcn\.h|signal\.h|termios\.h|poll\.h|netinet/|arpa/|netdb\.h|pwd\.h|grp\.h|windows\.h|winsock2?\.h|ws2tcpip\.h|iphlpapi\.h|io\.h|direct\.h|shlobj\.h|tlhelp32\.h|psapi\.h)'
calls='(^|[^A-Za-z_:.>])(::)?(getpid|getppid|getuid|geteuid|fork|execv[pe]?|mkfifo|madvise|mmap|munmap|sysconf|fileno|isatty|_setmode|_fileno|GetLastError|CreateFileW|OpenProcess|WriteConsoleW)[[:space:]]*\('

mapfile -t files < <(git ls-files 'app/*.cpp' 'app/*.h' 'model/*.cpp' 'model/*.h' 'views/*.cpp' 'views/*.h' \
    | grep -Ev "$platform_file")
found=0
for pattern in "$headers" "$calls"; do
    if grep -nE "$pattern" "${files[@]}" /dev/null | grep -vE ':[0-9]+:[[:space:]]*//'; then
        found=1
    fi
done
if [ "$found" -ne 0 ]; then
    echo "check-portability: platform-only code outside a platform file (see above); move it to" \
        "a file named *_linux.cpp / *_posix.cpp / *_windows.cpp with a *_other.cpp fallback" >&2
    exit 1
fi
echo "check-portability: ${#files[@]} product files, no platform-only code outside platform files"
