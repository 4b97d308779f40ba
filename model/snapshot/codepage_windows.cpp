// CP932 through Windows' own converter: Qt for Windows is built without ICU.
#include "snapshot/codepage.h"

#include <windows.h>

#include <limits>

namespace edgemap::detail {

QString decodeCp932(const char *begin, const char *end)
{
    const auto n = end - begin;
    if (n <= 0)
        return {};
    if (n > std::numeric_limits<int>::max() / 2)
        return QString::fromLatin1(begin, n);
    // At most one UTF-16 unit per byte; undefined sequences become U+30FB or U+FFFD.
    QString out(n, Qt::Uninitialized);
    const int written = MultiByteToWideChar(932, 0, begin, int(n),
                                            reinterpret_cast<wchar_t *>(out.data()), int(n));
    out.resize(written > 0 ? written : 0);
    return out;
}

} // namespace edgemap::detail
