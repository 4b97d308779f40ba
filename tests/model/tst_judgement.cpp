// Judging a snapshot against the topology: every listener status with the detail an admin reads,
// unexpected listeners, established connections and their peers, scenarios, and which server a
// snapshot belongs to. Topologies come from the templates, snapshots are netstat -anob text.
#include "core/templates.h"
#include "io/topologyfile.h"
#include "snapshot/judgement.h"
#include "support/tst_netstat_util.h"
#include "support/tst_snapshot_util.h"

#include <QRegularExpression>
#include <QTest>

using namespace edgemap;
using namespace snapshottest;
using netstattest::established;
using netstattest::pidOf;
using netstattest::udp;
using namespace Qt::StringLiterals;

namespace {

const QString kInternal = u"172.25.33.10"_s, kAccess = u"10.45.16.10"_s,
              kWebConf = u"10.45.16.20"_s, kAv = u"10.45.16.30"_s;

MemberParams member(int n)
{
    MemberParams m;
    m.fqdn = u"edge%1.contoso.local"_s.arg(n, 2, 10, QLatin1Char('0'));
    m.internalIp = u"172.25.33.%1"_s.arg(9 + n);
    for (int i = 0; i < 3; ++i)
        m.externalIps.append(u"10.45.16.%1"_s.arg(10 * (i + 1) + n - 1));
    m.avPublicIp = u"203.0.113.%1"_s.arg(29 + n);
    return m;
}

// Lync 2013, Director next hop; edge01 has 172.25.33.10 and 10.45.16.10 / .20 / .30 (the
// addresses of the default topology), further members .11 / .21 ... The peers get addresses
// so that established connections can be attributed.
Topology topology(int members = 1)
{
    TemplateParams p;
    p.name = u"Contoso"_s;
    for (int i = 1; i <= members; ++i)
        p.members.append(member(i));
    TemplateResult r = buildTopology(p);
    for (Peer &peer : r.topology.peers) {
        if (peer.id.value() == u"director"_s)
            peer.addresses = {u"172.25.40.10"_s};
        if (peer.id.value() == u"federated-partners"_s)
            peer.addresses = {u"198.51.100.0/24"_s};
    }
    return r.topology;
}

Listener *findListener(Topology &t, const QString &id)
{
    for (EdgePool &p : t.pools)
        for (EdgeServer &s : p.servers)
            for (Listener &l : s.listeners)
                if (l.id.value() == id)
                    return &l;
    return nullptr;
}

QString listen(const QString &ip, int port, const QString &exe)
{
    return netstattest::tcp(ip, port, exe);
}

// netstat -anob of `server` with every active, non-dynamic listener bound where the topology
// expects it by the expected executable, except those in `drop`; then `extra`.
QString snapshotText(const Topology &t, const QString &server, const QStringList &drop = {},
                     const QString &extra = {})
{
    return netstattest::capture(t, ServerId(server), drop, extra);
}

// The rows `netstat -ano | findstr <pattern>` prints for `server`: listeners where the topology
// expects them, except `drop`, keeping only lines that contain `pattern` (findstr's literal
// match).
QString filteredAno(const Topology &t, const QString &server, const QString &pattern,
                    const QStringList &drop)
{
    QString text;
    for (const Listener &l : t.server(ServerId(server))->listeners) {
        if (l.dynamic || !l.enabled || drop.contains(l.id.value()))
            continue;
        const QString ip = t.address(l.address)->ip;
        const QString pid = QString::number(pidOf(t.service(l.service)->executable));
        const QString row = l.transport == Transport::Tcp
                                    ? u"  TCP    %1:%2  0.0.0.0:0  LISTENING  %3\r\n"_s.arg(ip)
                                              .arg(l.port)
                                              .arg(pid)
                                    : u"  UDP    %1:%2  *:*  %3\r\n"_s.arg(ip).arg(l.port).arg(pid);
        if (row.contains(pattern))
            text += row;
    }
    return text;
}

Snapshot snapshot(const QString &text)
{
    const snapshotfile::ReadResult r = snapshotfile::parse(text.toUtf8(), u"snapshot"_s);
    return r.ok() ? *r.snapshot : Snapshot();
}

template<class Id>
QStringList ids(const QList<Id> &list)
{
    QStringList out;
    for (const Id &id : list)
        out.append(id.value());
    return out;
}

QString unexpectedText(const UnexpectedListener &u)
{
    return u"%1 %2:%3 pid %4 %5"_s.arg(keyOf(u.transport), u.address)
            .arg(u.port)
            .arg(u.pid)
            .arg(u.process);
}

} // namespace

