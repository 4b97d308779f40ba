// The problems pane as the admin reads it: worst first, in the admin's words, each row leading to
// the listener, scenario or address concerned; and a clear message instead of an empty list.
#include "document/document.h"
#include "document/topologyedit.h"
#include "io/topologyfile.h"
#include "panes/problemsmodel.h"
#include "panes/problemspane.h"
#include "probe/probediagnosis.h"
#include "selection.h"
#include "snapshot/check.h"
#include "support/tst_checks_util.h"
#include "support/tst_sample_util.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>
#include <QUndoStack>

#include <memory>

using namespace edgemap;
using namespace Qt::StringLiterals;
using edgemap::sampletest::sampleCheckResult;

namespace {

std::shared_ptr<const CheckResult> shared(CheckResult check)
{
    return std::make_shared<const CheckResult>(std::move(check));
}

// The sample with every listener up and every scenario working; unexpected sockets are kept.
CheckResult allUp(CheckResult check)
{
    for (ListenerVerdict &v : check.judgement.listeners) {
        if (isProblem(v.status))
            v.status = ListenerStatus::Ok;
        v.serviceDown = false;
    }
    check.judgement.servicesDown.clear();
    for (ScenarioVerdict &s : check.judgement.scenarios) {
        s.ok = true;
        s.brokenBy.clear();
    }
    return check;
}

const ServerId kEdge01(u"edge01"_s);

QString text(const ProblemsModel &m, int row, int column = ProblemsModel::ProblemColumn)
{
    return m.index(row, column).data().toString();
}

int rowStartingWith(const ProblemsModel &m, const QString &start)
{
    for (int r = 0; r < m.rowCount(); ++r)
        if (text(m, r).startsWith(start))
            return r;
    return -1;
}

} // namespace

class TstProblems : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void noSnapshot();
    void snapshotFailed();
    void sampleOrderAndWords();
    void unexpectedLeadsToAddressOrServer();
    void allWell();
    void countFollowsChecks();
    void clickAndEnterActivate();
    void keepsCurrentRowAcrossChecks();
    void updatesInPlaceAsAFreshListWould();
    void probeProblemsFromHere();

private:
    Document m_doc{topologyfile::defaultTopology()};
};

void TstProblems::noSnapshot()
{
    deliverCheck(m_doc, nullptr);
    ProblemsPane pane(m_doc);
    QCOMPARE(pane.model()->rowCount(), 0);
    QCOMPARE(pane.model()->state(), ProblemsModel::State::NoSnapshot);
    QVERIFY(pane.isShowingMessage());
    QVERIFY2(pane.message().startsWith(u"Load a snapshot to check the listeners"_s),
             qPrintable(pane.message()));
    QVERIFY(pane.message().contains(u"Ctrl+Shift+O"_s));
    QCOMPARE(pane.problemCount(), 0);
    QCOMPARE(pane.title(), u"Problems"_s);
}

void TstProblems::snapshotFailed()
{
    ProblemsPane pane(m_doc);
    const CheckResult bad = readAndJudge(m_doc.topology(), QByteArray("this is not netstat\n"),
                                         SnapshotSource::clipboard());
    QVERIFY(!bad.ok());
    deliverCheck(m_doc, shared(bad));
    QCOMPARE(pane.model()->state(), ProblemsModel::State::SnapshotFailed);
    QVERIFY(pane.isShowingMessage());
    QVERIFY2(pane.message().contains(bad.error.toString()), qPrintable(pane.message()));
    QCOMPARE(pane.model()->rowCount(), 0);
    deliverCheck(m_doc, nullptr);
}

