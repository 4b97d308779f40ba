// A snapshot the user loads whose addresses match no server of the topology: the window asks
// which server it is (a list of the topology's servers) instead of naming a command-line option;
// the choice judges it on that server, Cancel drops it. Live sources are never asked about.
#include "document/document.h"
#include "io/topologyfile.h"
#include "live/snapshotcontroller.h"
#include "support/tst_file_util.h"
#include "support/tst_settings_util.h"
#include "window/mainwindow.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace edgemap;
using namespace Qt::StringLiterals;

namespace {

using testfiles::readFile;
using testfiles::writeFile;

// Answers "which server is this?" as told, and records the question.
class TestWindow : public MainWindow
{
public:
    explicit TestWindow(Document &doc)
        : MainWindow(doc)
    {
        setInteractive(false);
    }
    int answer = -1;
    int asked = 0;
    QString snapshot;
    QString reason;
    QStringList servers;

protected:
    int askServer(const QString &snapshotName, const QString &why,
                  const QStringList &choices) override
    {
        ++asked;
        snapshot = snapshotName;
        reason = why;
        servers = choices;
        return answer;
    }
};

// Listeners on addresses no server of the default topology has (a re-addressed Edge).
const QByteArray kReaddressed = "  Proto  Local Address  Foreign Address  State  PID\r\n"
                                "  TCP    10.9.9.10:5061   0.0.0.0:0   LISTENING   2216\r\n"
                                "  TCP    10.9.9.10:5062   0.0.0.0:0   LISTENING   2380\r\n";

const ServerId kEdge01(u"edge01"_s);

} // namespace

class TstServerChoice : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { testutil::isolateUserFiles(m_userFiles); }
    void chosenServerJudgesIt();
    void cancelDropsIt();
    void liveSourcesAreNotAsked();

private:
    QTemporaryDir m_userFiles;
};

void TstServerChoice::chosenServerJudgesIt()
{
    QTemporaryDir dir;
    const QString path = writeFile(dir, u"readdressed.txt"_s, kReaddressed);
    Document doc(topologyfile::defaultTopology());
    TestWindow window(doc);
    window.answer = 0;
    QSignalSpy finished(window.snapshots(), &SnapshotController::finished);
    window.openSnapshot(path);
    QTRY_COMPARE_WITH_TIMEOUT(window.asked, 1, 10000);
    // The list names each server with its addresses; the question says what the snapshot shows
    // and points to no command-line option.
    QCOMPARE(window.servers.size(), 1);
    QVERIFY2(window.servers.first().startsWith(u"edge01.contoso.local (172.25.33.10, "_s),
             qPrintable(window.servers.first()));
    QVERIFY2(window.snapshot.contains(u"readdressed.txt"_s), qPrintable(window.snapshot));
    QVERIFY2(window.reason.contains(u"10.9.9.10"_s), qPrintable(window.reason));
    QVERIFY2(!window.reason.contains(u"--server"_s), qPrintable(window.reason));
    // Judged as edge01's snapshot: it lands there, with no error box.
    QTRY_VERIFY_WITH_TIMEOUT(doc.checks().checkFor(kEdge01) != nullptr, 10000);
    QVERIFY(finished.size() >= 1);
    const CheckResult *check = doc.checks().checkFor(kEdge01);
    QCOMPARE(check->judgement.server, kEdge01);
    QVERIFY(check->source.text().contains(u"readdressed.txt"_s));
    QVERIFY(window.lastError().isEmpty());
    QVERIFY(!window.snapshots()->isUnmatched(check->source));
}

void TstServerChoice::cancelDropsIt()
{
    QTemporaryDir dir;
    const QString path = writeFile(dir, u"readdressed.txt"_s, kReaddressed);
    Document doc(topologyfile::defaultTopology());
    TestWindow window(doc);
    window.answer = -1;
    window.openSnapshot(path);
    QTRY_COMPARE_WITH_TIMEOUT(window.asked, 1, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!window.snapshots()->isUnmatched(SnapshotSource::file(path)), 10000);
    QTest::qWait(50);
    QCOMPARE(doc.checks().checkFor(kEdge01), nullptr);
    QVERIFY(!window.snapshots()->isBusy());
    QVERIFY(window.lastError().isEmpty()); // the user answered; no box on top
}

void TstServerChoice::liveSourcesAreNotAsked()
{
    Document doc(topologyfile::defaultTopology());
    TestWindow window(doc);
    window.answer = 0;
    QSignalSpy failed(window.snapshots(), &SnapshotController::failed);
    window.snapshots()->openBytes(kReaddressed, SnapshotSource::capture(u"capture edge01"_s));
    QVERIFY(failed.wait(10000));
    QTest::qWait(50);
    QCOMPARE(window.asked, 0);
    QCOMPARE(doc.checks().checkFor(kEdge01), nullptr);
}

QTEST_MAIN(TstServerChoice)
#include "tst_serverchoice.moc"
