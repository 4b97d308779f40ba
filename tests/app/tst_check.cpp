// `edgemap check` as a user runs it: the real binary on the bundled sample and on snapshots
// written here, its exit codes, its JSON (the documented shape) and its text report.
#include "support/tst_cli_util.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace edgemap;
using namespace Qt::StringLiterals;

namespace {

using clitest::kSample;
using clitest::kTopology;
using clitest::Run;
using clitest::runEdgemap;

const QString kCapture
        = QStringLiteral(EDGEMAP_TEST_DATA "/netstat/written_edgemap-capture_edge01.json");

// netstat -anob of edge01 with every expected listener bound by its executable, in UTF-16LE as
// PowerShell 5.1 saves it; `extra` lines go at the end.
QByteArray allListening(const QString &extra = {})
{
    QString text = u"\r\nActive Connections\r\n\r\n  Proto  Local Address          Foreign "
                   "Address        State           PID\r\n"_s
                   + clitest::allListeningRows();
    text += extra;
    QByteArray bytes("\xFF\xFE", 2);
    bytes.append(reinterpret_cast<const char *>(text.utf16()), text.size() * 2);
    return bytes;
}

QStringList keys(const QJsonObject &o)
{
    return o.keys(); // sorted
}

} // namespace

class TstCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void exitCodes_data();
    void exitCodes();
    void jsonShape();
    void jsonOfAHealthyServer();
    void textListsProblemsFirst();
    void guessedCodePageFacts();
    void filteredTranscriptFacts();

private:
    QString write(const QString &name, const QByteArray &bytes)
    {
        QFile f(m_dir->filePath(name));
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
            return {};
        return f.fileName();
    }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TstCheck::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TstCheck::exitCodes_data()
{
    QTest::addColumn<QStringList>("arguments"); // {TOPOLOGY} {SNAPSHOT} {DIR} substituted
    QTest::addColumn<QByteArray>("snapshot");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("stdoutHas");
    QTest::addColumn<QString>("stderrHas");

    const QStringList plain{u"{TOPOLOGY}"_s, u"{SNAPSHOT}"_s};
    const QByteArray rdp = allListening(u"  TCP    0.0.0.0:3389  0.0.0.0:0  LISTENING  1160\r\n"
                                        "  TermService\r\n [svchost.exe]\r\n"_s);
    QTest::newRow("all listening")
            << plain << allListening() << 0 << u"14 expected listeners: 14 OK, 0 with problems"_s
            << QString();
    QTest::newRow("capture JSON, all listening")
            << QStringList{u"{TOPOLOGY}"_s, kCapture} << QByteArray() << 0
            << u"Snapshot: edgemap-json, utf-8, 26 rows"_s << QString();
    QTest::newRow("bundled sample") << QStringList{u"{TOPOLOGY}"_s, kSample} << QByteArray() << 1
                                    << u"12 OK, 2 with problems"_s << QString();
    QTest::newRow("unexpected only") << plain << rdp << 0 << u"TCP 3389 on 0.0.0.0"_s << QString();
    QTest::newRow("unexpected only, --strict") << plain + QStringList{u"--strict"_s} << rdp << 1
                                               << u"TCP 3389 on 0.0.0.0"_s << QString();
    QTest::newRow("--server by FQDN")
            << plain + QStringList{u"--server"_s, u"EDGE01.contoso.local"_s} << allListening() << 0
            << u"edge01.contoso.local"_s << QString();
    QTest::newRow("no such topology") << QStringList{u"{DIR}/none.edgemap.json"_s, u"{SNAPSHOT}"_s}
                                      << allListening() << 2 << QString() << u"none.edgemap.json"_s;
    QTest::newRow("no such snapshot")
            << QStringList{u"{TOPOLOGY}"_s, u"{DIR}/none.txt"_s} << QByteArray() << 2 << QString()
            << u"none.txt: cannot open"_s;
    QTest::newRow("empty snapshot")
            << plain << QByteArray() << 2 << QString() << u"snapshot.txt: the snapshot is empty"_s;
    QTest::newRow("no rows") << plain << QByteArray("Active Connections\r\n\r\n  garbage\r\n") << 2
                             << QString()
                             << u"no netstat or PowerShell socket rows found: expected netstat"_s;
    QTest::newRow("no matching server")
            << QStringList{u"{TOPOLOGY}"_s,
                           QStringLiteral(EDGEMAP_TEST_DATA
                                          "/netstat/jc_windows-10_netstat-aon.out")}
            << QByteArray() << 2 << QString()
            << u"the snapshot matches no server of the topology: it shows the addresses "_s;
    QTest::newRow("unknown --server")
            << plain + QStringList{u"--server"_s, u"edge09"_s} << allListening() << 2 << QString()
            << u"no server 'edge09' in the topology; servers: "
               "edge01.contoso.local (172.25.33.10, 10.45.16.10"_s;
    QTest::newRow("bad --format")
            << plain + QStringList{u"--format"_s, u"xml"_s} << allListening() << 2 << QString()
            << u"--format must be text, json, nagios or prometheus, not 'xml'"_s;
    QTest::newRow("one file only") << QStringList{u"{TOPOLOGY}"_s} << QByteArray() << 2 << QString()
                                   << u"give a TOPOLOGY and a SNAPSHOT file"_s;
}

