#pragma once

#include "snapshot/snapshotsource.h"

#include <QDateTime>
#include <QFileSystemWatcher>
#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QTimer>

#include <optional>

namespace edgemap {

class SnapshotController;

// Watches a snapshot file that something else rewrites (a scheduled task on the Edge writing to a
// share) and has it read again when it changes. It survives the file being replaced (written
// elsewhere and renamed over, which drops a QFileSystemWatcher watch), truncated, half written or
// gone for a while: a change is only read once the file has stopped changing, and while the file
// is unusable the last good check stays in the document, reported as stale with the reason.
// Notifications are unreliable on network shares, so the file is also polled. The file is only
// ever looked at off the GUI thread (a stat on a share that has gone away can block for tens of
// seconds on Windows); one look at a time, later requests folded into the next.
class SnapshotWatcher : public QObject
{
    Q_OBJECT

public:
    explicit SnapshotWatcher(SnapshotController &controller, QObject *parent = nullptr);

    void watch(const QString &path);
    void stop();
    QString path() const { return m_path; } // absolute; empty when not watching
    bool isWatching() const { return !m_path.isEmpty(); }
    // What its reads reach the controller as: SnapshotSource::watchedFile(path()); null when not
    // watching.
    SnapshotSource source() const;

    // Stale: the last read failed or the file is gone or empty; the reason says which.
    bool isStale() const { return !m_staleReason.isEmpty(); }
    QString staleReason() const { return m_staleReason; }
    // When the current stale reason first applied (UTC); invalid when not stale.
    QDateTime staleSince() const { return m_staleSince; }
    QDateTime lastGoodRead() const { return m_lastGood; }

    void setPollInterval(int ms) { m_poll.setInterval(ms); }
    // How long the file must stay unchanged before it is read (the writer may still be writing).
    void setSettleDelay(int ms) { m_settle.setInterval(ms); }

Q_SIGNALS:
    void stateChanged();

private:
    struct Stamp
    {
        bool exists = false;
        qint64 size = -1;
        QDateTime modified;
        friend bool operator==(const Stamp &, const Stamp &) = default;
    };

    // What a look at the file is for: noticing a change, or confirming it has settled.
    enum class Look { Changed, Settled };

    static Stamp stampOf(const QString &path); // thread-safe
    void look(Look why);
    void looked();
    void somethingChanged(const Stamp &now);
    void settled(const Stamp &now);
    void setStale(const QString &reason);
    void rewatch(bool fileExists);

    SnapshotController &m_controller;
    QFileSystemWatcher m_fs;
    QTimer m_poll;
    QTimer m_settle;
    QString m_path;
    Stamp m_stamp;
    QString m_staleReason;
    QDateTime m_staleSince;
    QDateTime m_lastGood;
    bool m_reading = false;
    QFutureWatcher<Stamp> m_look;
    bool m_looking = false;
    Look m_lookingFor = Look::Changed;
    QString m_lookingAt;            // the path the look in flight is about
    std::optional<Look> m_nextLook; // asked for while one was in flight
};

} // namespace edgemap
