// Diagram speed: lays out and builds the scene for one Edge server and for 3 sites x 12 Edge
// servers with about 100 peers, reports the times and their ratio against the ratio of items,
// then re-colours the big diagram after new snapshots (in place, must stay under one 16 ms frame).
//
// Usage: bench_diagram [repeats]   (default 5; the median is reported)
#include "core/catalog.h"
#include "diagram/diagramlayout.h"
#include "diagram/diagramscene.h"
#include "document/document.h"
#include "snapshot/check.h"
#include "support/tst_diagram_util.h"

#include <QApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <memory>

using namespace edgemap;

namespace {

// Partners, IM providers and internal client subnets until the topology has `count` peers, each
// with a flow into one pool, as large multi-site designs have.
void addPeers(Topology &t, int count)
{
    for (int i = 0; int(t.peers.size()) < count; ++i) {
        const EdgePool &pool = t.pools.at(i % t.pools.size());
        const bool internal = i % 4 == 3;
        Peer p;
        p.id = PeerId(QStringLiteral("extra-%1").arg(i));
        p.kind = internal ? PeerKind::InternalClients : PeerKind::FederatedPartners;
        p.name = internal ? QStringLiteral("Clients %1").arg(i)
                          : QStringLiteral("Partner %1").arg(i);
        p.addresses = {QStringLiteral("10.%1.0.0/16").arg(i % 250)};
        t.peers.append(p);
        Flow f;
        f.id = FlowId(QStringLiteral("%1/extra-%2").arg(pool.id.value()).arg(i));
        f.from = {FlowEnd::Kind::Peer, p.id, {}, {}, AddressRole::Internal};
        const QString key = internal ? QStringLiteral("av-internal-turn-udp")
                                     : QStringLiteral("access-federation-sip");
        f.to = {FlowEnd::Kind::Endpoint, {}, pool.id, key, AddressRole::Internal};
        f.transport = internal ? Transport::Udp : Transport::Tcp;
        f.port = f.portEnd = internal ? 3478 : 5061;
        f.protocol = internal ? QStringLiteral("STUN/MSTURN") : QStringLiteral("SIP/MTLS");
        t.flows.append(f);
    }
}

// netstat -ano text with every listener of the first server, as if captured there.
QByteArray snapshotOf(const Topology &t, int extra)
{
    const EdgeServer &s = t.pools.first().servers.first();
    QByteArray text
            = "\r\nActive Connections\r\n\r\n  Proto  Local Address          Foreign Address"
              "        State           PID\r\n";
    for (const Listener &l : s.listeners) {
        const Address *a = t.address(l.address);
        const QByteArray ip = a ? a->ip.toLatin1() : QByteArray("0.0.0.0");
        const QByteArray port = QByteArray::number(l.port);
        if (l.transport == Transport::Tcp)
            text += "  TCP    " + ip + ":" + port + "   0.0.0.0:0   LISTENING   1000\r\n";
        else
            text += "  UDP    " + ip + ":" + port + "   *:*   1000\r\n";
    }
    for (int i = 0; i < extra; ++i)
        text += "  TCP    0.0.0.0:" + QByteArray::number(40000 + i)
                + "   0.0.0.0:0   LISTENING   4\r\n";
    return text;
}

template<class F>
double medianMs(int repeats, F &&run)
{
    QList<double> times;
    for (int i = 0; i < repeats; ++i) {
        QElapsedTimer timer;
        timer.start();
        run();
        times.append(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    return times.at(times.size() / 2);
}

struct Figures
{
    double layout = 0;
    double scene = 0;
    qsizetype items = 0;
    qsizetype listeners = 0;
    qsizetype peers = 0;
};

Figures measure(const Topology &t, int repeats)
{
    Figures f;
    f.layout = medianMs(repeats, [&] { DiagramLayout layout(t, Catalog::builtIn()); });
    f.scene = medianMs(repeats, [&] {
        Document doc(t);
        DiagramScene scene(doc);
        f.items = scene.items().size();
    });
    f.listeners = t.allListeners().size();
    f.peers = t.peers.size();
    return f;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int repeats = argc > 1 ? std::max(1, atoi(argv[1])) : 5;

    const Topology small = testing::build(testing::params(1));
    Topology big = testing::sites(3, 12);
    addPeers(big, 100);
    const Figures one = measure(small, repeats);
    const Figures many = measure(big, repeats);
    for (const auto &[name, f] : {std::pair{"1 server", one}, std::pair{"3 x 12 servers", many}})
        std::printf("%-15s %4lld listeners %4lld peers %5lld items: layout %8.2f ms, "
                    "document + scene %8.2f ms\n",
                    name, static_cast<long long>(f.listeners), static_cast<long long>(f.peers),
                    static_cast<long long>(f.items), f.layout, f.scene);
    const double itemRatio = double(many.items) / double(one.items);
    std::printf("ratio big/small: items %.1fx, layout %.1fx, scene %.1fx\n", itemRatio,
                many.layout / one.layout, many.scene / one.scene);

    // Re-colouring: the first check adds unexpected chips (a layout pass, items kept); later
    // checks with the same sockets only re-colour.
    Document doc(big);
    DiagramScene scene(doc);
    const QByteArray bytes = snapshotOf(big, 20);
    auto check = [&] {
        return std::make_shared<CheckResult>(
                readAndJudge(big, bytes, SnapshotSource::named(QStringLiteral("bench"))));
    };
    if (!check()->ok()) {
        std::fprintf(stderr, "check failed: %s\n", qPrintable(check()->error.message));
        return 1;
    }
    std::vector<std::shared_ptr<CheckResult>> checks;
    for (int i = 0; i < repeats + 1; ++i)
        checks.push_back(check());
    int next = 0;
    const double first = medianMs(
            1, [&] { doc.setChecks(doc.checks().withCheck(checks.at(next++), doc.topology())); });
    const double recolour = medianMs(repeats, [&] {
        doc.setChecks(doc.checks().withCheck(checks.at(next++), doc.topology()));
    });
    std::printf("first check (adds %lld unexpected chips): %.2f ms; re-colour in place: %.2f ms "
                "(%s 16 ms)\n",
                static_cast<long long>(scene.unexpectedChips().size()), first, recolour,
                recolour < 16 ? "under" : "OVER");
    return recolour < 16 ? 0 : 1;
}
