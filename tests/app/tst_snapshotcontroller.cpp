// Loading a snapshot in the GUI: off the GUI thread, into the Document, shown in the tree and the
// details; failures keep the previous check; cancel; re-judging after the topology changes;
// several snapshots of a pool, each on its server; a second snapshot compared with the first; a
// newer load of the same source (equal SnapshotSources, not equal texts) superseding the older.
#include "core/elementref.h"
#include "core/pathanalysis.h"
#include "document/document.h"
#include "io/topologyfile.h"
#include "live/snapshotcontroller.h"
#include "panes/detailsview.h"
#include "panes/topologytreemodel.h"
#include "snapshot/diagnosis.h"
#include "support/tst_field_util.h"
#include "support/tst_pool_util.h"
#include "support/tst_snapshot_util.h"
#include "support/tst_source_util.h"
#include "window/mainwindow.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QUndoStack>

using namespace edgemap;
using edgemap::pooltest::waitFor;
using edgemap::pooltest::writeText;
using edgemap::sourcetest::sourceAt;

namespace {

const QString kSample = snapshottest::bundledSamplePath();

QString statusCell(const TopologyTreeModel &model, const ElementRef &ref)
{
    return model.indexFor(ref).siblingAtColumn(TopologyTreeModel::StatusColumn).data().toString();
}

QString statusCell(const MainWindow &w, const QString &listener)
{
    return statusCell(*w.treeModel(), ElementRef::listener(ListenerId(listener)));
}

// Every verdict of a judgement as text: what the views show, and what must not change when a
// field that no verdict reads is edited.
QStringList verdictsOf(const Judgement &j)
{
    QStringList out;
    for (const ListenerVerdict &v : j.listeners) {
        QStringList peers;
        for (const PeerId &p : v.remotePeers)
            peers.append(p.value());
        out.append(QStringLiteral("%1 %2 %3 %4 [%5]")
                           .arg(v.listener.value())
                           .arg(int(v.status))
                           .arg(v.detail)
                           .arg(v.established)
                           .arg(peers.join(u',')));
    }
    for (const UnexpectedListener &u : j.unexpected)
        out.append(QStringLiteral("unexpected %1 %2").arg(u.address).arg(u.port));
    for (const ScenarioVerdict &sv : j.scenarios)
        out.append(QStringLiteral("scenario %1 %2 %3")
                           .arg(sv.scenario.value())
                           .arg(sv.ok)
                           .arg(sv.brokenBy.size()));
    return out;
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
    void poolSnapshotsLandOnTheirServers();
    void sameServerAgainIsCompared();
    void overlappingLoadsOfOneServerCompareWithEachOther();
    void newerLoadOfTheSameSourceSupersedes();
    void topologyChangeRejudgesEveryServer();
    void fieldEditRejudgesOnlyWhatAVerdictReads_data();
    void fieldEditRejudgesOnlyWhatAVerdictReads();
    void workersJudgeWithTheDocumentsAnalysis();
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
    QVERIFY(doc.checks().latest().get() && doc.checks().latest().get()->ok());
    QCOMPARE(doc.checks().latest().get()->server.value(), QStringLiteral("edge01"));
    QCOMPARE(statusCell(window, QStringLiteral("edge01-int-tcp-8057")),
             QStringLiteral("\u2717 Missing"));
    QCOMPARE(statusCell(window, QStringLiteral("edge01-webconf-tcp-443")),
             QStringLiteral("\u2717 Missing"));
    QCOMPARE(statusCell(window, QStringLiteral("edge01-int-tcp-5061")),
             QStringLiteral("\u2713 OK"));
    QCOMPARE(statusCell(window, QStringLiteral("edge01-av-udp-50000-59999")),
             QStringLiteral("\u223f Dynamic"));
    const QModelIndex server
            = window.treeModel()->indexFor(ElementRef::server(ServerId(QStringLiteral("edge01"))));
    QCOMPARE(server.siblingAtColumn(TopologyTreeModel::StatusColumn).data().toString(),
             QStringLiteral("\u2717 2 problems"));

    QVERIFY(window.selectRef(
            ElementRef::listener(ListenerId(QStringLiteral("edge01-int-tcp-5061")))));
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
    const CheckResult *before = doc.checks().latest().get();

    QTemporaryDir dir;
    const QString garbage = dir.filePath(QStringLiteral("garbage.txt"));
    QFile f(garbage);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("this is not netstat output\nnor is this\n");
    f.close();
    QSignalSpy failed(window.snapshots(), &SnapshotController::failed);
    window.openSnapshot(garbage);
    QVERIFY(failed.wait(10000));
    QCOMPARE(sourceAt(failed.first()), SnapshotSource::file(garbage));
    QCOMPARE(doc.checks().latest().get(), before);
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
        const QByteArray row = "  TCP    10.45.16.30:50001       203.0.113.5:61000      "
                               "ESTABLISHED     3104\r\n";
        QByteArray chunk;
        for (int i = 0; i < 10000; ++i)
            chunk += row;
        for (int i = 0; i < 60; ++i) // ~48 MB: several read chunks, so cancel lands mid-read
            f.write(chunk);
    }
    QSignalSpy cancelled(&controller, &SnapshotController::cancelled);
    QSignalSpy finished(&controller, &SnapshotController::finished);
    controller.openFile(SnapshotSource::file(big));
    controller.cancel();
    QVERIFY(cancelled.wait(20000));
    QCOMPARE(sourceAt(cancelled.first()), SnapshotSource::file(big));
    QCOMPARE(finished.size(), 0);
    QVERIFY(doc.checks().latest().get() == nullptr);
}

