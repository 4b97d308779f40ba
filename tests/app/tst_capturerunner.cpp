// Capture command profiles with a fake command (tests/data/capture/fake-capture.sh): output goes
// to the document, failures and time-outs are reported with the reason.
#include "document/document.h"
#include "io/topologyfile.h"
#include "live/capturerunner.h"
#include "live/snapshotcontroller.h"
#include "support/tst_source_util.h"

#include <QSignalSpy>
#include <QTest>

using namespace edgemap;

class TstCaptureRunner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void outputIsChecked();
    void failureSaysWhy_data();
    void failureSaysWhy();
    void intervalRunsAgain();

private:
    CaptureProfile profile(const QString &mode, int timeout = 10) const
    {
        return {QStringLiteral("fake edge01"),
                QStringLiteral("/bin/sh"),
                {QStringLiteral(EDGEMAP_TEST_DATA "/capture/fake-capture.sh"), mode},
                0,
                timeout};
    }
};

void TstCaptureRunner::init()
{
#ifndef Q_OS_UNIX
    QSKIP("the fake capture command is a POSIX shell script");
#endif
}

void TstCaptureRunner::outputIsChecked()
{
    Document doc(topologyfile::defaultTopology());
    SnapshotController controller(doc);
    CaptureRunner runner(controller);
    QSignalSpy finished(&controller, &SnapshotController::finished);
    runner.start(profile(QStringLiteral("ok")));
    QVERIFY(finished.wait(10000));
    // Its output reaches the controller as the profile's run, named by the profile.
    const SnapshotSource source = SnapshotSource::capture(QStringLiteral("fake edge01"));
    QCOMPARE(sourcetest::sourceAt(finished.first()), source);
    QCOMPARE(doc.checks().latest().get()->source, source);
    QCOMPARE(doc.checks().latest().get()->source.text(), QStringLiteral("fake edge01"));
    QCOMPARE(doc.checks().verdict(ListenerId(QStringLiteral("edge01-int-tcp-5061")))->status,
             ListenerStatus::Ok);
    QCOMPARE(doc.checks().verdict(ListenerId(QStringLiteral("edge01-int-tcp-5062")))->status,
             ListenerStatus::Missing);
}

void TstCaptureRunner::failureSaysWhy_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("mode");
    QTest::addColumn<int>("timeout");
    QTest::addColumn<QString>("message");
    QTest::newRow("exit code and stderr")
            << QStringLiteral("/bin/sh") << QStringLiteral("fail") << 10
            << QStringLiteral("exited with code 255: ssh: connect to host edge01 port 22: "
                              "Connection refused");
    QTest::newRow("timeout") << QStringLiteral("/bin/sh") << QStringLiteral("slow") << 1
                             << QStringLiteral("did not finish within 1 s");
    QTest::newRow("missing program")
            << QStringLiteral("/nonexistent/netstat") << QStringLiteral("ok") << 10
            << QStringLiteral("cannot start '/nonexistent/netstat'");
}

void TstCaptureRunner::failureSaysWhy()
{
    QFETCH(QString, program);
    QFETCH(QString, mode);
    QFETCH(int, timeout);
    QFETCH(QString, message);
    Document doc(topologyfile::defaultTopology());
    SnapshotController controller(doc);
    CaptureRunner runner(controller);
    QSignalSpy failed(&runner, &CaptureRunner::failed);
    CaptureProfile p = profile(mode, timeout);
    p.program = program;
    runner.start(p);
    QVERIFY(failed.wait(10000));
    const QString text = failed.first().at(1).toString();
    QVERIFY2(text.contains(message), qPrintable(text));
    QVERIFY(doc.checks().latest().get() == nullptr);
}

void TstCaptureRunner::intervalRunsAgain()
{
    Document doc(topologyfile::defaultTopology());
    SnapshotController controller(doc);
    CaptureRunner runner(controller);
    QSignalSpy captured(&runner, &CaptureRunner::captured);
    CaptureProfile p = profile(QStringLiteral("ok"));
    p.intervalSeconds = 1;
    runner.start(p);
    QTRY_VERIFY_WITH_TIMEOUT(captured.size() >= 2, 8000);
    runner.stop();
}

QTEST_MAIN(TstCaptureRunner)
#include "tst_capturerunner.moc"
