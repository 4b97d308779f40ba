// The port table: golden CSV and Markdown for each template, who connects, and the statuses a
// judged snapshot adds.
#include "core/pathanalysis.h"
#include "io/topologyfile.h"
#include "probe/probediagnosis.h"
#include "reports/checkreport.h"
#include "reports/porttable.h"
#include "snapshot/check.h"
#include "support/tst_diagram_util.h"
#include "support/tst_pool_util.h"
#include "support/tst_snapshot_util.h"
#include "support/tst_tables_util.h"

#include <QTest>

using namespace edgemap;

namespace {

const PortTableRow *findRow(const PortTable &t, const QString &server, const QString &address,
                            Transport transport, int port)
{
    for (const PortTableRow &r : t.rows)
        if (r.server == server && r.address == address && r.transport == transport
            && r.port == port)
            return &r;
    return nullptr;
}

const QString kDefault
        = QStringLiteral(EDGEMAP_TEST_DATA "/../../resources/topologies/default.edgemap.json");
const QString kSample = snapshottest::bundledSamplePath();

} // namespace

class TstPortTable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void golden_data();
    void golden();
    void everyListenerOnce();
    void whoConnectsComesFromTheFlows();
    void natPublicAddressOnEveryExternalRow();
    void snapshotAddsStatuses();
    void eachPoolMemberCarriesItsOwnSnapshot();
    void poolReportHasEveryCheckedServer();
    void probeRunAddsFromHereColumns();
};

void TstPortTable::golden_data()
{
    QTest::addColumn<QString>("name");
    for (const QString &n : tablestest::templateNames())
        QTest::newRow(qPrintable(n)) << n;
}

void TstPortTable::golden()
{
    QFETCH(QString, name);
    const TableDocument doc = portTableDocument(buildPortTable(tablestest::templateTopology(name)));
    tablestest::compareGolden(tablewriters::csv(doc), QStringLiteral("porttable-%1.csv").arg(name));
    tablestest::compareGolden(tablewriters::markdown(doc),
                              QStringLiteral("porttable-%1.md").arg(name));
}

void TstPortTable::everyListenerOnce()
{
    const Topology t = tablestest::templateTopology(QStringLiteral("pool2"));
    const PortTable table = buildPortTable(t);
    QCOMPARE(table.rows.size(), t.allListeners().size());
    const TableDocument doc = portTableDocument(table);
    // One table per server, each headed by its FQDN.
    QCOMPARE(doc.tables.size(), 2);
    QCOMPARE(doc.tables.at(0).heading, QStringLiteral("edge01.contoso.local"));
    QCOMPARE(doc.tables.at(1).heading, QStringLiteral("edge02.contoso.local"));
    QCOMPARE(doc.tables.at(0).rows.size() + doc.tables.at(1).rows.size(), table.rows.size());
}

void TstPortTable::whoConnectsComesFromTheFlows()
{
    const PortTable t = buildPortTable(tablestest::templateTopology(QStringLiteral("three-ip")));
    const QString edge = QStringLiteral("edge01.contoso.local");
    const PortTableRow *fed = findRow(t, edge, QStringLiteral("192.0.2.10"), Transport::Tcp, 5061);
    QVERIFY(fed);
    // Public IM is historical (Skype consumer retired 2025): not in new topologies.
    QCOMPARE(fed->connectingPeers, QStringList{QStringLiteral("Federated partners")});
    const PortTableRow *sip
            = findRow(t, edge, QStringLiteral("172.25.33.10"), Transport::Tcp, 5061);
    QVERIFY(sip);
    // The next hop and the Front End pool (M1: also with a Director as next hop).
    QCOMPARE(sip->connectingPeers,
             (QStringList{QStringLiteral("Director"), QStringLiteral("Front End pool (CMS)")}));
    // The relay range: allocated on demand first; the OCS 2007 inbound flows after it.
    const PortTableRow *relay
            = findRow(t, edge, QStringLiteral("192.0.2.30"), Transport::Udp, 50000);
    QVERIFY(relay);
    QVERIFY(relay->whoConnects.startsWith(QStringLiteral("Allocated on demand")));
    QVERIFY(relay->whoConnects.contains(QStringLiteral("Other A/V Edges (optional)")));
}

void TstPortTable::natPublicAddressOnEveryExternalRow()
{
    const PortTable t = buildPortTable(tablestest::templateTopology(QStringLiteral("pool2")));
    const PortTableRow *av2 = findRow(t, QStringLiteral("edge02.contoso.local"),
                                      QStringLiteral("10.45.16.31"), Transport::Udp, 3478);
    QVERIFY(av2);
    QCOMPARE(av2->natPublicIp, QStringLiteral("203.0.113.31"));
    const PortTableRow *access = findRow(t, QStringLiteral("edge02.contoso.local"),
                                         QStringLiteral("10.45.16.11"), Transport::Tcp, 443);
    QVERIFY(access);
    // Behind NAT every external address has its own public address (M1, S3).
    QCOMPARE(access->natPublicIp, QStringLiteral("203.0.113.11"));
}