void TstProblems::sampleOrderAndWords()
{
    ProblemsPane pane(m_doc);
    deliverCheck(m_doc, shared(sampleCheckResult(m_doc.topology())));
    const ProblemsModel &m = *pane.model();
    QVERIFY(!pane.isShowingMessage());
    // The stopped service once (not its two listeners), two Remote Desktop warnings (TCP on
    // 0.0.0.0 and :: as one socket, UDP on 0.0.0.0), the broken scenario, 10 other unexpected
    // sockets (16 bindings: a port on both wildcards is one socket).
    QCOMPARE(m.rowCount(), 1 + 2 + 1 + 10);
    QCOMPARE(pane.problemCount(), 2);
    QCOMPARE(m.warningCount(), 2);
    QCOMPARE(pane.title(), u"Problems (2 + 2 warnings + 10 unexpected)"_s); // counted as listed
    QCOMPARE(pane.message(), u"1 service down, 1 broken scenario, 2 warnings, "
                             "10 unexpected sockets"_s);
    // Counted as every other summary counts (the status bar, edgemap check, the report).
    FindingCounts expected = countFindings(m_doc.checks().latest()->judgement);
    expected.listeners = expected.ok = expected.problemListeners = 0;
    QCOMPARE(m.counts(), expected);

    // The service first, in the admin's words, leading to the service.
    QCOMPARE(m.refAt(0), ElementRef::service(ServiceId(u"RTCDATAPROXY"_s)));
    QCOMPARE(text(m, 0, ProblemsModel::StatusColumn), u"✗ Service down"_s);
    QCOMPARE(text(m, 0, ProblemsModel::ServerColumn), u"edge01.contoso.local"_s);
    QCOMPARE(text(m, 0), u"Web Conferencing Edge (RTCDATAPROXY, DataProxy.exe) is not listening "
                         "anywhere on edge01.contoso.local: the service looks stopped; start it"_s);
    QVERIFY2(m.index(0, ProblemsModel::ProblemColumn)
                     .data(Qt::ToolTipRole)
                     .toString()
                     .contains(u"TCP 8057 on 172.25.33.10 (RTCDATAPROXY)"_s),
             qPrintable(m.index(0, ProblemsModel::ProblemColumn).data(Qt::ToolTipRole).toString()));
    // Its listeners are not rows of their own: they lead to the service's finding.
    for (int r = 0; r < m.rowCount(); ++r)
        QVERIFY(!m.refAt(r).as<ListenerId>());
    QCOMPARE(m.rowOf(ElementRef::listener(ListenerId(u"edge01-int-tcp-8057"_s))), 0);
    QCOMPARE(m.rowOf(ElementRef::listener(ListenerId(u"edge01-webconf-tcp-443"_s))), 0);

    // Then the risks: Remote Desktop reachable from outside.
    for (int r = 1; r <= 2; ++r) {
        QCOMPARE(m.index(r, 0).data(ProblemsModel::KindRole).toInt(),
                 int(ProblemsModel::Kind::Hardening));
        QCOMPARE(text(m, r, ProblemsModel::StatusColumn).mid(2), u"Warning"_s);
    }
    const int rdp = rowStartingWith(m, u"Remote Desktop is reachable on the external interface "
                                       "(TCP 3389 bound on all interfaces (0.0.0.0 and [::]))"_s);
    QVERIFY(rdp >= 1 && rdp <= 2);
    QVERIFY2(text(m, rdp).endsWith(u"(TCP 3389 on 0.0.0.0 and [::] (svchost.exe, PID 1160))"_s),
             qPrintable(text(m, rdp)));
    // Bound on all interfaces: the server is the thing to show.
    QCOMPARE(m.refAt(rdp), ElementRef::server(kEdge01));

    // Then what the down listeners break.
    QCOMPARE(m.refAt(3), ElementRef::scenario(ScenarioId(u"web-conference-join"_s)));
    QCOMPARE(text(m, 3, ProblemsModel::StatusColumn), u"✗ Broken"_s);
    QCOMPARE(text(m, 3), u"External web conference join: broken by TCP 443 on 10.45.16.20, "
                         "TCP 8057 on 172.25.33.10"_s);

    // Then the noise, well-known Windows ports explained.
    for (int r = 4; r < m.rowCount(); ++r) {
        QCOMPARE(m.index(r, 0).data(ProblemsModel::KindRole).toInt(),
                 int(ProblemsModel::Kind::Unexpected));
        QCOMPARE(text(m, r, ProblemsModel::StatusColumn), u"! Unexpected"_s);
    }
    const int smb = rowStartingWith(m, u"TCP 445 on 0.0.0.0 and [::] (System, PID 4): "_s);
    QVERIFY(smb >= 4);
    QVERIFY2(text(m, smb).startsWith(u"TCP 445 on 0.0.0.0 and [::] (System, PID 4): unexpected — "
                                     "TCP 445 is SMB file sharing, a Windows service: "_s),
             qPrintable(text(m, smb)));
    const int other = rowStartingWith(m, u"TCP 49664 on 0.0.0.0 "_s);
    QCOMPARE(text(m, other), u"TCP 49664 on 0.0.0.0 (wininit.exe, PID 512): unexpected — no "
                             "listener of the topology explains it"_s);
    deliverCheck(m_doc, nullptr);
}

