// The probes against real sockets, all on loopback (block 127.77.0.0/16): TCP open, refused and
// timed out (a full backlog); MS-TURN answered, answered with another transaction id, refused
// (ICMP port unreachable); TLS with certificates made at test time (trusted, expired, expiring,
// wrong name, self-signed, an MTLS port, pool members that differ) and never on the A/V Edge's
// TCP 443; the runner (bounded concurrency, progress, cancel, overall timeout, nothing sent
// before a run); the combined verdict of a judged snapshot and a run, each reached live.
#include "core/pathanalysis.h"
#include "io/topologyfile.h"
#include "probe/probejobs.h"
#include "probe/probeverdict.h"
#include "snapshot/check.h"
#include "snapshot/snapshotfile.h"
#include "support/tst_probe_util.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace edgemap;
using namespace edgemap::probetest;
using namespace edgemap::testing;
using namespace Qt::StringLiterals;

namespace {

constexpr int kBlock = 77;
const QString kEdge01Internal = u"127.77.1.11"_s;

Topology loopback(int members)
{
    Topology t = TopologyBuilder().addresses(loopbackPlan(kBlock)).members(members).build();
    disableAll(t);
    return t;
}

ProbePlanOptions inside(bool tls = true)
{
    ProbePlanOptions o;
    o.side = ProbeSide::Inside;
    o.tls = tls;
    o.dns = false;
    return o;
}

ProbePlanOptions outside()
{
    ProbePlanOptions o;
    o.side = ProbeSide::Outside;
    o.dns = false;
    return o;
}

ProbeOptions fast(int timeoutMs = 600)
{
    ProbeOptions o;
    o.timeoutMs = timeoutMs;
    return o;
}

QString tcpRow(const QString &ip, int port, int pid, const QString &exe)
{
    return u"  TCP    %1:%2  0.0.0.0:0  LISTENING  %3\r\n [%4]\r\n"_s.arg(ip)
            .arg(port)
            .arg(pid)
            .arg(exe);
}

Judgement judged(const Topology &t, const QString &rows)
{
    const QString text = u"\r\nActive Connections\r\n\r\n  Proto  Local Address  Foreign Address"
                         "  State  PID\r\n"_s
                         + rows;
    const snapshotfile::ReadResult r = snapshotfile::parse(text.toUtf8(), u"snapshot"_s);
    if (!r.ok())
        qFatal("unreadable test snapshot");
    return judge(t, *r.snapshot, ServerId(u"edge01"_s));
}

QStringList checksOf(const ProbeResult &r)
{
    QStringList out;
    for (const TlsFinding &f : r.findings)
        out.append(keyOf(f.check));
    return out;
}

} // namespace

class TstProbeLoopback : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tcpOpenRefusedTimedOut();
    void msTurnAnswersAndRefusals();
    void certificates();
    void mtlsPortStillShowsItsCertificate();
    void poolMembersPresentOneCertificate();
    void avEdgeTcp443IsNeverTls();
    void boundedConcurrency();
    void progressSignals();
    void cancel();
    void overallTimeout();
    void nothingIsSentBeforeARun();
    void combinedVerdictsLive();
};

void TstProbeLoopback::tcpOpenRefusedTimedOut()
{
    Topology t = loopback(1);
    OpenPort open(kEdge01Internal);
    FilteredPort filtered(kEdge01Internal);
    place(t, u"edge01-int-tcp-443"_s, open.port());
    place(t, u"edge01-int-tcp-5061"_s, closedTcpPort(kEdge01Internal));
    place(t, u"edge01-int-tcp-5062"_s, filtered.port());
    const ProbeRun run = probe(t, inside(false), fast(500));
    QCOMPARE(run.results.size(), 3);
    const ProbeResult *o = resultOf(run, u"edge01-int-tcp-443"_s);
    QCOMPARE(o->status, ProbeStatus::Open);
    QVERIFY(o->elapsedMs < 500);
    QVERIFY(!o->localAddress.isEmpty());
    QCOMPARE(o->address, kEdge01Internal);
    const ProbeResult *r = resultOf(run, u"edge01-int-tcp-5061"_s);
    QCOMPARE(r->status, ProbeStatus::Refused);
    QVERIFY2(r->detail.contains(u"refused: the host answered with a reset"_s),
             qPrintable(r->detail));
    const ProbeResult *f = resultOf(run, u"edge01-int-tcp-5062"_s);
    QCOMPARE(f->status, ProbeStatus::TimedOut);
    QVERIFY(f->elapsedMs >= 450);
    QVERIFY2(f->detail.contains(u"timed out after 500 ms"_s), qPrintable(f->detail));
    QVERIFY(!run.cancelled && !run.timedOut);
    QCOMPARE(run.side, ProbeSide::Inside);
    QVERIFY(run.started.isValid() && run.finished >= run.started);
    QCOMPARE(run.resolver, u"system"_s);
    QVERIFY(!run.localAddresses.isEmpty());
}

