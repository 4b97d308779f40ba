#include "reports/dnsrecords.h"

#include "core/ipaddress.h"
#include "reports/publishednames.h"

#include <QSet>

namespace edgemap {

namespace {

namespace keys = endpointkeys;
using View = DnsRecord::View;

QString tcp(int port)
{
    return socketLabel(Transport::Tcp, port, port);
}

QString addressType(const QString &ip)
{
    const std::optional<IpAddress> a = IpAddress::parse(ip);
    return a && a->isV6() ? QStringLiteral("AAAA") : QStringLiteral("A");
}

// RFC 1918: an address public DNS must not name (NAT forgotten in the topology).
bool isPrivateV4(const QString &ip)
{
    const std::optional<IpAddress> a = IpAddress::parse(ip);
    if (!a || !a->isV4())
        return false;
    const std::uint32_t v = a->v4Value();
    return (v >> 24) == 10 || (v >> 20) == 0xAC1 || (v >> 16) == 0xC0A8;
}

// The domain of an SRV owner name: "_sipfederationtls._tcp.contoso.com" is "contoso.com".
QString serviceDomain(const QString &name)
{
    QString rest = name;
    while (rest.startsWith(QLatin1Char('_')))
        rest = rest.section(QLatin1Char('.'), 1);
    return rest;
}

// Appends a record; the same record twice (one address with several roles, a pool FQDN equal
// to its member's) stays one, with both reasons.
void addRecord(QList<DnsRecord> &records, DnsRecord r)
{
    const bool srv = r.type == QLatin1String("SRV");
    for (const QString &name : {srv ? serviceDomain(r.name) : r.name, srv ? r.target : QString()}) {
        if (r.writable && !name.isEmpty() && !isDomainName(name)) {
            r.writable = false;
            r.warning = QStringLiteral("'%1' is not a DNS name: correct the FQDN in the topology")
                                .arg(name);
        }
    }
    for (DnsRecord &e : records) {
        if (e.view == r.view && e.type == r.type && e.port == r.port && !r.name.isEmpty()
            && e.name.compare(r.name, Qt::CaseInsensitive) == 0
            && e.target.compare(r.target, Qt::CaseInsensitive) == 0) {
            if (!e.why.contains(r.why))
                e.why += QStringLiteral(" Also: ") + r.why;
            if (e.warning.isEmpty())
                e.warning = r.warning;
            return;
        }
    }
    records.append(r);
}

DnsRecord recordFor(View view, const EdgePool &pool)
{
    DnsRecord r;
    r.view = view;
    r.pool = pool.id;
    r.poolFqdn = pool.fqdn;
    return r;
}

QString roleWhy(const EdgePool &pool, AddressRole role)
{
    switch (role) {
    case AddressRole::Access: {
        const int client = endpointPort(pool, QLatin1String(keys::kAccessClientSip));
        const int federation = endpointPort(pool, QLatin1String(keys::kAccessFederationSip));
        if (client == federation) // the single-IP layout: one socket
            return QStringLiteral("Access Edge: remote clients and federated partners connect to "
                                  "it (%1).")
                    .arg(tcp(client));
        return QStringLiteral("Access Edge: remote clients (%1) and federated partners (%2) "
                              "connect to it.")
                .arg(tcp(client), tcp(federation));
    }
    case AddressRole::WebConf:
        return QStringLiteral("Web Conferencing Edge: meeting participants outside connect to "
                              "it (%1).")
                .arg(tcp(endpointPort(pool, QLatin1String(keys::kWebConfExternal))));
    case AddressRole::AV:
        return QStringLiteral("A/V Edge: clients and partners relay media through it (UDP %1, "
                              "%2).")
                .arg(endpointPort(pool, QLatin1String(keys::kAvTurnUdp)))
                .arg(tcp(endpointPort(pool, QLatin1String(keys::kAvTurnTcp))));
    case AddressRole::Internal:
        break;
    }
    return {};
}

QString externalWarning(const EdgePool &pool, const Address &a, const QString &name)
{
    if (name.isEmpty()) {
        const AddressRole role = a.roles.value(0, AddressRole::Access);
        return QStringLiteral("Missing: the topology has no %1 for %2: %3")
                .arg(fqdnLabel(role), a.natPublicIp.isEmpty() ? a.ip : a.natPublicIp,
                     whereToSetFqdn(role));
    }
    if (pool.loadBalancing == LoadBalancing::Hardware)
        return QStringLiteral("Hardware load balancing: publish the load balancer's virtual "
                              "address instead (the topology does not hold it)");
    if (a.natPublicIp.isEmpty() && isPrivateV4(a.ip))
        return QStringLiteral("%1 is a private address: public DNS needs the public address it "
                              "is translated to; set the NAT public address")
                .arg(a.ip);
    return {};
}

// A records of one pool's external addresses: role by role, one per member and address.
void addExternalAddresses(QList<DnsRecord> &records, const EdgePool &pool)
{
    QSet<const Address *> done;
    for (AddressRole role : {AddressRole::Access, AddressRole::WebConf, AddressRole::AV}) {
        const QString poolName = publishedFqdns(pool, role).value(0);
        for (const RoleAddress &ra : addressesWithRole(pool, role)) {
            const Address &a = *ra.address;
            if (done.contains(&a))
                continue;
            done.insert(&a);
            DnsRecord r = recordFor(View::External, pool);
            r.name = a.fqdn.trimmed().isEmpty() ? poolName : a.fqdn.trimmed();
            r.target = a.natPublicIp.isEmpty() ? a.ip : a.natPublicIp;
            r.type = addressType(r.target);
            QStringList why;
            for (AddressRole each : a.roles)
                why.append(roleWhy(pool, each));
            if (!a.natPublicIp.isEmpty())
                why.append(QStringLiteral("Behind NAT: the public address, not the one the Edge "
                                          "holds."));
            if (pool.servers.size() > 1)
                why.append(QStringLiteral("One record per member (DNS load balancing)."));
            r.why = why.join(QLatin1Char(' '));
            r.warning = externalWarning(pool, a, r.name);
            r.writable = !r.name.isEmpty();
            addRecord(records, r);
        }
    }
}

struct SrvKind
{
    const char *prefix;
    const char *key;
    const char *why;
    const char *outside; // what a target outside the domain breaks
};

const SrvKind kSip{"_sip._tls", keys::kAccessClientSip,
                   "Remote clients of users @%1 find the Access Edge for automatic sign-in.",
                   "automatic sign-in of remote clients of users @%1: they do not trust an SRV "
                   "target outside %1 without a prompt or client configuration"};
const SrvKind kFederation{"_sipfederationtls._tcp", keys::kAccessFederationSip,
                          "Federated partners discover the Access Edge of %1 (also needed for "
                          "push notifications).",
                          "automatic partner discovery: partners accept an SRV target of %1 "
                          "only in the namespace of %1, so they must add %1 with its Access "
                          "Edge FQDN by hand"};
const SrvKind kXmpp{"_xmpp-server._tcp", keys::kXmppExternal,
                    "XMPP partners find the XMPP proxy of %1.",
                    "XMPP discovery: XMPP partners expect the target in the namespace of %1"};

void addSrv(QList<DnsRecord> &records, const EdgePool &pool, const SrvKind &kind,
            const QString &domain, const QString &access)
{
    DnsRecord r = recordFor(View::External, pool);
    r.type = QStringLiteral("SRV");
    r.name = QStringLiteral("%1.%2").arg(
            QLatin1String(kind.prefix), domain.isEmpty() ? QStringLiteral("<SIP domain>") : domain);
    r.port = endpointPort(pool, QLatin1String(kind.key));
    r.target = access;
    r.why = QString::fromLatin1(kind.why).arg(domain.isEmpty() ? QStringLiteral("<SIP domain>")
                                                               : domain);
    if (domain.isEmpty())
        r.warning = QStringLiteral("Missing: the topology has no SIP domains: add them "
                                   "(sip_domains in the file, or edgemap new --sip-domain)");
    else if (access.isEmpty())
        r.warning = QStringLiteral("Missing: the topology has no Access Edge FQDN for the SRV "
                                   "target: %1")
                            .arg(whereToSetFqdn(AddressRole::Access));
    else if (!isInDomain(access, domain))
        r.warning = QStringLiteral("%1 is outside %2: this breaks %3. Publish an Access Edge "
                                   "name in %2 (e.g. sip.%2, also on the certificate).")
                            .arg(access, domain, QString::fromLatin1(kind.outside).arg(domain));
    r.writable = !domain.isEmpty() && !access.isEmpty() && r.port > 0;
    if (r.port == 0)
        r.warning = QStringLiteral("Missing: the pool has no listener for %1")
                            .arg(QLatin1String(kind.key));
    addRecord(records, r);
}

// SRV records of every SIP domain, to the Access Edge of the first pool (the one published).
void addSrvRecords(QList<DnsRecord> &records, const Topology &t)
{
    if (t.pools.isEmpty())
        return;
    const EdgePool &pool = t.pools.first();
    const QString access = publishedFqdns(pool, AddressRole::Access).value(0);
    const QStringList domains = t.sipDomains.isEmpty() ? QStringList{QString()} : t.sipDomains;
    QList<const SrvKind *> kinds{&kSip, &kFederation};
    if (hasXmpp(pool))
        kinds.append(&kXmpp);
    for (const QString &domain : domains)
        for (const SrvKind *kind : kinds)
            addSrv(records, pool, *kind, domain, access);
}

const Address *internalAddressOf(const EdgeServer &s)
{
    for (const NetInterface &nic : s.interfaces)
        for (const Address &a : nic.addresses)
            if (a.roles.contains(AddressRole::Internal))
                return &a;
    return nullptr;
}

void addInternalRecords(QList<DnsRecord> &records, const EdgePool &pool)
{
    const bool several = pool.servers.size() > 1;
    for (const EdgeServer &s : pool.servers) {
        const Address *a = internalAddressOf(s);
        if (!a)
            continue;
        DnsRecord r = recordFor(View::Internal, pool);
        r.name = pool.fqdn;
        r.target = a->ip;
        r.type = addressType(a->ip);
        r.why = QStringLiteral("Edge pool FQDN: the Front End and Director reach the Edge's "
                               "internal interface by it.%1")
                        .arg(several ? QStringLiteral(" One record per member (DNS load "
                                                      "balancing).")
                                     : QString());
        r.writable = !pool.fqdn.isEmpty();
        if (!r.writable)
            r.warning = QStringLiteral("Missing: the pool has no FQDN: set the Edge pool's "
                                       "internal FQDN (Properties, or edgemap new --pool-fqdn)");
        else if (pool.loadBalancing == LoadBalancing::Hardware)
            r.warning = QStringLiteral("Hardware load balancing: publish the load balancer's "
                                       "internal virtual address instead (the topology does "
                                       "not hold it)");
        addRecord(records, r);
    }
    for (const EdgeServer &s : pool.servers) {
        if (const Address *a = internalAddressOf(s)) {
            DnsRecord r = recordFor(View::Internal, pool);
            r.name = s.fqdn;
            r.target = a->ip;
            r.type = addressType(a->ip);
            r.why = QStringLiteral("Member FQDN: servers that reach this member itself (Central "
                                   "Management Store replication) resolve it.");
            addRecord(records, r);
        }
    }
}

QString viewWord(View view)
{
    return view == View::External ? QStringLiteral("External") : QStringLiteral("Internal");
}

QStringList recordCells(const DnsRecord &r)
{
    const bool srv = r.type == QLatin1String("SRV");
    return {viewWord(r.view),
            r.poolFqdn,
            r.name,
            r.type,
            srv ? QString::number(r.priority) : QString(),
            srv ? QString::number(r.weight) : QString(),
            srv && r.port > 0 ? QString::number(r.port) : QString(),
            r.target,
            r.why,
            r.warning};
}

// A comment line of the zone file: line breaks and other control characters from the topology
// must not start a line of their own (they would become records).
QString comment(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (QChar c : text)
        out += c.category() == QChar::Other_Control || c == QChar::LineSeparator
                               || c == QChar::ParagraphSeparator
                       ? QChar(u' ')
                       : c;
    return QStringLiteral("; ") + out + QLatin1Char('\n');
}

} // namespace

QString DnsRecord::zoneData() const
{
    if (type != QLatin1String("SRV"))
        return target;
    return QStringLiteral("%1 %2 %3 %4")
            .arg(priority)
            .arg(weight)
            .arg(port)
            .arg(target.isEmpty() ? QStringLiteral("(no target)") : target + QLatin1Char('.'));
}

DnsPlan buildDnsPlan(const Topology &t)
{
    DnsPlan plan;
    plan.topologyName = t.name;
    plan.product = t.product;
    plan.sipDomains = t.sipDomains;
    for (const EdgePool &pool : t.pools)
        addExternalAddresses(plan.records, pool);
    addSrvRecords(plan.records, t);
    for (const EdgePool &pool : t.pools)
        addInternalRecords(plan.records, pool);
    if (t.pools.size() > 1) {
        const QString access = publishedFqdns(t.pools.first(), AddressRole::Access).value(0);
        plan.federationNote
                = QStringLiteral("Only one Edge pool per organisation is published for "
                                 "federation: the SRV records point at the first pool, %1 "
                                 "(Access Edge %2). The other pools have their A records only.")
                          .arg(t.pools.first().fqdn,
                               access.isEmpty() ? QStringLiteral("FQDN not set") : access);
    }
    return plan;
}

TableDocument dnsRecordsDocument(const DnsPlan &plan)
{
    TableDocument doc;
    doc.title = QStringLiteral("DNS records: %1").arg(plan.topologyName);
    doc.facts.append({QStringLiteral("Product"), displayName(plan.product)});
    doc.facts.append({QStringLiteral("SIP domains"),
                      plan.sipDomains.isEmpty() ? QStringLiteral("none set in the topology")
                                                : plan.sipDomains.join(QStringLiteral(", "))});
    const auto warnings = std::count_if(plan.records.cbegin(), plan.records.cend(),
                                        [](const DnsRecord &r) { return !r.warning.isEmpty(); });
    doc.facts.append({QStringLiteral("Warnings"), QString::number(warnings)});
    doc.paragraphs.append(
            QStringLiteral(
                    "The records to create in public DNS (the zones of the external FQDNs and SIP "
                    "domains) and in the internal DNS servers the Edge and the internal servers "
                    "use, "
                    "each with the reason. A row with a warning says what breaks or what the "
                    "topology "
                    "lacks; a record without a name or target cannot be created until it is filled "
                    "in. "
                    "The zone format (edgemap dns --format zone) writes the same records as BIND "
                    "lines "
                    "with a TTL of %1 seconds.")
                    .arg(kDnsTtl));
    const QStringList columns{QStringLiteral("Zone"),     QStringLiteral("Pool"),
                              QStringLiteral("Name"),     QStringLiteral("Type"),
                              QStringLiteral("Priority"), QStringLiteral("Weight"),
                              QStringLiteral("Port"),     QStringLiteral("Target"),
                              QStringLiteral("Why"),      QStringLiteral("Warning")};
    for (View view : {View::External, View::Internal}) {
        TextTable table;
        table.columns = columns;
        table.heading = view == View::External ? QStringLiteral("External DNS (public zones)")
                                               : QStringLiteral("Internal DNS (internal zone)");
        for (const DnsRecord &r : plan.records)
            if (r.view == view)
                table.rows.append(recordCells(r));
        if (view == View::External)
            table.note = plan.federationNote;
        if (table.rows.isEmpty())
            table.note = QStringLiteral("The topology has no Edge pool.");
        doc.tables.append(table);
    }
    return doc;
}

QByteArray dnsZoneFile(const DnsPlan &plan)
{
    QString out = comment(QStringLiteral("DNS records for %1 (%2), written by EdgeMap.")
                                  .arg(plan.topologyName, displayName(plan.product)));
    out += comment(QStringLiteral("Absolute names: paste each line into the zone it belongs to."));
    for (View view : {View::External, View::Internal}) {
        out += QLatin1Char('\n');
        out += comment(view == View::External ? QStringLiteral("==== External DNS (public "
                                                               "zones) ====")
                                              : QStringLiteral("==== Internal DNS (internal "
                                                               "zone) ===="));
        if (view == View::External && !plan.federationNote.isEmpty())
            out += comment(plan.federationNote);
        QString group;
        for (const DnsRecord &r : plan.records) {
            if (r.view != view)
                continue;
            const QString key = r.name.toLower() + QLatin1Char(' ') + r.type;
            if (key != group) {
                group = key;
                out += QLatin1Char('\n');
                out += comment(QStringLiteral("%1 %2: %3").arg(r.name, r.type, r.why));
            }
            if (!r.writable) {
                out += comment(QStringLiteral("NOT WRITTEN: %1 IN %2 %3")
                                       .arg(r.name.isEmpty() ? QStringLiteral("(no name)") : r.name,
                                            r.type, r.zoneData()));
                out += comment(r.warning);
                continue;
            }
            if (!r.warning.isEmpty())
                out += comment(QStringLiteral("WARNING: ") + r.warning);
            out += QStringLiteral("%1. %2 IN %3 %4\n")
                           .arg(r.name)
                           .arg(kDnsTtl)
                           .arg(r.type, r.zoneData());
        }
    }
    return out.toUtf8();
}

} // namespace edgemap
