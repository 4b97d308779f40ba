// The combined verdict: a probe result joined with the snapshot's verdict on its listener, in
// the admin's words. Every snapshot status is crossed with every probe status (a pure function,
// no network), then the cases with words of their own: the service named when it is down, the
// wrong address named, a hairpin test, one port of the media range, certificate findings kept
// as findings of their own.
#include "core/pathanalysis.h"
#include "probe/probediagnosis.h"
#include "probe/probeverdict.h"
#include "snapshot/check.h"
#include "snapshot/checkset.h"
#include "support/topologybuilder.h"

#include <QSet>
#include <QTest>

#include <memory>

using namespace edgemap;
using namespace edgemap::testing;
using namespace Qt::StringLiterals;

namespace {

const ListenerId kInt5061(u"edge01-int-tcp-5061"_s);
const ServerId kEdge01(u"edge01"_s);

Topology topology()
{
    return TopologyBuilder().members(1).build();
}

ProbeResult probe(ProbeStatus status)
{
    ProbeResult r;
    r.target.listener = kInt5061;
    r.target.server = kEdge01;
    r.target.service = ServiceId(u"RTCSRV"_s);
    r.target.port = 5061;
    r.address = u"172.25.33.11"_s;
    r.status = status;
    r.detail = u"probe facts"_s;
    return r;
}

ListenerVerdict snapshot(ListenerStatus status)
{
    ListenerVerdict v;
    v.listener = kInt5061;
    v.status = status;
    v.detail = status == ListenerStatus::WrongAddress
                       ? u"RTCSrv.exe listens on 172.25.33.99 instead of 172.25.33.11"_s
                       : u"snapshot facts"_s;
    return v;
}

// "none": no snapshot of the server.
const QList<std::pair<QString, std::optional<ListenerStatus>>> kSnapshots{
        {u"none"_s, std::nullopt},
        {u"not-checked"_s, ListenerStatus::NotChecked},
        {u"ok"_s, ListenerStatus::Ok},
        {u"exposed"_s, ListenerStatus::Exposed},
        {u"missing"_s, ListenerStatus::Missing},
        {u"wrong-address"_s, ListenerStatus::WrongAddress},
        {u"wrong-process"_s, ListenerStatus::WrongProcess},
        {u"dynamic"_s, ListenerStatus::Dynamic},
        {u"unknown"_s, ListenerStatus::Unknown},
};

const QList<ProbeStatus> kProbes{
        ProbeStatus::NotProbed, ProbeStatus::Open,        ProbeStatus::Refused,
        ProbeStatus::TimedOut,  ProbeStatus::Unreachable, ProbeStatus::Answering,
        ProbeStatus::NoAnswer,  ProbeStatus::Unresolved,  ProbeStatus::Cancelled};

// What the probe alone says (no snapshot, or one that cannot tell).
CombinedKind probeOnly(ProbeStatus p)
{
    switch (p) {
    case ProbeStatus::Open:
    case ProbeStatus::Answering:
        return CombinedKind::Reachable;
    case ProbeStatus::Refused:
        return CombinedKind::Refused;
    case ProbeStatus::TimedOut:
    case ProbeStatus::Unreachable:
    case ProbeStatus::NoAnswer:
        return CombinedKind::NoAnswer;
    case ProbeStatus::Unresolved:
        return CombinedKind::Unresolved;
    case ProbeStatus::NotProbed:
    case ProbeStatus::Cancelled:
        break;
    }
    return CombinedKind::NotProbed;
}

// The expected kind of each combination, written out independently of the code.
CombinedKind expected(const std::optional<ListenerStatus> &s, ProbeStatus p)
{
    const bool reachable = p == ProbeStatus::Open || p == ProbeStatus::Answering;
    const bool refused = p == ProbeStatus::Refused;
    const bool silent = p == ProbeStatus::TimedOut || p == ProbeStatus::Unreachable
                        || p == ProbeStatus::NoAnswer;
    if (!reachable && !refused && !silent)
        return probeOnly(p);
    if (!s)
        return probeOnly(p);
    switch (*s) {
    case ListenerStatus::Ok:
    case ListenerStatus::Exposed:
        return reachable ? CombinedKind::Working : CombinedKind::Blocked;
    case ListenerStatus::Missing:
        return refused  ? CombinedKind::NotListening
               : silent ? CombinedKind::DownPathUnknown
                        : CombinedKind::ReachableUnbound;
    case ListenerStatus::WrongAddress:
        return reachable ? CombinedKind::ReachableUnbound : CombinedKind::WrongAddress;
    case ListenerStatus::WrongProcess:
        return CombinedKind::WrongProcess;
    case ListenerStatus::NotChecked:
    case ListenerStatus::Dynamic:
    case ListenerStatus::Unknown:
        break;
    }
    return probeOnly(p);
}

bool isProblemKind(CombinedKind k)
{
    return k != CombinedKind::Working && k != CombinedKind::Reachable
           && k != CombinedKind::MediaExpected && k != CombinedKind::MediaFiltered
           && k != CombinedKind::MediaOpen;
}

} // namespace

