// The monitoring formats as functions of the checks: the plugin output against the Monitoring
// Plugins grammar and states, the Prometheus text parsed back strictly and compared with the
// judgement, label escaping, several servers at once.
#include "reports/monitoring.h"
#include "support/tst_cli_util.h"
#include "support/tst_monitoring_util.h"
#include "support/tst_pool_util.h"

#include <QTest>

using namespace edgemap;
using namespace Qt::StringLiterals;

namespace {

const QDateTime kNow = QDateTime(QDate(2025, 3, 1), QTime(12, 0), Qt::UTC);

QString allListeningText()
{
    return u"\r\nActive Connections\r\n\r\n  Proto  Local Address          Foreign "
           "Address        State           PID\r\n"_s
           + clitest::allListeningRows();
}

Topology defaultTopology()
{
    return *topologyfile::load(clitest::kTopology).topology;
}

CheckResult checkOf(const Topology &t, const QString &text, const QString &label = u"snap"_s)
{
    CheckResult r = readAndJudge(t, text.toUtf8(), SnapshotSource::named(label));
    if (!r.ok())
        qFatal("check failed: %s", qPrintable(r.error.toString()));
    return r;
}

} // namespace

class TstMonitoring : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nagiosStates_data();
    void nagiosStates();
    void perfLabelsQuoted();
    void nagiosSeveralServers();
    void nagiosUnknown();
    void prometheusParsesBack();
    void prometheusLabelEscaping();
    void prometheusSnapshotAge();
    void prometheusFailed();
};

void TstMonitoring::nagiosStates_data()
{
    QTest::addColumn<QString>("snapshot");
    QTest::addColumn<bool>("strict");
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("longTextHas");

    const QString healthy = allListeningText();
    const QString rdp = healthy
                        + u"  TCP    0.0.0.0:3389  0.0.0.0:0  LISTENING  1160\r\n"
                          " [svchost.exe]\r\n"_s;
    QString exposed = healthy;
    exposed.replace(u"172.25.33.10:8057"_s, u"0.0.0.0:8057"_s);
    QTest::newRow("all listening") << healthy << false << u"OK"_s << QString();
    QTest::newRow("unexpected, not strict") << rdp << false << u"OK"_s << QString();
    QTest::newRow("unexpected, strict") << rdp << true << u"WARNING"_s
                                        << u"WARNING: edge01.contoso.local UNEXPECTED TCP 3389"_s;
    QTest::newRow("exposed") << exposed << false << u"WARNING"_s
                             << u"WARNING: edge01.contoso.local EXPOSED TCP 8057"_s;
    QTest::newRow("sample: missing")
            << pooltest::sampleText() << false << u"CRITICAL"_s
            << u"CRITICAL: edge01.contoso.local MISSING TCP 8057 on 172.25.33.10 (RTCDATAPROXY)"_s;
}

