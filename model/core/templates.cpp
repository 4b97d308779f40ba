#include "core/templates.h"

#include "core/catalog.h"
#include "core/ipaddress.h"

#include <QSet>

#include <algorithm>

namespace edgemap {

namespace {

QString checkIp(const QString &ip, const QString &what)
{
    if (!IpAddress::parse(ip))
        return QStringLiteral("%1 '%2' is not an IPv4 or IPv6 address").arg(what, ip);
    return {};
}

QString checkMembers(const TemplateParams &params)
{
    if (params.members.isEmpty() || params.members.size() > kMaxPoolMembers)
        return QStringLiteral("a pool has 1 to %1 Edge servers, not %2")
                .arg(kMaxPoolMembers)
                .arg(params.members.size());
    const auto layout = params.members.first().externalIps.size();
    QSet<QString> seen;
    for (const MemberParams &m : params.members) {
        if (m.fqdn.trimmed().isEmpty())
            return QStringLiteral("every Edge server needs an FQDN");
        if (m.externalIps.size() != 1 && m.externalIps.size() != 3)
            return QStringLiteral("%1: give one external IP (single-IP layout) or three (Access, "
                                  "Web Conferencing, A/V), not %2")
                    .arg(m.fqdn)
                    .arg(m.externalIps.size());
        if (m.externalIps.size() != layout)
            return QStringLiteral("%1: all pool members must use the same external layout (one "
                                  "IP or three)")
                    .arg(m.fqdn);
        QStringList publicIps;
        if (QString e = memberPublicIps(m, &publicIps); !e.isEmpty())
            return e;
        QStringList ips = m.externalIps;
        ips.prepend(m.internalIp);
        for (const QString &ip : publicIps)
            if (!ip.isEmpty())
                ips.append(ip);
        for (const QString &ip : ips) {
            if (QString e = checkIp(ip, m.fqdn + QStringLiteral(": address")); !e.isEmpty())
                return e;
            if (params.product == Product::Lync2010 && !IpAddress::parse(ip)->unmapped().isV4())
                return QStringLiteral("%1: %2 is an IPv6 address; the Edge supports IPv6 from "
                                      "Lync Server 2013 on, not in Lync Server 2010")
                        .arg(m.fqdn, ip);
            // 0.0.0.0 is an interface the deployment has not pinned (an imported topology),
            // not an address two interfaces could clash on.
            if (IpAddress::parse(ip)->isUnspecified())
                continue;
            const QString canonical = IpAddress::parse(ip)->toString();
            if (seen.contains(canonical))
                return QStringLiteral("%1: address %2 is used twice").arg(m.fqdn, ip);
            seen.insert(canonical);
        }
    }
    return {};
}

QString checkParams(const TemplateParams &params, const Catalog &catalog)
{
    if (params.xmpp && !catalog.product(params.product).features.contains(QStringLiteral("xmpp")))
        return QStringLiteral("XMPP federation is not available in %1 (only Lync Server 2013 and "
                              "Skype for Business Server 2015 have the XMPP proxy on the Edge)")
                .arg(displayName(params.product));
    QSet<QString> domains;
    for (const QString &d : params.sipDomains) {
        if (!isDomainName(d))
            return QStringLiteral("SIP domain '%1' is not a domain name").arg(d);
        if (domains.contains(d.toLower()))
            return QStringLiteral("SIP domain '%1' is given twice").arg(d);
        domains.insert(d.toLower());
    }
    return checkMembers(params);
}

QString serverIdFor(const QString &fqdn, const QSet<QString> &taken, int ordinal)
{
    QString base;
    for (QChar c : fqdn.section(QLatin1Char('.'), 0, 0).toLower())
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-')
            base += c;
    if (base.isEmpty())
        base = QStringLiteral("edge%1").arg(ordinal, 2, 10, QLatin1Char('0'));
    QString id = base;
    for (int n = 2; taken.contains(id); ++n)
        id = base + QLatin1Char('-') + QString::number(n);
    return id;
}

void ensurePeer(Topology &t, const QString &id, PeerKind kind, const QString &name)
{
    if (!t.peer(PeerId(id)))
        t.peers.append(Peer{PeerId(id), kind, name, {}, {}});
}

// The peers of one pool's roles, with the wizard's ids where the parameters name none.
struct RolePeers
{
    PeerId nextHop;
    bool nextHopIsDirector = false;
    QList<PeerId> frontEnds; // at least one
    PeerId cms;
    PeerId xmppGateway;
};

RolePeers rolePeers(const TemplateParams &params)
{
    RolePeers r;
    r.nextHopIsDirector = params.nextHop == NextHopKind::Director;
    for (const QString &id : params.peers.frontEnds)
        r.frontEnds.append(PeerId(id));
    if (r.frontEnds.isEmpty())
        r.frontEnds.append(PeerId(QStringLiteral("front-end")));
    r.nextHop = !params.peers.nextHop.isEmpty() ? PeerId(params.peers.nextHop)
                : r.nextHopIsDirector           ? PeerId(QStringLiteral("director"))
                                                : r.frontEnds.first();
    r.cms = params.peers.cms.isEmpty() ? r.frontEnds.first() : PeerId(params.peers.cms);
    r.xmppGateway = params.peers.xmppGateway.isEmpty() ? r.frontEnds.first()
                                                       : PeerId(params.peers.xmppGateway);
    return r;
}

void addPeers(Topology &t, const TemplateParams &params, const QSet<QString> &features)
{
    ensurePeer(t, QStringLiteral("remote-users"), PeerKind::RemoteUsers,
               QStringLiteral("Remote users"));
    ensurePeer(t, QStringLiteral("federated-partners"), PeerKind::FederatedPartners,
               QStringLiteral("Federated partners"));
    if (features.contains(QStringLiteral("public-im")))
        ensurePeer(t, QStringLiteral("public-im"), PeerKind::PublicIm,
                   QStringLiteral("Public IM providers (historical: Skype consumer retired "
                                  "2025)"));
    ensurePeer(t, QStringLiteral("av-peers"), PeerKind::AvPeers, QStringLiteral("Other A/V Edges"));
    if (features.contains(QStringLiteral("xmpp-enabled")))
        ensurePeer(t, QStringLiteral("xmpp-partners"), PeerKind::XmppPartners,
                   QStringLiteral("XMPP partners"));
    ensurePeer(t, QStringLiteral("internet-services"), PeerKind::InternetServices,
               QStringLiteral("Internet (DNS, CRL)"));
    const RolePeers roles = rolePeers(params);
    if (roles.nextHopIsDirector)
        ensurePeer(t, roles.nextHop.value(), PeerKind::Director, QStringLiteral("Director"));
    for (const PeerId &frontEnd : roles.frontEnds)
        ensurePeer(t, frontEnd.value(), PeerKind::FrontEndPool,
                   QStringLiteral("Front End pool (CMS)"));
    ensurePeer(t, roles.cms.value(), PeerKind::CmsMaster,
               QStringLiteral("Central Management Server pool"));
    if (features.contains(QStringLiteral("xmpp-enabled")))
        ensurePeer(t, roles.xmppGateway.value(), PeerKind::FrontEndPool,
                   QStringLiteral("XMPP gateway pool"));
    ensurePeer(t, QStringLiteral("internal-clients"), PeerKind::InternalClients,
               QStringLiteral("Internal clients"));
    ensurePeer(t, QStringLiteral("internal-dns"), PeerKind::InternalDns,
               QStringLiteral("Internal DNS servers"));
}

// Peer ids the catalog's peer roles stand for in a pool: several for the Front End pools.
QList<PeerId> peersForRole(const QString &role, const RolePeers &peers)
{
    if (role == QLatin1String("next-hop"))
        return {peers.nextHop};
    if (role == QLatin1String("front-end"))
        return peers.frontEnds;
    if (role == QLatin1String("cms-master"))
        return {peers.cms};
    if (role == QLatin1String("xmpp-gateway"))
        return {peers.xmppGateway};
    if (role == QLatin1String("director") && peers.nextHopIsDirector)
        return {peers.nextHop};
    return {PeerId(role)};
}

QList<Address> externalAddresses(const QString &sid, const MemberParams &m,
                                 const TemplateParams &params)
{
    QStringList publicIps;
    memberPublicIps(m, &publicIps); // checked before
    if (m.externalIps.size() == 1)
        return {Address{AddressId(sid + QStringLiteral("-ext")),
                        m.externalIps[0],
                        {AddressRole::Access, AddressRole::WebConf, AddressRole::AV},
                        publicIps[0],
                        params.accessFqdn}};
    return {Address{AddressId(sid + QStringLiteral("-access")),
                    m.externalIps[0],
                    {AddressRole::Access},
                    publicIps[0],
                    params.accessFqdn},
            Address{AddressId(sid + QStringLiteral("-webconf")),
                    m.externalIps[1],
                    {AddressRole::WebConf},
                    publicIps[1],
                    params.webConfFqdn},
            Address{AddressId(sid + QStringLiteral("-av")),
                    m.externalIps[2],
                    {AddressRole::AV},
                    publicIps[2],
                    params.avFqdn}};
}

const Address *addressWithRole(const EdgeServer &server, AddressRole role)
{
    for (const NetInterface &nic : server.interfaces)
        for (const Address &a : nic.addresses)
            if (a.roles.contains(role))
                return &a;
    return nullptr;
}

void addListener(EdgeServer &server, const Catalog::EndpointDef &def, bool singleIp,
                 const QHash<QString, PortChoice> &ports)
{
    const Address *address = addressWithRole(server, def.role);
    int port = singleIp && def.singleIpPort > 0 && def.role != AddressRole::Internal
                       ? def.singleIpPort
                       : def.port;
    int portEnd = def.portEnd > def.port ? def.portEnd : port;
    if (const auto chosen = ports.constFind(def.key); chosen != ports.cend()) {
        port = chosen->port;
        portEnd = std::max(chosen->port, chosen->portEnd);
    }
    const Endpoint endpoint{def.key, def.protocol, def.purpose, def.clients};
    for (Listener &l : server.listeners) {
        if (l.address == address->id && l.transport == def.transport && l.port == port
            && l.portEnd == portEnd) {
            l.endpoints.append(endpoint); // two logical endpoints, one socket
            l.allInterfacesOk = l.allInterfacesOk && def.allInterfacesOk;
            return;
        }
    }
    Listener l;
    const QString tag = address->id.value().section(QLatin1Char('-'), -1);
    QString id = QStringLiteral("%1-%2-%3-%4")
                         .arg(server.id.value(), tag, keyOf(def.transport))
                         .arg(port);
    if (portEnd > port)
        id += QLatin1Char('-') + QString::number(portEnd);
    l.id = ListenerId(id);
    l.address = address->id;
    l.transport = def.transport;
    l.port = port;
    l.portEnd = portEnd;
    l.service = ServiceId(def.service);
    l.alsoAccepted = def.alsoAccepted;
    l.dynamic = def.dynamic;
    l.allInterfacesOk = def.allInterfacesOk;
    l.endpoints.append(endpoint);
    server.listeners.append(l);
}

EdgeServer makeServer(const QSet<QString> &takenIds, const MemberParams &m,
                      const TemplateParams &params, const QList<Catalog::EndpointDef> &endpoints,
                      int ordinal)
{
    EdgeServer s;
    s.id = ServerId(serverIdFor(m.fqdn, takenIds, ordinal));
    s.fqdn = m.fqdn.trimmed();
    const QString sid = s.id.value();
    s.interfaces.append(NetInterface{InterfaceSide::Internal,
                                     {Address{AddressId(sid + QStringLiteral("-int")),
                                              IpAddress::parse(m.internalIp)->toString(),
                                              {AddressRole::Internal},
                                              {},
                                              {}}}});
    s.interfaces.append(NetInterface{InterfaceSide::External, externalAddresses(sid, m, params)});
    for (Address &a : s.interfaces.last().addresses) {
        a.ip = IpAddress::parse(a.ip)->toString();
        if (!a.natPublicIp.isEmpty())
            a.natPublicIp = IpAddress::parse(a.natPublicIp)->toString();
    }
    const bool singleIp = m.externalIps.size() == 1;
    for (const auto &def : endpoints)
        addListener(s, def, singleIp, params.ports);
    return s;
}

bool poolHasEndpoint(const EdgePool &pool, const QString &key)
{
    for (const EdgeServer &s : pool.servers)
        for (const Listener &l : s.listeners)
            if (l.hasEndpoint(key))
                return true;
    return false;
}

const Listener *firstListenerWith(const EdgePool &pool, const QString &key)
{
    for (const EdgeServer &s : pool.servers)
        for (const Listener &l : s.listeners)
            if (l.hasEndpoint(key))
                return &l;
    return nullptr;
}

// The ends a catalog flow end stands for in a pool: none when the pool lacks it, several for
// the Front End pools.
QList<FlowEnd> resolveEnds(const Catalog::FlowEndDef &def, const EdgePool &pool,
                           const RolePeers &peers, const Topology &t)
{
    FlowEnd end;
    end.kind = def.kind;
    switch (def.kind) {
    case FlowEnd::Kind::Peer: {
        QList<FlowEnd> ends;
        for (const PeerId &peer : peersForRole(def.name, peers)) {
            if (peer.isEmpty() || !t.peer(peer))
                continue;
            end.peer = peer;
            ends.append(end);
        }
        return ends;
    }
    case FlowEnd::Kind::Endpoint:
        end.pool = pool.id;
        end.endpointKey = def.name;
        if (!poolHasEndpoint(pool, def.name))
            return {};
        break;
    case FlowEnd::Kind::AddressRole:
        end.pool = pool.id;
        end.role = def.role;
        break;
    }
    return {end};
}

// One flow of `def` between two resolved ends. The first of a definition keeps the catalog's
// id; the others (one per further Front End pool) add `suffix`, the peer they are for.
Flow makeFlow(const Topology &t, const EdgePool &pool, const Catalog::FlowDef &def,
              const FlowEnd &from, const FlowEnd &to, const QString &suffix)
{
    Flow f;
    f.id = FlowId(pool.id.value() + QLatin1Char('/') + def.id);
    if (!suffix.isEmpty())
        f.id = FlowId(f.id.value() + QLatin1Char('/') + suffix);
    f.from = from;
    f.to = to;
    if (const Listener *target
        = to.kind == FlowEnd::Kind::Endpoint ? firstListenerWith(pool, to.endpointKey) : nullptr) {
        f.transport = target->transport;
        f.port = target->port;
        f.portEnd = target->portEnd;
        for (const Endpoint &e : target->endpoints)
            if (e.key == to.endpointKey)
                f.protocol = e.protocol;
    } else {
        f.transport = def.transport.value_or(Transport::Tcp);
        f.port = def.port;
        f.portEnd = def.portEnd;
        f.protocol = def.protocol;
    }
    f.sourcePort = def.sourcePort;
    f.sourcePortEnd = def.sourcePortEnd;
    f.purpose = def.purpose;
    f.firewall = def.firewall;
    f.optional = def.optional || def.optionalIn.contains(keyOf(t.product));
    return f;
}

void addFlows(Topology &t, const EdgePool &pool, const RolePeers &peers,
              const QList<Catalog::FlowDef> &defs)
{
    for (const Catalog::FlowDef &def : defs) {
        const QList<FlowEnd> froms = resolveEnds(def.from, pool, peers, t);
        const QList<FlowEnd> tos = resolveEnds(def.to, pool, peers, t);
        bool first = true;
        for (const FlowEnd &from : froms) {
            for (const FlowEnd &to : tos) {
                QStringList several; // the end (or ends) that come in several
                if (froms.size() > 1)
                    several.append(from.peer.value());
                if (tos.size() > 1)
                    several.append(to.peer.value());
                const Flow f = makeFlow(t, pool, def, from, to,
                                        first ? QString() : several.join(QLatin1Char('-')));
                // One flow per pair of ends and socket (pool ends name their pool): peer-to-peer
                // flows once per topology, and where the next hop is the Front End pool, the
                // next hop's SIP flows are the Front End's.
                if (std::any_of(t.flows.cbegin(), t.flows.cend(), [&](const Flow &g) {
                        return g.from == f.from && g.to == f.to && g.transport == f.transport
                               && g.port == f.port && g.portEnd == f.portEnd;
                    }))
                    continue;
                t.flows.append(f);
                first = false;
            }
        }
    }
}

bool hasEndpointAnywhere(const Topology &t, const QString &key)
{
    return std::any_of(t.pools.cbegin(), t.pools.cend(),
                       [&](const EdgePool &p) { return poolHasEndpoint(p, key); });
}

void addScenarios(Topology &t, const RolePeers &peers, const Catalog &catalog)
{
    for (const Catalog::ScenarioDef &def : catalog.scenarios()) {
        if (t.scenario(ScenarioId(def.id)))
            continue;
        Scenario s{ScenarioId(def.id), def.name, def.description, {}, def.requiredEndpoints};
        bool applies = std::all_of(def.requiredEndpoints.cbegin(), def.requiredEndpoints.cend(),
                                   [&](const QString &k) { return hasEndpointAnywhere(t, k); });
        for (const Catalog::HopDef &h : def.hops) {
            ScenarioHop hop;
            hop.kind = h.kind;
            if (h.kind == ScenarioHop::Kind::Peer) {
                hop.peer = peersForRole(h.peerRole, peers).first();
                applies = applies && t.peer(hop.peer);
            } else if (h.kind == ScenarioHop::Kind::Endpoints) {
                for (const QString &k : h.endpointKeys)
                    if (hasEndpointAnywhere(t, k))
                        hop.endpointKeys.append(k);
                applies = applies && !hop.endpointKeys.isEmpty();
            }
            s.hops.append(hop);
        }
        if (applies)
            t.scenarios.append(s);
    }
}

} // namespace

QString memberPublicIps(const MemberParams &m, QStringList *out)
{
    const QStringList given{m.accessPublicIp.trimmed(), m.webConfPublicIp.trimmed(),
                            m.avPublicIp.trimmed()};
    if (m.externalIps.size() == 3) {
        *out = given;
        return {};
    }
    const auto same = [](const QString &a, const QString &b) {
        const auto ipA = IpAddress::parse(a);
        return ipA ? ipA == IpAddress::parse(b) : a == b;
    };
    QString single;
    for (const QString &ip : given) {
        if (ip.isEmpty())
            continue;
        if (!single.isEmpty() && !same(ip, single))
            return QStringLiteral("%1: one external address (single-IP layout) has one NAT "
                                  "public address, not %2 and %3")
                    .arg(m.fqdn, single, ip);
        single = ip;
    }
    *out = {single};
    return {};
}

QString addPool(Topology &t, const TemplateParams &params, const Catalog &catalog)
{
    if (QString error = checkParams(params, catalog); !error.isEmpty())
        return error;
    const QSet<QString> features = catalog.features(t.product, {params.xmpp, params.publicIm});
    addPeers(t, params, features);
    EdgePool pool;
    pool.id = PoolId(QStringLiteral("pool%1").arg(t.pools.size() + 1));
    pool.fqdn = params.poolFqdn.isEmpty() ? params.members.first().fqdn : params.poolFqdn;
    pool.site = params.site;
    pool.loadBalancing = params.members.size() > 1 ? LoadBalancing::Dns : LoadBalancing::None;
    const RolePeers peers = rolePeers(params);
    pool.nextHop = peers.nextHop;
    QList<Catalog::EndpointDef> endpoints = catalog.endpoints(features);
    endpoints.removeIf(
            [&](const Catalog::EndpointDef &def) { return params.leaveOut.contains(def.key); });
    QSet<QString> takenIds; // server ids are unique across the whole topology
    for (const EdgePool &p : t.pools)
        for (const EdgeServer &s : p.servers)
            takenIds.insert(s.id.value());
    for (const MemberParams &m : params.members) {
        pool.servers.append(
                makeServer(takenIds, m, params, endpoints, int(pool.servers.size()) + 1));
        takenIds.insert(pool.servers.last().id.value());
    }
    t.pools.append(pool);
    addFlows(t, t.pools.last(), peers, catalog.flows(features));
    addScenarios(t, peers, catalog);
    return {};
}

TemplateResult buildTopology(const TemplateParams &params, const Catalog &catalog)
{
    TemplateResult result;
    Topology &t = result.topology;
    t.name = params.name.isEmpty() ? QStringLiteral("Edge topology") : params.name;
    t.product = params.product;
    t.sipDomains = params.sipDomains;
    if (QString error = checkParams(params, catalog); !error.isEmpty()) {
        result.error = error;
        return result;
    }
    t.services = catalogServices(params.product,
                                 catalog.features(params.product, {params.xmpp, params.publicIm}),
                                 catalog);
    result.error = addPool(t, params, catalog);
    return result;
}

QList<Service> catalogServices(Product product, const QSet<QString> &features,
                               const Catalog &catalog)
{
    const Catalog::ProductInfo &info = catalog.product(product);
    QList<Service> services;
    for (const Catalog::ServiceDef &s : catalog.services(features))
        services.append(
                Service{ServiceId(s.id),
                        s.windows ? s.display : info.servicePrefix + QLatin1Char(' ') + s.display,
                        s.executable, true});
    return services;
}

TemplateResult buildTopology(const TemplateParams &params)
{
    return buildTopology(params, Catalog::builtIn());
}

} // namespace edgemap