void TstPortTable::snapshotAddsStatuses()
{
    const topologyfile::ReadResult t = topologyfile::load(kDefault);
    QVERIFY(t.ok());
    const CheckResult check = readAndJudge(*t.topology, kSample);
    QVERIFY(check.ok());
    const PortTable table = buildPortTable(*t.topology, &check);
    QVERIFY(table.checked);
    const QString edge = QStringLiteral("edge01.contoso.local");
    // The sample has the Web Conferencing Edge stopped.
    const PortTableRow *psom
            = findRow(table, edge, QStringLiteral("172.25.33.10"), Transport::Tcp, 8057);
    QVERIFY(psom);
    QCOMPARE(psom->status, ListenerStatus::Missing);
    QVERIFY(psom->observed.isEmpty());
    const PortTableRow *sip
            = findRow(table, edge, QStringLiteral("172.25.33.10"), Transport::Tcp, 5061);
    QVERIFY(sip);
    QCOMPARE(sip->status, ListenerStatus::Ok);
    QVERIFY2(sip->observed.startsWith(QStringLiteral("RTCSrv.exe (PID ")),
             qPrintable(sip->observed));

    const TableDocument doc = portTableDocument(table);
    const TextTable &first = doc.tables.first();
    QCOMPARE(first.columns.at(first.statusColumn), QStringLiteral("Status"));
    QCOMPARE(first.statusKeys.size(), first.rows.size());
    const QByteArray csv = tablewriters::csv(doc);
    // CSV carries the stable keys, Markdown the words.
    QVERIFY(csv.contains(",missing,"));
    QVERIFY(tablewriters::markdown(doc).contains("| Missing |"));
}

void TstPortTable::eachPoolMemberCarriesItsOwnSnapshot()
{
    using namespace pooltest;
    const Topology t = twoServerPool();
    // edge01 as the sample (8057 stopped), edge02 with its Access Edge 443 stopped too.
    const auto a = check(t, sampleText(), QStringLiteral("edge01.txt"));
    const auto b = check(t, without(edge02Text(), QStringLiteral("10.45.16.11:443")),
                         QStringLiteral("edge02.txt"));
    const PortTable table = buildPortTable(t, QList<const CheckResult *>{a.get(), b.get()});
    QCOMPARE(table.checkedServers.size(), 2);
    const PortTableRow *psom1 = findRow(table, QStringLiteral("edge01.contoso.local"),
                                        QStringLiteral("172.25.33.10"), Transport::Tcp, 8057);
    const PortTableRow *sip1 = findRow(table, QStringLiteral("edge01.contoso.local"),
                                       QStringLiteral("10.45.16.10"), Transport::Tcp, 443);
    const PortTableRow *sip2 = findRow(table, QStringLiteral("edge02.contoso.local"),
                                       QStringLiteral("10.45.16.11"), Transport::Tcp, 443);
    QVERIFY(psom1 && sip1 && sip2);
    QCOMPARE(psom1->status, ListenerStatus::Missing);
    QCOMPARE(sip1->status, ListenerStatus::Ok);
    QCOMPARE(sip2->status, ListenerStatus::Missing); // edge02's own snapshot, not edge01's
    const TableDocument doc = portTableDocument(table);
    const QStringList facts = [&] {
        QStringList out;
        for (const auto &[key, value] : doc.facts)
            out.append(key + QStringLiteral(" = ") + value);
        return out;
    }();
    QVERIFY2(facts.contains(QStringLiteral("Snapshot of edge01.contoso.local = edge01.txt"))
                     && facts.contains(
                             QStringLiteral("Snapshot of edge02.contoso.local = edge02.txt")),
             qPrintable(facts.join(u'\n')));
    for (const TextTable &server : doc.tables)
        QVERIFY2(server.note.isEmpty(), qPrintable(server.heading)); // both were checked

    // Only edge01 checked: edge02's table says why it has no statuses.
    const TableDocument one = portTableDocument(buildPortTable(t, a.get()));
    QCOMPARE(one.tables.size(), 2);
    QVERIFY(one.tables.at(0).note.isEmpty());
    QVERIFY(one.tables.at(1).note.contains(QStringLiteral("No snapshot of this server")));
}

void TstPortTable::poolReportHasEveryCheckedServer()
{
    using namespace pooltest;
    const Topology t = twoServerPool();
    const auto a = check(t, sampleText(), QStringLiteral("edge01.txt"));
    const auto b = check(t, edge02Text(), QStringLiteral("edge02.txt"));
    const TableDocument both = checkReportDocument(t, QList<const CheckResult *>{a.get(), b.get()});
    QCOMPARE(both.title, QStringLiteral("Check report: Pool"));
    const TableDocument single = checkReportDocument(t, *a);
    QCOMPARE(both.tables.size(), 2 * single.tables.size());
    QCOMPARE(both.tables.first().heading,
             QStringLiteral("edge01.contoso.local: ") + single.tables.first().heading);
    QVERIFY(both.tables.last().heading.startsWith(QStringLiteral("edge02.contoso.local: ")));
    QVERIFY(both.paragraphs.first().startsWith(QStringLiteral("edge01.contoso.local: ")));
    // One check: exactly the single-server report.
    const TableDocument justOne = checkReportDocument(t, QList<const CheckResult *>{a.get()});
    QCOMPARE(tablewriters::markdown(justOne), tablewriters::markdown(single));
}

