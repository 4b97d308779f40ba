// Large but valid topologies judge in linear time and memory: a verdict is found by id without a
// search, relay paths do not connect every listener to every other, and a port range is matched
// without walking its ports. Each case builds a topology that took tens of seconds or hundreds of
// megabytes before and asserts what does not depend on the machine (the path graph's size, the
// verdicts) plus a time bound far above what it takes now and far below what it took then.
#include "core/pathanalysis.h"
#include "io/topologyfile.h"
#include "snapshot/judgement.h"
#include "snapshot/snapshotfile.h"
#include "support/tst_snapshot_util.h"

#include <QElapsedTimer>
#include <QTest>

using namespace edgemap;
using namespace snapshottest;
using namespace Qt::StringLiterals;

namespace {

// Sanitizer and debug builds (CI runs the tests under ASan + UBSan too) are many times slower.
#if defined(__SANITIZE_ADDRESS__) || !defined(NDEBUG)
constexpr qint64 kSlowBuild = 8;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr qint64 kSlowBuild = 8;
#else
constexpr qint64 kSlowBuild = 1;
#endif
#else
constexpr qint64 kSlowBuild = 1;
#endif

EdgeServer &edge01(Topology &t)
{
    return t.pools[0].servers[0];
}

const Listener &listenerOf(const Topology &t, const QString &id)
{
    const Listener *l = t.listener(ListenerId(id));
    Q_ASSERT(l);
    return *l;
}

// `count` copies of a listener of edge01 with ids "<id>-copy-N", on ports from `firstPort` on
// (cycling below 65536), appended to edge01.
void addCopies(Topology &t, const QString &id, int count, int firstPort)
{
    const Listener original = listenerOf(t, id);
    QList<Listener> &listeners = edge01(t).listeners;
    listeners.reserve(listeners.size() + count);
    for (int i = 0; i < count; ++i) {
        Listener l = original;
        l.id = ListenerId(u"%1-copy-%2"_s.arg(id).arg(i));
        l.port = l.portEnd = 1024 + (firstPort - 1024 + i) % (65536 - 1024);
        listeners.append(l);
    }
}

Snapshot bundledSample()
{
    snapshotfile::ReadResult r = snapshotfile::load(bundledSamplePath());
    Q_ASSERT(r.ok());
    return std::move(*r.snapshot);
}

} // namespace

class TestScaling : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void verdictLookupOfManyListeners();
    void relayEdgesGrowLinearly();
    void relayHubsKeepPaths();
    void fullRangeListeners();
};

