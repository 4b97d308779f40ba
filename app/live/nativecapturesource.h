#pragma once

#include "snapshot/snapshotfile.h"
#include "snapshot/snapshotsource.h"

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>

namespace edgemap {

class SnapshotController;

// Capture This Computer: reads the sockets of the machine EdgeMap runs on from the system's own
// tables (nativecapture.h; no netstat, PowerShell or temporary file) off the GUI thread, once or
// every N seconds, and hands the snapshot to the SnapshotController as
// SnapshotSource::thisComputer(), so that it is matched, judged and shown like any loaded
// snapshot.
//
// Repeating reads like a capture profile (LiveSources): the same interval floor, a run never
// overlaps the previous one, and a one-line state for the snapshot pane ("captured 12:01:33 —
// every 1 min", "capture failed: … (last good …)"); stopping reports an empty state, then
// sourceStopped. A single capture the user asked for that fails is reported by errorOccurred.
//
// The logic only: the menu entries are NativeCaptureMenu's (window/nativecapturemenu.h).
class NativeCaptureSource : public QObject
{
    Q_OBJECT

public:
    // Called off the GUI thread with the source's text (for errors); the default reads this
    // computer.
    using CaptureFunction = std::function<snapshotfile::ReadResult(const QString &label)>;

    // Whether this computer can be captured (Windows); elsewhere the menu entries are absent.
    static bool isAvailable();

    explicit NativeCaptureSource(SnapshotController &controller, QObject *parent = nullptr,
                                 CaptureFunction capture = {});
    ~NativeCaptureSource() override;

    bool isRefreshing() const { return m_refreshSeconds > 0; }
    int refreshSeconds() const { return m_refreshSeconds; }

    // Tests: run every `ms` milliseconds instead of the chosen interval; 0: the interval.
    void setIntervalOverride(int ms) { m_intervalOverrideMs = ms; }

public Q_SLOTS:
    void captureNow();
    // Captures now and then every `seconds` (at least captureprofiles::kMinInterval).
    void startRefreshing(int seconds);
    void stopRefreshing();

Q_SIGNALS:
    // As LiveSources::stateChanged, for SnapshotSource::thisComputer(); only while refreshing.
    void stateChanged(const edgemap::SnapshotSource &source, const QString &state, bool stale);
    void sourceStopped(const edgemap::SnapshotSource &source);
    // Refreshing started, stopped or changed its interval (what the menu entries follow).
    void refreshChanged();
    void errorOccurred(const QString &message);

private:
    void run(bool userAsked);
    void loadEnded(const QString &error);
    void emitState();

    SnapshotController &m_controller;
    CaptureFunction m_capture;
    QTimer m_timer;
    int m_refreshSeconds = 0;
    int m_intervalOverrideMs = 0;
    bool m_loading = false;   // a capture is with the controller
    bool m_userAsked = false; // ... and the user asked for it (its failure gets a box)
    QDateTime m_lastGood;
    QString m_error;
};

} // namespace edgemap
