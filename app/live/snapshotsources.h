#pragma once

#include "live/capturerunner.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QString>

class QAction;
class QMenu;
class QWidget;

namespace edgemap {

class SnapshotController;
class SnapshotWatcher;

// The live snapshot sources of the main window: a watched file (a scheduled task on the Edge
// rewriting it on a share) and a capture profile run at its interval (ssh, PowerShell, the local
// netstat). Each loads through the SnapshotController (openFile / openBytes), so the document
// keeps its last good check when a read or a run fails, and each reports a one-line state for
// the snapshot pane: "watching /share/edge01.txt — updated 12:01:33", "stale since 12:03:10
// (the file is gone), showing the 12:01:33 snapshot", "capture failed: … (last good 12:00:05)".
//
// The `source` of stateChanged is the label the snapshot reaches the controller with (and so
// CheckResult::source): the absolute path of the watched file, the capture profile's name.
// Watching and capturing are independent; both may run at once (one per server, say).
//
// Only the user's own capture profiles run (from the settings, see captureprofiles.h): nothing
// named in a topology or snapshot file is ever executed, and no shell is involved.
class SnapshotSources : public QObject
{
    Q_OBJECT

public:
    // `window` parents the file and profile dialogs (and this object); may be null in tests.
    SnapshotSources(SnapshotController &controller, QWidget *window);
    ~SnapshotSources() override;

    bool isWatching() const;
    QString watchedSource() const; // absolute path; empty when not watching
    bool isCapturing() const { return !m_capture.name.isEmpty(); }
    QString captureSource() const { return m_capture.name; }

    // The Snapshot menu: Watch File…, Stop Watching, Capture ▸ (the profiles; the running one
    // checked, choosing it again stops it), Stop Capture, Capture Profiles…. The entries stay
    // owned by this object and follow its state.
    void populateMenu(QMenu *menu);

    // Tests: shorter watcher poll/settle delays and capture interval (0: keep the default).
    void setTimingForTests(int pollMs, int settleMs, int captureIntervalMs);

public Q_SLOTS:
    void watchFile(const QString &path);
    void stopWatching();
    // Refused (errorOccurred) when the profile is not valid (captureprofiles::problem).
    void startCapture(const edgemap::CaptureProfile &profile);
    void stopCapture();
    void chooseFileToWatch(); // file dialog, then watchFile
    void editProfiles();      // the capture profile dialog

Q_SIGNALS:
    // A source's state changed; `stale` means the document does not show what the source holds
    // now (the last read or run failed, or the file is gone) and `state` says why. An empty
    // state: the source stopped (fits SnapshotPane::setSourceState, which then clears it).
    void stateChanged(const QString &source, const QString &state, bool stale);
    // The source is no longer followed (stopped, or replaced by another file or profile); comes
    // right after its empty stateChanged.
    void sourceStopped(const QString &source);
    // A request was refused: no file given, a folder, an invalid profile, the bundled capture
    // script could not be written. Failures while running are states, not errors.
    void errorOccurred(const QString &message);

private:
    void watcherChanged();
    void captureSucceeded(const QString &source);
    void captureFailed(const QString &message);
    void captureStateNow();
    void rebuildCaptureMenu();
    void updateActions();

    SnapshotController &m_controller;
    QPointer<QWidget> m_window;
    SnapshotWatcher *m_watcher;
    CaptureRunner m_runner;
    CaptureProfile m_capture;      // the running profile; empty name when none
    bool m_captureLoading = false; // its output is with the controller
    QDateTime m_lastCapture;       // the last good capture (UTC)
    QString m_captureError;        // the last run's failure; empty after a good run

    QAction *m_watchAction;
    QAction *m_stopWatchAction;
    QAction *m_stopCaptureAction;
    QAction *m_profilesAction;
    QMenu *m_captureMenu = nullptr;
};

} // namespace edgemap
