// `edgemap probe` as a user runs it, against servers this test runs on loopback (block
// 127.78.0.0/16): bad usage (exit 2), the stable JSON (per listener: the address probed, the
// transport, port, status, time, certificate facts, the combined verdict with a snapshot), the
// text in the admin's words, exit 0 when everything is reachable and 1 when not. The command
// runs as a separate process while this one serves the test's sockets.
#include "io/topologyfile.h"
#include "support/tst_probe_util.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace edgemap;
using namespace edgemap::probetest;
using namespace edgemap::testing;
using namespace Qt::StringLiterals;

namespace {

constexpr int kBlock = 78;
const QString kInternal = u"127.78.1.11"_s;

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QString err;
};

// Runs edgemap with `arguments`, serving this process's events (the test's servers) meanwhile.
Run runEdgemap(const QStringList &arguments)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"DISPLAY"_s);
    env.remove(u"QT_QPA_PLATFORM"_s);
    p.setProcessEnvironment(env);
    QEventLoop loop;
    QObject::connect(&p, &QProcess::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    p.start(QStringLiteral(EDGEMAP_BINARY), arguments);
    loop.exec();
    if (p.state() != QProcess::NotRunning) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2, p.readAllStandardOutput(),
            QString::fromUtf8(p.readAllStandardError())};
}

QString write(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

QString save(const QTemporaryDir &dir, const Topology &t)
{
    const QString path = dir.filePath(u"loopback.edgemap.json"_s);
    if (topologyfile::save(t, path).isError())
        qFatal("cannot save the test topology");
    return path;
}

QString netstat(const QList<std::tuple<QString, int, QString>> &rows)
{
    QString text = u"\r\nActive Connections\r\n\r\n  Proto  Local Address  Foreign Address  State"
                   "  PID\r\n"_s;
    int pid = 2000;
    for (const auto &[ip, port, exe] : rows)
        text += u"  TCP    %1:%2  0.0.0.0:0  LISTENING  %3\r\n [%4]\r\n"_s.arg(ip)
                        .arg(port)
                        .arg(++pid)
                        .arg(exe);
    return text;
}

QJsonObject listenerNamed(const QJsonObject &root, const QString &id)
{
    for (const QJsonValue &v : root.value(u"listeners"_s).toArray())
        if (v.toObject().value(u"listener"_s).toString() == id)
            return v.toObject();
    return {};
}

} // namespace

class TstCliProbe : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void badUsage_data();
    void badUsage();
    void listedInHelp();
    void jsonIsStable();
    void allReachableExitsZero();
    void textJoinsTheSnapshot();
    void certificateFactsInJson();

private:
    QTemporaryDir m_dir;
    QString m_topology;
};

void TstCliProbe::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_topology = save(m_dir, TopologyBuilder().addresses(loopbackPlan(kBlock)).members(1).build());
}

void TstCliProbe::badUsage_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("no topology") << QStringList{} << u"give exactly one TOPOLOGY file"_s;
    QTest::newRow("side") << QStringList{u"--side"_s, u"sideways"_s}
                          << u"--side must be inside or outside, not 'sideways'"_s;
    QTest::newRow("timeout") << QStringList{u"--timeout"_s, u"0"_s}
                             << u"--timeout must be a number of seconds above 0"_s;
    QTest::newRow("parallel") << QStringList{u"--parallel"_s, u"many"_s}
                              << u"--parallel must be a whole number"_s;
    QTest::newRow("resolver") << QStringList{u"--resolver"_s, u"dns.example"_s}
                              << u"the resolver 'dns.example' is not an IP address"_s;
    QTest::newRow("format") << QStringList{u"--format"_s, u"xml"_s}
                            << u"--format must be text or json"_s;
    QTest::newRow("hairpin outside") << QStringList{u"--hairpin"_s, u"--side"_s, u"outside"_s}
                                     << u"--hairpin is a test from inside"_s;
    QTest::newRow("unknown server")
            << QStringList{u"--server"_s, u"edge99"_s} << u"no Edge server 'edge99'"_s;
    QTest::newRow("unknown pool") << QStringList{u"--pool"_s, u"pool.nowhere.test"_s}
                                  << u"no Edge pool 'pool.nowhere.test'"_s;
}

void TstCliProbe::badUsage()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const bool withTopology = QTest::currentDataTag() != QByteArray("no topology");
    const Run r
            = runEdgemap(QStringList{u"probe"_s}
                         + (withTopology ? QStringList{m_topology} : QStringList{}) + arguments);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
}

void TstCliProbe::listedInHelp()
{
    const Run r = runEdgemap({u"--help"_s});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("probe"));
    const Run help = runEdgemap({u"probe"_s, u"--help"_s});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains("Usage: edgemap probe TOPOLOGY [--side inside|outside]"));
}

