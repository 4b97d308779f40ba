// `edgemap ports`: the port table (optionally judged against a snapshot) or the firewall rule
// matrix, as CSV, Markdown or HTML.
#include "cli/cli.h"
#include "cli/cli_command.h"
#include "cli/cli_common.h"
#include "cli/cli_options.h"

#include "export/documentexport.h"
#include "reports/firewallmatrix.h"
#include "reports/porttable.h"
#include "snapshot/check.h"

#include <QCommandLineParser>

namespace edgemap::cli {

namespace {

QByteArray render(const TableDocument &doc, const QString &format)
{
    if (format == QLatin1String("csv"))
        return tablewriters::csv(doc);
    if (format == QLatin1String("html"))
        return tablewriters::html(doc, htmlStatusStyles());
    return tablewriters::markdown(doc);
}

std::optional<Firewall> firewallChoice(const QString &value)
{
    if (value == QLatin1String("both"))
        return std::nullopt;
    return firewallFromString(value);
}

SnapshotOptions portsSnapshot()
{
    return SnapshotOptions::option(QStringLiteral("Judge this snapshot and show the status of "
                                                  "each listener (port table only)."),
                                   QStringLiteral("give exactly one TOPOLOGY file"));
}

OutputOptions portsOutput()
{
    return OutputOptions(
            {.formats = {QStringLiteral("md"), QStringLiteral("csv"), QStringLiteral("html")},
             .formatList = QStringLiteral("csv, md or html"),
             .outputHelp = QStringLiteral("Write to FILE instead of stdout.")});
}

QCommandLineOption firewallOption()
{
    return QCommandLineOption(QStringLiteral("firewall"),
                              QStringLiteral("external, internal or both: write the firewall "
                                             "rule matrix instead of the port table."),
                              QStringLiteral("WHICH"));
}

void declarePorts(QCommandLineParser &parser)
{
    portsSnapshot().declare(parser);
    parser.addOption(firewallOption());
    portsOutput().declare(parser);
}

struct PortsParams
{
    SnapshotArgs inputs;
    Output output;
    bool firewall = false;        // the rule matrix rather than the port table
    std::optional<Firewall> only; // the matrix of this firewall; none: of both
};

// --firewall: which matrix, if any; a usage error when it is unknown or comes with a snapshot.
std::optional<UsageError> readFirewall(const QCommandLineParser &parser, PortsParams &p)
{
    const QString which = parser.value(firewallOption());
    p.firewall = parser.isSet(firewallOption());
    if (!p.firewall)
        return std::nullopt;
    if (which != QLatin1String("external") && which != QLatin1String("internal")
        && which != QLatin1String("both"))
        return UsageError{QStringLiteral("--firewall must be external, internal or both, not "
                                         "'%1'")
                                  .arg(which)};
    if (!p.inputs.snapshots.isEmpty())
        return UsageError{QStringLiteral("--snapshot applies to the port table, not to the "
                                         "firewall matrix")};
    p.only = firewallChoice(which);
    return std::nullopt;
}

Validated<PortsParams> readPorts(const Parsed &parsed)
{
    const Validated<SnapshotArgs> inputs = portsSnapshot().read(parsed);
    if (const UsageError *error = errorOf(inputs))
        return *error;
    const Validated<Output> output = portsOutput().read(parsed);
    if (const UsageError *error = errorOf(output))
        return *error;
    PortsParams p{std::get<SnapshotArgs>(inputs), std::get<Output>(output), false, std::nullopt};
    if (const std::optional<UsageError> error = readFirewall(parsed.parser, p))
        return *error;
    if (const std::optional<UsageError> error = portsSnapshot().checkServer(parsed))
        return *error;
    return p;
}

int runPorts(const PortsParams &p)
{
    const std::optional<Topology> t = loadTopology(p.inputs.topology);
    if (!t)
        return BadInput;
    if (p.firewall) {
        const TableDocument doc = firewallMatrixDocument(buildFirewallMatrix(*t), p.only);
        return p.output.write(render(doc, p.output.format), {p.inputs.topology});
    }
    std::optional<CheckResult> check;
    if (!p.inputs.snapshots.isEmpty()) {
        check = checkSnapshot(*t, p.inputs.snapshot(), p.inputs.server);
        if (!check)
            return BadInput;
    }
    const PortTable table = buildPortTable(*t, check ? &*check : nullptr);
    if (const int code = p.output.write(render(portTableDocument(table), p.output.format),
                                        {p.inputs.topology, p.inputs.snapshot()});
        code != Ok)
        return code;
    return check && check->judgement.problemCount() > 0 ? ProblemsFound : Ok;
}

} // namespace

constinit const CommandSpec portsCommand{
        .name = "ports",
        .summary = "Write the port table or the firewall rule matrix as CSV, Markdown or HTML",
        .usage = "edgemap ports TOPOLOGY [--snapshot FILE] [--server NAME] "
                 "[--firewall external|internal|both] [--format csv|md|html] [-o OUT]",
        .description
        = "Write the port table of a topology (every listener per server and address: "
          "transport, port, protocol, service, executable, who connects, purpose) or, with "
          "--firewall, the rule matrix of the external and/or internal firewall (one rule per "
          "flow and Edge address, with NAT public addresses and the product versions).\n"
          "With --snapshot the port table also says how each listener of the snapshot's "
          "server was judged, as `edgemap check` does.\n"
          "The format follows --format, else the suffix of -o, else md. Without -o the "
          "document goes to stdout; with -o the file is replaced only once it is complete.\n"
          "Exit 0 on success, 1 when a --snapshot was given and the check found problems, 2 "
          "for bad usage, unreadable input or an unwritable output file.",
        .declare = declarePorts,
        .run = runValidated<readPorts, runPorts>,
};

} // namespace edgemap::cli
