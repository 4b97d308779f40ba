// SnapshotController: judging the loaded snapshots again after the topology changed.
#include "live/snapshotcontroller.h"

#include "snapshot/snapshotdiff.h"

#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

namespace edgemap {

namespace {

// The checks judged again against `topology` (with `analysis`, its path analysis): each server's
// current and previous checks on the server they were on (the edit kept it: the document drops
// the checks of removed servers), the latest result that matched no server matched again (the
// edit may have given it one).
CheckSet rejudgeSet(const Topology &topology, const PathAnalysis &analysis, const CheckSet &base,
                    const QString &override)
{
    CheckSet next = base;
    std::shared_ptr<const CheckResult> latest = base.latest();
    for (const ServerId &server : base.servers()) {
        const std::shared_ptr<const CheckResult> current = base.currentOf(server);
        auto judged = std::make_shared<const CheckResult>(
                rejudge(topology, analysis, *current, server.value()));
        std::shared_ptr<const CheckResult> previous;
        SnapshotDiff diff;
        if (const CheckResult *p = base.previousCheckFor(server)) {
            previous = std::make_shared<const CheckResult>(
                    rejudge(topology, analysis, *p, server.value()));
            if (judged->ok() && previous->ok())
                diff = compareChecks(*previous, *judged);
        }
        if (latest == current)
            latest = judged;
        // No longer matching its server: nothing left to show there.
        next = next.withServer(server, judged->ok() ? judged : nullptr, std::move(previous),
                               std::move(diff), base.showsChangesOf(server));
    }
    if (latest && latest == base.latest() && !latest->ok() && !latest->snapshot.rows.isEmpty()) {
        auto again = std::make_shared<const CheckResult>(
                rejudge(topology, analysis, *latest, override));
        return again->ok() ? next.withCheck(again, topology) : next.withLatest(again);
    }
    return next.withLatest(latest);
}

} // namespace

void SnapshotController::rejudgeAll()
{
    ++m_generation;      // results read against the old topology are judged again on delivery
    m_rejudging = false; // an earlier re-judging in flight is stale now
    const CheckSet base = m_document.checks();
    const std::shared_ptr<const CheckResult> latest = base.latest();
    const bool unmatched = latest && !latest->ok() && !latest->snapshot.rows.isEmpty();
    if (base.servers().isEmpty() && !unmatched) {
        updateBusy();
        return;
    }

    const quint64 generation = m_generation;
    auto *watcher = new QFutureWatcher<RejudgeOutcome>(this);
    connect(watcher, &QFutureWatcher<RejudgeOutcome>::finished, this,
            [this, watcher, generation] { deliverRejudged(watcher, generation); });
    m_rejudging = true;
    updateBusy();
    // The edit's new analysis when it changed what the analysis reads (built here, off the GUI
    // thread, unless a view needed it first), the unchanged one otherwise.
    watcher->setFuture(QtConcurrent::run([state = m_document.state(), base,
                                          override = m_serverOverride] {
        return RejudgeOutcome{base, rejudgeSet(state.topology, *state.analysis, base, override)};
    }));
}

void SnapshotController::deliverRejudged(QFutureWatcher<RejudgeOutcome> *watcher,
                                         quint64 generation)
{
    watcher->deleteLater();
    if (generation != m_generation || watcher->future().resultCount() == 0)
        return; // another change came in: its own re-judging delivers
    m_rejudging = false;
    const RejudgeOutcome out = watcher->future().result();
    // A load that landed meanwhile was judged against this topology already: it keeps its place.
    m_document.setChecks(m_document.checks().merged(out.base, out.next));
    // Only rejudged: finished() answers a load, and a live source waiting for its own read
    // must not take a re-judging of its old snapshot for it (its read could still fail).
    Q_EMIT rejudged();
    updateBusy();
}

// A load that was read while the topology changed: judge it against the current topology
// before it reaches the document, as the same job would have.
void SnapshotController::rejudgeLate(const Job &job, const CheckResult &result)
{
    if (result.snapshot.rows.isEmpty()) {
        auto unread = std::make_shared<const CheckResult>(result);
        const CheckSet &base = m_document.checks();
        deliverOutcome(job, {unread, base, base.withCheck(unread, m_document.topology())});
        return;
    }
    const DocumentState state = m_document.state();
    const QString server = m_serverOverride;
    start(
            job.source,
            [state, result, server](QPromise<Outcome> &) {
                return rejudge(state.topology, *state.analysis, result, server);
            },
            false);
}

} // namespace edgemap
