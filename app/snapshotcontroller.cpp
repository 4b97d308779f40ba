#include "snapshotcontroller.h"

#include "document.h"

#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

namespace edgemap {

SnapshotController::SnapshotController(Document &document, QObject *parent)
    : QObject(parent)
    , m_document(document)
{
    connect(&m_watcher, &QFutureWatcher<CheckResult>::progressValueChanged, this,
            &SnapshotController::progress);
    connect(&m_watcher, &QFutureWatcher<CheckResult>::finished, this, &SnapshotController::deliver);
    connect(&document, &Document::topologyReset, this, &SnapshotController::rejudgeAfterReset);
}

SnapshotController::~SnapshotController()
{
    m_watcher.cancel();
    m_watcher.waitForFinished();
}

void SnapshotController::openFile(const QString &path)
{
    const Topology topology = m_document.topology();
    const QString server = m_serverOverride;
    start(path, [topology, path, server](QPromise<CheckResult> &promise) {
        return runCheck(topology, path, server, [&promise](qint64 done, qint64 total) {
            if (total > 0)
                promise.setProgressValue(int(done * 1000 / total));
            return !promise.isCanceled();
        });
    });
}

void SnapshotController::openBytes(const QByteArray &bytes, const QString &label)
{
    const Topology topology = m_document.topology();
    const QString server = m_serverOverride;
    start(label, [topology, bytes, label, server](QPromise<CheckResult> &) {
        return runCheck(topology, bytes, label, server);
    });
}

void SnapshotController::cancel()
{
    m_watcher.cancel();
}

void SnapshotController::start(const QString &source,
                               std::function<CheckResult(QPromise<CheckResult> &)> work)
{
    if (m_watcher.isRunning()) {
        // The older request is superseded: cancel it and wait for its worker to notice (it
        // checks between chunks), so that only one result is ever in flight.
        m_watcher.cancel();
        m_watcher.waitForFinished();
    }
    m_source = source;
    Q_EMIT started(source);
    QFuture<CheckResult> future = QtConcurrent::run([work](QPromise<CheckResult> &promise) {
        promise.setProgressRange(0, 1000);
        CheckResult result = work(promise);
        if (!promise.isCanceled())
            promise.addResult(std::move(result));
    });
    m_watcher.setFuture(future);
}

void SnapshotController::deliver()
{
    const QFuture<CheckResult> future = m_watcher.future();
    if (future.isCanceled() || future.resultCount() == 0) {
        Q_EMIT cancelled(m_source);
        return;
    }
    CheckResult result = future.result();
    if (result.cancelled) {
        Q_EMIT cancelled(m_source);
        return;
    }
    if (result.error.isError() && result.snapshot.rows.isEmpty()) {
        // Unreadable: keep whatever check the document had.
        Q_EMIT failed(m_source, result.error.toString());
        return;
    }
    const QString matchError = result.error.isError() ? result.error.toString() : QString();
    m_document.setCheck(std::make_shared<const CheckResult>(std::move(result)));
    if (!matchError.isEmpty())
        Q_EMIT failed(m_source, matchError);
    else
        Q_EMIT finished(m_source);
}

void SnapshotController::rejudgeAfterReset()
{
    const CheckResult *current = m_document.check();
    if (!current || current->snapshot.rows.isEmpty() || m_watcher.isRunning())
        return;
    const Topology topology = m_document.topology();
    const CheckResult previous = *current;
    const QString server = m_serverOverride;
    start(previous.source, [topology, previous, server](QPromise<CheckResult> &) {
        return rejudge(topology, previous, server);
    });
}

} // namespace edgemap
