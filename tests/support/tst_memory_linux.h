// Peak memory of this process, Linux only (/proc/self): the reader-limit tests assert memory as a
// multiple of the input. Elsewhere peakRssBytes() is -1 and the tests skip the memory check.
#pragma once

#include <QFile>
#include <QtGlobal>

#if defined(Q_OS_LINUX) && defined(__GLIBC__)
#include <malloc.h>
#endif

namespace memorytest {

// Resets the peak to the current resident size (Linux 4.0+: "5" to clear_refs), after giving
// freed heap back to the system so that an earlier case's memory is not reused unseen.
inline void resetPeak()
{
#if defined(Q_OS_LINUX) && defined(__GLIBC__)
    malloc_trim(0);
#endif
#ifdef Q_OS_LINUX
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    if (f.open(QIODevice::WriteOnly))
        f.write("5");
#endif
}

// VmHWM (peak resident) and VmRSS (now) in bytes, or -1.
inline qint64 statusBytes(const char *key)
{
#ifdef Q_OS_LINUX
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(key))
            return line.mid(qsizetype(qstrlen(key))).trimmed().split(' ').value(0).toLongLong()
                   * 1024;
#else
    Q_UNUSED(key);
#endif
    return -1;
}

inline qint64 peakRssBytes()
{
    return statusBytes("VmHWM:");
}
inline qint64 rssBytes()
{
    return statusBytes("VmRSS:");
}

} // namespace memorytest
