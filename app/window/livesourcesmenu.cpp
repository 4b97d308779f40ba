#include "window/livesourcesmenu.h"

#include "live/captureprofiledialog.h"
#include "live/captureprofiles.h"
#include "live/livesources.h"

#include <QAction>
#include <QFileDialog>
#include <QMenu>
#include <QWidget>

namespace edgemap {

LiveSourcesMenu::LiveSourcesMenu(LiveSources &sources, QWidget *window)
    : QObject(window)
    , m_sources(sources)
    , m_window(window)
    , m_watchAction(new QAction(tr("&Watch File\u2026"), this))
    , m_stopWatchAction(new QAction(tr("Stop &Watching"), this))
    , m_stopCaptureAction(new QAction(tr("Stop &Capture"), this))
    , m_profilesAction(new QAction(tr("Capture &Profiles\u2026"), this))
{
    m_watchAction->setStatusTip(
            tr("Follow a snapshot file that is rewritten elsewhere and judge every new version"));
    m_profilesAction->setStatusTip(tr("Add, edit and test the commands that capture snapshots"));
    connect(m_watchAction, &QAction::triggered, this, &LiveSourcesMenu::chooseFileToWatch);
    connect(m_stopWatchAction, &QAction::triggered, &m_sources, &LiveSources::stopWatching);
    connect(m_stopCaptureAction, &QAction::triggered, &m_sources, &LiveSources::stopCapture);
    connect(m_profilesAction, &QAction::triggered, this, &LiveSourcesMenu::editProfiles);
    connect(&m_sources, &LiveSources::activityChanged, this, &LiveSourcesMenu::updateActions);
    updateActions();
}

LiveSourcesMenu::~LiveSourcesMenu() = default;

void LiveSourcesMenu::chooseFileToWatch()
{
    const QString path = QFileDialog::getOpenFileName(
            m_window, tr("Watch Snapshot File"), QString(),
            tr("Snapshots (*.txt *.json *.csv *.log);;All files (*)"));
    if (!path.isEmpty())
        m_sources.watchFile(path);
}

void LiveSourcesMenu::editProfiles()
{
    CaptureProfileDialog dialog(m_window);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_sources.profilesChanged(captureprofiles::effectiveProfiles(captureprofiles::load()));
    rebuildCaptureMenu();
}

void LiveSourcesMenu::populateMenu(QMenu *menu)
{
    menu->addAction(m_watchAction);
    menu->addAction(m_stopWatchAction);
    menu->addSeparator();
    m_captureMenu = menu->addMenu(tr("&Capture"));
    // Profiles are edited elsewhere too (another window): list them as they are now.
    connect(m_captureMenu, &QMenu::aboutToShow, this, &LiveSourcesMenu::rebuildCaptureMenu);
    menu->addAction(m_stopCaptureAction);
    menu->addAction(m_profilesAction);
    rebuildCaptureMenu();
}

void LiveSourcesMenu::rebuildCaptureMenu()
{
    if (!m_captureMenu)
        return;
    // deleteLater: this may run from the triggered() of one of these actions.
    const QList<QAction *> old = m_captureMenu->actions();
    for (QAction *a : old) {
        m_captureMenu->removeAction(a);
        a->deleteLater();
    }
    const QList<CaptureProfile> profiles
            = captureprofiles::effectiveProfiles(captureprofiles::load());
    if (profiles.isEmpty()) {
        QAction *none = m_captureMenu->addAction(tr("No profiles: add one under Capture Profiles"));
        none->setEnabled(false);
    }
    for (const CaptureProfile &p : profiles) {
        QString text = p.name;
        QAction *a = m_captureMenu->addAction(text.replace(QLatin1Char('&'), QStringLiteral("&&")));
        a->setCheckable(true);
        a->setChecked(m_sources.isCapturing() && p.name == m_sources.captureProfile().name);
        const QString why = captureprofiles::problem(p);
        a->setEnabled(why.isEmpty());
        a->setStatusTip(why.isEmpty() ? p.program + QLatin1Char(' ')
                                                + captureprofiles::joinArguments(p.arguments)
                                      : why);
        a->setToolTip(a->statusTip());
        connect(a, &QAction::triggered, this, [this, p](bool checked) {
            if (checked)
                m_sources.startCapture(p);
            else
                m_sources.stopCapture();
            // A refused profile leaves its entry checked: list them again as they are.
            rebuildCaptureMenu();
        });
    }
}

void LiveSourcesMenu::updateActions()
{
    m_stopWatchAction->setEnabled(m_sources.isWatching());
    m_stopCaptureAction->setEnabled(m_sources.isCapturing());
    rebuildCaptureMenu();
}

} // namespace edgemap
