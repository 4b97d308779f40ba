// The diagram's tooltips. Every piece of model text is HTML-escaped: a topology file is
// untrusted input.
#include "diagram/diagramtooltips.h"

#include "snapshot/findings.h"
#include "snapshot/wellknownports.h"

#include "core/pathanalysis.h"

#include <QCoreApplication>

namespace edgemap {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edgemap::DiagramScene", text);
}

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

QString para(const QString &html)
{
    return QStringLiteral("<p style='margin:2px 0'>") + html + QStringLiteral("</p>");
}

QString observedText(const ListenerVerdict &v, const Topology &t)
{
    QString html = para(
            QObject::tr("<b>Snapshot:</b> %1 %2").arg(esc(statusText(v.status)), esc(v.detail)));
    if (v.observed)
        html += para(QObject::tr("Process %1 (PID %2) on %3")
                             .arg(esc(v.observed->process))
                             .arg(v.observed->pid)
                             .arg(esc(v.observed->address)));
    if (v.established > 0) {
        QStringList peers;
        for (const PeerId &id : v.remotePeers)
            if (const Peer *p = t.peer(id))
                peers.append(esc(p->name));
        QString line = v.established == 1
                               ? QObject::tr("1 established connection")
                               : QObject::tr("%1 established connections").arg(v.established);
        if (!peers.isEmpty())
            line += QObject::tr(" from %1").arg(peers.join(QStringLiteral(", ")));
        QStringList remotes = v.remoteAddresses.mid(0, 5);
        for (QString &r : remotes)
            r = esc(r);
        if (!remotes.isEmpty())
            line += QStringLiteral(" (") + remotes.join(QStringLiteral(", "))
                    + (v.remoteAddresses.size() > remotes.size()
                               ? QObject::tr(" and %1 more)")
                                         .arg(v.remoteAddresses.size() - remotes.size())
                               : QStringLiteral(")"));
        html += para(line);
    }
    if (v.relayTcp + v.relayUdp > 0)
        html += para(
                QObject::tr("Relay ports in use: %1 TCP, %2 UDP").arg(v.relayTcp).arg(v.relayUdp));
    return html;
}

QString listenerTip(const DiagramInput &state, const PathAnalysis &analysis, const Listener &l)
{
    const Topology &t = state.topology;
    const Service *s = t.service(l.service);
    QString html = para(QStringLiteral("<b>%1</b> — %2")
                                .arg(esc(socketLabel(l.transport, l.port, l.portEnd)),
                                     esc(s ? s->displayName : l.service.value())));
    const Address *a = t.address(l.address);
    html += para(tr("Service %1 (%2) on %3")
                         .arg(esc(l.service.value()), esc(s ? s->executable : QString()),
                              a ? esc(a->ip) : tr("all interfaces")));
    for (const Endpoint &e : l.endpoints)
        html += para(tr("<b>%1</b>: %2 connect — %3")
                             .arg(esc(e.protocol), esc(e.clients), esc(e.purpose)));
    QStringList breaks;
    for (const ScenarioId &id : analysis.scenariosBrokenBy(l.id))
        if (const Scenario *sc = t.scenario(id))
            breaks.append(esc(sc->name));
    html += para(tr("<b>If it is down:</b> %1")
                         .arg(breaks.isEmpty() ? tr("no modelled scenario breaks")
                                               : breaks.join(QStringLiteral(", "))));
    if (const auto v = state.checks.verdicts.constFind(l.id); v != state.checks.verdicts.cend())
        html += observedText(*v, t);
    else
        html += para(tr("Not checked: load a snapshot of this server to see its state."));
    if (const auto p = state.checks.probes.constFind(l.id); p != state.checks.probes.cend()) {
        html += para(tr("<b>From here:</b> %1").arg(esc(p->words)));
        if (!p->detail.isEmpty())
            html += para(esc(p->detail));
        for (const TlsFinding &finding : p->tls)
            html += para(tr("Certificate: %1").arg(esc(finding.text)));
    }
    return html;
}

QString peerTip(const Peer &p)
{
    QString html
            = para(QStringLiteral("<b>%1</b> — %2").arg(esc(p.name), esc(displayName(p.kind))));
    if (!p.fqdn.isEmpty())
        html += para(esc(p.fqdn));
    if (!p.addresses.isEmpty())
        html += para(tr("Addresses: %1").arg(esc(p.addresses.join(QStringLiteral(", ")))));
    return html + para(tr("Click to highlight every path it starts."));
}