void TstProblems::unexpectedLeadsToAddressOrServer()
{
    CheckResult check = sampleCheckResult(m_doc.topology());
    check.judgement.unexpected = {
            {u"10.45.16.10"_s, Transport::Tcp, 3389, 1160, u"svchost.exe"_s},
            {u"::"_s, Transport::Udp, 3389, 1160, u"svchost.exe"_s},
            {u"198.51.100.7"_s, Transport::Tcp, 8080, -1, {}},
    };
    deliverCheck(m_doc, shared(check));
    ProblemsModel m(m_doc);
    const int access = rowStartingWith(
            m, u"Remote Desktop is reachable on the external interface (TCP 3389 bound on "
               "10.45.16.10)"_s);
    QVERIFY(access >= 0);
    QCOMPARE(m.refAt(access), ElementRef::address(AddressId(u"edge01-access"_s)));
    QCOMPARE(m.refAt(rowStartingWith(m, u"Remote Desktop is reachable on the external interface "
                                        "(UDP 3389 bound on all interfaces ([::]))"_s)),
             ElementRef::server(kEdge01));
    const int other = rowStartingWith(m, u"TCP 8080 on 198.51.100.7: unexpected"_s);
    QVERIFY(other >= 0);
    QCOMPARE(m.refAt(other), ElementRef::server(kEdge01));
    QCOMPARE(m.unexpectedCount(), 1);
    QCOMPARE(m.warningCount(), 2);
    QCOMPARE(m.problemCount(), 2); // warnings and unexpected sockets are listed, not counted
    deliverCheck(m_doc, nullptr);
}

void TstProblems::allWell()
{
    ProblemsPane pane(m_doc);
    CheckResult check = allUp(sampleCheckResult(m_doc.topology()));
    deliverCheck(m_doc, shared(check));
    // Unexpected sockets remain: listed, with a summary that says the listeners are fine.
    QCOMPARE(pane.model()->state(), ProblemsModel::State::Problems);
    QCOMPARE(pane.problemCount(), 0);
    QCOMPARE(pane.title(), u"Problems (2 warnings + 10 unexpected)"_s);
    QCOMPARE(pane.model()->rowCount(), 12);
    QCOMPARE(pane.message(), u"every expected listener is up, 2 warnings, 10 unexpected sockets"_s);

    check.judgement.unexpected.clear();
    deliverCheck(m_doc, shared(check));
    QCOMPARE(pane.model()->state(), ProblemsModel::State::AllWell);
    QVERIFY(pane.isShowingMessage());
    QCOMPARE(pane.message(), u"No problems: every expected listener is up."_s);
    QCOMPARE(pane.title(), u"Problems"_s);
    deliverCheck(m_doc, nullptr);
}

void TstProblems::countFollowsChecks()
{
    deliverCheck(m_doc, nullptr);
    ProblemsPane pane(m_doc);
    QSignalSpy counts(&pane, &ProblemsPane::countChanged);
    deliverCheck(m_doc, shared(sampleCheckResult(m_doc.topology())));
    QCOMPARE(counts.count(), 1);
    QCOMPARE(counts.last().first().toInt(), 2); // the stopped service, the broken scenario
    deliverCheck(m_doc, shared(sampleCheckResult(m_doc.topology()))); // same problems: no news
    QCOMPARE(counts.count(), 1);
    deliverCheck(m_doc, nullptr);
    QCOMPARE(counts.count(), 2);
    QCOMPARE(counts.last().first().toInt(), 0);
    QVERIFY(pane.isShowingMessage());
}

