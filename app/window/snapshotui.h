#pragma once

#include <QObject>
#include <QSet>
#include <QString>

class QAction;
class QLabel;
class QMenu;
class QProgressBar;
class QStatusBar;
class QToolButton;
class QWidget;

namespace edgemap {

class Document;
class NativeCaptureSource;
class SnapshotController;
class SnapshotSources;

// The main window's snapshot controls: Snapshot > Open Snapshot, Paste Snapshot, the live
// sources' entries (Watch File, Capture, Capture This Computer), Mark Changes as Seen and Clear
// Snapshots; and in the status bar the progress of the loads under way, their Cancel button and
// the check summary ("edge01-netstat.txt on edge01.contoso.local: 12 OK, 2 problems, ...").
// It owns the SnapshotController and the live sources.
//
// A load the user asked for (open, paste, drop) gets an answer: its failure is errorOccurred (the
// window shows a box). A live source's failure (a watched file, a capture, even one stopped
// since) only reaches the snapshot pane, through loadFailed.
class SnapshotUi : public QObject
{
    Q_OBJECT

public:
    // `window` parents the dialogs and this object; the status bar gets the progress widgets.
    SnapshotUi(Document &document, QStatusBar *statusBar, QWidget *window);

    void populateMenu(QMenu *menu);
    // Open Snapshot: the window connects it (its dialog starts in the window's folder).
    QAction *openAction() const { return m_openAction; }
    QAction *pasteAction() const { return m_pasteAction; }

    SnapshotController *controller() const { return m_controller; }
    SnapshotSources *sources() const { return m_sources; }
    // Capture This Computer; null where it is not available (everywhere but Windows).
    NativeCaptureSource *nativeCapture() const { return m_nativeCapture; }

    // Loads the user asked for: read and judged in the background, failures answered.
    void openFile(const QString &path);
    void openBytes(const QByteArray &bytes, const QString &label);
    void openDialog(const QString &directory);
    // The clipboard's text; an error when it holds none.
    void paste();
    // Before another topology replaces the document: the loaded snapshots belong to the old
    // one's servers, and a load or re-judge under way would bring them back.
    void forgetChecks();

Q_SIGNALS:
    void errorOccurred(const QString &title, const QString &message);
    void loadFailed(const QString &source, const QString &message);
    // A live source's one-line state (SnapshotSources::stateChanged), for the snapshot pane.
    void sourceStateChanged(const QString &source, const QString &state, bool stale);

private:
    void connectController();
    void connectSources();
    void updateCheckSummary();

    Document &m_document;
    QStatusBar *m_statusBar;
    QWidget *m_window;
    SnapshotController *m_controller;
    SnapshotSources *m_sources;
    NativeCaptureSource *m_nativeCapture = nullptr;
    QAction *m_openAction;
    QAction *m_pasteAction;
    QAction *m_acknowledgeAction;
    QAction *m_clearAction;
    QLabel *m_checkLabel;
    QProgressBar *m_progress;
    QToolButton *m_cancel;
    // Loads the user asked for and not answered yet, by source. A set: a second load of a
    // source still loading supersedes the first, and the two get one answer.
    QSet<QString> m_userLoads;
};

} // namespace edgemap
