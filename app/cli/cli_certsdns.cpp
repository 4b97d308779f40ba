// `edgemap certs` and `edgemap dns`: the certificate requests and the DNS records an Edge
// deployment needs, generated from the topology, as Markdown, CSV or HTML (DNS also as zone-file
// lines).
#include "cli/cli.h"
#include "cli/cli_common.h"

#include "reports/certificates.h"
#include "reports/dnsrecords.h"

#include <QCommandLineParser>
#include <QFileInfo>

namespace edgemap::cli {

namespace {

struct DocumentCommand
{
    QString name;
    QString usage;
    QString description;
    QStringList formats; // the first is the default
};

QByteArray render(const TableDocument &doc, const QString &format)
{
    if (format == QLatin1String("csv"))
        return tablewriters::csv(doc);
    if (format == QLatin1String("html"))
        return tablewriters::html(doc);
    return tablewriters::markdown(doc);
}

// Parses TOPOLOGY, --format and -o, loads the topology and hands it to `write`, which returns the
// bytes for the chosen format.
template<typename Write>
int runDocumentCommand(const DocumentCommand &command, const QStringList &arguments, Write write)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(command.description);
    parser.addPositionalArgument(QStringLiteral("TOPOLOGY"), QStringLiteral("Topology file."));
    const QCommandLineOption format(QStringLiteral("format"),
                                    command.formats.join(QStringLiteral(", ")) + QLatin1Char('.'),
                                    QStringLiteral("FORMAT"));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("Write to FILE instead of stdout."),
                                    QStringLiteral("FILE"));
    parser.addOptions({format, output});
    if (const int code = parseCommand(parser, arguments, command.usage); code >= 0)
        return code;
    if (parser.positionalArguments().size() != 1)
        return usageError(command.name, QStringLiteral("give exactly one TOPOLOGY file"));
    const QString out = parser.value(output);
    QString fmt = outputFormat(parser.value(format), out, QStringLiteral("md"));
    // outputFormat knows the table suffixes only; a .zone file means the zone format.
    if (!parser.isSet(format) && command.formats.contains(QLatin1String("zone"))
        && QFileInfo(out).suffix().compare(QLatin1String("zone"), Qt::CaseInsensitive) == 0)
        fmt = QStringLiteral("zone");
    if (!command.formats.contains(fmt))
        return usageError(command.name,
                          QStringLiteral("--format must be %1, not '%2'")
                                  .arg(command.formats.join(QStringLiteral(", ")), fmt));
    const QString topologyPath = parser.positionalArguments().first();
    const std::optional<Topology> t = loadTopology(topologyPath);
    if (!t)
        return BadInput;
    return writeOutput(command.name, out, write(*t, fmt), {topologyPath});
}

} // namespace

int runCerts(const QStringList &arguments)
{
    const DocumentCommand command{
            QStringLiteral("certs"),
            QStringLiteral("edgemap certs TOPOLOGY [--format md|csv|html] [-o OUT]"),
            QStringLiteral(
                    "Write the certificate requests of every Edge pool: the external certificate "
                    "(subject and SANs: Access Edge FQDN, Web Conferencing Edge FQDN, sip.<domain> "
                    "for every SIP domain, xmpp.<domain> with XMPP) and the internal certificate "
                    "(pool FQDN and members), each name with the listener that presents it and "
                    "the client that checks it. Missing FQDNs and SIP domains are named.\n"
                    "The format follows --format, else the suffix of -o, else md. Without -o the "
                    "document goes to stdout; with -o the file is replaced only once it is "
                    "complete.\n"
                    "Exit 0 on success, 2 for bad usage, unreadable input or an unwritable output "
                    "file."),
            {QStringLiteral("md"), QStringLiteral("csv"), QStringLiteral("html")}};
    return runDocumentCommand(command, arguments, [](const Topology &t, const QString &fmt) {
        return render(certificatesDocument(buildCertificatePlan(t)), fmt);
    });
}

int runDns(const QStringList &arguments)
{
    const DocumentCommand command{
            QStringLiteral("dns"),
            QStringLiteral("edgemap dns TOPOLOGY [--format md|csv|html|zone] [-o OUT]"),
            QStringLiteral(
                    "Write the DNS records of the Edge deployment: external A/AAAA records for the "
                    "Access, Web Conferencing and A/V Edge FQDNs (public addresses, one per "
                    "member), the SRV records of every SIP domain (_sip._tls, "
                    "_sipfederationtls._tcp, _xmpp-server._tcp with XMPP), and the internal A "
                    "records of the pool and its members, each with the reason. SRV targets "
                    "outside the SIP domain (which break automatic partner discovery) and missing "
                    "input are flagged.\n"
                    "--format zone writes BIND zone-file lines (absolute names, TTL 3600) with the "
                    "reasons and warnings as comments.\n"
                    "The format follows --format, else the suffix of -o (.zone for zone), else md. "
                    "Without -o the document goes to stdout; with -o the file is replaced only "
                    "once it is complete.\n"
                    "Exit 0 on success, 2 for bad usage, unreadable input or an unwritable output "
                    "file."),
            {QStringLiteral("md"), QStringLiteral("csv"), QStringLiteral("html"),
             QStringLiteral("zone")}};
    return runDocumentCommand(command, arguments, [](const Topology &t, const QString &fmt) {
        const DnsPlan plan = buildDnsPlan(t);
        return fmt == QLatin1String("zone") ? dnsZoneFile(plan)
                                            : render(dnsRecordsDocument(plan), fmt);
    });
}

} // namespace edgemap::cli
