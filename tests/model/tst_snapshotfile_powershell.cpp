// Reading PowerShell snapshots: Get-NetTCPConnection / Get-NetUDPEndpoint as the default table,
// Format-List, Export-Csv and ConvertTo-Json, EdgeMap's own capture JSON, and broken or hostile
// exports. Fixtures named written_* are ours (tests/data/netstat/SOURCES.md).
#include "support/tst_snapshot_util.h"

#include <QTest>

using namespace edgemap;
using namespace snapshottest;
using namespace Qt::StringLiterals;

namespace {

// What Windows PowerShell 5.1 `>` writes (UTF-16LE with BOM), or the bytes as they are.
QByteArray encoded(const QByteArray &utf8, const QString &encoding)
{
    if (encoding == u"utf-16le"_s)
        return utf16(QString::fromUtf8(utf8), true, true);
    if (encoding == u"utf-8-bom"_s)
        return "\xEF\xBB\xBF" + utf8;
    return utf8;
}

QByteArray jsonListener(const QByteArray &state)
{
    return R"({"LocalAddress": "10.45.16.10", "LocalPort": 443, "RemoteAddress": "0.0.0.0",
               "RemotePort": 0, "State": )"
           + state + R"(, "OwningProcess": 2216})";
}

} // namespace

class TstSnapshotFilePowerShell : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixtures_data();
    void fixtures();
    void tableValuesWiderThanTheirHeader_data();
    void tableValuesWiderThanTheirHeader();
    void jsonState_data();
    void jsonState();
    void jsonSingleObject();
    void csvVariants_data();
    void csvVariants();
    void captureHeader();
    void errors_data();
    void errors();
    void deepJsonNesting();
};

void TstSnapshotFilePowerShell::fixtures_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QString>("format");
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("udp");
    QTest::addColumn<bool>("hasProcesses");
    QTest::addColumn<QStringList>("someRows");

    struct Fixture
    {
        QString file, format;
        int rows, udp;
        bool processes;
        QStringList someRows;
    };
    const QList<Fixture> fixtures{
            {u"written_get-nettcpconnection_table.txt"_s,
             u"powershell-table"_s,
             14,
             4,
             false,
             {u"tcp 10.45.16.10:443 0.0.0.0:0 LISTEN pid 2216 @4"_s,
              u"tcp [::]:135 [::]:0 LISTEN pid 884 @10"_s,
              u"tcp 10.45.16.10:443 203.0.113.77:61544 ESTABLISHED pid 2216 @11"_s,
              u"tcp [fe80::1c2d:3e4f:5a6b:7c8d%12]:5061 [::]:0 LISTEN pid 2216 @12"_s,
              u"tcp 172.25.33.10:4443 172.25.40.22:61022 TIME_WAIT pid 0 @13"_s,
              u"udp 10.45.16.30:3478 *:0 @19"_s, u"udp [::]:123 *:0 @22"_s}},
            {u"written_get-nettcpconnection_list.txt"_s,
             u"powershell-list"_s,
             4,
             0,
             false,
             {u"tcp 10.45.16.10:443 0.0.0.0:0 LISTEN pid 2216 @2"_s,
              u"tcp 10.45.16.10:443 203.0.113.77:61544 ESTABLISHED pid 2216 @32"_s}},
            {u"written_get-nettcpconnection.csv"_s,
             u"powershell-csv"_s,
             10,
             0,
             false,
             {u"tcp 10.45.16.10:443 0.0.0.0:0 LISTEN pid 2216 @3"_s,
              u"tcp [fe80::1c2d:3e4f:5a6b:7c8d%12]:5061 [::]:0 LISTEN pid 2216 @11"_s}},
            {u"inspec_get-net-tcpconnection.json"_s,
             u"powershell-json"_s,
             2,
             0,
             false,
             {u"tcp [::]:135 [::]:0 LISTEN @0"_s, u"tcp 192.168.10.157:135 0.0.0.0:0 LISTEN @0"_s}},
            {u"written_edgemap-capture_edge01.json"_s,
             u"edgemap-json"_s,
             26,
             6,
             true,
             {u"tcp 0.0.0.0:135 0.0.0.0:0 LISTEN pid 884 svchost.exe [RpcEptMapper, RpcSs] @0"_s,
              u"tcp 0.0.0.0:445 0.0.0.0:0 LISTEN pid 4 System @0"_s,
              u"tcp 172.25.33.10:4443 172.25.40.22:61022 TIME_WAIT pid 0 Idle @0"_s,
              u"udp 10.45.16.30:52002 *:0 pid 3104 MediaRelaySvc.exe [RTCMEDIARELAY] @0"_s}},
    };
    for (const Fixture &f : fixtures)
        for (const QString &encoding : {u"utf-8"_s, u"utf-8-bom"_s, u"utf-16le"_s})
            QTest::addRow("%s %s", qPrintable(f.file), qPrintable(encoding))
                    << f.file << encoding << f.format << f.rows << f.udp << f.processes
                    << f.someRows;
}

