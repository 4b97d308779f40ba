// The snapshot pane: one block per loaded snapshot with where it came from, when it was taken,
// how old it is, what it is and what the check found; changes since the server's previous
// snapshot; the state a watcher reports about a source (on the blocks that source brought, and
// no other source's even when its text is the same); the failed load; the empty hint.
#include "document/document.h"
#include "live/snapshotcontroller.h"
#include "panes/snapshotpane.h"
#include "snapshot/findings.h"
#include "support/tst_checks_util.h"
#include "support/tst_pool_util.h"
#include "support/tst_source_util.h"

#include <QFile>
#include <QLabel>
#include <QLayout>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace edgemap;
using namespace edgemap::pooltest;
using namespace Qt::StringLiterals;

namespace {

const ServerId kEdge01(u"edge01"_s);
const ServerId kEdge02(u"edge02"_s);

} // namespace

class TstSnapshotPane : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ageText_data();
    void ageText();
    void emptyState();
    void oneBlockPerServer();
    void captureHeaderTimeAndAge();
    void readAssumptionsShown();
    void changesSincePreviousSnapshot();
    void sourceState();
    void failedLoadIsShownUntilALaterSuccess();
    void removedServerLosesItsBlock();
};

void TstSnapshotPane::ageText_data()
{
    QTest::addColumn<int>("seconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("now") << 3 << u"just now"_s;
    QTest::newRow("seconds") << 45 << u"45 s ago"_s;
    QTest::newRow("minutes") << 125 << u"2 min ago"_s;
    QTest::newRow("hours") << 3 * 3600 + 59 << u"3 h ago"_s;
    QTest::newRow("one day") << 86400 + 5 << u"1 day ago"_s;
    QTest::newRow("skew") << -600 << u"in the future (clocks differ)"_s;
}

void TstSnapshotPane::ageText()
{
    QFETCH(int, seconds);
    QFETCH(QString, text);
    const QDateTime then = QDateTime(QDate(2026, 11, 24), QTime(10, 0), Qt::UTC);
    QCOMPARE(snapshotpane::ageText(then, then.addSecs(seconds)), text);
}

void TstSnapshotPane::emptyState()
{
    Document doc(twoServerPool());
    SnapshotPane pane(doc);
    QVERIFY(pane.isShowingEmptyState());
    const auto *hint = pane.findChild<QLabel *>(u"snapshotEmpty"_s);
    QVERIFY(hint);
    QCOMPARE(hint->text(), u"No snapshot loaded. Open one (Ctrl+Shift+O), paste one "
                           "(Ctrl+Shift+V) or drop a file here."_s);
    QVERIFY(pane.blockText(kEdge01).isEmpty());
    QVERIFY(pane.errorText().isEmpty());
}

void TstSnapshotPane::oneBlockPerServer()
{
    Document doc(twoServerPool());
    SnapshotPane pane(doc);
    SnapshotController controller(doc);
    QTemporaryDir dir;
    const QString a = writeText(dir, u"edge01.txt"_s, sampleText());
    const QString b = writeText(dir, u"edge02.txt"_s, edge02Text());
    QSignalSpy finished(&controller, &SnapshotController::finished);
    controller.openFiles({a, b});
    QVERIFY(waitFor(finished, 2));
    QVERIFY(!pane.isShowingEmptyState());
    const QDateTime fileTime = QFileInfo(b).lastModified();
    pane.setClock([fileTime] { return fileTime.addSecs(125); });

    const QString text = pane.blockText(kEdge02);
    const CheckResult *check = doc.checks().checkFor(kEdge02);
    QCOMPARE(check->established, 10); // counted with the judgement, not by the pane
    const QStringList expected{u"edge02.contoso.local"_s,
                               u"Source: "_s + b,
                               u"Host: not recorded"_s,
                               u"Server: edge02.contoso.local"_s,
                               u"Format: "_s + check->snapshot.format,
                               u"Encoding: utf-8"_s,
                               u"Rows: %1"_s.arg(check->snapshot.rows.size()),
                               u"Unrecognised lines: 0"_s,
                               u"Established: 10"_s,
                               u"Age: 2 min ago"_s,
                               u"Summary: %1 OK, 2 problems, %2 unexpected"_s
                                       .arg(check->judgement.listeners.size() - 2)
                                       .arg(groupUnexpected(check->judgement.unexpected).size()),
                               u"Changes: first snapshot of this server"_s};
    for (const QString &line : expected)
        QVERIFY2(text.split(u'\n').contains(line), qPrintable(line + u"\n---\n"_s + text));
    QVERIFY2(text.contains(u"(file time)"_s), qPrintable(text));
    QVERIFY(text.contains(u"Loaded: "_s));
    QVERIFY(pane.blockText(kEdge01).contains(u"Source: "_s + a));
    // The time is the file's as it was read: rewriting or deleting the file afterwards does not
    // make this snapshot look newer (or unknown), and the pane does not touch the file.
    QVERIFY(QFile::remove(b));
    pane.refresh();
    const QString later = pane.blockText(kEdge02);
    QVERIFY2(later.contains(u"(file time)"_s) && later.split(u'\n').contains(u"Age: 2 min ago"_s),
             qPrintable(later));
    // Both blocks are widgets of their own, in topology order.
    auto *first = pane.findChild<QLabel *>(u"snapshotBlock:edge01"_s);
    auto *second = pane.findChild<QLabel *>(u"snapshotBlock:edge02"_s);
    QVERIFY(first && second);
    const QLayout *blocks = first->parentWidget()->layout();
    QVERIFY(blocks->indexOf(first) < blocks->indexOf(second));
    QCOMPARE(pane.ageInterval(), 10000); // no snapshot under a minute old
}

void TstSnapshotPane::captureHeaderTimeAndAge()
{
    Document doc(twoServerPool());
    SnapshotPane pane(doc);
    const QString text = u"# host: EDGE01\r\n# time: 2026-11-24T10:00:00Z\r\n"_s + sampleText();
    deliverCheck(doc, check(doc.topology(), text, u"ssh edge01"_s));
    const QDateTime captured(QDate(2026, 11, 24), QTime(10, 0), Qt::UTC);
    QDateTime now = captured.addSecs(20);
    pane.setClock([&now] { return now; });
    const QString block = pane.blockText(kEdge01);
    QVERIFY2(block.contains(u"(from the capture header)"_s), qPrintable(block));
    QVERIFY(block.contains(u"Host: EDGE01"_s));
    QVERIFY(block.contains(u"Source: ssh edge01"_s));
    QVERIFY(block.contains(u"Age: 20 s ago"_s));
    QCOMPARE(pane.ageInterval(), 1000); // fresh: the age ticks every second
    now = captured.addSecs(3 * 60 + 5);
    QTest::qWait(1300); // the timer moves the age on by itself
    QVERIFY2(pane.blockText(kEdge01).contains(u"Age: 3 min ago"_s),
             qPrintable(pane.blockText(kEdge01)));
    QCOMPARE(pane.ageInterval(), 10000);
}

// A console paste, filtered, saved with bare CRs: the block says what the reader assumed.
void TstSnapshotPane::readAssumptionsShown()
{
    Document doc(twoServerPool());
    SnapshotPane pane(doc);
    QString text = u"C:\\Users\\admin>netstat -ano | findstr :5\r\n"_s + sampleText();
    text.replace(u"\r\n"_s, u"\r"_s);
    deliverCheck(doc, check(doc.topology(), text, u"paste"_s));
    const QString block = pane.blockText(kEdge01);
    QVERIFY2(block.split(u'\n').contains(
                     u"Assumed: console transcript: 1 prompt line(s) skipped; filtered by "
                     "findstr :5: listeners it could not show are unknown; line ends: cr"_s),
             qPrintable(block));
    // An ordinary capture has no such row.
    deliverCheck(doc, check(doc.topology(), sampleText(), u"file"_s));
    QVERIFY2(!pane.blockText(kEdge01).contains(u"Assumed:"_s), qPrintable(pane.blockText(kEdge01)));
}

void TstSnapshotPane::changesSincePreviousSnapshot()
{
    Document doc(twoServerPool());
    SnapshotPane pane(doc);
    deliverCheck(doc, check(doc.topology(), sampleText(), u"first"_s));
    deliverCheck(doc, check(doc.topology(), without(sampleText(), u"172.25.33.10:4443 "_s),
                            u"second"_s));
    QVERIFY2(pane.blockText(kEdge01).contains(
                     u"Changes: 0 appeared, 1 disappeared, 1 status change"_s),
             qPrintable(pane.blockText(kEdge01)));
    QVERIFY(pane.blockText(kEdge01).contains(u"Source: second"_s));
    doc.setChecks(doc.checks().acknowledged());
    QVERIFY(pane.blockText(kEdge01).contains(u"Changes: seen (acknowledged)"_s));
}

void TstSnapshotPane::sourceState()
{
    Document doc(twoServerPool());
    SnapshotPane pane(doc);
    const SnapshotSource edge01 = SnapshotSource::watchedFile(u"/share/edge01.txt"_s);
    const SnapshotSource edge02 = SnapshotSource::watchedFile(u"/share/edge02.txt"_s);
    deliverCheck(doc, check(doc.topology(), sampleText(), edge01));
    deliverCheck(doc, check(doc.topology(), edge02Text(), edge02));
    QVERIFY(pane.blockText(kEdge02).split(u'\n').contains(u"Source: /share/edge02.txt"_s));
    pane.setSourceState(edge02, u"stale: file deleted 3 min ago"_s, true);
    QVERIFY(pane.blockText(kEdge02).contains(u"Source state: stale: file deleted 3 min ago"_s));
    QVERIFY(!pane.blockText(kEdge01).contains(u"Source state"_s));
    const auto *label = pane.findChild<QLabel *>(u"snapshotBlock:edge02"_s);
    QVERIFY(label->text().contains(u"stale: file deleted 3 min ago"_s));

    // A capture profile named like the watched file, or the same file opened by hand, is another
    // source: its state is not this block's, and clearing it leaves this block's alone.
    pane.setSourceState(SnapshotSource::capture(u"/share/edge01.txt"_s), u"captured 12:00:00"_s,
                        false);
    pane.setSourceState(SnapshotSource::file(u"/share/edge01.txt"_s), u"opened"_s, false);
    QVERIFY2(!pane.blockText(kEdge01).contains(u"Source state"_s),
             qPrintable(pane.blockText(kEdge01)));
    pane.setSourceState(SnapshotSource::capture(u"/share/edge02.txt"_s), {}, false);
    QVERIFY(pane.blockText(kEdge02).contains(u"Source state: stale: file deleted 3 min ago"_s));

    pane.setSourceState(edge02, {}, false);
    QVERIFY(!pane.blockText(kEdge02).contains(u"Source state"_s));
}

void TstSnapshotPane::failedLoadIsShownUntilALaterSuccess()
{
    Document doc(twoServerPool());
    SnapshotPane pane(doc);
    SnapshotController controller(doc);
    QObject::connect(&controller, &SnapshotController::failed, &pane, &SnapshotPane::showLoadError);
    QSignalSpy failed(&controller, &SnapshotController::failed);
    QSignalSpy finished(&controller, &SnapshotController::finished);
    controller.openBytes("this is not netstat output\n", SnapshotSource::clipboard());
    QVERIFY(failed.wait(10000));
    QVERIFY2(pane.errorText().contains(u"no netstat or PowerShell socket rows"_s),
             qPrintable(pane.errorText()));
    QVERIFY(pane.errorText().contains(u"clipboard"_s));
    QVERIFY(!pane.isShowingEmptyState());
    QVERIFY(pane.findChild<QLabel *>(u"snapshotError"_s)->isVisibleTo(&pane));

    // A snapshot of no server of the topology: the document's latest result carries the error.
    controller.openBytes("  Proto  Local Address  Foreign Address  State  PID\r\n"
                         "  TCP    10.9.9.9:5061   0.0.0.0:0   LISTENING   2216\r\n",
                         SnapshotSource::named(u"other server"_s));
    QVERIFY(failed.wait(10000));
    QVERIFY2(pane.errorText().startsWith(u"Loading other server failed: "_s),
             qPrintable(pane.errorText()));

    controller.openBytes(sampleText().toUtf8(), SnapshotSource::named(u"good"_s));
    QVERIFY(waitFor(finished, 1));
    QVERIFY(pane.errorText().isEmpty());
    QVERIFY(!pane.findChild<QLabel *>(u"snapshotError"_s)->isVisibleTo(&pane));
    QVERIFY(pane.blockText(kEdge01).contains(u"Source: good"_s));

    // Clear Snapshots forgets a failure too: the pane is back to its empty state.
    controller.openBytes("  Proto  Local Address  Foreign Address  State  PID\r\n"
                         "  TCP    10.9.9.9:5061   0.0.0.0:0   LISTENING   2216\r\n",
                         SnapshotSource::named(u"other server"_s));
    QVERIFY(failed.wait(10000));
    QVERIFY(!pane.errorText().isEmpty());
    doc.setChecks({});
    QVERIFY2(pane.errorText().isEmpty(), qPrintable(pane.errorText()));
    QVERIFY(pane.isShowingEmptyState());
}

void TstSnapshotPane::removedServerLosesItsBlock()
{
    Document doc(twoServerPool());
    SnapshotPane pane(doc);
    deliverCheck(doc, check(doc.topology(), sampleText(), u"a"_s));
    deliverCheck(doc, check(doc.topology(), edge02Text(), u"b"_s));
    QVERIFY(pane.findChild<QLabel *>(u"snapshotBlock:edge02"_s));
    Topology smaller = doc.topology();
    smaller.pools.first().servers.removeLast();
    QVERIFY(!doc.applyEdit(u"Remove edge02"_s, smaller).isError());
    QVERIFY(pane.blockText(kEdge02).isEmpty());
    QVERIFY(!pane.findChild<QLabel *>(u"snapshotBlock:edge02"_s));
    QVERIFY(!pane.blockText(kEdge01).isEmpty());
    doc.setChecks({});
    QVERIFY(pane.isShowingEmptyState());
}

QTEST_MAIN(TstSnapshotPane)
#include "tst_snapshotpane.moc"
