#include "reports/firewallmatrix.h"

#include "core/catalog.h"
#include "reports/listenerrows.h"
#include "reports/porttable.h"

#include <QSet>

namespace edgemap {

namespace {

// One end of a rule after resolution: a peer's text, or a concrete Edge address.
struct RuleEnd
{
    bool edge = false;
    QString text;
    ServerId server;
    QString natPublicIp;
    const Listener *listener = nullptr; // the destination socket, for endpoint ends
};

QString peerText(const Topology &t, const PeerId &id)
{
    const Peer *p = t.peer(id);
    if (!p)
        return id.value();
    // A/V traffic goes to any A/V Edge on the Internet (partners', other pools', public IM):
    // narrowing it to a list blocks real calls, so addresses given for matching are not used.
    if (p->kind == PeerKind::AvPeers)
        return QStringLiteral("%1: Any").arg(p->name);
    if (!p->addresses.isEmpty())
        return QStringLiteral("%1: %2").arg(p->name, p->addresses.join(QStringLiteral(", ")));
    if (zoneOf(p->kind) == Zone::Internet)
        return QStringLiteral("%1: Any (Internet)").arg(p->name);
    if (p->kind == PeerKind::InternalClients)
        return QStringLiteral("%1: Any (internal networks)").arg(p->name);
    // Better said than guessed: the firewall team needs the addresses, the topology lacks them.
    return QStringLiteral("%1 (addresses not set in the topology)").arg(p->name);
}

RuleEnd edgeEnd(const EdgeServer &s, const Address &a, const Listener *l)
{
    return {true, QStringLiteral("%1 (%2, %3)").arg(a.ip, s.fqdn, rolesText(a.roles)), s.id,
            a.natPublicIp, l};
}

// Every concrete end a flow end stands for: one per server and address for Edge ends.
QList<RuleEnd> resolveEnds(const Topology &t, const FlowEnd &end)
{
    if (end.kind == FlowEnd::Kind::Peer)
        return {RuleEnd{false, peerText(t, end.peer), {}, {}, nullptr}};
    QList<RuleEnd> out;
    const EdgePool *pool = t.pool(end.pool);
    if (!pool)
        return out;
    for (const EdgeServer &s : pool->servers) {
        QSet<AddressId> seen;
        for (const NetInterface &nic : s.interfaces)
            for (const Address &a : nic.addresses)
                if (end.kind == FlowEnd::Kind::AddressRole && a.roles.contains(end.role)
                    && !seen.contains(a.id)) {
                    seen.insert(a.id);
                    out.append(edgeEnd(s, a, nullptr));
                }
        if (end.kind != FlowEnd::Kind::Endpoint)
            continue;
        for (const Listener &l : s.listeners) {
            if (!l.hasEndpoint(end.endpointKey))
                continue;
            const Address *a = l.address.isEmpty() ? internalAddress(s) : t.address(l.address);
            if (a && !seen.contains(a->id)) {
                seen.insert(a->id);
                out.append(edgeEnd(s, *a, &l));
            }
        }
    }
    return out;
}

QSet<QString> allFeatures(const Catalog &catalog)
{
    QSet<QString> out;
    for (Product p : allProducts())
        out.unite(catalog.allFeatures(p));
    return out;
}

QStringList productList(const QList<Product> &products)
{
    QStringList names;
    for (Product p : products)
        names.append(shortProductName(p));
    return names;
}

// The product versions the catalog gives the flow, from its id ("pool1/xmpp-in" is the catalog's
// "xmpp-in") and the features it and its endpoints require.
QString versionsOf(const Flow &flow, const Catalog &catalog, const QList<Catalog::FlowDef> &defs)
{
    const QString key = flow.id.value().section(QLatin1Char('/'), -1);
    const auto def = std::find_if(defs.cbegin(), defs.cend(),
                                  [&](const Catalog::FlowDef &d) { return d.id == key; });
    if (def == defs.cend())
        return QStringLiteral("(not in the catalog)");
    // The flow applies where its own feature condition holds and each endpoint end has a
    // definition for the product (4443 has one per owner).
    const auto holds
            = [](const QSet<QString> &features, const QString &required, const QString &excluding) {
                  return (required.isEmpty() || features.contains(required))
                         && (excluding.isEmpty() || !features.contains(excluding));
              };
    QList<Product> applies;
    QList<Product> optionalIn;
    for (Product p : allProducts()) {
        const QSet<QString> features = catalog.allFeatures(p);
        bool ok = holds(features, def->requiredFeature, def->excludingFeature);
        for (const Catalog::FlowEndDef *e : {&def->from, &def->to}) {
            if (e->kind != FlowEnd::Kind::Endpoint)
                continue;
            const QList<const Catalog::EndpointDef *> eps = catalog.endpointDefs(e->name);
            ok = ok && std::any_of(eps.cbegin(), eps.cend(), [&](const Catalog::EndpointDef *ep) {
                     return holds(features, ep->requiredFeature, ep->excludingFeature);
                 });
        }
        if (ok) {
            applies.append(p);
            if (def->optionalIn.contains(keyOf(p)))
                optionalIn.append(p);
        }
    }
    QString text = applies.size() == allProducts().size()
                           ? QStringLiteral("All")
                           : productList(applies).join(QStringLiteral(", "));
    if (def->optional)
        text += QStringLiteral(" (optional)");
    else if (!optionalIn.isEmpty())
        text += QStringLiteral(" (optional in %1)")
                        .arg(productList(optionalIn).join(QStringLiteral(", ")));
    return text;
}

// Microsoft's word (see the header): In from the less trusted side, Out towards it.
QString microsoftDirection(Firewall firewall, const RuleEnd &from, const RuleEnd &to)
{
    if (from.edge == to.edge)
        return QStringLiteral("Out and in");
    const bool towardsEdge = to.edge;
    if (firewall == Firewall::External)
        return towardsEdge ? QStringLiteral("In") : QStringLiteral("Out");
    return towardsEdge ? QStringLiteral("Out") : QStringLiteral("In");
}

FirewallRule ruleOf(const Flow &f, const QString &versions)
{
    FirewallRule r;
    r.firewall = f.firewall;
    r.flow = f.id;
    r.transport = f.transport;
    r.sourcePort = f.sourcePort;
    r.sourcePortEnd = f.sourcePortEnd;
    r.port = f.port;
    r.portEnd = f.portEnd;
    r.protocol = f.protocol;
    r.purpose = f.purpose;
    r.optional = f.optional;
    r.versions = versions;
    return r;
}

// A flow between two address roles of one pool: the members reaching each other. Through a
// firewall that is the pool behind NAT with DNS load balancing, where each member reaches the
// others' public addresses (M1): one rule per flow naming every member's public address. Without
// NAT or with one member there is nothing to open.
bool isMemberToMemberFlow(const Flow &f)
{
    return f.from.kind == FlowEnd::Kind::AddressRole && f.to.kind == FlowEnd::Kind::AddressRole
           && f.from.pool == f.to.pool;
}

void addMemberRule(FirewallMatrix &m, const Topology &t, const Flow &f, const QString &versions)
{
    const EdgePool *pool = t.pool(f.from.pool);
    if (!pool || pool->servers.size() < 2 || pool->loadBalancing != LoadBalancing::Dns)
        return;
    QStringList ends;
    bool nat = false;
    for (const EdgeServer &s : pool->servers)
        for (const NetInterface &nic : s.interfaces)
            for (const Address &a : nic.addresses)
                if (a.roles.contains(f.to.role)) {
                    nat = nat || !a.natPublicIp.isEmpty();
                    ends.append(QStringLiteral("%1 (%2)").arg(
                            a.natPublicIp.isEmpty() ? a.ip : a.natPublicIp, s.fqdn));
                }
    if (!nat)
        return;
    FirewallRule r = ruleOf(f, versions);
    r.microsoftDirection = QStringLiteral("Out and in");
    r.source = r.destination
            = QStringLiteral("Public %1 addresses of the members of %2: %3")
                      .arg(displayName(f.to.role), pool->fqdn, ends.join(QStringLiteral(", ")));
    m.rules.append(r);
}

void addRules(FirewallMatrix &m, const Topology &t, const Flow &f, const QString &versions)
{
    if (isMemberToMemberFlow(f))
        return addMemberRule(m, t, f, versions);
    const QList<RuleEnd> froms = resolveEnds(t, f.from);
    const QList<RuleEnd> tos = resolveEnds(t, f.to);
    for (const RuleEnd &from : froms) {
        for (const RuleEnd &to : tos) {
            FirewallRule r = ruleOf(f, versions);
            r.microsoftDirection = microsoftDirection(f.firewall, from, to);
            r.server = to.edge ? to.server : from.server;
            r.source = from.text;
            r.destination = to.text;
            r.natPublicIp = to.edge ? to.natPublicIp : from.natPublicIp;
            // The concrete socket's port: where the user moved a listener, the rule follows it.
            r.port = to.listener ? to.listener->port : f.port;
            r.portEnd = to.listener ? to.listener->portEnd : f.portEnd;
            m.rules.append(r);
        }
    }
}

QStringList ruleCells(const FirewallRule &r)
{
    return {r.firewall == Firewall::External ? QStringLiteral("External")
                                             : QStringLiteral("Internal"),
            r.number,
            r.source,
            r.destination,
            r.microsoftDirection,
            r.natPublicIp,
            transportLabel(r.transport),
            r.sourcePort > 0 ? portLabel(r.sourcePort, r.sourcePortEnd) : QStringLiteral("Any"),
            portLabel(r.port, r.portEnd),
            r.protocol,
            r.purpose,
            r.optional ? QStringLiteral("Optional") : QStringLiteral("Required"),
            r.versions};
}

} // namespace

QString shortProductName(Product product)
{
    QString name = displayName(product);
    name.replace(QStringLiteral("Skype for Business Server"), QStringLiteral("SfB"));
    name.replace(QStringLiteral("Lync Server"), QStringLiteral("Lync"));
    name.replace(QStringLiteral("Subscription Edition"), QStringLiteral("SE"));
    return name;
}

FirewallMatrix buildFirewallMatrix(const Topology &t, const Catalog &catalog)
{
    FirewallMatrix m;
    m.topologyName = t.name;
    m.product = t.product;
    const QList<Catalog::FlowDef> defs = catalog.flows(allFeatures(catalog));
    for (Firewall fw : {Firewall::External, Firewall::Internal}) {
        int n = 0;
        for (const Flow &f : t.flows) {
            if (f.firewall != fw)
                continue;
            const qsizetype before = m.rules.size();
            addRules(m, t, f, versionsOf(f, catalog, defs));
            for (qsizetype i = before; i < m.rules.size(); ++i)
                m.rules[i].number = QStringLiteral("%1%2")
                                            .arg(fw == Firewall::External ? QLatin1Char('E')
                                                                          : QLatin1Char('I'))
                                            .arg(++n, 2, 10, QLatin1Char('0'));
        }
    }
    return m;
}

FirewallMatrix buildFirewallMatrix(const Topology &t)
{
    return buildFirewallMatrix(t, Catalog::builtIn());
}

TableDocument firewallMatrixDocument(const FirewallMatrix &m, std::optional<Firewall> only)
{
    TableDocument doc;
    doc.title = QStringLiteral("Firewall rules: %1").arg(m.topologyName);
    doc.facts.append({QStringLiteral("Product"), displayName(m.product)});
    doc.paragraphs.append(QStringLiteral(
            "One rule per flow and Edge address: the firewall it crosses, its source and its "
            "destination are the facts to open. \"Microsoft\" gives the direction word of "
            "Microsoft's port tables, which call traffic from a less trusted to a more trusted "
            "network \"in\": on the external firewall Internet to Edge is In and Edge to Internet "
            "Out; on the internal firewall internal servers to Edge is Out and Edge to internal "
            "servers In. The source port is Any unless given. Rules marked optional are needed "
            "only in some deployments (the purpose says which)."));
    const QStringList columns{QStringLiteral("Firewall"),  QStringLiteral("Rule"),
                              QStringLiteral("Source"),    QStringLiteral("Destination"),
                              QStringLiteral("Microsoft"), QStringLiteral("NAT public address"),
                              QStringLiteral("Transport"), QStringLiteral("Source port"),
                              QStringLiteral("Port"),      QStringLiteral("Protocol"),
                              QStringLiteral("Purpose"),   QStringLiteral("Needed"),
                              QStringLiteral("Versions")};
    for (Firewall fw : {Firewall::External, Firewall::Internal}) {
        if (only && *only != fw)
            continue;
        TextTable table;
        table.columns = columns;
        const bool external = fw == Firewall::External;
        table.heading = external ? QStringLiteral("External firewall (Internet to the Edge's "
                                                  "external interface)")
                                 : QStringLiteral("Internal firewall (internal networks to the "
                                                  "Edge's internal interface)");
        bool nat = false;
        for (const FirewallRule &r : m.rules) {
            if (r.firewall != fw)
                continue;
            table.rows.append(ruleCells(r));
            nat = nat || !r.natPublicIp.isEmpty();
        }
        if (nat)
            table.note = QStringLiteral(
                    "Where a NAT public address is given, the Edge holds the private address "
                    "shown in the rule and the Internet sees the public one: inbound rules "
                    "translate public to private, outbound rules private to public, with the same "
                    "mapping (symmetric NAT that keeps the source address).");
        if (table.rows.isEmpty())
            table.note = QStringLiteral("The topology has no flows through this firewall.");
        doc.tables.append(table);
    }
    return doc;
}

} // namespace edgemap
