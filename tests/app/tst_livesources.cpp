// The live snapshot sources of the main window: a watched file followed through rewrites,
// renames, truncation and deletion; a capture profile run at its interval, its failures and
// time-outs reported as stale states with the last good time; each under its own SnapshotSource
// (a capture profile named like the watched file is another source); the Snapshot menu entries
// (LiveSourcesMenu) that drive them.
#include "document/document.h"
#include "io/topologyfile.h"
#include "live/livesources.h"
#include "live/snapshotcontroller.h"
#include "support/tst_settings_util.h"
#include "support/tst_source_util.h"
#include "support/tst_watch_util.h"
#include "window/livesourcesmenu.h"

#include "live/captureprofiles.h"

#include <QAction>
#include <QFile>
#include <QFileInfo>
#include <QMenu>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace edgemap;
using namespace edgemap::watchtest;
using edgemap::sourcetest::sourceAt;

namespace {

// The last state a source reported: {state, stale}.
struct LastState
{
    QString state;
    bool stale = false;
};

LastState lastStateOf(const QSignalSpy &spy, const SnapshotSource &source)
{
    for (qsizetype i = spy.size() - 1; i >= 0; --i)
        if (sourceAt(spy.at(i)) == source)
            return {spy.at(i).at(1).toString(), spy.at(i).at(2).toBool()};
    return {};
}

CaptureProfile fakeProfile(const QString &mode, int timeout = 10)
{
    return {QStringLiteral("fake edge01"),
            QStringLiteral("/bin/sh"),
            {QStringLiteral(EDGEMAP_TEST_DATA "/capture/fake-capture.sh"), mode},
            5,
            timeout};
}

} // namespace

class TstLiveSources : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void watchFollowsTheFile();
    void watchRefusesAFolder();
    void captureAtInterval();
    void captureFailureKeepsLastGood();
    void captureTimeout();
    void invalidProfileRefused();
    void menuListsProfiles();
    void captureNamedLikeTheWatchedFile();

private:
    QTemporaryDir m_home;
    std::unique_ptr<Document> m_doc;
    std::unique_ptr<SnapshotController> m_controller;
    std::unique_ptr<LiveSources> m_sources;
};

void TstLiveSources::initTestCase()
{
    QVERIFY(m_home.isValid());
    testutil::isolateUserFiles(m_home);
}

void TstLiveSources::init()
{
    m_doc = std::make_unique<Document>(topologyfile::defaultTopology());
    m_controller = std::make_unique<SnapshotController>(*m_doc);
    m_sources = std::make_unique<LiveSources>(*m_controller);
    m_sources->setTimingForTests(100, 150, 300);
}

void TstLiveSources::cleanup()
{
    m_sources.reset();
    m_controller.reset();
    m_doc.reset();
}

void TstLiveSources::watchFollowsTheFile()
{
    QTemporaryDir dir;
    const QString path = QFileInfo(dir.filePath(QStringLiteral("edge01.txt"))).absoluteFilePath();
    const SnapshotSource source = SnapshotSource::watchedFile(path);
    QSignalSpy states(m_sources.get(), &LiveSources::stateChanged);
    QSignalSpy stopped(m_sources.get(), &LiveSources::sourceStopped);
    QSignalSpy finished(m_controller.get(), &SnapshotController::finished);
    QSignalSpy checks(m_doc.get(), &Document::checksChanged);

    QVERIFY(writeFile(path, snapshotFor(m_doc->topology(), 8057)));
    m_sources->watchFile(path);
    QVERIFY(m_sources->isWatching());
    QCOMPARE(m_sources->watchedSource(), source);
    QVERIFY(lastStateOf(states, source).state.contains(QStringLiteral("reading")));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 5000);
    QCOMPARE(sourceAt(finished.first()), source); // the same source as the state's
    QCOMPARE(m_doc->checks().latest().get()->source, source);
    QCOMPARE(m_doc->checks().latest().get()->source.text(), path); // what reports show
    QVERIFY(checks.size() >= 1);
    QCOMPARE(m_doc->checks().latest().get()->judgement.problemCount(), 1); // 8057 missing
    QTRY_VERIFY_WITH_TIMEOUT(lastStateOf(states, source).state.contains(QStringLiteral("updated")),
                             5000);
    QVERIFY(!lastStateOf(states, source).stale);

    // Replaced the way careful writers do it: written elsewhere, renamed over the old file.
    QVERIFY(replaceFile(path, snapshotFor(m_doc->topology())));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 5000);
    QCOMPARE(m_doc->checks().latest().get()->judgement.problemCount(), 0);
    const CheckResult *good = m_doc->checks().latest().get();

    // Truncated: stale, with the reason and the time of the snapshot still shown.
    QVERIFY(writeFile(path, QByteArray()));
    QTRY_VERIFY_WITH_TIMEOUT(lastStateOf(states, source).stale, 5000);
    LastState s = lastStateOf(states, source);
    QVERIFY2(s.state.startsWith(QStringLiteral("stale: the file is empty")), qPrintable(s.state));
    QVERIFY2(s.state.contains(QStringLiteral("showing the ")), qPrintable(s.state));
    QCOMPARE(m_doc->checks().latest().get(), good);

    // Deleted.
    QVERIFY(QFile::remove(path));
    QTRY_VERIFY_WITH_TIMEOUT(
            lastStateOf(states, source).state.contains(QStringLiteral("the file is gone")), 5000);
    s = lastStateOf(states, source);
    QVERIFY(s.stale);
    QVERIFY2(s.state.contains(QStringLiteral("showing the ")), qPrintable(s.state));
    QCOMPARE(m_doc->checks().latest().get(), good);

    // Stopped: the source says so, and a new file is no longer read.
    m_sources->stopWatching();
    QVERIFY(!m_sources->isWatching());
    QCOMPARE(stopped.size(), 1);
    QCOMPARE(sourceAt(stopped.first()), source);
    QCOMPARE(m_sources->watchedSource(), SnapshotSource());
    QCOMPARE(lastStateOf(states, source).state, QString()); // the pane clears it
    QVERIFY(writeFile(path, snapshotFor(m_doc->topology(), 5062)));
    QTest::qWait(500); // several poll and settle periods
    QCOMPARE(finished.size(), 2);
    QCOMPARE(m_doc->checks().latest().get(), good);
}

