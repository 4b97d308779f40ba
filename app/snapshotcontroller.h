#pragma once

#include "check.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>

namespace edgemap {

class Document;

// Loads snapshots off the GUI thread: reads, matches and judges in a worker (QtConcurrent), then
// hands the result to the Document on the GUI thread. A newer request cancels an older one; a
// cancelled or superseded result never reaches the document. When the topology is replaced, the
// loaded snapshot is judged again, in the background too.
class SnapshotController : public QObject
{
    Q_OBJECT

public:
    explicit SnapshotController(Document &document, QObject *parent = nullptr);
    ~SnapshotController() override;

    void openFile(const QString &path);
    void openBytes(const QByteArray &bytes, const QString &label);
    void cancel();
    bool isBusy() const { return m_watcher.isRunning(); }

    // The server to judge against when the addresses cannot tell (id or FQDN); empty: automatic.
    void setServerOverride(const QString &server) { m_serverOverride = server; }

Q_SIGNALS:
    void started(const QString &source);
    void progress(int permille);
    // The document has the new check (which may carry a match error for the user to see).
    void finished(const QString &source);
    void failed(const QString &source, const QString &message);
    void cancelled(const QString &source);

private:
    void start(const QString &source, std::function<CheckResult(QPromise<CheckResult> &)> work);
    void deliver();
    void rejudgeAfterReset();

    Document &m_document;
    QFutureWatcher<CheckResult> m_watcher;
    QString m_source;
    QString m_serverOverride;
};

} // namespace edgemap
