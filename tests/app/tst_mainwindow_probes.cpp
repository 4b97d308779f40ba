// Probe from Here in the window, on loopback only: nothing is sent when a topology and a snapshot
// are opened; a run started from the window reaches the listeners of a topology whose addresses
// are 127.78.x.x, and the Probes pane, the dock title and the status bar say what a user needs:
// working, blocked between here and the Edge, not listening. Cancel stops a run.
//
// With EDGEMAP_SCREENSHOTS=DIR set, the window after the run is saved there at 1366x768 and
// 1920x1080 (the README's screenshots are made this way), and in the dark and colour-blind
// palettes at 1920x1080.
#include "diagram/diagramitems.h"
#include "diagram/diagramlegend.h"
#include "diagram/diagrampane.h"
#include "diagram/diagramscene.h"
#include "document/document.h"
#include "io/topologyfile.h"
#include "live/snapshotcontroller.h"
#include "panes/probespane.h"
#include "panes/probetablemodel.h"
#include "probes/probeactions.h"
#include "probes/probedialog.h"
#include "selection.h"
#include "support/tst_probe_util.h"
#include "support/tst_settings_util.h"
#include "window/documentactions.h"
#include "window/mainwindow.h"
#include "window/statusprogress.h"

#include <QDialogButtonBox>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace edgemap;
using namespace edgemap::probetest;
using namespace edgemap::testing;
using namespace Qt::StringLiterals;

namespace {

constexpr int kBlock = 78;
const QString kInternal = u"127.78.1.11"_s;

class TestWindow : public MainWindow
{
public:
    explicit TestWindow(Document &doc)
        : MainWindow(doc)
    {
        setInteractive(false);
    }
};

QString row(const QString &ip, int port, int pid, const QString &exe)
{
    return u"  TCP    %1:%2  0.0.0.0:0  LISTENING  %3\r\n [%4]\r\n"_s.arg(ip)
            .arg(port)
            .arg(pid)
            .arg(exe);
}

ProbePlanOptions insideTcp()
{
    ProbePlanOptions o;
    o.side = ProbeSide::Inside;
    o.tls = false;
    o.dns = false;
    return o;
}

QStringList column(const QAbstractItemModel *model, int column)
{
    QStringList out;
    for (int r = 0; r < model->rowCount(); ++r)
        out.append(model->index(r, column).data().toString());
    return out;
}

} // namespace

class TstMainWindowProbes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void runFromTheWindow();
    void cancelStopsTheRun();
    void dialogSaysWhatWillBeSent();

private:
    QTemporaryDir m_userFiles;
};

void TstMainWindowProbes::initTestCase()
{
    testutil::isolateUserFiles(m_userFiles);
}

