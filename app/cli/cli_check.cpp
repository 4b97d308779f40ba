// `edgemap check`: judge a snapshot against a topology, as text or as stable JSON.
#include "cli/cli.h"
#include "cli/cli_command.h"
#include "cli/cli_common.h"
#include "cli/cli_options.h"

#include "reports/listenerrows.h"
#include "reports/monitoring.h"
#include "snapshot/check.h"
#include "snapshot/diagnosis.h"
#include "snapshot/findings.h"
#include "snapshot/wellknownports.h"

#include <QCommandLineParser>
#include <QDateTime>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

namespace edgemap::cli {

namespace {

using ordered_json = nlohmann::ordered_json;

std::string u8(const QString &s)
{
    return s.toStdString();
}

// One server's check, as the text and JSON writers read it.
struct CheckInput
{
    const Topology &topology;
    const Snapshot &snapshot;
    const Judgement &judgement;
    QString source;
};

std::vector<CheckInput> inputsOf(const Topology &topology, const QList<CheckResult> &checks)
{
    std::vector<CheckInput> out;
    for (const CheckResult &c : checks)
        out.push_back({topology, c.snapshot, c.judgement, c.source.text()});
    return out;
}

ordered_json snapshotJson(const CheckInput &in)
{
    const Snapshot &s = in.snapshot;
    const EdgeServer *server = in.topology.server(in.judgement.server);
    ordered_json j;
    j["format"] = u8(s.format);
    j["encoding"] = u8(s.encoding);
    j["rows"] = s.rows.size();
    j["unrecognised_lines"] = s.unrecognisedLines;
    j["server"] = u8(server ? server->fqdn : QString());
    if (!s.header.host.isEmpty())
        j["host"] = u8(s.header.host);
    if (s.header.time.isValid())
        j["time"] = u8(s.header.time.toString(Qt::ISODate));
    // What the reader assumed (added keys; the ones above stay as they were).
    j["line_ends"] = u8(s.lineEnds);
    j["transcript_lines_skipped"] = s.transcriptLines;
    ordered_json commands = ordered_json::array();
    for (const QString &c : s.commands)
        commands.push_back(u8(c));
    j["commands"] = commands;
    j["filter"] = s.filter.isEmpty() ? ordered_json() : ordered_json(u8(s.filter));
    j["encoding_guessed"] = s.encodingGuessed;
    return j;
}

ordered_json listenerJson(const ListenerRow &row, const ListenerVerdict &v)
{
    ordered_json l;
    l["server"] = u8(row.server);
    l["service"] = u8(row.service.value());
    l["executable"] = u8(row.executable);
    l["address"] = u8(row.address);
    l["transport"] = u8(keyOf(row.transport));
    l["port"] = row.port;
    if (row.portEnd > row.port)
        l["port_end"] = row.portEnd;
    l["protocol"] = u8(row.protocol);
    l["status"] = u8(keyOf(v.status));
    l["detail"] = u8(v.detail);
    if (v.observed)
        l["observed"] = {
                {"address", u8(v.observed->address)},
                {"pid", v.observed->pid >= 0 ? ordered_json(v.observed->pid) : ordered_json()},
                {"process", v.observed->process.isEmpty() ? ordered_json()
                                                          : ordered_json(u8(v.observed->process))}};
    else
        l["observed"] = nullptr;
    l["established"] = v.established;
    l["remote_addresses"] = v.remoteAddresses.size();
    ordered_json peers = ordered_json::array();
    for (const PeerId &p : v.remotePeers)
        peers.push_back(u8(p.value()));
    l["remote_peers"] = peers;
    if (row.dynamic)
        l["relay_ports"] = row.transport == Transport::Tcp ? v.relayTcp : v.relayUdp;
    return l;
}

QList<std::pair<ListenerRow, ListenerVerdict>> judgedRows(const QList<ListenerRow> &all,
                                                          const CheckInput &in)
{
    QList<std::pair<ListenerRow, ListenerVerdict>> out;
    for (monitoring::JudgedListener &l : monitoring::judgedListeners(all, in.judgement))
        out.append({std::move(l.row), std::move(l.verdict)});
    return out;
}

// Problems first, each group in listener order (and server order across servers).
void problemsFirst(QList<std::pair<ListenerRow, ListenerVerdict>> &rows)
{
    std::stable_sort(rows.begin(), rows.end(), [](const auto &a, const auto &b) {
        return isProblem(a.second.status) && !isProblem(b.second.status);
    });
}

QList<std::pair<ListenerRow, ListenerVerdict>> judgedRows(const CheckInput &in)
{
    auto out = judgedRows(listenerRows(in.topology), in);
    problemsFirst(out);
    return out;
}

ordered_json summaryJson(qsizetype expected, qsizetype ok, qsizetype unexpected)
{
    return {{"expected", expected},
            {"ok", ok},
            {"problems", expected - ok},
            {"unexpected", unexpected}};
}

qsizetype okCount(const QList<std::pair<ListenerRow, ListenerVerdict>> &rows)
{
    return std::count_if(rows.cbegin(), rows.cend(),
                         [](const auto &r) { return !isProblem(r.second.status); });
}

// With several snapshots, entries that are not per listener name their server (a listener's
// entry always does); with one, the document is exactly the one-snapshot shape of the README.
void appendUnexpected(ordered_json &out, const CheckInput &in, bool several)
{
    const EdgeServer *server = in.topology.server(in.judgement.server);
    for (const UnexpectedListener &u : in.judgement.unexpected) {
        ordered_json j;
        if (several)
            j["server"] = u8(server ? server->fqdn : QString());
        j["address"] = u8(u.address);
        j["transport"] = u8(keyOf(u.transport));
        j["port"] = u.port;
        j["pid"] = u.pid >= 0 ? ordered_json(u.pid) : ordered_json();
        j["process"] = u.process.isEmpty() ? ordered_json() : ordered_json(u8(u.process));
        if (const auto known = wellKnownPort(u.transport, u.port))
            j["well_known"] = {{"name", u8(known->name)}, {"explanation", u8(known->explanation)}};
        if (const QString finding = hardeningFinding(u); !finding.isEmpty())
            j["warning"] = u8(finding);
        out.push_back(j);
    }
}

void appendServicesDown(ordered_json &out, const CheckInput &in)
{
    const EdgeServer *server = in.topology.server(in.judgement.server);
    for (const ServiceDown &down : in.judgement.servicesDown) {
        ordered_json listeners = ordered_json::array();
        for (const ListenerId &id : down.listeners)
            listeners.push_back(u8(id.value()));
        out.push_back({{"server", u8(server ? server->fqdn : QString())},
                       {"service", u8(down.service.value())},
                       {"detail", u8(down.text)},
                       {"listeners", listeners}});
    }
}

void appendScenarios(ordered_json &out, const CheckInput &in, bool several)
{
    const EdgeServer *server = in.topology.server(in.judgement.server);
    for (const ScenarioVerdict &sv : in.judgement.scenarios) {
        const Scenario *s = in.topology.scenario(sv.scenario);
        ordered_json broken = ordered_json::array();
        ordered_json reasons = ordered_json::array();
        for (const ListenerId &id : sv.brokenBy) {
            broken.push_back(u8(id.value()));
            reasons.push_back(u8(breakReason(in.topology, in.judgement, id)));
        }
        ordered_json j;
        if (several)
            j["server"] = u8(server ? server->fqdn : QString());
        j["id"] = u8(sv.scenario.value());
        j["name"] = u8(s ? s->name : QString());
        j["status"] = sv.ok ? "ok" : "broken";
        j["broken_by"] = broken;
        j["reasons"] = reasons;
        out.push_back(j);
    }
}

QString checkJson(const Topology &topology, const std::vector<CheckInput> &inputs)
{
    const bool several = inputs.size() > 1;
    const QList<ListenerRow> all = listenerRows(topology);
    ordered_json root;
    root["topology"] = {{"name", u8(topology.name)}, {"product", u8(keyOf(topology.product))}};
    QList<std::pair<ListenerRow, ListenerVerdict>> rows;
    ordered_json snapshots = ordered_json::array();
    qsizetype unexpectedCount = 0;
    for (const CheckInput &in : inputs) {
        const auto own = judgedRows(all, in);
        ordered_json s = snapshotJson(in);
        s["file"] = u8(in.source);
        s["summary"] = summaryJson(own.size(), okCount(own), in.judgement.unexpected.size());
        snapshots.push_back(s);
        rows += own;
        unexpectedCount += in.judgement.unexpected.size();
    }
    problemsFirst(rows);
    if (several)
        root["snapshots"] = snapshots;
    else
        root["snapshot"] = snapshotJson(inputs.front());
    root["summary"] = summaryJson(rows.size(), okCount(rows), unexpectedCount);
    ordered_json listeners = ordered_json::array();
    for (const auto &[row, v] : rows)
        listeners.push_back(listenerJson(row, v));
    root["listeners"] = listeners;
    ordered_json unexpected = ordered_json::array();
    ordered_json scenarios = ordered_json::array();
    ordered_json servicesDown = ordered_json::array();
    for (const CheckInput &in : inputs) {
        appendUnexpected(unexpected, in, several);
        appendScenarios(scenarios, in, several);
        appendServicesDown(servicesDown, in);
    }
    root["services_down"] = servicesDown;
    root["unexpected"] = unexpected;
    root["scenarios"] = scenarios;
    return QString::fromStdString(root.dump(2)) + QLatin1Char('\n');
}

QString listenerLine(const Topology &topology, const ListenerRow &row, const ListenerVerdict &v)
{
    QString line = QStringLiteral("%1 %2 %3 %4 %5 — %6")
                           .arg(displayName(v.status).toUpper(), -14)
                           .arg(socketLabel(row.transport, row.port, row.portEnd), -16)
                           .arg(row.address, -16)
                           .arg(row.service.value(), -14)
                           .arg(row.protocol, v.detail);
    if (v.established > 0) {
        QStringList peers;
        for (const PeerId &p : v.remotePeers)
            if (const Peer *peer = topology.peer(p))
                peers.append(peer->name);
        line += QStringLiteral(" [%1 established from %2 address(es)%3]")
                        .arg(v.established)
                        .arg(v.remoteAddresses.size())
                        .arg(peers.isEmpty()
                                     ? QString()
                                     : QStringLiteral(": ") + peers.join(QStringLiteral(", ")));
    }
    return line + QLatin1Char('\n');
}

QString checkText(const CheckInput &in)
{
    const EdgeServer *server = in.topology.server(in.judgement.server);
    const auto rows = judgedRows(in);
    int problems = 0;
    for (const auto &[row, v] : rows)
        problems += isProblem(v.status);
    QString out = QStringLiteral("%1 (%2): %3\nSnapshot: %4, %5, %6 rows")
                          .arg(in.topology.name, displayName(in.topology.product), server->fqdn,
                               in.snapshot.format, in.snapshot.encoding)
                          .arg(in.snapshot.rows.size());
    if (in.snapshot.unrecognisedLines > 0)
        out += QStringLiteral(", %1 unrecognised lines (first at line %2)")
                       .arg(in.snapshot.unrecognisedLines)
                       .arg(in.snapshot.firstUnrecognisedLine);
    for (const QString &assumption : readAssumptions(in.snapshot))
        out += QStringLiteral("\nAssumed: ") + assumption;
    // Sockets counted as the window counts them: a port on both 0.0.0.0 and [::] is one.
    const QList<UnexpectedSocket> sockets = groupUnexpected(in.judgement.unexpected);
    out += QStringLiteral("\n%1 expected listeners: %2 OK, %3 with problems, %4 unexpected\n\n")
                   .arg(rows.size())
                   .arg(rows.size() - problems)
                   .arg(problems)
                   .arg(sockets.size());
    // A down service is one finding, its listeners indented under it; then the other listeners,
    // problems first.
    for (const ServiceDown &down : in.judgement.servicesDown) {
        out += QStringLiteral("%1 %2\n").arg(QStringLiteral("SERVICE DOWN"), -14).arg(down.text);
        for (const auto &[row, v] : rows)
            if (down.listeners.contains(row.id))
                out += QStringLiteral("  ") + listenerLine(in.topology, row, v);
    }
    for (const auto &[row, v] : rows)
        if (!v.serviceDown)
            out += listenerLine(in.topology, row, v);
    if (!in.judgement.unexpected.isEmpty()) {
        out += QStringLiteral("\nUnexpected listeners (bound on an external address or on all "
                              "interfaces, explained by no listener of the topology):\n");
        const QList<UnexpectedListener> &all = in.judgement.unexpected;
        for (const UnexpectedSocket &socket : sockets) {
            const UnexpectedListener &u = all.at(socket.indexes.first());
            out += QStringLiteral("  %1 on %2%3\n")
                           .arg(socketLabel(u.transport, u.port, u.port), addressesOf(all, socket),
                                u.process.isEmpty()
                                        ? (u.pid >= 0 ? QStringLiteral(" (PID %1)").arg(u.pid)
                                                      : QString())
                                        : QStringLiteral(" (%1, PID %2)")
                                                  .arg(u.process)
                                                  .arg(u.pid));
            if (const QString finding = hardeningFinding(all, socket); !finding.isEmpty())
                out += QStringLiteral("    WARNING: %1\n").arg(finding);
            else if (const QString known = explainUnexpected(u); !known.isEmpty())
                out += QStringLiteral("    %1\n").arg(known);
        }
    }
    out += QStringLiteral("\nScenarios:\n");
    for (const ScenarioVerdict &sv : in.judgement.scenarios) {
        const Scenario *s = in.topology.scenario(sv.scenario);
        QStringList broken;
        for (const ListenerId &id : sv.brokenBy) {
            const Listener *l = in.topology.listener(id);
            broken.append(l && !in.topology.isActive(*l)
                                  ? QStringLiteral("%1 (disabled)").arg(id.value())
                                  : id.value());
        }
        out += QStringLiteral("  %1 %2%3\n")
                       .arg(sv.ok ? QStringLiteral("OK    ") : QStringLiteral("BROKEN"),
                            s ? s->name : sv.scenario.value(),
                            sv.ok ? QString()
                                  : QStringLiteral(" — broken by ")
                                            + broken.join(QStringLiteral(", ")));
    }
    return out;
}

// Several servers: each one's report as for one snapshot, then the totals.
QString checkText(const std::vector<CheckInput> &inputs)
{
    if (inputs.size() == 1)
        return checkText(inputs.front());
    QString out;
    qsizetype expected = 0;
    qsizetype problems = 0;
    qsizetype unexpected = 0;
    for (const CheckInput &in : inputs) {
        const auto rows = judgedRows(in);
        expected += rows.size();
        problems += rows.size() - okCount(rows);
        unexpected += groupUnexpected(in.judgement.unexpected).size();
        out += QStringLiteral("== %1\n").arg(in.source) + checkText(in) + QLatin1Char('\n');
    }
    out += QStringLiteral("All %1 servers: %2 expected listeners: %3 OK, %4 with problems, %5 "
                          "unexpected\n")
                   .arg(inputs.size())
                   .arg(expected)
                   .arg(expected - problems)
                   .arg(problems)
                   .arg(unexpected);
    return out;
}

enum class Format { Text, Json, Nagios, Prometheus };

std::optional<Format> formatOf(const QString &name)
{
    if (name == QLatin1String("text"))
        return Format::Text;
    if (name == QLatin1String("json"))
        return Format::Json;
    if (name == QLatin1String("nagios"))
        return Format::Nagios;
    if (name == QLatin1String("prometheus"))
        return Format::Prometheus;
    return std::nullopt;
}

// Whether the command line asks for the plugin format, read before (or without) a successful
// parse: a monitoring plugin reports even its usage errors as UNKNOWN.
bool asksForNagios(const QStringList &arguments)
{
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if (a == QLatin1String("--format=nagios") || a == QLatin1String("-format=nagios"))
            return true;
        if ((a == QLatin1String("--format") || a == QLatin1String("-format"))
            && arguments.value(i + 1) == QLatin1String("nagios"))
            return true;
    }
    return false;
}

int pluginResult(const monitoring::PluginOutput &output)
{
    printOut(output.text);
    return int(output.state);
}

// Reads the topology and every snapshot; the errors of all that could not be read or matched.
struct Inputs
{
    std::optional<Topology> topology;
    CheckRun set;
    QStringList paths; // every input file, which -o must not name
    QStringList errors;
};

Inputs readInputs(const SnapshotArgs &args)
{
    Inputs in;
    in.paths.append(args.topology);
    topologyfile::ReadResult t = topologyfile::load(args.topology);
    if (!t.ok()) {
        in.errors.append(t.error.toString());
        return in;
    }
    in.topology = std::move(t.topology);
    QList<SnapshotInput> snapshots;
    for (const QString &argument : args.snapshots) {
        snapshots.append(snapshotInput(*in.topology, argument));
        in.paths.append(snapshots.constLast().path);
    }
    in.set = runChecks(*in.topology, snapshots, args.server);
    in.errors = in.set.errors;
    return in;
}

SnapshotOptions checkSnapshots()
{
    return SnapshotOptions::perServer();
}

OutputOptions checkOutput()
{
    return OutputOptions({.formats = {QStringLiteral("text"), QStringLiteral("json"),
                                      QStringLiteral("nagios"), QStringLiteral("prometheus")},
                          .formatList = QStringLiteral("text, json, nagios or prometheus"),
                          .bySuffix = false,
                          .outputHelp = QStringLiteral("Write to FILE (replaced atomically) "
                                                       "instead of stdout.")});
}

QCommandLineOption strictOption()
{
    return QCommandLineOption(QStringLiteral("strict"),
                              QStringLiteral("Unexpected listeners are problems too."));
}

void declareCheck(QCommandLineParser &parser)
{
    checkSnapshots().declare(parser);
    checkOutput().declare(parser);
    parser.addOption(strictOption());
}

struct CheckParams
{
    SnapshotArgs inputs;
    Output output;
    Format format = Format::Text;
    bool strict = false;
};

Validated<CheckParams> readCheck(const Parsed &parsed)
{
    const Validated<SnapshotArgs> inputs = checkSnapshots().read(parsed);
    if (const UsageError *error = errorOf(inputs))
        return *error;
    const Validated<Output> output = checkOutput().read(parsed);
    if (const UsageError *error = errorOf(output))
        return *error;
    if (const std::optional<UsageError> error = checkSnapshots().checkServer(parsed))
        return *error;
    const Output &out = std::get<Output>(output);
    return CheckParams{std::get<SnapshotArgs>(inputs), out, *formatOf(out.format),
                       parsed.parser.isSet(strictOption())};
}

// A monitoring plugin reports even its usage errors as UNKNOWN.
std::optional<int> pluginUsageError(const QStringList &arguments, const QString &message)
{
    if (!asksForNagios(arguments))
        return std::nullopt;
    return pluginResult(monitoring::nagiosUnknown({QStringLiteral("edgemap check: ") + message}));
}

// Inputs that could not be read or matched: the errors, as the format reports them.
int inputsFailed(const CheckParams &p, const Inputs &in, const QDateTime &now)
{
    if (p.format == Format::Nagios)
        return pluginResult(monitoring::nagiosUnknown(in.errors));
    printErr(in.errors.join(QLatin1Char('\n')) + QLatin1Char('\n'));
    // The collector keeps exporting what the file says: say that this run failed rather than
    // leave the previous run's figures looking current.
    if (p.format == Format::Prometheus)
        p.output.write(monitoring::prometheusFailed(now).toUtf8(), in.paths);
    return BadInput;
}

// The checks in the chosen format, and the exit code they call for.
std::pair<QString, int> reportChecks(const CheckParams &p, const Topology &topology,
                                     const QList<CheckResult> &checks, const QDateTime &now)
{
    bool problems = false;
    for (const CheckResult &c : checks)
        problems = problems || c.judgement.problemCount() > 0
                   || (p.strict && !c.judgement.unexpected.isEmpty());
    const int code = problems ? ProblemsFound : Ok;
    switch (p.format) {
    case Format::Nagios: {
        const monitoring::PluginOutput plugin = monitoring::nagios(topology, checks, p.strict, now);
        return {plugin.text, int(plugin.state)};
    }
    case Format::Prometheus:
        return {monitoring::prometheus(topology, checks, now), code};
    case Format::Json:
        return {checkJson(topology, inputsOf(topology, checks)), code};
    case Format::Text:
        break;
    }
    return {checkText(inputsOf(topology, checks)), code};
}

int runCheck(const CheckParams &p)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const Inputs in = readInputs(p.inputs);
    if (!in.errors.isEmpty())
        return inputsFailed(p, in, now);
    const auto [text, code] = reportChecks(p, *in.topology, in.set.checks, now);
    if (const int written = p.output.write(text.toUtf8(), in.paths); written != Ok)
        return p.format == Format::Nagios ? int(monitoring::PluginState::Unknown) : written;
    return code;
}

} // namespace