void TstSnapshotController::topologyChangeRejudges()
{
    Document doc(topologyfile::defaultTopology());
    SnapshotController controller(doc);
    QSignalSpy finished(&controller, &SnapshotController::finished);
    controller.openFile(SnapshotSource::file(kSample));
    QVERIFY(finished.wait(10000));
    QCOMPARE(doc.checks().verdict(ListenerId(QStringLiteral("edge01-int-tcp-8057")))->status,
             ListenerStatus::Missing);

    // Disable the Web Conferencing service: its listeners are no longer expected.
    Topology changed = doc.topology();
    for (Service &s : changed.services)
        if (s.id.value() == QLatin1String("RTCDATAPROXY"))
            s.enabled = false;
    QSignalSpy rejudged(&controller, &SnapshotController::rejudged);
    doc.resetTopology(changed, {});
    QVERIFY(rejudged.wait(10000));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(doc.checks().verdict(ListenerId(QStringLiteral("edge01-int-tcp-8057")))->status,
             ListenerStatus::NotChecked);
    QCOMPARE(doc.checks().latest().get()->judgement.problemCount(), 0);
}

void TstSnapshotController::poolSnapshotsLandOnTheirServers()
{
    using namespace pooltest;
    Document doc(twoServerPool());
    TopologyTreeModel tree(doc);
    SnapshotController controller(doc);
    QTemporaryDir dir;
    const QString a = writeText(dir, QStringLiteral("edge01.txt"), sampleText());
    const QString b = writeText(dir, QStringLiteral("edge02.txt"), edge02Text());
    QSignalSpy finished(&controller, &SnapshotController::finished);
    QSignalSpy busy(&controller, &SnapshotController::busyChanged);
    controller.openFiles({a, b});
    QVERIFY(controller.isBusy());
    QVERIFY(waitFor(finished, 2));
    QVERIFY(!controller.isBusy());
    QCOMPARE(busy.size(), 2); // busy once for both, then idle
    QCOMPARE(doc.checks().servers().size(), 2);
    QCOMPARE(doc.checks().checkFor(ServerId(QStringLiteral("edge01")))->source,
             SnapshotSource::file(a));
    QCOMPARE(doc.checks().checkFor(ServerId(QStringLiteral("edge02")))->source,
             SnapshotSource::file(b));
    // Both servers show their own state, in the tree as in the verdicts.
    for (const QString &server : {QStringLiteral("edge01"), QStringLiteral("edge02")}) {
        QCOMPARE(statusCell(tree, ElementRef::server(ServerId(server))),
                 QStringLiteral("\u2717 2 problems"));
        QCOMPARE(statusCell(tree, ElementRef::listener(ListenerId(server + u"-int-tcp-8057"_qs))),
                 QStringLiteral("\u2717 Missing"));
        QCOMPARE(statusCell(tree, ElementRef::listener(ListenerId(server + u"-int-tcp-5061"_qs))),
                 QStringLiteral("\u2713 OK"));
    }
    QVERIFY(!doc.checks().hasChanges());
}