void TstProblems::clickAndEnterActivate()
{
    deliverCheck(m_doc, shared(sampleCheckResult(m_doc.topology())));
    ProblemsPane pane(m_doc);
    pane.resize(900, 400);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    QSignalSpy activated(Selection::of(m_doc), &Selection::currentChanged);
    QTreeView *view = pane.view();
    const QModelIndex scenario = pane.model()->index(3, ProblemsModel::ProblemColumn);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(scenario).center());
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.last().first().value<ElementRef>(),
             ElementRef::scenario(ScenarioId(u"web-conference-join"_s)));

    view->setCurrentIndex(pane.model()->index(0, 0));
    QCOMPARE(activated.count(), 1); // moving is not activating
    QTest::keyClick(view, Qt::Key_Return);
    QCOMPARE(activated.count(), 2);
    QCOMPARE(activated.last().first().value<ElementRef>(),
             ElementRef::service(ServiceId(u"RTCDATAPROXY"_s)));
    deliverCheck(m_doc, nullptr);
}

void TstProblems::keepsCurrentRowAcrossChecks()
{
    deliverCheck(m_doc, shared(sampleCheckResult(m_doc.topology())));
    ProblemsPane pane(m_doc);
    QSignalSpy activated(Selection::of(m_doc), &Selection::currentChanged);
    const int rdp = rowStartingWith(*pane.model(), u"TCP 49664 on 0.0.0.0 "_s);
    pane.view()->setCurrentIndex(pane.model()->index(rdp, 0));
    deliverCheck(m_doc, shared(sampleCheckResult(m_doc.topology())));
    QCOMPARE(pane.view()->currentIndex().row(), rdp);
    const int scenario = 4;
    pane.view()->setCurrentIndex(pane.model()->index(scenario, 0));
    deliverCheck(m_doc, shared(allUp(sampleCheckResult(m_doc.topology())))); // the scenario is gone
    QVERIFY(pane.model()->rowOf(ElementRef::scenario(ScenarioId(u"web-conference-join"_s))) < 0);
    QCOMPARE(activated.count(), 0);
    deliverCheck(m_doc, nullptr);
}

void TstProblems::updatesInPlaceAsAFreshListWould()
{
    // Through checks that add, remove and change rows and a port edit that rewords them, the
    // list is updated in place (no reset: the view keeps selection and scroll) and always
    // reads as a list built fresh for the document would.
    deliverCheck(m_doc, nullptr);
    ProblemsModel model(m_doc);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    const auto same = [&] {
        const ProblemsModel fresh(m_doc);
        if (fresh.rowCount() != model.rowCount())
            return u"%1 rows, a fresh list has %2"_s.arg(model.rowCount()).arg(fresh.rowCount());
        for (int r = 0; r < model.rowCount(); ++r)
            for (int c = 0; c < ProblemsModel::ColumnCount; ++c)
                if (text(model, r, c) != text(fresh, r, c))
                    return u"row %1: \"%2\", fresh \"%3\""_s.arg(r).arg(text(model, r, c),
                                                                        text(fresh, r, c));
        return QString();
    };
    deliverCheck(m_doc, shared(sampleCheckResult(m_doc.topology())));
    QVERIFY2(same().isEmpty(), qPrintable(same()));
    QVERIFY(inserted.count() > 0);
    deliverCheck(m_doc, shared(allUp(sampleCheckResult(m_doc.topology()))));
    QVERIFY2(same().isEmpty(), qPrintable(same()));
    QVERIFY(removed.count() > 0);
    deliverCheck(m_doc, shared(sampleCheckResult(m_doc.topology())));
    QVERIFY2(same().isEmpty(), qPrintable(same()));
    // A port edit: the listener's row says the new port and the problem moves with it.
    const ListenerId missing(u"edge01-int-tcp-8057"_s);
    QVERIFY(m_doc.topology().listener(missing));
    const int changesBefore = int(changed.count() + inserted.count() + removed.count());
    QVERIFY(!m_doc.setField(FieldRef{Field::ListenerPort, ElementRef::listener(missing)}, 8058)
                     .isError());
    QVERIFY2(same().isEmpty(), qPrintable(same()));
    QVERIFY(int(changed.count() + inserted.count() + removed.count()) > changesBefore);
    m_doc.undoStack()->undo();
    QVERIFY2(same().isEmpty(), qPrintable(same()));
    deliverCheck(m_doc, nullptr);
    QVERIFY2(same().isEmpty(), qPrintable(same()));
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(resets.count(), 0);
}

