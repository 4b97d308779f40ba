// `edgemap check` for monitoring, run as a scheduler runs it: the real binary with several
// snapshots of a pool, --format nagios (states and exit codes, the plugin output grammar) and
// --format prometheus (parsed back, compared with the JSON, written atomically).
#include "support/tst_cli_util.h"
#include "support/tst_monitoring_util.h"
#include "support/tst_pool_util.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/resource.h>
#endif

using namespace edgemap;
using namespace Qt::StringLiterals;

namespace {

using clitest::kSample;
using clitest::kTopology;
using clitest::Run;
using clitest::runEdgemap;

QString allListeningText()
{
    return u"\r\nActive Connections\r\n\r\n  Proto  Local Address          Foreign "
           "Address        State           PID\r\n"_s
           + clitest::allListeningRows();
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// A listener's identity shared by the JSON and the Prometheus labels.
QString listenerKey(const QString &server, const QString &address, const QString &transport,
                    const QString &port)
{
    return u"%1 %2 %3 %4"_s.arg(server, address, transport, port);
}

} // namespace

class TstCliMonitoring : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void pluginStates_data();
    void pluginStates();
    void severalSnapshotsOneReport();
    void serverNamedPerSnapshot();
    void twoSnapshotsOfOneServer();
    void prometheusMatchesJson();
    void prometheusFileKeptWhenWriteFails();
    void prometheusFailureWritten();

private:
    QString write(const QString &name, const QString &text)
    {
        return pooltest::writeText(*m_dir, name, text);
    }
    // The two-server pool as a file, edge01's snapshot (the sample) and edge02's (its Access
    // Edge listener stopped as well).
    QStringList pool()
    {
        const QString topology = m_dir->filePath(u"pool.edgemap.json"_s);
        if (topologyfile::save(pooltest::twoServerPool(), topology).isError())
            return {};
        return {topology, write(u"edge01.txt"_s, pooltest::sampleText()),
                write(u"edge02.txt"_s,
                      pooltest::without(pooltest::edge02Text(), u"10.45.16.11:5061"_s))};
    }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TstCliMonitoring::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TstCliMonitoring::pluginStates_data()
{
    QTest::addColumn<QStringList>("arguments"); // {TOPOLOGY}, {DIR} substituted
    QTest::addColumn<QString>("snapshot");      // written to {DIR}/snapshot.txt
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("statusHas");

    const QString healthy = allListeningText();
    QString exposed = healthy;
    exposed.replace(u"172.25.33.10:8057"_s, u"0.0.0.0:8057"_s);
    const QStringList plain{u"{TOPOLOGY}"_s, u"{DIR}/snapshot.txt"_s, u"--format"_s, u"nagios"_s};
    QTest::newRow("OK") << plain << healthy << 0 << u"EDGEMAP OK - 14 of 14 listeners OK"_s;
    QTest::newRow("WARNING: exposed") << plain << exposed << 1 << u"(1 exposed)"_s;
    QTest::newRow("CRITICAL: missing")
            << QStringList{u"{TOPOLOGY}"_s, kSample, u"--format=nagios"_s} << QString() << 2
            << u"EDGEMAP CRITICAL - 2 of 14 listeners with problems"_s;
    QTest::newRow("UNKNOWN: snapshot without rows")
            << plain << u"Active Connections\r\n\r\n  garbage\r\n"_s << 3
            << u"no netstat or PowerShell socket rows found"_s;
    QTest::newRow("UNKNOWN: no such snapshot")
            << QStringList{u"{TOPOLOGY}"_s, u"{DIR}/none.txt"_s, u"--format"_s, u"nagios"_s}
            << QString() << 3 << u"none.txt: cannot open"_s;
    QTest::newRow("UNKNOWN: bad topology")
            << QStringList{QStringLiteral(EDGEMAP_TEST_DATA "/topology/syntax-error.edgemap.json"),
                           u"{DIR}/snapshot.txt"_s, u"--format"_s, u"nagios"_s}
            << healthy << 3 << u"syntax-error.edgemap.json:"_s;
    QTest::newRow("UNKNOWN: no matching server") << QStringList{
            u"{TOPOLOGY}"_s,
            QStringLiteral(EDGEMAP_TEST_DATA "/netstat/jc_windows-10_netstat-aon.out"),
            u"--format"_s,
            u"nagios"_s} << QString() << 3 << u"matches no server of the topology"_s;
    QTest::newRow("UNKNOWN: unknown option")
            << plain + QStringList{u"--bogus"_s} << healthy << 3 << u"Unknown option 'bogus'"_s;
    QTest::newRow("UNKNOWN: no snapshot")
            << QStringList{u"{TOPOLOGY}"_s, u"--format"_s, u"nagios"_s} << QString() << 3
            << u"give a TOPOLOGY and a SNAPSHOT file"_s;
}

void TstCliMonitoring::pluginStates()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, snapshot);
    QFETCH(int, exitCode);
    QFETCH(QString, statusHas);
    QVERIFY(!write(u"snapshot.txt"_s, snapshot).isEmpty());
    for (QString &a : arguments)
        a.replace(u"{TOPOLOGY}"_s, kTopology).replace(u"{DIR}"_s, m_dir->path());
    const Run r = runEdgemap(QStringList{u"check"_s} + arguments);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(r.out.endsWith(u'\n'), qPrintable(r.out));
    const QStringList lines = r.out.chopped(1).split(u'\n');
    const QRegularExpressionMatch m = monitoringtest::statusLinePattern().match(lines.first());
    QVERIFY2(m.hasMatch(), qPrintable(lines.first()));
    const QStringList states{u"OK"_s, u"WARNING"_s, u"CRITICAL"_s, u"UNKNOWN"_s};
    QCOMPARE(m.captured(u"state"_s), states.at(exitCode));
    QVERIFY2(lines.first().contains(statusHas), qPrintable(lines.first()));
    // Performance data with every result; none with UNKNOWN (there are no figures).
    QCOMPARE(m.hasCaptured(u"perf"_s), exitCode != 3);
    if (exitCode != 3) {
        QString error;
        const auto perf = monitoringtest::perfValues(m.captured(u"perf"_s), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        for (const QString &label : {u"listeners_ok"_s, u"listeners_problems"_s, u"established"_s,
                                     u"relay_ports"_s, u"unexpected"_s})
            QVERIFY2(perf.contains(label), qPrintable(label));
        QCOMPARE(perf.value(u"listeners_ok"_s) + perf.value(u"listeners_problems"_s), 14.0);
    }
    for (const QString &line : lines.mid(1))
        QVERIFY2(!line.contains(u'|'), qPrintable(line));
    QCOMPARE(lines.size() > 1, exitCode == 1 || exitCode == 2);
}

