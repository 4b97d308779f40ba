#include "live/snapshotcontroller.h"

#include "snapshot/snapshotdiff.h"

#include <QPromise>

#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>

namespace edgemap {

SnapshotController::SnapshotController(Document &document, QObject *parent)
    : QObject(parent)
    , m_document(document)
{
    connect(&document, &Document::topologyReplaced, this, &SnapshotController::rejudgeAll);
    connect(&document, &Document::structureChanged, this, &SnapshotController::rejudgeAll);
    // A name or a text that no verdict reads judges nothing again (affectsJudgement).
    connect(&document, &Document::fieldChanged, this, [this](const FieldRef &ref) {
        if (affectsJudgement(ref.field))
            rejudgeAll();
    });
}

SnapshotController::~SnapshotController()
{
    // Workers hold copies of everything they use, but their results must not outlive us.
    const QList<QFutureWatcherBase *> watchers = findChildren<QFutureWatcherBase *>();
    for (QFutureWatcherBase *w : watchers)
        w->cancel();
    for (QFutureWatcherBase *w : watchers)
        w->waitForFinished();
}

// Each job judges against the document's state as it is now, with the state's path analysis:
// the one the diagram and the details use, built once by whichever needs it first.
void SnapshotController::openFile(const SnapshotSource &file)
{
    Q_ASSERT(file.isFile());
    const DocumentState state = m_document.state();
    const QString server = m_serverOverride;
    start(file, [state, file, server](QPromise<Outcome> &promise) {
        return readAndJudge(state.topology, *state.analysis, file, server,
                            [&promise](qint64 done, qint64 total) {
                                if (total > 0)
                                    promise.setProgressValue(int(done * 1000 / total));
                                return !promise.isCanceled();
                            });
    });
}

void SnapshotController::openBytes(const QByteArray &bytes, const SnapshotSource &source)
{
    const DocumentState state = m_document.state();
    const QString server = m_serverOverride;
    start(source, [state, bytes, source, server](QPromise<Outcome> &) {
        return readAndJudge(state.topology, *state.analysis, bytes, source, server);
    });
}

void SnapshotController::openRead(const SnapshotSource &source,
                                  std::function<snapshotfile::ReadResult()> read)
{
    const DocumentState state = m_document.state();
    const QString server = m_serverOverride;
    start(source, [state, read = std::move(read), source, server](QPromise<Outcome> &) {
        return readAndJudge(state.topology, *state.analysis, read(), source, server);
    });
}

bool SnapshotController::isUnmatched(const SnapshotSource &source) const
{
    return std::any_of(m_unmatched.cbegin(), m_unmatched.cend(),
                       [&](const auto &r) { return r->source == source; });
}

bool SnapshotController::assignServer(const SnapshotSource &source, const ServerId &server)
{
    const auto it = std::find_if(m_unmatched.cbegin(), m_unmatched.cend(),
                                 [&](const auto &r) { return r->source == source; });
    if (it == m_unmatched.cend())
        return false;
    const std::shared_ptr<const CheckResult> unmatched = *it;
    m_unmatched.erase(it);
    // Already read: only matched (to the server named) and judged again, off the GUI thread.
    const DocumentState state = m_document.state();
    start(source, [state, unmatched, server](QPromise<Outcome> &) {
        return rejudge(state.topology, *state.analysis, *unmatched, server.value());
    });
    return true;
}

void SnapshotController::dropUnmatched(const SnapshotSource &source)
{
    m_unmatched.removeIf([&](const auto &r) { return r->source == source; });
}

void SnapshotController::openFiles(const QStringList &paths)
{
    for (const QString &path : paths)
        openFile(SnapshotSource::file(path));
}

void SnapshotController::cancel()
{
    for (const Job &job : std::as_const(m_jobs))
        job.watcher->cancel();
}

void SnapshotController::start(const SnapshotSource &source, Work work, bool announce)
{
    for (Job &job : m_jobs)
        if (job.source == source && !job.superseded) {
            // Read again before the last read finished: only the newer result counts.
            job.superseded = true;
            job.watcher->cancel();
        }

    auto *watcher = new QFutureWatcher<Outcome>(this);
    m_jobs.append({source, m_generation, false, 0, watcher});
    connect(watcher, &QFutureWatcher<Outcome>::progressValueChanged, this, [this, watcher](int v) {
        for (Job &job : m_jobs)
            if (job.watcher == watcher)
                job.permille = v;
        updateProgress();
    });
    connect(watcher, &QFutureWatcher<Outcome>::finished, this,
            [this, watcher] { deliver(watcher); });
    if (announce)
        Q_EMIT started(source);
    updateBusy();
    watcher->setFuture(
            QtConcurrent::run([work, base = m_document.checks(),
                               topology = m_document.topology()](QPromise<Outcome> &promise) {
                promise.setProgressRange(0, 1000);
                auto result = std::make_shared<const CheckResult>(work(promise));
                if (promise.isCanceled())
                    return;
                CheckSet next = base.withCheck(result, topology);
                promise.addResult(Outcome{std::move(result), base, std::move(next)});
            }));
}

void SnapshotController::deliver(QFutureWatcher<Outcome> *watcher)
{
    watcher->deleteLater();
    const auto it = std::find_if(m_jobs.begin(), m_jobs.end(),
                                 [watcher](const Job &j) { return j.watcher == watcher; });
    if (it == m_jobs.end())
        return;
    const Job job = *it;
    m_jobs.erase(it);
    const QFuture<Outcome> future = watcher->future();
    if (job.superseded) {
        // The newer request for the same source reports for both.
    } else if (future.isCanceled() || future.resultCount() == 0
               || future.result().result->cancelled) {
        Q_EMIT cancelled(job.source);
    } else if (job.generation != m_generation) {
        rejudgeLate(job, *future.result().result);
    } else {
        deliverOutcome(job, future.result());
    }
    updateProgress();
    updateBusy();
}

void SnapshotController::compareAgain(const Job &job, std::shared_ptr<const CheckResult> result)
{
    // A job of its own: busy meanwhile, superseded by a newer read of the same source, judged
    // again if the topology changes, delivered through deliver() like any load.
    auto *watcher = new QFutureWatcher<Outcome>(this);
    m_jobs.append({job.source, job.generation, false, 1000, watcher});
    connect(watcher, &QFutureWatcher<Outcome>::finished, this,
            [this, watcher] { deliver(watcher); });
    updateBusy();
    watcher->setFuture(QtConcurrent::run(
            [result, base = m_document.checks(), topology = m_document.topology()] {
                return Outcome{result, base, base.withCheck(result, topology)};
            }));
}

void SnapshotController::deliverOutcome(const Job &job, const Outcome &outcome)
{
    const CheckResult &result = *outcome.result;
    if (result.error.isError() && result.snapshot.rows.isEmpty()) {
        // Unreadable: keep whatever checks the document has.
        Q_EMIT failed(job.source, result.error.toString());
        return;
    }
    const CheckSet &now = m_document.checks();
    if (result.ok() && now.currentOf(result.server) != outcome.base.currentOf(result.server)) {
        // Another load of this server landed while this one ran: compare with that one off the
        // GUI thread (a big snapshot takes a while), then deliver.
        compareAgain(job, outcome.result);
        return;
    }
    const QString matchError = result.error.isError() ? result.error.toString() : QString();
    dropUnmatched(job.source);
    if (!matchError.isEmpty())
        m_unmatched.append(outcome.result); // read: the user may say which server it is
    // Other servers keep what landed on them meanwhile; this result is the latest either way.
    m_document.setChecks(now.merged(outcome.base, outcome.next).withLatest(outcome.result));
    if (!matchError.isEmpty())
        Q_EMIT failed(job.source, matchError);
    else
        Q_EMIT finished(job.source);
}

void SnapshotController::updateProgress()
{
    if (m_jobs.isEmpty())
        return;
    qint64 sum = 0;
    for (const Job &job : std::as_const(m_jobs))
        sum += job.permille;
    Q_EMIT progress(int(sum / m_jobs.size()));
}

void SnapshotController::updateBusy()
{
    // Announces isBusy() when it differs from what was last announced.
    const bool busy = isBusy();
    if (m_announcedBusy == busy)
        return;
    m_announcedBusy = busy;
    Q_EMIT busyChanged(busy);
}

} // namespace edgemap
