// The topology commands: new, validate, show.
#include "cli/cli.h"
#include "cli/cli_command.h"
#include "cli/cli_common.h"
#include "cli/cli_options.h"

#include "core/templates.h"
#include "io/topologyfile.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QRegularExpression>

namespace edgemap::cli {

namespace {

// The NAT public addresses of "public=IP[+IP+IP]": in the order of the external addresses.
bool setPublicIps(MemberParams &m, const QStringList &ips)
{
    if (ips.size() == 1) {
        m.avPublicIp = ips[0]; // the single-IP layout's one address
        return true;
    }
    if (ips.size() != 3)
        return false;
    m.accessPublicIp = ips[0];
    m.webConfPublicIp = ips[1];
    m.avPublicIp = ips[2];
    return true;
}

// "fqdn=edge02.contoso.local,internal=172.25.33.11,external=IP[+IP+IP],public=IP[+IP+IP]"; the
// public addresses one by one as access-public=, webconf-public=, av-public=.
std::optional<MemberParams> parseMember(const QString &text, QString *error)
{
    MemberParams m;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString key = part.section(QLatin1Char('='), 0, 0).trimmed();
        const QString value = part.section(QLatin1Char('='), 1).trimmed();
        if (key == QLatin1String("fqdn"))
            m.fqdn = value;
        else if (key == QLatin1String("internal"))
            m.internalIp = value;
        else if (key == QLatin1String("external"))
            m.externalIps = value.split(QLatin1Char('+'), Qt::SkipEmptyParts);
        else if (key == QLatin1String("public")) {
            if (!setPublicIps(m, value.split(QLatin1Char('+'), Qt::SkipEmptyParts))) {
                *error = QStringLiteral("--member '%1': public= takes one address or three "
                                        "joined by '+' (Access+Web Conferencing+A/V)")
                                 .arg(text);
                return std::nullopt;
            }
        } else if (key == QLatin1String("access-public"))
            m.accessPublicIp = value;
        else if (key == QLatin1String("webconf-public"))
            m.webConfPublicIp = value;
        else if (key == QLatin1String("av-public"))
            m.avPublicIp = value;
        else {
            *error = QStringLiteral("--member '%1': unknown key '%2' (expected fqdn, internal, "
                                    "external, public, access-public, webconf-public, "
                                    "av-public)")
                             .arg(text, key);
            return std::nullopt;
        }
    }
    if (m.fqdn.isEmpty() || m.internalIp.isEmpty() || m.externalIps.isEmpty()) {
        *error = QStringLiteral("--member '%1': fqdn, internal and external are required")
                         .arg(text);
        return std::nullopt;
    }
    return m;
}

QString productList()
{
    QStringList ids;
    for (Product p : allProducts())
        ids.append(keyOf(p));
    return ids.join(QLatin1Char('|'));
}

// The options of `new` after -o, in the order --help lists them.
struct NewOptions
{
    QCommandLineOption product{
            QStringLiteral("product"),
            QStringLiteral("Product version: %1 (default lync2013).").arg(productList()),
            QStringLiteral("PRODUCT"), QStringLiteral("lync2013")};
    QCommandLineOption name{QStringLiteral("name"), QStringLiteral("Topology name."),
                            QStringLiteral("NAME")};
    QCommandLineOption internalIp{QStringLiteral("internal-ip"),
                                  QStringLiteral("Internal interface address."),
                                  QStringLiteral("IP")};
    QCommandLineOption externalIp{QStringLiteral("external-ip"),
                                  QStringLiteral("External address, or three: Access,Web "
                                                 "Conferencing,A/V."),
                                  QStringLiteral("IP[,IP,IP]")};
    QCommandLineOption accessPublic{
            QStringLiteral("access-public-ip"),
            QStringLiteral("Public address the Access Edge address is NATed to."),
            QStringLiteral("IP")};
    QCommandLineOption webconfPublic{
            QStringLiteral("webconf-public-ip"),
            QStringLiteral("Public address the Web Conferencing Edge address is NATed to."),
            QStringLiteral("IP")};
    QCommandLineOption avPublic{QStringLiteral("av-public-ip"),
                                QStringLiteral("Public address the A/V Edge address is NATed to "
                                               "(the one Topology Builder asks for)."),
                                QStringLiteral("IP")};
    QCommandLineOption sipDomain{
            QStringLiteral("sip-domain"),
            QStringLiteral("A SIP domain of the deployment (repeatable or comma separated; the "
                           "default SIP domain first). Used by the certificate and DNS "
                           "documents."),
            QStringLiteral("DOMAIN")};
    QCommandLineOption nextHop{QStringLiteral("next-hop"),
                               QStringLiteral("director or frontend (default director)."),
                               QStringLiteral("KIND"), QStringLiteral("director")};
    QCommandLineOption xmpp{QStringLiteral("xmpp"),
                            QStringLiteral("Enable XMPP federation (2013 and 2015 only).")};
    QCommandLineOption publicIm{
            QStringLiteral("public-im"),
            QStringLiteral("Model public IM connectivity with Skype and Skype directory search "
                           "(historical: Skype consumer was retired on 5 May 2025).")};
    QCommandLineOption serverFqdn{QStringLiteral("server-fqdn"),
                                  QStringLiteral("FQDN of the (first) Edge server."),
                                  QStringLiteral("FQDN"), QStringLiteral("edge01.contoso.local")};
    QCommandLineOption poolFqdn{QStringLiteral("pool-fqdn"),
                                QStringLiteral("Internal FQDN of the Edge pool."),
                                QStringLiteral("FQDN")};
    QCommandLineOption site{QStringLiteral("site"), QStringLiteral("Site name."),
                            QStringLiteral("NAME"), QStringLiteral("Site 1")};
    QCommandLineOption member{QStringLiteral("member"),
                              QStringLiteral("A further pool member (repeatable)."),
                              QStringLiteral("SPEC")};
    QCommandLineOption accessFqdn{QStringLiteral("access-fqdn"),
                                  QStringLiteral("External Access Edge FQDN."),
                                  QStringLiteral("FQDN")};
    QCommandLineOption webconfFqdn{QStringLiteral("webconf-fqdn"),
                                   QStringLiteral("External Web Conferencing Edge FQDN."),
                                   QStringLiteral("FQDN")};
    QCommandLineOption avFqdn{QStringLiteral("av-fqdn"), QStringLiteral("External A/V Edge FQDN."),
                              QStringLiteral("FQDN")};
    QCommandLineOption force{QStringLiteral("force"),
                             QStringLiteral("Overwrite an existing output file.")};

