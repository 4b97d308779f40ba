#include "snapshot/capturetime.h"

namespace edgemap {

QString basisNote(CaptureTime::Basis basis)
{
    switch (basis) {
    case CaptureTime::Basis::FileTime:
        return QStringLiteral("file time");
    case CaptureTime::Basis::CaptureRun:
        return QStringLiteral("capture run");
    case CaptureTime::Basis::Loaded:
        return QStringLiteral("no capture time");
    case CaptureTime::Basis::Header:
    case CaptureTime::Basis::Unknown:
        break;
    }
    return {};
}

QString captureTimeText(const CaptureTime &time, const QString &timeText)
{
    if (time.basis == CaptureTime::Basis::Unknown || !time.time.isValid())
        return {};
    const QString verb = time.isCapture() ? QStringLiteral("captured") : QStringLiteral("loaded");
    const QString note = basisNote(time.basis);
    return note.isEmpty() ? QStringLiteral("%1 %2").arg(verb, timeText)
                          : QStringLiteral("%1 %2 (%3)").arg(verb, timeText, note);
}

} // namespace edgemap
