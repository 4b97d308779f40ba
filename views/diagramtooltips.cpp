// DiagramScene: tooltips in the admin's terms. Every piece of model text is HTML-escaped: a
// topology file is untrusted input.
#include "diagramscene.h"

#include "document.h"

namespace edgemap {

namespace {

// The typed id of a reference, or an empty id (which finds nothing) for another kind.
template<class T>
T idOf(const ElementRef &ref)
{
    const T *id = ref.as<T>();
    return id ? *id : T();
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

} // namespace

QString DiagramScene::toolTipFor(const QGraphicsItem *graphicsItem) const
{
    const auto *item = dynamic_cast<const DiagramItem *>(graphicsItem);
    if (!item)
        return {};
    const Topology &t = m_document.topology();
    const ElementRef ref = item->ref();
    switch (item->type()) {
    case ChipItem::Type: {
        const auto *chip = static_cast<const ChipItem *>(item);
        const QString changed
                = chip->isChanged()
                          ? para(QStringLiteral("<b>%1</b>").arg(esc(chip->changeDescription())))
                          : QString();
        if (const Listener *l = ref.isValid() ? t.listener(idOf<ListenerId>(ref)) : nullptr) {
            const Service *s = t.service(l->service);
            QString html = para(QStringLiteral("<b>%1</b> — %2")
                                        .arg(esc(socketLabel(l->transport, l->port, l->portEnd)),
                                             esc(s ? s->displayName : l->service.value())));
            const Address *a = t.address(l->address);
            html += para(tr("Service %1 (%2) on %3")
                                 .arg(esc(l->service.value()), esc(s ? s->executable : QString()),
                                      a ? esc(a->ip) : tr("all interfaces")));
            for (const Endpoint &e : l->endpoints)
                html += para(tr("<b>%1</b>: %2 connect — %3")
                                     .arg(esc(e.protocol), esc(e.clients), esc(e.purpose)));
            QStringList breaks;
            for (const ScenarioId &id : m_analysis->scenariosBrokenBy(l->id))
                if (const Scenario *sc = t.scenario(id))
                    breaks.append(esc(sc->name));
            html += para(tr("<b>If it is down:</b> %1")
                                 .arg(breaks.isEmpty() ? tr("no modelled scenario breaks")
                                                       : breaks.join(QStringLiteral(", "))));
            if (const ListenerVerdict *v = m_document.checks().verdict(l->id))
                html += observedText(*v, t);
            else
                html += para(tr("Not checked: load a snapshot of this server to see its state."));
            return html + changed;
        }
        return para(tr("<b>Unexpected listener</b> %1").arg(esc(chip->socketText())))
               + para(tr("The snapshot shows this socket but the topology does not expect it."))
               + changed;
    }
    case PeerItem::Type: {
        const Peer *p = t.peer(idOf<PeerId>(ref));
        if (!p)
            return {};
        QString html = para(
                QStringLiteral("<b>%1</b> — %2").arg(esc(p->name), esc(displayName(p->kind))));
        if (!p->fqdn.isEmpty())
            html += para(esc(p->fqdn));
        if (!p->addresses.isEmpty())
            html += para(tr("Addresses: %1").arg(esc(p->addresses.join(QStringLiteral(", ")))));
        return html + para(tr("Click to highlight every path it starts."));
    }
    case RouteItem::Type: {
        const QString flowId = item->key().mid(6).section(u'|', 0, 0);
        const Flow *flow = nullptr;
        for (const Flow &f : t.flows)
            if (f.id.value() == flowId)
                flow = &f;
        if (!flow)
            return {};
        const auto *route = static_cast<const RouteItem *>(item);
        QString html
                = para(QStringLiteral("<b>%1 %2</b>")
                               .arg(esc(socketLabel(flow->transport, flow->port, flow->portEnd)),
                                    esc(flow->protocol)));
        html += para(esc(flow->purpose));
        html += para(route->isOutbound() ? tr("Opened by the Edge (outbound, dashed)")
                                         : tr("Opened towards the Edge (inbound)"));
        if (flow->firewall != Firewall::None)
            html += para(tr("Crosses the %1 firewall")
                                 .arg(flow->firewall == Firewall::External ? tr("external")
                                                                           : tr("internal")));
        if (route->isLive())
            html += para(tr("The snapshot shows established connections from this peer."));
        return html;
    }
    case ServiceItem::Type: {
        const Service *s = t.service(idOf<ServiceId>(ref));
        if (!s)
            return {};
        return para(QStringLiteral("<b>%1</b> (%2)").arg(esc(s->displayName), esc(s->id.value())))
               + para(tr("Executable %1").arg(esc(s->executable)))
               + para(tr("Carries traffic between the listeners it is linked to."));
    }
    case BoxItem::ServerType: {
        const EdgeServer *s = t.server(idOf<ServerId>(ref));
        const EdgePool *p = t.poolOfServer(idOf<ServerId>(ref));
        if (!s || !p)
            return {};
        return para(QStringLiteral("<b>%1</b>").arg(esc(s->fqdn)))
               + para(tr("Edge server of pool %1 (%2), %3 listeners")
                              .arg(esc(p->fqdn), esc(p->site))
                              .arg(s->listeners.size()));
    }
    case BoxItem::AddressType: {
        const Address *a = t.address(idOf<AddressId>(ref));
        if (!a)
            return para(tr("Sockets bound on all interfaces (0.0.0.0 or [::])"));
        QStringList roles;
        for (AddressRole r : a->roles)
            roles.append(esc(displayName(r)));
        QString html = para(
                QStringLiteral("<b>%1</b> — %2").arg(esc(a->ip), roles.join(QStringLiteral(", "))));
        if (!a->natPublicIp.isEmpty())
            html += para(tr("Translated to public address %1 (NAT)").arg(esc(a->natPublicIp)));
        if (!a->fqdn.isEmpty())
            html += para(tr("Published as %1").arg(esc(a->fqdn)));
        return html;
    }
    case BoxItem::PoolType: {
        const EdgePool *p = t.pool(idOf<PoolId>(ref));
        if (!p)
            return {};
        const Peer *next = t.peer(p->nextHop);
        return para(QStringLiteral("<b>%1</b> — %2").arg(esc(p->fqdn), esc(p->site)))
               + para((p->servers.size() == 1
                               ? tr("1 server, next hop %1")
                               : tr("%1 servers, next hop %2").arg(p->servers.size()))
                              .arg(next ? esc(next->name) : tr("none")));
    }
    case BoxItem::WallType:
        return para(static_cast<const BoxItem *>(item)->title());
    default:
        return {};
    }
}

} // namespace edgemap
