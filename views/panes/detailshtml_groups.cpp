// Details for the catalog side of the tree: services, peers, scenarios, the groups, and the
// overview shown when nothing is selected.
#include "panes/detailshtml.h"

#include "panes/topologytreetext.h"
#include "snapshot/diagnosis.h"
#include "statusstyle.h"

#include <QCoreApplication>

#include <optional>

namespace edgemap::detailshtml {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edgemap::DetailsView", text);
}

// Where an endpoint key lives and on which socket, from the first listener that carries it
// (every server of a pool has the same set).
struct EndpointPlace
{
    QString where;  // "Access Edge", "Edge internal", "all interfaces"
    QString socket; // "TCP 443 (SIP/TLS)"
};

std::optional<EndpointPlace> endpointPlace(const Topology &t, const QString &key)
{
    for (const Listener *l : t.allListeners()) {
        for (const Endpoint &e : l->endpoints) {
            if (e.key != key)
                continue;
            const Address *a = l->address.isEmpty() ? nullptr : t.address(l->address);
            QString where = a ? rolesText(a->roles) : tr("all interfaces");
            if (a && a->roles == QList<AddressRole>{AddressRole::Internal})
                where = tr("Edge internal");
            const QString socket = socketLabel(l->transport, l->port, l->portEnd);
            return EndpointPlace{where, e.protocol.isEmpty() ? socket
                                                             : QStringLiteral("%1 (%2)").arg(
                                                                     socket, e.protocol)};
        }
    }
    return std::nullopt;
}

// "Access Edge: TCP 443 (SIP/TLS)"
QString endpointText(const Topology &t, const QString &key)
{
    const auto place = endpointPlace(t, key);
    return place ? QStringLiteral("%1: %2").arg(place->where, place->socket) : key;
}

QString zoneName(Zone zone)
{
    switch (zone) {
    case Zone::Internet:
        return tr("Internet");
    case Zone::Perimeter:
        return tr("Perimeter network");
    case Zone::Internal:
        break;
    }
    return tr("Internal network");
}

QString flowEndText(const Topology &t, const FlowEnd &end)
{
    switch (end.kind) {
    case FlowEnd::Kind::Peer:
        if (const Peer *p = t.peer(end.peer))
            return treetext::peerLabel(*p);
        return end.peer.value();
    case FlowEnd::Kind::Endpoint:
        if (const auto place = endpointPlace(t, end.endpointKey))
            return place->where;
        return end.endpointKey;
    case FlowEnd::Kind::AddressRole:
        return tr("%1 address").arg(displayName(end.role));
    }
    return {};
}

QStringList peerFlows(const Topology &t, const PeerId &id)
{
    QStringList out;
    for (const Flow &f : t.flows) {
        const bool outbound = f.from.kind == FlowEnd::Kind::Peer && f.from.peer == id;
        const bool inbound = f.to.kind == FlowEnd::Kind::Peer && f.to.peer == id;
        if (!outbound && !inbound)
            continue;
        const QString other = flowEndText(t, outbound ? f.to : f.from);
        const QString socket = socketLabel(f.transport, f.port, f.portEnd);
        out.append(tr("%1 %2: %3 %4 — %5")
                           .arg(outbound ? tr("to") : tr("from"), other, socket, f.protocol,
                                f.purpose));
    }
    return out;
}

QString hopText(const Topology &t, const ScenarioHop &hop)
{
    QString text;
    switch (hop.kind) {
    case ScenarioHop::Kind::Peer: {
        const Peer *p = t.peer(hop.peer);
        text = p ? treetext::peerLabel(*p) : hop.peer.value();
        break;
    }
    case ScenarioHop::Kind::Endpoints: {
        QStringList alternatives;
        for (const QString &key : hop.endpointKeys)
            alternatives.append(endpointText(t, key));
        text = alternatives.join(tr(" or "));
        break;
    }
    case ScenarioHop::Kind::NextHop:
        text = tr("Next hop (Director or Front End pool)");
        break;
    }
    return hop.label.isEmpty() ? text : QStringLiteral("%1: %2").arg(hop.label, text);
}