void TstSnapshotFilePowerShell::fixtures()
{
    QFETCH(QString, file);
    QFETCH(QString, encoding);
    QFETCH(QStringList, someRows);
    const QByteArray bytes = encoded(readFile(netstatPath(file)), encoding);
    QVERIFY(!bytes.isEmpty());
    const snapshotfile::ReadResult r = snapshotfile::parse(bytes, file);
    QVERIFY2(r.ok(), qPrintable(r.error.toString()));
    const Snapshot &s = *r.snapshot;
    QTEST(s.format, "format");
    QCOMPARE(s.encoding, encoding);
    QTEST(int(s.rows.size()), "rows");
    const auto udp = std::count_if(s.rows.cbegin(), s.rows.cend(), [](const SocketRow &row) {
        return row.transport == Transport::Udp;
    });
    QTEST(int(udp), "udp");
    QTEST(s.hasProcesses, "hasProcesses");
    QCOMPARE(s.unrecognisedLines, 0);
    const QStringList all = rowTexts(s);
    for (const QString &expected : someRows)
        QVERIFY2(all.contains(expected), qPrintable(expected + u"\nnot in\n"_s + all.join(u'\n')));
}

void TstSnapshotFilePowerShell::tableValuesWiderThanTheirHeader_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QStringList>("rows");
    // The dashes are as long as the column name only: "131.107.155.10" runs past
    // LocalAddress's dashes, and right-aligned numbers start before theirs.
    QTest::newRow("edge-server.md 7.4 example")
            << QByteArray("LocalAddress   LocalPort RemoteAddress  RemotePort State       "
                          "AppliedSetting OwningProcess\r\n"
                          "------------   --------- -------------  ---------- -----       "
                          "-------------- -------------\r\n"
                          "172.25.33.10   5062      0.0.0.0        0          Listen      "
                          "               2380\r\n"
                          "131.107.155.10 5061      203.0.113.9    61544      Established "
                          "Internet       2216\r\n")
            << QStringList{u"tcp 172.25.33.10:5062 0.0.0.0:0 LISTEN pid 2380 @3"_s,
                           u"tcp 131.107.155.10:5061 203.0.113.9:61544 ESTABLISHED pid 2216 @4"_s};
    QTest::newRow("Format-Table -AutoSize")
            << QByteArray("LocalAddress                 LocalPort RemoteAddress RemotePort State"
                          "       AppliedSetting OwningProcess\r\n"
                          "------------                 --------- ------------- ---------- -----"
                          "       -------------- -------------\r\n"
                          "172.25.33.10                      5062 0.0.0.0                0 Listen"
                          "                              2380\r\n"
                          "131.107.155.10                    5061 203.0.113.9        61544 "
                          "Established Internet                2216\r\n"
                          "fe80::1c2d:3e4f:5a6b:7c8d%12       443 ::                     0 Listen"
                          "                              3104\r\n")
            << QStringList{u"tcp 172.25.33.10:5062 0.0.0.0:0 LISTEN pid 2380 @3"_s,
                           u"tcp 131.107.155.10:5061 203.0.113.9:61544 ESTABLISHED pid 2216 @4"_s,
                           u"tcp [fe80::1c2d:3e4f:5a6b:7c8d%12]:443 [::]:0 LISTEN pid 3104 @5"_s};
    // Copied from a console: every line padded to the window width with trailing spaces; Bound
    // (a socket bound before connect) and SynSent rows; AppliedSetting set on one of them.
    QTest::newRow("trailing spaces, Bound, SynSent")
            << QByteArray("LocalAddress   LocalPort RemoteAddress  RemotePort State       "
                          "AppliedSetting OwningProcess          \r\n"
                          "------------   --------- -------------  ---------- -----       "
                          "-------------- -------------          \r\n"
                          "10.45.16.10    5061      0.0.0.0        0          Listen      "
                          "               2216                   \r\n"
                          "0.0.0.0        52311     0.0.0.0        0          Bound       "
                          "               2216                   \r\n"
                          "172.25.33.10   52312     172.25.40.22   5061       SynSent     "
                          "Datacenter     2216                   \r\n"
                          "                                                              "
                          "                                      \r\n")
            << QStringList{u"tcp 10.45.16.10:5061 0.0.0.0:0 LISTEN pid 2216 @3"_s,
                           u"tcp 0.0.0.0:52311 0.0.0.0:0 BOUND pid 2216 @4"_s,
                           u"tcp 172.25.33.10:52312 172.25.40.22:5061 SYN_SENT pid 2216 @5"_s};
}