class TstJudgement : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void statusKeys_data();
    void statusKeys();
    void statuses_data();
    void statuses();
    void relayCountsOnTheAvAddressOnly();
    void unknownWithoutUdp();
    void filteredCaptures_data();
    void filteredCaptures();
    void notCheckedWhenDisabled();
    void unexpectedListeners();
    void establishedAndPeers();
    void bundledSample();
    void captureJsonAllOk();
    void serverMatching_data();
    void serverMatching();
    void noMatchingServer();
};

void TstJudgement::statusKeys_data()
{
    QTest::addColumn<ListenerStatus>("status");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("problem");
    QTest::addColumn<bool>("down");
    QTest::newRow("not checked") << ListenerStatus::NotChecked << u"not-checked"_s
                                 << u"Not checked"_s << false << false;
    QTest::newRow("ok") << ListenerStatus::Ok << u"ok"_s << u"OK"_s << false << false;
    QTest::newRow("missing") << ListenerStatus::Missing << u"missing"_s << u"Missing"_s << true
                             << true;
    QTest::newRow("wrong process") << ListenerStatus::WrongProcess << u"wrong-process"_s
                                   << u"Wrong process"_s << true << true;
    QTest::newRow("wrong address") << ListenerStatus::WrongAddress << u"wrong-address"_s
                                   << u"Wrong address"_s << true << true;
    QTest::newRow("exposed") << ListenerStatus::Exposed << u"exposed"_s << u"Exposed"_s << true
                             << false;
    QTest::newRow("dynamic") << ListenerStatus::Dynamic << u"dynamic"_s << u"Dynamic"_s << false
                             << false;
    QTest::newRow("unknown") << ListenerStatus::Unknown << u"unknown"_s << u"Unknown"_s << true
                             << false;
}

void TstJudgement::statusKeys()
{
    QFETCH(ListenerStatus, status);
    QTEST(keyOf(status), "key");
    QTEST(displayName(status), "name");
    QTEST(isProblem(status), "problem");
    QTEST(isDown(status), "down");
}