class TstProbeVerdict : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyCombination_data();
    void everyCombination();
    void wordsOfEachVerdict_data();
    void wordsOfEachVerdict();
    void downServiceIsNamedFromItsFinding();
    void hairpinTestSaysSo();
    void mediaSample_data();
    void mediaSample();
    void certificateFindingsStayTheirOwn();
    void keysAndNamesAreStable();
    void fromTheServersJudgement();
    void diagnosisWithoutSnapshot();
    void diagnosisWithSnapshot();
};

void TstProbeVerdict::everyCombination_data()
{
    QTest::addColumn<std::optional<ListenerStatus>>("snapshotStatus");
    QTest::addColumn<ProbeStatus>("probeStatus");
    for (const auto &[name, s] : kSnapshots)
        for (ProbeStatus p : kProbes)
            QTest::addRow("%s + %s", qPrintable(name), qPrintable(keyOf(p))) << s << p;
}

void TstProbeVerdict::everyCombination()
{
    QFETCH(std::optional<ListenerStatus>, snapshotStatus);
    QFETCH(ProbeStatus, probeStatus);
    const Topology t = topology();
    const ListenerVerdict v = snapshot(snapshotStatus.value_or(ListenerStatus::NotChecked));
    const CombinedVerdict c = combineVerdict(t, probe(probeStatus), snapshotStatus ? &v : nullptr);
    const CombinedKind want = expected(snapshotStatus, probeStatus);
    QCOMPARE(keyOf(c.kind), keyOf(want));
    QCOMPARE(c.problem, isProblemKind(want));
    QVERIFY(!c.words.isEmpty());
    QCOMPARE(c.snapshot, snapshotStatus.value_or(ListenerStatus::NotChecked));
}

// The words the admin reads, one row per verdict.
void TstProbeVerdict::wordsOfEachVerdict_data()
{
    QTest::addColumn<std::optional<ListenerStatus>>("snapshotStatus");
    QTest::addColumn<ProbeStatus>("probeStatus");
    QTest::addColumn<QString>("words");
    using S = ListenerStatus;
    using P = ProbeStatus;
    QTest::newRow("working") << std::optional(S::Ok) << P::Open
                             << u"working: bound on the Edge and reachable from here"_s;
    QTest::newRow("blocked, timed out")
            << std::optional(S::Ok) << P::TimedOut
            << u"blocked between here and the Edge (firewall, NAT or routing)"_s;
    QTest::newRow("blocked, refused in between")
            << std::optional(S::Ok) << P::Refused
            << u"blocked between here and the Edge (firewall, NAT or routing): the service "
               "listens, so a device in between refuses the connection"_s;
    QTest::newRow("not listening") << std::optional(S::Missing) << P::Refused
                                   << u"service not listening: Access Edge (RTCSRV, RTCSrv.exe)"_s;
    QTest::newRow("wrong address")
            << std::optional(S::WrongAddress) << P::Refused
            << u"bound to the wrong address: RTCSrv.exe listens on 172.25.33.99 instead of "
               "172.25.33.11"_s;
    QTest::newRow("down, path unknown")
            << std::optional(S::Missing) << P::TimedOut
            << u"service down and path unknown: Access Edge (RTCSRV, RTCSrv.exe) is not "
               "listening, and nothing answered from here, so a firewall may block the path "
               "too; start the service and probe again"_s;
    QTest::newRow("wrong process") << std::optional(S::WrongProcess) << P::Open
                                   << u"another program holds the port: snapshot facts"_s;
    QTest::newRow("reachable, not bound")
            << std::optional(S::Missing) << P::Open
            << u"reachable, but the snapshot shows nothing listening on the address: the "
               "snapshot may be older than the service's start, or a device in between answers "
               "for it"_s;
    QTest::newRow("reachable") << std::optional<S>() << P::Answering << u"reachable from here"_s;
    QTest::newRow("refused")
            << std::optional<S>() << P::Refused
            << u"refused: nothing listens on the port, or a firewall rejects the connection (a "
               "snapshot tells which)"_s;
    QTest::newRow("no answer") << std::optional<S>() << P::NoAnswer
                               << u"no answer: a firewall drops it, or the service or the host "
                                  "is down (a snapshot tells which)"_s;
    QTest::newRow("unresolved") << std::optional(S::Ok) << P::Unresolved
                                << u"name does not resolve: clients cannot find it"_s;
    QTest::newRow("not probed") << std::optional(S::Ok) << P::Cancelled
                                << u"not probed: probe facts"_s;
}

