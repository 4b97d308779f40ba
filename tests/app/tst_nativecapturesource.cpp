// Capture This Computer, window side: the capture runs off the GUI thread and lands in the
// document like any snapshot (judged, with its source, host and time); Refresh repeats it like a
// capture profile (states for the snapshot pane, failures keep the last good check, runs never
// overlap, Off stops it); the menu entries (NativeCaptureMenu) drive it and follow it, and exist
// only where native capture does. The capture itself is a fake here (synthetic tables), so this
// runs on every platform.
#include "document/document.h"
#include "io/topologyfile.h"
#include "live/nativecapturesource.h"
#include "live/snapshotcontroller.h"
#include "snapshot/nativecapture.h"
#include "support/tst_nativecapture_util.h"
#include "support/tst_settings_util.h"
#include "support/tst_source_util.h"
#include "window/mainwindow.h"
#include "window/nativecapturemenu.h"

#include <QAction>
#include <QMenu>
#include <QMutex>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace edgemap;
using namespace Qt::StringLiterals;
using edgemap::sourcetest::sourceAt;

namespace {

// A capture function that reads synthetic tables, or fails while `failing` is set, and records
// where and how often it ran.
struct FakeCapture
{
    std::atomic<int> calls{0};
    std::atomic<int> inFlight{0};
    std::atomic<int> maxInFlight{0};
    std::atomic<bool> failing{false};
    std::atomic<int> delayMs{0};
    QMutex mutex;
    QList<QThread *> threads;

    NativeCaptureSource::CaptureFunction function()
    {
        return [this](const QString &label) {
            const int now = ++inFlight;
            maxInFlight = std::max(maxInFlight.load(), now);
            {
                QMutexLocker lock(&mutex);
                threads.append(QThread::currentThread());
            }
            if (delayMs > 0)
                QThread::msleep(static_cast<unsigned long>(delayMs.load()));
            snapshotfile::ReadResult r;
            if (failing) {
                r.error = Error{label, 0, 0, {}, u"GetExtendedTcpTable (IPv4) failed"_s};
            } else {
                r.snapshot = nativecapture::toSnapshot(
                        nativetest::edge01Tables(), {u"EDGE01"_s, QDateTime::currentDateTimeUtc()});
            }
            ++calls;
            --inFlight;
            return r;
        };
    }
};

struct LastState
{
    QString state;
    bool stale = false;
};

LastState lastState(const QSignalSpy &spy)
{
    if (spy.isEmpty())
        return {};
    return {spy.last().at(1).toString(), spy.last().at(2).toBool()};
}

} // namespace

class TstNativeCaptureSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void captureNowJudgesOffTheGuiThread();
    void refreshAtInterval();
    void failureKeepsLastGood();
    void singleCaptureFailureIsReported();
    void runsNeverOverlap();
    void menu();
    void windowHasTheActionOnlyWhereAvailable();

private:
    QTemporaryDir m_home;
    std::unique_ptr<Document> m_doc;
    std::unique_ptr<SnapshotController> m_controller;
    std::unique_ptr<FakeCapture> m_fake;
    std::unique_ptr<NativeCaptureSource> m_source;
};

void TstNativeCaptureSource::initTestCase()
{
    QVERIFY(m_home.isValid());
    testutil::isolateUserFiles(m_home);
}

void TstNativeCaptureSource::init()
{
    m_doc = std::make_unique<Document>(topologyfile::defaultTopology());
    m_controller = std::make_unique<SnapshotController>(*m_doc);
    m_fake = std::make_unique<FakeCapture>();
    m_source = std::make_unique<NativeCaptureSource>(*m_controller, nullptr, m_fake->function());
    m_source->setIntervalOverride(150);
}

void TstNativeCaptureSource::cleanup()
{
    m_source.reset();
    m_controller.reset(); // waits for its workers, which call the fake
    m_fake.reset();
    m_doc.reset();
}

