#pragma once

#include <QDateTime>
#include <QString>

namespace edgemap {

// When a snapshot was taken, as well as EdgeMap can tell, and how it knows: the capture header's
// time, else the file's modification time (recorded when read), else for a capture run the time
// its output was read; pasted or dropped text says only when it was loaded.
struct CaptureTime
{
    enum class Basis {
        Unknown,    // no time at all (a default CheckResult)
        Header,     // the snapshot's own header
        FileTime,   // the file's modification time
        CaptureRun, // a capture profile's run, read as it finished
        Loaded,     // text with no header: only when EdgeMap read it
    };
    QDateTime time;
    Basis basis = Basis::Unknown;
    bool isCapture() const { return basis != Basis::Loaded && basis != Basis::Unknown; }
};

// The words that go with the time: "" for the header's, "file time", "capture run", "no capture
// time" (only when it was loaded), as the title block and the check report print them.
QString basisNote(CaptureTime::Basis basis);

// "captured 2026-03-01 10:22 UTC (file time)", "loaded ... (no capture time)": `timeText` is the
// time as the caller writes it. Empty for an unknown time.
QString captureTimeText(const CaptureTime &time, const QString &timeText);

} // namespace edgemap
