// DiagramLook: every text, status and mark of the diagram, computed from values (a topology, its
// layout and what the checks say), so that the scene and the exporters show the same words.
#include "diagram/diagramlook.h"

#include "document/document.h"

#include <QCoreApplication>

namespace edgemap {

namespace {

// The scene's words keep the scene's translation context.
QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("edgemap::DiagramScene", text, nullptr, n);
}

QString protocolsOf(const Listener &listener)
{
    QString text = listener.protocols().join(QStringLiteral(", "));
    if (listener.dynamic)
        text += tr(" (dynamic)");
    return text;
}

QString addressTitle(const Address &address)
{
    QStringList roles;
    for (AddressRole role : address.roles)
        roles.append(address.roles.size() > 1 ? shortName(role) : displayName(role));
    return roles.join(QStringLiteral(" + "));
}

void addFrame(DiagramLook &look, const DiagramLayout &layout)
{
    const QString zoneTitles[]
            = {tr("Internet"), tr("Perimeter network (DMZ)"), tr("Internal network")};
    for (const DiagramLayout::ZoneBand &z : layout.zones)
        look.boxes.insert(zoneKey(z.zone), {zoneTitles[static_cast<int>(z.zone)], {}});
    for (const DiagramLayout::Wall &w : layout.walls)
        look.boxes.insert(wallKey(w.firewall),
                          {w.firewall == Firewall::External ? tr("External firewall")
                                                            : tr("Internal firewall"),
                           {}});
}

void addServers(DiagramLook &look, const Topology &t, const DiagramLayout &layout)
{
    for (const DiagramLayout::PoolBox &p : layout.pools) {
        const EdgePool *pool = t.pool(p.pool);
        QString detail = pool->site;
        if (pool->servers.size() > 1)
            detail += tr(" · %n servers", int(pool->servers.size()));
        if (pool->loadBalancing != LoadBalancing::None)
            detail += tr(" · %1 load balancing")
                              .arg(pool->loadBalancing == LoadBalancing::Dns ? tr("DNS")
                                                                             : tr("hardware"));
        look.boxes.insert(poolKey(p.pool), {tr("Edge pool %1").arg(pool->fqdn), detail});
    }
    for (const DiagramLayout::ServerBox &s : layout.servers)
        look.boxes.insert(serverKey(s.server), {t.server(s.server)->fqdn, tr("Edge server")});
    for (const DiagramLayout::AddressBlock &b : layout.blocks) {
        if (const Address *a = b.address.isEmpty() ? nullptr : t.address(b.address)) {
            QString ip = a->ip;
            if (!a->natPublicIp.isEmpty())
                ip += tr(" → NAT %1").arg(a->natPublicIp);
            look.boxes.insert(b.key, {addressTitle(*a), ip + u'\n' + a->fqdn});
        } else if (b.unexpectedOnly) {
            look.boxes.insert(b.key, {tr("Unexpected: on all interfaces or another address"), {}});
        } else {
            look.boxes.insert(b.key, {tr("All interfaces"), tr("0.0.0.0 / [::] and others")});
        }
    }
}

void addChipsAndPeers(DiagramLook &look, const DiagramInput &input, const DiagramLayout &layout)
{
    const Topology &t = input.topology;
    QHash<ListenerId, const Listener *> listeners; // Topology::listener() is a linear search
    for (const Listener *l : t.allListeners())
        listeners.insert(l->id, l);
    for (const DiagramLayout::Chip &c : layout.chips) {
        ChipLook chip;
        chip.unexpected = c.unexpected >= 0;
        if (chip.unexpected) {
            // The layout was made from these checks: the server has one.
            const UnexpectedListener &u
                    = input.checks.server(c.server)->unexpected.at(c.unexpected);
            chip.socket = socketLabel(u.transport, u.port, u.port);
            chip.protocol = u.pid >= 0 ? tr("%1 (PID %2)").arg(u.process).arg(u.pid) : u.process;
        } else {
            const Listener *l = listeners.value(c.listener);
            chip.socket = socketLabel(l->transport, l->port, l->portEnd);
            chip.protocol = protocolsOf(*l);
        }
        look.chips.insert(c.key, chip);
    }
    for (const DiagramLayout::ServiceBand &b : layout.services) {
        const Service *service = t.service(b.service);
        const qsizetype index = service ? service - t.services.constData() : 0;
        look.services.insert(
                b.key, {b.service.value(), service ? service->executable : QString(), int(index)});
    }
    for (const DiagramLayout::PeerBox &p : layout.peers) {
        const Peer *peer = t.peer(p.peer);
        look.peers.insert(
                peerKey(p.peer),
                {peer->name, peer->fqdn.isEmpty() ? displayName(peer->kind) : peer->fqdn});
    }
}

} // namespace