// The correct responder answers the first request (a 401, as the A/V Edge does without
// credentials); one that answers with another transaction id is not an answer, three times; a
// closed port sends an ICMP port unreachable back.
void TstProbeLoopback::msTurnAnswersAndRefusals()
{
    Topology t = loopback(3);
    TurnResponder good(udpAddress(t, u"edge01-int-udp-3478"_s), TurnResponder::Mode::Answer);
    TurnResponder stray(udpAddress(t, u"edge02-int-udp-3478"_s),
                        TurnResponder::Mode::WrongTransactionId);
    const QString closedAddress = udpAddress(t, u"edge03-int-udp-3478"_s);
    place(t, u"edge01-int-udp-3478"_s, good.port());
    place(t, u"edge02-int-udp-3478"_s, stray.port());
    place(t, u"edge03-int-udp-3478"_s, closedUdpPort(closedAddress));
    const ProbeRun run = probe(t, inside(), fast(900));
    const ProbeResult *a = resultOf(run, u"edge01-int-udp-3478"_s);
    QVERIFY2(a->status == ProbeStatus::Answering, qPrintable(a->detail));
    QVERIFY(a->turn);
    QCOMPARE(a->turn->tries, 1);
    QCOMPARE(a->turn->responseType, int(msturn::kAllocateErrorResponse));
    QCOMPARE(a->turn->errorCode, 401);
    QVERIFY2(a->detail.contains(u"the expected answer without credentials"_s),
             qPrintable(a->detail));
    const ProbeResult *s = resultOf(run, u"edge02-int-udp-3478"_s);
    QCOMPARE(s->status, ProbeStatus::NoAnswer);
    QCOMPARE(s->turn->tries, TurnProbe::kTries);
    QCOMPARE(s->turn->strayReplies, TurnProbe::kTries);
    QCOMPARE(stray.requests(), TurnProbe::kTries);
    QVERIFY2(s->detail.contains(u"3 replies with another transaction id ignored"_s),
             qPrintable(s->detail));
    const ProbeResult *c = resultOf(run, u"edge03-int-udp-3478"_s);
    if (!udpRefusalsReported(closedAddress))
        QSKIP("this system does not report an ICMP port unreachable to a UDP socket (Wine)");
    QCOMPARE(c->status, ProbeStatus::Refused);
    QVERIFY2(c->detail.contains(u"ICMP port unreachable"_s), qPrintable(c->detail));
}

