// Cross-reference checks of a topology file: what no single value shows on its own.

#include "io/detail/topologyfile_check.h"

#include "core/ipaddress.h"
#include "core/rules.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <numeric>
#include <tuple>
#include <utility>

namespace edgemap::topologyfile::detail {

namespace {

QString poolPath(qsizetype p)
{
    return QStringLiteral("/pools/%1").arg(p);
}

QString serverPath(qsizetype p, qsizetype s)
{
    return poolPath(p) + QStringLiteral("/servers/%1").arg(s);
}

// Calls f(path, server) for every Edge server, in file order.
template<class F>
void forEachServer(const Topology &t, F f)
{
    for (qsizetype p = 0; p < t.pools.size(); ++p)
        for (qsizetype s = 0; s < t.pools[p].servers.size(); ++s)
            f(serverPath(p, s), t.pools[p].servers[s]);
}

// Calls f(path, address) for every address of a server, in file order.
template<class F>
void forEachAddress(const QString &serverPath, const EdgeServer &server, F f)
{
    for (qsizetype i = 0; i < server.interfaces.size(); ++i)
        for (qsizetype a = 0; a < server.interfaces[i].addresses.size(); ++a)
            f(serverPath + QStringLiteral("/interfaces/%1/addresses/%2").arg(i).arg(a),
              server.interfaces[i].addresses[a]);
}

// First place each id of one kind was seen; a second sighting is an error.
class IdIndex
{
public:
    explicit IdIndex(const char *kind)
        : m_kind(QLatin1String(kind))
    {}

    void add(const QString &id, const QString &elementPath)
    {
        if (const auto it = m_first.constFind(id); it != m_first.constEnd())
            fail(elementPath + QStringLiteral("/id"),
                 QStringLiteral("duplicate %1 id '%2' (first at %3)").arg(m_kind, id, *it));
        m_first.insert(id, elementPath);
    }