    QList<QCommandLineOption> all() const
    {
        return {product,       name,        internalIp, externalIp, accessPublic,
                webconfPublic, avPublic,    sipDomain,  nextHop,    xmpp,
                publicIm,      serverFqdn,  poolFqdn,   site,       member,
                accessFqdn,    webconfFqdn, avFqdn,     force};
    }
};

OutputOptions newOutput()
{
    return OutputOptions({.outputHelp = QStringLiteral("Topology file to write (required)."),
                          .outputRequired = QStringLiteral("--output FILE is required")});
}

void declareNew(QCommandLineParser &parser)
{
    newOutput().declare(parser);
    parser.addOptions(NewOptions().all());
}

struct NewParams
{
    Output output;
    TemplateParams topology;
    bool force = false;
};

// --product and --next-hop into `params`; the usage error when one is unknown.
std::optional<UsageError> readChoices(const QCommandLineParser &parser, const NewOptions &opt,
                                      TemplateParams &params)
{
    const auto p = productFromString(parser.value(opt.product));
    if (!p)
        return UsageError{QStringLiteral("unknown product '%1' (expected %2)")
                                  .arg(parser.value(opt.product), productList())};
    params.product = *p;
    if (parser.value(opt.nextHop) == QLatin1String("director"))
        params.nextHop = NextHopKind::Director;
    else if (parser.value(opt.nextHop) == QLatin1String("frontend"))
        params.nextHop = NextHopKind::FrontEnd;
    else
        return UsageError{QStringLiteral("--next-hop must be director or frontend, not '%1'")
                                  .arg(parser.value(opt.nextHop))};
    return std::nullopt;
}

// The first server (--server-fqdn, --internal-ip, --external-ip, --*-public-ip), then each
// --member: at least one.
Validated<QList<MemberParams>> readMembers(const QCommandLineParser &parser, const NewOptions &opt)
{
    QList<MemberParams> members;
    if (parser.isSet(opt.internalIp) || parser.isSet(opt.externalIp)) {
        if (!parser.isSet(opt.internalIp) || !parser.isSet(opt.externalIp))
            return UsageError{QStringLiteral("--internal-ip and --external-ip go together")};
        members.append(MemberParams{
                parser.value(opt.serverFqdn), parser.value(opt.internalIp),
                // ',' as documented, '+' as in --member: either is accepted.
                parser.value(opt.externalIp)
                        .split(QRegularExpression(QStringLiteral("[,+]")), Qt::SkipEmptyParts),
                parser.value(opt.avPublic), parser.value(opt.accessPublic),
                parser.value(opt.webconfPublic)});
    }
    for (const QString &spec : parser.values(opt.member)) {
        QString error;
        const auto m = parseMember(spec, &error);
        if (!m)
            return UsageError{error};
        members.append(*m);
    }
    if (members.isEmpty())
        return UsageError{QStringLiteral("give --internal-ip and --external-ip (or --member)")};
    return members;
}

Validated<NewParams> readNew(const Parsed &parsed)
{
    if (!parsed.positional().isEmpty())
        return UsageError{
                QStringLiteral("unexpected argument '%1'").arg(parsed.positional().first())};
    const Validated<Output> output = newOutput().read(parsed);
    if (const UsageError *error = errorOf(output))
        return *error;
    const QCommandLineParser &parser = parsed.parser;
    const NewOptions opt;
    NewParams p{std::get<Output>(output), {}, parser.isSet(opt.force)};
    TemplateParams &t = p.topology;
    if (const std::optional<UsageError> error = readChoices(parser, opt, t))
        return *error;
    t.name = parser.value(opt.name);
    t.xmpp = parser.isSet(opt.xmpp);
    t.publicIm = parser.isSet(opt.publicIm);
    for (const QString &value : parser.values(opt.sipDomain))
        for (const QString &domain : value.split(QLatin1Char(','), Qt::SkipEmptyParts))
            t.sipDomains.append(domain.trimmed());
    t.poolFqdn = parser.value(opt.poolFqdn);
    t.site = parser.value(opt.site);
    t.accessFqdn = parser.value(opt.accessFqdn);
    t.webConfFqdn = parser.value(opt.webconfFqdn);
    t.avFqdn = parser.value(opt.avFqdn);
    const Validated<QList<MemberParams>> members = readMembers(parser, opt);
    if (const UsageError *error = errorOf(members))
        return *error;
    t.members = std::get<0>(members);
    return p;
}

int runNew(const NewParams &p)
{
    const QString &path = p.output.path;
    if (QFileInfo::exists(path) && !p.force)
        return usageError(p.output.command,
                          QStringLiteral("%1 exists; use --force to overwrite it").arg(path));
    const TemplateResult result = buildTopology(p.topology);
    if (!result.ok()) {
        printErr(QStringLiteral("edgemap new: %1\n").arg(result.error));
        return BadInput;
    }
    if (const Error e = topologyfile::save(result.topology, path); e.isError()) {
        printErr(QStringLiteral("edgemap new: %1\n").arg(e.toString()));
        return BadInput;
    }
    printOut(QStringLiteral("Wrote %1: %2, %3 server(s), %4 listeners\n")
                     .arg(path, displayName(p.topology.product))
                     .arg(result.topology.pools.first().servers.size())
                     .arg(result.topology.allListeners().size()));
    return Ok;
}

void declareValidate(QCommandLineParser &parser)
{
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Topology file."));
}

Validated<QString> readValidate(const Parsed &parsed)
{
    if (parsed.positional().size() != 1)
        return UsageError{QStringLiteral("give exactly one FILE")};
    return parsed.positional().first();
}

int runValidate(const QString &path)
{
    const std::optional<Topology> t = loadTopology(path);
    if (!t)
        return BadInput;
    int servers = 0;
    for (const EdgePool &pool : t->pools)
        servers += int(pool.servers.size());
    printOut(QStringLiteral("%1: valid (%2, %3 server(s), %4 listeners, %5 scenarios)\n")
                     .arg(path, displayName(t->product))
                     .arg(servers)
                     .arg(t->allListeners().size())
                     .arg(t->scenarios.size()));
    return Ok;
}

} // namespace