// One pool per member (each shows its own certificate), outside, without NAT: the external
// access address is probed with SNI sip.contoso.test, trusting the test CA only.
void TstProbeLoopback::certificates()
{
    TestPki pki;
    if (!pki.ok())
        QSKIP(qPrintable(u"certificates are made with openssl: "_s + pki.error()));
    TopologyBuilder b;
    b.addresses(loopbackPlan(kBlock)).members(1);
    for (int site = 2; site <= 5; ++site)
        b.site(site).members(1);
    Topology t = b.build();
    disableAll(t);
    publish(t, AddressRole::Access, u"sip.contoso.test"_s);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QStringList names{u"sip.contoso.test"_s, u"webconf.contoso.test"_s};
    const TestPki::Issued certs[] = {
            pki.valid(u"sip.contoso.test"_s, names, 2048),
            pki.issue(u"sip.contoso.test"_s, names, now.addDays(-400), now.addDays(-3)),
            pki.valid(u"edge.contoso.test"_s, {u"edge.contoso.test"_s}),
            pki.selfSigned(u"sip.contoso.test"_s),
            pki.issue(u"sip.contoso.test"_s, names, now.addDays(-300), now.addDays(10)),
    };
    std::vector<std::unique_ptr<QSslServer>> servers;
    for (int i = 0; i < 5; ++i) {
        const QString id = u"edge%1-access-tcp-443"_s.arg(i + 1, 2, 10, QLatin1Char('0'));
        servers.push_back(tlsServer(addressOf(t, id), certs[i]));
        place(t, id, servers.back()->serverPort());
    }
    ProbeOptions options = fast(2000);
    options.caCertificates = {pki.ca()};
    const ProbeRun run = probe(t, outside(), options);

    const ProbeResult *valid = resultOf(run, u"edge01-access-tcp-443"_s);
    QCOMPARE(valid->status, ProbeStatus::Open);
    QVERIFY(valid->tls);
    QVERIFY2(valid->tls->completed, qPrintable(valid->tls->failure));
    QCOMPARE(valid->tls->peerName, u"sip.contoso.test"_s);
    QVERIFY(valid->tls->protocol.startsWith(u"TLS 1."_s));
    QVERIFY(valid->tls->trustErrors.isEmpty());
    const CertificateFacts &c = *valid->tls->certificate;
    QCOMPARE(c.subject, u"sip.contoso.test"_s);
    QCOMPARE(c.sans, names); // in the certificate's order
    QCOMPARE(c.issuer, u"EdgeMap Test CA"_s);
    QCOMPARE(c.keyAlgorithm, u"RSA"_s);
    QCOMPARE(c.keyBits, 2048);
    QVERIFY(c.daysToExpiry >= 363 && c.daysToExpiry <= 365);
    QCOMPARE(c.publicKeySha256.size(), 64);
    QVERIFY2(valid->findings.isEmpty(), qPrintable(checksOf(*valid).join(u", "_s)));

    const ProbeResult *expired = resultOf(run, u"edge02-access-tcp-443"_s);
    QCOMPARE(checksOf(*expired), QStringList{u"expired"_s});
    QVERIFY(expired->tls->certificate->daysToExpiry < 0);
    const ProbeResult *wrongName = resultOf(run, u"edge03-access-tcp-443"_s);
    QCOMPARE(checksOf(*wrongName), QStringList{u"name-not-covered"_s});
    QCOMPARE(wrongName->tls->certificate->keyAlgorithm, u"EC"_s);
    const ProbeResult *self = resultOf(run, u"edge04-access-tcp-443"_s);
    QCOMPARE(checksOf(*self), QStringList{u"untrusted"_s});
    QVERIFY(self->tls->certificate->selfSigned);
    const ProbeResult *soon = resultOf(run, u"edge05-access-tcp-443"_s);
    QCOMPARE(checksOf(*soon), QStringList{u"expires-soon"_s});
    QCOMPARE(soon->findings.first().severity, TlsFinding::Severity::Warning);
}

// The internal 5061 is MTLS: the server asks for a client certificate the probe does not have;
// the probe still reads the server's certificate.
void TstProbeLoopback::mtlsPortStillShowsItsCertificate()
{
    TestPki pki;
    if (!pki.ok())
        QSKIP(qPrintable(u"certificates are made with openssl: "_s + pki.error()));
    Topology t = loopback(1);
    const TestPki::Issued cert = pki.valid(u"edge01.contoso.local"_s, {u"edge01.contoso.local"_s});
    const auto server = tlsServer(kEdge01Internal, cert, true);
    place(t, u"edge01-int-tcp-5061"_s, server->serverPort());
    ProbeOptions options = fast(2000);
    options.caCertificates = {pki.ca()};
    const ProbeRun run = probe(t, inside(), options);
    const ProbeResult *r = resultOf(run, u"edge01-int-tcp-5061"_s);
    QCOMPARE(r->status, ProbeStatus::Open);
    QVERIFY(r->tls);
    QVERIFY2(r->tls->certificate, qPrintable(r->tls->failure));
    QCOMPARE(r->tls->certificate->subject, u"edge01.contoso.local"_s);
    QCOMPARE(r->tls->peerName, u"edge01.contoso.local"_s);
    QVERIFY2(r->findings.isEmpty(), qPrintable(checksOf(*r).join(u", "_s)));
}

