// Windows: console windows take UTF-16 through WriteConsoleW (a UTF-8 byte write shows mojibake
// under the OEM code page most consoles still use); redirected streams are switched to binary
// mode so the CRT does not turn "\n" into "\r\n" inside PDF, PNG or JSON output.
#include "cli/consoleio.h"

#include <fcntl.h>
#include <io.h>
#include <windows.h>

#include <algorithm>

namespace edgemap::consoleio {

void prepareStandardStreams()
{
    _setmode(_fileno(stdout), _O_BINARY);
    _setmode(_fileno(stderr), _O_BINARY);
}

namespace {

// The console handle behind `stream`, or nullptr for a pipe, a file or no console at all.
HANDLE consoleOf(std::FILE *stream)
{
    const HANDLE handle = GetStdHandle(stream == stderr ? STD_ERROR_HANDLE : STD_OUTPUT_HANDLE);
    DWORD mode = 0;
    if (handle == INVALID_HANDLE_VALUE || handle == nullptr || !GetConsoleMode(handle, &mode))
        return nullptr;
    return handle;
}

void writeWide(HANDLE handle, const QString &text)
{
    const auto *data = reinterpret_cast<const wchar_t *>(text.utf16());
    qsizetype left = text.size();
    while (left > 0) {
        // Large single writes to a console can fail (an old 64 KiB limit): write in slices.
        const DWORD chunk = DWORD(std::min<qsizetype>(left, 8192));
        DWORD written = 0;
        if (!WriteConsoleW(handle, data, chunk, &written, nullptr) || written == 0)
            return; // the console went away; nothing better to do with the rest
        data += written;
        left -= written;
    }
}

} // namespace

bool writeToConsole(std::FILE *stream, const QString &text)
{
    const HANDLE handle = consoleOf(stream);
    if (!handle)
        return false;
    std::fflush(stream);
    writeWide(handle, text);
    return true;
}

bool writeToConsole(std::FILE *stream, QByteArrayView utf8)
{
    const HANDLE handle = consoleOf(stream);
    if (!handle)
        return false;
    std::fflush(stream);
    writeWide(handle, QString::fromUtf8(utf8));
    return true;
}

} // namespace edgemap::consoleio