constinit const CommandSpec newCommand{
        .name = "new",
        .summary = "Create a topology file from a template",
        .usage = "edgemap new -o FILE [options]",
        .description
        = "Create a topology file from a template: one Edge pool with its services, listeners, "
          "peers, firewall flows and scenarios for the chosen product.\n\n"
          "One --external-ip means the single-IP layout; three (comma separated) mean Access, "
          "Web Conferencing and A/V Edge in that order.\n"
          "Behind NAT, every external address is private and translated symmetrically: give the "
          "public addresses with --access-public-ip, --webconf-public-ip and --av-public-ip (with "
          "one external address, one of them).\n"
          "Pools of several servers: give the first server with --server-fqdn/--internal-ip/"
          "--external-ip/--*-public-ip and each further one with --member, e.g.\n"
          "  --member fqdn=edge02.contoso.local,internal=172.25.33.11,"
          "external=10.45.16.11+10.45.16.21+10.45.16.31,"
          "public=203.0.113.11+203.0.113.21+203.0.113.31\n"
          "(addresses separated by '+', public ones in the order of the external ones, or one by "
          "one as access-public=, webconf-public=, av-public=; up to 12 servers).",
        .declare = declareNew,
        .run = runValidated<readNew, runNew>,
};

constinit const CommandSpec validateCommand{
        .name = "validate",
        .summary = "Check a topology file and report the first error with its location",
        .usage = "edgemap validate FILE",
        .description = "Check a topology file. Exit 0 when it is valid; otherwise print where "
                       "(file:line:column, or the JSON path) and what is wrong, and exit 2.",
        .declare = declareValidate,
        .run = runValidated<readValidate, runValidate>,
};

} // namespace edgemap::cli