// Two members of one pool with the same certificate agree; a third with its own key is named.
void TstProbeLoopback::poolMembersPresentOneCertificate()
{
    TestPki pki;
    if (!pki.ok())
        QSKIP(qPrintable(u"certificates are made with openssl: "_s + pki.error()));
    Topology t = loopback(3);
    publish(t, AddressRole::Access, u"sip.contoso.test"_s);
    const TestPki::Issued shared = pki.valid(u"sip.contoso.test"_s, {u"sip.contoso.test"_s});
    const TestPki::Issued other = pki.valid(u"sip.contoso.test"_s, {u"sip.contoso.test"_s});
    std::vector<std::unique_ptr<QSslServer>> servers;
    for (int n = 1; n <= 3; ++n) {
        const QString id = u"edge%1-access-tcp-5061"_s.arg(n, 2, 10, QLatin1Char('0'));
        servers.push_back(tlsServer(addressOf(t, id), n == 2 ? other : shared));
        place(t, id, servers.back()->serverPort());
    }
    ProbeOptions options = fast(2000);
    options.caCertificates = {pki.ca()};
    const ProbeRun run = probe(t, outside(), options);
    QVERIFY2(resultOf(run, u"edge01-access-tcp-5061"_s)->findings.isEmpty(),
             qPrintable(resultOf(run, u"edge01-access-tcp-5061"_s)->findings.value(0).text));
    QVERIFY(resultOf(run, u"edge03-access-tcp-5061"_s)->findings.isEmpty());
    const ProbeResult *differs = resultOf(run, u"edge02-access-tcp-5061"_s);
    QCOMPARE(checksOf(*differs), QStringList{u"pool-differs"_s});
    QVERIFY2(differs->findings.first().text.contains(u"edge02 presents another certificate"_s),
             qPrintable(differs->findings.first().text));
}

// The A/V Edge's TCP 443 is MS-TURN in a pseudo-TLS framing: connected to, never sent a
// ClientHello.
void TstProbeLoopback::avEdgeTcp443IsNeverTls()
{
    Topology t = loopback(1);
    OpenPort av(u"127.77.2.51"_s);
    place(t, u"edge01-av-tcp-443"_s, av.port());
    const ProbeRun run = probe(t, outside(), fast(500));
    const ProbeResult *r = resultOf(run, u"edge01-av-tcp-443"_s);
    QCOMPARE(r->status, ProbeStatus::Open);
    QVERIFY(!r->tls);
    QTRY_COMPARE(av.connections(), 1);
    QTest::qWait(100);
    QCOMPARE(av.received(), QByteArray());
}

// Twelve probes that each wait their whole timeout: four at a time take three rounds of it,
// sixteen at a time one.
void TstProbeLoopback::boundedConcurrency()
{
    Topology t = loopback(12);
    std::vector<std::unique_ptr<FilteredPort>> ports;
    for (int n = 1; n <= 12; ++n) {
        ports.push_back(std::make_unique<FilteredPort>(u"127.77.1.%1"_s.arg(10 + n)));
        place(t, u"edge%1-int-tcp-443"_s.arg(n, 2, 10, QLatin1Char('0')), ports.back()->port());
    }
    const auto timed = [&](int parallel) {
        ProbeOptions o = fast(600);
        o.parallel = parallel;
        QElapsedTimer clock;
        clock.start();
        const ProbeRun run = probe(t, inside(), o);
        for (const ProbeResult &r : run.results)
            if (r.status != ProbeStatus::TimedOut)
                qFatal("expected every probe to time out");
        return clock.elapsed();
    };
    const qint64 four = timed(4);
    const qint64 sixteen = timed(16);
    const QString times = u"4 at a time: %1 ms, 16 at a time: %2 ms"_s.arg(four).arg(sixteen);
    QVERIFY2(four >= 3 * 580, qPrintable(times));
    // One round instead of three (with room for a loaded machine's overhead).
    QVERIFY2(sixteen * 3 < four * 2, qPrintable(times));
}