void TstLiveSources::watchRefusesAFolder()
{
    QSignalSpy errors(m_sources.get(), &LiveSources::errorOccurred);
    m_sources->watchFile(m_home.path());
    QCOMPARE(errors.size(), 1);
    QVERIFY(errors.first().first().toString().contains(QStringLiteral("folder")));
    m_sources->watchFile(QString());
    QCOMPARE(errors.size(), 2);
    QVERIFY(!m_sources->isWatching());
}

void TstLiveSources::captureAtInterval()
{
#ifndef Q_OS_UNIX
    QSKIP("the fake capture command is a POSIX shell script");
#endif
    QSignalSpy states(m_sources.get(), &LiveSources::stateChanged);
    QSignalSpy started(m_controller.get(), &SnapshotController::started);
    QSignalSpy finished(m_controller.get(), &SnapshotController::finished);
    const CaptureProfile profile = fakeProfile(QStringLiteral("ok"));
    const SnapshotSource source = SnapshotSource::capture(profile.name);
    m_sources->startCapture(profile);
    QVERIFY(m_sources->isCapturing());
    QCOMPARE(m_sources->captureSource(), source);
    QTRY_VERIFY_WITH_TIMEOUT(finished.size() >= 1, 10000);
    QCOMPARE(sourceAt(finished.first()), source);
    QCOMPARE(m_doc->checks().latest().get()->source, source);
    QCOMPARE(m_doc->checks().latest().get()->source.text(), profile.name);
    QCOMPARE(m_doc->checks().verdict(ListenerId(QStringLiteral("edge01-int-tcp-5061")))->status,
             ListenerStatus::Ok);
    QTRY_VERIFY_WITH_TIMEOUT(
            lastStateOf(states, source).state.startsWith(QStringLiteral("captured ")), 5000);
    QVERIFY(!lastStateOf(states, source).state.contains(QStringLiteral("failed")));
    QVERIFY(lastStateOf(states, source).state.contains(QStringLiteral("every 5 s")));
    QVERIFY(!lastStateOf(states, source).stale);

    // Runs again at the (shortened) interval, then stops when told.
    QTRY_VERIFY_WITH_TIMEOUT(started.size() >= 3, 10000);
    QSignalSpy stopped(m_sources.get(), &LiveSources::sourceStopped);
    m_sources->stopCapture();
    QVERIFY(!m_sources->isCapturing());
    QCOMPARE(stopped.size(), 1);
    QCOMPARE(sourceAt(stopped.first()), source);
    QCOMPARE(m_sources->captureSource(), SnapshotSource());
    QCOMPARE(lastStateOf(states, source).state, QString());
    const qsizetype runs = started.size();
    QTest::qWait(1000); // three intervals
    QCOMPARE(started.size(), runs);
}

