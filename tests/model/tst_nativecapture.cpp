// Capture This Computer, model side: the conversion of the system's socket tables into the
// snapshot EdgeMap judges (pure, so tested everywhere with synthetic tables), that the result is
// the snapshot a netstat -anob capture of the same machine gives and is judged the same way, and
// a live capture on Windows (run under Wine by the Windows test stage).
#ifdef _WIN32
#ifndef NOMINMAX
#define NOMINMAX
#endif
// winsock2.h must come before windows.h: separate blocks, so that sorting keeps the order.
#include <winsock2.h>

#include <windows.h>
#endif

#include "io/topologyfile.h"
#include "snapshot/check.h"
#include "snapshot/judgement.h"
#include "snapshot/nativecapture.h"
#include "support/tst_nativecapture_util.h"
#include "support/tst_snapshot_util.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTest>

using namespace edgemap;
using namespace nativetest;
using namespace snapshottest;
using namespace Qt::StringLiterals;

namespace {

const QDateTime kTime = QDateTime(QDate(2026, 11, 24), QTime(10, 0), Qt::UTC);

Snapshot edge01Snapshot()
{
    return nativecapture::toSnapshot(edge01Tables(), {u"EDGE01"_s, kTime});
}

// The rows without their line numbers (netstat text has title and -b lines between rows).
QStringList rowsWithoutLines(const Snapshot &s)
{
    QStringList rows = rowTexts(s);
    static const QRegularExpression line(u" @\\d+$"_s);
    for (QString &r : rows)
        r.remove(line);
    return rows;
}

// What `netstat -anob` prints on the machine of edge01Tables(), in its order (TCP, then TCP over
// IPv6, then UDP), with the -b lines: the services of a svchost one per line, the image in
// brackets, and "Can not obtain ownership information" where the owner cannot be named.
QByteArray edge01Netstat()
{
    return QByteArrayLiteral(
            "\r\nActive Connections\r\n\r\n"
            "  Proto  Local Address          Foreign Address        State           PID\r\n"
            "  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1016\r\n"
            "  RpcEptMapper\r\n  RpcSs\r\n [svchost.exe]\r\n"
            "  TCP    0.0.0.0:445            0.0.0.0:0              LISTENING       4\r\n"
            " Can not obtain ownership information\r\n"
            "  TCP    172.25.33.10:443       0.0.0.0:0              LISTENING       3104\r\n"
            "  RTCMEDIARELAY\r\n [MediaRelaySvc.exe]\r\n"
            "  TCP    172.25.33.10:4443      0.0.0.0:0              LISTENING       2760\r\n"
            "  REPLICA\r\n [ReplicaReplicatorAgent.exe]\r\n"
            "  TCP    172.25.33.10:5061      0.0.0.0:0              LISTENING       2216\r\n"
            "  RTCSRV\r\n [RTCSrv.exe]\r\n"
            "  TCP    172.25.33.10:5062      0.0.0.0:0              LISTENING       2380\r\n"
            "  RTCMRAUTH\r\n [MRASSvc.exe]\r\n"
            "  TCP    172.25.33.10:5061      172.25.40.10:52311     ESTABLISHED     2216\r\n"
            "  RTCSRV\r\n [RTCSrv.exe]\r\n"
            "  TCP    172.25.33.10:4443      172.25.40.22:61022     TIME_WAIT       0\r\n"
            "  TCP    10.45.16.10:443        0.0.0.0:0              LISTENING       2216\r\n"
            "  RTCSRV\r\n [RTCSrv.exe]\r\n"
            "  TCP    10.45.16.10:5061       0.0.0.0:0              LISTENING       2216\r\n"
            "  RTCSRV\r\n [RTCSrv.exe]\r\n"
            "  TCP    10.45.16.20:8080       0.0.0.0:0              LISTENING       5555\r\n"
            " Can not obtain ownership information\r\n"
            "  TCP    10.45.16.30:443        0.0.0.0:0              LISTENING       3104\r\n"
            "  RTCMEDIARELAY\r\n [MediaRelaySvc.exe]\r\n"
            "  TCP    [::]:135               [::]:0                 LISTENING       1016\r\n"
            "  RpcEptMapper\r\n  RpcSs\r\n [svchost.exe]\r\n"
            "  TCP    [::]:445               [::]:0                 LISTENING       4\r\n"
            " Can not obtain ownership information\r\n"
            "  UDP    172.25.33.10:3478      *:*                                    3104\r\n"
            "  RTCMEDIARELAY\r\n [MediaRelaySvc.exe]\r\n"
            "  UDP    10.45.16.30:3478       *:*                                    3104\r\n"
            "  RTCMEDIARELAY\r\n [MediaRelaySvc.exe]\r\n"
            "  UDP    [fe80::1c2d:3e4f:5a6b:7c8d%12]:1900  *:*                      1016\r\n"
            "  RpcEptMapper\r\n  RpcSs\r\n [svchost.exe]\r\n");
}

QHash<QString, QString> statuses(const Judgement &j)
{
    QHash<QString, QString> out;
    for (const ListenerVerdict &v : j.listeners)
        out.insert(v.listener.value(), keyOf(v.status));
    return out;
}

#ifdef _WIN32
// Wine answers the IP Helper calls from the host's sockets, without owners (Wine 8.0 reports
// PID 0 for every socket, its own processes' too).
bool runningUnderWine()
{
    const HMODULE ntdll = GetModuleHandleW(L"ntdll.dll");
    return ntdll && GetProcAddress(ntdll, "wine_get_version") != nullptr;
}

// A TCP socket listening on 127.0.0.1, closed when it goes out of scope.
struct OwnListener
{
    SOCKET socket = INVALID_SOCKET;
    std::uint16_t port = 0;
    OwnListener()
    {
        WSADATA data;
        if (WSAStartup(MAKEWORD(2, 2), &data) != 0)
            return;
        socket = ::socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        int size = sizeof address;
        if (socket == INVALID_SOCKET
            || ::bind(socket, reinterpret_cast<sockaddr *>(&address), size) != 0
            || ::listen(socket, 1) != 0
            || ::getsockname(socket, reinterpret_cast<sockaddr *>(&address), &size) != 0)
            return;
        port = ntohs(address.sin_port);
    }
    ~OwnListener()
    {
        if (socket != INVALID_SOCKET)
            closesocket(socket);
        WSACleanup();
    }
};
#endif

} // namespace

