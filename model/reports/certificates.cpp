#include "reports/certificates.h"

#include "reports/publishednames.h"

namespace edgemap {

namespace {

using Type = CertificateName::Type;
namespace keys = endpointkeys;

QString tcp(int port)
{
    return socketLabel(Transport::Tcp, port, port);
}

QString missing(const QString &what)
{
    return QStringLiteral("Missing: %1").arg(what);
}

// Adds a name; a SAN given twice keeps its first place and gains the second reason.
void addName(CertificateRequest &r, Type type, const QString &name, const QString &why,
             QString warning = {})
{
    if (type == Type::San && !name.isEmpty()) {
        for (CertificateName &n : r.names) {
            if (n.type == Type::San && n.name.compare(name, Qt::CaseInsensitive) == 0) {
                n.why += QStringLiteral(" Also: ") + why;
                if (n.warning.isEmpty())
                    n.warning = warning;
                return;
            }
        }
    }
    if (!name.isEmpty() && warning.isEmpty() && !isDomainName(name))
        warning = QStringLiteral("'%1' is not a DNS name: a certification authority will not "
                                 "issue it; correct the FQDN in the topology")
                          .arg(name);
    r.names.append({type, name, why, warning});
}

// The first FQDN the members publish for `role`; the others are named in a warning.
QString poolFqdnOf(const QStringList &names, AddressRole role, QString *warning)
{
    if (names.size() > 1)
        *warning = QStringLiteral("The members publish different %1s (%2): a pool answers to one "
                                  "name per service; make them equal")
                           .arg(fqdnLabel(role), names.join(QStringLiteral(", ")));
    return names.value(0);
}

void addAccessNames(CertificateRequest &r, const EdgePool &pool)
{
    const int client = endpointPort(pool, QLatin1String(keys::kAccessClientSip));
    const int federation = endpointPort(pool, QLatin1String(keys::kAccessFederationSip));
    QString different;
    const QStringList names = publishedFqdns(pool, AddressRole::Access);
    const QString access = poolFqdnOf(names, AddressRole::Access, &different);
    // The single-IP layout has client and federation SIP on one socket (5061).
    const QString sockets
            = client == federation
                      ? QStringLiteral("%1 (remote clients' SIP/TLS and federation SIP/MTLS)")
                                .arg(tcp(client))
                      : QStringLiteral("%1 (remote clients' SIP/TLS) and %2 (federation SIP/MTLS)")
                                .arg(tcp(client), tcp(federation));
    const QString why = QStringLiteral("The Access Edge presents this certificate on external %1; "
                                       "clients and federated partners check the Access Edge "
                                       "FQDN they connect to.")
                                .arg(sockets);
    if (access.isEmpty()) {
        const QString fill = missing(QStringLiteral("the topology has no Access Edge FQDN: %1")
                                             .arg(whereToSetFqdn(AddressRole::Access)));
        addName(r, Type::Subject, {}, why, fill);
        addName(r, Type::San, {},
                QStringLiteral("The Access Edge FQDN, repeated as the first SAN."), fill);
        return;
    }
    addName(r, Type::Subject, access, why, different);
    addName(r, Type::San, access,
            QStringLiteral("The Access Edge FQDN, repeated as the first SAN: clients check the "
                           "SANs, not the subject."));
    for (const QString &other : names.mid(1))
        addName(r, Type::San, other, QStringLiteral("Another Access Edge FQDN a member publishes."),
                different);
}

void addWebConfNames(CertificateRequest &r, const EdgePool &pool)
{
    const int port = endpointPort(pool, QLatin1String(keys::kWebConfExternal));
    const QString why = QStringLiteral("The Web Conferencing Edge presents this certificate on "
                                       "external %1 (PSOM/TLS); "
                                       "meeting participants outside check the Web Conferencing "
                                       "Edge FQDN the meeting "
                                       "hands them.")
                                .arg(tcp(port));
    QString different;
    const QStringList names = publishedFqdns(pool, AddressRole::WebConf);
    poolFqdnOf(names, AddressRole::WebConf, &different);
    if (names.isEmpty())
        addName(r, Type::San, {}, why,
                missing(QStringLiteral("the topology has no Web Conferencing Edge FQDN: %1")
                                .arg(whereToSetFqdn(AddressRole::WebConf))));
    for (const QString &name : names)
        addName(r, Type::San, name, why, different);
}

void addDomainNames(CertificateRequest &r, const EdgePool &pool, const QStringList &domains)
{
    const bool xmpp = hasXmpp(pool);
    if (domains.isEmpty()) {
        addName(r, Type::San, {},
                QStringLiteral("Each SIP domain needs sip.<domain>%1.")
                        .arg(xmpp ? QStringLiteral(" and, with XMPP, xmpp.<domain>") : QString()),
                missing(QStringLiteral("the topology has no SIP domains: add them (sip_domains "
                                       "in the file, or edgemap new --sip-domain)")));
        return;
    }
    for (const QString &d : domains)
        addName(r, Type::San, QStringLiteral("sip.%1").arg(d),
                QStringLiteral("SIP domain %1: remote clients of users @%1 and federated partners "
                               "reach the Access Edge as sip.%1 (or through the _sip._tls and "
                               "_sipfederationtls SRV records of %1) and check that the "
                               "certificate holds a name of %1.")
                        .arg(d));
    if (!xmpp)
        return;
    const int port = endpointPort(pool, QLatin1String(keys::kXmppExternal));
    for (const QString &d : domains)
        addName(r, Type::San, QStringLiteral("xmpp.%1").arg(d),
                QStringLiteral("XMPP federation of %1: XMPP partners connect to the XMPP proxy on "
                               "external %2 and check xmpp.%1. The wildcard *.%1 is the "
                               "alternative.")
                        .arg(d, tcp(port)));
}

QStringList externalNotes(const EdgePool &pool, const CertificateRequest &r)
{
    QStringList notes;
    QStringList members;
    for (const EdgeServer &s : pool.servers)
        members.append(s.fqdn);
    notes.append(
            QStringLiteral(
                    "One certificate for the whole pool (%1): every member and the A/V "
                    "Authentication "
                    "service (MRAS, which issues the media relay credentials) use the identical "
                    "certificate and private key, so request it once with an exportable private "
                    "key and "
                    "import the same file on each member.")
                    .arg(members.join(QStringLiteral(", "))));
    notes.append(QStringLiteral("Issue it from a public certification authority that remote "
                                "clients and federated partners trust."));
    const QStringList av = publishedFqdns(pool, AddressRole::AV);
    const QStringList sans = r.sans();
    QStringList avOnly;
    for (const QString &name : av)
        if (!sans.contains(name, Qt::CaseInsensitive))
            avOnly.append(name);
    if (!avOnly.isEmpty() || av.isEmpty())
        notes.append(
                QStringLiteral(
                        "Not the A/V Edge FQDN%1: the A/V Edge's external interface presents no "
                        "certificate (its TCP 443 speaks MS-TURN in a pseudo-TLS framing, not "
                        "TLS).")
                        .arg(avOnly.isEmpty() ? QString()
                                              : QStringLiteral(" (%1)").arg(
                                                      avOnly.join(QStringLiteral(", ")))));
    else
        notes.append(QStringLiteral("The single external address publishes one FQDN (%1) for all "
                                    "three services: it "
                                    "is in the certificate as the Access Edge FQDN, not for the "
                                    "A/V Edge, whose "
                                    "external interface presents no certificate.")
                             .arg(av.join(QStringLiteral(", "))));
    return notes;
}

CertificateRequest externalRequest(const EdgePool &pool, const QStringList &domains)
{
    CertificateRequest r;
    r.kind = CertificateRequest::Kind::External;
    r.pool = pool.id;
    r.poolFqdn = pool.fqdn;
    addAccessNames(r, pool);
    addWebConfNames(r, pool);
    addDomainNames(r, pool, domains);
    r.notes = externalNotes(pool, r);
    return r;
}

// The internal sockets that present the internal certificate, as "TCP 5061 (...)" phrases.
QString internalSockets(const EdgePool &pool)
{
    const struct
    {
        const char *key;
        const char *what;
    } sockets[] = {
            {keys::kAccessInternalSip, "SIP/MTLS with the Director and Front End"},
            {keys::kMrasInternal, "A/V Authentication"},
            {keys::kWebConfInternal, "Web Conferencing PSOM/MTLS"},
            {keys::kXmppInternal, "XMPP/MTLS"},
            {keys::kCmsReplication, "Central Management Store replication"},
    };
    QStringList parts;
    for (const auto &s : sockets)
        if (const int port = endpointPort(pool, QLatin1String(s.key)); port > 0)
            parts.append(QStringLiteral("%1 (%2)").arg(tcp(port), QLatin1String(s.what)));
    return parts.join(QStringLiteral(", "));
}

CertificateRequest internalRequest(const EdgePool &pool)
{
    CertificateRequest r;
    r.kind = CertificateRequest::Kind::Internal;
    r.pool = pool.id;
    r.poolFqdn = pool.fqdn;
    const QString why
            = QStringLiteral("The internal interface presents this certificate on %1; the Front "
                             "End and Director connect to the Edge pool FQDN of the topology and "
                             "check it.")
                      .arg(internalSockets(pool));
    const QString fill
            = pool.fqdn.isEmpty()
                      ? missing(QStringLiteral("the pool has no FQDN: set the Edge pool's "
                                               "internal FQDN (Properties, or edgemap new "
                                               "--pool-fqdn)"))
                      : QString();
    addName(r, Type::Subject, pool.fqdn, why, fill);
    addName(r, Type::San, pool.fqdn,
            QStringLiteral("The Edge pool FQDN, repeated as the first SAN: servers check the "
                           "SANs, not the subject."),
            fill);
    for (const EdgeServer &s : pool.servers)
        addName(r, Type::San, s.fqdn,
                QStringLiteral("Member %1: servers that reach this member by its own FQDN (e.g. "
                               "Central Management Store replication) check it. Microsoft marks "
                               "SANs on the internal certificate optional.")
                        .arg(s.fqdn));
    r.notes.append(QStringLiteral(
            "Your internal (enterprise) certification authority is enough: only internal servers, "
            "which trust it, connect to the internal interface. One certificate with every "
            "member as a SAN can serve the whole pool."));
    return r;
}

QString certificateWord(CertificateRequest::Kind kind)
{
    return kind == CertificateRequest::Kind::External ? QStringLiteral("External")
                                                      : QStringLiteral("Internal");
}

TextTable requestTable(const CertificateRequest &r)
{
    TextTable t;
    const bool external = r.kind == CertificateRequest::Kind::External;
    t.heading = QStringLiteral("%1 certificate of Edge pool %2 (%3)")
                        .arg(certificateWord(r.kind), r.poolFqdn,
                             external ? QStringLiteral("Access Edge, Web Conferencing Edge, A/V "
                                                       "Authentication")
                                      : QStringLiteral("internal interface"));
    QStringList lines;
    const QStringList sans = r.sans();
    lines.append(QStringLiteral("Subject: %1. SANs, in this order: %2.")
                         .arg(r.subject().isEmpty() ? QStringLiteral("(missing)") : r.subject(),
                              sans.isEmpty() ? QStringLiteral("(missing)")
                                             : sans.join(QStringLiteral(", "))));
    lines.append(r.notes);
    t.note = lines.join(QLatin1Char(' '));
    t.columns = {QStringLiteral("Pool"), QStringLiteral("Certificate"), QStringLiteral("Name type"),
                 QStringLiteral("Name"), QStringLiteral("Why"),         QStringLiteral("Warning")};
    for (const CertificateName &n : r.names)
        t.rows.append({r.poolFqdn, certificateWord(r.kind),
                       n.type == Type::Subject ? QStringLiteral("Subject") : QStringLiteral("SAN"),
                       n.name, n.why, n.warning});
    return t;
}

} // namespace

QString CertificateRequest::subject() const
{
    for (const CertificateName &n : names)
        if (n.type == CertificateName::Type::Subject)
            return n.name;
    return {};
}

QStringList CertificateRequest::sans() const
{
    QStringList out;
    for (const CertificateName &n : names)
        if (n.type == CertificateName::Type::San && !n.name.isEmpty())
            out.append(n.name);
    return out;
}

bool CertificateRequest::hasWarnings() const
{
    return std::any_of(names.cbegin(), names.cend(),
                       [](const CertificateName &n) { return !n.warning.isEmpty(); });
}

CertificatePlan buildCertificatePlan(const Topology &topology)
{
    CertificatePlan plan;
    plan.topologyName = topology.name;
    plan.product = topology.product;
    plan.sipDomains = topology.sipDomains;
    for (const EdgePool &pool : topology.pools) {
        plan.requests.append(externalRequest(pool, topology.sipDomains));
        plan.requests.append(internalRequest(pool));
    }
    return plan;
}

TableDocument certificatesDocument(const CertificatePlan &plan)
{
    TableDocument doc;
    doc.title = QStringLiteral("Certificate requests: %1").arg(plan.topologyName);
    doc.facts.append({QStringLiteral("Product"), displayName(plan.product)});
    doc.facts.append({QStringLiteral("SIP domains"),
                      plan.sipDomains.isEmpty() ? QStringLiteral("none set in the topology")
                                                : plan.sipDomains.join(QStringLiteral(", "))});
    qsizetype warnings = 0;
    for (const CertificateRequest &r : plan.requests)
        for (const CertificateName &n : r.names)
            warnings += n.warning.isEmpty() ? 0 : 1;
    doc.facts.append({QStringLiteral("Warnings"), QString::number(warnings)});
    doc.paragraphs.append(QStringLiteral(
            "What to request for each Edge pool: the subject and the subject alternative names "
            "(SANs) of the external and the internal certificate, each with the listener that "
            "presents it and the name a client checks. A row with a warning says what the "
            "topology lacks or what a certification authority would refuse."));
    for (const CertificateRequest &r : plan.requests)
        doc.tables.append(requestTable(r));
    if (plan.requests.isEmpty())
        doc.paragraphs.append(QStringLiteral("The topology has no Edge pool."));
    return doc;
}

} // namespace edgemap
