// `edgemap ports`: the port table (optionally judged against a snapshot) or the firewall rule
// matrix, as CSV, Markdown or HTML.
#include "cli/cli.h"
#include "cli/cli_common.h"

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

} // namespace

int runPorts(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "Write the port table of a topology (every listener per server and address: "
            "transport, port, protocol, service, executable, who connects, purpose) or, with "
            "--firewall, the rule matrix of the external and/or internal firewall (one rule per "
            "flow and Edge address, with NAT public addresses and the product versions).\n"
            "With --snapshot the port table also says how each listener of the snapshot's "
            "server was judged, as `edgemap check` does.\n"
            "The format follows --format, else the suffix of -o, else md. Without -o the "
            "document goes to stdout; with -o the file is replaced only once it is complete.\n"
            "Exit 0 on success, 1 when a --snapshot was given and the check found problems, 2 "
            "for bad usage, unreadable input or an unwritable output file."));
    parser.addPositionalArgument(QStringLiteral("TOPOLOGY"), QStringLiteral("Topology file."));
    const QCommandLineOption snapshot(QStringLiteral("snapshot"),
                                      QStringLiteral("Judge this snapshot and show the status of "
                                                     "each listener (port table only)."),
                                      QStringLiteral("FILE"));
    const QCommandLineOption server = serverOption();
    const QCommandLineOption firewall(QStringLiteral("firewall"),
                                      QStringLiteral("external, internal or both: write the "
                                                     "firewall rule matrix instead of the port "
                                                     "table."),
                                      QStringLiteral("WHICH"));
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("csv, md or html."),
                                    QStringLiteral("FORMAT"));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("Write to FILE instead of stdout."),
                                    QStringLiteral("FILE"));
    parser.addOptions({snapshot, server, firewall, format, output});
    if (const int code
        = parseCommand(parser, arguments,
                       QStringLiteral("edgemap ports TOPOLOGY [--snapshot FILE] [--server NAME] "
                                      "[--firewall external|internal|both] [--format csv|md|html] "
                                      "[-o OUT]"));
        code >= 0)
        return code;
    const QString cmd = QStringLiteral("ports");
    if (parser.positionalArguments().size() != 1)
        return usageError(cmd, QStringLiteral("give exactly one TOPOLOGY file"));
    const QString out = parser.value(output);
    const QString fmt = outputFormat(parser.value(format), out, QStringLiteral("md"));
    if (fmt != QLatin1String("csv") && fmt != QLatin1String("md") && fmt != QLatin1String("html"))
        return usageError(cmd,
                          QStringLiteral("--format must be csv, md or html, not '%1'").arg(fmt));
    const QString which = parser.value(firewall);
    if (parser.isSet(firewall) && which != QLatin1String("external")
        && which != QLatin1String("internal") && which != QLatin1String("both"))
        return usageError(cmd, QStringLiteral("--firewall must be external, internal or both, "
                                              "not '%1'")
                                       .arg(which));
    if (parser.isSet(firewall) && parser.isSet(snapshot))
        return usageError(cmd, QStringLiteral("--snapshot applies to the port table, not to the "
                                              "firewall matrix"));
    if (parser.isSet(server) && !parser.isSet(snapshot))
        return usageError(cmd, QStringLiteral("--server needs a --snapshot"));

    const QString topologyPath = parser.positionalArguments().first();
    const std::optional<Topology> t = loadTopology(topologyPath);
    if (!t)
        return BadInput;
    if (parser.isSet(firewall)) {
        const TableDocument doc
                = firewallMatrixDocument(buildFirewallMatrix(*t), firewallChoice(which));
        return writeOutput(cmd, out, render(doc, fmt), {topologyPath});
    }
    std::optional<CheckResult> check;
    if (parser.isSet(snapshot)) {
        check = checkSnapshot(*t, parser.value(snapshot), parser.value(server));
        if (!check)
            return BadInput;
    }
    const PortTable table = buildPortTable(*t, check ? &*check : nullptr);
    if (const int code = writeOutput(cmd, out, render(portTableDocument(table), fmt),
                                     {topologyPath, parser.value(snapshot)});
        code != Ok)
        return code;
    return check && check->judgement.problemCount() > 0 ? ProblemsFound : Ok;
}

} // namespace edgemap::cli