void TstProbeVerdict::wordsOfEachVerdict()
{
    QFETCH(std::optional<ListenerStatus>, snapshotStatus);
    QFETCH(ProbeStatus, probeStatus);
    QFETCH(QString, words);
    const ListenerVerdict v = snapshot(snapshotStatus.value_or(ListenerStatus::NotChecked));
    const CombinedVerdict c
            = combineVerdict(topology(), probe(probeStatus), snapshotStatus ? &v : nullptr);
    QCOMPARE(c.words, words);
}

// A stopped service is one finding of the snapshot: the verdict's facts are its words.
void TstProbeVerdict::downServiceIsNamedFromItsFinding()
{
    ServiceDown down;
    down.service = ServiceId(u"RTCSRV"_s);
    down.text = u"Access Edge (RTCSRV, RTCSrv.exe) is not listening anywhere on "
                "edge01.contoso.local: the service looks stopped; start it"_s;
    const ListenerVerdict v = snapshot(ListenerStatus::Missing);
    const CombinedVerdict c = combineVerdict(topology(), probe(ProbeStatus::Refused), &v, &down);
    QCOMPARE(c.kind, CombinedKind::NotListening);
    QCOMPARE(c.detail, down.text);
}

void TstProbeVerdict::hairpinTestSaysSo()
{
    ProbeResult p = probe(ProbeStatus::TimedOut);
    p.target.via = ProbeVia::Hairpin;
    const ListenerVerdict v = snapshot(ListenerStatus::Ok);
    const CombinedVerdict c = combineVerdict(topology(), p, &v);
    QCOMPARE(c.kind, CombinedKind::Blocked);
    QVERIFY2(c.words.contains(u"the hairpin test fails"_s), qPrintable(c.words));
}

void TstProbeVerdict::mediaSample_data()
{
    QTest::addColumn<ProbeStatus>("probeStatus");
    QTest::addColumn<CombinedKind>("kind");
    QTest::addColumn<QString>("words");
    QTest::newRow("refused") << ProbeStatus::Refused << CombinedKind::MediaExpected
                             << u"refused, as expected"_s;
    QTest::newRow("timed out") << ProbeStatus::TimedOut << CombinedKind::MediaFiltered
                               << u"a firewall drops the range"_s;
    QTest::newRow("open") << ProbeStatus::Open << CombinedKind::MediaOpen
                          << u"a relay port allocated for a call right now"_s;
}

// One port of the media range: none of the answers is a problem; the snapshot's "dynamic" does
// not change the words.
void TstProbeVerdict::mediaSample()
{
    QFETCH(ProbeStatus, probeStatus);
    QFETCH(CombinedKind, kind);
    QFETCH(QString, words);
    ProbeResult p = probe(probeStatus);
    p.target.mediaSample = true;
    const ListenerVerdict v = snapshot(ListenerStatus::Dynamic);
    for (const ListenerVerdict *s : {static_cast<const ListenerVerdict *>(nullptr), &v}) {
        const CombinedVerdict c = combineVerdict(topology(), p, s);
        QCOMPARE(c.kind, kind);
        QVERIFY(!c.problem);
        QVERIFY2(c.words.contains(words), qPrintable(c.words));
    }
}

