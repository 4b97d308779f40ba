// SnapshotController: judging the loaded snapshots again after the topology changed.
#include "snapshotcontroller.h"

#include "snapshotdiff.h"

#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

namespace edgemap {

namespace {

// One server's checks to judge again, captured on the GUI thread (the snapshots' rows are
// implicitly shared, so the copies are cheap).
struct RejudgeInput
{
    std::shared_ptr<const CheckResult> current;
    std::optional<CheckResult> previous;
};

} // namespace

void SnapshotController::rejudgeAll()
{
    ++m_generation;      // results read against the old topology are judged again on delivery
    m_rejudging = false; // an earlier re-judging in flight is stale now
    QList<RejudgeInput> inputs;
    for (const std::shared_ptr<const CheckResult> &c : m_document.checks()) {
        RejudgeInput in{c, {}};
        if (const CheckResult *p = m_document.previousCheckFor(c->server))
            in.previous = *p;
        inputs.append(std::move(in));
    }
    // The latest result matched no server: the edit may have given it one.
    std::shared_ptr<const CheckResult> unmatched = m_document.latestCheck();
    if (!unmatched || unmatched->ok() || unmatched->snapshot.rows.isEmpty())
        unmatched.reset();
    if (inputs.isEmpty() && !unmatched) {
        updateBusy();
        return;
    }

    const Topology topology = m_document.topology();
    const QString override = m_serverOverride;
    const quint64 generation = m_generation;
    auto *watcher = new QFutureWatcher<RejudgeOutcome>(this);
    connect(watcher, &QFutureWatcher<RejudgeOutcome>::finished, this,
            [this, watcher, generation] { deliverRejudged(watcher, generation); });
    m_rejudging = true;
    updateBusy();
    watcher->setFuture(QtConcurrent::run([topology, inputs, unmatched, override] {
        RejudgeOutcome out;
        for (const RejudgeInput &in : inputs) {
            // Judged against the server it was on, which the edit kept (the document drops the
            // checks of removed servers), rather than matched again from scratch.
            const QString server = in.current->server.value();
            Document::Rejudged r;
            r.replaces = in.current;
            r.current = std::make_shared<const CheckResult>(rejudge(topology, *in.current, server));
            if (in.previous) {
                r.previous = std::make_shared<const CheckResult>(
                        rejudge(topology, *in.previous, server));
                if (r.current->ok() && r.previous->ok())
                    r.diff = compareChecks(*r.previous, *r.current);
            }
            out.servers.append(std::move(r));
        }
        if (unmatched) {
            out.latest.replaces = unmatched;
            out.latest.current
                    = std::make_shared<const CheckResult>(rejudge(topology, *unmatched, override));
        }
        return out;
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
    QList<Document::Rejudged> all = out.servers;
    const bool nowMatched = out.latest.current && out.latest.current->ok()
                            && m_document.latestCheck() == out.latest.replaces;
    if (out.latest.current && !nowMatched)
        all.append(out.latest); // still unmatched: the message may say something new
    m_document.applyRejudged(all);
    if (nowMatched)
        m_document.setCheck(out.latest.current);
    // Only rejudged: finished() answers a load, and a live source waiting for its own read
    // must not take a re-judging of its old snapshot for it (its read could still fail).
    Q_EMIT rejudged();
    updateBusy();
}

// A load that was read while the topology changed: judge it against the current topology
// before it reaches the document, as the same job would have.
void SnapshotController::rejudgeLate(const Job &job, CheckResult result)
{
    if (result.snapshot.rows.isEmpty()) {
        deliverOutcome(job, {std::move(result), {}});
        return;
    }
    const Topology topology = m_document.topology();
    const QString server = m_serverOverride;
    start(
            job.source,
            [topology, result, server](QPromise<Outcome> &) {
                return rejudge(topology, result, server);
            },
            false);
}

} // namespace edgemap
