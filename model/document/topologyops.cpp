#include "document/topologyops.h"
#include "document/detail/topologyops_p.h"

#include "core/ipaddress.h"
#include "core/rules.h"
#include "io/topologyfile.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace edgemap::topologyops {

namespace detail {

QString tr(const char *text)
{
    return QCoreApplication::translate("edgemap::topologyops", text);
}

EditResult refused(const QString &reason)
{
    EditResult r;
    r.error = reason;
    return r;
}

// The last line of defence: an op that builds something the file format rejects reports the
// validator's reason rather than handing Document an edit it would refuse anyway.
EditResult finished(Topology topology, const QString &newId)
{
    if (const Error e = topologyfile::validate(topology); e.isError())
        return refused(e.path.isEmpty() ? e.message : e.path + QStringLiteral(": ") + e.message);
    return EditResult{std::move(topology), {}, newId};
}

EdgePool *mutablePool(Topology &t, const PoolId &id)
{
    for (EdgePool &p : t.pools)
        if (p.id == id)
            return &p;
    return nullptr;
}

} // namespace detail

using namespace detail;

namespace {

// "'A', 'B' and 'C'"
QString quotedList(const QStringList &items)
{
    QStringList quoted;
    for (const QString &item : items)
        quoted.append(u'\'' + item + u'\'');
    if (quoted.size() < 2)
        return quoted.join(QString());
    return tr("%1 and %2")
            .arg(quoted.mid(0, quoted.size() - 1).join(QStringLiteral(", ")), quoted.last());
}

QString slug(const QString &name)
{
    QString id;
    for (const QChar c : name.toLower()) {
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9'))
            id += c;
        else if (!id.isEmpty() && !id.endsWith(u'-'))
            id += u'-';
    }
    while (id.endsWith(u'-'))
        id.chop(1);
    return id.isEmpty() ? QStringLiteral("peer") : id;
}

} // namespace

EditResult removePoolMember(const Topology &t, const ServerId &serverId)
{
    const EdgePool *pool = t.poolOfServer(serverId);
    if (!pool)
        return refused(tr("there is no server '%1'").arg(serverId.value()));
    if (pool->servers.size() == 1)
        return refused(tr("%1 is the only server of pool %2: a pool needs at least one Edge "
                          "server for its listeners and flows")
                               .arg(pool->servers.first().fqdn, pool->fqdn));
    Topology edited = t;
    EdgePool *target = mutablePool(edited, pool->id);
    target->servers.removeIf([&](const EdgeServer &s) { return s.id == serverId; });
    if (target->servers.size() == 1 && target->loadBalancing == LoadBalancing::Dns)
        target->loadBalancing = LoadBalancing::None;
    return finished(std::move(edited));
}

EditResult addPeer(const Topology &t, const QString &name, PeerKind kind,
                   const QStringList &addresses, const QString &fqdn)
{
    Peer peer;
    peer.kind = kind;
    peer.name = name.trimmed();
    if (peer.name.isEmpty())
        return refused(tr("a peer needs a name"));
    peer.fqdn = fqdn.trimmed();
    if (!peer.fqdn.isEmpty())
        if (const QString bad = rules::fqdnProblem(peer.fqdn); !bad.isEmpty())
            return refused(bad);
    for (const QString &raw : addresses) {
        const QString text = raw.trimmed();
        if (const QString bad = rules::peerAddressProblem(text); !bad.isEmpty())
            return refused(bad);
        const QString canonical = Subnet::parse(text)->toString();
        if (peer.addresses.contains(canonical))
            return refused(tr("%1 is given twice").arg(text));
        peer.addresses.append(canonical);
    }
    const QString base = slug(peer.name);
    QString id = base;
    for (int n = 2; t.peer(PeerId(id)); ++n)
        id = base + u'-' + QString::number(n);
    peer.id = PeerId(id);
    Topology edited = t;
    edited.peers.append(peer);
    return finished(std::move(edited), id);
}

EditResult removePeer(const Topology &t, const PeerId &peerId)
{
    const Peer *peer = t.peer(peerId);
    if (!peer)
        return refused(tr("there is no peer '%1'").arg(peerId.value()));
    for (const EdgePool &pool : t.pools)
        if (pool.nextHop == peerId)
            return refused(tr("%1 cannot be removed: it is the next hop of pool %2")
                                   .arg(peer->name, pool.fqdn));
    QStringList scenarios;
    for (const Scenario &s : t.scenarios)
        for (const ScenarioHop &hop : s.hops)
            if (hop.kind == ScenarioHop::Kind::Peer && hop.peer == peerId) {
                scenarios.append(s.name);
                break;
            }
    if (!scenarios.isEmpty())
        return refused((scenarios.size() == 1
                                ? tr("%1 cannot be removed: it is a hop of the scenario %2")
                                : tr("%1 cannot be removed: it is a hop of the scenarios %2"))
                               .arg(peer->name, quotedList(scenarios)));
    Topology edited = t;
    edited.peers.removeIf([&](const Peer &p) { return p.id == peerId; });
    edited.flows.removeIf([&](const Flow &f) {
        const auto uses = [&](const FlowEnd &end) {
            return end.kind == FlowEnd::Kind::Peer && end.peer == peerId;
        };
        return uses(f.from) || uses(f.to);
    });
    return finished(std::move(edited));
}

QStringList splitAddressList(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[\\s,;]+"));
    return text.split(separators, Qt::SkipEmptyParts);
}

} // namespace edgemap::topologyops