void TstLiveSources::captureFailureKeepsLastGood()
{
#ifndef Q_OS_UNIX
    QSKIP("the fake capture command is a POSIX shell script");
#endif
    QTemporaryDir dir;
    const QString modeFile = dir.filePath(QStringLiteral("mode"));
    QVERIFY(writeFile(modeFile, "ok"));
    CaptureProfile profile = fakeProfile(QStringLiteral("from-file"));
    profile.arguments.append(modeFile);
    const SnapshotSource source = SnapshotSource::capture(profile.name);
    QSignalSpy states(m_sources.get(), &LiveSources::stateChanged);
    m_sources->startCapture(profile);
    QTRY_VERIFY_WITH_TIMEOUT(
            lastStateOf(states, source).state.startsWith(QStringLiteral("captured ")), 10000);
    const CheckResult *good = m_doc->checks().latest().get();
    QVERIFY(good);

    // ssh cannot connect: the reason with its stderr, and when the shown snapshot was taken.
    QVERIFY(writeFile(modeFile, "fail"));
    QTRY_VERIFY_WITH_TIMEOUT(lastStateOf(states, source).stale, 10000);
    LastState s = lastStateOf(states, source);
    QVERIFY2(s.state.startsWith(QStringLiteral("capture failed: '/bin/sh' exited with code 255: "
                                               "ssh: connect to host edge01 port 22: Connection "
                                               "refused (last good ")),
             qPrintable(s.state));
    QCOMPARE(m_doc->checks().latest().get(), good);

    // Output that is no snapshot (a login banner): also a failure, the good check stays.
    QVERIFY(writeFile(modeFile, "banner"));
    QTRY_VERIFY_WITH_TIMEOUT(!lastStateOf(states, source).state.contains(QStringLiteral("255")),
                             10000);
    s = lastStateOf(states, source);
    QVERIFY(s.stale);
    QVERIFY2(s.state.startsWith(QStringLiteral("capture failed: ")), qPrintable(s.state));
    QVERIFY2(s.state.contains(QStringLiteral("(last good ")), qPrintable(s.state));
    QCOMPARE(m_doc->checks().latest().get(), good);

    // Back: fresh again.
    QVERIFY(writeFile(modeFile, "ok"));
    QTRY_VERIFY_WITH_TIMEOUT(!lastStateOf(states, source).stale, 10000);
    QVERIFY(m_doc->checks().latest().get() != good);
}

void TstLiveSources::captureTimeout()
{
#ifndef Q_OS_UNIX
    QSKIP("the fake capture command is a POSIX shell script");
#endif
    QSignalSpy states(m_sources.get(), &LiveSources::stateChanged);
    const CaptureProfile profile = fakeProfile(QStringLiteral("slow"), 1);
    const SnapshotSource source = SnapshotSource::capture(profile.name);
    m_sources->startCapture(profile);
    QTRY_VERIFY_WITH_TIMEOUT(lastStateOf(states, source).stale, 10000);
    const LastState s = lastStateOf(states, source);
    QVERIFY2(s.state.contains(QStringLiteral("did not finish within 1 s")), qPrintable(s.state));
    QVERIFY2(s.state.contains(QStringLiteral("no good capture yet")), qPrintable(s.state));
    QVERIFY(m_doc->checks().latest().get() == nullptr);
    // Stopping while a run hangs reports no failure of its own.
    const qsizetype before = states.size();
    QTest::qWait(400); // the next run starts and hangs
    const qsizetype running = states.size();
    m_sources->stopCapture();
    QCOMPARE(states.size(), running + 1); // only the empty "stopped" state
    QCOMPARE(states.last().at(1).toString(), QString());
    QVERIFY(running >= before);
}

void TstLiveSources::invalidProfileRefused()
{
    QSignalSpy errors(m_sources.get(), &LiveSources::errorOccurred);
    CaptureProfile profile = fakeProfile(QStringLiteral("ok"));
    profile.intervalSeconds = 1;
    m_sources->startCapture(profile);
    QVERIFY(!m_sources->isCapturing());
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.first().first().toString().contains(QStringLiteral("at least 5 s")),
             qPrintable(errors.first().first().toString()));
}

