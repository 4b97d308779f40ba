// Adding a pool member: a copy of the pool's first server with new ids and addresses.
#include "document/detail/topologyops_p.h"
#include "document/topologyops.h"

#include "core/ipaddress.h"
#include "core/rules.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace edgemap::topologyops {

using namespace detail;

namespace {

QList<const Address *> addressesOn(const EdgeServer &server, InterfaceSide side)
{
    QList<const Address *> result;
    for (const NetInterface &nic : server.interfaces)
        if (nic.side == side)
            for (const Address &a : nic.addresses)
                result.append(&a);
    return result;
}

QString checkNewFqdn(const Topology &t, const QString &fqdn)
{
    if (const QString bad = rules::fqdnProblem(fqdn); !bad.isEmpty())
        return bad;
    for (const EdgePool &pool : t.pools) {
        for (const EdgeServer &s : pool.servers)
            if (s.fqdn.compare(fqdn, Qt::CaseInsensitive) == 0)
                return tr("%1 is already the FQDN of server %2").arg(fqdn, s.id.value());
        if (pool.fqdn.compare(fqdn, Qt::CaseInsensitive) == 0)
            return tr("%1 is already the FQDN of pool %2").arg(fqdn, pool.id.value());
    }
    return {};
}

struct MemberIps
{
    QString internal;
    QStringList external;
    QStringList nat; // per external address, empty where it is not translated
    QString error;
};

// "the A/V Edge address", "the external address (Access Edge, ...)".
QString addressName(const Address &a)
{
    if (a.roles.size() == 1)
        return tr("the %1 address").arg(displayName(a.roles.first()));
    QStringList roles;
    for (const AddressRole role : a.roles)
        roles.append(displayName(role));
    return tr("the external address (%1)").arg(roles.join(QStringLiteral(", ")));
}

// Checks the new member's addresses against the pool's layout and every address in use, and
// returns them in canonical form.
MemberIps checkMemberIps(const Topology &t, const EdgePool &pool, const MemberParams &m)
{
    const auto fail = [](const QString &why) {
        return MemberIps{{}, {}, {}, why};
    };
    const EdgeServer &model = pool.servers.first();
    const auto external = addressesOn(model, InterfaceSide::External);
    if (addressesOn(model, InterfaceSide::Internal).size() != 1)
        return fail(
                tr("the servers of pool %1 do not have one internal address each").arg(pool.fqdn));
    if (m.externalIps.size() != external.size())
        return fail(external.size() == 1
                            ? tr("the servers of pool %1 use the single-IP layout: give one "
                                 "external IP, not %2")
                                      .arg(pool.fqdn)
                                      .arg(m.externalIps.size())
                            : tr("the servers of pool %1 have %2 external addresses: give %2 "
                                 "external IPs, not %3")
                                      .arg(pool.fqdn)
                                      .arg(external.size())
                                      .arg(m.externalIps.size()));
    QStringList publicIps;
    if (const QString error = memberPublicIps(m, &publicIps); !error.isEmpty())
        return fail(error);
    // NAT is the pool's design: where the first member's address is translated, the new
    // member's must be too, or the Internet could not reach it.
    for (qsizetype i = 0; i < external.size(); ++i)
        if (!external[i]->natPublicIp.isEmpty() && publicIps[i].isEmpty())
            return fail(tr("%1 of pool %2 is behind NAT: give the new server's public address "
                           "for it too")
                                .arg(addressName(*external[i]), pool.fqdn));
    QStringList given{m.internalIp};
    given += m.externalIps;
    for (const QString &ip : publicIps)
        if (!ip.isEmpty())
            given.append(ip);
    QStringList canonical;
    for (const QString &raw : std::as_const(given)) {
        const QString text = raw.trimmed();
        if (const QString bad = rules::serverAddressProblem(text); !bad.isEmpty())
            return fail(bad);
        const IpAddress ip = *IpAddress::parse(text);
        if (canonical.contains(ip.toString()))
            return fail(tr("%1 is given twice").arg(text));
        if (const QString use = rules::addressUse(t, ip.toString()); !use.isEmpty())
            return fail(tr("%1 is already used by %2").arg(text, use));
        canonical.append(ip.toString());
    }
    MemberIps ips;
    ips.internal = canonical.takeFirst();
    ips.external = canonical.mid(0, external.size());
    qsizetype next = external.size();
    for (const QString &ip : publicIps)
        ips.nat.append(ip.isEmpty() ? QString() : canonical.value(next++));
    return ips;
}

// "edge01-access-tcp-443" of edge01 becomes "edge02-access-tcp-443" of edge02; an id that does
// not follow the scheme (a hand-written file) gets the new server id as a prefix.
QString renamed(const QString &id, const QString &from, const QString &to)
{
    if (id.startsWith(from + u'-'))
        return to + id.mid(from.size());
    return to + u'-' + id;
}

// The server id `edgemap new` would give this FQDN ("edge02.contoso.local" -> "edge02"), made
// unique together with every address and listener id derived from it.
QString newServerId(const Topology &t, const EdgeServer &model, const QString &fqdn, int ordinal)
{
    QSet<QString> taken;
    for (const EdgePool &pool : t.pools)
        for (const EdgeServer &s : pool.servers) {
            taken.insert(s.id.value());
            for (const NetInterface &nic : s.interfaces)
                for (const Address &a : nic.addresses)
                    taken.insert(a.id.value());
            for (const Listener &l : s.listeners)
                taken.insert(l.id.value());
        }
    QString base;
    for (const QChar c : fqdn.section(u'.', 0, 0).toLower())
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-')
            base += c;
    if (base.isEmpty())
        base = QStringLiteral("edge%1").arg(ordinal, 2, 10, QLatin1Char('0'));
    const auto free = [&](const QString &id) {
        if (taken.contains(id))
            return false;
        for (const NetInterface &nic : model.interfaces)
            for (const Address &a : nic.addresses)
                if (taken.contains(renamed(a.id.value(), model.id.value(), id)))
                    return false;
        for (const Listener &l : model.listeners)
            if (taken.contains(renamed(l.id.value(), model.id.value(), id)))
                return false;
        return true;
    };
    QString id = base;
    for (int n = 2; !free(id); ++n)
        id = base + u'-' + QString::number(n);
    return id;
}

EdgeServer cloneServer(const EdgeServer &model, const ServerId &id, const QString &fqdn,
                       const MemberIps &ips)
{
    EdgeServer s = model;
    s.id = id;
    s.fqdn = fqdn;
    QHash<AddressId, AddressId> ids;
    qsizetype external = 0;
    for (NetInterface &nic : s.interfaces)
        for (Address &a : nic.addresses) {
            const AddressId newId(renamed(a.id.value(), model.id.value(), id.value()));
            ids.insert(a.id, newId);
            a.id = newId;
            // Public addresses belong to one server: each external address gets its own.
            if (nic.side == InterfaceSide::Internal) {
                a.ip = ips.internal;
                a.natPublicIp.clear();
            } else {
                a.ip = ips.external[external];
                a.natPublicIp = ips.nat.value(external);
                ++external;
            }
        }
    for (Listener &l : s.listeners) {
        l.id = ListenerId(renamed(l.id.value(), model.id.value(), id.value()));
        if (!l.address.isEmpty())
            l.address = ids.value(l.address);
    }
    return s;
}

} // namespace

