#pragma once

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QString>

// The wording of a live source's one-line state in the snapshot pane, shared by the capture
// profiles and the watched file (LiveSources) and Capture This Computer (NativeCaptureSource),
// so that every repeating source reads the same way. Translated in the context "LiveSources",
// where these phrases started.
namespace edgemap::sourcestate {

// Local wall-clock time; with the date when it is not today (a share can stay stale for days).
inline QString clock(const QDateTime &utc)
{
    const QDateTime t = utc.toLocalTime();
    return t.toString(t.date() == QDate::currentDate() ? QStringLiteral("HH:mm:ss")
                                                       : QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

inline QString duration(int seconds)
{
    return seconds >= 60 && seconds % 60 == 0
                   ? QCoreApplication::translate("LiveSources", "%1 min").arg(seconds / 60)
                   : QCoreApplication::translate("LiveSources", "%1 s").arg(seconds);
}

// States are one line in the pane; stderr or a Windows error may bring many.
inline QString oneLine(const QString &text, int max = 300)
{
    const QString line = text.simplified();
    return line.size() > max ? line.left(max - 1) + QChar(0x2026) : line;
}

// A capture repeated every `seconds`: its last failure (with the last good time), its last good
// run, or that the first run is under way. `stale` tells whether the state is a failure.
inline QString captureState(int seconds, const QString &error, const QDateTime &lastGood,
                            bool *stale)
{
    *stale = !error.isEmpty();
    if (!error.isEmpty()) {
        const QString last
                = lastGood.isValid()
                          ? QCoreApplication::translate("LiveSources", "last good %1")
                                    .arg(clock(lastGood))
                          : QCoreApplication::translate("LiveSources", "no good capture yet");
        return QCoreApplication::translate("LiveSources", "capture failed: %1 (%2)")
                .arg(oneLine(error), last);
    }
    if (lastGood.isValid())
        return QCoreApplication::translate("LiveSources", "captured %1 \u2014 every %2")
                .arg(clock(lastGood), duration(seconds));
    return QCoreApplication::translate("LiveSources", "capturing every %1 \u2014 first run\u2026")
            .arg(duration(seconds));
}

} // namespace edgemap::sourcestate