void TstMonitoring::nagiosStates()
{
    QFETCH(QString, snapshot);
    QFETCH(bool, strict);
    QFETCH(QString, state);
    QFETCH(QString, longTextHas);
    const Topology t = defaultTopology();
    const CheckResult c = checkOf(t, snapshot);
    const monitoring::PluginOutput out = monitoring::nagios(t, {c}, strict, kNow);
    QCOMPARE(monitoring::keyOf(out.state), state);
    QVERIFY(out.text.endsWith(u'\n'));
    const QStringList lines = out.text.chopped(1).split(u'\n');
    const QRegularExpressionMatch m = monitoringtest::statusLinePattern().match(lines.first());
    QVERIFY2(m.hasMatch(), qPrintable(lines.first()));
    QCOMPARE(m.captured(u"state"_s), state);
    QString error;
    const QHash<QString, double> perf = monitoringtest::perfValues(m.captured(u"perf"_s), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    // The figures are the judgement's.
    int ok = 0;
    int established = 0;
    for (const ListenerVerdict &v : c.judgement.listeners) {
        ok += !isProblem(v.status);
        established += v.established;
    }
    QCOMPARE(perf.value(u"listeners_ok"_s, -1), double(ok));
    QCOMPARE(perf.value(u"listeners_problems"_s, -1), double(c.judgement.problemCount()));
    QCOMPARE(perf.value(u"established"_s, -1), double(established));
    QCOMPARE(perf.value(u"unexpected"_s, -1), double(c.judgement.unexpected.size()));
    QVERIFY(perf.contains(u"relay_ports"_s));
    // Long text: one line per problem, none of them able to start performance data.
    for (const QString &line : lines.mid(1))
        QVERIFY2(!line.contains(u'|') && !line.isEmpty(), qPrintable(line));
    QCOMPARE(lines.size() > 1, state != u"OK"_s);
    if (!longTextHas.isEmpty())
        QVERIFY2(out.text.contains(longTextHas), qPrintable(out.text));
}

void TstMonitoring::perfLabelsQuoted()
{
    QCOMPARE(monitoring::perfLabel(u"plain"_s), u"'plain'"_s);
    QCOMPARE(monitoring::perfLabel(u"with space"_s), u"'with space'"_s);
    QCOMPARE(monitoring::perfLabel(u"it's"_s), u"'it''s'"_s);
    QCOMPARE(monitoring::perfLabel(u"a=b"_s), u"'a=b'"_s);
    for (const QString &label : {u"with space"_s, u"it's"_s, u"a=b"_s, u"x'' y"_s}) {
        QString error;
        const auto values
                = monitoringtest::perfValues(monitoring::perfLabel(label) + u"=3;;;0"_s, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(values.keys(), QList<QString>{label});
    }
}

void TstMonitoring::nagiosSeveralServers()
{
    const Topology t = pooltest::twoServerPool();
    const CheckRun set = [&] {
        QTemporaryDir dir;
        const QString one = pooltest::writeText(dir, u"edge01.txt"_s, pooltest::sampleText());
        const QString two = pooltest::writeText(
                dir, u"edge02.txt"_s,
                pooltest::without(pooltest::edge02Text(), u"10.45.16.11:5061"_s));
        // Given in the other order: the report follows the topology.
        return runChecks(t, {{two, {}}, {one, {}}});
    }();
    QVERIFY2(set.ok(), qPrintable(set.errors.join(u'\n')));
    QCOMPARE(set.checks.size(), 2);
    QVERIFY(set.checks.at(0).source.text().endsWith(u"edge01.txt"_s));
    QCOMPARE(set.checks.at(0).source.kind(), SnapshotSource::Kind::File);
    // The files were just written: their modification time is the capture time.
    const monitoring::PluginOutput out
            = monitoring::nagios(t, set.checks, false, QDateTime::currentDateTimeUtc());
    const QString first = out.text.section(u'\n', 0, 0);
    const QRegularExpressionMatch m = monitoringtest::statusLinePattern().match(first);
    QVERIFY2(m.hasMatch(), qPrintable(first));
    QVERIFY2(m.captured(u"text"_s).contains(u"on 2 servers"_s), qPrintable(first));
    QString error;
    const auto perf = monitoringtest::perfValues(m.captured(u"perf"_s), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const double one = perf.value(u"edge01.contoso.local::listeners_problems"_s, -1);
    const double two = perf.value(u"edge02.contoso.local::listeners_problems"_s, -1);
    QCOMPARE(one, double(set.checks.at(0).judgement.problemCount()));
    QCOMPARE(two, double(set.checks.at(1).judgement.problemCount()));
    QVERIFY(two > one); // edge02 also lost its Access Edge listener
    QCOMPARE(perf.value(u"listeners_problems"_s), one + two);
    const double age = perf.value(u"edge02.contoso.local::snapshot_age"_s, -1);
    QVERIFY2(age >= 0 && age < 120, qPrintable(first));
    QCOMPARE(perf.value(u"snapshot_age"_s),
             std::max(age, perf.value(u"edge01.contoso.local::snapshot_age"_s)));
    // The internal 5061 (RTCSrv.exe, the same service) is that listener's own socket: the
    // Access Edge's 5061 is missing, not on a wrong address.
    QVERIFY2(out.text.contains(u"CRITICAL: edge02.contoso.local MISSING TCP 5061 on 10.45.16.11"_s),
             qPrintable(out.text));
}

void TstMonitoring::nagiosUnknown()
{
    const monitoring::PluginOutput out
            = monitoring::nagiosUnknown({u"a.txt: cannot open | really"_s, u"b.txt: empty"_s});
    QCOMPARE(out.state, monitoring::PluginState::Unknown);
    QCOMPARE(int(out.state), 3);
    QCOMPARE(out.text, u"EDGEMAP UNKNOWN - a.txt: cannot open / really\nb.txt: empty\n"_s);
    QVERIFY(monitoringtest::statusLinePattern().match(out.text.section(u'\n', 0, 0)).hasMatch());
}

void TstMonitoring::prometheusParsesBack()
{
    const Topology t = defaultTopology();
    const CheckResult c = checkOf(t, pooltest::sampleText());
    const monitoringtest::Exposition e
            = monitoringtest::parseExposition(monitoring::prometheus(t, {c}, kNow));
    QVERIFY2(e.error.isEmpty(), qPrintable(e.error));
    for (auto it = e.types.cbegin(); it != e.types.cend(); ++it)
        QCOMPARE(it.value(), u"gauge"_s);
    QCOMPARE(e.find(u"edgemap_check_success"_s).size(), 1);
    QCOMPARE(e.find(u"edgemap_check_success"_s).first().value, 1.0);
    QCOMPARE(e.find(u"edgemap_check_timestamp_seconds"_s).first().value,
             double(kNow.toSecsSinceEpoch()));
    // One-hot: exactly one status per listener, and it is the verdict.
    const QList<ListenerRow> rows = listenerRows(t);
    int ok = 0;
    for (const ListenerVerdict &v : c.judgement.listeners) {
        const QList<monitoringtest::Sample> samples
                = e.find(u"edgemap_listener_status"_s, {{u"listener"_s, v.listener.value()}});
        QCOMPARE(samples.size(), qsizetype(monitoring::kCheckedStatuses.size()));
        double sum = 0;
        for (const monitoringtest::Sample &s : samples) {
            sum += s.value;
            QCOMPARE(s.value == 1.0, s.labels.value(u"status"_s) == keyOf(v.status));
            QCOMPARE(s.labels.value(u"server"_s), u"edge01.contoso.local"_s);
        }
        QCOMPARE(sum, 1.0);
        ok += v.status == ListenerStatus::Ok;
        const auto est = e.find(u"edgemap_listener_established_connections"_s,
                                {{u"listener"_s, v.listener.value()}});
        QCOMPARE(est.size(), 1);
        QCOMPARE(est.first().value, double(v.established));
    }
    QCOMPARE(e.find(u"edgemap_listener_status"_s, {{u"status"_s, u"ok"_s}}).size(),
             c.judgement.listeners.size());
    double okSamples = 0;
    for (const auto &s : e.find(u"edgemap_listener_status"_s, {{u"status"_s, u"ok"_s}}))
        okSamples += s.value;
    QCOMPARE(okSamples, double(ok));
    QCOMPARE(e.find(u"edgemap_problem_listeners"_s).first().value,
             double(c.judgement.problemCount()));
    QCOMPARE(e.find(u"edgemap_unexpected_listeners"_s).first().value,
             double(c.judgement.unexpected.size()));
    int relayTcp = 0;
    int relayUdp = 0;
    for (const ListenerRow &row : rows)
        if (row.dynamic)
            if (const ListenerVerdict *v = c.judgement.verdict(row.id)) {
                if (row.transport == Transport::Tcp)
                    relayTcp += v->relayTcp;
                else
                    relayUdp += v->relayUdp;
            }
    QCOMPARE(e.find(u"edgemap_relay_ports"_s, {{u"transport"_s, u"tcp"_s}}).first().value,
             double(relayTcp));
    QCOMPARE(e.find(u"edgemap_relay_ports"_s, {{u"transport"_s, u"udp"_s}}).first().value,
             double(relayUdp));
    QVERIFY(relayTcp + relayUdp > 0); // the sample has relay ports allocated
    // A range is one label value; a single port its number.
    QVERIFY(!e.find(u"edgemap_listener_status"_s, {{u"port"_s, u"50000-59999"_s}}).isEmpty());
    QVERIFY(!e.find(u"edgemap_listener_status"_s, {{u"port"_s, u"5061"_s}}).isEmpty());
}

void TstMonitoring::prometheusLabelEscaping()
{
    Topology t = pooltest::twoServerPool();
    const QString odd = u"edge\"01\\x\ny"_s;
    t.pools[0].servers[0].fqdn = odd;
    QTemporaryDir dir;
    const QString path = pooltest::writeText(dir, u"edge01.txt"_s, pooltest::sampleText());
    const CheckRun set = runChecks(t, {{path, {}}});
    QVERIFY2(set.ok(), qPrintable(set.errors.join(u'\n')));
    const QString text = monitoring::prometheus(t, set.checks, kNow);
    QVERIFY(text.contains(u"server=\"edge\\\"01\\\\x\\ny\""_s));
    const monitoringtest::Exposition e = monitoringtest::parseExposition(text);
    QVERIFY2(e.error.isEmpty(), qPrintable(e.error));
    const auto problems = e.find(u"edgemap_problem_listeners"_s);
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.first().labels.value(u"server"_s), odd);
    QCOMPARE(monitoring::escapeLabelValue(u"a\\b\"c\nd"_s), u"a\\\\b\\\"c\\nd"_s);
    // The plugin output keeps the odd name on its one line.
    const monitoring::PluginOutput plugin = monitoring::nagios(t, set.checks, false, kNow);
    QVERIFY(monitoringtest::statusLinePattern().match(plugin.text.section(u'\n', 0, 0)).hasMatch());
}

void TstMonitoring::prometheusSnapshotAge()
{
    const Topology t = defaultTopology();
    CheckResult c = checkOf(t, allListeningText());
    // No header, no file: no age at all rather than a made-up one.
    monitoringtest::Exposition e
            = monitoringtest::parseExposition(monitoring::prometheus(t, {c}, kNow));
    QVERIFY2(e.error.isEmpty(), qPrintable(e.error));
    QVERIFY(e.find(u"edgemap_snapshot_age_seconds"_s).isEmpty());
    QVERIFY(e.types.contains(u"edgemap_snapshot_age_seconds"_s));
    c.fileModified = kNow.addSecs(-300);
    e = monitoringtest::parseExposition(monitoring::prometheus(t, {c}, kNow));
    QCOMPARE(e.find(u"edgemap_snapshot_age_seconds"_s).first().value, 300.0);
    QCOMPARE(e.find(u"edgemap_snapshot_capture_timestamp_seconds"_s).first().value,
             double(kNow.toSecsSinceEpoch() - 300));
    QString error;
    const auto perf = monitoringtest::perfValues(
            monitoring::nagios(t, {c}, false, kNow).text.section(u" | "_s, 1).section(u'\n', 0, 0),
            &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(perf.value(u"snapshot_age"_s, -1), 300.0);
}

void TstMonitoring::prometheusFailed()
{
    const monitoringtest::Exposition e
            = monitoringtest::parseExposition(monitoring::prometheusFailed(kNow));
    QVERIFY2(e.error.isEmpty(), qPrintable(e.error));
    QCOMPARE(e.samples.size(), 2);
    QCOMPARE(e.find(u"edgemap_check_success"_s).first().value, 0.0);
}

QTEST_GUILESS_MAIN(TstMonitoring)
#include "tst_monitoring.moc"
