// Watching a snapshot file that a scheduled task rewrites: replaced, truncated, deleted and
// recreated, the last good check stays and the watcher says why it is stale.
#include "document.h"
#include "snapshotcontroller.h"
#include "snapshotwatcher.h"
#include "topologyfile.h"
#include "tst_watch_util.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace edgemap;
using namespace edgemap::watchtest;

class TstSnapshotWatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void followsReplaceTruncateDeleteRecreate();
};

void TstSnapshotWatcher::followsReplaceTruncateDeleteRecreate()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("edge01.txt"));
    Document doc(topologyfile::defaultTopology());
    SnapshotController controller(doc);
    SnapshotWatcher watcher(controller);
    watcher.setPollInterval(100);
    watcher.setSettleDelay(150);
    QSignalSpy finished(&controller, &SnapshotController::finished);
    QSignalSpy state(&watcher, &SnapshotWatcher::stateChanged);

    QVERIFY(writeFile(path, snapshotFor(doc.topology(), 8057)));
    watcher.watch(path);
    QVERIFY(finished.wait(5000));
    QCOMPARE(doc.check()->judgement.problemCount(), 1); // 8057 missing
    QVERIFY(!watcher.isStale());

    // Replaced the way careful writers do it: written elsewhere, renamed over the old file.
    QVERIFY(replaceFile(path, snapshotFor(doc.topology())));
    QVERIFY(finished.wait(5000));
    QCOMPARE(doc.check()->judgement.problemCount(), 0);

    // Truncated while being rewritten: the last good check stays, marked stale.
    const CheckResult *good = doc.check();
    QVERIFY(writeFile(path, QByteArray()));
    QTRY_VERIFY_WITH_TIMEOUT(watcher.isStale(), 5000);
    QVERIFY2(watcher.staleReason().contains(QStringLiteral("empty")),
             qPrintable(watcher.staleReason()));
    QCOMPARE(doc.check(), good);

    // Gone for a while.
    QVERIFY(QFile::remove(path));
    QTRY_VERIFY_WITH_TIMEOUT(watcher.staleReason().contains(QStringLiteral("gone")), 5000);
    QCOMPARE(doc.check(), good);

    // Half-written garbage: the read fails, the good check stays.
    QVERIFY(writeFile(path, "  TCP    192.0.2.10:44"));
    QTRY_VERIFY_WITH_TIMEOUT(watcher.staleReason().contains(QStringLiteral("failed")), 5000);
    QCOMPARE(doc.check(), good);

    // Back again: fresh.
    QVERIFY(writeFile(path, snapshotFor(doc.topology(), 5062)));
    QVERIFY(finished.wait(5000));
    QTRY_VERIFY_WITH_TIMEOUT(!watcher.isStale(), 5000);
    QCOMPARE(doc.check()->judgement.problemCount(), 1);
    QVERIFY(watcher.lastGoodRead().isValid());
}

QTEST_MAIN(TstSnapshotWatcher)
#include "tst_snapshotwatcher.moc"