void TstSnapshotController::sameServerAgainIsCompared()
{
    using namespace pooltest;
    Document doc(twoServerPool());
    TopologyTreeModel tree(doc);
    SnapshotController controller(doc);
    QSignalSpy finished(&controller, &SnapshotController::finished);
    const ElementRef replication
            = ElementRef::listener(ListenerId(QStringLiteral("edge01-int-tcp-4443")));
    const ElementRef edge01 = ElementRef::server(ServerId(QStringLiteral("edge01")));
    controller.openBytes(sampleText().toUtf8(), SnapshotSource::named(QStringLiteral("first")));
    QVERIFY(waitFor(finished, 1));
    controller.openBytes(edge02Text().toUtf8(), SnapshotSource::named(QStringLiteral("edge02")));
    QVERIFY(waitFor(finished, 2));
    QVERIFY(!doc.checks().hasChanges()); // each server's first snapshot: nothing to compare

    // The replica replicator stopped on edge01: the new snapshot replaces the first, and the
    // tree says what changed.
    controller.openBytes(without(sampleText(), QStringLiteral("172.25.33.10:4443 ")).toUtf8(),
                         SnapshotSource::clipboard());
    QVERIFY(waitFor(finished, 3));
    QCOMPARE(doc.checks().servers().size(), 2);
    QCOMPARE(doc.checks().checkFor(ServerId(QStringLiteral("edge01")))->source,
             SnapshotSource::clipboard());
    QCOMPARE(doc.checks().previousCheckFor(ServerId(QStringLiteral("edge01")))->source,
             SnapshotSource::named(QStringLiteral("first")));
    QCOMPARE(statusCell(tree, replication), QStringLiteral("\u2717 Missing (was OK)"));
    QVERIFY(tree.indexFor(replication)
                    .siblingAtColumn(TopologyTreeModel::StatusColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("was OK, now Missing")));
    QCOMPARE(statusCell(tree, edge01), QStringLiteral("\u2717 3 problems (1 changed)"));
    QCOMPARE(doc.checks().changesFor(ServerId(QStringLiteral("edge01")))->disappeared.size(), 1);
    QCOMPARE(statusCell(tree,
                        ElementRef::listener(ListenerId(QStringLiteral("edge02-int-tcp-4443")))),
             QStringLiteral("\u2713 OK")); // the other server is untouched

    // It came back.
    controller.openBytes(sampleText().toUtf8(), SnapshotSource::named(QStringLiteral("third")));
    QVERIFY(waitFor(finished, 4));
    QCOMPARE(statusCell(tree, replication), QStringLiteral("\u2713 OK (was Missing)"));
    doc.setChecks(doc.checks().acknowledged());
    QCOMPARE(statusCell(tree, replication), QStringLiteral("\u2713 OK"));
    QCOMPARE(statusCell(tree, edge01), QStringLiteral("\u2717 2 problems"));
}