QString flowTip(const Flow &flow)
{
    QString html = para(QStringLiteral("<b>%1 %2</b>")
                                .arg(esc(socketLabel(flow.transport, flow.port, flow.portEnd)),
                                     esc(flow.protocol)));
    html += para(esc(flow.purpose));
    // As the layout draws it: a flow that does not start at a peer is opened by the Edge.
    html += para(flow.from.kind != FlowEnd::Kind::Peer ? tr("Opened by the Edge (outbound, dashed)")
                                                       : tr("Opened towards the Edge (inbound)"));
    if (flow.firewall != Firewall::None)
        html += para(tr("Crosses the %1 firewall")
                             .arg(flow.firewall == Firewall::External ? tr("external")
                                                                      : tr("internal")));
    return html;
}

QString serverTip(const Topology &t, const ServerId &id)
{
    const EdgeServer *s = t.server(id);
    const EdgePool *p = t.poolOfServer(id);
    if (!s || !p)
        return {};
    return para(QStringLiteral("<b>%1</b>").arg(esc(s->fqdn)))
           + para(tr("Edge server of pool %1 (%2), %3 listeners")
                          .arg(esc(p->fqdn), esc(p->site))
                          .arg(s->listeners.size()));
}

QString addressTip(const Address &a)
{
    QStringList roles;
    for (AddressRole r : a.roles)
        roles.append(esc(displayName(r)));
    QString html = para(
            QStringLiteral("<b>%1</b> — %2").arg(esc(a.ip), roles.join(QStringLiteral(", "))));
    if (!a.natPublicIp.isEmpty())
        html += para(tr("Translated to public address %1 (NAT)").arg(esc(a.natPublicIp)));
    if (!a.fqdn.isEmpty())
        html += para(tr("Published as %1").arg(esc(a.fqdn)));
    return html;
}

QString poolTip(const Topology &t, const EdgePool &p)
{
    const Peer *next = t.peer(p.nextHop);
    return para(QStringLiteral("<b>%1</b> — %2").arg(esc(p.fqdn), esc(p.site)))
           + para((p.servers.size() == 1 ? tr("1 server, next hop %1")
                                         : tr("%1 servers, next hop %2").arg(p.servers.size()))
                          .arg(next ? esc(next->name) : tr("none")));
}

} // namespace

QString diagramtooltips::forRef(const DiagramInput &state, const PathAnalysis &analysis,
                                const ElementRef &ref)
{
    const Topology &t = state.topology;
    if (const ListenerId *id = ref.as<ListenerId>()) {
        const Listener *l = t.listener(*id);
        return l ? listenerTip(state, analysis, *l) : QString();
    }
    if (const PeerId *id = ref.as<PeerId>()) {
        const Peer *p = t.peer(*id);
        return p ? peerTip(*p) : QString();
    }
    if (const FlowId *id = ref.as<FlowId>()) {
        for (const Flow &f : t.flows)
            if (f.id == *id)
                return flowTip(f);
        return {};
    }
    if (const ServiceId *id = ref.as<ServiceId>()) {
        const Service *s = t.service(*id);
        if (!s)
            return {};
        return para(QStringLiteral("<b>%1</b> (%2)").arg(esc(s->displayName), esc(s->id.value())))
               + para(tr("Executable %1").arg(esc(s->executable)))
               + para(tr("Carries traffic between the listeners it is linked to."));
    }
    if (const ServerId *id = ref.as<ServerId>())
        return serverTip(t, *id);
    if (const AddressId *id = ref.as<AddressId>()) {
        const Address *a = t.address(*id);
        return a ? addressTip(*a) : QString();
    }
    if (const GroupRef *group = ref.as<GroupRef>();
        group && group->kind == GroupRef::Kind::AllInterfaces)
        return para(tr("Sockets bound on all interfaces (0.0.0.0 or [::])"));
    if (const PoolId *id = ref.as<PoolId>()) {
        const EdgePool *p = t.pool(*id);
        return p ? poolTip(t, *p) : QString();
    }
    return {};
}

QString diagramtooltips::forUnexpected(const QList<UnexpectedListener> &sockets)
{
    if (sockets.isEmpty())
        return {};
    const UnexpectedListener &first = sockets.first();
    UnexpectedSocket all;
    for (int i = 0; i < int(sockets.size()); ++i)
        all.indexes.append(i);
    QString html
            = para(tr("<b>Unexpected listener</b> %1 on %2")
                           .arg(esc(socketLabel(first.transport, first.port, first.port)),
                                esc(addressesOf(sockets, all))))
              + para(esc(first.pid >= 0 ? tr("%1, PID %2").arg(first.process).arg(first.pid)
                                        : first.process))
              + para(tr("The snapshot shows this socket but the topology does not expect it."));
    if (const QString explained = explainUnexpected(first); !explained.isEmpty())
        html += para(esc(explained));
    if (const QString finding = hardeningFinding(sockets, all); !finding.isEmpty())
        html += para(QStringLiteral("<b>%1</b>").arg(esc(finding)));
    return html;
}

QString diagramtooltips::paragraph(const QString &html)
{
    return para(html);
}

} // namespace edgemap
