// `edgemap check`: judge a snapshot against a topology, as text or as stable JSON.
#include "cli.h"
#include "cli_common.h"

#include "check.h"
#include "listenerrows.h"

#include <QCommandLineParser>

#include <nlohmann/json.hpp>

namespace edgemap::cli {

namespace {

using ordered_json = nlohmann::ordered_json;

std::string u8(const QString &s)
{
    return s.toStdString();
}

struct CheckInput
{
    Topology topology;
    Snapshot snapshot;
    Judgement judgement;
};

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
    return j;
}

ordered_json listenerJson(const CheckInput &in, const ListenerRow &row, const ListenerVerdict &v)
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
    Q_UNUSED(in);
    return l;
}

QList<std::pair<ListenerRow, ListenerVerdict>> judgedRows(const CheckInput &in)
{
    QList<std::pair<ListenerRow, ListenerVerdict>> out;
    for (const ListenerRow &row : listenerRows(in.topology))
        if (row.serverId == in.judgement.server)
            if (const ListenerVerdict *v = in.judgement.verdict(row.id))
                out.append({row, *v});
    // Problems first, each group in listener order.
    std::stable_sort(out.begin(), out.end(), [](const auto &a, const auto &b) {
        return isProblem(a.second.status) && !isProblem(b.second.status);
    });
    return out;
}

QString checkJson(const CheckInput &in)
{
    ordered_json root;
    root["topology"]
            = {{"name", u8(in.topology.name)}, {"product", u8(keyOf(in.topology.product))}};
    root["snapshot"] = snapshotJson(in);
    const auto rows = judgedRows(in);
    int ok = 0;
    for (const auto &[row, v] : rows)
        ok += !isProblem(v.status);
    root["summary"] = {{"expected", rows.size()},
                       {"ok", ok},
                       {"problems", rows.size() - ok},
                       {"unexpected", in.judgement.unexpected.size()}};
    ordered_json listeners = ordered_json::array();
    for (const auto &[row, v] : rows)
        listeners.push_back(listenerJson(in, row, v));
    root["listeners"] = listeners;
    ordered_json unexpected = ordered_json::array();
    for (const UnexpectedListener &u : in.judgement.unexpected)
        unexpected.push_back(
                {{"address", u8(u.address)},
                 {"transport", u8(keyOf(u.transport))},
                 {"port", u.port},
                 {"pid", u.pid >= 0 ? ordered_json(u.pid) : ordered_json()},
                 {"process", u.process.isEmpty() ? ordered_json() : ordered_json(u8(u.process))}});
    root["unexpected"] = unexpected;
    ordered_json scenarios = ordered_json::array();
    for (const ScenarioVerdict &sv : in.judgement.scenarios) {
        const Scenario *s = in.topology.scenario(sv.scenario);
        ordered_json broken = ordered_json::array();
        for (const ListenerId &id : sv.brokenBy)
            broken.push_back(u8(id.value()));
        scenarios.push_back({{"id", u8(sv.scenario.value())},
                             {"name", u8(s ? s->name : QString())},
                             {"status", sv.ok ? "ok" : "broken"},
                             {"broken_by", broken}});
    }
    root["scenarios"] = scenarios;
    return QString::fromStdString(root.dump(2)) + QLatin1Char('\n');
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
    out += QStringLiteral("\n%1 expected listeners: %2 OK, %3 with problems, %4 unexpected\n\n")
                   .arg(rows.size())
                   .arg(rows.size() - problems)
                   .arg(problems)
                   .arg(in.judgement.unexpected.size());
    for (const auto &[row, v] : rows) {
        QString line = QStringLiteral("%1 %2 %3 %4 %5 — %6")
                               .arg(displayName(v.status).toUpper(), -14)
                               .arg(socketLabel(row.transport, row.port, row.portEnd), -16)
                               .arg(row.address, -16)
                               .arg(row.service.value(), -14)
                               .arg(row.protocol, v.detail);
        if (v.established > 0) {
            QStringList peers;
            for (const PeerId &p : v.remotePeers)
                if (const Peer *peer = in.topology.peer(p))
                    peers.append(peer->name);
            line += QStringLiteral(" [%1 established from %2 address(es)%3]")
                            .arg(v.established)
                            .arg(v.remoteAddresses.size())
                            .arg(peers.isEmpty()
                                         ? QString()
                                         : QStringLiteral(": ") + peers.join(QStringLiteral(", ")));
        }
        out += line + QLatin1Char('\n');
    }
    if (!in.judgement.unexpected.isEmpty()) {
        out += QStringLiteral("\nUnexpected listeners (bound on an external address or on all "
                              "interfaces, explained by no listener of the topology):\n");
        for (const UnexpectedListener &u : in.judgement.unexpected)
            out += QStringLiteral("  %1 on %2%3\n")
                           .arg(socketLabel(u.transport, u.port, u.port), u.address,
                                u.process.isEmpty()
                                        ? (u.pid >= 0 ? QStringLiteral(" (PID %1)").arg(u.pid)
                                                      : QString())
                                        : QStringLiteral(" (%1, PID %2)")
                                                  .arg(u.process)
                                                  .arg(u.pid));
    }
    out += QStringLiteral("\nScenarios:\n");
    for (const ScenarioVerdict &sv : in.judgement.scenarios) {
        const Scenario *s = in.topology.scenario(sv.scenario);
        QStringList broken;
        for (const ListenerId &id : sv.brokenBy)
            broken.append(id.value());
        out += QStringLiteral("  %1 %2%3\n")
                       .arg(sv.ok ? QStringLiteral("OK    ") : QStringLiteral("BROKEN"),
                            s ? s->name : sv.scenario.value(),
                            sv.ok ? QString()
                                  : QStringLiteral(" — broken by ")
                                            + broken.join(QStringLiteral(", ")));
    }
    return out;
}

} // namespace