void TstNativeCaptureSource::captureNowJudgesOffTheGuiThread()
{
    QSignalSpy finished(m_controller.get(), &SnapshotController::finished);
    QSignalSpy states(m_source.get(), &NativeCaptureSource::stateChanged);
    m_source->captureNow();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 5000);
    const SnapshotSource source = SnapshotSource::thisComputer();
    QCOMPARE(sourceAt(finished.first()), source);
    QCOMPARE(m_fake->calls.load(), 1);
    QVERIFY(m_fake->threads.first() != QThread::currentThread());

    // In the document like a loaded snapshot: its source, host and time for the Snapshot pane,
    // and judged.
    const CheckResult *check = m_doc->checks().latest().get();
    QVERIFY(check && check->ok());
    QCOMPARE(check->source, source);
    QCOMPARE(check->source.text(), u"This computer (native capture)"_s);
    QCOMPARE(check->snapshot.format, u"native"_s);
    QCOMPARE(check->snapshot.header.host, u"EDGE01"_s);
    QVERIFY(check->snapshot.header.time.isValid());
    QCOMPARE(m_doc->checks().verdict(ListenerId(u"edge01-int-tcp-5061"_s))->status,
             ListenerStatus::Ok);
    QCOMPARE(m_doc->checks().verdict(ListenerId(u"edge01-webconf-tcp-443"_s))->status,
             ListenerStatus::Missing);
    // A single capture is no live source: nothing for the pane's source line, and no repeat.
    QVERIFY(states.isEmpty());
    QVERIFY(!m_source->isRefreshing());
    QTest::qWait(400);
    QCOMPARE(m_fake->calls.load(), 1);
}

void TstNativeCaptureSource::refreshAtInterval()
{
    QSignalSpy states(m_source.get(), &NativeCaptureSource::stateChanged);
    QSignalSpy stopped(m_source.get(), &NativeCaptureSource::sourceStopped);
    m_source->startRefreshing(5);
    QVERIFY(m_source->isRefreshing());
    QCOMPARE(m_source->refreshSeconds(), 5);
    QCOMPARE(sourceAt(states.first()), SnapshotSource::thisComputer());
    QVERIFY2(lastState(states).state.startsWith(u"capturing every 5 s"_s),
             qPrintable(lastState(states).state));
    QTRY_VERIFY_WITH_TIMEOUT(lastState(states).state.startsWith(u"captured "_s), 5000);
    QVERIFY(lastState(states).state.contains(u"every 5 s"_s));
    QVERIFY(!lastState(states).stale);
    QTRY_VERIFY_WITH_TIMEOUT(m_fake->calls >= 3, 5000); // at the (shortened) interval
    QCOMPARE(m_doc->checks().latest().get()->source, SnapshotSource::thisComputer());

    m_source->stopRefreshing();
    QVERIFY(!m_source->isRefreshing());
    QCOMPARE(stopped.size(), 1);
    QCOMPARE(sourceAt(stopped.first()), SnapshotSource::thisComputer());
    QCOMPARE(lastState(states).state, QString()); // the pane clears the source line
    QTest::qWait(300);                            // let a capture that was under way finish
    const int calls = m_fake->calls;
    QTest::qWait(600); // four intervals
    QCOMPARE(m_fake->calls.load(), calls);
    // The interval has the capture profiles' floor.
    m_source->startRefreshing(1);
    QCOMPARE(m_source->refreshSeconds(), 5);
}

void TstNativeCaptureSource::failureKeepsLastGood()
{
    QSignalSpy states(m_source.get(), &NativeCaptureSource::stateChanged);
    QSignalSpy errors(m_source.get(), &NativeCaptureSource::errorOccurred);
    m_source->startRefreshing(60);
    QTRY_VERIFY_WITH_TIMEOUT(lastState(states).state.startsWith(u"captured "_s), 5000);
    const CheckResult *good = m_doc->checks().latest().get();
    QVERIFY(good);
    QVERIFY(lastState(states).state.contains(u"every 1 min"_s));

    m_fake->failing = true;
    QTRY_VERIFY_WITH_TIMEOUT(lastState(states).stale, 5000);
    const QString state = lastState(states).state;
    QVERIFY2(state.startsWith(u"capture failed: "_s), qPrintable(state));
    QVERIFY2(state.contains(u"GetExtendedTcpTable"_s), qPrintable(state));
    QVERIFY2(state.contains(u"last good "_s), qPrintable(state));
    QCOMPARE(m_doc->checks().latest().get(), good); // the document keeps the last good check
    QVERIFY(errors.isEmpty()); // a repeating capture fails quietly, in the pane

    m_fake->failing = false;
    QTRY_VERIFY_WITH_TIMEOUT(!lastState(states).stale, 5000);
    QVERIFY(lastState(states).state.startsWith(u"captured "_s));
}