void TstProbeLoopback::progressSignals()
{
    Topology t = loopback(2);
    OpenPort a(u"127.77.1.11"_s), b(u"127.77.1.12"_s);
    place(t, u"edge01-int-tcp-443"_s, a.port());
    place(t, u"edge02-int-tcp-443"_s, b.port());
    place(t, u"edge02-int-tcp-5061"_s, closedTcpPort(u"127.77.1.12"_s));
    ProbeRunner runner;
    QSignalSpy started(&runner, &ProbeRunner::started);
    QSignalSpy progress(&runner, &ProbeRunner::progress);
    QSignalSpy results(&runner, &ProbeRunner::resultReady);
    QSignalSpy finished(&runner, &ProbeRunner::finished);
    QVERIFY(runner.start(buildProbePlan(t, inside(false)), fast()));
    QVERIFY(runner.isRunning());
    QVERIFY(!runner.start(buildProbePlan(t, inside(false)), fast())); // one run at a time
    QVERIFY(finished.wait(5000));
    QVERIFY(!runner.isRunning());
    QCOMPARE(started.size(), 1);
    QCOMPARE(started.first().first().toInt(), 3);
    QCOMPARE(results.size(), 3);
    QCOMPARE(progress.size(), 3);
    QCOMPARE(progress.last().at(0).toInt(), 3);
    QCOMPARE(progress.last().at(1).toInt(), 3);
    const ProbeRun run = finished.first().first().value<ProbeRun>();
    QCOMPARE(run.results.size(), 3);
    // Results in plan order, whatever order they ended in.
    QCOMPARE(run.results.at(0).target.listener.value(), u"edge01-int-tcp-443"_s);
    // A second run on the same runner.
    QVERIFY(runner.start(buildProbePlan(t, inside(false)), fast()));
    QVERIFY(finished.wait(5000));
}

void TstProbeLoopback::cancel()
{
    Topology t = loopback(3);
    std::vector<std::unique_ptr<FilteredPort>> ports;
    for (int n = 1; n <= 3; ++n) {
        ports.push_back(std::make_unique<FilteredPort>(u"127.77.1.%1"_s.arg(10 + n)));
        place(t, u"edge%1-int-tcp-443"_s.arg(n, 2, 10, QLatin1Char('0')), ports.back()->port());
    }
    ProbeRunner runner;
    QSignalSpy finished(&runner, &ProbeRunner::finished);
    ProbeOptions o = fast(20000);
    o.parallel = 2;
    QElapsedTimer clock;
    clock.start();
    QVERIFY(runner.start(buildProbePlan(t, inside(false)), o));
    QTest::qWait(200);
    runner.cancel();
    QVERIFY(finished.wait(5000));
    QVERIFY(clock.elapsed() < 5000);
    const ProbeRun run = finished.first().first().value<ProbeRun>();
    QVERIFY(run.cancelled);
    QVERIFY(!run.timedOut);
    QCOMPARE(run.results.at(0).status, ProbeStatus::Cancelled); // in flight
    QCOMPARE(run.results.at(2).status, ProbeStatus::NotProbed); // never started
    QCOMPARE(run.results.at(2).detail, u"cancelled by the user"_s);
}

void TstProbeLoopback::overallTimeout()
{
    Topology t = loopback(1);
    FilteredPort port(kEdge01Internal);
    place(t, u"edge01-int-tcp-443"_s, port.port());
    ProbeOptions o = fast(20000);
    o.overallTimeoutMs = 300;
    QElapsedTimer clock;
    clock.start();
    const ProbeRun run = probe(t, inside(false), o);
    QVERIFY(clock.elapsed() < 5000);
    QVERIFY(run.timedOut);
    QCOMPARE(run.results.first().status, ProbeStatus::Cancelled);
    QVERIFY(run.results.first().detail.contains(u"overall timeout"_s));
}