void TstJudgement::statuses_data()
{
    QTest::addColumn<QStringList>("drop");
    QTest::addColumn<QString>("extra");
    QTest::addColumn<QString>("listener");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("detail");
    QTest::addColumn<QString>("observed"); // "address pid process", empty when null

    QTest::newRow("ok") << QStringList() << QString() << u"edge01-access-tcp-443"_s << u"ok"_s
                        << u"listening, owned by RTCSrv.exe (PID 2216)"_s
                        << u"10.45.16.10 2216 RTCSrv.exe"_s;
    QTest::newRow("missing, port free")
            << QStringList{u"edge01-int-tcp-8057"_s} << QString() << u"edge01-int-tcp-8057"_s
            << u"missing"_s
            << u"nothing listening on TCP 8057 172.25.33.10 (service RTCDATAPROXY, DataProxy.exe)"_s
            << QString();
    // 443 is bound on the other addresses by their own listeners: not the culprit.
    QTest::newRow("missing, port used by others")
            << QStringList{u"edge01-webconf-tcp-443"_s} << QString() << u"edge01-webconf-tcp-443"_s
            << u"missing"_s
            << u"nothing listening on TCP 443 10.45.16.20 (service RTCDATAPROXY, DataProxy.exe)"_s
            << QString();
    QTest::newRow("wrong process")
            << QStringList{u"edge01-int-tcp-5062"_s} << listen(kInternal, 5062, u"svchost.exe"_s)
            << u"edge01-int-tcp-5062"_s << u"wrong-process"_s
            << u"bound by svchost.exe (PID 1160), expected MRASSvc.exe"_s
            << u"172.25.33.10 1160 svchost.exe"_s;
    // Access and Web Conferencing addresses swapped: RTCSrv on .20, where 443 is also bound by
    // the A/V Edge's and the internal MediaRelaySvc first.
    const QStringList swapped{u"edge01-access-tcp-443"_s, u"edge01-webconf-tcp-443"_s};
    QTest::newRow("wrong address")
            << swapped << listen(kWebConf, 443, u"RTCSrv.exe"_s) << u"edge01-access-tcp-443"_s
            << u"wrong-address"_s << u"RTCSrv.exe listens on 10.45.16.20 instead of 10.45.16.10"_s
            << u"10.45.16.20 2216 RTCSrv.exe"_s;
    QTest::newRow("wrong process at the swapped address")
            << swapped << listen(kWebConf, 443, u"RTCSrv.exe"_s) << u"edge01-webconf-tcp-443"_s
            << u"wrong-process"_s << u"bound by RTCSrv.exe (PID 2216), expected DataProxy.exe"_s
            << u"10.45.16.20 2216 RTCSrv.exe"_s;
    QTest::newRow("exposed") << QStringList{u"edge01-int-tcp-5062"_s}
                             << listen(u"0.0.0.0"_s, 5062, u"MRASSvc.exe"_s)
                             << u"edge01-int-tcp-5062"_s << u"exposed"_s
                             << u"bound on all interfaces (0.0.0.0) by MRASSvc.exe (PID 2380): "
                                "reachable on every address, expected on 172.25.33.10 only"_s
                             << u"0.0.0.0 2380 MRASSvc.exe"_s;
    QTest::newRow("all interfaces fine for CMS replication")
            << QStringList{u"edge01-int-tcp-4443"_s}
            << listen(u"0.0.0.0"_s, 4443, u"ReplicaReplicatorAgent.exe"_s)
            << u"edge01-int-tcp-4443"_s << u"ok"_s
            << u"listening on all interfaces (0.0.0.0), owned by ReplicaReplicatorAgent.exe "
               "(PID 2760)"_s
            << u"0.0.0.0 2760 ReplicaReplicatorAgent.exe"_s;
    QTest::newRow("4443 by http.sys (System)")
            << QStringList{u"edge01-int-tcp-4443"_s} << listen(kInternal, 4443, u"System"_s)
            << u"edge01-int-tcp-4443"_s << u"ok"_s << u"listening, owned by System (PID 4)"_s
            << u"172.25.33.10 4 System"_s;
    // netstat -b cannot name PID 4 ("Can not obtain ownership information"), -ano gives only
    // the PID: PID 4 is the System process on every Windows version.
    QTest::newRow("4443 by PID 4 without a name")
            << QStringList{u"edge01-int-tcp-4443"_s}
            << u"  TCP    172.25.33.10:4443  0.0.0.0:0  LISTENING  4\r\n"
               " Can not obtain ownership information\r\n"_s
            << u"edge01-int-tcp-4443"_s << u"ok"_s << u"listening, owned by System (PID 4)"_s
            << u"172.25.33.10 4 System"_s;
    QTest::newRow("IPv6 wildcard does not serve an IPv4 listener")
            << QStringList{u"edge01-int-tcp-5062"_s}
            << u"  TCP    [::]:5062  [::]:0  LISTENING  2380\r\n [MRASSvc.exe]\r\n"_s
            << u"edge01-int-tcp-5062"_s << u"missing"_s
            << u"nothing listening on TCP 5062 172.25.33.10 (service RTCMRAUTH, MRASSvc.exe)"_s
            << QString();
    QTest::newRow("dynamic") << QStringList() << QString() << u"edge01-av-udp-50000-59999"_s
                             << u"dynamic"_s
                             << u"allocated on demand; 0 UDP relay port(s) in use on 10.45.16.30"_s
                             << QString();
}