// A working port with an expired certificate is working, and the certificate is a finding.
void TstProbeVerdict::certificateFindingsStayTheirOwn()
{
    ProbeResult p = probe(ProbeStatus::Open);
    p.findings.append({TlsFinding::Check::Expired, TlsFinding::Severity::Error, u"expired"_s});
    const ListenerVerdict v = snapshot(ListenerStatus::Ok);
    const CombinedVerdict c = combineVerdict(topology(), p, &v);
    QCOMPARE(c.kind, CombinedKind::Working);
    QVERIFY(!c.problem);
    QCOMPARE(c.tls.size(), 1);
    QCOMPARE(c.tls.first().check, TlsFinding::Check::Expired);
}

// The JSON keys of the verdicts and probe statuses are part of the documented output.
void TstProbeVerdict::keysAndNamesAreStable()
{
    QCOMPARE(keyOf(CombinedKind::Working), u"working"_s);
    QCOMPARE(keyOf(CombinedKind::Blocked), u"blocked"_s);
    QCOMPARE(keyOf(CombinedKind::NotListening), u"not-listening"_s);
    QCOMPARE(keyOf(CombinedKind::WrongAddress), u"wrong-address"_s);
    QCOMPARE(keyOf(CombinedKind::DownPathUnknown), u"down-path-unknown"_s);
    QCOMPARE(keyOf(CombinedKind::MediaExpected), u"media-expected"_s);
    QCOMPARE(keyOf(ProbeStatus::TimedOut), u"timed-out"_s);
    QCOMPARE(keyOf(ProbeStatus::NoAnswer), u"no-answer"_s);
    QCOMPARE(keyOf(ProbeStatus::Answering), u"answering"_s);
    QCOMPARE(keyOf(TlsFinding::Check::NameNotCovered), u"name-not-covered"_s);
    QCOMPARE(keyOf(DnsCheckResult::Status::WrongTarget), u"wrong-target"_s);
}

// The overload the panes use: the judgement of the probe's server, or of another server (no
// snapshot of this one), or none.
void TstProbeVerdict::fromTheServersJudgement()
{
    Judgement j;
    j.server = kEdge01;
    j.listeners.append(snapshot(ListenerStatus::Missing));
    j.positions.insert(kInt5061, 0);
    ServiceDown down;
    down.service = ServiceId(u"RTCSRV"_s);
    down.listeners = {kInt5061};
    down.text = u"Access Edge is not listening anywhere"_s;
    j.servicesDown.append(down);
    const ProbeResult p = probe(ProbeStatus::Refused);
    const CombinedVerdict c = combineWithJudgement(topology(), p, &j);
    QCOMPARE(c.kind, CombinedKind::NotListening);
    QCOMPARE(c.detail, down.text);
    QVERIFY(c.needsAttention());
    Judgement other = j;
    other.server = ServerId(u"edge02"_s);
    QCOMPARE(combineWithJudgement(topology(), p, &other).kind, CombinedKind::Refused);
    QCOMPARE(combineWithJudgement(topology(), p, nullptr).kind, CombinedKind::Refused);
    ProbeResult working = probe(ProbeStatus::Open);
    QVERIFY(!combineWithJudgement(topology(), working, nullptr).needsAttention());
    working.findings.append({TlsFinding::Check::ExpiresSoon, TlsFinding::Severity::Warning, {}});
    QVERIFY(combineWithJudgement(topology(), working, nullptr).needsAttention());
}

namespace {

// A run that probed kInt5061 twice (open, then timed out) and a name target.
std::shared_ptr<const ProbeRun> runWithBlockedSip()
{
    auto run = std::make_shared<ProbeRun>();
    run->results.append(probe(ProbeStatus::Open));
    run->results.append(probe(ProbeStatus::TimedOut));
    ProbeResult name;
    name.target.name = u"sip.contoso.com"_s;
    name.status = ProbeStatus::Unresolved;
    run->results.append(name);
    return run;
}

} // namespace