void TstLiveSources::menuListsProfiles()
{
#ifndef Q_OS_UNIX
    QSKIP("the fake capture command is a POSIX shell script");
#endif
    CaptureProfile other = fakeProfile(QStringLiteral("ok"));
    other.name = QStringLiteral("R&D edge");
    captureprofiles::save({fakeProfile(QStringLiteral("ok")), other});
    LiveSourcesMenu entries(*m_sources, nullptr);
    QMenu menu;
    entries.populateMenu(&menu);
    QStringList texts;
    QMenu *capture = nullptr;
    const auto action = [&menu](const QString &text) -> QAction * {
        for (QAction *a : menu.actions())
            if (a->text() == text)
                return a;
        return nullptr;
    };
    for (QAction *a : menu.actions()) {
        texts.append(a->text());
        if (a->menu())
            capture = a->menu();
    }
    QVERIFY(texts.contains(QStringLiteral("&Watch File\u2026")));
    QVERIFY(texts.contains(QStringLiteral("Capture &Profiles\u2026")));
    QVERIFY(capture);
    QAction *stopWatching = action(QStringLiteral("Stop &Watching"));
    QAction *stopCapture = action(QStringLiteral("Stop &Capture"));
    QVERIFY(stopWatching && stopCapture);
    QVERIFY(!stopWatching->isEnabled());
    QVERIFY(!stopCapture->isEnabled());
    const auto entry = [&capture](const QString &text) -> QAction * {
        for (QAction *a : capture->actions())
            if (a->text() == text)
                return a;
        return nullptr;
    };
    QVERIFY(entry(QStringLiteral("fake edge01")));
    QVERIFY(entry(QStringLiteral("R&&D edge"))); // '&' is shown, not a mnemonic
    QVERIFY(!entry(QStringLiteral("fake edge01"))->isChecked());

    entry(QStringLiteral("fake edge01"))->trigger();
    QVERIFY(m_sources->isCapturing());
    QCOMPARE(m_sources->captureSource(), SnapshotSource::capture(QStringLiteral("fake edge01")));
    QVERIFY(entry(QStringLiteral("fake edge01"))->isChecked());
    QVERIFY(!entry(QStringLiteral("R&&D edge"))->isChecked());
    QVERIFY(stopCapture->isEnabled());
    // Choosing the running one again stops it.
    entry(QStringLiteral("fake edge01"))->trigger();
    QVERIFY(!m_sources->isCapturing());
    QVERIFY(!entry(QStringLiteral("fake edge01"))->isChecked());
    QVERIFY(!stopCapture->isEnabled());

    // The entries follow the sources whoever drives them, and drive them back.
    m_sources->startCapture(other);
    QVERIFY(entry(QStringLiteral("R&&D edge"))->isChecked());
    QVERIFY(stopCapture->isEnabled());
    stopCapture->trigger();
    QVERIFY(!m_sources->isCapturing());
    QVERIFY(!entry(QStringLiteral("R&&D edge"))->isChecked());
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("edge01.txt"));
    QVERIFY(writeFile(path, snapshotFor(m_doc->topology())));
    m_sources->watchFile(path);
    QVERIFY(stopWatching->isEnabled());
    stopWatching->trigger();
    QVERIFY(!m_sources->isWatching());
    QVERIFY(!stopWatching->isEnabled());
}

void TstLiveSources::captureNamedLikeTheWatchedFile()
{
#ifndef Q_OS_UNIX
    QSKIP("the fake capture command is a POSIX shell script");
#endif
    // A capture profile may be named anything, a path too: it is still not the watched file.
    // Each keeps its own loads (neither supersedes the other's), its own state, and stopping
    // one clears only its own.
    QTemporaryDir dir;
    const QString path = QFileInfo(dir.filePath(QStringLiteral("edge01.txt"))).absoluteFilePath();
    QVERIFY(writeFile(path, snapshotFor(m_doc->topology(), 8057)));
    CaptureProfile profile = fakeProfile(QStringLiteral("ok"));
    profile.name = path;
    const SnapshotSource watched = SnapshotSource::watchedFile(path);
    const SnapshotSource captured = SnapshotSource::capture(path);
    QCOMPARE(watched.text(), captured.text());
    QSignalSpy states(m_sources.get(), &LiveSources::stateChanged);
    QSignalSpy stopped(m_sources.get(), &LiveSources::sourceStopped);
    QSignalSpy finished(m_controller.get(), &SnapshotController::finished);

    m_sources->watchFile(path);
    m_sources->startCapture(profile);
    QTRY_VERIFY_WITH_TIMEOUT(lastStateOf(states, watched).state.contains(QStringLiteral("updated")),
                             10000);
    QTRY_VERIFY_WITH_TIMEOUT(
            lastStateOf(states, captured).state.startsWith(QStringLiteral("captured ")), 10000);
    QVERIFY(!lastStateOf(states, watched).stale);
    QVERIFY(!lastStateOf(states, captured).stale);
    QList<SnapshotSource> answered;
    for (const QList<QVariant> &args : std::as_const(finished))
        answered.append(sourceAt(args));
    QVERIFY(answered.contains(watched));
    QVERIFY(answered.contains(captured));

    m_sources->stopCapture();
    QCOMPARE(stopped.size(), 1);
    QCOMPARE(sourceAt(stopped.first()), captured);
    QCOMPARE(lastStateOf(states, captured).state, QString());
    QVERIFY(lastStateOf(states, watched).state.contains(QStringLiteral("updated")));
    QVERIFY(m_sources->isWatching());
}

QTEST_MAIN(TstLiveSources)
#include "tst_livesources.moc"
