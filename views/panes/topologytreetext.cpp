#include "panes/topologytreetext.h"

#include <QCoreApplication>
#include <QStringList>

namespace edgemap::treetext {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edgemap::treetext", text);
}

// "1 server" / "3 servers": English only for now, but through tr() so that it can be translated.
QString count(qsizetype n, const char *one, const char *many)
{
    return n == 1 ? tr(one) : tr(many).arg(n);
}

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

QString listenerToolTip(const Topology &t, const Listener &l, bool disabled)
{
    QString html = QStringLiteral("<p><b>%1</b>").arg(socketLabel(l.transport, l.port, l.portEnd));
    if (const Service *s = t.service(l.service))
        html += QStringLiteral(" · %1 (%2)").arg(esc(s->displayName), esc(s->executable));
    html += QStringLiteral("</p>");
    for (const Endpoint &e : l.endpoints) {
        html += QStringLiteral("<p><b>%1</b> — %2<br/><i>%3</i> %4</p>")
                        .arg(esc(e.protocol), esc(e.purpose), tr("Who connects:"), esc(e.clients));
    }
    if (l.dynamic)
        html += QStringLiteral("<p>%1</p>")
                        .arg(tr("Allocated on demand: not listening until "
                                "a session needs it."));
    if (disabled)
        html += QStringLiteral("<p><i>%1</i></p>").arg(tr("Disabled in this topology."));
    return html;
}

QString joinedPurposes(const Listener &l)
{
    QStringList parts;
    for (const Endpoint &e : l.endpoints)
        if (!e.purpose.isEmpty() && !parts.contains(e.purpose))
            parts.append(e.purpose);
    return parts.join(QStringLiteral("; "));
}

QString withDisabled(const QString &text, bool disabled)
{
    // Never colour alone: greyed rows also say so in words.
    return disabled ? text + QStringLiteral(" (%1)").arg(tr("disabled")) : text;
}

} // namespace

QString interfaceName(InterfaceSide side)
{
    return side == InterfaceSide::Internal ? tr("Internal interface") : tr("External interface");
}

QString addressLabel(const Address &a)
{
    QString label = QStringLiteral("%1 — %2").arg(a.ip, rolesText(a.roles));
    if (!a.natPublicIp.isEmpty())
        label += QStringLiteral(" (NAT → %1)").arg(a.natPublicIp);
    return label;
}

QString peerLabel(const Peer &p)
{
    const QString kind = displayName(p.kind);
    if (p.name.isEmpty() || p.name == kind)
        return kind;
    return QStringLiteral("%1 — %2").arg(p.name, kind);
}

QString loadBalancingText(LoadBalancing lb)
{
    switch (lb) {
    case LoadBalancing::Dns:
        return tr("DNS load balancing");
    case LoadBalancing::Hardware:
        return tr("hardware load balancing");
    case LoadBalancing::None:
        break;
    }
    return tr("no load balancing");
}

Texts pool(const EdgePool &p)
{
    Texts t;
    t.name = p.site.isEmpty() ? QStringLiteral("%1 — %2").arg(p.fqdn, tr("Edge pool"))
                              : QStringLiteral("%1 — %2, %3").arg(p.fqdn, tr("Edge pool"), p.site);
    t.detail = count(p.servers.size(), "1 server", "%1 servers") + QStringLiteral(", ")
               + loadBalancingText(p.loadBalancing);
    return t;
}

Texts server(const EdgeServer &s)
{
    return {s.fqdn, count(s.listeners.size(), "1 listener", "%1 listeners"), {}, false};
}

Texts netInterface(const NetInterface &nic)
{
    return {interfaceName(nic.side),
            count(nic.addresses.size(), "1 address", "%1 addresses"),
            {},
            false};
}

Texts address(const Address &a)
{
    return {addressLabel(a), a.fqdn, {}, false};
}

Texts listener(const Topology &topology, const Listener &l)
{
    Texts t;
    t.disabled = !topology.isActive(l);
    QStringList parts{socketLabel(l.transport, l.port, l.portEnd)};
    if (const QString p = l.protocols().join(QStringLiteral(" / ")); !p.isEmpty())
        parts.append(p);
    parts.append(l.service.value());
    t.name = withDisabled(parts.join(QStringLiteral(" · ")), t.disabled);
    t.detail = joinedPurposes(l);
    t.toolTip = listenerToolTip(topology, l, t.disabled);
    return t;
}

Texts allInterfaces(qsizetype listenerCount)
{
    return {tr("All interfaces"), count(listenerCount, "1 listener", "%1 listeners"),
            QStringLiteral("<p>%1</p>")
                    .arg(tr("Listeners bound on every address of the server "
                            "(0.0.0.0 or [::]) by design.")),
            false};
}

Texts service(const Service &s)
{
    Texts t;
    t.disabled = !s.enabled;
    t.name = withDisabled(QStringLiteral("%1 — %2").arg(s.id.value(), s.displayName), t.disabled);
    t.detail = s.executable;
    return t;
}

Texts peer(const Peer &p)
{
    return {peerLabel(p),
            p.fqdn.isEmpty() ? p.addresses.join(QStringLiteral(", ")) : p.fqdn,
            {},
            false};
}

Texts scenario(const Scenario &s)
{
    const QString tip = s.description.isEmpty()
                                ? QString()
                                : QStringLiteral("<p>%1</p>").arg(esc(s.description));
    return {s.name, count(s.hops.size(), "1 hop", "%1 hops"), tip, false};
}

Texts group(const QString &name, qsizetype n)
{
    return {name, QString::number(n), {}, false};
}

} // namespace edgemap::treetext