// One open port, one closed: exit 1, and the documented keys with their values.
void TstCliProbe::jsonIsStable()
{
    Topology t = TopologyBuilder().addresses(loopbackPlan(kBlock)).members(1).build();
    disableAll(t);
    OpenPort open(kInternal);
    place(t, u"edge01-int-tcp-443"_s, open.port());
    place(t, u"edge01-int-tcp-8057"_s, closedTcpPort(kInternal));
    const QString path = save(m_dir, t);
    const Run r = runEdgemap({u"probe"_s, path, u"--format"_s, u"json"_s, u"--timeout"_s, u"1.5"_s,
                              u"--parallel"_s, u"4"_s, u"--no-dns"_s});
    QCOMPARE(r.exitCode, 1);
    const QJsonObject root = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(root.keys(), (QStringList{u"dns"_s, u"listeners"_s, u"names"_s, u"probe"_s,
                                       u"skipped"_s, u"snapshots"_s, u"summary"_s, u"topology"_s}));
    const QJsonObject probe = root.value(u"probe"_s).toObject();
    QCOMPARE(probe.value(u"side"_s).toString(), u"inside"_s);
    QCOMPARE(probe.value(u"timeout_ms"_s).toInt(), 1500);
    QCOMPARE(probe.value(u"parallel"_s).toInt(), 4);
    QCOMPARE(probe.value(u"resolver"_s).toString(), u"system"_s);
    QCOMPARE(probe.value(u"dns"_s).toBool(), false);
    QVERIFY(!probe.value(u"started"_s).toString().isEmpty());
    const QJsonObject summary = root.value(u"summary"_s).toObject();
    QCOMPARE(summary.value(u"probed"_s).toInt(), 2);
    QCOMPARE(summary.value(u"reachable"_s).toInt(), 1);
    QCOMPARE(summary.value(u"problems"_s).toInt(), 1);
    const QJsonObject av = listenerNamed(root, u"edge01-int-tcp-443"_s);
    QCOMPARE(av.value(u"server"_s).toString(), u"edge01.contoso.local"_s);
    QCOMPARE(av.value(u"address"_s).toString(), kInternal);
    QCOMPARE(av.value(u"via"_s).toString(), u"internal"_s);
    QCOMPARE(av.value(u"transport"_s).toString(), u"tcp"_s);
    QCOMPARE(av.value(u"port"_s).toInt(), open.port());
    QCOMPARE(av.value(u"protocol"_s).toString(), u"tcp"_s);
    QCOMPARE(av.value(u"status"_s).toString(), u"open"_s);
    QVERIFY(av.value(u"time_ms"_s).isDouble());
    QVERIFY(av.value(u"tls"_s).isNull());
    QVERIFY(av.value(u"turn"_s).isNull());
    QVERIFY(!av.contains(u"verdict"_s)); // only with a snapshot
    const QJsonObject dataProxy = listenerNamed(root, u"edge01-int-tcp-8057"_s);
    QCOMPARE(dataProxy.value(u"status"_s).toString(), u"refused"_s);
    QCOMPARE(dataProxy.value(u"protocol"_s).toString(), u"tls"_s);
    QVERIFY(dataProxy.value(u"tls"_s).isNull()); // no handshake without a connection
    const QJsonArray skipped = root.value(u"skipped"_s).toArray();
    QVERIFY(skipped.size() > 5);
    QVERIFY(skipped.first().toObject().contains(u"reason"_s));
}