class TstNativeCapture : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stateMapping_data();
    void stateMapping();
    void portAndAddressByteOrder();
    void ipv6Zone();
    void rows();
    void snapshotFacts();
    void pidWithoutImage();
    void servicesOfOneProcess();
    void sameAsNetstat();
    void judgedLikeALoadedSnapshot();
    void emptyTables();
    void notAvailableElsewhere();
    void liveCapture();
};

void TstNativeCapture::stateMapping_data()
{
    QTest::addColumn<quint32>("mib");
    QTest::addColumn<TcpState>("state");
    QTest::newRow("closed") << 1u << TcpState::Closed;
    QTest::newRow("listen") << 2u << TcpState::Listen;
    QTest::newRow("syn-sent") << 3u << TcpState::SynSent;
    QTest::newRow("syn-received") << 4u << TcpState::SynReceived;
    QTest::newRow("established") << 5u << TcpState::Established;
    QTest::newRow("fin-wait-1") << 6u << TcpState::FinWait1;
    QTest::newRow("fin-wait-2") << 7u << TcpState::FinWait2;
    QTest::newRow("close-wait") << 8u << TcpState::CloseWait;
    QTest::newRow("closing") << 9u << TcpState::Closing;
    QTest::newRow("last-ack") << 10u << TcpState::LastAck;
    QTest::newRow("time-wait") << 11u << TcpState::TimeWait;
    QTest::newRow("delete-tcb") << 12u << TcpState::DeleteTcb;
    QTest::newRow("reserved (PowerShell's Bound)") << 100u << TcpState::Bound;
    QTest::newRow("zero") << 0u << TcpState::Unknown;
    QTest::newRow("13") << 13u << TcpState::Unknown;
    QTest::newRow("huge") << 0xffffffffu << TcpState::Unknown;
}

