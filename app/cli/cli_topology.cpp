// The topology commands: new, validate, show.
#include "cli/cli.h"
#include "cli/cli_common.h"

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

} // namespace

int runNew(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "Create a topology file from a template: one Edge pool with its services, listeners, "
            "peers, firewall flows and scenarios for the chosen product.\n\n"
            "One --external-ip means the single-IP layout; three (comma separated) mean Access, "
            "Web "
            "Conferencing and A/V Edge in that order.\n"
            "Behind NAT, every external address is private and translated symmetrically: give "
            "the public addresses with --access-public-ip, --webconf-public-ip and "
            "--av-public-ip (with one external address, one of them).\n"
            "Pools of several servers: give the first server with --server-fqdn/--internal-ip/"
            "--external-ip/--*-public-ip and each further one with --member, e.g.\n"
            "  --member fqdn=edge02.contoso.local,internal=172.25.33.11,"
            "external=10.45.16.11+10.45.16.21+10.45.16.31,"
            "public=203.0.113.11+203.0.113.21+203.0.113.31\n"
            "(addresses separated by '+', public ones in the order of the external ones, or one "
            "by one as access-public=, webconf-public=, av-public=; up to 12 servers)."));
    const QCommandLineOption out({QStringLiteral("o"), QStringLiteral("output")},
                                 QStringLiteral("Topology file to write (required)."),
                                 QStringLiteral("FILE"));
    const QCommandLineOption product(
            QStringLiteral("product"),
            QStringLiteral("Product version: %1 (default lync2013).").arg(productList()),
            QStringLiteral("PRODUCT"), QStringLiteral("lync2013"));
    const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("Topology name."),
                                  QStringLiteral("NAME"));
    const QCommandLineOption internalIp(QStringLiteral("internal-ip"),
                                        QStringLiteral("Internal interface address."),
                                        QStringLiteral("IP"));
    const QCommandLineOption externalIp(QStringLiteral("external-ip"),
                                        QStringLiteral("External address, or three: Access,Web "
                                                       "Conferencing,A/V."),
                                        QStringLiteral("IP[,IP,IP]"));
    const QCommandLineOption accessPublic(
            QStringLiteral("access-public-ip"),
            QStringLiteral("Public address the Access Edge address is NATed to."),
            QStringLiteral("IP"));
    const QCommandLineOption webconfPublic(
            QStringLiteral("webconf-public-ip"),
            QStringLiteral("Public address the Web Conferencing Edge address is NATed to."),
            QStringLiteral("IP"));
    const QCommandLineOption avPublic(QStringLiteral("av-public-ip"),
                                      QStringLiteral("Public address the A/V Edge address is "
                                                     "NATed to (the one Topology Builder asks "
                                                     "for)."),
                                      QStringLiteral("IP"));
    const QCommandLineOption sipDomain(
            QStringLiteral("sip-domain"),
            QStringLiteral("A SIP domain of the deployment (repeatable or comma separated; the "
                           "default SIP domain first). Used by the certificate and DNS "
                           "documents."),
            QStringLiteral("DOMAIN"));
    const QCommandLineOption publicIm(
            QStringLiteral("public-im"),
            QStringLiteral("Model public IM connectivity with Skype and Skype directory search "
                           "(historical: Skype consumer was retired on 5 May 2025)."));
    const QCommandLineOption nextHop(QStringLiteral("next-hop"),
                                     QStringLiteral("director or frontend (default director)."),
                                     QStringLiteral("KIND"), QStringLiteral("director"));
    const QCommandLineOption xmpp(QStringLiteral("xmpp"),
                                  QStringLiteral("Enable XMPP federation (2013 and 2015 only)."));
    const QCommandLineOption serverFqdn(
            QStringLiteral("server-fqdn"), QStringLiteral("FQDN of the (first) Edge server."),
            QStringLiteral("FQDN"), QStringLiteral("edge01.contoso.local"));
    const QCommandLineOption poolFqdn(QStringLiteral("pool-fqdn"),
                                      QStringLiteral("Internal FQDN of the Edge pool."),
                                      QStringLiteral("FQDN"));
    const QCommandLineOption site(QStringLiteral("site"), QStringLiteral("Site name."),
                                  QStringLiteral("NAME"), QStringLiteral("Site 1"));
    const QCommandLineOption member(QStringLiteral("member"),
                                    QStringLiteral("A further pool member (repeatable)."),
                                    QStringLiteral("SPEC"));
    const QCommandLineOption accessFqdn(QStringLiteral("access-fqdn"),
                                        QStringLiteral("External Access Edge FQDN."),
                                        QStringLiteral("FQDN"));
    const QCommandLineOption webconfFqdn(QStringLiteral("webconf-fqdn"),
                                         QStringLiteral("External Web Conferencing Edge FQDN."),
                                         QStringLiteral("FQDN"));
    const QCommandLineOption avFqdn(QStringLiteral("av-fqdn"),
                                    QStringLiteral("External A/V Edge FQDN."),
                                    QStringLiteral("FQDN"));
    const QCommandLineOption force(QStringLiteral("force"),
                                   QStringLiteral("Overwrite an existing output file."));
    parser.addOptions({out,          product,       name,        internalIp, externalIp,
                       accessPublic, webconfPublic, avPublic,    sipDomain,  nextHop,
                       xmpp,         publicIm,      serverFqdn,  poolFqdn,   site,
                       member,       accessFqdn,    webconfFqdn, avFqdn,     force});
    if (const int code = parseCommand(parser, arguments,
                                      QStringLiteral("edgemap new -o FILE "
                                                     "[options]"));
        code >= 0)
        return code;

    const QString cmd = QStringLiteral("new");
    if (!parser.positionalArguments().isEmpty())
        return usageError(cmd, QStringLiteral("unexpected argument '%1'")
                                       .arg(parser.positionalArguments().first()));
    if (!parser.isSet(out))
        return usageError(cmd, QStringLiteral("--output FILE is required"));
    TemplateParams params;
    const auto p = productFromString(parser.value(product));
    if (!p)
        return usageError(cmd, QStringLiteral("unknown product '%1' (expected %2)")
                                       .arg(parser.value(product), productList()));
    params.product = *p;
    params.name = parser.value(name);
    if (parser.value(nextHop) == QLatin1String("director"))
        params.nextHop = NextHopKind::Director;
    else if (parser.value(nextHop) == QLatin1String("frontend"))
        params.nextHop = NextHopKind::FrontEnd;
    else
        return usageError(cmd, QStringLiteral("--next-hop must be director or frontend, not '%1'")
                                       .arg(parser.value(nextHop)));
    params.xmpp = parser.isSet(xmpp);
    params.publicIm = parser.isSet(publicIm);
    for (const QString &value : parser.values(sipDomain))
        for (const QString &domain : value.split(QLatin1Char(','), Qt::SkipEmptyParts))
            params.sipDomains.append(domain.trimmed());
    params.poolFqdn = parser.value(poolFqdn);
    params.site = parser.value(site);
    params.accessFqdn = parser.value(accessFqdn);
    params.webConfFqdn = parser.value(webconfFqdn);
    params.avFqdn = parser.value(avFqdn);
    if (parser.isSet(internalIp) || parser.isSet(externalIp)) {
        if (!parser.isSet(internalIp) || !parser.isSet(externalIp))
            return usageError(cmd, QStringLiteral("--internal-ip and --external-ip go together"));
        params.members.append(MemberParams{
                parser.value(serverFqdn), parser.value(internalIp),
                // ',' as documented, '+' as in --member: either is accepted.
                parser.value(externalIp)
                        .split(QRegularExpression(QStringLiteral("[,+]")), Qt::SkipEmptyParts),
                parser.value(avPublic), parser.value(accessPublic), parser.value(webconfPublic)});
    }
    for (const QString &spec : parser.values(member)) {
        QString error;
        const auto m = parseMember(spec, &error);
        if (!m)
            return usageError(cmd, error);
        params.members.append(*m);
    }
    if (params.members.isEmpty())
        return usageError(cmd,
                          QStringLiteral("give --internal-ip and --external-ip (or --member)"));

    const QString path = parser.value(out);
    if (QFileInfo::exists(path) && !parser.isSet(force))
        return usageError(cmd, QStringLiteral("%1 exists; use --force to overwrite it").arg(path));
    const TemplateResult result = buildTopology(params);
    if (!result.ok()) {
        printErr(QStringLiteral("edgemap new: %1\n").arg(result.error));
        return BadInput;
    }
    if (const Error e = topologyfile::save(result.topology, path); e.isError()) {
        printErr(QStringLiteral("edgemap new: %1\n").arg(e.toString()));
        return BadInput;
    }
    printOut(QStringLiteral("Wrote %1: %2, %3 server(s), %4 listeners\n")
                     .arg(path, displayName(params.product))
                     .arg(result.topology.pools.first().servers.size())
                     .arg(result.topology.allListeners().size()));
    return Ok;
}

int runValidate(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
            QStringLiteral("Check a topology file. Exit 0 when it is valid; otherwise print where "
                           "(file:line:column, or the JSON path) and what is wrong, and exit 2."));
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Topology file."));
    if (const int code = parseCommand(parser, arguments, QStringLiteral("edgemap validate FILE"));
        code >= 0)
        return code;
    if (parser.positionalArguments().size() != 1)
        return usageError(QStringLiteral("validate"), QStringLiteral("give exactly one FILE"));
    const QString path = parser.positionalArguments().first();
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

} // namespace edgemap::cli