const DiagramChecks::Server *DiagramChecks::server(const ServerId &id) const
{
    for (const Server &s : servers)
        if (s.server == id)
            return &s;
    return nullptr;
}

DiagramLayout::UnexpectedByServer DiagramChecks::unexpectedByServer() const
{
    DiagramLayout::UnexpectedByServer unexpected;
    for (const Server &s : servers)
        if (!s.unexpected.isEmpty())
            unexpected.insert(s.server, s.unexpected);
    return unexpected;
}

DiagramInput diagramInputOf(const DocumentState &state)
{
    DiagramInput input;
    input.topology = state.topology;
    input.analysis = state.analysis;
    const CheckSet &checks = state.checks;
    for (const std::shared_ptr<const CheckResult> &check : checks.inOrder(state.topology)) {
        DiagramChecks::Server server;
        server.server = check->server;
        server.unexpected = check->judgement.unexpected;
        const SnapshotDiff *diff = checks.changesFor(check->server);
        for (const UnexpectedListener &u : std::as_const(server.unexpected))
            server.appeared.append(diff && diff->hasAppeared(u.transport, u.address, u.port));
        server.captured = captureTimeOf(*check);
        input.checks.servers.append(server);
    }
    for (const Listener *l : input.topology.allListeners()) {
        if (const ListenerVerdict *v = checks.verdict(l->id))
            input.checks.verdicts.insert(l->id, *v);
        if (const StatusChange *change = checks.changeOf(l->id))
            input.checks.changes.insert(l->id, *change);
    }
    return input;
}

QString zoneKey(Zone zone)
{
    return QStringLiteral("zone:") + keyOf(zone);
}

QString wallKey(Firewall firewall)
{
    return QStringLiteral("wall:") + keyOf(firewall);
}

QString poolKey(const PoolId &id)
{
    return QStringLiteral("pool:") + id.value();
}

QString serverKey(const ServerId &id)
{
    return QStringLiteral("server:") + id.value();
}

QString peerKey(const PeerId &id)
{
    return QStringLiteral("peer:") + id.value();
}

DiagramLook lookFor(const DiagramInput &input, const DiagramLayout &layout, StatusPalette palette)
{
    DiagramLook look;
    look.style = DiagramStyle::forPalette(palette);
    addFrame(look, layout);
    addServers(look, input.topology, layout);
    addChipsAndPeers(look, input, layout);
    applyChecks(look, input, layout);
    return look;
}

// Chips take the verdict's status and established count and the change mark; inbound flows turn
// live when the snapshot saw connections from their peer.
void applyChecks(DiagramLook &look, const DiagramInput &input, const DiagramLayout &layout)
{
    const DiagramChecks &checks = input.checks;
    for (const DiagramLayout::Chip &c : layout.chips) {
        ChipLook &chip = look.chips[c.key];
        chip.changeBadge.clear();
        chip.changeDescription.clear();
        if (c.unexpected >= 0) {
            const DiagramChecks::Server *server = checks.server(c.server);
            if (server && server->appeared.value(c.unexpected)) {
                chip.changeBadge = tr("new");
                chip.changeDescription = tr("New since the previous snapshot of this server.");
            }
            continue;
        }
        const auto v = checks.verdicts.constFind(c.listener);
        chip.status = v != checks.verdicts.cend() ? v->status : ListenerStatus::NotChecked;
        chip.established = v != checks.verdicts.cend() ? v->established : 0;
        if (const auto change = checks.changes.constFind(c.listener);
            change != checks.changes.cend()) {
            chip.changeBadge = changeBadge(*change);
            chip.changeDescription
                    = tr("Changed since the previous snapshot: %1").arg(changeText(*change));
        }
    }
    look.liveRoutes.clear();
    for (const DiagramLayout::Route &r : layout.routes) {
        const ListenerId *listener = r.to.as<ListenerId>();
        const PeerId *peer = r.from.as<PeerId>();
        if (r.outbound || !listener || !peer)
            continue;
        const auto v = checks.verdicts.constFind(*listener);
        if (v != checks.verdicts.cend() && v->established > 0 && v->remotePeers.contains(*peer))
            look.liveRoutes.insert(r.key);
    }
}

} // namespace edgemap