void TstProblems::probeProblemsFromHere()
{
    const ListenerId sip(u"edge01-int-tcp-5061"_s);
    deliverCheck(m_doc, shared(allUp(sampleCheckResult(m_doc.topology()))));
    m_doc.setProbeRun(nullptr);
    ProblemsPane pane(m_doc);
    const ProblemsModel &m = *pane.model();
    const int before = m.rowCount();
    QCOMPARE(pane.problemCount(), 0);
    QSignalSpy counted(&m, &ProblemsModel::countChanged);

    // Bound on the Edge (the snapshot says OK), timed out from here, and an expired certificate.
    auto run = std::make_shared<ProbeRun>();
    ProbeResult r;
    r.target.listener = sip;
    r.target.server = kEdge01;
    r.target.port = 5061;
    r.address = u"172.25.33.10"_s;
    r.status = ProbeStatus::TimedOut;
    r.findings.append({TlsFinding::Check::Expired, TlsFinding::Severity::Error,
                       u"the certificate expired on 2026-11-30"_s});
    run->results.append(r);
    m_doc.setProbeRun(run);
    QCOMPARE(counted.size(), 1);

    const int blocked = rowStartingWith(m, u"TCP 5061 on 172.25.33.10 ("_s);
    QVERIFY(blocked >= 0);
    QVERIFY2(text(m, blocked).contains(u": from here, blocked between here and the Edge"_s),
             qPrintable(text(m, blocked)));
    QCOMPARE(text(m, blocked, ProblemsModel::StatusColumn), u"⊘ Blocked"_s);
    QCOMPARE(text(m, blocked, ProblemsModel::ServerColumn), u"edge01.contoso.local"_s);
    QCOMPARE(m.refAt(blocked), ElementRef::listener(sip));

    int certificate = -1;
    for (int r2 = 0; r2 < m.rowCount(); ++r2)
        if (text(m, r2).endsWith(u": certificate: the certificate expired on 2026-11-30"_s))
            certificate = r2;
    QVERIFY(certificate >= 0);
    QCOMPARE(text(m, certificate, ProblemsModel::StatusColumn), u"✗ Certificate"_s);
    QCOMPARE(m.refAt(certificate), ElementRef::listener(sip));

    // The scenarios the blocked listener breaks, none of them broken in the snapshot.
    const int scenarios = int(m_doc.probes().impact.size());
    QVERIFY(scenarios > 0);
    int fromHere = 0;
    for (int r2 = 0; r2 < m.rowCount(); ++r2) {
        if (m.index(r2, 0).data(ProblemsModel::KindRole).toInt()
            != int(ProblemsModel::Kind::ProbeScenario))
            continue;
        ++fromHere;
        QVERIFY2(text(m, r2).contains(u" cannot work from here on edge01.contoso.local: "
                                      "blocked TCP 5061 on 172.25.33.10"_s),
                 qPrintable(text(m, r2)));
        QCOMPARE(text(m, r2, ProblemsModel::StatusColumn), u"✗ Broken from here"_s);
    }
    QCOMPARE(fromHere, scenarios);
    QCOMPARE(m.rowCount(), before + 2 + scenarios);

    // Counted in the title and the summary, as the status bar counts them.
    QCOMPARE(pane.problemCount(), 1 + 1 + scenarios);
    const ProblemsModel::FromHereCounts counts = ProblemsModel::fromHereCountsOf(m_doc);
    QCOMPARE(counts, m.fromHereCounts());
    QCOMPARE(counts.listeners, 1);
    QCOMPARE(counts.certificateErrors, 1);
    QCOMPARE(counts.brokenScenarios, scenarios);
    const QString broken
            = scenarios == 1 ? u"1 broken scenario"_s : u"%1 broken scenarios"_s.arg(scenarios);
    QVERIFY2(pane.message().endsWith(u"; from here: 1 listener with a problem, 1 certificate "
                                     "finding, "_s
                                     + broken),
             qPrintable(pane.message()));
    QCOMPARE(pane.message(), m.summary());

    // Without the run: back as before.
    m_doc.setProbeRun(nullptr);
    QCOMPARE(m.rowCount(), before);
    QCOMPARE(pane.problemCount(), 0);
    deliverCheck(m_doc, nullptr);
}

QTEST_MAIN(TstProblems)
#include "tst_problems.moc"