void TstNativeCapture::stateMapping()
{
    QFETCH(quint32, mib);
    QFETCH(TcpState, state);
    QCOMPARE(nativecapture::stateFromMib(mib), state);
    // And through a row: the snapshot carries the state the judgement reads.
    nativecapture::SystemTables t;
    t.tcp.push_back(tcp("172.25.33.10", 5061, "172.25.40.10", 52311, MibTcpState(mib), 2216));
    const Snapshot s = nativecapture::toSnapshot(t, {});
    QCOMPARE(s.rows.size(), 1);
    QCOMPARE(s.rows.first().state, state);
    QCOMPARE(s.rows.first().isListener(), state == TcpState::Listen);
}

void TstNativeCapture::portAndAddressByteOrder()
{
#if Q_BYTE_ORDER != Q_LITTLE_ENDIAN
    QSKIP("the MIB DWORDs below are as a little-endian Windows reads them");
#endif
    // dwLocalPort holds the port in network order in its low two bytes: 443 is 0x01BB, read as
    // the DWORD 0x0000BB01; the high bytes are undefined and ignored.
    QCOMPARE(nativecapture::portFromMib(0x0000BB01u), std::uint16_t(443));
    QCOMPARE(nativecapture::portFromMib(0xABCDC413u), std::uint16_t(5060));
    QCOMPARE(nativecapture::portFromMib(0x00005ADDu), std::uint16_t(56666));
    QCOMPARE(nativecapture::portFromMib(0x0000FFFFu), std::uint16_t(65535));
    // dwLocalAddr: 172.25.33.10 in network order, read as a DWORD.
    const auto address = nativecapture::ipv4FromMib(0x0A2119ACu);
    nativecapture::SystemTables t;
    TcpRow row = listen("0.0.0.0", 0, 2216);
    row.local = address;
    row.localPort = nativecapture::portFromMib(0x0000C513u); // 5061
    t.tcp.push_back(row);
    const Snapshot s = nativecapture::toSnapshot(t, {});
    QCOMPARE(rowText(s, s.rows.first()), u"tcp 172.25.33.10:5061 0.0.0.0:0 LISTEN pid 2216 @1"_s);
}

void TstNativeCapture::ipv6Zone()
{
    const auto zoned = IpAddress::v6(bytes("fe80::1"), 12);
    QCOMPARE(zoned.toString(), u"fe80::1%12"_s);
    QCOMPARE(zoned, *IpAddress::parse(std::string_view("fe80::1%12")));
    QCOMPARE(IpAddress::v6(bytes("2001:db8::5"), 0).toString(), u"2001:db8::5"_s);
    // A zone index longer than an address can carry is dropped, not truncated into another one.
    QCOMPARE(IpAddress::v6(bytes("fe80::1"), 1234567).toString(), u"fe80::1"_s);
}

