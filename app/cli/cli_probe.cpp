// `edgemap probe`: probe every listener the topology says is reachable from where EdgeMap runs
// (TCP, TLS with the certificate, MS-TURN over UDP), check the DNS records, and join each result
// with a snapshot's verdict when one is given.
#include "cli/cli.h"
#include "cli/cli_command.h"
#include "cli/cli_common.h"
#include "cli/cli_options.h"
#include "cli/cli_probe_report.h"

#include "probe/proberunner.h"

#include <QCommandLineParser>
#include <QSslCertificate>

#include <cmath>

namespace edgemap::cli {

namespace {

struct ProbeOptionNames
{
    QCommandLineOption side{QStringLiteral("side"),
                            QStringLiteral("Where EdgeMap runs: inside (probe the internal "
                                           "addresses; the default) or outside (the public "
                                           "addresses and names)."),
                            QStringLiteral("SIDE"), QStringLiteral("inside")};
    QCommandLineOption server{QStringLiteral("server"),
                              QStringLiteral("Probe only this server (id or FQDN)."),
                              QStringLiteral("NAME")};
    QCommandLineOption pool{QStringLiteral("pool"),
                            QStringLiteral("Probe only this pool (id or FQDN)."),
                            QStringLiteral("FQDN")};
    QCommandLineOption timeout{QStringLiteral("timeout"),
                               QStringLiteral("Seconds each probe waits (default 3)."),
                               QStringLiteral("S"), QStringLiteral("3")};
    QCommandLineOption parallel{QStringLiteral("parallel"),
                                QStringLiteral("Probes at a time (default 16)."),
                                QStringLiteral("N"), QStringLiteral("16")};
    QCommandLineOption resolver{QStringLiteral("resolver"),
                                QStringLiteral("Ask this DNS server (IP address, port 53) instead "
                                               "of the system's resolver."),
                                QStringLiteral("IP")};
    QCommandLineOption noTls{QStringLiteral("no-tls"),
                             QStringLiteral("Connect only: no TLS handshake, no certificates.")};
    QCommandLineOption noDns{QStringLiteral("no-dns"),
                             QStringLiteral("No DNS checks, and no names probed.")};
    QCommandLineOption snapshot{QStringLiteral("snapshot"),
                                QStringLiteral("A snapshot (netstat -anob) of a server, FILE or "
                                               "NAME=FILE; repeat for each server of a pool. "
                                               "Each probe is then joined with its listener's "
                                               "verdict."),
                                QStringLiteral("FILE")};
    QCommandLineOption ca{QStringLiteral("ca"),
                          QStringLiteral("Trust the CA certificates in this PEM file instead of "
                                         "the system's."),
                          QStringLiteral("FILE")};
    QCommandLineOption mediaSample{QStringLiteral("media-sample"),
                                   QStringLiteral("Also probe one random port of each TCP media "
                                                  "range on the probed side (refused is the "
                                                  "expected answer).")};
    QCommandLineOption hairpin{QStringLiteral("hairpin"),
                               QStringLiteral("Inside: also probe the NAT public addresses (a "
                                              "hairpin test).")};
};

const ProbeOptionNames &names()
{
    static const ProbeOptionNames n;
    return n;
}

OutputOptions probeOutput()
{
    return OutputOptions({.formats = {QStringLiteral("text"), QStringLiteral("json")},
                          .formatList = QStringLiteral("text or json"),
                          .bySuffix = false,
                          .outputHelp = QStringLiteral("Write to FILE (replaced atomically) "
                                                       "instead of stdout.")});
}

void declareProbe(QCommandLineParser &parser)
{
    parser.addPositionalArgument(QStringLiteral("TOPOLOGY"), QStringLiteral("Topology file."));
    const ProbeOptionNames &n = names();
    for (const QCommandLineOption &o :
         {n.side, n.server, n.pool, n.timeout, n.parallel, n.resolver, n.noTls, n.noDns, n.snapshot,
          n.ca, n.mediaSample, n.hairpin})
        parser.addOption(o);
    probeOutput().declare(parser);
}

struct ProbeParams
{
    QString topology;
    QStringList snapshots;
    QString ca;
    ProbePlanOptions plan;
    ProbeOptions run;
    Output output;
};

std::optional<UsageError> readNumbers(const QCommandLineParser &parser, ProbeOptions &run)
{
    bool ok = false;
    const double seconds = parser.value(names().timeout).toDouble(&ok);
    if (!ok || !std::isfinite(seconds) || seconds <= 0 || seconds > 3600)
        return UsageError{QStringLiteral("--timeout must be a number of seconds above 0, not "
                                         "'%1'")
                                  .arg(parser.value(names().timeout))};
    run.timeoutMs = std::max(1, int(std::lround(seconds * 1000)));
    run.parallel = parser.value(names().parallel).toInt(&ok);
    if (!ok || run.parallel < 1 || run.parallel > 1024)
        return UsageError{QStringLiteral("--parallel must be a whole number from 1 to 1024, not "
                                         "'%1'")
                                  .arg(parser.value(names().parallel))};
    return std::nullopt;
}

Validated<ProbeParams> readProbe(const Parsed &parsed)
{
    const QCommandLineParser &parser = parsed.parser;
    const ProbeOptionNames &n = names();
    if (parsed.positional().size() != 1)
        return UsageError{QStringLiteral("give exactly one TOPOLOGY file")};
    ProbeParams p;
    p.topology = parsed.positional().first();
    const std::optional<ProbeSide> side = probeSideFromString(parser.value(n.side));
    if (!side)
        return UsageError{QStringLiteral("--side must be inside or outside, not '%1'")
                                  .arg(parser.value(n.side))};
    p.plan.side = *side;
    p.plan.server = parser.value(n.server);
    p.plan.pool = parser.value(n.pool);
    p.plan.tls = !parser.isSet(n.noTls);
    p.plan.dns = !parser.isSet(n.noDns);
    p.plan.mediaSample = parser.isSet(n.mediaSample);
    p.plan.hairpin = parser.isSet(n.hairpin);
    if (p.plan.hairpin && p.plan.side != ProbeSide::Inside)
        return UsageError{QStringLiteral("--hairpin is a test from inside (--side inside)")};
    if (const std::optional<UsageError> error = readNumbers(parser, p.run))
        return *error;
    p.run.resolver = parser.value(n.resolver);
    if (const QString problem = probeOptionsProblem(p.run); !problem.isEmpty())
        return UsageError{problem};
    p.snapshots = parser.values(n.snapshot);
    p.ca = parser.value(n.ca);
    const Validated<Output> out = probeOutput().read(parsed);
    if (const UsageError *error = errorOf(out))
        return *error;
    p.output = std::get<Output>(out);
    return p;
}

// The snapshots of --snapshot, read and judged; the errors printed. Nothing when one failed.
std::optional<QList<CheckResult>> readSnapshots(const Topology &topology,
                                                const QStringList &arguments)
{
    if (arguments.isEmpty())
        return QList<CheckResult>();
    QList<SnapshotInput> inputs;
    for (const QString &argument : arguments)
        inputs.append(snapshotInput(topology, argument));
    CheckRun run = runChecks(topology, inputs);
    if (!run.errors.isEmpty()) {
        // probe's --server chooses what to probe: a snapshot's server is named NAME=FILE.
        QString errors = run.errors.join(QLatin1Char('\n'));
        errors.replace(QStringLiteral("(use --server to choose)"),
                       QStringLiteral("(name its server: --snapshot NAME=FILE)"));
        printErr(errors + QLatin1Char('\n'));
        return std::nullopt;
    }
    return run.checks;
}

int runProbe(const ProbeParams &p)
{
    const std::optional<Topology> topology = loadTopology(p.topology);
    if (!topology)
        return BadInput;
    const ProbePlan plan = buildProbePlan(*topology, p.plan);
    if (plan.error.isError())
        return usageError(QStringLiteral("probe"), plan.error.toString());
    std::optional<QList<CheckResult>> checks = readSnapshots(*topology, p.snapshots);
    if (!checks)
        return BadInput;
    ProbeOptions options = p.run;
    if (!p.ca.isEmpty()) {
        options.caCertificates = QSslCertificate::fromPath(p.ca, QSsl::Pem);
        if (options.caCertificates.isEmpty()) {
            printErr(QStringLiteral("%1: no PEM certificate in the file\n").arg(p.ca));
            return BadInput;
        }
    }
    // Loading the inputs sent nothing; this is where the probes start.
    const ProbeRun run = runProbes(plan, options);
    ProbeReport report = ProbeReport::of(*topology, run, std::move(*checks));
    report.tls = p.plan.tls;
    report.dns = p.plan.dns;
    const QString text
            = p.output.format == QLatin1String("json") ? probeJson(report) : probeText(report);
    QStringList inputs = QStringList{p.topology} + p.snapshots;
    if (!p.ca.isEmpty())
        inputs.append(p.ca);
    if (const int written = p.output.write(text.toUtf8(), inputs); written != Ok)
        return written;
    return report.hasProblems() ? ProblemsFound : Ok;
}

} // namespace

constinit const CommandSpec probeCommand{
        .name = "probe",
        .summary = "Probe the listeners from here (TCP, TLS, MS-TURN) and check the DNS records",
        .usage = "edgemap probe TOPOLOGY [--side inside|outside] [--server NAME] [--pool FQDN] "
                 "[--timeout S] [--parallel N] [--resolver IP] [--no-tls] [--no-dns] "
                 "[--snapshot FILE]... [--ca FILE] [--media-sample] [--hairpin] "
                 "[--format text|json] [-o FILE]",
        .description
        = "Probe every listener the topology says can be reached from where EdgeMap runs, as the "
          "telnet test does by hand: inside (an admin or Front End network) probes each Edge "
          "server's internal addresses; outside (the Internet) probes the external addresses, "
          "the NAT public address where there is one, and the external FQDNs through DNS. TCP "
          "ports are connected to (open, refused, timed out, unreachable); the ports that "
          "present a certificate get a TLS handshake with the name clients use (subject, SANs, "
          "issuer, expiry, key; the name not covered, expired or expiring within 30 days, "
          "untrusted, pool members that differ); UDP 3478 gets an MS-TURN Allocate request. "
          "The DNS records the topology implies are resolved (missing, wrong target, wrong "
          "address). Never probed: the media range (allocated per call; --media-sample probes "
          "one port, where refused is expected), disabled listeners, TLS on the A/V Edge's "
          "TCP 443 (not TLS).\n"
          "With --snapshot, each probe is joined with its listener's verdict in the snapshot: "
          "working, blocked between here and the Edge, service not listening, bound to the "
          "wrong address, service down and path unknown.\n"
          "Nothing is sent before the topology, the snapshots and the options are read.\n"
          "Formats: text; json (stable, see README).\n"
          "Exit codes: 0 when everything probed is reachable and fine, 1 when anything is not "
          "(or the run did not finish), 2 for bad usage or input.",
        .declare = declareProbe,
        .run = runValidated<readProbe, runProbe>,
};

} // namespace edgemap::cli
