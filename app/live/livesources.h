#pragma once

#include "live/capturerunner.h"
#include "snapshot/snapshotsource.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>

namespace edgemap {

class SnapshotController;
class SnapshotWatcher;

// The live snapshot sources of the main window: a watched file (a scheduled task on the Edge
// rewriting it on a share) and a capture profile run at its interval (ssh, PowerShell, the local
// netstat). Each loads through the SnapshotController, so the document keeps its last good check
// when a read or a run fails, and each reports a one-line state for the snapshot pane:
// "watching /share/edge01.txt — updated 12:01:33", "stale since 12:03:10 (the file is gone),
// showing the 12:01:33 snapshot", "capture failed: … (last good 12:00:05)".
//
// The `source` of stateChanged is the one the snapshots reach the controller with (and so
// CheckResult::source): SnapshotSource::watchedFile of the absolute path, SnapshotSource::capture
// of the profile's name. Watching and capturing are independent; both may run at once (one per
// server, say).
//
// Only the user's own capture profiles run (from the settings, see captureprofiles.h): nothing
// named in a topology or snapshot file is ever executed, and no shell is involved.
//
// The logic only: the menu entries and dialogs that drive it are LiveSourcesMenu's
// (window/livesourcesmenu.h).
class LiveSources : public QObject
{
    Q_OBJECT

public:
    explicit LiveSources(SnapshotController &controller, QObject *parent = nullptr);
    ~LiveSources() override;

    bool isWatching() const;
    SnapshotSource watchedSource() const; // null when not watching
    bool isCapturing() const { return !m_capture.name.isEmpty(); }
    SnapshotSource captureSource() const; // null when not capturing
    // The running profile; an empty name when none.
    const CaptureProfile &captureProfile() const { return m_capture; }

    // Tests: shorter watcher poll/settle delays and capture interval (0: keep the default).
    void setTimingForTests(int pollMs, int settleMs, int captureIntervalMs);

public Q_SLOTS:
    void watchFile(const QString &path);
    void stopWatching();
    // Refused (errorOccurred) when the profile is not valid (captureprofiles::problem).
    void startCapture(const edgemap::CaptureProfile &profile);
    void stopCapture();
    // The stored profiles changed (the profile dialog): the running profile follows its edit,
    // and stops when it was removed.
    void profilesChanged(const QList<edgemap::CaptureProfile> &profiles);

Q_SIGNALS:
    // A source's state changed; `stale` means the document does not show what the source holds
    // now (the last read or run failed, or the file is gone) and `state` says why. An empty
    // state: the source stopped (fits SnapshotPane::setSourceState, which then clears it).
    void stateChanged(const edgemap::SnapshotSource &source, const QString &state, bool stale);
    // The source is no longer followed (stopped, or replaced by another file or profile); comes
    // right after its empty stateChanged.
    void sourceStopped(const edgemap::SnapshotSource &source);
    // Watching or capturing started or stopped (what the menu entries follow).
    void activityChanged();
    // A request was refused: no file given, a folder, an invalid profile, the bundled capture
    // script could not be written. Failures while running are states, not errors.
    void errorOccurred(const QString &message);

private:
    void watcherChanged();
    void captureSucceeded();
    void captureFailed(const QString &message);
    void captureStateNow();

    SnapshotController &m_controller;
    SnapshotWatcher *m_watcher;
    CaptureRunner m_runner;
    CaptureProfile m_capture;      // the running profile; empty name when none
    bool m_captureLoading = false; // its output is with the controller
    QDateTime m_lastCapture;       // the last good capture (UTC)
    QString m_captureError;        // the last run's failure; empty after a good run
};

} // namespace edgemap