constinit const CommandSpec checkCommand{
        .name = "check",
        .summary = "Judge a netstat snapshot against the topology: each listener OK or why not",
        .usage = "edgemap check TOPOLOGY SNAPSHOT... [--server NAME] "
                 "[--format text|json|nagios|prometheus] [-o FILE] [--strict]",
        .description
        = "Judge netstat or PowerShell snapshots taken on Edge servers against the topology: for "
          "every expected listener, whether it is really there and why not; unexpected "
          "listeners; which scenarios are broken.\n"
          "Give one snapshot per server of a pool to check them in one run: each is matched to "
          "its server by its addresses, or named NAME=FILE (NAME a server id, FQDN or host name "
          "of the topology); two snapshots of one server are an error. --server NAME names the "
          "server of a single snapshot.\n"
          "Formats: text; json (stable, see README); nagios (a monitoring plugin's status line "
          "with performance data, exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN: a listener that "
          "does not work is CRITICAL, an exposed or unknown one WARNING, with --strict an "
          "unexpected listener WARNING, bad usage or input UNKNOWN); prometheus (the "
          "node_exporter textfile collector format; with -o the file is replaced atomically, "
          "and bad input writes edgemap_check_success 0).\n"
          "Exit codes except for nagios: 0 when every expected listener is OK or dynamic, 1 "
          "when any is not (with --strict, also when there are unexpected listeners), 2 for bad "
          "usage or input.",
        .declare = declareCheck,
        .run = runValidated<readCheck, runCheck>,
        .ownUsageError = pluginUsageError,
};

} // namespace edgemap::cli