void TstMainWindowProbes::runFromTheWindow()
{
    // 443 bound and open; 5062 bound, its port filtered; 8057 not bound, its port closed.
    Topology t = TopologyBuilder().addresses(loopbackPlan(kBlock)).members(1).build();
    disableAll(t);
    OpenPort open(kInternal);
    FilteredPort filtered(kInternal);
    place(t, u"edge01-int-tcp-443"_s, open.port());
    place(t, u"edge01-int-tcp-5062"_s, filtered.port());
    place(t, u"edge01-int-tcp-8057"_s, closedTcpPort(kInternal));
    t.name = u"Loopback Edge"_s;
    QTemporaryDir dir;
    const QString topology = dir.filePath(u"loopback.edgemap.json"_s);
    QVERIFY(!topologyfile::save(t, topology).isError());
    const QString snapshot = dir.filePath(u"edge01-netstat.txt"_s);
    {
        QFile f(snapshot);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(u"\r\nActive Connections\r\n\r\n  Proto  Local Address  Foreign Address  State  "
                "PID\r\n"_s.toUtf8()
                + row(kInternal, open.port(), 3104, u"MediaRelaySvc.exe"_s).toUtf8()
                + row(kInternal, filtered.port(), 2380, u"MRASSvc.exe"_s).toUtf8());
    }

    Document doc(topologyfile::defaultTopology());
    TestWindow window(doc);
    window.resize(1366, 768);
    QVERIFY(window.openFile(topology));
    QSignalSpy judged(window.snapshots(), &SnapshotController::finished);
    window.openSnapshot(snapshot);
    QVERIFY(judged.wait(20000));
    // Opening the topology and the snapshot sent nothing.
    QTest::qWait(200);
    QCOMPARE(open.connections(), 0);
    QCOMPARE(window.probesDock()->windowTitle(), u"Probes"_s);

    ProbeActions *probes = window.probes();
    QSignalSpy finished(probes, &ProbeActions::finished);
    ProbeOptions options;
    options.timeoutMs = 600;
    QVERIFY2(probes->start(insideTcp(), options), qPrintable(probes->lastError()));
    QVERIFY(probes->isRunning());
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().first().toBool(), false);
    QCOMPARE(open.connections(), 1);

    const ProbesPane *pane = window.probesPane();
    QVERIFY2(pane->factsText().contains(u"3 probes: 1 reachable, 2 problems"_s),
             qPrintable(pane->factsText()));
    QVERIFY2(pane->factsText().contains(u"inside (the internal addresses)"_s),
             qPrintable(pane->factsText()));
    // Worst first.
    const QStringList verdicts = column(pane->view()->model(), ProbeTableModel::Verdict);
    QCOMPARE(verdicts.size(), 3);
    QVERIFY2(verdicts.last() == u"\u2713 Working"_s, qPrintable(verdicts.join(u" | ")));
    QVERIFY2(verdicts.contains(u"\u2298 Blocked"_s), qPrintable(verdicts.join(u" | ")));
    QVERIFY2(verdicts.contains(u"\u2717 Not listening"_s), qPrintable(verdicts.join(u" | ")));
    const QStringList words = column(pane->view()->model(), ProbeTableModel::Detail);
    QVERIFY2(words.contains(u"blocked between here and the Edge (firewall, NAT or routing)"_s),
             qPrintable(words.join(u'\n')));
    QVERIFY2(!pane->detailsText().isEmpty(), "the first probe's details are shown");
    QCOMPARE(window.probesDock()->windowTitle(), u"Probes (2)"_s);
    QVERIFY2(window.statusBar()->currentMessage().startsWith(
                     u"Probes finished: 1 of 3 reachable, 2 problems"_s),
             qPrintable(window.statusBar()->currentMessage()));
    QCOMPARE(doc.probes().of(ListenerId(u"edge01-int-tcp-5062"_s))->verdict.kind,
             CombinedKind::Blocked);
    QVERIFY(doc.probes().of(ListenerId(u"edge01-int-tcp-5062"_s))->down);

    // A click on a probe selects its listener everywhere.
    const QModelIndex first = pane->view()->model()->index(0, 0);
    pane->view()->setCurrentIndex(first);
    Q_EMIT pane->view()->clicked(first);
    QVERIFY(Selection::of(doc)->current().as<ListenerId>());
    const ListenerId clicked = *Selection::of(doc)->current().as<ListenerId>();
    // Enter on another row activates it too.
    const QModelIndex second = pane->view()->model()->index(1, 0);
    pane->view()->setCurrentIndex(second);
    QTest::keyClick(pane->view(), Qt::Key_Return);
    const ElementRef chosen = Selection::of(doc)->current();
    QVERIFY(chosen.as<ListenerId>() && *chosen.as<ListenerId>() != clicked);
    QVERIFY(doc.probes().of(*chosen.as<ListenerId>())->verdict.problem);

    // The diagram's chips and legend, and the exported port table and check report, say it too.
    const DiagramScene *scene = window.diagramPane()->scene();
    QCOMPARE(scene->chip(ListenerId(u"edge01-int-tcp-5062"_s))->look().probe,
             CombinedKind::Blocked);
    QVERIFY(window.diagramPane()->legend()->entries().contains(u"From here: Blocked"_s));
    const QString ports = dir.filePath(u"ports.csv"_s);
    const QString report = dir.filePath(u"report.md"_s);
    QVERIFY(!window.documentActions()->exportTo(DocumentActions::PortTable, ports).isError());
    QVERIFY(!window.documentActions()->exportTo(DocumentActions::CheckReport, report).isError());
    QFile portsFile(ports), reportFile(report);
    QVERIFY(portsFile.open(QIODevice::ReadOnly) && reportFile.open(QIODevice::ReadOnly));
    const QByteArray csv = portsFile.readAll();
    QVERIFY2(csv.contains(",From here,Probe finding") && csv.contains(",blocked,")
                     && csv.contains(",not-listening,"),
             csv.constData());
    const QByteArray markdown = reportFile.readAll();
    QVERIFY2(markdown.contains("| Blocked |") && markdown.contains("Probed"), markdown.constData());

    if (const QString shots = qEnvironmentVariable("EDGEMAP_SCREENSHOTS"); !shots.isEmpty()) {
        window.probesDock()->raise();
        for (const QSize size : {QSize(1366, 768), QSize(1920, 1080)}) {
            window.resize(size);
            window.show();
            QTest::qWait(300);
            window.grab().save(
                    u"%1/probes-%2x%3.png"_s.arg(shots).arg(size.width()).arg(size.height()));
        }
        // The probe badges and the legend in the other status palettes.
        for (const auto &[palette, name] :
             {std::pair{StatusPalette::Dark, u"dark"_s},
              std::pair{StatusPalette::ColourBlind, u"colourblind"_s}}) {
            window.setStatusPalette(palette);
            QTest::qWait(200);
            window.grab().save(u"%1/probes-1920x1080-%2.png"_s.arg(shots, name));
        }
        window.setStatusPalette(StatusPalette::Light);
    }

    // Another topology drops the run.
    doc.resetTopology(topologyfile::defaultTopology(), {});
    QVERIFY(doc.probes().isEmpty());
    QCOMPARE(window.probesDock()->windowTitle(), u"Probes"_s);
}

