// `edgemap certs` and `edgemap dns`: the certificate requests and the DNS records an Edge
// deployment needs, generated from the topology, as Markdown, CSV or HTML (DNS also as zone-file
// lines).
#include "cli/cli.h"
#include "cli/cli_command.h"
#include "cli/cli_common.h"
#include "cli/cli_options.h"

#include "reports/certificates.h"
#include "reports/dnsrecords.h"

#include <QCommandLineParser>

namespace edgemap::cli {

namespace {

QByteArray render(const TableDocument &doc, const QString &format)
{
    if (format == QLatin1String("csv"))
        return tablewriters::csv(doc);
    if (format == QLatin1String("html"))
        return tablewriters::html(doc);
    return tablewriters::markdown(doc);
}

OutputOptions certsOutput()
{
    return OutputOptions(
            {.formats = {QStringLiteral("md"), QStringLiteral("csv"), QStringLiteral("html")},
             .formatList = QStringLiteral("md, csv, html"),
             .outputHelp = QStringLiteral("Write to FILE instead of stdout.")});
}

OutputOptions dnsOutput()
{
    return OutputOptions({.formats = {QStringLiteral("md"), QStringLiteral("csv"),
                                      QStringLiteral("html"), QStringLiteral("zone")},
                          .formatList = QStringLiteral("md, csv, html, zone"),
                          .outputHelp = QStringLiteral("Write to FILE instead of stdout.")});
}

// TOPOLOGY, --format and -o: what a document command declares and reads.
template<OutputOptions (*output)()>
void declareDocument(QCommandLineParser &parser)
{
    parser.addPositionalArgument(QStringLiteral("TOPOLOGY"), QStringLiteral("Topology file."));
    output().declare(parser);
}

struct DocumentParams
{
    QString topology;
    Output output;
};

template<OutputOptions (*output)()>
Validated<DocumentParams> readDocument(const Parsed &parsed)
{
    if (parsed.positional().size() != 1)
        return UsageError{QStringLiteral("give exactly one TOPOLOGY file")};
    const Validated<Output> out = output().read(parsed);
    if (const UsageError *error = errorOf(out))
        return *error;
    return DocumentParams{parsed.positional().first(), std::get<Output>(out)};
}

int runCerts(const DocumentParams &p)
{
    const std::optional<Topology> t = loadTopology(p.topology);
    if (!t)
        return BadInput;
    const TableDocument doc = certificatesDocument(buildCertificatePlan(*t));
    return p.output.write(render(doc, p.output.format), {p.topology});
}

int runDns(const DocumentParams &p)
{
    const std::optional<Topology> t = loadTopology(p.topology);
    if (!t)
        return BadInput;
    const DnsPlan plan = buildDnsPlan(*t);
    return p.output.write(p.output.format == QLatin1String("zone")
                                  ? dnsZoneFile(plan)
                                  : render(dnsRecordsDocument(plan), p.output.format),
                          {p.topology});
}

} // namespace

constinit const CommandSpec certsCommand{
        .name = "certs",
        .summary = "Write the certificate requests (subjects, SANs) as Markdown, CSV or HTML",
        .usage = "edgemap certs TOPOLOGY [--format md|csv|html] [-o OUT]",
        .description
        = "Write the certificate requests of every Edge pool: the external certificate (subject "
          "and SANs: Access Edge FQDN, Web Conferencing Edge FQDN, sip.<domain> for every SIP "
          "domain, xmpp.<domain> with XMPP) and the internal certificate (pool FQDN and "
          "members), each name with the listener that presents it and the client that checks "
          "it. Missing FQDNs and SIP domains are named.\n"
          "The format follows --format, else the suffix of -o, else md. Without -o the document "
          "goes to stdout; with -o the file is replaced only once it is complete.\n"
          "Exit 0 on success, 2 for bad usage, unreadable input or an unwritable output file.",
        .declare = declareDocument<certsOutput>,
        .run = runValidated<readDocument<certsOutput>, runCerts>,
};

constinit const CommandSpec dnsCommand{
        .name = "dns",
        .summary = "Write the DNS records (A, SRV) as Markdown, CSV, HTML or zone-file lines",
        .usage = "edgemap dns TOPOLOGY [--format md|csv|html|zone] [-o OUT]",
        .description
        = "Write the DNS records of the Edge deployment: external A/AAAA records for the Access, "
          "Web Conferencing and A/V Edge FQDNs (public addresses, one per member), the SRV "
          "records of every SIP domain (_sip._tls, _sipfederationtls._tcp, _xmpp-server._tcp "
          "with XMPP), and the internal A records of the pool and its members, each with the "
          "reason. SRV targets outside the SIP domain (which break automatic partner discovery) "
          "and missing input are flagged.\n"
          "--format zone writes BIND zone-file lines (absolute names, TTL 3600) with the "
          "reasons and warnings as comments.\n"
          "The format follows --format, else the suffix of -o (.zone for zone), else md. "
          "Without -o the document goes to stdout; with -o the file is replaced only once it is "
          "complete.\n"
          "Exit 0 on success, 2 for bad usage, unreadable input or an unwritable output file.",
        .declare = declareDocument<dnsOutput>,
        .run = runValidated<readDocument<dnsOutput>, runDns>,
};

} // namespace edgemap::cli