void TstSnapshotController::topologyChangeRejudgesEveryServer()
{
    using namespace pooltest;
    Document doc(twoServerPool());
    SnapshotController controller(doc);
    QSignalSpy finished(&controller, &SnapshotController::finished);
    controller.openBytes(sampleText().toUtf8(), SnapshotSource::named(QStringLiteral("a")));
    controller.openBytes(edge02Text().toUtf8(), SnapshotSource::named(QStringLiteral("b")));
    QVERIFY(waitFor(finished, 2));
    controller.openBytes(without(sampleText(), QStringLiteral("172.25.33.10:4443 ")).toUtf8(),
                         SnapshotSource::named(QStringLiteral("a2")));
    QVERIFY(waitFor(finished, 3));
    const CheckResult *beforeA = doc.checks().checkFor(ServerId(QStringLiteral("edge01")));
    const CheckResult *beforeB = doc.checks().checkFor(ServerId(QStringLiteral("edge02")));

    QSignalSpy rejudged(&controller, &SnapshotController::rejudged);
    Topology changed = doc.topology();
    for (Service &s : changed.services)
        if (s.id.value() == QLatin1String("RTCDATAPROXY"))
            s.enabled = false;
    QVERIFY(!doc.applyEdit(QStringLiteral("Disable Web Conferencing"), changed).isError());
    QVERIFY(rejudged.wait(10000));
    QCOMPARE(finished.size(), 3); // nothing was loaded: a live source must not think so
    QVERIFY(doc.checks().checkFor(ServerId(QStringLiteral("edge01"))) != beforeA);
    QVERIFY(doc.checks().checkFor(ServerId(QStringLiteral("edge02"))) != beforeB);
    for (const QString &server : {QStringLiteral("edge01"), QStringLiteral("edge02")}) {
        QCOMPARE(doc.checks().verdict(ListenerId(server + u"-int-tcp-8057"_qs))->status,
                 ListenerStatus::NotChecked);
        QCOMPARE(doc.checks().checkFor(ServerId(server))->source,
                 SnapshotSource::named(server == u"edge01"_qs ? QStringLiteral("a2")
                                                              : QStringLiteral("b")));
    }
    // The comparison is made again between the re-judged snapshots: still the one change.
    const SnapshotDiff *diff = doc.checks().changesFor(ServerId(QStringLiteral("edge01")));
    QVERIFY(diff);
    QCOMPARE(diff->statusChanges.size(), 1);
    QCOMPARE(diff->statusChanges.first().listener.value(), QStringLiteral("edge01-int-tcp-4443"));
}

void TstSnapshotController::overlappingLoadsOfOneServerCompareWithEachOther()
{
    // Two loads of edge01 run together (a watched file and a paste, say): both started against
    // the same earlier check, but whichever lands second is compared with the one that landed
    // first, so that the marks say what changed between the two.
    using namespace pooltest;
    Document doc(twoServerPool());
    SnapshotController controller(doc);
    QSignalSpy finished(&controller, &SnapshotController::finished);
    controller.openBytes(sampleText().toUtf8(), SnapshotSource::named(QStringLiteral("first")));
    QVERIFY(waitFor(finished, 1));
    controller.openBytes(without(sampleText(), QStringLiteral("172.25.33.10:4443 ")).toUtf8(),
                         SnapshotSource::named(QStringLiteral("x")));
    controller.openBytes(without(sampleText(), QStringLiteral("172.25.33.10:5062 ")).toUtf8(),
                         SnapshotSource::named(QStringLiteral("y")));
    QVERIFY(waitFor(finished, 3));
    QTRY_VERIFY(!controller.isBusy());
    const ServerId edge01(QStringLiteral("edge01"));
    const CheckResult *current = doc.checks().checkFor(edge01);
    const CheckResult *previous = doc.checks().previousCheckFor(edge01);
    QVERIFY(current && previous);
    QCOMPARE(QSet<SnapshotSource>({current->source, previous->source}),
             QSet<SnapshotSource>({SnapshotSource::named(QStringLiteral("x")),
                                   SnapshotSource::named(QStringLiteral("y"))}));
    const SnapshotDiff *diff = doc.checks().changesFor(edge01);
    QVERIFY(diff);
    // x lacks 4443, y lacks 5062: between them both change, in opposite directions.
    QCOMPARE(diff->statusChanges.size(), 2);
    const SnapshotDiff expected = compareChecks(*previous, *current);
    QCOMPARE(diff->appeared.size(), expected.appeared.size());
    QCOMPARE(diff->disappeared.size(), expected.disappeared.size());
    for (const StatusChange &c : diff->statusChanges)
        QVERIFY2(c.before != ListenerStatus::NotChecked, qPrintable(c.listener.value()));
}