void TstJudgement::statuses()
{
    QFETCH(QStringList, drop);
    QFETCH(QString, extra);
    QFETCH(QString, listener);
    QFETCH(QString, observed);
    const Topology t = topology();
    const Snapshot s = snapshot(snapshotText(t, u"edge01"_s, drop, extra));
    QVERIFY(!s.rows.isEmpty());
    const Judgement j = judge(t, s, ServerId(u"edge01"_s));
    QCOMPARE(j.listeners.size(), t.server(ServerId(u"edge01"_s))->listeners.size());
    const ListenerVerdict *v = j.verdict(ListenerId(listener));
    QVERIFY(v);
    QTEST(keyOf(v->status), "status");
    QTEST(v->detail, "detail");
    QCOMPARE(v->observed ? u"%1 %2 %3"_s.arg(v->observed->address)
                                   .arg(v->observed->pid)
                                   .arg(v->observed->process)
                         : QString(),
             observed);
    // Everything not named in the row stays as bound.
    for (const ListenerVerdict &other : j.listeners)
        if (!drop.contains(other.listener.value()) && other.listener.value() != listener)
            QVERIFY2(!isProblem(other.status),
                     qPrintable(other.listener.value() + u": "_s + other.detail));
}

void TstJudgement::relayCountsOnTheAvAddressOnly()
{
    const Topology t = topology();
    const QString extra = listen(kAv, 52114, u"MediaRelaySvc.exe"_s)
                          + established(kAv, 50240, u"203.0.113.77:61570"_s, u"MediaRelaySvc.exe"_s)
                          // a connection on the listening relay port: the same port, counted once
                          + established(kAv, 52114, u"203.0.113.81:50920"_s, u"MediaRelaySvc.exe"_s)
                          + established(kAv, 50412, u"198.51.100.7:443"_s, u"MediaRelaySvc.exe"_s)
                                    .replace(u"ESTABLISHED"_s, u"TIME_WAIT"_s) // gone: not in use
                          + udp(kAv, 52000, u"MediaRelaySvc.exe"_s)
                          + udp(kAv, 52000, u"MediaRelaySvc.exe"_s) // two sockets, one port
                          + udp(kAv, 52002, u"MediaRelaySvc.exe"_s)
                          + udp(kAv, 59999, u"MediaRelaySvc.exe"_s)
                          // The same range on other addresses is not the A/V relay's.
                          + listen(kInternal, 50001, u"ClsAgent.exe"_s)
                          + established(kInternal, 50214, u"172.25.40.10:5061"_s, u"RTCSrv.exe"_s)
                          + udp(kInternal, 50010, u"MediaRelaySvc.exe"_s)
                          + udp(u"0.0.0.0"_s, 51000, u"svchost.exe"_s)
                          + udp(kAv, 60000, u"MediaRelaySvc.exe"_s);
    const Judgement j
            = judge(t, snapshot(snapshotText(t, u"edge01"_s, {}, extra)), ServerId(u"edge01"_s));
    const ListenerVerdict *tcp = j.verdict(ListenerId(u"edge01-av-tcp-50000-59999"_s));
    const ListenerVerdict *udpRange = j.verdict(ListenerId(u"edge01-av-udp-50000-59999"_s));
    QVERIFY(tcp && udpRange);
    QCOMPARE(tcp->status, ListenerStatus::Dynamic);
    QCOMPARE(tcp->relayTcp, 2);
    QCOMPARE(tcp->detail, u"allocated on demand; 2 TCP relay port(s) in use on 10.45.16.30"_s);
    QCOMPARE(tcp->established, 2);
    QCOMPARE(tcp->remoteAddresses.toStringList(),
             (QStringList{u"203.0.113.77"_s, u"203.0.113.81"_s}));
    QCOMPARE(udpRange->status, ListenerStatus::Dynamic);
    QCOMPARE(udpRange->relayUdp, 3);
    QCOMPARE(udpRange->detail, u"allocated on demand; 3 UDP relay port(s) in use on 10.45.16.30"_s);
    QCOMPARE(j.problemCount(), 0);
}