void TstSnapshotFilePowerShell::tableValuesWiderThanTheirHeader()
{
    QFETCH(QByteArray, text);
    const snapshotfile::ReadResult r = snapshotfile::parse(text, u"table.txt"_s);
    QVERIFY2(r.ok(), qPrintable(r.error.toString()));
    QCOMPARE(r.snapshot->format, u"powershell-table"_s);
    QTEST(rowTexts(*r.snapshot), "rows");
    QCOMPARE(r.snapshot->unrecognisedLines, 0);
}

void TstSnapshotFilePowerShell::jsonState_data()
{
    QTest::addColumn<QByteArray>("state");
    QTest::addColumn<TcpState>("expected");
    // Windows PowerShell 5.1 writes the MIB_TCP_STATE number, Get-EdgeMapSnapshot.ps1 the name.
    QTest::newRow("2") << QByteArray("2") << TcpState::Listen;
    QTest::newRow("Listen") << QByteArray("\"Listen\"") << TcpState::Listen;
    QTest::newRow("5") << QByteArray("5") << TcpState::Established;
    QTest::newRow("Established") << QByteArray("\"Established\"") << TcpState::Established;
    QTest::newRow("11") << QByteArray("11") << TcpState::TimeWait;
    QTest::newRow("TimeWait") << QByteArray("\"TimeWait\"") << TcpState::TimeWait;
    QTest::newRow("8") << QByteArray("8") << TcpState::CloseWait;
    QTest::newRow("12") << QByteArray("12") << TcpState::DeleteTcb;
    QTest::newRow("Bound") << QByteArray("\"Bound\"") << TcpState::Bound;
    QTest::newRow("99") << QByteArray("99") << TcpState::Unknown;
    QTest::newRow("Lauschen") << QByteArray("\"Lauschen\"") << TcpState::Unknown;
}

void TstSnapshotFilePowerShell::jsonState()
{
    QFETCH(QByteArray, state);
    const snapshotfile::ReadResult r
            = snapshotfile::parse("[" + jsonListener(state) + "]", u"state.json"_s);
    QVERIFY2(r.ok(), qPrintable(r.error.toString()));
    QCOMPARE(r.snapshot->rows.size(), 1);
    QTEST(r.snapshot->rows.at(0).state, "expected");
    QCOMPARE(r.snapshot->rows.at(0).pid, 2216);
}

void TstSnapshotFilePowerShell::jsonSingleObject()
{
    // ConvertTo-Json of a single result writes the object, not an array of one.
    for (const QString &encoding : {u"utf-8"_s, u"utf-16le"_s}) {
        const snapshotfile::ReadResult r
                = snapshotfile::parse(encoded(jsonListener("2"), encoding), u"one.json"_s);
        QVERIFY2(r.ok(), qPrintable(r.error.toString()));
        QCOMPARE(rowTexts(*r.snapshot),
                 QStringList{u"tcp 10.45.16.10:443 0.0.0.0:0 LISTEN pid 2216 @0"_s});
    }
}

