// Watching a snapshot file that a scheduled task rewrites: replaced, truncated, deleted and
// recreated, the last good check stays and the watcher says why it is stale.
#include "document/document.h"
#include "io/topologyfile.h"
#include "live/snapshotcontroller.h"
#include "live/snapshotwatcher.h"
#include "support/tst_source_util.h"
#include "support/tst_watch_util.h"

#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace edgemap;
using namespace edgemap::watchtest;
using edgemap::sourcetest::sourceAt;

class TstSnapshotWatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void followsReplaceTruncateDeleteRecreate();
    void switchingOrStoppingDropsTheLookInFlight();
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
    const SnapshotSource source = SnapshotSource::watchedFile(QFileInfo(path).absoluteFilePath());
    QCOMPARE(watcher.source(), source);
    QVERIFY(finished.wait(5000));
    QCOMPARE(sourceAt(finished.constFirst()), source); // its reads come as the watched file
    QCOMPARE(doc.checks().latest().get()->source, source);
    QCOMPARE(doc.checks().latest().get()->judgement.problemCount(), 1); // 8057 missing
    QVERIFY(!watcher.isStale());

    // Replaced the way careful writers do it: written elsewhere, renamed over the old file.
    QVERIFY(replaceFile(path, snapshotFor(doc.topology())));
    QVERIFY(finished.wait(5000));
    QCOMPARE(doc.checks().latest().get()->judgement.problemCount(), 0);

    // Truncated while being rewritten: the last good check stays, marked stale.
    const CheckResult *good = doc.checks().latest().get();
    QVERIFY(writeFile(path, QByteArray()));
    QTRY_VERIFY_WITH_TIMEOUT(watcher.isStale(), 5000);
    QVERIFY2(watcher.staleReason().contains(QStringLiteral("empty")),
             qPrintable(watcher.staleReason()));
    QCOMPARE(doc.checks().latest().get(), good);

    // Gone for a while.
    QVERIFY(QFile::remove(path));
    QTRY_VERIFY_WITH_TIMEOUT(watcher.staleReason().contains(QStringLiteral("gone")), 5000);
    QCOMPARE(doc.checks().latest().get(), good);

    // Half-written garbage: the read fails, the good check stays.
    QVERIFY(writeFile(path, "  TCP    10.45.16.10:44"));
    QTRY_VERIFY_WITH_TIMEOUT(watcher.staleReason().contains(QStringLiteral("failed")), 5000);
    QCOMPARE(doc.checks().latest().get(), good);

    // Back again: fresh.
    QVERIFY(writeFile(path, snapshotFor(doc.topology(), 5062)));
    QVERIFY(finished.wait(5000));
    QTRY_VERIFY_WITH_TIMEOUT(!watcher.isStale(), 5000);
    QCOMPARE(doc.checks().latest().get()->judgement.problemCount(), 1);
    QVERIFY(watcher.lastGoodRead().isValid());
}

void TstSnapshotWatcher::switchingOrStoppingDropsTheLookInFlight()
{
    // The file is looked at off the GUI thread; a look still in flight when the user picks
    // another file (or stops) must not lead to a read of the old one.
    QTemporaryDir dir;
    const QString a = dir.filePath(QStringLiteral("a.txt"));
    const QString b = dir.filePath(QStringLiteral("b.txt"));
    Document doc(topologyfile::defaultTopology());
    QVERIFY(writeFile(a, snapshotFor(doc.topology(), 8057)));
    QVERIFY(writeFile(b, snapshotFor(doc.topology())));
    SnapshotController controller(doc);
    SnapshotWatcher watcher(controller);
    watcher.setPollInterval(100);
    watcher.setSettleDelay(150);
    QSignalSpy finished(&controller, &SnapshotController::finished);

    watcher.watch(a);
    watcher.watch(b); // before the look at a has come back
    QVERIFY(finished.wait(5000));
    QCOMPARE(sourceAt(finished.constFirst()),
             SnapshotSource::watchedFile(QFileInfo(b).absoluteFilePath()));
    QCOMPARE(doc.checks().latest().get()->judgement.problemCount(), 0);
    QTest::qWait(600); // polls keep looking at b, which has not changed: no second read
    QCOMPARE(finished.size(), 1);

    watcher.stop();
    QVERIFY(writeFile(b, snapshotFor(doc.topology(), 8057)));
    watcher.watch(a);
    watcher.stop();
    QTest::qWait(600);
    QCOMPARE(finished.size(), 1);
    QVERIFY(!watcher.isWatching());
    QCOMPARE(watcher.source(), SnapshotSource());
    QVERIFY(!watcher.isStale());
}

QTEST_MAIN(TstSnapshotWatcher)
#include "tst_snapshotwatcher.moc"
