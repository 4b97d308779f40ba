// The diagnosis read from a judgement, as the admin reads it: a stopped service is one finding
// (not one "missing" per listener), a missing listener never blames another listener's own
// socket on the same port, a disabled listener breaks its scenarios instead of hiding them, and
// Windows' own well-known ports among the unexpected sockets are explained. A three-IP topology
// from the TopologyBuilder, snapshots written in the test (netstat -anob).
#include "core/pathanalysis.h"
#include "snapshot/diagnosis.h"
#include "snapshot/findings.h"
#include "snapshot/judgement.h"
#include "snapshot/snapshotfile.h"
#include "snapshot/wellknownports.h"
#include "support/topologybuilder.h"
#include "support/tst_netstat_util.h"

#include <QTest>

using namespace edgemap;
using namespace edgemap::testing;
using edgemap::netstattest::tcp;
using edgemap::netstattest::udp;
using namespace Qt::StringLiterals;

namespace {

// The builder's plan: internal 172.25.33.10; Access 192.0.2.11, Web Conferencing 192.0.2.31,
// A/V 192.0.2.51.
const QString kInternal = u"172.25.33.11"_s, kAccess = u"192.0.2.11"_s, kWebConf = u"192.0.2.31"_s,
              kAv = u"192.0.2.51"_s;
const ServerId kEdge01(u"edge01"_s);

Topology threeIp()
{
    return TopologyBuilder().members(1).build();
}

// netstat -anob of edge01 with every active fixed-port listener bound where the topology says,
// by its executable, except `drop`; then `extra`.
QString capture(const Topology &t, const QStringList &drop = {}, const QString &extra = {})
{
    return netstattest::capture(t, kEdge01, drop, extra);
}

Judgement judged(const Topology &t, const QString &text)
{
    const snapshotfile::ReadResult r = snapshotfile::parse(text.toUtf8(), u"snapshot"_s);
    if (!r.ok())
        qFatal("unreadable test snapshot");
    return judge(t, *r.snapshot, kEdge01);
}

// The listeners of a service on edge01.
QStringList listenersOf(const Topology &t, const QString &service)
{
    QStringList out;
    for (const Listener &l : t.server(kEdge01)->listeners)
        if (l.service.value() == service && !l.dynamic)
            out.append(l.id.value());
    return out;
}

const ScenarioVerdict *scenario(const Judgement &j, const QString &id)
{
    for (const ScenarioVerdict &v : j.scenarios)
        if (v.scenario.value() == id)
            return &v;
    return nullptr;
}

} // namespace

class TstDiagnosis : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stoppedServiceIsOneFinding();
    void serviceRunningElsewhereIsNotDown();
    void oneListenerMissingIsNoServiceFinding();
    void culprits_data();
    void culprits();
    void disabledListenerBreaksItsScenario();
    void wellKnownPortsExplained();
    void remoteDesktopOnTheExternalInterfaceIsAFinding();
    void wildcardTwinsAreOneSocket();
};

void TstDiagnosis::stoppedServiceIsOneFinding()
{
    const Topology t = threeIp();
    const QStringList webConf = listenersOf(t, u"RTCDATAPROXY"_s);
    QCOMPARE(webConf, (QStringList{u"edge01-webconf-tcp-443"_s, u"edge01-int-tcp-8057"_s}));
    const Judgement j = judged(t, capture(t, webConf));

    QCOMPARE(j.servicesDown.size(), 1);
    const ServiceDown &down = j.servicesDown.first();
    QCOMPARE(down.service.value(), u"RTCDATAPROXY"_s);
    QCOMPARE(down.text, u"Web Conferencing Edge (RTCDATAPROXY, DataProxy.exe) is not listening "
                        "anywhere on edge01.contoso.local: the service looks stopped; start it"_s);
    QCOMPARE(down.listeners.size(), 2);
    // The listeners stay missing, and point to the service's finding.
    for (const QString &id : webConf) {
        const ListenerVerdict *v = j.verdict(ListenerId(id));
        QVERIFY(v);
        QCOMPARE(v->status, ListenerStatus::Missing);
        QVERIFY(v->serviceDown);
        QVERIFY2(v->detail.endsWith(u"; the service is down: RTCDATAPROXY is not listening "
                                    "anywhere on this server"_s),
                 qPrintable(v->detail));
        QCOMPARE(j.serviceDownOf(ListenerId(id)), &down);
    }
    // Nothing else is down, and the scenario still breaks, now for a reason that names it.
    QCOMPARE(j.problemCount(), 2);
    const ScenarioVerdict *join = scenario(j, u"web-conference-join"_s);
    QVERIFY(join && !join->ok);
    QCOMPARE(breakReason(t, j, ListenerId(u"edge01-webconf-tcp-443"_s)),
             u"TCP 443 on 192.0.2.31 (RTCDATAPROXY) is missing: the service RTCDATAPROXY is "
             "down"_s);
}

