// What the template builder cannot know about an imported pool: which of its elements came from
// the file (import keys), the listeners of the ports the catalog has no endpoint for, and the
// summary of what was imported.

#include "io/detail/topologyimport_p.h"

#include "io/topologyfile.h"

#include <algorithm>

namespace edgemap::topologyimport::detail {

namespace {

NetInterface *interfaceOn(EdgeServer &server, InterfaceSide side)
{
    for (NetInterface &nic : server.interfaces)
        if (nic.side == side)
            return &nic;
    return nullptr;
}

void markAddresses(EdgeServer &server, const PoolPlan &plan)
{
    if (NetInterface *internal = interfaceOn(server, InterfaceSide::Internal))
        for (Address &a : internal->addresses)
            a.importKey = QStringLiteral("internal:%1").arg(plan.internalNumber);
    if (NetInterface *external = interfaceOn(server, InterfaceSide::External))
        for (qsizetype k = 0; k < external->addresses.size() && k < plan.externalNumbers.size();
             ++k)
            external->addresses[k].importKey
                    = QStringLiteral("external:%1").arg(plan.externalNumbers[k]);
}

// The import key of each listener; and a warning where the file puts endpoints of two services
// on one socket, which the template joins into one listener of the first one's service.
void markListeners(EdgeServer &server, const PoolPlan &plan, const Catalog &catalog,
                   Warnings &warnings)
{
    for (Listener &l : server.listeners) {
        QStringList ports;
        for (const Endpoint &e : l.endpoints) {
            if (const QString id = plan.origins.value(e.key); !id.isEmpty() && !ports.contains(id))
                ports.append(id);
            const QList<const Catalog::EndpointDef *> defs = catalog.endpointDefs(e.key);
            if (!defs.isEmpty() && std::none_of(defs.cbegin(), defs.cend(), [&](const auto *def) {
                    return def->service == l.service.value();
                }))
                warnings.add(plan.at,
                             QStringLiteral("the Edge pool's ports put %1 on %2 with %3: "
                                            "one socket, modelled as one listener of %4")
                                     .arg(e.key, socketLabel(l.transport, l.port, l.portEnd),
                                          l.endpoints.first().key, l.service.value()));
        }
        l.importKey = ports.join(QStringLiteral(", "));
    }
}

const Address *addressFor(EdgeServer &server, const PoolPlan &plan, const PortUse &use)
{
    NetInterface *nic = interfaceOn(server, use.side);
    if (!nic || nic->addresses.isEmpty())
        return nullptr;
    if (use.side == InterfaceSide::Internal)
        return &nic->addresses.first();
    const qsizetype k = plan.externalNumbers.indexOf(use.number);
    return k >= 0 && k < nic->addresses.size() ? &nic->addresses[k] : nullptr;
}

// The service a port's component runs in: the catalog's, where one of its endpoints has that
// component; else one named after the component, its executable unknown.
ServiceId serviceFor(Topology &t, const PortUse &use, const Catalog &catalog)
{
    const QString component = componentOf(use.port->owner);
    for (const Catalog::EndpointDef &def : catalog.endpoints(catalog.allFeatures(t.product)))
        if (def.topologyPort.section(QLatin1Char('/'), 0, 0).compare(component, Qt::CaseInsensitive)
                    == 0
            && t.service(ServiceId(def.service)))
            return ServiceId(def.service);
    QString id = component;
    id = idCharacters(id, true, QLatin1StringView("_.-"));
    if (id.isEmpty())
        id = QStringLiteral("UNKNOWN");
    if (!t.service(ServiceId(id)))
        t.services.append(Service{ServiceId(id),
                                  QStringLiteral("%1 (a component of the imported topology; its "
                                                 "Windows service is not in EdgeMap's catalog)")
                                          .arg(component),
                                  {},
                                  true});
    return ServiceId(id);
}

Endpoint endpointFor(const PortUse &use)
{
    const QString component = componentOf(use.port->owner);
    QString key = QStringLiteral("imported-%1-%2").arg(component, use.port->usage).toLower();
    key = idCharacters(key, false, QLatin1StringView("-"));
    return Endpoint{key, use.port->protocol,
                    QStringLiteral("%1 %2: a Port of the imported topology that EdgeMap's "
                                   "catalog does not describe")
                            .arg(component, use.port->usage),
                    QStringLiteral("Not known to EdgeMap")};
}

bool overlaps(const Listener &a, const Listener &b)
{
    return a.transport == b.transport && a.port <= b.portEnd && b.port <= a.portEnd
           && (a.address == b.address || a.address.isEmpty() || b.address.isEmpty());
}

// Adds (or joins to the listener of the same socket) the listener of an extra port on one
// server; a socket that overlaps another listener's is left out with a warning.
void addExtraListener(EdgeServer &server, const PoolPlan &plan, const PortUse &use,
                      Transport transport, const ServiceId &service, Warnings &warnings)
{
    const Address *address = addressFor(server, plan, use);
    if (!address) {
        warnings.add(use.port->at, QStringLiteral("Port %1 is on an interface the Edge pool's "
                                                  "addresses do not include; not imported")
                                           .arg(use.id));
        return;
    }
    Listener l;
    l.address = address->id;
    l.transport = transport;
    l.port = use.first;
    l.portEnd = use.last;
    l.service = service;
    l.importKey = use.id;
    l.endpoints.append(endpointFor(use));
    for (Listener &other : server.listeners) {
        if (!overlaps(l, other))
            continue;
        if (other.address == l.address && other.port == l.port && other.portEnd == l.portEnd) {
            if (!other.hasEndpoint(l.endpoints.first().key))
                other.endpoints.append(l.endpoints.first());
            if (!other.importKey.split(QStringLiteral(", ")).contains(use.id))
                other.importKey
                        += (other.importKey.isEmpty() ? QString() : QStringLiteral(", ")) + use.id;
            return;
        }
        warnings.add(use.port->at, QStringLiteral("Port %1 (%2) overlaps listener %3; not imported")
                                           .arg(use.id, socketLabel(transport, use.first, use.last),
                                                other.id.value()));
        return;
    }
    const QString tag = address->id.value().section(QLatin1Char('-'), -1);
    QString id = QStringLiteral("%1-%2-%3-%4")
                         .arg(server.id.value(), tag, keyOf(transport))
                         .arg(use.first);
    if (use.last > use.first)
        id += QLatin1Char('-') + QString::number(use.last);
    l.id = ListenerId(id);
    server.listeners.append(l);
}

QString addressText(const Address &a)
{
    return a.natPublicIp.isEmpty() ? a.ip : QStringLiteral("%1 (NAT %2)").arg(a.ip, a.natPublicIp);
}

} // namespace

void addImported(Topology &t, qsizetype poolIndex, const PoolPlan &plan, const Catalog &catalog,
                 Warnings &warnings)
{
    QList<ServiceId> services; // before any reference into the pools is taken
    for (const PortUse &use : plan.extraPorts)
        services.append(serviceFor(t, use, catalog));
    EdgePool &pool = t.pools[poolIndex];
    pool.importKey = plan.params.poolFqdn.toLower();
    for (qsizetype i = 0; i < pool.servers.size(); ++i) {
        EdgeServer &server = pool.servers[i];
        server.importKey = plan.params.members.value(i).fqdn.toLower();
        markAddresses(server, plan);
        markListeners(server, plan, catalog, warnings);
        for (qsizetype u = 0; u < plan.extraPorts.size(); ++u)
            for (const Transport transport : plan.extraPorts[u].transports)
                addExtraListener(server, plan, plan.extraPorts[u], transport, services[u],
                                 warnings);
    }
}

void describePool(const EdgePool &pool, const PoolPlan &plan, ImportSummary::Pool &summary)
{
    summary.layout = plan.externalNumbers.size() == 1
                             ? QStringLiteral("one external address")
                             : QStringLiteral("three external addresses (Access, Web "
                                              "Conferencing, A/V)");
    for (const QString &fqdn :
         {plan.params.accessFqdn, plan.params.webConfFqdn, plan.params.avFqdn})
        if (!fqdn.isEmpty() && !summary.externalFqdns.contains(fqdn, Qt::CaseInsensitive))
            summary.externalFqdns.append(fqdn);
    summary.nonDefaultPorts = plan.nonDefaultPorts;
    for (const EdgeServer &s : pool.servers) {
        ImportSummary::Server server;
        server.fqdn = s.fqdn;
        for (const NetInterface &nic : s.interfaces)
            for (const Address &a : nic.addresses) {
                if (nic.side == InterfaceSide::Internal)
                    server.internalAddress = a.ip;
                else
                    server.externalAddresses.append(addressText(a));
            }
        summary.servers.append(server);
    }
}

void checkImported(const Topology &t, const XmlDocument &document, const QList<PoolPlan> &plans)
{
    const Error e = topologyfile::validate(t);
    if (!e.isError())
        return;
    Place at;
    // "/pools/<i>/...": the Edge pool the path is in.
    bool isPool = false;
    const qsizetype i = e.path.startsWith(QLatin1String("/pools/"))
                                ? e.path.section(QLatin1Char('/'), 2, 2).toInt(&isPool)
                                : -1;
    if (isPool && i >= 0 && i < plans.size())
        at = document.services[plans[i].edgeService].at;
    fail(at, QStringLiteral("the imported Edge pool cannot be modelled as it is (%1: %2)")
                     .arg(e.path, e.message));
}

void noteNotTaken(const Topology &t, QStringList &notTaken)
{
    const auto hasEndpoint = [&](const QString &key) {
        const QList<const Listener *> all = t.allListeners();
        return std::any_of(all.cbegin(), all.cend(),
                           [&](const Listener *l) { return l->hasEndpoint(key); });
    };
    if (hasEndpoint(QStringLiteral("cls-agent")))
        notTaken.append(QStringLiteral("the Centralized Logging Service agent's ports (TCP "
                                       "50001-50003): not in a topology; EdgeMap adds the "
                                       "product's defaults"));
    notTaken.append(QStringLiteral("the addresses of the Front End, Director and CMS pools: not "
                                   "in a topology; add them to the peers for the firewall rules"));
    if (std::any_of(t.pools.cbegin(), t.pools.cend(),
                    [](const EdgePool &p) { return p.servers.size() > 1; }))
        notTaken.append(QStringLiteral("how a pool is load balanced: not in a topology; pools of "
                                       "several servers are taken as DNS load balanced"));
}

} // namespace edgemap::topologyimport::detail
