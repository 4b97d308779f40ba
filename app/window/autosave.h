#pragma once

#include "core/topology.h"
#include "io/error.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>

class QLockFile;

namespace edgemap {

class Document;

// Crash-safe autosave of unsaved work. While the document has unsaved changes, a copy is written
// (atomically, like every save) a few seconds after the last change, to the user's application
// data folder, never next to the user's file. A clean save or a discard removes it; after a
// crash the copy is still there and is offered back on the next start (pending()).
class Autosave : public QObject
{
    Q_OBJECT

public:
    // `directory` empty: <AppDataLocation>/autosave.
    explicit Autosave(Document &document, const QString &directory = {}, QObject *parent = nullptr);
    ~Autosave() override;

    void setDelay(int ms) { m_timer.setInterval(ms); }
    QString directory() const { return m_directory; }

    struct Entry
    {
        QString autosavePath; // the copy
        QString originalPath; // the file it belongs to, empty for an untitled topology
        QDateTime saved;
        QString topologyName;
    };
    // The copy this session keeps for its document, empty when there is none.
    QString currentCopy() const { return m_writtenFor; }

    // Autosaved copies left by sessions that are no longer running (a crash), newest first.
    // Copies of a running EdgeMap, this one included, are neither offered nor touched.
    QList<Entry> pending() const;
    // Loads a copy into the document (as modified, with its original path) and removes the copy.
    // Returns why it could not, with the copy's path; empty on success.
    Error restore(const Entry &entry);
    void discard(const Entry &entry);
    // Removes this document's copy (after a save, or when the user discards the changes).
    void clear();
    // Writes the copy now (the timer calls this). False when there is nothing to write or the
    // write failed; a failure is also announced with writeFailed and kept in lastError().
    bool writeNow();
    // Why the last writeNow() failed; empty after a successful one.
    Error lastError() const { return m_error; }

Q_SIGNALS:
    // The copy could not be written (a full disk, a read-only folder): the unsaved work is not
    // protected until a later write succeeds. The previous copy, if any, is left as it was.
    void writeFailed(const edgemap::Error &error);

private:
    QString copyPath() const;
    bool fail(const Error &error);

    Document &m_document;
    QString m_directory;
    QTimer m_timer;
    QString m_writtenFor; // the copy this session wrote, so that a new path does not orphan it
    // Each session's copies carry its own id, and the session holds <id>.lock while it runs:
    // a copy is offered only when no live EdgeMap holds its lock (a crashed one's lock is stale),
    // and a session never writes over or deletes a copy that another session left.
    QString m_session;
    std::unique_ptr<QLockFile> m_lock;
    Error m_error;
};

} // namespace edgemap