void TstDiagnosis::serviceRunningElsewhereIsNotDown()
{
    // DataProxy.exe listens, only not where the topology says (another port): it is running.
    const Topology t = threeIp();
    const Judgement j = judged(t, capture(t, listenersOf(t, u"RTCDATAPROXY"_s),
                                          tcp(kWebConf, 4444, u"DataProxy.exe"_s)));
    QVERIFY(j.servicesDown.isEmpty());
    const ListenerVerdict *v = j.verdict(ListenerId(u"edge01-webconf-tcp-443"_s));
    QVERIFY(v && v->status == ListenerStatus::Missing && !v->serviceDown);
}

void TstDiagnosis::oneListenerMissingIsNoServiceFinding()
{
    const Topology t = threeIp();
    const Judgement j = judged(t, capture(t, {u"edge01-webconf-tcp-443"_s}));
    QVERIFY(j.servicesDown.isEmpty());
    QCOMPARE(j.problemCount(), 1);
}

void TstDiagnosis::culprits_data()
{
    QTest::addColumn<QStringList>("drop");
    QTest::addColumn<QString>("extra");
    QTest::addColumn<QString>("listener");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("detail");

    // 443 stays bound three times, by its own listeners (Access RTCSrv, A/V and internal
    // MediaRelaySvc): none of them is the Web Conferencing Edge's culprit.
    QTest::newRow("443 of the other listeners is theirs")
            << QStringList{u"edge01-webconf-tcp-443"_s} << QString() << u"edge01-webconf-tcp-443"_s
            << u"missing"_s
            << u"nothing listening on TCP 443 192.0.2.31 (service RTCDATAPROXY, DataProxy.exe)"_s;
    // The Access Edge's 5061 is missing; the internal 5061 is RTCSrv.exe too, but that is the
    // internal listener's own socket, not a wrong address.
    QTest::newRow("same service, its other listener's socket")
            << QStringList{u"edge01-access-tcp-5061"_s} << QString() << u"edge01-access-tcp-5061"_s
            << u"missing"_s
            << u"nothing listening on TCP 5061 192.0.2.11 (service RTCSRV, RTCSrv.exe)"_s;
    // The expected process on another address: a wrong address.
    QTest::newRow("expected process elsewhere")
            << QStringList{u"edge01-int-tcp-8057"_s} << tcp(kWebConf, 8057, u"DataProxy.exe"_s)
            << u"edge01-int-tcp-8057"_s << u"wrong-address"_s
            << u"DataProxy.exe listens on 192.0.2.31 instead of 172.25.33.11"_s;
    // A process the capture does not name, on another address: it may be the service.
    QTest::newRow("unnamed process elsewhere")
            << QStringList{u"edge01-int-tcp-8057"_s}
            << u"  TCP    192.0.2.31:8057  0.0.0.0:0  LISTENING  7777\r\n"
               " Can not obtain ownership information\r\n"_s
            << u"edge01-int-tcp-8057"_s << u"missing"_s
            << u"nothing listening on 172.25.33.11; the port is bound on 192.0.2.31 by PID 7777, "
               "which may be DataProxy.exe on the wrong address"_s;
    // Another, named process on another address is not this listener's business.
    QTest::newRow("other process elsewhere")
            << QStringList{u"edge01-int-tcp-8057"_s} << tcp(kAccess, 8057, u"svchost.exe"_s)
            << u"edge01-int-tcp-8057"_s << u"missing"_s
            << u"nothing listening on TCP 8057 172.25.33.11 (service RTCDATAPROXY, "
               "DataProxy.exe)"_s;
    // An unknown process on the expected address is the culprit, and says so.
    QTest::newRow("other process on the expected address")
            << QStringList{u"edge01-webconf-tcp-443"_s} << tcp(kWebConf, 443, u"httpd.exe"_s)
            << u"edge01-webconf-tcp-443"_s << u"wrong-process"_s
            << u"bound by httpd.exe (PID 9999), expected DataProxy.exe"_s;
}