void TstProbeVerdict::diagnosisWithoutSnapshot()
{
    const Topology t = topology();
    const PathAnalysis analysis(t);
    const auto run = runWithBlockedSip();
    const ProbeDiagnosis d = diagnoseProbes(t, analysis, run, CheckSet());
    QVERIFY(!d.isEmpty());
    QCOMPARE(d.verdicts.size(), 3);
    const ListenerProbe *p = d.of(kInt5061);
    QVERIFY(p);
    QCOMPARE(p->server, kEdge01);
    QCOMPARE(p->results, (QList<int>{0, 1}));
    // The worst result says most: the time-out, not the open first one.
    QCOMPARE(p->worst, 1);
    QCOMPARE(run->worstResultOf(kInt5061), &run->results.at(1));
    QCOMPARE(p->verdict.kind, CombinedKind::NoAnswer);
    QVERIFY(p->down);
    QVERIFY(!d.of(ListenerId(u"edge01-nothing"_s)));
    QCOMPARE(d.counts.probes, 3);
    QCOMPARE(d.counts.reachable, 1);
    QCOMPARE(d.counts.problems, 2); // the time-out and the unresolved name
    QCOMPARE(d.counts.tlsFindings, 0);
    // Down from here breaks what the listener alone breaks.
    const QList<ScenarioImpact> expected = analysis.impact(QSet<ListenerId>{kInt5061});
    QVERIFY(!expected.isEmpty());
    QCOMPARE(d.impact.size(), expected.size());
    QCOMPARE(d.counts.brokenScenarios, int(d.impact.size()));
    for (const ScenarioImpact &i : d.impact) {
        QCOMPARE(i.server, kEdge01);
        QVERIFY(i.brokenBy.contains(kInt5061));
    }
    QVERIFY(diagnoseProbes(t, analysis, nullptr, CheckSet()).isEmpty());
}

void TstProbeVerdict::diagnosisWithSnapshot()
{
    const Topology t = topology();
    const PathAnalysis analysis(t);
    auto check = std::make_shared<CheckResult>();
    check->server = kEdge01;
    check->judgement.server = kEdge01;
    check->judgement.listeners.append(snapshot(ListenerStatus::Ok));
    check->judgement.positions.insert(kInt5061, 0);
    const CheckSet checks = CheckSet().withCheck(check, t);
    QVERIFY(checks.verdict(kInt5061));

    // Bound on the Edge, timed out from here: blocked, and down for the scenarios.
    const ProbeDiagnosis d = diagnoseProbes(t, analysis, runWithBlockedSip(), checks);
    const ListenerProbe *p = d.of(kInt5061);
    QVERIFY(p);
    QCOMPARE(p->worst, 1);
    QCOMPARE(p->verdict.kind, CombinedKind::Blocked);
    QCOMPARE(p->verdict.snapshot, ListenerStatus::Ok);
    QVERIFY(p->verdict.problem);
    QVERIFY(p->down);
    QCOMPARE(d.counts.problems, 2);
    QVERIFY(!d.impact.isEmpty());
    bool brokenByBlocked = false;
    for (const ScenarioImpact &i : d.impact)
        brokenByBlocked = brokenByBlocked || i.brokenBy.contains(kInt5061);
    QVERIFY(brokenByBlocked);

    // Both results open: working, not down, nothing broken from here.
    auto fine = std::make_shared<ProbeRun>();
    fine->results.append(probe(ProbeStatus::Open));
    const ProbeDiagnosis ok = diagnoseProbes(t, analysis, fine, checks);
    QCOMPARE(ok.of(kInt5061)->verdict.kind, CombinedKind::Working);
    QVERIFY(!ok.of(kInt5061)->down);
    QCOMPARE(ok.counts.problems, 0);
    QCOMPARE(ok.counts.reachable, 1);
    QVERIFY(ok.impact.isEmpty());
}

QTEST_GUILESS_MAIN(TstProbeVerdict)
#include "tst_probeverdict.moc"