    template<class T>
    void addAll(const QList<T> &items, const QString &listPath)
    {
        for (qsizetype i = 0; i < items.size(); ++i)
            add(items[i].id.value(), listPath + QLatin1Char('/') + QString::number(i));
    }

private:
    QString m_kind;
    QHash<QString, QString> m_first;
};

void checkUniqueIds(const Topology &t)
{
    IdIndex("service").addAll(t.services, QStringLiteral("/services"));
    IdIndex("peer").addAll(t.peers, QStringLiteral("/peers"));
    IdIndex("pool").addAll(t.pools, QStringLiteral("/pools"));
    IdIndex("flow").addAll(t.flows, QStringLiteral("/flows"));
    IdIndex("scenario").addAll(t.scenarios, QStringLiteral("/scenarios"));
    // Servers, addresses and listeners are unique across the whole topology, not per pool:
    // Topology::server(), address() and listener() look them up globally.
    IdIndex servers("server");
    IdIndex addresses("address");
    IdIndex listeners("listener");
    forEachServer(t, [&](const QString &path, const EdgeServer &server) {
        servers.add(server.id.value(), path);
        forEachAddress(path, server, [&](const QString &addressPath, const Address &a) {
            addresses.add(a.id.value(), addressPath);
        });
        listeners.addAll(server.listeners, path + QStringLiteral("/listeners"));
    });
}

// An unspecified address (0.0.0.0, ::) is not one: it is an interface whose address the
// deployment has not pinned (an imported topology says so), and several may share it.
void checkUniqueIps(const Topology &t)
{
    struct Use
    {
        QString id;
        QString path;
    };
    QHash<IpAddress, Use> seen;
    forEachServer(t, [&](const QString &serverPath, const EdgeServer &server) {
        forEachAddress(serverPath, server, [&](const QString &path, const Address &a) {
            const IpAddress ip = IpAddress::parse(a.ip).value_or(IpAddress());
            if (ip.isUnspecified())
                return;
            if (const auto it = seen.constFind(ip); it != seen.constEnd())
                fail(path + QStringLiteral("/ip"),
                     QStringLiteral("IP address %1 is already used by address '%2' (%3)")
                             .arg(a.ip, it->id, it->path));
            seen.insert(ip, Use{a.id.value(), path});
        });
    });
}

// IPv6 on the Edge arrived with Lync Server 2013: a Lync Server 2010 Edge with an IPv6 address
// (own or NAT public) cannot be deployed as modelled.
void checkIpv6Support(const Topology &t)
{
    if (t.product != Product::Lync2010)
        return;
    forEachServer(t, [&](const QString &serverPath, const EdgeServer &server) {
        forEachAddress(serverPath, server, [&](const QString &path, const Address &a) {
            const std::pair<const char *, QString> ips[]{{"ip", a.ip},
                                                         {"nat_public_ip", a.natPublicIp}};
            for (const auto &[key, text] : ips) {
                const auto ip = IpAddress::parse(text);
                if (ip && !ip->unmapped().isV4())
                    fail(path + QLatin1Char('/') + QLatin1String(key),
                         QStringLiteral("%1 is an IPv6 address; the Edge supports IPv6 from Lync "
                                        "Server 2013 on, not in Lync Server 2010")
                                 .arg(text));
            }
        });
    });
}

void checkSipDomains(const Topology &t)
{
    QSet<QString> seen;
    for (qsizetype i = 0; i < t.sipDomains.size(); ++i) {
        const QString &domain = t.sipDomains[i];
        const QString path = QStringLiteral("/sip_domains/%1").arg(i);
        if (!isDomainName(domain))
            fail(path, QStringLiteral("'%1' is not a domain name").arg(domain));
        if (seen.contains(domain.toLower()))
            fail(path, QStringLiteral("SIP domain '%1' is listed twice").arg(domain));
        seen.insert(domain.toLower());
    }
}

// The editor's FQDN rule (rules::fqdnProblem), so that a file cannot hold a name the editor
// would refuse. Pool and server FQDNs are required; a peer's or an address's is optional.
void checkFqdns(const Topology &t)
{
    const auto check = [](const QString &path, const QString &fqdn, bool optional) {
        if (optional && fqdn.isEmpty())
            return;
        if (const QString bad = rules::fqdnProblem(fqdn); !bad.isEmpty())
            fail(path + QStringLiteral("/fqdn"), bad);
    };
    for (qsizetype p = 0; p < t.pools.size(); ++p)
        check(poolPath(p), t.pools[p].fqdn, false);
    forEachServer(t, [&](const QString &serverPath, const EdgeServer &server) {
        check(serverPath, server.fqdn, false);
        forEachAddress(serverPath, server,
                       [&](const QString &path, const Address &a) { check(path, a.fqdn, true); });
    });
    for (qsizetype i = 0; i < t.peers.size(); ++i) {
        const QString path = QStringLiteral("/peers/%1").arg(i);
        check(path, t.peers[i].fqdn, true);
        for (qsizetype m = 0; m < t.peers[i].members.size(); ++m)
            if (const QString bad = rules::fqdnProblem(t.peers[i].members[m]); !bad.isEmpty())
                fail(path + QStringLiteral("/members/%1").arg(m), bad);
    }
}

const Address *addressOn(const EdgeServer &server, const AddressId &id)
{
    for (const NetInterface &nic : server.interfaces)
        for (const Address &a : nic.addresses)
            if (a.id == id)
                return &a;
    return nullptr;
}

QString unknownAddressMessage(const Topology &t, const EdgeServer &server, const AddressId &id)
{
    if (const EdgeServer *owner = t.serverOfAddress(id))
        return QStringLiteral("address '%1' belongs to server '%2', not to this server '%3'")
                .arg(id.value(), owner->id.value(), server.id.value());
    QStringList own;
    for (const NetInterface &nic : server.interfaces)
        for (const Address &a : nic.addresses)
            own.append(a.id.value());
    return QStringLiteral("unknown address '%1' (server '%2' has %3, or '*' for all interfaces)")
            .arg(id.value(), server.id.value(), own.join(QStringLiteral(", ")));
}

// What references are looked up in, built once: a linear search per reference would make a
// large (or hostile) file quadratic.
struct Index
{
    QSet<QString> services;
    QSet<QString> peers;
    QHash<QString, QSet<QString>> poolEndpoints; // pool id -> endpoint keys of its listeners
    QHash<QString, unsigned> poolRoles;          // pool id -> bit set of its address roles
    QSet<QString> endpoints;                     // every endpoint key of every pool