void TstNativeCapture::rows()
{
    const Snapshot s = edge01Snapshot();
    const QStringList expected{
            u"tcp 0.0.0.0:135 0.0.0.0:0 LISTEN pid 1016 svchost.exe [RpcEptMapper, RpcSs] @1"_s,
            u"tcp 0.0.0.0:445 0.0.0.0:0 LISTEN pid 4 @2"_s,
            u"tcp 172.25.33.10:443 0.0.0.0:0 LISTEN pid 3104 MediaRelaySvc.exe [RTCMEDIARELAY] @3"_s,
            u"tcp 172.25.33.10:4443 0.0.0.0:0 LISTEN pid 2760 ReplicaReplicatorAgent.exe [REPLICA] @4"_s,
            u"tcp 172.25.33.10:5061 0.0.0.0:0 LISTEN pid 2216 RTCSrv.exe [RTCSRV] @5"_s,
            u"tcp 172.25.33.10:5062 0.0.0.0:0 LISTEN pid 2380 MRASSvc.exe [RTCMRAUTH] @6"_s,
            u"tcp 172.25.33.10:5061 172.25.40.10:52311 ESTABLISHED pid 2216 RTCSrv.exe [RTCSRV] @7"_s,
            u"tcp 172.25.33.10:4443 172.25.40.22:61022 TIME_WAIT pid 0 @8"_s,
            u"tcp 10.45.16.10:443 0.0.0.0:0 LISTEN pid 2216 RTCSrv.exe [RTCSRV] @9"_s,
            u"tcp 10.45.16.10:5061 0.0.0.0:0 LISTEN pid 2216 RTCSrv.exe [RTCSRV] @10"_s,
            u"tcp 10.45.16.20:8080 0.0.0.0:0 LISTEN pid 5555 @11"_s,
            u"tcp 10.45.16.30:443 0.0.0.0:0 LISTEN pid 3104 MediaRelaySvc.exe [RTCMEDIARELAY] @12"_s,
            u"tcp [::]:135 [::]:0 LISTEN pid 1016 svchost.exe [RpcEptMapper, RpcSs] @13"_s,
            u"tcp [::]:445 [::]:0 LISTEN pid 4 @14"_s,
            u"udp 172.25.33.10:3478 *:0 pid 3104 MediaRelaySvc.exe [RTCMEDIARELAY] @15"_s,
            u"udp 10.45.16.30:3478 *:0 pid 3104 MediaRelaySvc.exe [RTCMEDIARELAY] @16"_s,
            u"udp [fe80::1c2d:3e4f:5a6b:7c8d%12]:1900 *:0 pid 1016 svchost.exe [RpcEptMapper, "
            u"RpcSs] @17"_s,
    };
    QCOMPARE(rowTexts(s), expected);
    // UDP rows have no remote side and no state; every row is a listener or a connection as
    // netstat would show it.
    for (const SocketRow &r : s.rows)
        if (r.transport == Transport::Udp) {
            QVERIFY(r.remote.isNull());
            QCOMPARE(r.state, TcpState::None);
            QVERIFY(r.isListener());
        }
}

void TstNativeCapture::snapshotFacts()
{
    const Snapshot s = edge01Snapshot();
    QCOMPARE(s.format, u"native"_s);
    QCOMPARE(s.header.host, u"EDGE01"_s);
    QCOMPARE(s.header.time, kTime);
    QVERIFY(s.header.tool.contains(u"native"_s));
    QVERIFY(s.header.command.isEmpty()); // nothing was run, so nothing filtered the rows
    QVERIFY(s.filter.isEmpty());
    QVERIFY(readAssumptions(s).isEmpty());
    QVERIFY(s.hasTcp && s.hasUdp && s.hasPids && s.hasProcesses);
    QCOMPARE(s.unrecognisedLines, 0);
    // Each name once, however many rows share it.
    QCOMPARE(s.strings.count(u"RTCSrv.exe"_s), 1);
    QCOMPARE(s.strings.count(u"RpcEptMapper, RpcSs"_s), 1);
}

void TstNativeCapture::pidWithoutImage()
{
    // The process could not be opened (access denied, or it exited since the table was read):
    // the PID stays, the name is unknown, as netstat -b says "Can not obtain ownership
    // information". A service list without an image still names the owner's services.
    nativecapture::SystemTables t;
    t.tcp.push_back(listen("10.45.16.20", 443, kDenied));
    t.services[kDenied] = {L"RTCDATAPROXY"};
    const Snapshot s = nativecapture::toSnapshot(t, {});
    const SocketRow &r = s.rows.first();
    QCOMPARE(r.pid, int(kDenied));
    QCOMPARE(r.process, -1);
    QCOMPARE(s.processName(r), QString());
    QCOMPARE(s.componentNames(r), u"RTCDATAPROXY"_s);
}

