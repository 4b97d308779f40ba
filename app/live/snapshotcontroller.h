#pragma once

#include "document/document.h"
#include "snapshot/check.h"
#include "snapshot/snapshotsource.h"

#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>

namespace edgemap {

// Loads snapshots off the GUI thread: reads, matches and judges in workers (QtConcurrent), each
// computing the document's next CheckSet from a copy of the current one (the comparison with the
// server's previous snapshot included); the GUI thread swaps it in, keeping whatever landed
// meanwhile on other servers (CheckSet::merged). A check lands on the server it matched (a pool's
// members each keep their own). Several loads run at once; a newer request for the same source
// (a file read again, a clipboard pasted again: equal SnapshotSources) supersedes the older one,
// whose result never reaches the document, and only the newer one is answered.
//
// When the topology changes, every server's check (and its previous one, so that the changes
// stay meaningful) is judged again in the background; a load that was read against the old
// topology is judged again before it is delivered. A generation count tells stale results.
class SnapshotController : public QObject
{
    Q_OBJECT

public:
    explicit SnapshotController(Document &document, QObject *parent = nullptr);
    ~SnapshotController() override;

    // Reads the file of `file` (SnapshotSource::isFile: one the user opened or a watched one).
    void openFile(const SnapshotSource &file);
    void openBytes(const QByteArray &bytes, const SnapshotSource &source);
    // Runs `read` in a worker (a native capture of this computer), then matches and judges its
    // snapshot like a file's. `read` must be safe to call off the GUI thread.
    void openRead(const SnapshotSource &source, std::function<snapshotfile::ReadResult()> read);
    // Files the user opened (SnapshotSource::file), each read concurrently and delivered to the
    // server it matches, as it finishes.
    void openFiles(const QStringList &paths);
    // Cancels every load in progress (each reports cancelled).
    void cancel();
    bool isBusy() const { return !m_jobs.isEmpty() || m_rejudging; }

    // The server to judge against when the addresses cannot tell (id or FQDN); empty: automatic.
    void setServerOverride(const QString &server) { m_serverOverride = server; }

    // A snapshot that was read but matched no server of the topology (failed() said so) is
    // kept, for the user to say which server it is: assignServer() judges it as taken on that
    // server, in the background, and delivers it like a load (finished or failed); false when
    // no such snapshot is kept for the source. dropUnmatched() forgets it.
    bool isUnmatched(const SnapshotSource &source) const;
    bool assignServer(const SnapshotSource &source, const ServerId &server);
    void dropUnmatched(const SnapshotSource &source);

Q_SIGNALS:
    void started(const edgemap::SnapshotSource &source);
    // Of all loads in progress together.
    void progress(int permille);
    // The document has the new check (which may carry a match error for the user to see).
    void finished(const edgemap::SnapshotSource &source);
    void failed(const edgemap::SnapshotSource &source, const QString &message);
    void cancelled(const edgemap::SnapshotSource &source);
    // Some load or re-judging is in progress / none is any more.
    void busyChanged(bool busy);
    // The checks were judged again after a topology change (no finished() for those: nothing
    // was loaded).
    void rejudged();

private:
    // What a worker hands back: the check, the checks it started from and the next checks.
    struct Outcome
    {
        std::shared_ptr<const CheckResult> result;
        CheckSet base;
        CheckSet next;
    };
    using Work = std::function<CheckResult(QPromise<Outcome> &)>;
    struct Job
    {
        SnapshotSource source;
        quint64 generation = 0;
        bool superseded = false;
        int permille = 0;
        QFutureWatcher<Outcome> *watcher = nullptr;
    };
    struct RejudgeOutcome
    {
        CheckSet base;
        CheckSet next;
    };

    void start(const SnapshotSource &source, Work work, bool announce = true);
    void deliver(QFutureWatcher<Outcome> *watcher);
    void deliverOutcome(const Job &job, const Outcome &outcome);
    void compareAgain(const Job &job, std::shared_ptr<const CheckResult> result);
    void updateProgress();
    void updateBusy();

    // snapshotcontroller_rejudge.cpp
    void rejudgeAll();
    void deliverRejudged(QFutureWatcher<RejudgeOutcome> *watcher, quint64 generation);
    void rejudgeLate(const Job &job, const CheckResult &result);

    Document &m_document;
    QList<Job> m_jobs;
    QList<std::shared_ptr<const CheckResult>> m_unmatched; // read, matched no server
    QString m_serverOverride;
    quint64 m_generation = 0; // topology changes seen
    bool m_rejudging = false;
    bool m_announcedBusy = false; // the last busyChanged, so that it is sent on changes only
};

} // namespace edgemap