void TstCheck::exitCodes()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, snapshot);
    QFETCH(QString, stdoutHas);
    QFETCH(QString, stderrHas);
    const QString snapshotPath = write(u"snapshot.txt"_s, snapshot);
    QVERIFY(!snapshotPath.isEmpty());
    for (QString &a : arguments)
        a.replace(u"{TOPOLOGY}"_s, kTopology)
                .replace(u"{SNAPSHOT}"_s, snapshotPath)
                .replace(u"{DIR}"_s, m_dir->path());
    const Run r = runEdgemap(QStringList{u"check"_s} + arguments);
    QVERIFY2(r.out.contains(stdoutHas), qPrintable(r.out));
    QVERIFY2(stderrHas.isEmpty() ? r.err.isEmpty() : r.err.contains(stderrHas), qPrintable(r.err));
    QTEST(r.exitCode, "exitCode");
    if (r.exitCode == 2)
        QVERIFY2(r.out.isEmpty(), qPrintable(r.out)); // no half report on bad input
}

void TstCheck::jsonShape()
{
    const Run r = runEdgemap({u"check"_s, kTopology, kSample, u"--format"_s, u"json"_s});
    QCOMPARE(r.exitCode, 1);
    QJsonParseError error;
    const QJsonObject root = QJsonDocument::fromJson(r.out.toUtf8(), &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    for (const char *key :
         {"topology", "snapshot", "summary", "listeners", "unexpected", "scenarios"})
        QVERIFY2(root.contains(QLatin1String(key)), key);
    QCOMPARE(root[u"topology"_s][u"name"_s].toString(), u"Contoso Edge (default)"_s);
    const QJsonObject snapshot = root[u"snapshot"_s].toObject();
    QCOMPARE(snapshot[u"format"_s].toString(), u"netstat-b"_s);
    QCOMPARE(snapshot[u"encoding"_s].toString(), u"utf-16le"_s);
    QCOMPARE(snapshot[u"rows"_s].toInt(), 46);
    QCOMPARE(snapshot[u"unrecognised_lines"_s].toInt(-1), 0);
    QCOMPARE(snapshot[u"server"_s].toString(), u"edge01.contoso.local"_s);
    const QJsonObject summary = root[u"summary"_s].toObject();
    QCOMPARE(summary[u"expected"_s].toInt(), 14);
    QCOMPARE(summary[u"ok"_s].toInt(), 12);
    QCOMPARE(summary[u"problems"_s].toInt(), 2);

    const QJsonArray listeners = root[u"listeners"_s].toArray();
    QCOMPARE(listeners.size(), 14);
    const QStringList required{u"address"_s,  u"detail"_s,  u"established"_s, u"executable"_s,
                               u"observed"_s, u"port"_s,    u"protocol"_s,    u"remote_peers"_s,
                               u"server"_s,   u"service"_s, u"status"_s,      u"transport"_s};
    QStringList statuses;
    for (const QJsonValue &value : listeners) {
        const QJsonObject l = value.toObject();
        for (const QString &key : required)
            QVERIFY2(l.contains(key), qPrintable(key));
        statuses.append(l[u"status"_s].toString());
        const bool missing = l[u"status"_s].toString() == u"missing"_s;
        QCOMPARE(l[u"observed"_s].isNull(), missing || l[u"status"_s].toString() == u"dynamic"_s);
        QVERIFY(l[u"remote_peers"_s].isArray());
    }
    // Problems first.
    QCOMPARE(statuses.mid(0, 2), (QStringList{u"missing"_s, u"missing"_s}));
    QVERIFY(!statuses.mid(2).contains(u"missing"_s));
    const QJsonObject missing = listeners.at(0).toObject();
    QCOMPARE(missing[u"port"_s].toInt(), 8057);
    QCOMPARE(missing[u"executable"_s].toString(), u"DataProxy.exe"_s);
    // Its service listens nowhere: the listener points to the one finding.
    QCOMPARE(missing[u"detail"_s].toString(),
             u"nothing listening on TCP 8057 172.25.33.10 (service RTCDATAPROXY, DataProxy.exe); "
             "the service is down: RTCDATAPROXY is not listening anywhere on this server"_s);
    const QJsonArray down = root[u"services_down"_s].toArray();
    QCOMPARE(down.size(), 1);
    QCOMPARE(down.first().toObject(),
             (QJsonObject{
                     {u"server"_s, u"edge01.contoso.local"_s},
                     {u"service"_s, u"RTCDATAPROXY"_s},
                     {u"detail"_s,
                      u"Web Conferencing Edge (RTCDATAPROXY, DataProxy.exe) is not listening "
                      "anywhere on edge01.contoso.local: the service looks stopped; start it"_s},
                     {u"listeners"_s,
                      QJsonArray{u"edge01-webconf-tcp-443"_s, u"edge01-int-tcp-8057"_s}}}));
    QStringList ranges;
    for (const QJsonValue &value : listeners) {
        const QJsonObject l = value.toObject();
        if (l[u"port"_s].toInt() == 5061 && l[u"address"_s].toString() == u"172.25.33.10"_s) {
            QCOMPARE(l[u"status"_s].toString(), u"ok"_s);
            QCOMPARE(l[u"observed"_s].toObject(), (QJsonObject{{u"address"_s, u"172.25.33.10"_s},
                                                               {u"pid"_s, 2216},
                                                               {u"process"_s, u"RTCSrv.exe"_s}}));
            QCOMPARE(l[u"established"_s].toInt(), 2);
            QCOMPARE(l[u"remote_peers"_s].toArray(), QJsonArray{u"director"_s});
        }
        if (l.contains(u"port_end"_s)) // only for ranges
            ranges.append(u"%1 %2-%3"_s.arg(l[u"transport"_s].toString())
                                  .arg(l[u"port"_s].toInt())
                                  .arg(l[u"port_end"_s].toInt()));
    }
    QCOMPARE(ranges,
             (QStringList{u"tcp 50001-50003"_s, u"tcp 50000-59999"_s, u"udp 50000-59999"_s}));

    const QJsonArray unexpected = root[u"unexpected"_s].toArray();
    QCOMPARE(unexpected.size(), 16);
    // Well-known Windows ports say what they are (an added key); Remote Desktop is a warning.
    QJsonObject rdp, smb;
    for (const QJsonValue &value : unexpected) {
        QJsonObject u = value.toObject();
        QStringList shape = keys(u);
        shape.removeOne(u"well_known"_s);
        shape.removeOne(u"warning"_s);
        QCOMPARE(shape,
                 (QStringList{u"address"_s, u"pid"_s, u"port"_s, u"process"_s, u"transport"_s}));
        if (u[u"address"_s] == u"0.0.0.0"_s && u[u"transport"_s] == u"tcp"_s) {
            if (u[u"port"_s].toInt() == 3389)
                rdp = u;
            if (u[u"port"_s].toInt() == 445)
                smb = u;
        }
    }
    QCOMPARE(rdp[u"pid"_s].toInt(), 1160);
    QCOMPARE(rdp[u"process"_s].toString(), u"svchost.exe"_s);
    QCOMPARE(rdp[u"well_known"_s][u"name"_s].toString(), u"Remote Desktop (RDP)"_s);
    QVERIFY(rdp[u"warning"_s].toString().startsWith(
            u"Remote Desktop is reachable on the external interface (TCP 3389 bound on all "
            "interfaces (0.0.0.0))"_s));
    QCOMPARE(smb[u"pid"_s].toInt(), 4);
    QCOMPARE(smb[u"process"_s].toString(), u"System"_s);
    QCOMPARE(smb[u"well_known"_s][u"name"_s].toString(), u"SMB file sharing"_s);
    QVERIFY(!smb.contains(u"warning"_s));

    const QJsonArray scenarios = root[u"scenarios"_s].toArray();
    QCOMPARE(scenarios.size(), 7); // public IM is historical, not in the default
    for (const QJsonValue &value : scenarios) {
        const QJsonObject s = value.toObject();
        QCOMPARE(keys(s),
                 (QStringList{u"broken_by"_s, u"id"_s, u"name"_s, u"reasons"_s, u"status"_s}));
        const bool webConf = s[u"id"_s].toString() == u"web-conference-join"_s;
        QCOMPARE(s[u"status"_s].toString(), webConf ? u"broken"_s : u"ok"_s);
        const QJsonArray broken{u"edge01-webconf-tcp-443"_s, u"edge01-int-tcp-8057"_s};
        QCOMPARE(s[u"broken_by"_s].toArray(), webConf ? broken : QJsonArray());
        if (webConf)
            QCOMPARE(s[u"reasons"_s].toArray().first().toString(),
                     u"TCP 443 on 10.45.16.20 (RTCDATAPROXY) is missing: the service RTCDATAPROXY "
                     "is down"_s);
    }
}

void TstCheck::jsonOfAHealthyServer()
{
    const QString path = write(u"healthy.txt"_s, allListening());
    const Run r = runEdgemap({u"check"_s, kTopology, path, u"--format"_s, u"json"_s});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject root = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(root[u"summary"_s][u"problems"_s].toInt(-1), 0);
    QCOMPARE(root[u"unexpected"_s].toArray(), QJsonArray());
    for (const QJsonValue &value : root[u"listeners"_s].toArray()) {
        const QJsonObject l = value.toObject();
        QVERIFY2(l[u"status"_s] == u"ok"_s || l[u"status"_s] == u"dynamic"_s,
                 qPrintable(l[u"detail"_s].toString()));
        QCOMPARE(l[u"observed"_s].isObject(), l[u"status"_s] == u"ok"_s);
    }
    for (const QJsonValue &value : root[u"scenarios"_s].toArray())
        QCOMPARE(value[u"status"_s].toString(), u"ok"_s);
}

void TstCheck::textListsProblemsFirst()
{
    const Run r = runEdgemap({u"check"_s, kTopology, kSample});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
    const QStringList lines = r.out.split(u'\n');
    QVERIFY2(lines.value(0).startsWith(u"Contoso Edge (default) (Lync Server 2013): "
                                       "edge01.contoso.local"_s),
             qPrintable(r.out));
    QVERIFY(lines.value(1).startsWith(u"Snapshot: netstat-b, utf-16le, 46 rows"_s));
    qsizetype lastProblem = -1, firstFine = -1;
    // The stopped service is one finding, its listeners under it.
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (lines.at(i).startsWith(u"SERVICE DOWN"_s) || lines.at(i).startsWith(u"  MISSING"_s))
            lastProblem = i;
        if (firstFine < 0
            && (lines.at(i).startsWith(u"OK "_s) || lines.at(i).startsWith(u"DYNAMIC"_s)))
            firstFine = i;
    }
    QVERIFY2(lastProblem >= 0 && firstFine > lastProblem, qPrintable(r.out));
    QVERIFY(r.out.contains(u"\n\nSERVICE DOWN   Web Conferencing Edge (RTCDATAPROXY, "
                           "DataProxy.exe) is not listening anywhere on edge01.contoso.local: the "
                           "service looks stopped; start it\n  MISSING        TCP 8057         "
                           "172.25.33.10     RTCDATAPROXY"_s));
    QCOMPARE(r.out.count(u"MISSING"_s), 2); // only under the service
    QVERIFY(r.out.contains(
            u"\n  TCP 3389 on 0.0.0.0 and [::] (svchost.exe, PID 1160)\n    WARNING: "
            "Remote "
            "Desktop is reachable on the external interface"_s));
    // PID 4 is the System process on every Windows (netstat -b cannot name it).
    QVERIFY(r.out.contains(
            u"\n  TCP 445 on 0.0.0.0 and [::] (System, PID 4)\n    TCP 445 is SMB file "
            "sharing, a Windows service: "_s));
    QVERIFY(r.out.contains(u"  BROKEN External web conference join — broken by "
                           "edge01-webconf-tcp-443, edge01-int-tcp-8057\n"_s));
    QCOMPARE(r.out.count(u"\n  OK     "_s), 6); // 7 scenarios: no public IM (historical)
}