void TstSnapshotController::newerLoadOfTheSameSourceSupersedes()
{
    // Pasted again before the first paste was judged: only the newer one reaches the document,
    // and the two get one answer.
    using namespace pooltest;
    Document doc(twoServerPool());
    SnapshotController controller(doc);
    QSignalSpy started(&controller, &SnapshotController::started);
    QSignalSpy finished(&controller, &SnapshotController::finished);
    QSignalSpy cancelled(&controller, &SnapshotController::cancelled);
    controller.openBytes(without(sampleText(), QStringLiteral("172.25.33.10:4443 ")).toUtf8(),
                         SnapshotSource::clipboard());
    controller.openBytes(sampleText().toUtf8(), SnapshotSource::clipboard());
    QVERIFY(waitFor(finished, 1));
    QTRY_VERIFY(!controller.isBusy());
    QCOMPARE(started.size(), 2);
    QCOMPARE(finished.size(), 1);
    QVERIFY(cancelled.isEmpty());
    QCOMPARE(sourceAt(finished.first()), SnapshotSource::clipboard());
    const ServerId edge01(QStringLiteral("edge01"));
    QCOMPARE(doc.checks().checkFor(edge01)->judgement.problemCount(), 2); // the sample's, not 3
    QVERIFY(doc.checks().previousCheckFor(edge01) == nullptr);

    // The same text from another origin is another source: both are loaded and answered.
    controller.openBytes(without(sampleText(), QStringLiteral("172.25.33.10:4443 ")).toUtf8(),
                         SnapshotSource::named(QStringLiteral("clipboard")));
    controller.openBytes(without(sampleText(), QStringLiteral("172.25.33.10:5062 ")).toUtf8(),
                         SnapshotSource::clipboard());
    QVERIFY(waitFor(finished, 3));
    QTRY_VERIFY(!controller.isBusy());
    QCOMPARE(finished.size(), 3);
    QCOMPARE(QSet<SnapshotSource>({sourceAt(finished.at(1)), sourceAt(finished.at(2))}),
             QSet<SnapshotSource>({SnapshotSource::named(QStringLiteral("clipboard")),
                                   SnapshotSource::clipboard()}));
}

void TstSnapshotController::fieldEditRejudgesOnlyWhatAVerdictReads_data()
{
    QTest::addColumn<int>("field");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<bool>("rejudges");
    const auto row = [](Field field, const QString &id, const QVariant &value, bool rejudges) {
        QTest::addRow("%s", qPrintable(describe(fieldOf(field, id))))
                << int(field) << id << value << rejudges;
    };
    // Only shown, never read by a verdict: no re-judge.
    row(Field::TopologyName, {}, u"Renamed"_qs, false);
    row(Field::PoolFqdn, u"pool1"_qs, u"edgepool2.contoso.local"_qs, false);
    row(Field::PeerName, u"director"_qs, u"Director pool"_qs, false);
    row(Field::AddressFqdn, u"edge01-access"_qs, u"meet.contoso.com"_qs, false);
    row(Field::AddressNatIp, u"edge01-av"_qs, u"203.0.113.99"_qs, false);
    // Certificates and DNS records are generated from the SIP domains; no verdict reads them.
    row(Field::SipDomains, {}, QStringList{u"fabrikam.com"_qs}, false);
    // Read by the judgement, the server match or the path graph: judged again.
    row(Field::AddressIp, u"edge01-access"_qs, u"192.0.2.110"_qs, true);
    row(Field::ListenerPort, u"edge01-int-tcp-5062"_qs, 5063, true);
    row(Field::ListenerEnabled, u"edge01-int-tcp-8057"_qs, false, true);
    row(Field::ServiceEnabled, u"RTCDATAPROXY"_qs, false, true);
    row(Field::PeerAddresses, u"director"_qs, QStringList{u"172.25.40.0/24"_qs}, true);
    row(Field::ServerFqdn, u"edge01"_qs, u"edge-a.contoso.local"_qs, true);
}