// Before: a linear search per lookup, 56 s for the lookups of 100,000 listeners.
void TestScaling::verdictLookupOfManyListeners()
{
    Topology t = topologyfile::defaultTopology();
    constexpr int kCopies = 100'000;
    addCopies(t, u"edge01-int-tcp-4443"_s, kCopies, 20000);
    const Snapshot s = bundledSample();

    QElapsedTimer timer;
    timer.start();
    const Judgement j = judge(t, s, edge01(t).id);
    qsizetype found = 0;
    for (const Listener &l : edge01(t).listeners)
        if (const ListenerVerdict *v = j.verdict(l.id); v && v->listener == l.id)
            ++found;
    const qint64 ms = timer.elapsed();

    QCOMPARE(found, edge01(t).listeners.size());
    QCOMPARE(j.listeners.size(), edge01(t).listeners.size());
    QCOMPARE(j.verdict(ListenerId(u"no-such-listener"_s)), nullptr);
    // The copies on 20000 and up are not bound in the sample; the original on 4443 is.
    QCOMPARE(j.verdict(ListenerId(u"edge01-int-tcp-4443-copy-0"_s))->status,
             ListenerStatus::Missing);
    QCOMPARE(j.verdict(ListenerId(u"edge01-int-tcp-4443"_s))->status, ListenerStatus::Ok);
    qInfo("judged and looked up %d listeners in %lld ms", kCopies, ms);
    // 1.5-5.6 s on a loaded 2-core machine now (building the path graph of 100,000 listeners
    // for the scenarios is most of it); the lookups alone took 56 s before.
    QVERIFY2(ms < 30'000 * kSlowBuild, qPrintable(u"%1 ms"_s.arg(ms)));
}

// Before: one edge from every relaying external listener to every internal one (4,000 listeners:
// 4 million edges, 485 MB).
void TestScaling::relayEdgesGrowLinearly()
{
    Topology t = topologyfile::defaultTopology();
    const PathAnalysis::GraphSize before = PathAnalysis(t).graphSize();
    constexpr int kCopies = 2000;
    addCopies(t, u"edge01-av-tcp-443"_s, kCopies, 2000);   // external TURN over TCP
    addCopies(t, u"edge01-int-tcp-443"_s, kCopies, 10000); // internal TURN over TCP

    QElapsedTimer timer;
    timer.start();
    const PathAnalysis analysis(t);
    const PathAnalysis::GraphSize after = analysis.graphSize();
    const qint64 ms = timer.elapsed();

    const qsizetype added = 2 * kCopies;
    QVERIFY(after.vertices <= before.vertices + added + 16); // the copies and a few relay hubs
    // Each copy has its few flow edges (peer in, standing connection out) and one relay edge to
    // or from a hub; 4 million edges before.
    QVERIFY2(after.edges <= before.edges + 6 * added,
             qPrintable(u"%1 edges for %2 listeners"_s.arg(after.edges).arg(added)));
    qInfo("path graph of %lld listeners: %lld vertices, %lld edges, %lld ms",
          static_cast<long long>(added), static_cast<long long>(after.vertices),
          static_cast<long long>(after.edges), ms);
    QVERIFY2(ms < 5'000 * kSlowBuild, qPrintable(u"%1 ms"_s.arg(ms)));
}

// A hub is not a node of any path: through one, an external listener leads straight to every
// internal listener of its relay, as the all-pairs edges did.
void TestScaling::relayHubsKeepPaths()
{
    Topology t = topologyfile::defaultTopology();
    addCopies(t, u"edge01-int-tcp-443"_s, 3, 30000);
    const PathAnalysis analysis(t);
    const ListenerId copy(u"edge01-int-tcp-443-copy-2"_s);
    const QList<Path> paths = analysis.pathsThrough(copy);
    QVERIFY(!paths.isEmpty());
    bool relayedFromAv = false;
    for (const Path &path : paths) {
        for (qsizetype i = 1; i < path.size(); ++i) {
            QVERIFY(path[i].node.kind == PathNode::Kind::Peer || !path[i].node.listener.isEmpty());
            if (path[i].node.listener == copy && path[i].via == HopKind::Relay
                && path[i - 1].node.listener == ListenerId(u"edge01-av-tcp-443"_s))
                relayedFromAv = true;
        }
    }
    QVERIFY(relayedFromAv);
}

// Before: every port of every range was looked up (20,000 listeners on 1-65535: 27 s).
void TestScaling::fullRangeListeners()
{
    Topology t = topologyfile::defaultTopology();
    constexpr int kCopies = 20'000;
    QList<Listener> &listeners = edge01(t).listeners;
    const Listener tcp = listenerOf(t, u"edge01-av-tcp-50000-59999"_s);
    const Listener udp = listenerOf(t, u"edge01-av-udp-50000-59999"_s);
    for (int i = 0; i < kCopies; ++i) {
        Listener l = i % 2 ? tcp : udp;
        l.id = ListenerId(u"full-range-%1"_s.arg(i));
        l.port = 1;
        l.portEnd = 65535;
        l.dynamic = i % 4 < 2; // half dynamic (counted), half bound (searched)
        listeners.append(l);
    }
    const Snapshot s = bundledSample();

    QElapsedTimer timer;
    timer.start();
    const Judgement j = judge(t, s, edge01(t).id);
    const qint64 ms = timer.elapsed();

    QCOMPARE(j.listeners.size(), listeners.size());
    // Every socket of the A/V address is in range: the sample's relay ports and its listeners.
    const ListenerVerdict *dynamicTcp = j.verdict(ListenerId(u"full-range-1"_s));
    const ListenerVerdict *relayTcp = j.verdict(ListenerId(u"edge01-av-tcp-50000-59999"_s));
    QVERIFY(dynamicTcp && relayTcp);
    QCOMPARE(dynamicTcp->status, ListenerStatus::Dynamic);
    QVERIFY(dynamicTcp->relayTcp > relayTcp->relayTcp);
    QCOMPARE(j.verdict(ListenerId(u"full-range-3"_s))->status, ListenerStatus::Ok);
    // Nothing on the server's external addresses is unexplained any more.
    QVERIFY(std::none_of(
            j.unexpected.cbegin(), j.unexpected.cend(),
            [](const UnexpectedListener &u) { return u.address == "10.45.16.30"_L1; }));
    qInfo("judged %d full-range listeners in %lld ms", kCopies, ms);
    // 0.4 s now, 27 s before.
    QVERIFY2(ms < 5'000 * kSlowBuild, qPrintable(u"%1 ms"_s.arg(ms)));
}

QTEST_GUILESS_MAIN(TestScaling)
#include "tst_scaling.moc"
