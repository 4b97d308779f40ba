#include "live/livesources.h"

#include "live/captureprofiles.h"
#include "live/snapshotcontroller.h"
#include "live/snapshotwatcher.h"
#include "live/sourcestate.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace edgemap {

using sourcestate::clock;
using sourcestate::oneLine;

LiveSources::LiveSources(SnapshotController &controller, QObject *parent)
    : QObject(parent)
    , m_controller(controller)
    , m_watcher(new SnapshotWatcher(controller, this))
    , m_runner(controller)
{
    connect(m_watcher, &SnapshotWatcher::stateChanged, this, &LiveSources::watcherChanged);
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
    connect(&controller, &SnapshotController::finished, this, [this](const SnapshotSource &source) {
        if (m_captureLoading && isCapturing() && source == captureSource())
            captureSucceeded();
    });
    connect(&controller, &SnapshotController::failed, this,
            [this](const SnapshotSource &source, const QString &message) {
                if (m_captureLoading && isCapturing() && source == captureSource())
                    captureFailed(message);
            });
    connect(&controller, &SnapshotController::cancelled, this,
            [this](const SnapshotSource &source) {
                if (isCapturing() && source == captureSource())
                    m_captureLoading = false; // superseded by another load; the next run tries
            });
}

LiveSources::~LiveSources() = default;

bool LiveSources::isWatching() const
{
    return m_watcher->isWatching();
}

SnapshotSource LiveSources::watchedSource() const
{
    return m_watcher->source();
}

SnapshotSource LiveSources::captureSource() const
{
    return isCapturing() ? SnapshotSource::capture(m_capture.name) : SnapshotSource();
}

void LiveSources::setTimingForTests(int pollMs, int settleMs, int captureIntervalMs)
{
    if (pollMs > 0)
        m_watcher->setPollInterval(pollMs);
    if (settleMs > 0)
        m_watcher->setSettleDelay(settleMs);
    m_runner.setIntervalOverride(captureIntervalMs);
}

void LiveSources::watchFile(const QString &path)
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
    Q_EMIT activityChanged();
}

void LiveSources::stopWatching()
{
    if (!m_watcher->isWatching())
        return;
    const SnapshotSource source = m_watcher->source();
    m_watcher->stop();
    Q_EMIT stateChanged(source, QString(), false);
    Q_EMIT sourceStopped(source);
    Q_EMIT activityChanged();
}

void LiveSources::watcherChanged()
{
    if (!m_watcher->isWatching())
        return;
    const SnapshotSource source = m_watcher->source();
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
    const QString shown = QDir::toNativeSeparators(source.path());
    Q_EMIT stateChanged(source,
                        good.isValid() ? tr("watching %1 \u2014 updated %2").arg(shown, clock(good))
                                       : tr("watching %1 \u2014 reading\u2026").arg(shown),
                        false);
}

void LiveSources::startCapture(const CaptureProfile &profile)
{
    QString why = captureprofiles::problem(profile);
    if (why.isEmpty())
        why = captureprofiles::prepare(profile);
    if (!why.isEmpty()) {
        Q_EMIT errorOccurred(tr("Cannot capture with \u201c%1\u201d: %2").arg(profile.name, why));
        return;
    }
    stopCapture();
    m_capture = profile;
    m_captureLoading = false;
    m_lastCapture = {};
    m_captureError.clear();
    captureStateNow(); // before the run: a program that cannot start fails at once
    m_runner.start(profile);
    Q_EMIT activityChanged();
}

void LiveSources::stopCapture()
{
    if (!isCapturing())
        return;
    m_runner.stop();
    const SnapshotSource source = captureSource();
    m_capture = {};
    m_captureLoading = false;
    Q_EMIT stateChanged(source, QString(), false);
    Q_EMIT sourceStopped(source);
    Q_EMIT activityChanged();
}

void LiveSources::profilesChanged(const QList<CaptureProfile> &profiles)
{
    if (!isCapturing())
        return;
    const auto it
            = std::find_if(profiles.cbegin(), profiles.cend(),
                           [this](const CaptureProfile &p) { return p.name == m_capture.name; });
    if (it == profiles.cend())
        stopCapture();
    else if (!(*it == m_capture))
        startCapture(*it);
}

void LiveSources::captureSucceeded()
{
    m_captureLoading = false;
    m_lastCapture = QDateTime::currentDateTimeUtc();
    m_captureError.clear();
    captureStateNow();
}

void LiveSources::captureFailed(const QString &message)
{
    m_captureLoading = false;
    m_captureError = message;
    captureStateNow();
}

void LiveSources::captureStateNow()
{
    bool stale = false;
    const QString state = sourcestate::captureState(m_capture.intervalSeconds, m_captureError,
                                                    m_lastCapture, &stale);
    Q_EMIT stateChanged(captureSource(), state, stale);
}

} // namespace edgemap
