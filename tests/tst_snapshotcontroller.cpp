// Loading a snapshot in the GUI: off the GUI thread, into the Document, shown in the tree and the
// details; failures keep the previous check; cancel; re-judging after the topology changes.
#include "detailsview.h"
#include "document.h"
#include "mainwindow.h"
#include "snapshotcontroller.h"
#include "topologyfile.h"
#include "topologytreemodel.h"
#include "treeref.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace edgemap;

namespace {

const QString kSample
        = QStringLiteral(EDGEMAP_SOURCE_DIR "/resources/samples/edge01-netstat-anob.txt");

QString statusCell(const MainWindow &w, const QString &listener)
{
    const QModelIndex i = w.treeModel()->indexFor(TreeRef::listener(ListenerId(listener)));
    return i.siblingAtColumn(TopologyTreeModel::StatusColumn).data().toString();
}

} // namespace

class TstSnapshotController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sampleIsJudgedAndShown();
    void unreadableSnapshotKeepsThePreviousCheck();
    void cancelLeavesTheDocumentAlone();
    void topologyChangeRejudges();
};

void TstSnapshotController::sampleIsJudgedAndShown()
{
    Document doc(topologyfile::defaultTopology());
    MainWindow window(doc);
    window.setInteractive(false);
    QCOMPARE(statusCell(window, QStringLiteral("edge01-int-tcp-8057")),
             QStringLiteral("\u2013 Not checked"));
    QSignalSpy done(window.snapshots(), &SnapshotController::finished);
    window.openSnapshot(kSample);
    QVERIFY(done.wait(10000));
    QVERIFY(doc.check() && doc.check()->ok());
    QCOMPARE(doc.check()->server.value(), QStringLiteral("edge01"));
    QCOMPARE(statusCell(window, QStringLiteral("edge01-int-tcp-8057")),
             QStringLiteral("\u2717 Missing"));
    QCOMPARE(statusCell(window, QStringLiteral("edge01-webconf-tcp-443")),
             QStringLiteral("\u2717 Missing"));
    QCOMPARE(statusCell(window, QStringLiteral("edge01-int-tcp-5061")),
             QStringLiteral("\u2713 OK"));
    QCOMPARE(statusCell(window, QStringLiteral("edge01-av-udp-50000-59999")),
             QStringLiteral("\u223f Dynamic"));
    const QModelIndex server
            = window.treeModel()->indexFor(TreeRef::server(ServerId(QStringLiteral("edge01"))));
    QCOMPARE(server.siblingAtColumn(TopologyTreeModel::StatusColumn).data().toString(),
             QStringLiteral("\u2717 2 problems"));

    QVERIFY(window.selectRef(TreeRef::listener(ListenerId(QStringLiteral("edge01-int-tcp-5061")))));
    const QString details = window.detailsView()->toPlainText();
    QVERIFY2(details.contains(QStringLiteral("In the snapshot")), qPrintable(details));
    QVERIFY(details.contains(QStringLiteral("RTCSrv.exe (PID 2216) on 172.25.33.10")));
    QVERIFY(details.contains(
            QStringLiteral("Director"))); // established connections from the Director
    QVERIFY(details.contains(QStringLiteral("Remote user sign-in"))); // what breaks if it is down
}

void TstSnapshotController::unreadableSnapshotKeepsThePreviousCheck()
{
    Document doc(topologyfile::defaultTopology());
    MainWindow window(doc);
    window.setInteractive(false);
    QSignalSpy done(window.snapshots(), &SnapshotController::finished);
    window.openSnapshot(kSample);
    QVERIFY(done.wait(10000));
    const CheckResult *before = doc.check();

    QTemporaryDir dir;
    const QString garbage = dir.filePath(QStringLiteral("garbage.txt"));
    QFile f(garbage);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("this is not netstat output\nnor is this\n");
    f.close();
    QSignalSpy failed(window.snapshots(), &SnapshotController::failed);
    window.openSnapshot(garbage);
    QVERIFY(failed.wait(10000));
    QCOMPARE(doc.check(), before);
    QVERIFY2(window.lastError().contains(QStringLiteral("no netstat or PowerShell socket rows")),
             qPrintable(window.lastError()));
    QVERIFY(window.lastError().contains(garbage));
}

void TstSnapshotController::cancelLeavesTheDocumentAlone()
{
    Document doc(topologyfile::defaultTopology());
    SnapshotController controller(doc);
    QTemporaryDir dir;
    const QString big = dir.filePath(QStringLiteral("big.txt"));
    {
        QFile f(big);
        QVERIFY(f.open(QIODevice::WriteOnly));
        const QByteArray row
                = "  TCP    192.0.2.30:50001       203.0.113.5:61000      ESTABLISHED     3104\r\n";
        QByteArray chunk;
        for (int i = 0; i < 10000; ++i)
            chunk += row;
        for (int i = 0; i < 60; ++i) // ~48 MB: several read chunks, so cancel lands mid-read
            f.write(chunk);
    }
    QSignalSpy cancelled(&controller, &SnapshotController::cancelled);
    QSignalSpy finished(&controller, &SnapshotController::finished);
    controller.openFile(big);
    controller.cancel();
    QVERIFY(cancelled.wait(20000));
    QCOMPARE(finished.size(), 0);
    QVERIFY(doc.check() == nullptr);
}

void TstSnapshotController::topologyChangeRejudges()
{
    Document doc(topologyfile::defaultTopology());
    SnapshotController controller(doc);
    QSignalSpy finished(&controller, &SnapshotController::finished);
    controller.openFile(kSample);
    QVERIFY(finished.wait(10000));
    QCOMPARE(doc.verdict(ListenerId(QStringLiteral("edge01-int-tcp-8057")))->status,
             ListenerStatus::Missing);

    // Disable the Web Conferencing service: its listeners are no longer expected.
    Topology changed = doc.topology();
    for (Service &s : changed.services)
        if (s.id.value() == QLatin1String("RTCDATAPROXY"))
            s.enabled = false;
    doc.resetTopology(changed, {});
    QVERIFY(finished.wait(10000));
    QCOMPARE(doc.verdict(ListenerId(QStringLiteral("edge01-int-tcp-8057")))->status,
             ListenerStatus::NotChecked);
    QCOMPARE(doc.check()->judgement.problemCount(), 0);
}

QTEST_MAIN(TstSnapshotController)
#include "tst_snapshotcontroller.moc"