// Where the snapshots say the service is down (one finding per server), or that it listens.
void serviceStatus(Writer &w, const Topology &t, const ServiceId &id, const CheckSet &checks)
{
    QStringList lines;
    for (const auto &check : checks.inOrder(t)) {
        const EdgeServer *server = t.server(check->judgement.server);
        const QString name = server ? server->fqdn : check->judgement.server.value();
        bool down = false;
        for (const ServiceDown &d : check->judgement.servicesDown)
            if (d.service == id) {
                down = true;
                lines.append(tr("%1 Service down on %2: %3")
                                     .arg(statusStyle(ListenerStatus::Missing, StatusPalette::Light)
                                                  .glyph,
                                          name, d.text));
            }
        if (!down)
            lines.append(tr("%1 %2: listening").arg(statusText(ListenerStatus::Ok), name));
    }
    if (lines.isEmpty())
        return;
    w.section(tr("Status"));
    w.list(lines);
}

// The scenario's verdict on each checked server and, where broken, the hop that breaks and why.
void scenarioStatus(Writer &w, const Topology &t, const Scenario &s, const CheckSet &checks)
{
    const QList<ServerScenarioVerdict> verdicts = scenarioVerdicts(t, checks, s.id);
    if (checks.inOrder(t).isEmpty())
        return;
    w.section(tr("Verdict"));
    if (verdicts.isEmpty()) {
        w.note(tr("The checked servers do not carry this scenario."));
        return;
    }
    w.beginTable();
    for (const ServerScenarioVerdict &v : verdicts) {
        const EdgeServer *server = t.server(v.server);
        w.row(server ? server->fqdn : v.server.value(),
              v.verdict.ok ? statusText(ListenerStatus::Ok)
                           : tr("%1 Broken")
                                     .arg(statusStyle(ListenerStatus::Missing, StatusPalette::Light)
                                                  .glyph));
    }
    w.endTable();
    for (const ServerScenarioVerdict &v : verdicts) {
        if (v.verdict.ok)
            continue;
        const EdgeServer *server = t.server(v.server);
        w.section(tr("Where it breaks on %1").arg(server ? server->fqdn : v.server.value()));
        QStringList lines;
        for (const HopBreak &b : hopBreaks(t, v.server, v.verdict)) {
            QStringList reasons;
            for (const ListenerId &id : b.listeners)
                reasons.append(breakReason(t, *v.judgement, id));
            const QString where
                    = b.hop >= 0
                              ? tr("Hop %1 (%2)").arg(b.hop + 1).arg(hopText(t, s.hops.at(b.hop)))
                              : tr("Also needed");
            lines.append(tr("%1 breaks: %2").arg(where, reasons.join(QStringLiteral("; "))));
        }
        if (lines.isEmpty())
            for (const ListenerId &id : v.verdict.brokenBy)
                lines.append(breakReason(t, *v.judgement, id));
        w.list(lines);
    }
}

QString allInterfacesGroup(const Topology &t, const ServerId &server)
{
    const EdgeServer *s = t.server(server);
    if (!s)
        return {};
    Writer w;
    w.heading(tr("All interfaces"), s->fqdn);
    w.paragraph(
            tr("These listeners bind every address of the server (0.0.0.0 or [::]) by design."));
    w.list(listenerLines(t, *s, AddressId()));
    return w.html();
}

} // namespace