void TstCliMonitoring::severalSnapshotsOneReport()
{
    const QStringList files = pool();
    QCOMPARE(files.size(), 3);
    const Run json
            = runEdgemap({u"check"_s, files[0], files[2], files[1], u"--format"_s, u"json"_s});
    QCOMPARE(json.exitCode, 1);
    QVERIFY2(json.err.isEmpty(), qPrintable(json.err));
    const QJsonObject root = QJsonDocument::fromJson(json.out.toUtf8()).object();
    QVERIFY(!root.contains(u"snapshot"_s));
    const QJsonArray snapshots = root[u"snapshots"_s].toArray();
    QCOMPARE(snapshots.size(), 2);
    // In topology order, whatever order the files came in.
    QCOMPARE(snapshots[0][u"server"_s].toString(), u"edge01.contoso.local"_s);
    QCOMPARE(snapshots[0][u"file"_s].toString(), files[1]);
    QCOMPARE(snapshots[1][u"server"_s].toString(), u"edge02.contoso.local"_s);
    QCOMPARE(snapshots[1][u"file"_s].toString(), files[2]);
    const int problems1 = snapshots[0][u"summary"_s][u"problems"_s].toInt();
    const int problems2 = snapshots[1][u"summary"_s][u"problems"_s].toInt();
    QCOMPARE(problems2, problems1 + 1);
    const QJsonObject summary = root[u"summary"_s].toObject();
    QCOMPARE(summary[u"problems"_s].toInt(), problems1 + problems2);
    QCOMPARE(summary[u"expected"_s].toInt(),
             snapshots[0][u"summary"_s][u"expected"_s].toInt()
                     + snapshots[1][u"summary"_s][u"expected"_s].toInt());
    const QJsonArray listeners = root[u"listeners"_s].toArray();
    QCOMPARE(listeners.size(), summary[u"expected"_s].toInt());
    QSet<QString> servers;
    for (const QJsonValue &l : listeners)
        servers.insert(l[u"server"_s].toString());
    QCOMPARE(servers.size(), 2);
    for (const QJsonValue &u : root[u"unexpected"_s].toArray())
        QVERIFY(u.toObject().contains(u"server"_s));
    for (const QJsonValue &s : root[u"scenarios"_s].toArray())
        QVERIFY(s.toObject().contains(u"server"_s));

    const Run text = runEdgemap({u"check"_s, files[0], files[1], files[2]});
    QCOMPARE(text.exitCode, 1);
    QVERIFY2(text.out.contains(u"== %1\n"_s.arg(files[1])), qPrintable(text.out));
    QVERIFY2(text.out.contains(u"== %1\n"_s.arg(files[2])), qPrintable(text.out));
    QVERIFY2(text.out.contains(u"All 2 servers: %1 expected listeners: %2 OK, %3 with problems"_s
                                       .arg(summary[u"expected"_s].toInt())
                                       .arg(summary[u"ok"_s].toInt())
                                       .arg(problems1 + problems2)),
             qPrintable(text.out));
}

