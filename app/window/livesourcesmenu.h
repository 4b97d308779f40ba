#pragma once

#include <QObject>
#include <QPointer>

class QAction;
class QMenu;
class QWidget;

namespace edgemap {

class LiveSources;

// The window's entries for the live sources (live/livesources.h): Watch File…, Stop Watching,
// Capture ▸ (the profiles; the running one checked, choosing it again stops it), Stop Capture,
// Capture Profiles…, and the dialogs behind them (the file dialog, CaptureProfileDialog). The
// entries stay owned by this object and follow the sources' state; what a request leads to is
// LiveSources' business.
class LiveSourcesMenu : public QObject
{
    Q_OBJECT

public:
    // `window` parents the file and profile dialogs (and this object); may be null in tests.
    LiveSourcesMenu(LiveSources &sources, QWidget *window);
    ~LiveSourcesMenu() override;

    // Adds the entries to the Snapshot menu.
    void populateMenu(QMenu *menu);

public Q_SLOTS:
    void chooseFileToWatch(); // file dialog, then LiveSources::watchFile
    void editProfiles();      // the capture profile dialog

private:
    void rebuildCaptureMenu();
    void updateActions();

    LiveSources &m_sources;
    QPointer<QWidget> m_window;
    QAction *m_watchAction;
    QAction *m_stopWatchAction;
    QAction *m_stopCaptureAction;
    QAction *m_profilesAction;
    QPointer<QMenu> m_captureMenu; // the window's menu owns it
};

} // namespace edgemap
