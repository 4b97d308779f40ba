#pragma once

#include "snapshot/snapshotsource.h"

#include <QObject>
#include <QString>

class QAction;
class QLabel;
class QMenu;
class QStatusBar;
class QWidget;

namespace edgemap {

class Document;
class StatusProgress;
class FilePrompts;
class LiveSources;
class LiveSourcesMenu;
class NativeCaptureMenu;
class NativeCaptureSource;
class SnapshotController;

// The main window's snapshot controls: Snapshot > Open Snapshot, Paste Snapshot, the live
// sources' entries (Watch File, Capture, Capture This Computer), Mark Changes as Seen and Clear
// Snapshots; and in the status bar the progress of the loads under way, their Cancel button and
// the check summary ("edge01-netstat.txt on edge01.contoso.local: 12 OK, 2 problems, ...").
// It owns the SnapshotController, the live sources and their menu entries.
//
// A load the user asked for (open, paste, drop: a source that is not live) gets an answer: its
// failure is errorOccurred (the window shows a box). A live source's failure (a watched file, a
// capture, even one stopped since; SnapshotSource::isLive) only reaches the snapshot pane,
// through loadFailed. A second load of a source still loading supersedes the first, and the two
// get one answer (the controller answers the newer one only).
class SnapshotUi : public QObject
{
    Q_OBJECT

public:
    // `window` parents the dialogs and this object; the status bar gets the progress widgets.
    SnapshotUi(Document &document, QStatusBar *statusBar, QWidget *window);
    ~SnapshotUi() override;

    void populateMenu(QMenu *menu);
    // Open Snapshot: the window connects it (its dialog starts in the window's folder).
    QAction *openAction() const { return m_openAction; }
    QAction *pasteAction() const { return m_pasteAction; }

    SnapshotController *controller() const { return m_controller; }
    LiveSources *liveSources() const { return m_liveSources; }
    // Capture This Computer; null where it is not available (everywhere but Windows).
    NativeCaptureSource *nativeCapture() const { return m_nativeCapture; }

    // Loads the user asked for: read and judged in the background, failures answered.
    void openFile(const QString &path);
    // Text from the clipboard or a drop (SnapshotSource::clipboard, droppedText).
    void openBytes(const QByteArray &bytes, const SnapshotSource &source);
    void openDialog(const QString &directory);
    // The clipboard's text; an error when it holds none.
    void paste();
    // Before another topology replaces the document: the loaded snapshots belong to the old
    // one's servers, and a load or re-judge under way would bring them back.
    void forgetChecks();
    // Who answers "which server is this?" for a snapshot the user loaded that matches no server
    // (the window); without one, such a load fails with a box like any other.
    void setPrompts(FilePrompts *prompts) { m_prompts = prompts; }

Q_SIGNALS:
    void errorOccurred(const QString &title, const QString &message);
    void loadFailed(const edgemap::SnapshotSource &source, const QString &message);
    // A live source's one-line state (LiveSources::stateChanged), for the snapshot pane.
    void sourceStateChanged(const edgemap::SnapshotSource &source, const QString &state,
                            bool stale);

private:
    void connectController();
    void connectSources();
    void updateCheckSummary();
    // Asks which server an unmatched snapshot was taken on; the choice judges it there,
    // Cancel drops it.
    void askServer(const SnapshotSource &source, const QString &reason);

    Document &m_document;
    QStatusBar *m_statusBar;
    QWidget *m_window;
    SnapshotController *m_controller;
    LiveSources *m_liveSources;
    LiveSourcesMenu *m_liveSourcesMenu;
    NativeCaptureSource *m_nativeCapture = nullptr;
    NativeCaptureMenu *m_nativeCaptureMenu = nullptr;
    QAction *m_openAction;
    QAction *m_pasteAction;
    QAction *m_acknowledgeAction;
    QAction *m_clearAction;
    QLabel *m_checkLabel;
    StatusProgress *m_progress;
    FilePrompts *m_prompts = nullptr;
};

} // namespace edgemap
