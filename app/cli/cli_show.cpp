// `edgemap show`: the expected listeners and the scenarios, as text or as stable JSON.
#include "cli/cli.h"
#include "cli/cli_command.h"
#include "cli/cli_common.h"
#include "cli/cli_options.h"

#include "io/topologyfile.h"
#include "reports/listenerrows.h"

#include <QCommandLineParser>

#include <nlohmann/json.hpp>

namespace edgemap::cli {

namespace {

using ordered_json = nlohmann::ordered_json;

std::string u8(const QString &s)
{
    return s.toStdString();
}

const Listener *firstListenerWith(const Topology &t, const QString &key)
{
    for (const Listener *l : t.allListeners())
        if (l->hasEndpoint(key))
            return l;
    return nullptr;
}

QString endpointLabel(const Topology &t, const QString &key)
{
    const Listener *l = firstListenerWith(t, key);
    if (!l)
        return key;
    QString where = QStringLiteral("all interfaces");
    if (const Address *a = t.address(l->address))
        where = a->roles.size() == 1 ? displayName(a->roles.first())
                                     : keyOf(t.sideOfListener(*l)) + QStringLiteral(" address");
    for (const Endpoint &e : l->endpoints)
        if (e.key == key)
            return QStringLiteral("%1 %2 %3")
                    .arg(where, socketLabel(l->transport, l->port, l->portEnd), e.protocol);
    return key;
}

QString hopText(const Topology &t, const ScenarioHop &hop)
{
    switch (hop.kind) {
    case ScenarioHop::Kind::Peer: {
        const Peer *p = t.peer(hop.peer);
        return p ? p->name : hop.peer.value();
    }
    case ScenarioHop::Kind::NextHop:
        return QStringLiteral("next hop");
    case ScenarioHop::Kind::Endpoints: {
        QStringList parts;
        for (const QString &k : hop.endpointKeys)
            parts.append(endpointLabel(t, k));
        return parts.join(QStringLiteral(" or "));
    }
    }
    return {};
}

ordered_json hopJson(const ScenarioHop &hop)
{
    ordered_json j = ordered_json::object();
    switch (hop.kind) {
    case ScenarioHop::Kind::Peer:
        j["peer"] = u8(hop.peer.value());
        break;
    case ScenarioHop::Kind::NextHop:
        j["next_hop"] = true;
        break;
    case ScenarioHop::Kind::Endpoints: {
        ordered_json keys = ordered_json::array();
        for (const QString &k : hop.endpointKeys)
            keys.push_back(u8(k));
        j["endpoints"] = keys;
        break;
    }
    }
    return j;
}

QString showJson(const Topology &t)
{
    ordered_json root;
    root["topology"] = {{"name", u8(t.name)}, {"product", u8(keyOf(t.product))}};
    ordered_json listeners = ordered_json::array();
    for (const ListenerRow &r : listenerRows(t)) {
        ordered_json l;
        l["id"] = u8(r.id.value());
        l["server"] = u8(r.server);
        l["interface"] = u8(keyOf(r.side));
        l["address"] = u8(r.address);
        l["transport"] = u8(keyOf(r.transport));
        l["port"] = r.port;
        if (r.portEnd > r.port)
            l["port_end"] = r.portEnd;
        l["protocol"] = u8(r.protocol);
        l["service"] = u8(r.service.value());
        l["executable"] = u8(r.executable);
        l["purpose"] = u8(r.purpose);
        listeners.push_back(l);
    }
    root["listeners"] = listeners;
    ordered_json scenarios = ordered_json::array();
    for (const Scenario &s : t.scenarios) {
        ordered_json hops = ordered_json::array();
        for (const ScenarioHop &h : s.hops)
            hops.push_back(hopJson(h));
        scenarios.push_back({{"id", u8(s.id.value())}, {"name", u8(s.name)}, {"hops", hops}});
    }
    root["scenarios"] = scenarios;
    return QString::fromStdString(root.dump(2)) + QLatin1Char('\n');
}

QString showText(const Topology &t)
{
    QString out = QStringLiteral("%1 (%2)\n").arg(t.name, displayName(t.product));
    const QList<ListenerRow> rows = listenerRows(t);
    QString server, address;
    for (const ListenerRow &r : rows) {
        if (r.server != server) {
            server = r.server;
            address.clear();
            out += QStringLiteral("\n%1\n").arg(server);
        }
        const QString addr
                = r.allInterfaces ? QStringLiteral("all interfaces (expected on %1)").arg(r.address)
                                  : r.address;
        if (addr != address) {
            address = addr;
            QString nat = r.natPublicIp.isEmpty()
                                  ? QString()
                                  : QStringLiteral(", NAT public %1").arg(r.natPublicIp);
            out += QStringLiteral("  %1 %2 (%3%4)\n")
                           .arg(r.side == InterfaceSide::Internal ? QStringLiteral("Internal")
                                                                  : QStringLiteral("External"),
                                addr, r.addressRoles, nat);
        }
        out += QStringLiteral("    %1 %2 %3 (%4)%5\n")
                       .arg(socketLabel(r.transport, r.port, r.portEnd), -16)
                       .arg(r.protocol, -26)
                       .arg(r.service.value(), r.executable,
                            r.dynamic ? QStringLiteral(" dynamic") : QString());
    }
    out += QStringLiteral("\nScenarios\n");
    for (const Scenario &s : t.scenarios) {
        QStringList hops;
        for (const ScenarioHop &h : s.hops)
            hops.append(hopText(t, h));
        out += QStringLiteral("  %1: %2\n    %3\n")
                       .arg(s.id.value(), s.name, hops.join(QStringLiteral(" -> ")));
    }
    return out;
}

OutputOptions showFormat()
{
    return OutputOptions({.formats = {QStringLiteral("text"), QStringLiteral("json")},
                          .formatList = QStringLiteral("text or json"),
                          .bySuffix = false});
}

void declareShow(QCommandLineParser &parser)
{
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Topology file."));
    showFormat().declare(parser);
}

struct ShowParams
{
    QString path;
    QString format;
};

Validated<ShowParams> readShow(const Parsed &parsed)
{
    if (parsed.positional().size() != 1)
        return UsageError{QStringLiteral("give exactly one FILE")};
    const Validated<Output> output = showFormat().read(parsed);
    if (const UsageError *error = errorOf(output))
        return *error;
    return ShowParams{parsed.positional().first(), std::get<Output>(output).format};
}

int runShow(const ShowParams &p)
{
    const std::optional<Topology> t = loadTopology(p.path);
    if (!t)
        return BadInput;
    printOut(p.format == QLatin1String("json") ? showJson(*t) : showText(*t));
    return Ok;
}

} // namespace

constinit const CommandSpec showCommand{
        .name = "show",
        .summary = "List the expected listeners per server and interface, and the scenarios",
        .usage = "edgemap show FILE [--format text|json]",
        .description = "List the listeners the topology expects on each server and interface, "
                       "and its scenarios. --format json is stable (see README).",
        .declare = declareShow,
        .run = runValidated<readShow, runShow>,
};

} // namespace edgemap::cli