void TstMainWindowProbes::cancelStopsTheRun()
{
    Topology t = TopologyBuilder().addresses(loopbackPlan(kBlock)).members(1).build();
    disableAll(t);
    FilteredPort filtered(kInternal);
    place(t, u"edge01-int-tcp-5062"_s, filtered.port());
    Document doc(t);
    TestWindow window(doc);
    ProbeActions *probes = window.probes();
    QSignalSpy finished(probes, &ProbeActions::finished);
    ProbeOptions options;
    options.timeoutMs = 30000;
    QVERIFY(probes->start(insideTcp(), options));
    QVERIFY(!probes->start(insideTcp(), options)); // one run at a time
    QVERIFY2(probes->lastError().contains(u"under way"_s), qPrintable(probes->lastError()));
    QElapsedTimer clock;
    clock.start();
    QTest::qWait(100);
    // The status bar's progress and its Cancel button, there while the run lasts.
    auto *progress = window.findChild<StatusProgress *>(u"probeProgress"_s);
    QVERIFY(progress && progress->isRunning());
    QCOMPARE(progress->cancelButton()->text(), u"Cancel Probes"_s);
    progress->cancelButton()->click();
    QVERIFY(finished.wait(10000));
    QVERIFY(clock.elapsed() < 10000);
    QVERIFY(!progress->isRunning());
    QCOMPARE(finished.first().first().toBool(), true);
    QVERIFY2(window.probesPane()->factsText().contains(u"Cancelled"_s),
             qPrintable(window.probesPane()->factsText()));
}

// The dialog counts the plan before anything is sent, and refuses what cannot run.
void TstMainWindowProbes::dialogSaysWhatWillBeSent()
{
    Topology t = TopologyBuilder().addresses(loopbackPlan(kBlock)).members(1).build();
    disableAll(t);
    place(t, u"edge01-int-tcp-443"_s, 4431);
    place(t, u"edge01-int-tcp-5062"_s, 5062);
    // The A/V Edge's TCP 443 speaks MS-TURN, never TLS; the MRAS port 5062 presents a
    // certificate.
    ProbeDialog dialog(t);
    const auto summary = [&] {
        return dialog.findChild<QLabel *>(u"probeSummary"_s)->text();
    };
    const auto start = [&] {
        for (QAbstractButton *b : dialog.findChild<QDialogButtonBox *>()->buttons())
            if (b->text() == u"Start Probes"_s)
                return b;
        return static_cast<QAbstractButton *>(nullptr);
    };
    QVERIFY(start());
    QVERIFY2(summary().startsWith(
                     u"Will send 2 probes (1 with a TLS handshake) and 1 DNS look-up"_s),
             qPrintable(summary()));
    QVERIFY(start()->isEnabled());
    QCOMPARE(dialog.plan().targets.size(), 2);
    // Outside: these are internal listeners only; nothing to probe from there.
    dialog.findChild<QRadioButton *>(u"sideOutside"_s)->setChecked(true);
    QVERIFY2(summary().startsWith(u"Nothing to probe from this side"_s), qPrintable(summary()));
    QVERIFY(!start()->isEnabled());
    dialog.findChild<QRadioButton *>(u"sideInside"_s)->setChecked(true);
    dialog.findChild<QLineEdit *>(u"probeResolver"_s)->setText(u"not-an-address"_s);
    QVERIFY(!start()->isEnabled());
    QVERIFY2(summary().contains(u"not-an-address"_s), qPrintable(summary()));
    dialog.findChild<QLineEdit *>(u"probeResolver"_s)->setText(u"127.0.0.1"_s);
    QVERIFY(start()->isEnabled());
    QCOMPARE(dialog.runOptions().resolver, u"127.0.0.1"_s);
    QCOMPARE(dialog.planOptions().side, ProbeSide::Inside);
}

QTEST_MAIN(TstMainWindowProbes)
#include "tst_mainwindow_probes.moc"