void TstDiagnosis::culprits()
{
    QFETCH(QStringList, drop);
    QFETCH(QString, extra);
    QFETCH(QString, listener);
    const Topology t = threeIp();
    const Judgement j = judged(t, capture(t, drop, extra));
    const ListenerVerdict *v = j.verdict(ListenerId(listener));
    QVERIFY(v);
    QTEST(keyOf(v->status), "status");
    QTEST(v->detail, "detail");
    // The A/V Edge's own 443 is never named as anyone's culprit.
    QVERIFY2(!v->detail.contains(u"MediaRelaySvc"_s), qPrintable(v->detail));
}

void TstDiagnosis::disabledListenerBreaksItsScenario()
{
    Topology t = threeIp();
    const ListenerId internalSip(u"edge01-int-tcp-5061"_s);
    for (Listener &l : t.pools[0].servers[0].listeners)
        if (l.id == internalSip)
            l.enabled = false;
    const Judgement j = judged(t, capture(t));
    // Remote sign-in needs the internal SIP listener on every path: broken on edge01, with the
    // reason, not dropped from the server's verdicts.
    const ScenarioVerdict *signIn = scenario(j, u"remote-sign-in"_s);
    QVERIFY(signIn);
    QVERIFY(!signIn->ok);
    QCOMPARE(signIn->brokenBy, QList<ListenerId>{internalSip});
    QCOMPARE(breakReason(t, j, internalSip),
             u"listener TCP 5061 on 172.25.33.11 (RTCSRV) is disabled"_s);
    const QList<HopBreak> breaks = hopBreaks(t, kEdge01, *signIn);
    QCOMPARE(breaks.size(), 1);
    QCOMPARE(breaks.first().listeners, QList<ListenerId>{internalSip});
    QVERIFY(breaks.first().hop >= 0);
    // The listener itself is not checked (the admin turned it off), and is no problem.
    QCOMPARE(j.verdict(internalSip)->status, ListenerStatus::NotChecked);
    QCOMPARE(j.problemCount(), 0);
    // With everything enabled, the scenario works.
    const Judgement healthy = judged(threeIp(), capture(threeIp()));
    QVERIFY(scenario(healthy, u"remote-sign-in"_s) && scenario(healthy, u"remote-sign-in"_s)->ok);
}

void TstDiagnosis::wellKnownPortsExplained()
{
    const Topology t = threeIp();
    const Judgement j = judged(t, capture(t, {},
                                          tcp(u"0.0.0.0"_s, 135, u"svchost.exe"_s)
                                                  + tcp(u"0.0.0.0"_s, 445, u"System"_s)
                                                  + tcp(u"0.0.0.0"_s, 5985, u"System"_s)
                                                  + udp(kAccess, 123, u"svchost.exe"_s)
                                                  + tcp(kAccess, 9000, u"other.exe"_s)));
    QHash<int, QString> explained;
    for (const UnexpectedListener &u : j.unexpected)
        explained.insert(u.port, explainUnexpected(u));
    QCOMPARE(explained.size(), 5);
    QVERIFY2(explained.value(135).startsWith(
                     u"TCP 135 is RPC endpoint mapper, a Windows service: "_s),
             qPrintable(explained.value(135)));
    QVERIFY(explained.value(445).startsWith(u"TCP 445 is SMB file sharing, a Windows service: "_s));
    QVERIFY(explained.value(5985).startsWith(u"TCP 5985 is WinRM (HTTP), a Windows service: "_s));
    QVERIFY(explained.value(123).startsWith(
            u"UDP 123 is NTP (Windows Time), a Windows service: "_s));
    QCOMPARE(explained.value(9000), QString()); // nothing known about it
    // TCP 123 is not NTP.
    QVERIFY(!wellKnownPort(Transport::Tcp, 123));
    for (const auto &[transport, port] : {std::pair{Transport::Udp, 137},
                                          {Transport::Udp, 138},
                                          {Transport::Tcp, 139},
                                          {Transport::Tcp, 47001},
                                          {Transport::Udp, 5353},
                                          {Transport::Udp, 5355},
                                          {Transport::Tcp, 5986}})
        QVERIFY2(wellKnownPort(transport, port), qPrintable(QString::number(port)));
    // None of them is a hardening finding: only Remote Desktop is.
    for (const UnexpectedListener &u : j.unexpected)
        QCOMPARE(hardeningFinding(u), QString());
}