void TstJudgement::unknownWithoutUdp()
{
    // Get-NetTCPConnection has no UDP endpoints: UDP listeners cannot be judged either way.
    const Topology t = topology();
    QString text = snapshotText(t, u"edge01"_s);
    text.remove(QRegularExpression(u"  UDP [^\r]*\r\n [^\r]*\r\n"_s));
    const Snapshot s = snapshot(text);
    QVERIFY(!s.hasUdp);
    const Judgement j = judge(t, s, ServerId(u"edge01"_s));
    QStringList unknown;
    for (const ListenerVerdict &v : j.listeners)
        if (v.status == ListenerStatus::Unknown) {
            unknown.append(v.listener.value());
            QCOMPARE(v.detail, u"the snapshot has no UDP sockets at all, so it cannot tell"_s);
            QVERIFY(!v.observed);
        }
    // The UDP relay range too: "0 relay ports in use" would read as a fact.
    QCOMPARE(unknown, (QStringList{u"edge01-av-udp-3478"_s, u"edge01-av-udp-50000-59999"_s,
                                   u"edge01-int-udp-3478"_s}));
    QCOMPARE(j.problemCount(), 3);
    for (const ScenarioVerdict &sv : j.scenarios) // unknown is not down
        QVERIFY2(sv.ok, qPrintable(sv.scenario.value()));
}

void TstJudgement::filteredCaptures_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("listener");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("detail");

    const Topology t = topology();
    const QStringList drop{u"edge01-access-tcp-5061"_s};
    const QString findstr5 = u"# command: netstat -ano | findstr :5\r\n"_s
                             + filteredAno(t, u"edge01"_s, u":5"_s, drop);
    const QString hidden = u"not in this filtered capture (findstr :5)"_s;
    // Port 443 never reads ":5": its row could not have been in the capture.
    QTest::newRow("findstr :5, 443 not shown")
            << findstr5 << u"edge01-access-tcp-443"_s << u"unknown"_s << hidden;
    QTest::newRow("findstr :5, udp 3478 not shown")
            << findstr5 << u"edge01-av-udp-3478"_s << u"unknown"_s << hidden;
    // 5061 would read ":5061": the filter shows it, so its absence is real.
    QTest::newRow("findstr :5, 5061 absent")
            << findstr5 << u"edge01-access-tcp-5061"_s << u"missing"_s
            << u"nothing listening on TCP 5061 10.45.16.10 (service RTCSRV, RTCSrv.exe)"_s;
    QTest::newRow("findstr :5, 5062 present")
            << findstr5 << u"edge01-int-tcp-5062"_s << u"ok"_s << u"listening, owned by PID 2380"_s;

    const QString listening = u"C:\\Users\\admin>netstat -ano | findstr LISTENING\r\n"_s
                              + filteredAno(t, u"edge01"_s, u"LISTENING"_s, drop)
                              + u"C:\\Users\\admin>\r\n"_s;
    QTest::newRow("LISTENING, udp not shown")
            << listening << u"edge01-int-udp-3478"_s << u"unknown"_s
            << u"not in this filtered capture (findstr LISTENING)"_s;
    QTest::newRow("LISTENING, tcp absent")
            << listening << u"edge01-access-tcp-5061"_s << u"missing"_s << QString();
    QTest::newRow("LISTENING, tcp present")
            << listening << u"edge01-access-tcp-443"_s << u"ok"_s << QString();

    // A regular expression is not evaluated: nothing absent can be called missing.
    const QString regex = u"# command: netstat -ano | Select-String '50[0-9]+'\r\n"_s
                          + filteredAno(t, u"edge01"_s, u":506"_s, drop);
    QTest::newRow("Select-String regex, absent")
            << regex << u"edge01-access-tcp-5061"_s << u"unknown"_s
            << u"not in this filtered capture (Select-String '50[0-9]+')"_s;
    QTest::newRow("Select-String regex, present")
            << regex << u"edge01-int-tcp-5062"_s << u"ok"_s << QString();

    // Unfiltered: the same absence is missing.
    QTest::newRow("unfiltered") << u"# command: netstat -ano\r\n"_s
                                           + filteredAno(t, u"edge01"_s, QString(), drop)
                                << u"edge01-access-tcp-443"_s << u"ok"_s << QString();
    QTest::newRow("unfiltered, absent")
            << u"# command: netstat -ano\r\n"_s + filteredAno(t, u"edge01"_s, QString(), drop)
            << u"edge01-access-tcp-5061"_s << u"missing"_s << QString();
}