int runCheck(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "Judge a netstat or PowerShell snapshot taken on an Edge server against the topology: "
            "for every expected listener, whether it is really there and why not; unexpected "
            "listeners; which scenarios are broken. --format json is stable (see README).\n"
            "Exit 0 when every expected listener is OK or dynamic, 1 when any is not (with "
            "--strict, also when there are unexpected listeners), 2 for bad usage or input."));
    parser.addPositionalArgument(QStringLiteral("TOPOLOGY"), QStringLiteral("Topology file."));
    parser.addPositionalArgument(QStringLiteral("SNAPSHOT"), QStringLiteral("Snapshot file."));
    const QCommandLineOption server = serverOption();
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("text or json."),
                                    QStringLiteral("FORMAT"), QStringLiteral("text"));
    const QCommandLineOption strict(QStringLiteral("strict"),
                                    QStringLiteral("Unexpected listeners are problems too."));
    parser.addOptions({server, format, strict});
    if (const int code = parseCommand(parser, arguments,
                                      QStringLiteral("edgemap check TOPOLOGY SNAPSHOT [--server "
                                                     "NAME] [--format text|json] [--strict]"));
        code >= 0)
        return code;
    const QString cmd = QStringLiteral("check");
    if (parser.positionalArguments().size() != 2)
        return usageError(cmd, QStringLiteral("give a TOPOLOGY and a SNAPSHOT file"));
    const QString fmt = parser.value(format);
    if (fmt != QLatin1String("text") && fmt != QLatin1String("json"))
        return usageError(cmd, QStringLiteral("--format must be text or json, not '%1'").arg(fmt));
    const std::optional<Topology> t = loadTopology(parser.positionalArguments().at(0));
    if (!t)
        return BadInput;
    std::optional<CheckResult> r
            = checkSnapshot(*t, parser.positionalArguments().at(1), parser.value(server));
    if (!r)
        return BadInput;
    const CheckInput in{*t, std::move(r->snapshot), std::move(r->judgement)};
    printOut(fmt == QLatin1String("json") ? checkJson(in) : checkText(in));
    const bool problems = in.judgement.problemCount() > 0
                          || (parser.isSet(strict) && !in.judgement.unexpected.isEmpty());
    return problems ? ProblemsFound : Ok;
}

} // namespace edgemap::cli