void TstDiagnosis::remoteDesktopOnTheExternalInterfaceIsAFinding()
{
    const Topology t = threeIp();
    const Judgement j = judged(t, capture(t, {}, tcp(kAccess, 3389, u"svchost.exe"_s)));
    QCOMPARE(j.unexpected.size(), 1);
    QCOMPARE(hardeningFinding(j.unexpected.first()),
             u"Remote Desktop is reachable on the external interface (TCP 3389 bound on "
             "192.0.2.11): allow it from management networks only and block it on the external "
             "firewall"_s);
    QVERIFY(explainUnexpected(j.unexpected.first()).contains(u"Remote Desktop (RDP)"_s));
    // On the internal address it is how the admin manages the Edge: not even unexpected.
    const Judgement inside = judged(t, capture(t, {}, tcp(kInternal, 3389, u"svchost.exe"_s)));
    QVERIFY(inside.unexpected.isEmpty());
}

// A port bound on both 0.0.0.0 and [::] by one process is one socket in every count and list;
// the same port by another process, or twice on one family, is not.
void TstDiagnosis::wildcardTwinsAreOneSocket()
{
    const Topology t = threeIp();
    const QString extra
            = tcp(u"0.0.0.0"_s, 3389, u"svchost.exe"_s) + tcp(u"[::]"_s, 3389, u"svchost.exe"_s)
              + tcp(u"0.0.0.0"_s, 445, u"System"_s)
              + tcp(u"[::]"_s, 445, u"svchost.exe"_s) // another process
              + udp(u"0.0.0.0"_s, 123, u"svchost.exe"_s) + tcp(u"[::]"_s, 5985, u"System"_s);
    const Judgement j = judged(t, capture(t, {}, extra));
    QCOMPARE(j.unexpected.size(), 6);
    const QList<UnexpectedSocket> sockets = groupUnexpected(j.unexpected);
    QCOMPARE(sockets.size(), 5);
    QStringList listed;
    for (const UnexpectedSocket &socket : sockets) {
        const UnexpectedListener &u = j.unexpected.at(socket.indexes.first());
        listed.append(u"%1 %2 on %3"_s.arg(keyOf(u.transport))
                              .arg(u.port)
                              .arg(addressesOf(j.unexpected, socket)));
    }
    listed.sort();
    QCOMPARE(listed,
             (QStringList{u"tcp 3389 on 0.0.0.0 and [::]"_s, u"tcp 445 on 0.0.0.0"_s,
                          u"tcp 445 on [::]"_s, u"tcp 5985 on [::]"_s, u"udp 123 on 0.0.0.0"_s}));
    const auto rdp = std::find_if(sockets.cbegin(), sockets.cend(), [&](const UnexpectedSocket &s) {
        return j.unexpected.at(s.indexes.first()).port == 3389;
    });
    QVERIFY(rdp != sockets.cend());
    QCOMPARE(hardeningFinding(j.unexpected, *rdp),
             u"Remote Desktop is reachable on the external interface (TCP 3389 bound on all "
             "interfaces (0.0.0.0 and [::])): allow it from management networks only and block "
             "it on the external firewall"_s);
    const FindingCounts counts = countFindings(j);
    QCOMPARE(counts.warnings, 1);
    QCOMPARE(counts.unexpected, 4);
    QCOMPARE(counts.unexpectedSockets(), 5);
    QCOMPARE(counts.ok, counts.listeners);
    QCOMPARE(counts.problemListeners + counts.servicesDown + counts.brokenScenarios, 0);
    // Only the bindings asked for are grouped (the diagram's grid takes the wildcard ones).
    QCOMPARE(groupUnexpected(j.unexpected, rdp->indexes).size(), 1);
    QCOMPARE(groupUnexpected(j.unexpected, {rdp->indexes.first()}).size(), 1);
    QCOMPARE(groupUnexpected(j.unexpected, {rdp->indexes.first(), -1, 99}).size(), 1);
}

QTEST_GUILESS_MAIN(TstDiagnosis)
#include "tst_diagnosis.moc"