void TstCliProbe::allReachableExitsZero()
{
    Topology t = TopologyBuilder().addresses(loopbackPlan(kBlock)).members(1).build();
    disableAll(t);
    // 127.0.0.1 where UDP replies cannot come from kInternal; the TCP server moves with them.
    const QString address = udpAddress(t, u"edge01-int-udp-3478"_s);
    OpenPort open(address);
    TurnResponder turn(address, TurnResponder::Mode::Answer);
    place(t, u"edge01-int-tcp-443"_s, open.port());
    place(t, u"edge01-int-udp-3478"_s, turn.port());
    const Run r = runEdgemap({u"probe"_s, save(m_dir, t), u"--no-dns"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(QString::fromUtf8(r.out) + r.err));
    const QString text = QString::fromUtf8(r.out);
    QVERIFY2(text.contains(u"REACHABLE"_s), qPrintable(text));
    QVERIFY(text.contains(u"answering: Allocate error response 401 Unauthorized"_s));
    QVERIFY(text.contains(u"2 probes: 2 reachable, 0 with problems"_s));
}

// With a snapshot, each probe is joined with its listener's verdict, in the admin's words.
void TstCliProbe::textJoinsTheSnapshot()
{
    Topology t = TopologyBuilder().addresses(loopbackPlan(kBlock)).members(1).build();
    disableAll(t);
    OpenPort open(kInternal);
    FilteredPort filtered(kInternal);
    const int closed = closedTcpPort(kInternal);
    place(t, u"edge01-int-tcp-443"_s, open.port());
    place(t, u"edge01-int-tcp-5062"_s, filtered.port());
    place(t, u"edge01-int-tcp-8057"_s, closed);
    const QString path = save(m_dir, t);
    const QString snapshot = write(m_dir, u"edge01.txt"_s,
                                   netstat({{kInternal, open.port(), u"MediaRelaySvc.exe"_s},
                                            {kInternal, filtered.port(), u"MRASSvc.exe"_s}})
                                           .toUtf8());
    const Run r = runEdgemap({u"probe"_s, path, u"--snapshot"_s, snapshot, u"--no-tls"_s,
                              u"--no-dns"_s, u"--timeout"_s, u"0.5"_s});
    QCOMPARE(r.exitCode, 1);
    const QString text = QString::fromUtf8(r.out);
    QVERIFY2(text.contains(u"working: bound on the Edge and reachable from here"_s),
             qPrintable(text));
    QVERIFY(text.contains(u"blocked between here and the Edge (firewall, NAT or routing)"_s));
    QVERIFY(text.contains(
            u"service not listening: Web Conferencing Edge (RTCDATAPROXY, DataProxy.exe)"_s));
    QVERIFY(text.contains(u"Snapshot of edge01: "_s));
    // Problems first.
    QVERIFY(text.indexOf(u"BLOCKED"_s) < text.indexOf(u"WORKING"_s));
    // The same as JSON: the verdict of each listener.
    const Run json
            = runEdgemap({u"probe"_s, path, u"--snapshot"_s, snapshot, u"--no-tls"_s, u"--no-dns"_s,
                          u"--timeout"_s, u"0.5"_s, u"--format"_s, u"json"_s});
    const QJsonObject root = QJsonDocument::fromJson(json.out).object();
    const QJsonObject blocked
            = listenerNamed(root, u"edge01-int-tcp-5062"_s).value(u"verdict"_s).toObject();
    QCOMPARE(blocked.value(u"kind"_s).toString(), u"blocked"_s);
    QCOMPARE(blocked.value(u"snapshot_status"_s).toString(), u"ok"_s);
    QCOMPARE(blocked.value(u"problem"_s).toBool(), true);
    QCOMPARE(root.value(u"snapshots"_s).toArray().size(), 1);
}

void TstCliProbe::certificateFactsInJson()
{
    TestPki pki;
    if (!pki.ok())
        QSKIP(qPrintable(u"certificates are made with openssl: "_s + pki.error()));
    Topology t = TopologyBuilder().addresses(loopbackPlan(kBlock)).members(1).build();
    disableAll(t);
    const auto server = tlsServer(
            kInternal, pki.valid(u"edge01.contoso.local"_s, {u"edge01.contoso.local"_s}));
    place(t, u"edge01-int-tcp-5061"_s, server->serverPort());
    const QString path = save(m_dir, t);
    const Run r = runEdgemap(
            {u"probe"_s, path, u"--no-dns"_s, u"--format"_s, u"json"_s, u"--ca"_s, pki.caPath()});
    QVERIFY2(r.exitCode == 0, qPrintable(QString::fromUtf8(r.out) + r.err));
    const QJsonObject l
            = listenerNamed(QJsonDocument::fromJson(r.out).object(), u"edge01-int-tcp-5061"_s);
    const QJsonObject tls = l.value(u"tls"_s).toObject();
    QCOMPARE(tls.value(u"peer_name"_s).toString(), u"edge01.contoso.local"_s);
    QCOMPARE(tls.value(u"completed"_s).toBool(), true);
    const QJsonObject cert = tls.value(u"certificate"_s).toObject();
    QCOMPARE(cert.value(u"subject"_s).toString(), u"edge01.contoso.local"_s);
    QCOMPARE(cert.value(u"sans"_s).toArray().size(), 1);
    QCOMPARE(cert.value(u"issuer"_s).toString(), u"EdgeMap Test CA"_s);
    QCOMPARE(cert.value(u"key_algorithm"_s).toString(), u"EC"_s);
    QVERIFY(cert.value(u"days_to_expiry"_s).toInt() > 300);
    QCOMPARE(l.value(u"findings"_s).toArray().size(), 0);
    // Without the test CA the chain is not trusted from here: a finding, exit 1.
    const Run untrusted = runEdgemap({u"probe"_s, path, u"--no-dns"_s});
    QCOMPARE(untrusted.exitCode, 1);
    QVERIFY2(untrusted.out.contains("ERROR: chain untrusted from here"), untrusted.out.constData());
}

QTEST_GUILESS_MAIN(TstCliProbe)
#include "tst_cli_probe.moc"
