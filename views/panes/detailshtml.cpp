// Details for the network side of the tree: pools, servers, interfaces, addresses, listeners.
#include "panes/detailshtml.h"
#include "panes/establishedsummary.h"

#include "core/pathanalysis.h"
#include "panes/topologytreetext.h"
#include "statusstyle.h"

#include <QCoreApplication>

namespace edgemap::detailshtml {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edgemap::DetailsView", text);
}

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

QString listenerLine(const Topology &t, const Listener &l)
{
    QStringList parts{socketText(t, l)};
    if (const QString p = l.protocols().join(QStringLiteral(" / ")); !p.isEmpty())
        parts.append(p);
    parts.append(l.service.value());
    return parts.join(QStringLiteral(" · "));
}

QString pool(const Topology &t, const PoolId &id)
{
    const EdgePool *p = t.pool(id);
    if (!p)
        return {};
    Writer w;
    w.heading(p->fqdn, tr("Edge pool"));
    w.beginTable();
    w.row(tr("Site"), p->site);
    w.row(tr("Load balancing"), treetext::loadBalancingText(p->loadBalancing));
    const Peer *next = t.peer(p->nextHop);
    w.row(tr("Next hop"), next ? treetext::peerLabel(*next) : p->nextHop.value());
    w.endTable();
    w.section(tr("Servers"));
    QStringList servers;
    for (const EdgeServer &s : p->servers)
        servers.append(s.fqdn);
    w.list(servers);
    return w.html();
}

QString server(const Topology &t, const ServerId &id)
{
    const EdgeServer *s = t.server(id);
    if (!s)
        return {};
    const EdgePool *p = t.poolOfServer(id);
    Writer w;
    w.heading(s->fqdn, tr("Edge server"));
    w.beginTable();
    w.row(tr("Pool"), p ? p->fqdn : QString());
    w.row(tr("Listeners"), QString::number(s->listeners.size()));
    w.endTable();
    for (const NetInterface &nic : s->interfaces) {
        w.section(treetext::interfaceName(nic.side));
        QStringList addresses;
        for (const Address &a : nic.addresses)
            addresses.append(treetext::addressLabel(a));
        w.list(addresses);
    }
    return w.html();
}

QString netInterface(const Topology &t, const InterfaceRef &ref)
{
    const EdgeServer *s = t.server(ref.server);
    if (!s)
        return {};
    for (const NetInterface &nic : s->interfaces) {
        if (nic.side != ref.side)
            continue;
        Writer w;
        w.heading(treetext::interfaceName(nic.side), s->fqdn);
        for (const Address &a : nic.addresses) {
            w.section(treetext::addressLabel(a));
            w.list(listenerLines(t, *s, a.id));
        }
        return w.html();
    }
    return {};
}

QString address(const Topology &t, const AddressId &id)
{
    const Address *a = t.address(id);
    const EdgeServer *s = t.serverOfAddress(id);
    const NetInterface *nic = t.interfaceOfAddress(id);
    if (!a || !s || !nic)
        return {};
    Writer w;
    w.heading(a->ip, rolesText(a->roles));
    w.beginTable();
    w.row(tr("Server"), s->fqdn);
    w.row(tr("Interface"), treetext::interfaceName(nic->side));
    w.row(tr("NAT public address"), a->natPublicIp.isEmpty() ? tr("none") : a->natPublicIp);
    w.row(tr("External FQDN"), a->fqdn);
    w.endTable();
    w.section(tr("Listeners on this address"));
    w.list(listenerLines(t, *s, id));
    return w.html();
}

void listenerService(Writer &w, const Topology &t, const Listener &l)
{
    const Service *svc = t.service(l.service);
    w.row(tr("Service"), svc ? svc->displayName : tr("(not in the topology)"));
    w.row(tr("Short name"), l.service.value());
    w.row(tr("Executable"), svc ? svc->executable : QString());
    if (svc && !svc->enabled)
        w.row(tr("Service state"), tr("disabled in this topology"));
    w.row(tr("Also accepted"),
          l.alsoAccepted.isEmpty() ? tr("none") : l.alsoAccepted.join(QStringLiteral(", ")));
}

void listenerImpact(Writer &w, const Topology &t, const PathAnalysis &analysis, const Listener &l)
{
    QStringList names;
    for (const ScenarioId &sid : analysis.scenariosBrokenBy(l.id))
        if (const Scenario *sc = t.scenario(sid))
            names.append(sc->name);
    w.section(tr("If it is down"));
    if (names.isEmpty())
        w.note(tr("No modelled scenario depends on this listener alone."));
    else
        w.list(names);
}

void listenerObserved(Writer &w, const Topology &t, const Listener &l, const CheckResult *check,
                      const StatusChange *change, const EstablishedSummary *established)
{
    w.section(tr("In the snapshot"));
    const ListenerVerdict *v = check && check->ok() ? check->judgement.verdict(l.id) : nullptr;
    if (!v) {
        w.note(check && check->ok()
                       ? tr("Not judged by this server's snapshot (the listener is disabled).")
                       : tr("No snapshot of this server loaded: not checked."));
        return;
    }
    w.beginTable();
    w.row(tr("Status"), statusText(v->status));
    if (change)
        w.row(tr("Changed"), tr("since the previous snapshot: %1").arg(changeText(*change)));
    w.row(tr("Why"), v->detail);
    if (v->observed)
        w.row(tr("Bound by"),
              v->observed->process.isEmpty()
                      ? (v->observed->pid >= 0 ? tr("PID %1").arg(v->observed->pid) : tr("unknown"))
                      : tr("%1 (PID %2) on %3")
                                .arg(v->observed->process)
                                .arg(v->observed->pid)
                                .arg(v->observed->address));
    if (l.transport == Transport::Tcp && !l.dynamic) {
        QStringList peers;
        for (const PeerId &p : v->remotePeers)
            if (const Peer *peer = t.peer(p))
                peers.append(peer->name);
        // A count and the busiest few: a relay's every address would take seconds to lay out.
        w.row(tr("Established"),
              v->established == 0 ? tr("none") : establishedText(*v, established));
        if (!peers.isEmpty())
            w.row(tr("From peers"), peers.join(QStringLiteral(", ")));
    }
    if (l.dynamic)
        w.row(tr("Relay ports in use"),
              QString::number(l.transport == Transport::Tcp ? v->relayTcp : v->relayUdp));
    w.row(tr("Snapshot"), check->source.text());
    w.endTable();
}