// After a Probe from Here run, the port table and the check report say what it found beside the
// snapshot: a listener bound on the Edge that timed out from here is blocked, and is among the
// report's problems although the snapshot has it OK.
void TstPortTable::probeRunAddsFromHereColumns()
{
    const topologyfile::ReadResult file = topologyfile::load(kDefault);
    QVERIFY(file.ok());
    const Topology &t = *file.topology;
    auto check = std::make_shared<CheckResult>(readAndJudge(t, kSample));
    QVERIFY(check->ok());
    QList<ListenerId> blocked, working;
    for (const Listener *l : t.allListeners())
        if (l->hasEndpoint(QStringLiteral("access-client-sip")))
            blocked.append(l->id);
        else if (l->hasEndpoint(QStringLiteral("access-internal-sip")))
            working.append(l->id);
    QCOMPARE(blocked.size(), 1);
    auto run = std::make_shared<ProbeRun>(testing::probeRunOf(t, blocked, working));
    run->hostName = QStringLiteral("fe01");
    run->localAddresses = {QStringLiteral("172.25.33.40")};
    run->started = QDateTime(QDate(2026, 12, 5), QTime(9, 0), Qt::UTC);
    run->resolver = QStringLiteral("system");
    run->timeoutMs = 3000;
    const ProbeDiagnosis probes
            = diagnoseProbes(t, PathAnalysis(t), run, CheckSet().withCheck(check, t));
    QCOMPARE(probes.of(blocked.first())->verdict.kind, CombinedKind::Blocked);

    PortTable table = buildPortTable(t, check.get());
    const PortTable plain = table;
    applyProbes(table, probes);
    const PortTableRow *sip = findRow(table, QStringLiteral("edge01.contoso.local"),
                                      QStringLiteral("10.45.16.10"), Transport::Tcp, 443);
    QVERIFY(sip);
    QCOMPARE(sip->status, ListenerStatus::Ok);
    QCOMPARE(sip->probeWord, QStringLiteral("Blocked"));
    QVERIFY2(sip->probeFinding.contains(QStringLiteral("blocked between here and the Edge")),
             qPrintable(sip->probeFinding));
    const PortTableRow *psom = findRow(table, QStringLiteral("edge01.contoso.local"),
                                       QStringLiteral("172.25.33.10"), Transport::Tcp, 8057);
    QCOMPARE(psom->probeWord, QStringLiteral("Not probed"));

    const TableDocument doc = portTableDocument(table);
    const TextTable &first = doc.tables.first();
    QCOMPARE(first.columns.at(first.probeColumn), QStringLiteral("From here"));
    QCOMPARE(first.probeKeys.size(), first.rows.size());
    QVERIFY(doc.facts.contains(
            {QStringLiteral("Probed"),
             QStringLiteral("inside, from fe01 (172.25.33.40), 2026-12-05T09:00:00Z; resolver "
                            "system; timeout 3000 ms")}));
    const QByteArray csv = tablewriters::csv(doc);
    QVERIFY(csv.contains(",blocked,"));
    QVERIFY(csv.contains(",working,"));
    QVERIFY(csv.contains(",not-probed,"));
    QVERIFY(tablewriters::markdown(doc).contains("| Blocked |"));
    // HTML colours the cell from the style it is given for "probe:<key>".
    HtmlStatusStyles styles;
    styles.insert(QStringLiteral("probe:blocked"),
                  {QStringLiteral("#111111"), QStringLiteral("#222222"), QStringLiteral("#333333"),
                   QStringLiteral("X")});
    QVERIFY(tablewriters::html(doc, styles).contains("bgcolor=\"#111111\""));
    // Without a run, nothing changes.
    PortTable unprobed = plain;
    applyProbes(unprobed, ProbeDiagnosis());
    QCOMPARE(tablewriters::csv(portTableDocument(unprobed)),
             tablewriters::csv(portTableDocument(plain)));

    const TableDocument report = checkReportDocument(t, *check, &probes);
    const TextTable &problems = report.tables.first();
    QCOMPARE(problems.heading, QStringLiteral("Problems"));
    QCOMPARE(problems.probeKeys.size(), problems.rows.size());
    bool blockedRow = false;
    for (qsizetype i = 0; i < problems.rows.size(); ++i)
        if (problems.probeKeys.at(i) == QStringLiteral("blocked")) {
            blockedRow = true;
            QCOMPARE(problems.statusKeys.at(i), QStringLiteral("ok"));
            QCOMPARE(problems.rows.at(i).at(problems.probeColumn), QStringLiteral("Blocked"));
        }
    QVERIFY(blockedRow);
    QVERIFY(report.paragraphs.last().startsWith(QStringLiteral("From here: 2 probes, 1 "
                                                               "reachable, 1 with problems")));
    QCOMPARE(checkReportDocument(t, *check, nullptr).tables.first().probeColumn, -1);
}

QTEST_GUILESS_MAIN(TstPortTable)
#include "tst_porttable.moc"