void TstNativeCapture::servicesOfOneProcess()
{
    // A svchost hosting two services: both, in the service control manager's order, in the
    // component column of every row of that PID; another PID's rows are not touched.
    nativecapture::SystemTables t;
    t.tcp.push_back(listen("0.0.0.0", 135, 900));
    t.udp.push_back(udp("0.0.0.0", 5353, 900));
    t.tcp.push_back(listen("0.0.0.0", 3389, 901));
    t.imagePaths = {{900, L"C:\\Windows\\system32\\svchost.exe"},
                    {901, L"C:\\Windows\\System32\\svchost.exe"}};
    t.services = {{900, {L"Dnscache", L"NlaSvc"}}, {901, {L"TermService"}}};
    const Snapshot s = nativecapture::toSnapshot(t, {});
    QCOMPARE(s.componentNames(s.rows.at(0)), u"Dnscache, NlaSvc"_s); // TCP rows come first
    QCOMPARE(s.componentNames(s.rows.at(1)), u"TermService"_s);
    QCOMPARE(s.componentNames(s.rows.at(2)), u"Dnscache, NlaSvc"_s);
    for (const SocketRow &r : s.rows)
        QCOMPARE(s.processName(r), u"svchost.exe"_s); // the file name, as netstat -b shows it
}

void TstNativeCapture::sameAsNetstat()
{
    const snapshotfile::ReadResult netstat = snapshotfile::parse(edge01Netstat(), u"netstat"_s);
    QVERIFY2(netstat.ok(), qPrintable(netstat.error.toString()));
    QCOMPARE(netstat.snapshot->unrecognisedLines, 0);
    QCOMPARE(netstat.snapshot->format, u"netstat-b"_s);
    QCOMPARE(rowsWithoutLines(edge01Snapshot()), rowsWithoutLines(*netstat.snapshot));
}

void TstNativeCapture::judgedLikeALoadedSnapshot()
{
    const Topology topology = topologyfile::defaultTopology();
    snapshotfile::ReadResult native;
    native.snapshot = edge01Snapshot();
    const CheckResult check
            = readAndJudge(topology, std::move(native), SnapshotSource::thisComputer());
    QVERIFY2(check.ok(), qPrintable(check.error.toString()));
    QVERIFY(check.source == SnapshotSource::thisComputer());
    QCOMPARE(check.source.text(), u"This computer (native capture)"_s);
    QCOMPARE(check.server.value(), u"edge01"_s);
    QCOMPARE(check.established, 1);

    // What the user sees in the Listeners table.
    const QHash<QString, QString> status = statuses(check.judgement);
    QCOMPARE(status.value(u"edge01-int-tcp-5061"_s), u"ok"_s);
    QCOMPARE(status.value(u"edge01-access-tcp-443"_s), u"ok"_s);
    QCOMPARE(status.value(u"edge01-access-tcp-5061"_s), u"ok"_s);
    QCOMPARE(status.value(u"edge01-av-tcp-443"_s), u"ok"_s);
    QCOMPARE(status.value(u"edge01-av-udp-3478"_s), u"ok"_s);
    QCOMPARE(status.value(u"edge01-int-tcp-5062"_s), u"ok"_s);
    QCOMPARE(status.value(u"edge01-int-tcp-4443"_s), u"ok"_s);
    // The Web Conferencing Edge is stopped, and the logging agent is not running.
    QCOMPARE(status.value(u"edge01-webconf-tcp-443"_s), u"missing"_s);
    QCOMPARE(status.value(u"edge01-int-tcp-8057"_s), u"missing"_s);
    QCOMPARE(status.value(u"edge01-int-tcp-50001-50003"_s), u"missing"_s);
    const ListenerVerdict *mras = check.judgement.verdict(ListenerId(u"edge01-int-tcp-5062"_s));
    QVERIFY(mras && mras->observed);
    QCOMPARE(mras->observed->process, u"MRASSvc.exe"_s);
    QCOMPARE(mras->observed->pid, 2380);
    const ListenerVerdict *sip = check.judgement.verdict(ListenerId(u"edge01-int-tcp-5061"_s));
    QCOMPARE(sip->established, 1);
    // The process that could not be named is an unexpected listener on an external address,
    // by PID; SMB on all interfaces belongs to System.
    bool denied = false;
    for (const UnexpectedListener &u : check.judgement.unexpected)
        if (u.port == 8080) {
            denied = true;
            QCOMPARE(u.pid, int(kDenied));
            QCOMPARE(u.process, QString());
        }
    QVERIFY(denied);

    // Judged exactly like the netstat capture of the same machine.
    const CheckResult fromText
            = readAndJudge(topology, edge01Netstat(), SnapshotSource::named(u"netstat"_s));
    QVERIFY(fromText.ok());
    QCOMPARE(statuses(check.judgement), statuses(fromText.judgement));
    QCOMPARE(check.judgement.unexpected.size(), fromText.judgement.unexpected.size());
    for (qsizetype i = 0; i < check.judgement.listeners.size(); ++i)
        QCOMPARE(check.judgement.listeners.at(i).detail, fromText.judgement.listeners.at(i).detail);
    QCOMPARE(check.judgement.problemCount(), fromText.judgement.problemCount());
}