void TstSnapshotController::fieldEditRejudgesOnlyWhatAVerdictReads()
{
    QFETCH(int, field);
    QFETCH(QString, id);
    QFETCH(QVariant, value);
    QFETCH(bool, rejudges);
    QCOMPARE(affectsJudgement(Field(field)), rejudges);

    Document doc(topologyfile::defaultTopology());
    SnapshotController controller(doc);
    QSignalSpy done(&controller, &SnapshotController::finished);
    controller.openFile(SnapshotSource::file(kSample));
    QVERIFY(done.wait(10000));
    const ServerId edge01(u"edge01"_qs);
    const std::shared_ptr<const CheckResult> before = doc.checks().latest();
    QVERIFY(before && before->ok() && before->server == edge01);

    QSignalSpy busy(&controller, &SnapshotController::busyChanged);
    QSignalSpy rejudged(&controller, &SnapshotController::rejudged);
    const FieldRef ref = fieldOf(Field(field), id);
    const Error e = doc.setField(ref, value);
    QVERIFY2(!e.isError(), qPrintable(e.toString()));
    if (rejudges) {
        QTRY_COMPARE_WITH_TIMEOUT(rejudged.size(), 1, 10000);
        QVERIFY(doc.checks().latest() != before); // a new result object replaced the old one
        QVERIFY(!busy.isEmpty());
        return;
    }
    QTest::qWait(50); // a re-judge would have started synchronously and announced busy
    QVERIFY(busy.isEmpty());
    QVERIFY(rejudged.isEmpty());
    QCOMPARE(doc.checks().latest(), before);
    QCOMPARE(doc.checks().checkFor(edge01), before.get());
    // And skipping it is right: judged again against the edited topology, nothing differs.
    const CheckResult again = rejudge(doc.topology(), *doc.analysis(), *before, edge01.value());
    QVERIFY(again.ok());
    QCOMPARE(verdictsOf(again.judgement), verdictsOf(before->judgement));
    // Undo is a field change too, and skipped the same way.
    doc.undoStack()->undo();
    QVERIFY(busy.isEmpty());
    QCOMPARE(doc.checks().latest(), before);
}

// The workers judge with the analysis of the document's state: the document's own instance,
// which they build when nothing on the GUI thread has needed it yet (here nothing does).
void TstSnapshotController::workersJudgeWithTheDocumentsAnalysis()
{
    Document doc(topologyfile::defaultTopology());
    const std::shared_ptr<const PathAnalysis> analysis = doc.analysis();
    SnapshotController controller(doc);
    QSignalSpy done(&controller, &SnapshotController::finished);
    controller.openFile(SnapshotSource::file(kSample));
    QVERIFY(done.wait(10000));
    QCOMPARE(doc.analysis().get(), analysis.get());
    QVERIFY(analysis->isBuilt()); // by the load's worker, for the views too
    const auto verdict = [&doc](const QString &scenario) -> const ScenarioVerdict * {
        for (const ScenarioVerdict &v : doc.checks().latest()->judgement.scenarios)
            if (v.scenario.value() == scenario)
                return &v;
        return nullptr;
    };
    const QString signIn = QStringLiteral("remote-sign-in");
    const QString call = QStringLiteral("external-av-call"); // requires the internal SIP listener
    QVERIFY(verdict(signIn) && verdict(signIn)->ok);
    QVERIFY(verdict(call) && verdict(call)->ok);

    // A port is judged again with the same analysis.
    QSignalSpy rejudged(&controller, &SnapshotController::rejudged);
    QVERIFY(!doc.setField(fieldOf(Field::ListenerPort, QStringLiteral("edge01-int-tcp-5062")), 5063)
                     .isError());
    QTRY_COMPARE_WITH_TIMEOUT(rejudged.size(), 1, 10000);
    QCOMPARE(doc.analysis().get(), analysis.get());

    // A flag the analysis reads: the re-judging worker gets the new state's analysis, builds it,
    // and the scenario verdicts follow it.
    const ListenerId internalSip(QStringLiteral("edge01-int-tcp-5061"));
    QVERIFY(!doc.setField(fieldOf(Field::ListenerEnabled, internalSip.value()), false).isError());
    const std::shared_ptr<const PathAnalysis> edited = doc.analysis();
    QVERIFY(edited != analysis);
    QTRY_COMPARE_WITH_TIMEOUT(rejudged.size(), 2, 10000);
    QCOMPARE(doc.analysis().get(), edited.get());
    QVERIFY(edited->isBuilt());
    // No path is left on edge01 for remote sign-in: the scenario is broken there by the disabled
    // listener (it used to drop out of the server's verdicts, as if it did not apply), and the
    // reason says so.
    QVERIFY(verdict(signIn) && !verdict(signIn)->ok);
    QCOMPARE(verdict(signIn)->brokenBy, QList<ListenerId>{internalSip});
    QCOMPARE(breakReason(doc.topology(), doc.checks().latest()->judgement, internalSip),
             QStringLiteral("listener TCP 5061 on 172.25.33.10 (RTCSRV) is disabled"));
    QVERIFY(verdict(call) && !verdict(call)->ok);
    QVERIFY(verdict(call)->brokenBy.contains(internalSip));
}

QTEST_MAIN(TstSnapshotController)
#include "tst_snapshotcontroller.moc"