void TstCliMonitoring::serverNamedPerSnapshot()
{
    const QStringList files = pool();
    // edge02's capture named as edge01's: judged against edge01, where nothing of it is bound.
    const Run r = runEdgemap(
            {u"check"_s, files[0], u"edge01=%1"_s.arg(files[2]), u"--format"_s, u"json"_s});
    QCOMPARE(r.exitCode, 1);
    const QJsonObject root = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(root[u"snapshot"_s][u"server"_s].toString(), u"edge01.contoso.local"_s);
    QVERIFY2(root[u"summary"_s][u"problems"_s].toInt() > 10, qPrintable(r.out));
    // Both named: the same as matched by address.
    const Run named = runEdgemap({u"check"_s, files[0], u"edge02.contoso.local=%1"_s.arg(files[2]),
                                  u"edge01=%1"_s.arg(files[1])});
    const Run matched = runEdgemap({u"check"_s, files[0], files[1], files[2]});
    QCOMPARE(named.exitCode, 1);
    QCOMPARE(named.out, matched.out);
    // --server belongs to one snapshot.
    const Run both
            = runEdgemap({u"check"_s, files[0], files[1], files[2], u"--server"_s, u"edge01"_s});
    QCOMPARE(both.exitCode, 2);
    QVERIFY2(both.err.contains(u"name each as NAME=FILE"_s), qPrintable(both.err));
}

void TstCliMonitoring::twoSnapshotsOfOneServer()
{
    const QStringList files = pool();
    const QString copy = write(u"edge01-again.txt"_s, pooltest::sampleText());
    const Run r = runEdgemap({u"check"_s, files[0], files[1], copy});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.out.isEmpty(), qPrintable(r.out));
    QVERIFY2(r.err.contains(files[1]) && r.err.contains(copy)
                     && r.err.contains(u"both snapshots of edge01.contoso.local"_s),
             qPrintable(r.err));
    const Run plugin
            = runEdgemap({u"check"_s, files[0], files[1], copy, u"--format"_s, u"nagios"_s});
    QCOMPARE(plugin.exitCode, 3);
    QVERIFY2(plugin.out.startsWith(u"EDGEMAP UNKNOWN - "_s) && plugin.out.contains(copy),
             qPrintable(plugin.out));
}

void TstCliMonitoring::prometheusMatchesJson()
{
    const QStringList files = pool();
    const QString prom = m_dir->filePath(u"edgemap.prom"_s);
    const Run r = runEdgemap({u"check"_s, files[0], files[1], files[2], u"--format"_s,
                              u"prometheus"_s, u"-o"_s, prom});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.out.isEmpty());
    const monitoringtest::Exposition e
            = monitoringtest::parseExposition(QString::fromUtf8(readAll(prom)));
    QVERIFY2(e.error.isEmpty(), qPrintable(e.error));
    const Run json
            = runEdgemap({u"check"_s, files[0], files[1], files[2], u"--format"_s, u"json"_s});
    const QJsonObject root = QJsonDocument::fromJson(json.out.toUtf8()).object();

    QCOMPARE(e.find(u"edgemap_check_success"_s).first().value, 1.0);
    for (const QJsonValue &s : root[u"snapshots"_s].toArray()) {
        const QMap<QString, QString> server{{u"server"_s, s[u"server"_s].toString()}};
        const QJsonObject summary = s[u"summary"_s].toObject();
        QCOMPARE(e.find(u"edgemap_expected_listeners"_s, server).first().value,
                 summary[u"expected"_s].toDouble());
        QCOMPARE(e.find(u"edgemap_problem_listeners"_s, server).first().value,
                 summary[u"problems"_s].toDouble());
        QCOMPARE(e.find(u"edgemap_unexpected_listeners"_s, server).first().value,
                 summary[u"unexpected"_s].toDouble());
        // The files were just written: their modification time is the capture time.
        const auto age = e.find(u"edgemap_snapshot_age_seconds"_s, server);
        QCOMPARE(age.size(), 1);
        QVERIFY(age.first().value >= 0 && age.first().value < 120);
    }
    QHash<QString, double> established;
    QHash<QString, QString> status;
    for (const monitoringtest::Sample &s : e.find(u"edgemap_listener_established_connections"_s))
        established.insert(listenerKey(s.labels[u"server"_s], s.labels[u"address"_s],
                                       s.labels[u"transport"_s], s.labels[u"port"_s]),
                           s.value);
    for (const monitoringtest::Sample &s : e.find(u"edgemap_listener_status"_s))
        if (s.value == 1.0)
            status.insert(listenerKey(s.labels[u"server"_s], s.labels[u"address"_s],
                                      s.labels[u"transport"_s], s.labels[u"port"_s]),
                          s.labels[u"status"_s]);
    QHash<QString, double> relay;
    const QJsonArray listeners = root[u"listeners"_s].toArray();
    QCOMPARE(established.size(), listeners.size());
    QCOMPARE(status.size(), listeners.size());
    for (const QJsonValue &l : listeners) {
        const QString port
                = l.toObject().contains(u"port_end"_s)
                          ? u"%1-%2"_s.arg(l[u"port"_s].toInt()).arg(l[u"port_end"_s].toInt())
                          : QString::number(l[u"port"_s].toInt());
        const QString key = listenerKey(l[u"server"_s].toString(), l[u"address"_s].toString(),
                                        l[u"transport"_s].toString(), port);
        QCOMPARE(established.value(key, -1), l[u"established"_s].toDouble());
        QCOMPARE(status.value(key), l[u"status"_s].toString());
        if (l.toObject().contains(u"relay_ports"_s))
            relay[l[u"server"_s].toString() + u' ' + l[u"transport"_s].toString()]
                    += l[u"relay_ports"_s].toDouble();
    }
    QVERIFY(!relay.isEmpty());
    for (const monitoringtest::Sample &s : e.find(u"edgemap_relay_ports"_s))
        QCOMPARE(s.value, relay.value(s.labels[u"server"_s] + u' ' + s.labels[u"transport"_s], 0));
    QCOMPARE(e.find(u"edgemap_relay_ports"_s).size(), 4);
}