void TstSnapshotFilePowerShell::csvVariants_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<QStringList>("rows");
    QTest::newRow("Get-NetUDPEndpoint | Export-Csv")
            << QByteArray(
                       "#TYPE Microsoft.Management.Infrastructure.CimInstance#ROOT/StandardCimv2/"
                       "MSFT_NetUDPEndpoint\r\n"
                       "\"Caption\",\"LocalAddress\",\"LocalPort\",\"OwningProcess\"\r\n"
                       "\"\",\"10.45.16.30\",\"3478\",\"3104\"\r\n"
                       "\"\",\"::\",\"123\",\"1300\"\r\n")
            << QStringList{u"udp 10.45.16.30:3478 *:0 pid 3104 @3"_s,
                           u"udp [::]:123 *:0 pid 1300 @4"_s};
    QTest::newRow("PowerShell 7: no #TYPE line")
            << QByteArray("\"LocalAddress\",\"LocalPort\",\"RemoteAddress\",\"RemotePort\","
                          "\"State\",\"OwningProcess\"\n"
                          "\"10.45.16.10\",\"5061\",\"0.0.0.0\",\"0\",\"Listen\",\"2216\"\n")
            << QStringList{u"tcp 10.45.16.10:5061 0.0.0.0:0 LISTEN pid 2216 @2"_s};
    QTest::newRow("quoted commas and doubled quotes")
            << QByteArray("\"LocalAddress\",\"LocalPort\",\"ProcessName\",\"Services\"\n"
                          "\"10.45.16.30\",\"3478\",\"Media \"\"Relay\"\"\",\"RTCMEDIARELAY, X\"\n")
            << QStringList{u"udp 10.45.16.30:3478 *:0 Media \"Relay\".exe [RTCMEDIARELAY, X] @2"_s};
    QTest::newRow("PowerShell 7: -UseQuotes Never")
            << QByteArray("LocalAddress,LocalPort,RemoteAddress,RemotePort,State,OwningProcess\n"
                          "10.45.16.10,5061,0.0.0.0,0,Listen,2216\n"
                          "10.45.16.10,5061,198.51.100.7,50312,Established,2216\n")
            << QStringList{u"tcp 10.45.16.10:5061 0.0.0.0:0 LISTEN pid 2216 @2"_s,
                           u"tcp 10.45.16.10:5061 198.51.100.7:50312 ESTABLISHED pid 2216 @3"_s};
}

void TstSnapshotFilePowerShell::csvVariants()
{
    QFETCH(QByteArray, csv);
    const snapshotfile::ReadResult r = snapshotfile::parse(csv, u"export.csv"_s);
    QVERIFY2(r.ok(), qPrintable(r.error.toString()));
    QCOMPARE(r.snapshot->format, u"powershell-csv"_s);
    QTEST(rowTexts(*r.snapshot), "rows");
}

void TstSnapshotFilePowerShell::captureHeader()
{
    const snapshotfile::ReadResult r
            = snapshotfile::load(netstatPath(u"written_edgemap-capture_edge01.json"_s));
    QVERIFY2(r.ok(), qPrintable(r.error.toString()));
    const SnapshotHeader &h = r.snapshot->header;
    QCOMPARE(h.host, u"EDGE01"_s);
    QCOMPARE(h.time, QDateTime(QDate(2026, 11, 24), QTime(10, 0), Qt::UTC));
    QCOMPARE(h.command, u"Get-EdgeMapSnapshot.ps1"_s);
    QCOMPARE(h.tool, u"edgemap-snapshot 1"_s);
    QVERIFY(r.snapshot->hasPids);
    QVERIFY(r.snapshot->hasTcp);
    QVERIFY(r.snapshot->hasUdp);
}