    explicit Index(const Topology &t);
};

unsigned roleBit(AddressRole role)
{
    return 1u << static_cast<unsigned>(role);
}

Index::Index(const Topology &t)
{
    for (const Service &s : t.services)
        services.insert(s.id.value());
    for (const Peer &p : t.peers)
        peers.insert(p.id.value());
    for (const EdgePool &pool : t.pools) {
        QSet<QString> &keys = poolEndpoints[pool.id.value()];
        unsigned &roles = poolRoles[pool.id.value()];
        for (const EdgeServer &s : pool.servers) {
            for (const NetInterface &nic : s.interfaces)
                for (const Address &a : nic.addresses)
                    for (const AddressRole role : a.roles)
                        roles |= roleBit(role);
            for (const Listener &l : s.listeners)
                for (const Endpoint &e : l.endpoints)
                    keys.insert(e.key);
        }
        endpoints.unite(keys);
    }
}

void checkListenerReferences(const Topology &t, const Index &index, const QString &serverPath,
                             const EdgeServer &server)
{
    QSet<AddressId> own;
    for (const NetInterface &nic : server.interfaces)
        for (const Address &a : nic.addresses)
            own.insert(a.id);
    for (qsizetype i = 0; i < server.listeners.size(); ++i) {
        const Listener &l = server.listeners[i];
        const QString path = serverPath + QStringLiteral("/listeners/%1").arg(i);
        if (!l.address.isEmpty() && !own.contains(l.address))
            fail(path + QStringLiteral("/address"), unknownAddressMessage(t, server, l.address));
        if (!index.services.contains(l.service.value()))
            fail(path + QStringLiteral("/service"),
                 QStringLiteral("unknown service '%1' (not in /services)").arg(l.service.value()));
    }
}

void checkPeer(const Index &index, const PeerId &peer, const QString &path)
{
    if (!index.peers.contains(peer.value()))
        fail(path, QStringLiteral("unknown peer '%1' (not in /peers)").arg(peer.value()));
}

void checkPoolReferences(const Topology &t, const Index &index)
{
    for (qsizetype p = 0; p < t.pools.size(); ++p)
        if (!t.pools[p].nextHop.isEmpty())
            checkPeer(index, t.pools[p].nextHop, poolPath(p) + QStringLiteral("/next_hop"));
    forEachServer(t, [&](const QString &path, const EdgeServer &server) {
        checkListenerReferences(t, index, path, server);
    });
}

void checkFlowEnd(const Index &index, const FlowEnd &end, const QString &path)
{
    if (end.kind == FlowEnd::Kind::Peer)
        return checkPeer(index, end.peer, path + QStringLiteral("/peer"));
    const QString pool = end.pool.value();
    if (!index.poolEndpoints.contains(pool))
        fail(path + QStringLiteral("/pool"),
             QStringLiteral("unknown pool '%1' (not in /pools)").arg(pool));
    if (end.kind == FlowEnd::Kind::Endpoint
        && !index.poolEndpoints.value(pool).contains(end.endpointKey))
        fail(path + QStringLiteral("/endpoint"),
             QStringLiteral("no listener in pool '%1' has endpoint '%2'")
                     .arg(pool, end.endpointKey));
    if (end.kind == FlowEnd::Kind::AddressRole
        && !(index.poolRoles.value(pool) & roleBit(end.role)))
        fail(path + QStringLiteral("/role"),
             QStringLiteral("no address in pool '%1' has role '%2'").arg(pool, keyOf(end.role)));
}

void checkFlows(const Topology &t, const Index &index)
{
    for (qsizetype f = 0; f < t.flows.size(); ++f) {
        const QString path = QStringLiteral("/flows/%1").arg(f);
        checkFlowEnd(index, t.flows[f].from, path + QStringLiteral("/from"));
        checkFlowEnd(index, t.flows[f].to, path + QStringLiteral("/to"));
    }
}

void checkEndpointKeys(const Index &index, const QStringList &keys, const QString &path)
{
    for (qsizetype k = 0; k < keys.size(); ++k)
        if (!index.endpoints.contains(keys[k]))
            fail(path + QLatin1Char('/') + QString::number(k),
                 QStringLiteral("no listener has endpoint '%1'").arg(keys[k]));
}

void checkScenarios(const Topology &t, const Index &index)
{
    for (qsizetype s = 0; s < t.scenarios.size(); ++s) {
        const Scenario &scenario = t.scenarios[s];
        const QString path = QStringLiteral("/scenarios/%1").arg(s);
        for (qsizetype h = 0; h < scenario.hops.size(); ++h) {
            const ScenarioHop &hop = scenario.hops[h];
            const QString hopPath = path + QStringLiteral("/hops/%1").arg(h);
            if (hop.kind == ScenarioHop::Kind::Peer)
                checkPeer(index, hop.peer, hopPath + QStringLiteral("/peer"));
            else if (hop.kind == ScenarioHop::Kind::Endpoints)
                checkEndpointKeys(index, hop.endpointKeys, hopPath + QStringLiteral("/endpoints"));
        }
        checkEndpointKeys(index, scenario.requiredEndpoints, path + QStringLiteral("/requires"));
    }
}

QString socketPlace(const EdgeServer &server, const Listener &l)
{
    const Address *a = l.address.isEmpty() ? nullptr : addressOn(server, l.address);
    return a ? a->ip : QStringLiteral("all interfaces");
}

[[noreturn]] void failSocketClash(const QString &serverPath, const EdgeServer &server,
                                  qsizetype first, qsizetype second)
{
    const Listener &earlier = server.listeners[std::min(first, second)];
    const Listener &later = server.listeners[std::max(first, second)];
    QString message = QStringLiteral("duplicate socket %1 on %2, already used by listener '%3'")
                              .arg(socketLabel(later.transport, later.port, later.portEnd),
                                   socketPlace(server, later), earlier.id.value());
    if (earlier.address != later.address || earlier.port != later.port
        || earlier.portEnd != later.portEnd)
        message += QStringLiteral(" (%1 on %2)")
                           .arg(socketLabel(earlier.transport, earlier.port, earlier.portEnd),
                                socketPlace(server, earlier));
    fail(serverPath + QStringLiteral("/listeners/%1").arg(std::max(first, second)), message);
}

// Two listeners clash when they share a transport, their port ranges overlap and they bind the
// same address (or either binds all interfaces). A sweep in port order finds a clash in
// O(n log n): for each listener it is enough to know, among those starting at or below its
// port, the one reaching furthest on its own address, on all interfaces, and on any address.
void checkServerSockets(const QString &serverPath, const EdgeServer &server)
{
    struct Reach
    {
        int end = 0;
        qsizetype index = -1;
        void extend(int e, qsizetype i)
        {
            if (e > end)
                *this = Reach{e, i};
        }
    };
    const QList<Listener> &ls = server.listeners;
    QList<qsizetype> order(ls.size());
    std::iota(order.begin(), order.end(), qsizetype(0));
    std::sort(order.begin(), order.end(), [&](qsizetype a, qsizetype b) {
        return std::tuple(ls[a].transport, ls[a].port, a)
               < std::tuple(ls[b].transport, ls[b].port, b);
    });
    QHash<AddressId, Reach> byAddress; // the empty id stands for all interfaces
    Reach anyAddress;
    for (qsizetype n = 0; n < order.size(); ++n) {
        const qsizetype i = order[n];
        const Listener &l = ls[i];
        if (n > 0 && ls[order[n - 1]].transport != l.transport) {
            byAddress.clear();
            anyAddress = Reach();
        }
        const Reach own = byAddress.value(l.address);
        const Reach all = byAddress.value(AddressId());
        const Reach clash = l.address.isEmpty() ? anyAddress : own.end >= l.port ? own : all;
        if (clash.end >= l.port)
            failSocketClash(serverPath, server, clash.index, i);
        byAddress[l.address].extend(l.portEnd, i);
        anyAddress.extend(l.portEnd, i);
    }
}

} // namespace

void checkTopology(const Topology &t)
{
    checkUniqueIds(t);
    checkUniqueIps(t);
    checkIpv6Support(t);
    checkSipDomains(t);
    const Index index(t);
    checkPoolReferences(t, index);
    checkFlows(t, index);
    checkScenarios(t, index);
    forEachServer(t, checkServerSockets);
    checkFqdns(t);
}

} // namespace edgemap::topologyfile::detail