EditResult addPoolMember(const Topology &t, const PoolId &poolId, const MemberParams &m)
{
    const EdgePool *pool = t.pool(poolId);
    if (!pool)
        return refused(tr("there is no pool '%1'").arg(poolId.value()));
    if (pool->servers.isEmpty())
        return refused(tr("pool %1 has no server to copy the layout from").arg(pool->fqdn));
    if (pool->servers.size() >= kMaxPoolMembers)
        return refused(tr("pool %1 already has %2 Edge servers, the most a pool supports")
                               .arg(pool->fqdn)
                               .arg(kMaxPoolMembers));
    const QString fqdn = m.fqdn.trimmed();
    if (const QString bad = checkNewFqdn(t, fqdn); !bad.isEmpty())
        return refused(bad);
    const MemberIps ips = checkMemberIps(t, *pool, m);
    if (!ips.error.isEmpty())
        return refused(ips.error);
    const EdgeServer &model = pool->servers.first();
    const ServerId id(newServerId(t, model, fqdn, int(pool->servers.size()) + 1));
    const EdgeServer server = cloneServer(model, id, fqdn, ips);
    Topology edited = t;
    EdgePool *target = mutablePool(edited, poolId);
    target->servers.append(server);
    if (target->loadBalancing == LoadBalancing::None)
        target->loadBalancing = LoadBalancing::Dns;
    return finished(std::move(edited), id.value());
}

} // namespace edgemap::topologyops