void TstSnapshotFilePowerShell::errors_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("error"); // Error::toString(), whole

    QTest::newRow("JSON syntax error: where and what")
            << QByteArray("[{\"LocalAddress\": \"1.2.3.4\",\n  \"LocalPort\": x}]")
            << u"bad.json:2:16: JSON syntax error: invalid value (expected a string, a number, "
               "an object, an array, true, false or null)"_s;
    QTest::newRow("JSON cut short")
            << QByteArray("[{\"LocalAddress\": \"1.2.3.4\", \"LocalPort\": 80")
            << u"bad.json:1:44: JSON syntax error: unexpected end of input; expected '}'"_s;
    QTest::newRow("JSON number out of range")
            << QByteArray("[{\"LocalAddress\": \"1.2.3.4\", \"LocalPort\": 1e400}]")
            << u"bad.json:1:47: JSON error: number overflow parsing '1e400'"_s;
    QTest::newRow("JSON record that is not a socket")
            << QByteArray("[{\"LocalAddress\": \"1.2.3.4\", \"LocalPort\": \"http\"}]")
            << u"bad.json: /0: not a socket: LocalAddress '1.2.3.4', LocalPort 'http' (expected "
               "an IP address and a port number 0-65535)"_s;
    QTest::newRow("capture with a bad UDP record")
            << QByteArray("{\"edgemap_snapshot\": 1, \"udp\": [{\"LocalAddress\": \"192.0.2.300\","
                          " \"LocalPort\": 3478}]}")
            << u"bad.json: /udp/0: not a socket: LocalAddress '192.0.2.300', LocalPort '3478' "
               "(expected an IP address and a port number 0-65535)"_s;
    QTest::newRow("JSON without sockets")
            << QByteArray("[1, 2, 3]")
            << u"bad.json: no netstat or PowerShell socket rows found: expected netstat -ano / "
               "-anob output (lines like 'TCP  172.25.33.10:5061  0.0.0.0:0  LISTENING  2216'), "
               "or Get-NetTCPConnection / Get-NetUDPEndpoint output"_s;
    QTest::newRow("CSV with too few fields")
            << QByteArray("#TYPE Selected.Microsoft.Management.Infrastructure.CimInstance\r\n"
                          "\"LocalAddress\",\"LocalPort\",\"RemoteAddress\"\r\n"
                          "\"10.45.16.10\"\r\n\"10.45.16.10,443\r\n")
            << u"bad.json:3: not a socket: LocalAddress '10.45.16.10', LocalPort '' (expected an "
               "IP address and a port number 0-65535)"_s;
    QTest::newRow("table whose rows are not sockets")
            << QByteArray(
                       "LocalAddress LocalPort\r\n------------ ---------\r\nsomething    else\r\n")
            << u"bad.json:3: not a socket: LocalAddress 'something', LocalPort 'else' (expected "
               "an IP address and a port number 0-65535)"_s;
}

void TstSnapshotFilePowerShell::errors()
{
    QFETCH(QByteArray, bytes);
    for (const QString &encoding : {u"utf-8"_s, u"utf-16le"_s}) {
        const snapshotfile::ReadResult r
                = snapshotfile::parse(encoded(bytes, encoding), u"bad.json"_s);
        QVERIFY(!r.ok());
        QTEST(r.error.toString(), "error");
    }
}

void TstSnapshotFilePowerShell::deepJsonNesting()
{
    // A million '[' (or a capture whose Services nest that deep) must be refused, not recurse.
    const int depth = 1'000'000;
    const QByteArray deep = QByteArray(depth, '[') + QByteArray(depth, ']');
    snapshotfile::ReadResult r = snapshotfile::parse(deep, u"deep.json"_s);
    QVERIFY(!r.ok());
    QCOMPARE(r.error.toString(), u"deep.json:1:129: JSON nested too deeply (more than 128 levels "
                                 "of arrays and objects); expected a list of sockets"_s);

    const QByteArray capture = "{\"edgemap_snapshot\": 1,\n \"tcp\": [{\"Services\": "
                               + QByteArray(depth, '[') + QByteArray(depth, ']') + "}]}";
    r = snapshotfile::parse(capture, u"deep.json"_s);
    QVERIFY(!r.ok());
    QVERIFY2(r.error.toString().startsWith(u"deep.json:2:"_s), qPrintable(r.error.toString()));

    // Brackets inside strings are not nesting; 128 levels are fine.
    const QByteArray inString = "[{\"LocalAddress\": \"10.45.16.10\", \"LocalPort\": 443, "
                                "\"ProcessName\": \""
                                + QByteArray(10'000, '[') + "\", \"X\": " + QByteArray(126, '[')
                                + QByteArray(126, ']') + "}]";
    r = snapshotfile::parse(inString, u"fine.json"_s);
    QVERIFY2(r.ok(), qPrintable(r.error.toString()));
    QCOMPARE(r.snapshot->rows.size(), 1);
}

QTEST_GUILESS_MAIN(TstSnapshotFilePowerShell)
#include "tst_snapshotfile_powershell.moc"