// `netstat -ano | findstr :5` and the like: a listener the filter could not have shown is unknown
// with the reason; one it could have shown is judged as usual.
void TstJudgement::filteredCaptures()
{
    QFETCH(QString, text);
    QFETCH(QString, listener);
    QFETCH(QString, detail);
    const Topology t = topology();
    const snapshotfile::ReadResult r = snapshotfile::parse(text.toUtf8(), u"filtered"_s);
    QVERIFY2(r.ok(), qPrintable(r.error.toString()));
    QVERIFY(!r.snapshot->filter.isEmpty() || text.startsWith(u"# command: netstat -ano\r"_s));
    const Judgement j = judge(t, *r.snapshot, ServerId(u"edge01"_s));
    const ListenerVerdict *v = j.verdict(ListenerId(listener));
    QVERIFY(v);
    QTEST(keyOf(v->status), "status");
    if (!detail.isEmpty())
        QCOMPARE(v->detail, detail);
}

void TstJudgement::notCheckedWhenDisabled()
{
    Topology t = topology();
    findListener(t, u"edge01-int-tcp-8057"_s)->enabled = false;
    for (Service &s : t.services)
        if (s.id.value() == u"RTCMRAUTH"_s)
            s.enabled = false;
    // Nothing of either is bound; that is what the admin intends.
    const Snapshot s = snapshot(
            snapshotText(t, u"edge01"_s, {u"edge01-int-tcp-8057"_s, u"edge01-int-tcp-5062"_s}));
    const Judgement j = judge(t, s, ServerId(u"edge01"_s));
    for (const QString &id : {u"edge01-int-tcp-8057"_s, u"edge01-int-tcp-5062"_s}) {
        const ListenerVerdict *v = j.verdict(ListenerId(id));
        QVERIFY(v);
        QCOMPARE(v->status, ListenerStatus::NotChecked);
        QCOMPARE(v->detail, u"disabled in the topology"_s);
    }
    QCOMPARE(j.problemCount(), 0);
}

void TstJudgement::unexpectedListeners()
{
    const Topology t = topology();
    const QString extra = listen(kAccess, 3389, u"svchost.exe"_s) // RDP on the Internet side
                          + listen(u"0.0.0.0"_s, 3389, u"svchost.exe"_s)
                          + udp(u"0.0.0.0"_s, 3389, u"svchost.exe"_s)
                          + listen(u"0.0.0.0"_s, 3389, u"svchost.exe"_s) // listed once
                          + listen(u"[::]"_s, 445, u"System"_s)
                          + listen(u"0.0.0.0"_s, 5061, u"RTCSrv.exe"_s)    // explained (exposed)
                          + listen(u"127.0.0.1"_s, 5000, u"svchost.exe"_s) // loopback
                          + listen(kInternal, 135, u"svchost.exe"_s)       // internal only
                          + udp(kInternal, 137, u"System"_s);
    const Judgement j
            = judge(t, snapshot(snapshotText(t, u"edge01"_s, {}, extra)), ServerId(u"edge01"_s));
    QStringList texts;
    for (const UnexpectedListener &u : j.unexpected)
        texts.append(unexpectedText(u));
    QCOMPARE(texts,
             (QStringList{u"tcp :::445 pid 4 System"_s, u"tcp 0.0.0.0:3389 pid 1160 svchost.exe"_s,
                          u"tcp 10.45.16.10:3389 pid 1160 svchost.exe"_s,
                          u"udp 0.0.0.0:3389 pid 1160 svchost.exe"_s}));
}