QString service(const Topology &t, const ServiceId &id, const CheckSet *checks)
{
    const Service *s = t.service(id);
    if (!s)
        return {};
    Writer w;
    w.heading(s->displayName, tr("Windows service"));
    w.beginTable();
    w.row(tr("Short name"), s->id.value());
    w.row(tr("Executable"), s->executable);
    w.row(tr("Enabled"), yesNo(s->enabled));
    w.endTable();
    w.section(tr("Listeners owned"));
    QStringList lines;
    for (const EdgePool &p : t.pools)
        for (const EdgeServer &server : p.servers)
            for (const Listener &l : server.listeners)
                if (l.service == id)
                    lines.append(QStringLiteral("%1: %2").arg(server.fqdn, socketText(t, l)));
    w.list(lines);
    if (checks)
        serviceStatus(w, t, id, *checks);
    return w.html();
}

QString peer(const Topology &t, const PeerId &id)
{
    const Peer *p = t.peer(id);
    if (!p)
        return {};
    Writer w;
    const QString kind = displayName(p->kind);
    const QString title = p->name.isEmpty() ? kind : p->name;
    w.heading(title, title == kind ? tr("Peer") : tr("Peer: %1").arg(kind));
    w.beginTable();
    w.row(tr("FQDN"), p->fqdn);
    w.row(tr("Addresses"), p->addresses.join(QStringLiteral(", ")));
    w.row(tr("Zone"), zoneName(zoneOf(p->kind)));
    w.endTable();
    w.section(tr("Connections"));
    w.list(peerFlows(t, id));
    return w.html();
}

QString scenario(const Topology &t, const ScenarioId &id, const CheckSet *checks)
{
    const Scenario *s = t.scenario(id);
    if (!s)
        return {};
    Writer w;
    w.heading(s->name, tr("Scenario"));
    w.paragraph(s->description);
    w.section(tr("Hops"));
    QStringList hops;
    for (const ScenarioHop &hop : s->hops)
        hops.append(hopText(t, hop));
    w.list(hops, true);
    if (!s->requiredEndpoints.isEmpty()) {
        w.section(tr("Also needs"));
        QStringList needs;
        for (const QString &key : s->requiredEndpoints)
            needs.append(endpointText(t, key));
        w.list(needs);
    }
    if (checks)
        scenarioStatus(w, t, *s, *checks);
    return w.html();
}

QString group(const Topology &t, const GroupRef &group)
{
    Writer w;
    QStringList items;
    switch (group.kind) {
    case GroupRef::Kind::Services:
        w.heading(tr("Services"));
        for (const Service &s : t.services)
            items.append(
                    QStringLiteral("%1 — %2 (%3)").arg(s.id.value(), s.displayName, s.executable));
        break;
    case GroupRef::Kind::Peers:
        w.heading(tr("Peers"));
        for (const Peer &p : t.peers)
            items.append(treetext::peerLabel(p));
        break;
    case GroupRef::Kind::Scenarios:
        w.heading(tr("Scenarios"));
        for (const Scenario &s : t.scenarios)
            items.append(s.name);
        break;
    case GroupRef::Kind::AllInterfaces:
        return allInterfacesGroup(t, group.server);
    }
    w.list(items);
    return w.html();
}

QString overview(const Topology &t)
{
    qsizetype servers = 0;
    for (const EdgePool &p : t.pools)
        servers += p.servers.size();
    Writer w;
    // The header strip shows the name too; the details repeat it because they will move to a
    // dock of their own, away from the header.
    const QString name = t.name.isEmpty() ? tr("Untitled topology") : t.name;
    w.heading(tr("Overview"), QStringLiteral("%1 — %2").arg(name, displayName(t.product)));
    w.beginTable();
    w.row(tr("Edge pools"), QString::number(t.pools.size()));
    w.row(tr("Edge servers"), QString::number(servers));
    w.row(tr("Listeners"), QString::number(t.allListeners().size()));
    w.row(tr("Services"), QString::number(t.services.size()));
    w.row(tr("Peers"), QString::number(t.peers.size()));
    w.row(tr("Scenarios"), QString::number(t.scenarios.size()));
    w.endTable();
    w.note(tr("Select an item in the Topology tree to see its details."));
    return w.html();
}

} // namespace edgemap::detailshtml