// A capture from a Japanese `cmd >` (code page 932, no BOM): check names the page and says it
// was guessed, in the JSON snapshot object and in the text header.
void TstCheck::guessedCodePageFacts()
{
    QFile fixture(
            QStringLiteral(EDGEMAP_TEST_DATA "/netstat/written_netstat-anob_ja-JP_cp932.txt"));
    QVERIFY(fixture.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = fixture.readAll().split('\n');
    QByteArray bytes; // the Japanese title and header, then rows of the test topology
    for (qsizetype i = 0; i < 4; ++i)
        bytes += lines.at(i) + '\n';
    bytes += clitest::allListeningRows().toLatin1();
    const QString path = write(u"ja.txt"_s, bytes);
    const Run json = runEdgemap({u"check"_s, kTopology, path, u"--format"_s, u"json"_s});
    QVERIFY2(json.err.isEmpty(), qPrintable(json.err));
    const QJsonObject snapshot
            = QJsonDocument::fromJson(json.out.toUtf8()).object()[u"snapshot"_s].toObject();
    QCOMPARE(snapshot[u"encoding"_s].toString(), u"cp932 (shift_jis)"_s);
    QCOMPARE(snapshot[u"encoding_guessed"_s].toBool(), true);
    QCOMPARE(snapshot[u"unrecognised_lines"_s].toInt(-1), 0);
    const Run text = runEdgemap({u"check"_s, kTopology, path});
    QVERIFY2(text.out.contains(u"code page cp932 (shift_jis), guessed from the text"_s),
             qPrintable(text.out.left(600)));
    // The report's facts say it too.
    const Run report = runEdgemap({u"report"_s, kTopology, path, u"--format"_s, u"md"_s});
    QVERIFY2(report.out.contains(
                     u"**Assumed:** code page cp932 (shift\\_jis), guessed from the text"_s),
             qPrintable(report.out.left(800)));
}

// A console paste of `netstat -ano | findstr :5` saved with bare CRs: the JSON snapshot object
// and the text header say what was assumed; listeners the filter hid are unknown, not missing.
void TstCheck::filteredTranscriptFacts()
{
    QStringList rows;
    for (const QString &line : clitest::allListeningRows().split(u"\r\n"_s))
        if (line.contains(u":5"_s))
            rows.append(line);
    const QString text = u"C:\\Users\\admin>netstat -ano | findstr :5\r"_s + rows.join(u'\r')
                         + u"\rC:\\Users\\admin>\r"_s;
    const QString path = write(u"paste.txt"_s, text.toUtf8());
    const Run r = runEdgemap({u"check"_s, kTopology, path, u"--format"_s, u"json"_s});
    QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
    const QJsonObject root = QJsonDocument::fromJson(r.out.toUtf8()).object();
    const QJsonObject snapshot = root[u"snapshot"_s].toObject();
    for (const char *key : {"format", "encoding", "rows", "unrecognised_lines", "server"})
        QVERIFY2(snapshot.contains(QLatin1String(key)), key);
    QCOMPARE(snapshot[u"format"_s].toString(), u"netstat"_s);
    QCOMPARE(snapshot[u"rows"_s].toInt(), int(rows.size()));
    QCOMPARE(snapshot[u"unrecognised_lines"_s].toInt(-1), 0);
    QCOMPARE(snapshot[u"line_ends"_s].toString(), u"cr"_s);
    QCOMPARE(snapshot[u"transcript_lines_skipped"_s].toInt(), 2);
    QCOMPARE(snapshot[u"commands"_s].toArray(), QJsonArray{u"netstat -ano | findstr :5"_s});
    QCOMPARE(snapshot[u"filter"_s].toString(), u"findstr :5"_s);
    int hidden = 0;
    for (const QJsonValue &value : root[u"listeners"_s].toArray()) {
        const QJsonObject l = value.toObject();
        if (l[u"port"_s].toInt() == 443) {
            QCOMPARE(l[u"status"_s].toString(), u"unknown"_s);
            QCOMPARE(l[u"detail"_s].toString(), u"not in this filtered capture (findstr :5)"_s);
            ++hidden;
        }
        if (l[u"port"_s].toInt() == 5061)
            QCOMPARE(l[u"status"_s].toString(), u"ok"_s);
        // Every row the filter could show is in the paste: nothing is missing.
        QVERIFY2(l[u"status"_s].toString() != u"missing"_s, QJsonDocument(l).toJson().constData());
    }
    QVERIFY(hidden >= 2);

    const Run t = runEdgemap({u"check"_s, kTopology, path});
    const QStringList lines = t.out.split(u'\n');
    QVERIFY2(lines.contains(u"Assumed: console transcript: 2 prompt line(s) skipped"_s),
             qPrintable(t.out));
    QVERIFY(lines.contains(u"Assumed: filtered by findstr :5: listeners it could not show are "
                           "unknown"_s));
    QVERIFY(lines.contains(u"Assumed: line ends: cr"_s));
}

QTEST_GUILESS_MAIN(TstCheck)
#include "tst_check.moc"