void TstNativeCaptureSource::singleCaptureFailureIsReported()
{
    QSignalSpy errors(m_source.get(), &NativeCaptureSource::errorOccurred);
    QSignalSpy states(m_source.get(), &NativeCaptureSource::stateChanged);
    m_fake->failing = true;
    m_source->captureNow();
    QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, 5000);
    const QString message = errors.first().first().toString();
    QVERIFY2(message.contains(u"GetExtendedTcpTable (IPv4) failed"_s), qPrintable(message));
    QVERIFY(states.isEmpty());
    QVERIFY(m_doc->checks().isEmpty());
}

void TstNativeCaptureSource::runsNeverOverlap()
{
    // A capture slower than the interval: ticks while it runs are skipped, not piled up.
    m_fake->delayMs = 400;
    m_source->setIntervalOverride(50);
    m_source->startRefreshing(5);
    m_source->captureNow(); // while the first one runs: answered by it
    QTest::qWait(1500);
    m_source->stopRefreshing();
    QTRY_COMPARE_WITH_TIMEOUT(m_fake->inFlight.load(), 0, 5000);
    QCOMPARE(m_fake->maxInFlight.load(), 1);
    QVERIFY2(m_fake->calls >= 2 && m_fake->calls <= 5, qPrintable(QString::number(m_fake->calls)));
}

void TstNativeCaptureSource::menu()
{
    NativeCaptureMenu entries(*m_source);
    QMenu menu;
    entries.populateMenu(&menu);
    QVERIFY(menu.actions().contains(entries.captureAction()));
    QCOMPARE(entries.captureAction()->objectName(), u"captureThisComputerAction"_s);
    auto *refresh = menu.findChild<QMenu *>(u"refreshThisComputerMenu"_s);
    QVERIFY(refresh);
    QStringList texts;
    for (QAction *a : refresh->actions())
        texts.append(a->text());
    QCOMPARE(texts, (QStringList{u"&Off"_s, u"Every 5 s"_s, u"Every 15 s"_s, u"Every 1 min"_s,
                                 u"Every 5 min"_s}));
    QVERIFY(refresh->actions().first()->isChecked());

    QSignalSpy finished(m_controller.get(), &SnapshotController::finished);
    entries.captureAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 5000);

    refresh->actions().at(2)->trigger(); // every 15 s
    QVERIFY(m_source->isRefreshing());
    QCOMPARE(m_source->refreshSeconds(), 15);
    QVERIFY(refresh->actions().at(2)->isChecked());
    refresh->actions().first()->trigger(); // off
    QVERIFY(!m_source->isRefreshing());
    QVERIFY(refresh->actions().first()->isChecked());

    // The entries follow the source whoever drives it: an interval the menu offers is checked,
    // one it does not offer leaves every entry unchecked.
    m_source->startRefreshing(60);
    QVERIFY(refresh->actions().at(3)->isChecked()); // every 1 min
    m_source->startRefreshing(30);
    for (QAction *a : refresh->actions())
        QVERIFY2(!a->isChecked(), qPrintable(a->text()));
    m_source->stopRefreshing();
    QVERIFY(refresh->actions().first()->isChecked());
}

void TstNativeCaptureSource::windowHasTheActionOnlyWhereAvailable()
{
    Document document(topologyfile::defaultTopology());
    MainWindow window(document);
    window.setInteractive(false);
    const bool present = window.findChild<QAction *>(u"captureThisComputerAction"_s) != nullptr;
    QCOMPARE(present, NativeCaptureSource::isAvailable());
    QCOMPARE(window.nativeCapture() != nullptr, NativeCaptureSource::isAvailable());
#ifdef Q_OS_WIN
    QVERIFY(present);
#else
    QVERIFY(!present);
#endif
}

QTEST_MAIN(TstNativeCaptureSource)
#include "tst_nativecapturesource.moc"
