// Planning one Edge pool of an imported topology: its Ports mapped to the catalog's endpoints,
// its external addresses told apart by InterfaceNumber, its members with their addresses and
// NAT. What the catalog holds (purposes, flows, scenarios) stays the catalog's; what the file
// says (addresses, ports) wins.

#include "io/detail/topologyimport_p.h"

#include "core/ipaddress.h"
#include "core/rules.h"

#include <algorithm>
#include <map>
#include <optional>

namespace edgemap::topologyimport::detail {

namespace {

// An Edge service lists about fifteen Ports; a document with far more is not one to model.
constexpr qsizetype kMaxEdgePorts = 200;
// InterfaceNumber counts an Edge's external addresses: 1 to 3 in practice.
constexpr int kMaxInterfaceNumber = 99;

QString sideText(InterfaceSide side)
{
    return side == InterfaceSide::Internal ? QStringLiteral("internal")
                                           : QStringLiteral("external");
}

std::optional<InterfaceSide> sideOf(const QString &text)
{
    if (text.compare(QLatin1String("Internal"), Qt::CaseInsensitive) == 0)
        return InterfaceSide::Internal;
    if (text.compare(QLatin1String("External"), Qt::CaseInsensitive) == 0)
        return InterfaceSide::External;
    return std::nullopt;
}

// An InterfaceNumber: 1 when left out.
int interfaceNumber(const QString &text, Place at)
{
    if (text.isEmpty())
        return 1;
    bool ok = false;
    const int n = text.toInt(&ok);
    if (!ok || n < 1 || n > kMaxInterfaceNumber)
        fail(at, QStringLiteral("InterfaceNumber '%1' is not a number from 1 to %2")
                         .arg(text)
                         .arg(kMaxInterfaceNumber));
    return n;
}

// Protocol values seen: Mtls, Tls, Tcp, Udp, TcpOrUdp, Https, Http (inputs.md section 1.2).
QList<Transport> transportsOf(const XmlPort &p, Warnings &warnings)
{
    if (p.protocol.compare(QLatin1String("Udp"), Qt::CaseInsensitive) == 0)
        return {Transport::Udp};
    if (p.protocol.compare(QLatin1String("TcpOrUdp"), Qt::CaseInsensitive) == 0)
        return {Transport::Tcp, Transport::Udp};
    static const QStringList tcp{QStringLiteral("Tcp"), QStringLiteral("Tls"),
                                 QStringLiteral("Mtls"), QStringLiteral("Https"),
                                 QStringLiteral("Http")};
    if (!tcp.contains(p.protocol, Qt::CaseInsensitive))
        warnings.add(p.at, QStringLiteral("Port %1 of %2 %3 has the unknown Protocol '%4'; "
                                          "taken as TCP")
                                   .arg(p.port, componentOf(p.owner), p.usage, p.protocol));
    return {Transport::Tcp};
}

// The Port's values checked; nothing for a side an Edge does not have (said in a warning).
std::optional<PortUse> checkPort(const XmlPort &p, Warnings &warnings)
{
    const QString what = componentOf(p.owner) + QLatin1Char(' ') + p.usage;
    const std::optional<InterfaceSide> side = sideOf(p.side);
    if (!side) {
        warnings.add(p.at, QStringLiteral("Port %1 of %2 is on the '%3' side, which an Edge "
                                          "server does not have; not imported")
                                   .arg(p.port, what, p.side));
        return std::nullopt;
    }
    PortUse use;
    use.port = &p;
    use.side = *side;
    use.number = interfaceNumber(p.number, p.at);
    bool ok = false;
    use.first = p.port.toInt(&ok);
    if (!ok || use.first < 1 || use.first > 65535)
        fail(p.at,
             QStringLiteral("Port '%1' of %2 is not a port number (1-65535)").arg(p.port, what));
    int count = 1;
    if (!p.range.isEmpty()) {
        count = p.range.toInt(&ok);
        if (!ok || count < 1 || count > 65536 - use.first)
            fail(p.at, QStringLiteral("Range '%1' of %2 (from port %3) does not fit in 1-65535")
                               .arg(p.range, what)
                               .arg(use.first));
    }
    use.last = use.first + count - 1; // Range counts ports from Port on (50000 + 10000)
    use.transports = transportsOf(p, warnings);
    use.id = QStringLiteral("%1/%2/%3:%4")
                     .arg(componentOf(p.owner), p.usage, sideText(use.side))
                     .arg(use.number);
    return use;
}

bool takes(const Catalog::EndpointDef &def, const PortUse &use)
{
    const bool internal = def.role == AddressRole::Internal;
    return def.topologyPort.section(QLatin1Char('/'), 0, 0)
                           .compare(componentOf(use.port->owner), Qt::CaseInsensitive)
                   == 0
           && def.topologyPort.section(QLatin1Char('/'), 1)
                              .compare(use.port->usage, Qt::CaseInsensitive)
                      == 0
           && internal == (use.side == InterfaceSide::Internal)
           && use.transports.contains(def.transport);
}

// The Ports of the pool's EdgeServer and ManagementServices services, checked.
QList<PortUse> portsOf(const Index &index, qsizetype cluster, qsizetype edge, Warnings &warnings)
{
    QList<const XmlService *> services{&index.doc.services[edge]};
    if (const qsizetype m = index.serviceOn(cluster, u"ManagementServices"); m >= 0)
        services.append(&index.doc.services[m]);
    QList<PortUse> uses;
    for (const XmlService *s : services) {
        if (s->ports.size() > kMaxEdgePorts)
            fail(s->at, QStringLiteral("refused: the %1 service lists %2 ports (an Edge has "
                                       "about 15)")
                                .arg(s->role)
                                .arg(s->ports.size()));
        for (const XmlPort &p : s->ports)
            if (std::optional<PortUse> use = checkPort(p, warnings))
                uses.append(*use);
    }
    return uses;
}

// Where each taken port's external role is: Access, Web Conferencing, A/V -> InterfaceNumber.
using RoleNumbers = std::map<AddressRole, int>;

void noteRole(RoleNumbers &roles, const Catalog::EndpointDef &def, const PortUse &use)
{
    if (def.role == AddressRole::Internal)
        return;
    const auto [it, added] = roles.emplace(def.role, use.number);
    if (!added && it->second != use.number)
        fail(use.port->at, QStringLiteral("the %1 has Ports on external interfaces %2 and %3; "
                                          "EdgeMap models each Edge service on one address")
                                   .arg(displayName(def.role))
                                   .arg(it->second)
                                   .arg(use.number));
}

// Maps each port to the catalog's endpoints; what no endpoint takes (or a second port for one)
// is an extra port.
void mapPorts(PoolPlan &plan, const QList<PortUse> &uses, const QList<Catalog::EndpointDef> &defs,
              RoleNumbers &roles, Warnings &warnings)
{
    for (const PortUse &use : uses) {
        bool taken = false;
        for (const Catalog::EndpointDef &def : defs) {
            if (!takes(def, use) || plan.origins.contains(def.key))
                continue;
            plan.origins.insert(def.key, use.id);
            plan.params.ports.insert(def.key, PortChoice{use.first, use.last});
            noteRole(roles, def, use);
            taken = true;
        }
        if (taken)
            continue;
        const bool known = std::any_of(defs.cbegin(), defs.cend(),
                                       [&](const auto &def) { return takes(def, use); });
        warnings.add(use.port->at,
                     known ? QStringLiteral("a second Port for %1 (%2): imported as a listener "
                                            "of its own")
                                     .arg(use.id,
                                          socketLabel(use.transports.first(), use.first, use.last))
                           : QStringLiteral("Port %1 (%2) is not one EdgeMap knows: imported as "
                                            "a listener described by its owner and usage")
                                     .arg(use.id, socketLabel(use.transports.first(), use.first,
                                                              use.last)));
        plan.extraPorts.append(use);
    }
}

// Endpoints a topology document lists but this one does not: left out of the pool, except CMS
// replication, without which the Edge gets no configuration at all (kept at its default).
void leaveOutMissing(PoolPlan &plan, const QList<Catalog::EndpointDef> &defs, Place at,
                     Warnings &warnings)
{
    for (const Catalog::EndpointDef &def : defs) {
        if (plan.origins.contains(def.key) || plan.params.leaveOut.contains(def.key))
            continue;
        if (def.key == QLatin1String("cms-replication")) {
            warnings.add(at, QStringLiteral("no %1 Port (CMS replication) on the Edge pool; kept "
                                            "at the product's TCP %2")
                                     .arg(def.topologyPort)
                                     .arg(def.port));
            continue;
        }
        warnings.add(at, QStringLiteral("the Edge pool has no %1 Port, so no %2 listener (%3)")
                                 .arg(def.topologyPort, def.key, def.protocol));
        plan.params.leaveOut.insert(def.key);
    }
}

// The external addresses' InterfaceNumbers: one for all three roles, or one per role (Access,
// Web Conferencing, A/V). A role without ports shares the Access Edge's address.
QList<int> externalLayout(const RoleNumbers &roles, Place at)
{
    if (roles.empty())
        fail(at, QStringLiteral("the Edge pool has no external Ports (Access, Web Conferencing, "
                                "A/V); it cannot be modelled"));
    const int fallback = roles.count(AddressRole::Access) ? roles.at(AddressRole::Access)
                                                          : roles.begin()->second;
    const auto numberOf = [&](AddressRole role) {
        return roles.count(role) ? roles.at(role) : fallback;
    };
    const QList<int> numbers{numberOf(AddressRole::Access), numberOf(AddressRole::WebConf),
                             numberOf(AddressRole::AV)};
    if (numbers[0] == numbers[1] && numbers[1] == numbers[2])
        return {numbers[0]};
    if (numbers[0] != numbers[1] && numbers[1] != numbers[2] && numbers[0] != numbers[2])
        return numbers;
    fail(at, QStringLiteral("the Edge services use two external addresses (InterfaceNumber "
                            "%1, %2, %3 for Access, Web Conferencing and A/V); EdgeMap models "
                            "one external address for all three, or one each")
                     .arg(numbers[0])
                     .arg(numbers[1])
                     .arg(numbers[2]));
}

const XmlInterface *interfaceOf(const XmlMachine &m, InterfaceSide side, int number)
{
    const XmlInterface *only = nullptr;
    int count = 0;
    for (const XmlInterface &nic : m.interfaces) {
        if (sideOf(nic.side) != side)
            continue;
        if (interfaceNumber(nic.number, nic.at) == number)
            return &nic;
        only = &nic;
        ++count;
    }
    // One internal interface serves whatever number the ports give it.
    return side == InterfaceSide::Internal && count == 1 ? only : nullptr;
}

// The address an interface is bound to: IPAddress, else IPv6Address. 0.0.0.0 is kept: the
// deployment has not pinned it (the server listens on all its addresses).
QString addressOf(const XmlInterface &nic, const QString &server, Warnings &warnings)
{
    const QString side = nic.side.toLower();
    const QString text = nic.ip.isEmpty() ? nic.ipv6 : nic.ip;
    const std::optional<IpAddress> ip = IpAddress::parse(text);
    if (!ip)
        fail(nic.at, text.isEmpty()
                             ? QStringLiteral("Edge server %1: the %2 interface has no IPAddress")
                                       .arg(server, side)
                             : QStringLiteral("Edge server %1: the %2 IPAddress '%3' is not an IP "
                                              "address (a template not filled in?)")
                                       .arg(server, side, text));
    if (ip->isUnspecified())
        warnings.add(nic.at, QStringLiteral("Edge server %1: the %2 address is %3, not pinned in "
                                            "the topology (the server listens on all its "
                                            "addresses); kept as %3: set the real address so "
                                            "that snapshots and firewall rules name it")
                                     .arg(server, side, text));
    if (!nic.ip.isEmpty() && !nic.ipv6.isEmpty())
        warnings.add(nic.at, QStringLiteral("Edge server %1: the %2 IPv6 address %3 is not "
                                            "imported (EdgeMap models one address per interface "
                                            "and role)")
                                     .arg(server, side, nic.ipv6));
    return ip->toString();
}

// The public address an external interface is translated to (ConfiguredIPAddress); empty
// without NAT.
QString natOf(const XmlInterface &nic, const QString &server, Warnings &warnings)
{
    if (!nic.configuredIpv6.isEmpty())
        warnings.add(nic.at, QStringLiteral("Edge server %1: the IPv6 public address %2 is not "
                                            "imported")
                                     .arg(server, nic.configuredIpv6));
    if (nic.configuredIp.isEmpty())
        return {};
    const std::optional<IpAddress> ip = IpAddress::parse(nic.configuredIp);
    if (!ip) {
        warnings.add(nic.at, QStringLiteral("Edge server %1: ConfiguredIPAddress '%2' is not an "
                                            "IP address; imported without NAT")
                                     .arg(server, nic.configuredIp));
        return {};
    }
    if (ip->isUnspecified() || ip == IpAddress::parse(nic.ip))
        return {};
    return ip->toString();
}

MemberParams memberOf(const XmlMachine &m, const XmlCluster &cluster, const PoolPlan &plan,
                      Warnings &warnings)
{
    MemberParams member;
    member.fqdn = m.fqdn.isEmpty() ? cluster.fqdn : m.fqdn;
    if (const QString bad = rules::fqdnProblem(member.fqdn); !bad.isEmpty())
        fail(m.at, QStringLiteral("Edge server of pool %1: %2").arg(cluster.fqdn, bad));
    const XmlInterface *internal = interfaceOf(m, InterfaceSide::Internal, plan.internalNumber);
    if (!internal)
        fail(m.at, QStringLiteral("Edge server %1 has no internal NetInterface").arg(member.fqdn));
    member.internalIp = addressOf(*internal, member.fqdn, warnings);
    QStringList publicIps;
    for (const int number : plan.externalNumbers) {
        const XmlInterface *nic = interfaceOf(m, InterfaceSide::External, number);
        if (!nic)
            fail(m.at, QStringLiteral("Edge server %1 has no external NetInterface with "
                                      "InterfaceNumber %2, which the Edge's ports use")
                               .arg(member.fqdn)
                               .arg(number));
        member.externalIps.append(addressOf(*nic, member.fqdn, warnings));
        publicIps.append(natOf(*nic, member.fqdn, warnings));
    }
    if (publicIps.size() == 1) {
        member.avPublicIp = publicIps[0];
    } else {
        member.accessPublicIp = publicIps[0];
        member.webConfPublicIp = publicIps[1];
        member.avPublicIp = publicIps[2];
    }
    return member;
}

// The external FQDN of a role: the ConfiguredFqdn of its first port that has one.
QString externalFqdn(const QList<PortUse> &uses, const QList<Catalog::EndpointDef> &defs,
                     AddressRole role, Warnings &warnings)
{
    for (const PortUse &use : uses) {
        if (use.port->configuredFqdn.isEmpty()
            || std::none_of(defs.cbegin(), defs.cend(), [&](const Catalog::EndpointDef &def) {
                   return def.role == role && takes(def, use);
               }))
            continue;
        if (const QString bad = rules::fqdnProblem(use.port->configuredFqdn); !bad.isEmpty()) {
            warnings.add(use.port->at, QStringLiteral("ConfiguredFqdn: %1; not imported").arg(bad));
            continue;
        }
        return use.port->configuredFqdn;
    }
    return {};
}

// "TCP 442 external (Audio/Video Edge, STUN/MSTURN over TCP; default 443)" for each endpoint
// whose port is not the catalog's for the layout.
QStringList nonDefaultPorts(const PoolPlan &plan, const QList<Catalog::EndpointDef> &defs,
                            const Catalog &catalog, const QSet<QString> &features)
{
    const bool singleIp = plan.externalNumbers.size() == 1;
    QStringList out;
    for (const Catalog::EndpointDef &def : defs) {
        const auto chosen = plan.params.ports.constFind(def.key);
        if (chosen == plan.params.ports.cend())
            continue;
        const int port = singleIp && def.singleIpPort > 0 && def.role != AddressRole::Internal
                                 ? def.singleIpPort
                                 : def.port;
        const int portEnd = def.portEnd > def.port ? def.portEnd : port;
        if (chosen->port == port && chosen->portEnd == portEnd)
            continue;
        QString service = def.service;
        for (const Catalog::ServiceDef &s : catalog.services(features))
            if (s.id == def.service)
                service = s.display;
        out.append(QStringLiteral("%1 %2 (%3, %4; default %5)")
                           .arg(socketLabel(def.transport, chosen->port, chosen->portEnd),
                                def.role == AddressRole::Internal ? QStringLiteral("internal")
                                                                  : QStringLiteral("external"),
                                service, def.protocol,
                                socketLabel(def.transport, port, portEnd)
                                        .section(QLatin1Char(' '), 1)));
    }
    return out;
}

} // namespace

QString componentOf(const QString &owner)
{
    const QLatin1String prefix("urn:component:");
    return owner.startsWith(prefix, Qt::CaseInsensitive) ? owner.mid(prefix.size()) : owner;
}

QString idCharacters(const QString &text, bool upperCase, QLatin1StringView punctuation)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if ((u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9')
            || (upperCase && u >= u'A' && u <= u'Z') || (u < 128 && punctuation.contains(c)))
            out += c;
    }
    return out;
}

