// The port table: golden CSV and Markdown for each template, who connects, and the statuses a
// judged snapshot adds.
#include "check.h"
#include "porttable.h"
#include "topologyfile.h"
#include "tst_tables_util.h"

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
const QString kSample
        = QStringLiteral(EDGEMAP_TEST_DATA "/../../resources/samples/edge01-netstat-anob.txt");

} // namespace

class TstPortTable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void golden_data();
    void golden();
    void everyListenerOnce();
    void whoConnectsComesFromTheFlows();
    void natPublicAddressOnTheAvRows();
    void snapshotAddsStatuses();
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
    QCOMPARE(fed->connectingPeers, (QStringList{QStringLiteral("Federated partners"),
                                                QStringLiteral("Public IM providers")}));
    const PortTableRow *sip
            = findRow(t, edge, QStringLiteral("172.25.33.10"), Transport::Tcp, 5061);
    QVERIFY(sip);
    QCOMPARE(sip->connectingPeers, QStringList{QStringLiteral("Director")});
    // The relay range: allocated on demand first; the OCS 2007 inbound flows after it.
    const PortTableRow *relay
            = findRow(t, edge, QStringLiteral("192.0.2.30"), Transport::Udp, 50000);
    QVERIFY(relay);
    QVERIFY(relay->whoConnects.startsWith(QStringLiteral("Allocated on demand")));
    QVERIFY(relay->whoConnects.contains(QStringLiteral("Federated partners (optional)")));
}

void TstPortTable::natPublicAddressOnTheAvRows()
{
    const PortTable t = buildPortTable(tablestest::templateTopology(QStringLiteral("pool2")));
    const PortTableRow *av2 = findRow(t, QStringLiteral("edge02.contoso.local"),
                                      QStringLiteral("192.0.2.31"), Transport::Udp, 3478);
    QVERIFY(av2);
    QCOMPARE(av2->natPublicIp, QStringLiteral("203.0.113.31"));
    const PortTableRow *access = findRow(t, QStringLiteral("edge02.contoso.local"),
                                         QStringLiteral("192.0.2.11"), Transport::Tcp, 443);
    QVERIFY(access);
    QVERIFY(access->natPublicIp.isEmpty());
}

void TstPortTable::snapshotAddsStatuses()
{
    const topologyfile::ReadResult t = topologyfile::load(kDefault);
    QVERIFY(t.ok());
    const CheckResult check = runCheck(*t.topology, kSample);
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

QTEST_GUILESS_MAIN(TstPortTable)
#include "tst_porttable.moc"
