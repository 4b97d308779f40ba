// POSIX-only helpers for tests (named pipes); Windows has no mkfifo and the tests skip.
#pragma once

#include <QString>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

namespace posixtest {

// Creates a named pipe at `path`; false where the platform has none.
inline bool makeFifo(const QString &path)
{
#ifdef Q_OS_UNIX
    return ::mkfifo(path.toLocal8Bit().constData(), 0600) == 0;
#else
    Q_UNUSED(path);
    return false;
#endif
}

} // namespace posixtest
