#include "live/snapshotwatcher.h"

#include "live/snapshotcontroller.h"

#include <QFileInfo>
#include <QtConcurrent/QtConcurrentRun>

namespace edgemap {

SnapshotWatcher::SnapshotWatcher(SnapshotController &controller, QObject *parent)
    : QObject(parent)
    , m_controller(controller)
{
    m_poll.setInterval(2000);
    m_settle.setInterval(700);
    m_settle.setSingleShot(true);
    const auto changed = [this] {
        look(Look::Changed);
    };
    connect(&m_fs, &QFileSystemWatcher::fileChanged, this, changed);
    connect(&m_fs, &QFileSystemWatcher::directoryChanged, this, changed);
    connect(&m_poll, &QTimer::timeout, this, changed);
    connect(&m_settle, &QTimer::timeout, this, [this] { look(Look::Settled); });
    connect(&m_look, &QFutureWatcher<Stamp>::finished, this, &SnapshotWatcher::looked);
    connect(&controller, &SnapshotController::finished, this, [this](const SnapshotSource &source) {
        if (!m_reading || source != this->source())
            return;
        m_reading = false;
        m_lastGood = QDateTime::currentDateTimeUtc();
        m_staleReason.clear();
        m_staleSince = {};
        Q_EMIT stateChanged();
    });
    const auto readFailed = [this](const SnapshotSource &source, const QString &message) {
        if (!m_reading || source != this->source())
            return;
        m_reading = false;
        setStale(tr("the last read failed: %1").arg(message));
    };
    connect(&controller, &SnapshotController::failed, this, readFailed);
    connect(&controller, &SnapshotController::cancelled, this,
            [readFailed](const SnapshotSource &source) { readFailed(source, tr("cancelled")); });
}

SnapshotSource SnapshotWatcher::source() const
{
    return isWatching() ? SnapshotSource::watchedFile(m_path) : SnapshotSource();
}

void SnapshotWatcher::watch(const QString &path)
{
    stop();
    m_path = QFileInfo(path).absoluteFilePath();
    m_stamp = {};
    m_poll.start();
    look(Look::Changed);
}

void SnapshotWatcher::stop()
{
    if (!m_fs.files().isEmpty())
        m_fs.removePaths(m_fs.files());
    if (!m_fs.directories().isEmpty())
        m_fs.removePaths(m_fs.directories());
    m_poll.stop();
    m_settle.stop();
    m_path.clear();
    m_staleReason.clear();
    m_staleSince = {};
    m_lastGood = {}; // belonged to the file no longer watched
    m_reading = false;
    m_nextLook.reset(); // a look in flight finds m_lookingAt != m_path and is dropped
}

SnapshotWatcher::Stamp SnapshotWatcher::stampOf(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return {};
    return {true, info.size(), info.lastModified()};
}

void SnapshotWatcher::look(Look why)
{
    if (m_path.isEmpty())
        return;
    // Our own flag, not m_look.isRunning(): that turns false before looked() has run, and a
    // new future set in between would swallow the answer.
    if (m_looking && m_lookingAt == m_path) {
        // Settled wins: it is the question that leads to a read.
        if (!m_nextLook || why == Look::Settled)
            m_nextLook = why;
        return;
    }
    // Nothing in flight, or a look at a file no longer watched (maybe stuck on a dead share):
    // start afresh; setFuture leaves the old look to finish unheard.
    m_looking = true;
    m_lookingFor = why;
    m_lookingAt = m_path;
    m_look.setFuture(QtConcurrent::run(&SnapshotWatcher::stampOf, m_path));
}

void SnapshotWatcher::looked()
{
    m_looking = false;
    const Stamp now = m_look.result();
    const bool current = !m_path.isEmpty() && m_lookingAt == m_path;
    if (current) {
        if (m_lookingFor == Look::Changed)
            somethingChanged(now);
        else
            settled(now);
    }
    if (m_nextLook) {
        const Look next = *m_nextLook;
        m_nextLook.reset();
        look(next);
    }
}

void SnapshotWatcher::rewatch(bool fileExists)
{
    // A rename over the file drops the watch on it; watching the directory catches the new one.
    if (fileExists && !m_fs.files().contains(m_path))
        m_fs.addPath(m_path);
    const QString dir = QFileInfo(m_path).absolutePath();
    if (!m_fs.directories().contains(dir))
        m_fs.addPath(dir);
}

void SnapshotWatcher::somethingChanged(const Stamp &now)
{
    rewatch(now.exists);
    if (now == m_stamp)
        return;
    m_stamp = now;
    m_settle.start(); // restarts: read once the file has been still for the settle delay
    if (m_nextLook == Look::Settled) // asked before this change was seen: wait the delay again
        m_nextLook.reset();
}

void SnapshotWatcher::settled(const Stamp &now)
{
    if (!(now == m_stamp)) { // still changing
        m_stamp = now;
        m_settle.start();
        return;
    }
    if (!now.exists) {
        setStale(tr("the file is gone"));
        return;
    }
    if (now.size == 0) {
        setStale(tr("the file is empty (being rewritten?)"));
        return;
    }
    m_reading = true;
    m_controller.openFile(source());
}

void SnapshotWatcher::setStale(const QString &reason)
{
    if (reason != m_staleReason) // the same trouble seen again is not news
        m_staleSince = QDateTime::currentDateTimeUtc();
    m_staleReason = reason;
    Q_EMIT stateChanged();
}

} // namespace edgemap
