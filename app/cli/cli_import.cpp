// The import command: the Edge pools of a deployed Lync / Skype for Business topology
// (Get-CsTopology -AsXml, or a Topology Builder file) into an EdgeMap topology file.
#include "cli/cli.h"
#include "cli/cli_command.h"
#include "cli/cli_common.h"
#include "cli/cli_options.h"

#include "document/reimport.h"
#include "io/topologyfile.h"
#include "io/topologyimport.h"

#include <QCommandLineParser>
#include <QFileInfo>

namespace edgemap::cli {

namespace {

struct ImportOptionsSpec
{
    QCommandLineOption pool{QStringLiteral("pool"),
                            QStringLiteral("Import only the Edge pool with this FQDN."),
                            QStringLiteral("FQDN")};
    QCommandLineOption site{QStringLiteral("site"),
                            QStringLiteral("Import only the Edge pools of this site."),
                            QStringLiteral("NAME")};
    QCommandLineOption force{QStringLiteral("force"),
                             QStringLiteral("Overwrite an existing output file.")};
    QCommandLineOption diff{QStringLiteral("diff"),
                            QStringLiteral("List what changed in the deployment since this "
                                           "topology file was made; with -o, write it brought "
                                           "up to date."),
                            QStringLiteral("EXISTING")};
};

// -o is required, except with --diff (readImport says so).
OutputOptions importOutput()
{
    return OutputOptions(
            {.outputHelp = QStringLiteral("Topology file to write (required without --diff).")});
}

void declareImport(QCommandLineParser &parser)
{
    importOutput().declare(parser);
    const ImportOptionsSpec opt;
    parser.addOptions({opt.pool, opt.site, opt.force, opt.diff});
    parser.addPositionalArgument(QStringLiteral("TOPOLOGY"),
                                 QStringLiteral("The topology: Get-CsTopology -AsXml output or "
                                                "a Topology Builder file (.tbxml)."));
}

struct ImportParams
{
    Output output;
    QString input;
    topologyimport::ImportOptions options;
    bool force = false;
    QString existing; // --diff
};

Validated<ImportParams> readImport(const Parsed &parsed)
{
    if (parsed.positional().size() != 1)
        return UsageError{QStringLiteral("give exactly one TOPOLOGY file")};
    const Validated<Output> output = importOutput().read(parsed);
    if (const UsageError *error = errorOf(output))
        return *error;
    const ImportOptionsSpec opt;
    ImportParams p{std::get<Output>(output), parsed.positional().first(), {}, false, {}};
    p.options.poolFqdn = parsed.parser.value(opt.pool).trimmed();
    p.options.site = parsed.parser.value(opt.site).trimmed();
    p.force = parsed.parser.isSet(opt.force);
    p.existing = parsed.parser.value(opt.diff);
    if (p.output.path.isEmpty() && p.existing.isEmpty())
        return UsageError{QStringLiteral("--output FILE is required")};
    return p;
}

QString counts(const Topology &t)
{
    int servers = 0;
    for (const EdgePool &pool : t.pools)
        servers += int(pool.servers.size());
    return QStringLiteral("%1, %2 Edge pool(s), %3 server(s), %4 listeners")
            .arg(displayName(t.product))
            .arg(t.pools.size())
            .arg(servers)
            .arg(t.allListeners().size());
}

// --diff: the changes, and with -o the existing file brought up to date (the existing file
// itself may be the output: it is read whole first and replaced atomically).
int runDiff(const ImportParams &p, const topologyimport::ImportResult &result)
{
    const std::optional<Topology> existing = loadTopology(p.existing);
    if (!existing)
        return BadInput;
    const ReimportResult merged = reimport(*existing, *result.topology);
    for (const Error &w : result.warnings)
        printErr(QStringLiteral("edgemap import: warning: %1\n").arg(w.toString()));
    if (!merged.ok()) {
        printErr(QStringLiteral("edgemap import: the changes would make %1 invalid: %2\n")
                         .arg(p.existing, merged.error));
        return BadInput;
    }
    if (merged.changes.isEmpty()) {
        printOut(QStringLiteral("No changes: %1 describes the deployment as %2 does.\n")
                         .arg(p.input, p.existing));
        return Ok;
    }
    QString text = merged.changes.size() == 1
                           ? QStringLiteral("1 change in the deployment since %1 was made:\n")
                                     .arg(p.existing)
                           : QStringLiteral("%1 changes in the deployment since %2 was made:\n")
                                     .arg(merged.changes.size())
                                     .arg(p.existing);
    for (const DeploymentChange &c : merged.changes)
        text += QStringLiteral("  ") + c.text() + QLatin1Char('\n');
    printOut(text);
    if (p.output.path.isEmpty())
        return ProblemsFound;
    const QString &path = p.output.path;
    if (const Error e = topologyfile::save(merged.topology, path); e.isError()) {
        printErr(QStringLiteral("edgemap import: %1\n").arg(e.toString()));
        return BadInput;
    }
    printOut(QStringLiteral("\nWrote %1: %2\n").arg(path, counts(merged.topology)));
    return ProblemsFound;
}

int runImport(const ImportParams &p)
{
    const QString &path = p.output.path;
    if (const int code = p.output.refuseInputs({p.input}); code != Ok)
        return code;
    if (!path.isEmpty() && QFileInfo::exists(path) && !p.force)
        return usageError(p.output.command,
                          QStringLiteral("%1 exists; use --force to overwrite it").arg(path));
    const topologyimport::ImportResult result
            = topologyimport::importTopologyFile(p.input, p.options);
    if (!result.ok()) {
        printErr(QStringLiteral("edgemap import: %1\n").arg(result.error.toString()));
        return BadInput;
    }
    if (!p.existing.isEmpty())
        return runDiff(p, result);
    if (const Error e = topologyfile::save(*result.topology, path); e.isError()) {
        printErr(QStringLiteral("edgemap import: %1\n").arg(e.toString()));
        return BadInput;
    }
    printOut(result.summary.text());
    for (const Error &w : result.warnings)
        printErr(QStringLiteral("edgemap import: warning: %1\n").arg(w.toString()));
    printOut(QStringLiteral("\nWrote %1: %2\n").arg(path, counts(*result.topology)));
    return Ok;
}

} // namespace

constinit const CommandSpec importCommand{
        .name = "import",
        .summary = "Import the Edge pools of a deployed Lync / Skype for Business topology",
        .usage = "edgemap import TOPOLOGY.xml|.tbxml -o OUT.edgemap.json [--pool FQDN] "
                 "[--site NAME] [--force]\n"
                 "       edgemap import --diff EXISTING.edgemap.json TOPOLOGY.xml|.tbxml "
                 "[-o OUT.edgemap.json [--force]] [--pool FQDN] [--site NAME]",
        .description
        = "Import the Edge pools of a deployed topology into an EdgeMap topology file: their "
          "sites, servers, internal and external addresses, NAT public addresses, external "
          "FQDNs, the ports configured for each Edge service (including ones that differ from "
          "the defaults), XMPP, the next hop, the Front End pools that use them, the CMS pool "
          "and the SIP domains. Services, purposes, firewall flows and scenarios come from "
          "EdgeMap's catalog for the product version the topology gives (ServiceVersion 7: "
          "Skype for Business Server 2015, 8: 2019).\n\n"
          "Get the topology on a Front End server:\n"
          "  Get-CsTopology -AsXml | Out-File topology.xml\n"
          "or save a copy in Topology Builder (.tbxml). Either is read by content, in UTF-16 "
          "(as PowerShell writes it) or UTF-8.\n\n"
          "Not in a topology, so not imported: the addresses of the Front End, Director and CMS "
          "pools (add them for the firewall rules), how a pool is load balanced (taken as DNS), "
          "the CLS agent ports (the product's defaults are added).\n\n"
          "Prints what it imported and the warnings (on stderr); exit 0, or 2 with the place "
          "in the file and the reason.\n\n"
          "With --diff EXISTING: what changed in the deployment since EXISTING was made (a "
          "member added or removed, an address, NAT address or external FQDN changed, a port "
          "moved, XMPP enabled, the next hop, the Front End pools), one line each. With -o it "
          "also writes EXISTING brought up to date (-o EXISTING --force updates it in place); "
          "what you added by hand stays: the topology's name, peer names and address ranges, "
          "peers you added, listeners and services you switched off. Give the same --pool or "
          "--site as the first import. Exit 0 when nothing changed, 1 when something did, 2 on "
          "bad input.",
        .declare = declareImport,
        .run = runValidated<readImport, runImport>,
};

} // namespace edgemap::cli