QString listener(const Topology &t, const PathAnalysis &analysis, const ListenerId &id,
                 const CheckResult *check, const StatusChange *change,
                 const EstablishedSummary *established)
{
    const Listener *l = t.listener(id);
    const EdgeServer *s = t.serverOfListener(id);
    if (!l || !s)
        return {};
    Writer w;
    w.heading(socketLabel(l->transport, l->port, l->portEnd),
              l->protocols().join(QStringLiteral(" / ")));
    w.beginTable();
    w.row(tr("Socket"), socketText(t, *l));
    w.row(tr("Server"), s->fqdn);
    listenerService(w, t, *l);
    w.row(tr("Enabled"), yesNo(l->enabled));
    w.row(tr("Dynamic"),
          l->dynamic ? tr("yes: allocated on demand, not always listening") : tr("no"));
    w.row(tr("All interfaces OK"), l->allInterfacesOk ? tr("yes: a 0.0.0.0 / [::] bind is fine")
                                                      : tr("no: must be bound to its address"));
    w.endTable();
    for (const Endpoint &e : l->endpoints) {
        w.section(e.protocol.isEmpty() ? e.key : e.protocol);
        w.beginTable();
        w.row(tr("Purpose"), e.purpose);
        w.row(tr("Who connects"), e.clients);
        w.row(tr("Endpoint key"), e.key);
        w.endTable();
    }
    listenerObserved(w, t, *l, check, change, established);
    listenerImpact(w, t, analysis, *l);
    return w.html();
}

} // namespace

void Writer::heading(const QString &title, const QString &subtitle)
{
    m_html += QStringLiteral("<h2>%1</h2>").arg(esc(title));
    if (!subtitle.isEmpty())
        m_html += QStringLiteral("<p><i>%1</i></p>").arg(esc(subtitle));
}

void Writer::section(const QString &title)
{
    m_html += QStringLiteral("<h3>%1</h3>").arg(esc(title));
}

void Writer::beginTable()
{
    m_html += QStringLiteral("<table cellspacing=\"0\" cellpadding=\"3\">");
}

void Writer::row(const QString &label, const QString &value)
{
    const QString shown = value.isEmpty() ? QStringLiteral("—") : esc(value);
    m_html += QStringLiteral("<tr><td style=\"padding-right:16px\"><b>%1</b></td><td>%2</td></tr>")
                      .arg(esc(label), shown);
}

void Writer::endTable()
{
    m_html += QStringLiteral("</table>");
}

void Writer::list(const QStringList &items, bool ordered)
{
    if (items.isEmpty()) {
        note(tr("none"));
        return;
    }
    const QString tag = ordered ? QStringLiteral("ol") : QStringLiteral("ul");
    m_html += u'<' + tag + u'>';
    for (const QString &item : items)
        m_html += QStringLiteral("<li>%1</li>").arg(esc(item));
    m_html += QStringLiteral("</%1>").arg(tag);
}

void Writer::paragraph(const QString &text)
{
    m_html += QStringLiteral("<p>%1</p>").arg(esc(text));
}

void Writer::note(const QString &text)
{
    m_html += QStringLiteral("<p><i>%1</i></p>").arg(esc(text));
}

QString yesNo(bool value)
{
    return value ? tr("yes") : tr("no");
}

QString socketText(const Topology &t, const Listener &l)
{
    const QString socket = socketLabel(l.transport, l.port, l.portEnd);
    if (l.address.isEmpty())
        return tr("%1 on all interfaces").arg(socket);
    const Address *a = t.address(l.address);
    if (!a)
        return tr("%1 on %2").arg(socket, l.address.value());
    return tr("%1 on %2 (%3)").arg(socket, a->ip, rolesText(a->roles));
}

QStringList listenerLines(const Topology &t, const EdgeServer &s, const AddressId &address)
{
    QStringList out;
    for (const Listener &l : s.listeners)
        if (l.address == address)
            out.append(listenerLine(t, l));
    return out;
}

QString forRef(const Topology &t, const PathAnalysis &analysis, const ElementRef &ref,
               const CheckResult *check, const StatusChange *change,
               const EstablishedSummary *established, const CheckSet *checks)
{
    using K = ElementRef::Kind;
    switch (ref.kind()) {
    case K::None:
    case K::Flow:
        return {};
    case K::Pool:
        return pool(t, *ref.as<PoolId>());
    case K::Server:
        return server(t, *ref.as<ServerId>());
    case K::Interface:
        return netInterface(t, *ref.as<InterfaceRef>());
    case K::Address:
        return address(t, *ref.as<AddressId>());
    case K::Listener:
        return listener(t, analysis, *ref.as<ListenerId>(), check, change, established);
    case K::Service:
        return service(t, *ref.as<ServiceId>(), checks);
    case K::Peer:
        return peer(t, *ref.as<PeerId>());
    case K::Scenario:
        return scenario(t, *ref.as<ScenarioId>(), checks);
    case K::Group:
        return group(t, *ref.as<GroupRef>());
    }
    return {};
}

} // namespace edgemap::detailshtml