void TstJudgement::establishedAndPeers()
{
    const Topology t = topology();
    const QString extra = established(kInternal, 5061, u"172.25.40.10:52311"_s, u"RTCSrv.exe"_s)
                          + established(kInternal, 5061, u"172.25.40.10:52318"_s, u"RTCSrv.exe"_s)
                          + established(kInternal, 5061, u"172.25.40.99:50000"_s, u"RTCSrv.exe"_s)
                          // the Edge's own outgoing connection to the Director: not to 5061 here
                          + established(kInternal, 50214, u"172.25.40.10:5061"_s, u"RTCSrv.exe"_s)
                          + established(kAccess, 5061, u"198.51.100.7:50312"_s, u"RTCSrv.exe"_s)
                          + established(kAccess, 443, u"203.0.113.77:61544"_s, u"RTCSrv.exe"_s);
    const Judgement j
            = judge(t, snapshot(snapshotText(t, u"edge01"_s, {}, extra)), ServerId(u"edge01"_s));
    const ListenerVerdict *internal = j.verdict(ListenerId(u"edge01-int-tcp-5061"_s));
    QVERIFY(internal);
    QCOMPARE(internal->established, 3);
    QCOMPARE(internal->remoteAddresses.toStringList(),
             (QStringList{u"172.25.40.10"_s, u"172.25.40.99"_s}));
    QCOMPARE(ids(internal->remotePeers), QStringList{u"director"_s});
    const ListenerVerdict *federation = j.verdict(ListenerId(u"edge01-access-tcp-5061"_s));
    QCOMPARE(federation->established, 1);
    QCOMPARE(ids(federation->remotePeers), QStringList{u"federated-partners"_s});
    const ListenerVerdict *access = j.verdict(ListenerId(u"edge01-access-tcp-443"_s));
    QCOMPARE(access->established, 1);
    QCOMPARE(access->remoteAddresses.toStringList(), QStringList{u"203.0.113.77"_s});
    QVERIFY(access->remotePeers.isEmpty()); // remote users have no addresses in the topology
    QCOMPARE(j.verdict(ListenerId(u"edge01-webconf-tcp-443"_s))->established, 0);
}

void TstJudgement::bundledSample()
{
    const topologyfile::ReadResult t = topologyfile::load(
            QStringLiteral(EDGEMAP_TEST_DATA "/../../resources/topologies/default.edgemap.json"));
    QVERIFY2(t.ok(), qPrintable(t.error.toString()));
    const snapshotfile::ReadResult s = snapshotfile::load(bundledSamplePath());
    QVERIFY2(s.ok(), qPrintable(s.error.toString()));
    const ServerMatch match = matchServer(*t.topology, *s.snapshot);
    QVERIFY2(match.ok(), qPrintable(match.error));
    QCOMPARE(match.server.value(), u"edge01"_s);
    const Judgement j = judge(*t.topology, *s.snapshot, match.server);
    QStringList problems;
    for (const ListenerVerdict &v : j.listeners)
        if (isProblem(v.status))
            problems.append(v.listener.value() + u' ' + keyOf(v.status));
    QCOMPARE(problems,
             (QStringList{u"edge01-webconf-tcp-443 missing"_s, u"edge01-int-tcp-8057 missing"_s}));
    QCOMPARE(j.verdict(ListenerId(u"edge01-av-tcp-50000-59999"_s))->relayTcp, 1);
    QCOMPARE(j.verdict(ListenerId(u"edge01-av-udp-50000-59999"_s))->relayUdp, 3);
    QCOMPARE(ids(j.verdict(ListenerId(u"edge01-int-tcp-5061"_s))->remotePeers),
             QStringList{u"director"_s});
    QCOMPARE(j.unexpected.size(), 16);
    QStringList broken;
    for (const ScenarioVerdict &sv : j.scenarios)
        if (!sv.ok)
            broken.append(sv.scenario.value() + u": "_s + ids(sv.brokenBy).join(u", "_s));
    QCOMPARE(broken, QStringList{u"web-conference-join: edge01-webconf-tcp-443, "
                                 "edge01-int-tcp-8057"_s});
    QCOMPARE(j.scenarios.size(), t.topology->scenarios.size());
}