void TstCliMonitoring::prometheusFileKeptWhenWriteFails()
{
    const QByteArray old("# an earlier run's metrics\n");
    const QString prom = m_dir->filePath(u"edgemap.prom"_s);
    QFile f(prom);
    QVERIFY(f.open(QIODevice::WriteOnly) && f.write(old) == old.size());
    f.close();
    const QStringList check{u"check"_s,    kTopology,       kSample,
                            u"--format"_s, u"prometheus"_s, u"-o"_s};

    // A read-only file is not ours to replace, even for an administrator.
    QVERIFY(QFile::setPermissions(prom, QFileDevice::ReadOwner | QFileDevice::ReadUser));
    Run r = runEdgemap(check + QStringList{prom});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(u"read-only"_s), qPrintable(r.err));
    QCOMPARE(readAll(prom), old);
    QVERIFY(QFile::setPermissions(prom, QFileDevice::ReadOwner | QFileDevice::WriteOwner));

    // The output is a directory.
    r = runEdgemap(check + QStringList{m_dir->path()});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(u"it is a directory"_s), qPrintable(r.err));

#ifdef Q_OS_UNIX
    // The disk fills up while writing: a file size limit makes the write fail half way.
    QProcess p;
    p.setChildProcessModifier([] {
        ::signal(SIGXFSZ, SIG_IGN); // a failed write instead of a killed process
        const rlimit limit{64, 64};
        ::setrlimit(RLIMIT_FSIZE, &limit);
    });
    p.start(QStringLiteral(EDGEMAP_BINARY), check + QStringList{prom});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 2);
    QVERIFY2(QString::fromUtf8(p.readAllStandardError()).contains(u"cannot write"_s),
             "no error message");
    QCOMPARE(readAll(prom), old);
    // No half-written temporary file left for the collector (it reads *.prom only, but still).
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files), QStringList{u"edgemap.prom"_s});
#endif
}

void TstCliMonitoring::prometheusFailureWritten()
{
    const QString prom = m_dir->filePath(u"edgemap.prom"_s);
    Run r = runEdgemap(
            {u"check"_s, kTopology, kSample, u"--format"_s, u"prometheus"_s, u"-o"_s, prom});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(monitoringtest::parseExposition(QString::fromUtf8(readAll(prom)))
                     .find(u"edgemap_check_success"_s)
                     .first()
                     .value,
             1.0);
    // The next run cannot read its snapshot: the file says so instead of keeping old figures.
    r = runEdgemap({u"check"_s, kTopology, m_dir->filePath(u"gone.txt"_s), u"--format"_s,
                    u"prometheus"_s, u"-o"_s, prom});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(u"gone.txt: cannot open"_s), qPrintable(r.err));
    const monitoringtest::Exposition e
            = monitoringtest::parseExposition(QString::fromUtf8(readAll(prom)));
    QVERIFY2(e.error.isEmpty(), qPrintable(e.error));
    QCOMPARE(e.find(u"edgemap_check_success"_s).first().value, 0.0);
    QVERIFY(e.find(u"edgemap_listener_status"_s).isEmpty());
}

QTEST_GUILESS_MAIN(TstCliMonitoring)
#include "tst_cli_monitoring.moc"