// Loading a topology and a snapshot, judging, planning, a runner not started: no connection.
void TstProbeLoopback::nothingIsSentBeforeARun()
{
    Topology t = loopback(1);
    OpenPort open(kEdge01Internal);
    place(t, u"edge01-int-tcp-443"_s, open.port());
    QTemporaryDir dir;
    const QString path = dir.filePath(u"t.edgemap.json"_s);
    QVERIFY(!topologyfile::save(t, path).isError());
    const topologyfile::ReadResult loaded = topologyfile::load(path);
    QVERIFY(loaded.ok());
    const Judgement j = judged(*loaded.topology,
                               tcpRow(kEdge01Internal, open.port(), 3104, u"MediaRelaySvc.exe"_s));
    const ProbePlan plan = buildProbePlan(*loaded.topology, inside());
    QCOMPARE(plan.targets.size(), 1);
    ProbeRunner runner;
    QTest::qWait(300);
    QCOMPARE(open.connections(), 0);
    QVERIFY(runner.start(plan, fast()));
    QTRY_COMPARE(open.connections(), 1);
}

// Each verdict of the classic method, from a judged snapshot and a run on loopback:
// 443 bound and open: working; 5062 bound, filtered: blocked; 8057 not bound, closed: the
// Web Conferencing Edge not listening (its service-down finding); 4443 bound on the external
// address instead, closed on the internal one: the wrong address; 5061 not bound, filtered:
// down and path unknown.
void TstProbeLoopback::combinedVerdictsLive()
{
    Topology t = loopback(1);
    OpenPort open(kEdge01Internal);
    FilteredPort filtered(kEdge01Internal), filtered2(kEdge01Internal);
    const int closed8057 = closedTcpPort(kEdge01Internal);
    const int closed4443 = closedTcpPort(kEdge01Internal);
    place(t, u"edge01-int-tcp-443"_s, open.port());
    place(t, u"edge01-int-tcp-5062"_s, filtered.port());
    place(t, u"edge01-int-tcp-8057"_s, closed8057);
    place(t, u"edge01-int-tcp-4443"_s, closed4443);
    place(t, u"edge01-int-tcp-5061"_s, filtered2.port());
    const Judgement j
            = judged(t, tcpRow(kEdge01Internal, open.port(), 3104, u"MediaRelaySvc.exe"_s)
                                + tcpRow(kEdge01Internal, filtered.port(), 2380, u"MRASSvc.exe"_s)
                                + tcpRow(u"127.77.2.11"_s, closed4443, 2760,
                                         u"ReplicaReplicatorAgent.exe"_s));
    const ProbeRun run = probe(t, inside(false), fast(500));
    const auto verdict = [&](const QString &id) {
        const ProbeResult *r = resultOf(run, id);
        const ListenerId listener(id);
        return combineVerdict(t, *r, j.verdict(listener), j.serviceDownOf(listener));
    };
    const CombinedVerdict working = verdict(u"edge01-int-tcp-443"_s);
    QCOMPARE(working.kind, CombinedKind::Working);
    QCOMPARE(working.words, u"working: bound on the Edge and reachable from here"_s);
    const CombinedVerdict blocked = verdict(u"edge01-int-tcp-5062"_s);
    QCOMPARE(blocked.kind, CombinedKind::Blocked);
    QCOMPARE(blocked.words, u"blocked between here and the Edge (firewall, NAT or routing)"_s);
    const CombinedVerdict notListening = verdict(u"edge01-int-tcp-8057"_s);
    QCOMPARE(notListening.kind, CombinedKind::NotListening);
    QCOMPARE(notListening.words,
             u"service not listening: Web Conferencing Edge (RTCDATAPROXY, DataProxy.exe)"_s);
    QVERIFY2(notListening.detail.contains(u"the service looks stopped"_s),
             qPrintable(notListening.detail));
    const CombinedVerdict wrong = verdict(u"edge01-int-tcp-4443"_s);
    QCOMPARE(wrong.kind, CombinedKind::WrongAddress);
    QVERIFY2(wrong.words.startsWith(u"bound to the wrong address: ReplicaReplicatorAgent.exe "
                                    "listens on 127.77.2.11"_s),
             qPrintable(wrong.words));
    const CombinedVerdict down = verdict(u"edge01-int-tcp-5061"_s);
    QCOMPARE(down.kind, CombinedKind::DownPathUnknown);
    QVERIFY2(down.words.startsWith(u"service down and path unknown: Access Edge (RTCSRV, "
                                   "RTCSrv.exe) is not listening"_s),
             qPrintable(down.words));
}

QTEST_GUILESS_MAIN(TstProbeLoopback)
#include "tst_probe_loopback.moc"
