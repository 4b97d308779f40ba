#include "document/reimport.h"

#include "io/error.h"
#include "io/topologyfile.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace edgemap {

namespace {

bool sameName(const QString &a, const QString &b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

// Peers that stand for a group ("remote users", "federated partners"): a topology has one of
// each, matched by kind. The others (Director, Front End pool, CMS) are pools of the deployment,
// matched by FQDN.
bool matchedByKind(PeerKind kind)
{
    return kind != PeerKind::Director && kind != PeerKind::FrontEndPool
           && kind != PeerKind::CmsMaster;
}

QString rolesKey(const Address &a)
{
    QStringList roles;
    for (AddressRole r : a.roles)
        roles.append(keyOf(r));
    roles.sort();
    return roles.join(QLatin1Char('+'));
}

QString rolesText(const Address &a)
{
    QStringList roles;
    for (AddressRole r : a.roles)
        roles.append(displayName(r));
    return roles.join(QStringLiteral(" + "));
}

QString listenerKey(const Listener &l)
{
    QStringList keys;
    for (const Endpoint &e : l.endpoints)
        keys.append(e.key);
    keys.sort();
    return l.service.value() + QLatin1Char('|') + keys.join(QLatin1Char(','));
}

QString listenerText(const Listener &l)
{
    return QStringLiteral("%1 (%2)").arg(socketLabel(l.transport, l.port, l.portEnd),
                                         l.service.value());
}

template<class T, class Match>
const T *findIn(const QList<T> &list, Match match)
{
    const auto it = std::find_if(list.cbegin(), list.cend(), match);
    return it == list.cend() ? nullptr : &*it;
}

// Ids of one kind in the merged topology: the file's for what both have, the import's for what
// is new, made unique when the import's happens to be taken.
class IdSpace
{
public:
    void reserve(const QString &id) { m_used.insert(id); }
    QString claim(const QString &wanted)
    {
        QString id = wanted;
        for (int n = 2; m_used.contains(id); ++n)
            id = QStringLiteral("%1-%2").arg(wanted).arg(n);
        m_used.insert(id);
        return id;
    }

private:
    QSet<QString> m_used;
};

class Merger
{
public:
    Merger(const Topology &current, const Topology &imported)
        : m_cur(current)
        , m_imp(imported)
    {}

    ReimportResult run();

private:
    void mergeTopologyFacts();
    void mergePeers();
    void notePeerChanges(const Peer &cur, const Peer &imp);
    void mergePools();
    EdgePool mergePool(const EdgePool &cur, const EdgePool &imp);
    EdgeServer mergeServer(const EdgeServer &cur, const EdgeServer &imp);
    void reserveMatchedIds();
    EdgeServer fresh(const EdgeServer &imp);
    void remapFlowsAndScenarios();
    QString peerName(const Topology &t, const PeerId &id) const;
    void note(DeploymentChange::Kind kind, const QString &where, const QString &what)
    {
        m_changes.append({kind, where, what});
    }

    const Topology &m_cur;
    const Topology &m_imp;
    Topology m_out;
    QList<DeploymentChange> m_changes;
    QHash<QString, QString> m_peerId; // imported id -> merged id
    QHash<QString, QString> m_poolId;
    IdSpace m_pools, m_servers, m_addresses, m_listeners, m_peers;
};

ReimportResult Merger::run()
{
    m_out = m_imp;
    reserveMatchedIds();
    mergeTopologyFacts();
    mergePeers();
    mergePools();
    remapFlowsAndScenarios();
    ReimportResult result;
    result.topology = m_out;
    result.changes = m_changes;
    if (const Error error = topologyfile::validate(m_out); error.isError())
        result.error = error.message;
    return result;
}

// The ids the merged topology keeps from the file: every pool, member, address and listener the
// import also has, and the peers matched. Reserved first, so that nothing new takes one.
void Merger::reserveMatchedIds()
{
    for (const EdgePool &ip : m_imp.pools) {
        const EdgePool *cp
                = findIn(m_cur.pools, [&](const EdgePool &p) { return sameName(p.fqdn, ip.fqdn); });
        if (!cp)
            continue;
        m_pools.reserve(cp->id.value());
        for (const EdgeServer &is : ip.servers) {
            const EdgeServer *cs = findIn(
                    cp->servers, [&](const EdgeServer &s) { return sameName(s.fqdn, is.fqdn); });
            if (!cs)
                continue;
            m_servers.reserve(cs->id.value());
            for (const NetInterface &nic : cs->interfaces)
                for (const Address &a : nic.addresses)
                    m_addresses.reserve(a.id.value());
            for (const Listener &l : cs->listeners)
                m_listeners.reserve(l.id.value());
        }
    }
    for (const Peer &p : m_cur.peers)
        m_peers.reserve(p.id.value());
}

void Merger::mergeTopologyFacts()
{
    m_out.name = m_cur.name; // the user's
    if (m_cur.product != m_imp.product)
        note(DeploymentChange::Kind::Product, QStringLiteral("topology"),
             QStringLiteral("product %1 → %2")
                     .arg(displayName(m_cur.product), displayName(m_imp.product)));
    if (m_cur.sipDomains != m_imp.sipDomains && !m_imp.sipDomains.isEmpty())
        note(DeploymentChange::Kind::SipDomains, QStringLiteral("topology"),
             QStringLiteral("SIP domains %1 → %2")
                     .arg(m_cur.sipDomains.isEmpty() ? QStringLiteral("none")
                                                     : m_cur.sipDomains.join(QStringLiteral(", ")),
                          m_imp.sipDomains.join(QStringLiteral(", "))));
    else if (m_imp.sipDomains.isEmpty())
        m_out.sipDomains = m_cur.sipDomains;
    // A service the user switched off stays off.
    for (Service &s : m_out.services)
        if (const Service *c = m_cur.service(s.id))
            s.enabled = c->enabled;
}

void Merger::mergePeers()
{
    QList<Peer> peers;
    QSet<QString> matchedCurrent;
    for (const Peer &ip : m_imp.peers) {
        // The pool an earlier import made this peer from (its import key), whatever its kind
        // now (a Front End pool that took the CMS); else the same kind and FQDN.
        const Peer *cp = findIn(m_cur.peers, [&](const Peer &p) {
            return !p.importKey.isEmpty() && p.importKey == ip.importKey
                   && !matchedCurrent.contains(p.id.value());
        });
        if (!cp)
            cp = findIn(m_cur.peers, [&](const Peer &p) {
                if (p.kind != ip.kind || matchedCurrent.contains(p.id.value()))
                    return false;
                return matchedByKind(p.kind) || sameName(p.fqdn, ip.fqdn);
            });
        Peer merged = ip;
        if (cp) {
            matchedCurrent.insert(cp->id.value());
            merged.id = cp->id;
            merged.name = cp->name; // the user's words and address ranges
            if (!cp->addresses.isEmpty())
                merged.addresses = cp->addresses;
            if (ip.fqdn.isEmpty())
                merged.fqdn = cp->fqdn;
            notePeerChanges(*cp, merged);
        } else {
            merged.id = PeerId(m_peers.claim(ip.id.value()));
            if (!matchedByKind(ip.kind))
                note(DeploymentChange::Kind::PeerAdded, ip.fqdn.isEmpty() ? ip.name : ip.fqdn,
                     QStringLiteral("%1 added").arg(displayName(ip.kind)));
        }
        m_peerId.insert(ip.id.value(), merged.id.value());
        peers.append(merged);
    }
    // A pool an earlier import brought that the deployment no longer has goes (nothing the
    // import brings refers to it); what the user added by hand stays, with its address ranges,
    // said when it stands for a pool of the deployment the import does not name.
    for (const Peer &cp : m_cur.peers) {
        if (matchedCurrent.contains(cp.id.value()))
            continue;
        const QString where = cp.fqdn.isEmpty() ? cp.name : cp.fqdn;
        if (!cp.importKey.isEmpty()) {
            note(DeploymentChange::Kind::PeerGone, where,
                 QStringLiteral("%1 no longer in the deployment; removed")
                         .arg(displayName(cp.kind)));
            continue;
        }
        if (!matchedByKind(cp.kind))
            note(DeploymentChange::Kind::PeerGone, where,
                 QStringLiteral("%1 added by hand, not in the deployment; kept")
                         .arg(displayName(cp.kind)));
        peers.append(cp);
    }
    m_out.peers = peers;
}

void Merger::notePeerChanges(const Peer &cur, const Peer &imp)
{
    const QString where = imp.fqdn.isEmpty() ? imp.name : imp.fqdn;
    if (cur.kind != imp.kind)
        note(DeploymentChange::Kind::Peer, where,
             QStringLiteral("now a %1 (was a %2)")
                     .arg(displayName(imp.kind), displayName(cur.kind)));
    const auto missingFrom = [](const QStringList &from, const QStringList &in) {
        QStringList out;
        for (const QString &m : from)
            if (!in.contains(m, Qt::CaseInsensitive))
                out.append(m);
        return out;
    };
    // A pool without servers in the import (a Topology Builder pool with none yet) says nothing.
    if (imp.members.isEmpty())
        return;
    const QStringList added = missingFrom(imp.members, cur.members);
    const QStringList removed = missingFrom(cur.members, imp.members);
    if (!added.isEmpty())
        note(DeploymentChange::Kind::Peer, where,
             QStringLiteral("server%1 %2 added")
                     .arg(added.size() == 1 ? QString() : QStringLiteral("s"),
                          added.join(QStringLiteral(", "))));
    if (!removed.isEmpty())
        note(DeploymentChange::Kind::Peer, where,
             QStringLiteral("server%1 %2 no longer in the pool")
                     .arg(removed.size() == 1 ? QString() : QStringLiteral("s"),
                          removed.join(QStringLiteral(", "))));
}

QString Merger::peerName(const Topology &t, const PeerId &id) const
{
    const Peer *p = t.peer(id);
    return !p ? QStringLiteral("none") : p->fqdn.isEmpty() ? p->name : p->fqdn;
}

void Merger::mergePools()
{
    QList<EdgePool> pools;
    for (const EdgePool &ip : m_imp.pools) {
        const EdgePool *cp
                = findIn(m_cur.pools, [&](const EdgePool &p) { return sameName(p.fqdn, ip.fqdn); });
        EdgePool merged;
        if (cp) {
            merged = mergePool(*cp, ip);
        } else {
            merged = ip;
            merged.id = PoolId(m_pools.claim(ip.id.value()));
            merged.servers.clear();
            for (const EdgeServer &s : ip.servers)
                merged.servers.append(fresh(s));
            note(DeploymentChange::Kind::PoolAdded, ip.fqdn,
                 QStringLiteral("Edge pool added (%1, %2 servers)")
                         .arg(ip.site)
                         .arg(ip.servers.size()));
        }
        merged.nextHop = PeerId(m_peerId.value(ip.nextHop.value(), ip.nextHop.value()));
        m_poolId.insert(ip.id.value(), merged.id.value());
        pools.append(merged);
    }
    for (const EdgePool &cp : m_cur.pools)
        if (!findIn(m_imp.pools, [&](const EdgePool &p) { return sameName(p.fqdn, cp.fqdn); }))
            note(DeploymentChange::Kind::PoolRemoved, cp.fqdn,
                 QStringLiteral("Edge pool no longer in the deployment; removed"));
    m_out.pools = pools;
}

EdgePool Merger::mergePool(const EdgePool &cur, const EdgePool &imp)
{
    EdgePool merged = imp;
    merged.id = cur.id;
    if (cur.site != imp.site)
        note(DeploymentChange::Kind::Pool, imp.fqdn,
             QStringLiteral("site %1 → %2").arg(cur.site, imp.site));
    if (cur.loadBalancing != imp.loadBalancing)
        note(DeploymentChange::Kind::Pool, imp.fqdn,
             QStringLiteral("load balancing %1 → %2")
                     .arg(keyOf(cur.loadBalancing), keyOf(imp.loadBalancing)));
    const QString before = peerName(m_cur, cur.nextHop);
    const QString after = peerName(m_imp, imp.nextHop);
    if (!sameName(before, after))
        note(DeploymentChange::Kind::Pool, imp.fqdn,
             QStringLiteral("next hop %1 → %2").arg(before, after));
    merged.servers.clear();
    for (const EdgeServer &is : imp.servers) {
        const EdgeServer *cs = findIn(
                cur.servers, [&](const EdgeServer &s) { return sameName(s.fqdn, is.fqdn); });
        if (cs) {
            merged.servers.append(mergeServer(*cs, is));
        } else {
            merged.servers.append(fresh(is));
            note(DeploymentChange::Kind::MemberAdded, is.fqdn,
                 QStringLiteral("member of %1 added").arg(imp.fqdn));
        }
    }
    for (const EdgeServer &cs : cur.servers)
        if (!findIn(imp.servers, [&](const EdgeServer &s) { return sameName(s.fqdn, cs.fqdn); }))
            note(DeploymentChange::Kind::MemberRemoved, cs.fqdn,
                 QStringLiteral("no longer a member of %1; removed").arg(imp.fqdn));
    return merged;
}

// A server the file does not have: the import's, with ids the merged topology has free.
EdgeServer Merger::fresh(const EdgeServer &imp)
{
    EdgeServer s = imp;
    s.id = ServerId(m_servers.claim(imp.id.value()));
    QHash<QString, QString> addressId;
    for (NetInterface &nic : s.interfaces)
        for (Address &a : nic.addresses) {
            const QString id = m_addresses.claim(a.id.value());
            addressId.insert(a.id.value(), id);
            a.id = AddressId(id);
        }
    for (Listener &l : s.listeners) {
        l.id = ListenerId(m_listeners.claim(l.id.value()));
        if (!l.address.isEmpty())
            l.address = AddressId(addressId.value(l.address.value(), l.address.value()));
    }
    return s;
}

EdgeServer Merger::mergeServer(const EdgeServer &cur, const EdgeServer &imp)
{
    EdgeServer merged = imp;
    merged.id = cur.id;
    const QString where = imp.fqdn;
    // Addresses by role on the same side: the file's id, the import's values.
    QHash<QString, QString> addressId; // imported id -> merged id
    QSet<QString> matchedAddresses;
    for (NetInterface &nic : merged.interfaces) {
        const NetInterface *cnic
                = findIn(cur.interfaces, [&](const NetInterface &n) { return n.side == nic.side; });
        for (Address &a : nic.addresses) {
            // The address an earlier import made from the same NetInterface, else the one with
            // the same roles.
            const Address *ca = nullptr;
            if (cnic && !a.importKey.isEmpty())
                ca = findIn(cnic->addresses, [&](const Address &c) {
                    return c.importKey == a.importKey && !matchedAddresses.contains(c.id.value());
                });
            if (cnic && !ca)
                ca = findIn(cnic->addresses, [&](const Address &c) {
                    return rolesKey(c) == rolesKey(a) && !matchedAddresses.contains(c.id.value());
                });
            const QString roles = rolesText(a);
            if (!ca) {
                const QString id = m_addresses.claim(a.id.value());
                addressId.insert(a.id.value(), id);
                a.id = AddressId(id);
                note(DeploymentChange::Kind::Address, where,
                     QStringLiteral("%1 address %2 added").arg(roles, a.ip));
                continue;
            }
            matchedAddresses.insert(ca->id.value());
            addressId.insert(a.id.value(), ca->id.value());
            a.id = ca->id;
            if (ca->ip != a.ip)
                note(DeploymentChange::Kind::Address, where,
                     QStringLiteral("%1 address %2 → %3").arg(roles, ca->ip, a.ip));
            if (ca->natPublicIp != a.natPublicIp)
                note(DeploymentChange::Kind::Address, where,
                     ca->natPublicIp.isEmpty() ? QStringLiteral("%1 address now behind NAT %2")
                                                         .arg(roles, a.natPublicIp)
                     : a.natPublicIp.isEmpty()
                             ? QStringLiteral("%1 address no longer behind NAT (was %2)")
                                       .arg(roles, ca->natPublicIp)
                             : QStringLiteral("%1 NAT address %2 → %3")
                                       .arg(roles, ca->natPublicIp, a.natPublicIp));
            if (ca->fqdn != a.fqdn && !a.fqdn.isEmpty())
                note(DeploymentChange::Kind::Address, where,
                     QStringLiteral("%1 FQDN %2 → %3")
                             .arg(roles, ca->fqdn.isEmpty() ? QStringLiteral("none") : ca->fqdn,
                                  a.fqdn));
            else if (a.fqdn.isEmpty())
                a.fqdn = ca->fqdn;
        }
    }
    for (const NetInterface &nic : cur.interfaces)
        for (const Address &a : nic.addresses)
            if (!matchedAddresses.contains(a.id.value()))
                note(DeploymentChange::Kind::Address, where,
                     QStringLiteral("%1 address %2 no longer configured; removed")
                             .arg(rolesText(a), a.ip));
    // Listeners by service and endpoints: the file's id and switches, the import's socket.
    QSet<QString> matchedListeners;
    for (Listener &l : merged.listeners) {
        const Listener *cl = findIn(cur.listeners, [&](const Listener &c) {
            return listenerKey(c) == listenerKey(l) && !matchedListeners.contains(c.id.value());
        });
        if (!l.address.isEmpty())
            l.address = AddressId(addressId.value(l.address.value(), l.address.value()));
        if (!cl) {
            l.id = ListenerId(m_listeners.claim(l.id.value()));
            note(DeploymentChange::Kind::ListenerAdded, where,
                 QStringLiteral("%1 added").arg(listenerText(l)));
            continue;
        }
        matchedListeners.insert(cl->id.value());
        l.id = cl->id;
        l.enabled = cl->enabled;
        for (const QString &exe : cl->alsoAccepted)
            if (!l.alsoAccepted.contains(exe))
                l.alsoAccepted.append(exe);
        if (cl->transport != l.transport || cl->port != l.port || cl->portEnd != l.portEnd)
            note(DeploymentChange::Kind::ListenerMoved, where,
                 QStringLiteral("%1 moved to %2")
                         .arg(listenerText(*cl), socketLabel(l.transport, l.port, l.portEnd)));
    }
    for (const Listener &cl : cur.listeners)
        if (!matchedListeners.contains(cl.id.value()))
            note(DeploymentChange::Kind::ListenerRemoved, where,
                 QStringLiteral("%1 no longer configured; removed").arg(listenerText(cl)));
    return merged;
}

// The import's flows and scenarios (the catalog's, for the deployment as it is now), pointing at
// the merged pools and peers.
void Merger::remapFlowsAndScenarios()
{
    const auto remapEnd = [this](FlowEnd &end) {
        if (!end.peer.isEmpty())
            end.peer = PeerId(m_peerId.value(end.peer.value(), end.peer.value()));
        if (!end.pool.isEmpty())
            end.pool = PoolId(m_poolId.value(end.pool.value(), end.pool.value()));
    };
    for (Flow &f : m_out.flows) {
        remapEnd(f.from);
        remapEnd(f.to);
    }
    for (Scenario &s : m_out.scenarios)
        for (ScenarioHop &h : s.hops)
            if (!h.peer.isEmpty())
                h.peer = PeerId(m_peerId.value(h.peer.value(), h.peer.value()));
}

} // namespace

ReimportResult reimport(const Topology &current, const Topology &imported)
{
    return Merger(current, imported).run();
}

} // namespace edgemap