PoolPlan planPool(const Index &index, qsizetype cluster, qsizetype edgeService, Product product,
                  const QSet<QString> &features, const Catalog &catalog, Warnings &warnings)
{
    const XmlCluster &c = index.doc.clusters[cluster];
    if (const QString bad = rules::fqdnProblem(c.fqdn); !bad.isEmpty())
        fail(c.at, QStringLiteral("Edge pool: %1").arg(bad));
    if (c.machines.isEmpty() || c.machines.size() > kMaxPoolMembers)
        fail(c.at, QStringLiteral("Edge pool %1 has %2 servers; a pool has 1 to %3")
                           .arg(c.fqdn)
                           .arg(c.machines.size())
                           .arg(kMaxPoolMembers));
    PoolPlan plan;
    plan.cluster = cluster;
    plan.edgeService = edgeService;
    plan.at = index.doc.services[edgeService].at;
    QList<Catalog::EndpointDef> defs = catalog.endpoints(features);
    defs.removeIf([](const Catalog::EndpointDef &def) { return def.topologyPort.isEmpty(); });
    const QList<PortUse> uses = portsOf(index, cluster, edgeService, warnings);
    RoleNumbers roles;
    mapPorts(plan, uses, defs, roles, warnings);
    leaveOutMissing(plan, defs, index.doc.services[edgeService].at, warnings);
    plan.externalNumbers = externalLayout(roles, index.doc.services[edgeService].at);
    for (const PortUse &use : uses)
        if (use.side == InterfaceSide::Internal && plan.origins.values().contains(use.id)) {
            plan.internalNumber = use.number;
            break;
        }
    TemplateParams &p = plan.params;
    p.product = product;
    p.poolFqdn = c.fqdn;
    p.site = index.siteName(c);
    p.xmpp = features.contains(QStringLiteral("xmpp-enabled"));
    for (const XmlMachine &m : c.machines)
        p.members.append(memberOf(m, c, plan, warnings));
    p.accessFqdn = externalFqdn(uses, defs, AddressRole::Access, warnings);
    p.webConfFqdn = externalFqdn(uses, defs, AddressRole::WebConf, warnings);
    p.avFqdn = externalFqdn(uses, defs, AddressRole::AV, warnings);
    plan.nonDefaultPorts = nonDefaultPorts(plan, defs, catalog, features);
    return plan;
}

} // namespace edgemap::topologyimport::detail