void TstNativeCapture::emptyTables()
{
    // A machine with no sockets at all (nothing else is plausible, but it must not crash): no
    // rows, and the capture still says it looked at TCP and UDP.
    const Snapshot s = nativecapture::toSnapshot({}, {u"host"_s, kTime});
    QVERIFY(s.rows.isEmpty());
    QVERIFY(s.hasTcp && s.hasUdp);
}

void TstNativeCapture::notAvailableElsewhere()
{
#ifdef _WIN32
    QSKIP("native capture is available on Windows; liveCapture tests it");
#else
    QVERIFY(!nativecapture::isAvailable());
    const snapshotfile::ReadResult r = nativecapture::capture(u"this computer"_s);
    QVERIFY(!r.ok());
    QVERIFY2(r.error.message.contains(u"not available on this platform"_s),
             qPrintable(r.error.message));
    QCOMPARE(r.error.file, u"this computer"_s);
    // And through the check, as the window would get it: an error, no check.
    const CheckResult check = readAndJudge(topologyfile::defaultTopology(),
                                           nativecapture::capture(u"this computer"_s),
                                           SnapshotSource::thisComputer());
    QVERIFY(!check.ok());
#endif
}

void TstNativeCapture::liveCapture()
{
#ifndef _WIN32
    QSKIP("Capture This Computer reads the Windows socket tables (IP Helper API); this platform "
          "has none. The Windows test stage runs this under Wine.");
#else
    QVERIFY(nativecapture::isAvailable());
    const OwnListener own; // at least one socket, whatever else the machine has
    QVERIFY(own.port != 0);
    const snapshotfile::ReadResult r = nativecapture::capture(u"this computer"_s);
    QVERIFY2(r.ok(), qPrintable(r.error.toString()));
    const Snapshot &s = *r.snapshot;
    QVERIFY(s.rows.size() > 0);
    QCOMPARE(s.format, u"native"_s);
    QVERIFY(!s.header.host.isEmpty());
    QVERIFY(qAbs(s.header.time.secsTo(QDateTime::currentDateTimeUtc())) < 60);
    const SocketRow *mine = nullptr;
    for (const SocketRow &row : s.rows) {
        QVERIFY(row.pid >= 0); // every row has an owner PID (0 for TIME_WAIT, 4 for System)
        if (row.transport == Transport::Tcp && row.state == TcpState::Listen
            && row.localPort == own.port && row.local == *IpAddress::parse(u"127.0.0.1"_s))
            mine = &row;
    }
    QVERIFY2(mine,
             qPrintable(
                     u"no row for our own listener on 127.0.0.1:%1 among:\n%2"_s.arg(own.port).arg(
                             rowTexts(s).join(u'\n'))));
    if (runningUnderWine()) {
        qInfo("under Wine: %d rows, owners not reported (PID %d for our own socket)",
              int(s.rows.size()), mine->pid);
        return;
    }
    // On Windows the owner of our socket is this process, named as netstat -b names it.
    QCOMPARE(mine->pid, int(QCoreApplication::applicationPid()));
    QCOMPARE(s.processName(*mine).toLower(),
             QFileInfo(QCoreApplication::applicationFilePath()).fileName().toLower());
#endif
}

QTEST_GUILESS_MAIN(TstNativeCapture)
#include "tst_nativecapture.moc"