void TstJudgement::captureJsonAllOk()
{
    const Topology t = topologyfile::defaultTopology();
    const snapshotfile::ReadResult s
            = snapshotfile::load(netstatPath(u"written_edgemap-capture_edge01.json"_s));
    QVERIFY2(s.ok(), qPrintable(s.error.toString()));
    const ServerMatch match = matchServer(t, *s.snapshot);
    QCOMPARE(match.server.value(), u"edge01"_s);
    const Judgement j = judge(t, *s.snapshot, match.server);
    QCOMPARE(j.problemCount(), 0);
    QCOMPARE(j.verdict(ListenerId(u"edge01-access-tcp-443"_s))->detail,
             u"listening, owned by RTCSrv.exe (PID 2216)"_s);
    QCOMPARE(j.verdict(ListenerId(u"edge01-av-tcp-50000-59999"_s))->relayTcp, 1);
    QCOMPARE(j.verdict(ListenerId(u"edge01-av-udp-50000-59999"_s))->relayUdp, 2);
    QStringList texts;
    for (const UnexpectedListener &u : j.unexpected)
        texts.append(unexpectedText(u));
    QCOMPARE(texts,
             (QStringList{u"udp 0.0.0.0:123 pid 1300 svchost.exe"_s,
                          u"udp :::123 pid 1300 svchost.exe"_s,
                          u"tcp 0.0.0.0:135 pid 884 svchost.exe"_s,
                          u"tcp :::135 pid 884 svchost.exe"_s, u"tcp 0.0.0.0:445 pid 4 System"_s}));
    for (const ScenarioVerdict &sv : j.scenarios)
        QVERIFY2(sv.ok, qPrintable(sv.scenario.value()));
}

void TstJudgement::serverMatching_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("override");
    QTest::addColumn<QString>("server");
    const Topology t = topology(3);
    QTest::newRow("edge02 by its addresses")
            << snapshotText(t, u"edge02"_s) << QString() << u"edge02"_s;
    QTest::newRow("edge03 by its addresses")
            << snapshotText(t, u"edge03"_s) << QString() << u"edge03"_s;
    QTest::newRow("--server id wins") << snapshotText(t, u"edge02"_s) << u"edge03"_s << u"edge03"_s;
    QTest::newRow("--server FQDN")
            << snapshotText(t, u"edge02"_s) << u"EDGE01.contoso.local"_s << u"edge01"_s;
    QTest::newRow("--server host name") << QString() << u"Edge03"_s << u"edge03"_s;
    const QString tie = u"\r\n"_s + listen(u"172.25.33.10"_s, 5061, u"RTCSrv.exe"_s)
                        + listen(u"172.25.33.12"_s, 5061, u"RTCSrv.exe"_s);
    QTest::newRow("tie: first server") << tie << QString() << u"edge01"_s;
    QTest::newRow("tie: the capture's host")
            << u"# host: EDGE03\r\n"_s + tie << QString() << u"edge03"_s;
}

void TstJudgement::serverMatching()
{
    QFETCH(QString, text);
    QFETCH(QString, override);
    const Topology t = topology(3);
    QCOMPARE(t.pools.value(0).servers.size(), 3);
    const ServerMatch m = matchServer(t, snapshot(text), override);
    QVERIFY2(m.ok(), qPrintable(m.error));
    QTEST(m.server.value(), "server");
}

void TstJudgement::noMatchingServer()
{
    const Topology t = topology(2);
    const QString servers = u"edge01.contoso.local (172.25.33.10, 10.45.16.10, 10.45.16.20, "
                            "10.45.16.30); edge02.contoso.local (172.25.33.11, 10.45.16.11, "
                            "10.45.16.21, 10.45.16.31)"_s;
    const Snapshot other = snapshot(u"\r\n"_s + listen(u"10.1.2.3"_s, 443, u"x.exe"_s)
                                    + listen(u"0.0.0.0"_s, 135, u"x.exe"_s)
                                    + listen(u"10.1.2.4"_s, 80, u"x.exe"_s));
    ServerMatch m = matchServer(t, other);
    QVERIFY(!m.ok());
    QCOMPARE(m.error, u"the snapshot matches no server of the topology: it shows the addresses "
                      "10.1.2.3, 10.1.2.4; the topology has "_s
                              + servers);
    m = matchServer(t, other, u"edge09"_s);
    QVERIFY(!m.ok());
    QCOMPARE(m.error, u"no server 'edge09' in the topology; servers: "_s + servers);

    // The capture helper's host name still names the server when no address matches.
    Snapshot named = other;
    named.header.host = u"EDGE02"_s;
    m = matchServer(t, named);
    QVERIFY2(m.ok(), qPrintable(m.error));
    QCOMPARE(m.server.value(), u"edge02"_s);
}

QTEST_GUILESS_MAIN(TstJudgement)
#include "tst_judgement.moc"
