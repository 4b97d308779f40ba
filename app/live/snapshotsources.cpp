#include "live/snapshotsources.h"

#include "live/captureprofiledialog.h"
#include "live/captureprofiles.h"
#include "live/snapshotcontroller.h"
#include "live/snapshotwatcher.h"
#include "live/sourcestate.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QWidget>

namespace edgemap {

using sourcestate::clock;
using sourcestate::oneLine;

SnapshotSources::SnapshotSources(SnapshotController &controller, QWidget *window)
    : QObject(window)
    , m_controller(controller)
    , m_window(window)
    , m_watcher(new SnapshotWatcher(controller, this))
    , m_runner(controller)
    , m_watchAction(new QAction(tr("&Watch File\u2026"), this))
    , m_stopWatchAction(new QAction(tr("Stop &Watching"), this))
    , m_stopCaptureAction(new QAction(tr("Stop &Capture"), this))
    , m_profilesAction(new QAction(tr("Capture &Profiles\u2026"), this))
{
    m_watchAction->setStatusTip(
            tr("Follow a snapshot file that is rewritten elsewhere and judge every new version"));
    m_profilesAction->setStatusTip(tr("Add, edit and test the commands that capture snapshots"));
    connect(m_watchAction, &QAction::triggered, this, &SnapshotSources::chooseFileToWatch);
    connect(m_stopWatchAction, &QAction::triggered, this, &SnapshotSources::stopWatching);
    connect(m_stopCaptureAction, &QAction::triggered, this, &SnapshotSources::stopCapture);
    connect(m_profilesAction, &QAction::triggered, this, &SnapshotSources::editProfiles);

    connect(m_watcher, &SnapshotWatcher::stateChanged, this, &SnapshotSources::watcherChanged);
    connect(&m_runner, &CaptureRunner::captured, this, [this](const QString &name) {
        if (name == m_capture.name)
            m_captureLoading = true;
    });
    connect(&m_runner, &CaptureRunner::failed, this,
            [this](const QString &name, const QString &message) {
                if (name == m_capture.name)
                    captureFailed(message);
            });
    // Only the answer to our own request counts: the user may open a file meanwhile.
    connect(&controller, &SnapshotController::finished, this, [this](const QString &source) {
        if (m_captureLoading && source == m_capture.name)
            captureSucceeded(source);
    });
    connect(&controller, &SnapshotController::failed, this,
            [this](const QString &source, const QString &message) {
                if (m_captureLoading && source == m_capture.name)
                    captureFailed(message);
            });
    connect(&controller, &SnapshotController::cancelled, this, [this](const QString &source) {
        if (source == m_capture.name)
            m_captureLoading = false; // superseded by another load; the next run tries again
    });
    updateActions();
}

SnapshotSources::~SnapshotSources() = default;

bool SnapshotSources::isWatching() const
{
    return m_watcher->isWatching();
}

QString SnapshotSources::watchedSource() const
{
    return m_watcher->path();
}

void SnapshotSources::setTimingForTests(int pollMs, int settleMs, int captureIntervalMs)
{
    if (pollMs > 0)
        m_watcher->setPollInterval(pollMs);
    if (settleMs > 0)
        m_watcher->setSettleDelay(settleMs);
    m_runner.setIntervalOverride(captureIntervalMs);
}

void SnapshotSources::watchFile(const QString &path)
{
    if (path.isEmpty()) {
        Q_EMIT errorOccurred(tr("No file to watch."));
        return;
    }
    if (QFileInfo(path).isDir()) {
        Q_EMIT errorOccurred(tr("%1 is a folder; choose the snapshot file in it.")
                                     .arg(QDir::toNativeSeparators(path)));
        return;
    }
    stopWatching();
    m_watcher->watch(path);
    watcherChanged();
    updateActions();
}

void SnapshotSources::stopWatching()
{
    if (!m_watcher->isWatching())
        return;
    const QString source = m_watcher->path();
    m_watcher->stop();
    Q_EMIT stateChanged(source, QString(), false);
    Q_EMIT sourceStopped(source);
    updateActions();
}

void SnapshotSources::watcherChanged()
{
    const QString source = m_watcher->path();
    if (source.isEmpty())
        return;
    const QDateTime good = m_watcher->lastGoodRead();
    if (m_watcher->isStale()) {
        const QString showing = good.isValid() ? tr("showing the %1 snapshot").arg(clock(good))
                                               : tr("nothing read from it yet");
        Q_EMIT stateChanged(source,
                            tr("stale: %1 (since %2), %3")
                                    .arg(oneLine(m_watcher->staleReason()),
                                         clock(m_watcher->staleSince()), showing),
                            true);
        return;
    }
    const QString shown = QDir::toNativeSeparators(source);
    Q_EMIT stateChanged(source,
                        good.isValid() ? tr("watching %1 \u2014 updated %2").arg(shown, clock(good))
                                       : tr("watching %1 \u2014 reading\u2026").arg(shown),
                        false);
}

void SnapshotSources::startCapture(const CaptureProfile &profile)
{
    QString why = captureprofiles::problem(profile);
    if (why.isEmpty())
        why = captureprofiles::prepare(profile);
    if (!why.isEmpty()) {
        Q_EMIT errorOccurred(tr("Cannot capture with \u201c%1\u201d: %2").arg(profile.name, why));
        rebuildCaptureMenu(); // the entry that asked is checked: undo that
        return;
    }
    stopCapture();
    m_capture = profile;
    m_captureLoading = false;
    m_lastCapture = {};
    m_captureError.clear();
    captureStateNow(); // before the run: a program that cannot start fails at once
    m_runner.start(profile);
    updateActions();
}

void SnapshotSources::stopCapture()
{
    if (!isCapturing())
        return;
    m_runner.stop();
    const QString source = m_capture.name;
    m_capture = {};
    m_captureLoading = false;
    Q_EMIT stateChanged(source, QString(), false);
    Q_EMIT sourceStopped(source);
    updateActions();
}

void SnapshotSources::captureSucceeded(const QString &source)
{
    Q_UNUSED(source)
    m_captureLoading = false;
    m_lastCapture = QDateTime::currentDateTimeUtc();
    m_captureError.clear();
    captureStateNow();
}

void SnapshotSources::captureFailed(const QString &message)
{
    m_captureLoading = false;
    m_captureError = message;
    captureStateNow();
}

void SnapshotSources::captureStateNow()
{
    bool stale = false;
    const QString state = sourcestate::captureState(m_capture.intervalSeconds, m_captureError,
                                                    m_lastCapture, &stale);
    Q_EMIT stateChanged(m_capture.name, state, stale);
}

void SnapshotSources::chooseFileToWatch()
{
    const QString path = QFileDialog::getOpenFileName(
            m_window, tr("Watch Snapshot File"), QString(),
            tr("Snapshots (*.txt *.json *.csv *.log);;All files (*)"));
    if (!path.isEmpty())
        watchFile(path);
}

void SnapshotSources::editProfiles()
{
    CaptureProfileDialog dialog(m_window);
    if (dialog.exec() != QDialog::Accepted)
        return;
    // The running profile follows its edit, and stops when it was removed.
    if (isCapturing()) {
        const QList<CaptureProfile> now
                = captureprofiles::effectiveProfiles(captureprofiles::load());
        const auto it = std::find_if(now.cbegin(), now.cend(), [this](const CaptureProfile &p) {
            return p.name == m_capture.name;
        });
        if (it == now.cend())
            stopCapture();
        else if (!(*it == m_capture))
            startCapture(*it);
    }
    rebuildCaptureMenu();
}

void SnapshotSources::populateMenu(QMenu *menu)
{
    menu->addAction(m_watchAction);
    menu->addAction(m_stopWatchAction);
    menu->addSeparator();
    m_captureMenu = menu->addMenu(tr("&Capture"));
    // Profiles are edited elsewhere too (another window): list them as they are now.
    connect(m_captureMenu, &QMenu::aboutToShow, this, &SnapshotSources::rebuildCaptureMenu);
    menu->addAction(m_stopCaptureAction);
    menu->addAction(m_profilesAction);
    rebuildCaptureMenu();
}

void SnapshotSources::rebuildCaptureMenu()
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
        a->setChecked(isCapturing() && p.name == m_capture.name);
        const QString why = captureprofiles::problem(p);
        a->setEnabled(why.isEmpty());
        a->setStatusTip(why.isEmpty() ? p.program + QLatin1Char(' ')
                                                + captureprofiles::joinArguments(p.arguments)
                                      : why);
        a->setToolTip(a->statusTip());
        connect(a, &QAction::triggered, this, [this, p](bool checked) {
            if (checked)
                startCapture(p);
            else
                stopCapture();
        });
    }
}

void SnapshotSources::updateActions()
{
    m_stopWatchAction->setEnabled(isWatching());
    m_stopCaptureAction->setEnabled(isCapturing());
    rebuildCaptureMenu();
}

} // namespace edgemap
