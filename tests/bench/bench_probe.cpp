// What a probe run of a 12-server pool costs: 12 servers x 14 listeners on loopback (block
// 127.80.0.0/16), probed from both sides at once, 16 at a time. On every server one listener
// never answers (a full backlog: the probe waits its whole timeout), one refuses, the UDP ones
// answer MS-TURN, the TLS ones present a certificate (when the openssl command can make one),
// the rest accept. With bounded concurrency the twelve timeouts overlap: the run should take
// about the slowest probe, not the sum of all.
//
// Measured in one run: the floor (one never-answering probe alone: the timeout plus the run's
// own start and finish), the whole run, the sum of every probe's own time (what one at a time
// would take at least), and optionally (--serial) the run one probe at a time.
//
// Usage: bench_probe [--timeout MS] [--parallel N] [--serial]   (defaults 1000 ms, 16)
// The 14 listeners of a Lync Server 2013 member: the media ranges and the CLS agent's ports are
// made single fixed ports here so that each is probed (the UDP one as MS-TURN), as a pool of 12
// has 168 sockets to probe.
#include "support/tst_probe_util.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>
#include <cstring>
#include <map>

using namespace edgemap;
using namespace edgemap::probetest;

namespace {

constexpr int kBlock = 80;
constexpr int kServers = 12;

struct Servers
{
    std::vector<std::unique_ptr<OpenPort>> open;
    std::vector<std::unique_ptr<FilteredPort>> filtered;
    std::vector<std::unique_ptr<TurnResponder>> turn;
    std::vector<std::unique_ptr<QSslServer>> tls;
};

bool presentsCertificate(const Listener &l)
{
    for (const Endpoint &e : l.endpoints)
        if (const Catalog::EndpointDef *def = Catalog::builtIn().endpoint(e.key))
            if (def->probe == ProbeProtocol::Tls)
                return true;
    return false;
}

// Puts a test server behind every listener: the internal TCP 443 never answers, the internal
// 5062 refuses, UDP answers MS-TURN, TLS ports present `certificate` (when there is one).
void serve(Topology &t, Servers &s, const std::optional<TestPki::Issued> &certificate)
{
    for (EdgePool &pool : t.pools)
        for (EdgeServer &server : pool.servers)
            for (Listener &l : server.listeners) {
                const QString ip = t.address(l.address)->ip;
                const QString id = l.id.value();
                l.dynamic = false;
                l.enabled = true;
                int port = 0;
                if (l.transport == Transport::Udp) {
                    // The UDP media range made an MS-TURN port, so that all 14 are probed.
                    l.endpoints.first().key = QStringLiteral("av-external-turn-udp");
                    s.turn.push_back(
                            std::make_unique<TurnResponder>(ip, TurnResponder::Mode::Answer));
                    port = s.turn.back()->port();
                } else if (id.endsWith(QLatin1String("-int-tcp-443"))) {
                    s.filtered.push_back(std::make_unique<FilteredPort>(ip));
                    port = s.filtered.back()->port();
                } else if (id.endsWith(QLatin1String("-int-tcp-5062"))) {
                    port = closedTcpPort(ip);
                } else if (certificate && presentsCertificate(l)) {
                    s.tls.push_back(tlsServer(ip, *certificate));
                    port = s.tls.back()->serverPort();
                } else {
                    s.open.push_back(std::make_unique<OpenPort>(ip));
                    port = s.open.back()->port();
                }
                l.port = l.portEnd = port;
            }
}

// Both sides in one plan: the internal listeners and the external ones.
ProbePlan bothSides(const Topology &t, bool tls)
{
    ProbePlanOptions o;
    o.dns = false;
    o.tls = tls;
    o.side = ProbeSide::Inside;
    ProbePlan plan = buildProbePlan(t, o);
    o.side = ProbeSide::Outside;
    const ProbePlan outside = buildProbePlan(t, o);
    plan.targets += outside.targets;
    return plan;
}

double timedRun(const ProbePlan &plan, const ProbeOptions &options, ProbeRun *out)
{
    QElapsedTimer clock;
    clock.start();
    *out = runProbes(plan, options);
    return double(clock.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int timeoutMs = 1000, parallel = 16;
    bool serial = false;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--timeout") && i + 1 < argc)
            timeoutMs = std::max(1, atoi(argv[++i]));
        else if (!std::strcmp(argv[i], "--parallel") && i + 1 < argc)
            parallel = std::max(1, atoi(argv[++i]));
        else if (!std::strcmp(argv[i], "--serial"))
            serial = true;
    }
    Topology t
            = testing::TopologyBuilder().addresses(loopbackPlan(kBlock)).members(kServers).build();
    TestPki pki;
    std::optional<TestPki::Issued> certificate;
    if (pki.ok())
        certificate = pki.valid(QStringLiteral("edgepool.contoso.local"),
                                {QStringLiteral("edgepool.contoso.local")});
    else
        std::printf("no TLS: %s\n", qPrintable(pki.error()));
    Servers servers;
    serve(t, servers, certificate);
    const ProbePlan plan = bothSides(t, certificate.has_value());
    ProbeOptions options;
    options.timeoutMs = timeoutMs;
    options.parallel = parallel;
    if (pki.ok())
        options.caCertificates = {pki.ca()};

    // The floor: one never-answering probe alone, through the same runner.
    ProbePlan one = plan;
    one.targets.clear();
    for (const ProbeTarget &target : plan.targets)
        if (target.listener.value().endsWith(QLatin1String("-int-tcp-443")))
            one.targets = {target};
    ProbeRun run;
    const double floor = timedRun(one, options, &run);
    const double wall = timedRun(plan, options, &run);
    qint64 sum = 0;
    std::map<QString, int> statuses;
    int withTls = 0;
    for (const ProbeResult &r : run.results) {
        sum += r.elapsedMs;
        ++statuses[keyOf(r.status)];
        withTls += r.tls && r.tls->completed;
    }
    std::printf("bench_probe: %d servers x %lld listeners = %lld probes on loopback, timeout "
                "%d ms, %d at a time\n",
                kServers, qlonglong(plan.targets.size() / kServers), qlonglong(plan.targets.size()),
                timeoutMs, parallel);
    std::printf("  one never-answering probe alone (the floor): %8.0f ms\n", floor);
    std::printf("  the whole run:                              %8.0f ms  (%.2fx the floor)\n", wall,
                wall / floor);
    std::printf("  the sum of every probe's own time:          %8lld ms  (%.1fx the run)\n",
                qlonglong(sum), double(sum) / wall);
    std::printf("  results:");
    for (const auto &[status, count] : statuses)
        std::printf(" %d %s", count, qPrintable(status));
    std::printf(" (%d TLS handshakes)\n", withTls);
    if (serial) {
        options.parallel = 1;
        const double one_at_a_time = timedRun(plan, options, &run);
        std::printf("  the run one probe at a time:                %8.0f ms  (%.1fx the run)\n",
                    one_at_a_time, one_at_a_time / wall);
    }
    return 0;
}
