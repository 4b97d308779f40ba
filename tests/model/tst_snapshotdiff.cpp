// Comparing two checks: sockets that appeared or disappeared, and verdicts that changed.
#include "io/topologyfile.h"
#include "snapshot/snapshotdiff.h"

#include <QTest>

using namespace edgemap;

namespace {

const QByteArray kHeader
        = "Active Connections\r\n\r\n  Proto  Local Address  Foreign Address  State  PID\r\n";

CheckResult check(const Topology &t, const QByteArray &rows)
{
    return readAndJudge(t, kHeader + rows, SnapshotSource::named(QStringLiteral("test")));
}

} // namespace

class TstSnapshotDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void appearedDisappearedAndStatusChanges();
    void sameSnapshotNoChange();
};

void TstSnapshotDiff::appearedDisappearedAndStatusChanges()
{
    const Topology t = topologyfile::defaultTopology();
    const CheckResult before
            = check(t, "  TCP    172.25.33.10:5061   0.0.0.0:0   LISTENING   2216\r\n"
                       "  TCP    172.25.33.10:8057   0.0.0.0:0   LISTENING   2544\r\n"
                       "  UDP    10.45.16.30:3478     *:*                     3104\r\n");
    const CheckResult after
            = check(t, "  TCP    172.25.33.10:5061   0.0.0.0:0   LISTENING   2216\r\n"
                       "  TCP    0.0.0.0:3389        0.0.0.0:0   LISTENING   1160\r\n"
                       "  UDP    10.45.16.30:3478     *:*                     3104\r\n");
    QVERIFY(before.ok() && after.ok());
    const SnapshotDiff d = compareChecks(before, after);
    QCOMPARE(d.appeared.size(), 1);
    QCOMPARE(d.appeared.first().port, 3389);
    QCOMPARE(d.appeared.first().address, QStringLiteral("0.0.0.0"));
    QCOMPARE(d.disappeared.size(), 1);
    QCOMPARE(d.disappeared.first().port, 8057);
    QCOMPARE(d.statusChanges.size(), 1);
    QCOMPARE(d.statusChanges.first().listener.value(), QStringLiteral("edge01-int-tcp-8057"));
    QCOMPARE(d.statusChanges.first().before, ListenerStatus::Ok);
    QCOMPARE(d.statusChanges.first().after, ListenerStatus::Missing);
}

void TstSnapshotDiff::sameSnapshotNoChange()
{
    const Topology t = topologyfile::defaultTopology();
    const QByteArray rows
            = "  TCP    172.25.33.10:5061   0.0.0.0:0   LISTENING   2216\r\n"
              "  TCP    172.25.33.10:5061   172.25.40.10:50000   ESTABLISHED   2216\r\n";
    const QByteArray moreConnections
            = rows + "  TCP    172.25.33.10:5061   172.25.40.10:50001   ESTABLISHED   2216\r\n";
    QVERIFY(compareChecks(check(t, rows), check(t, moreConnections)).isEmpty());
}

QTEST_GUILESS_MAIN(TstSnapshotDiff)
#include "tst_snapshotdiff.moc"
