// DiagramLook: every text, status and mark of the diagram, computed from values (a topology, its
// layout and what the checks say), so that the scene and the exporters show the same words.
#include "diagram/diagramlook.h"

#include "document/document.h"
#include "snapshot/findings.h"

#include "statusstyle.h"

#include <QCoreApplication>
#include <algorithm>
#include <map>

namespace edgemap {

namespace {

// The scene's words keep the scene's translation context.
QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("edgemap::DiagramScene", text, nullptr, n);
}

void addFrame(DiagramLook &look, const DiagramLayout &layout)
{
    const QString zoneTitles[]
            = {tr("Internet"), tr("Perimeter network (DMZ)"), tr("Internal network")};
    for (const DiagramLayout::ZoneBand &z : layout.zones) {
        QString title = zoneTitles[static_cast<int>(z.zone)];
        if (!z.site.isEmpty() && z.zone == Zone::Perimeter)
            title = tr("%1 · site %2").arg(title, z.site);
        look.boxes.insert(z.key, {title, {}});
    }
    for (const DiagramLayout::Wall &w : layout.walls)
        look.boxes.insert(w.key, {w.firewall == Firewall::External ? tr("External firewall")
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
        if (const Peer *hop = t.peer(pool->nextHop))
            detail += tr(" · next hop %1").arg(hop->fqdn.isEmpty() ? hop->name : hop->fqdn);
        if (detail.startsWith(QStringLiteral(" · ")))
            detail = detail.mid(3);
        look.boxes.insert(poolKey(p.pool), {tr("Edge pool %1").arg(pool->fqdn), detail});
    }
    for (const DiagramLayout::MemberTable &m : layout.memberTables) {
        const EdgePool *pool = t.pool(m.pool);
        look.boxes.insert(m.key,
                          {tr("Members of Edge pool %1 (%n servers)", int(pool->servers.size()))
                                   .arg(pool->fqdn),
                           tr("Status")});
    }
    for (const DiagramLayout::ServerBox &s : layout.servers)
        look.boxes.insert(serverKey(s.server), {t.server(s.server)->fqdn, tr("Edge server")});
    for (const DiagramLayout::AddressBlock &b : layout.blocks) {
        if (const Address *a = b.address.isEmpty() ? nullptr : t.address(b.address)) {
            QStringList lines;
            if (!b.shared)
                lines.append(DiagramLayout::addressText(*a));
            if (!b.shared && !a->natPublicIp.isEmpty())
                lines.append(tr("NAT %1").arg(a->natPublicIp));
            lines.append(a->fqdn.isEmpty() && b.shared ? tr("each member's own address") : a->fqdn);
            look.boxes.insert(b.key, {DiagramLayout::addressTitle(*a), lines.join(u'\n')});
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
            chip.socket = unexpectedSocketText(u, !c.twins.isEmpty());
            chip.protocol = unexpectedProcessText(u);
        } else {
            const Listener *l = listeners.value(c.listener);
            chip.socket = socketLabel(l->transport, l->port, l->portEnd);
            chip.protocol = chipProtocols(*l);
        }
        look.chips.insert(c.key, chip);
    }
    for (const DiagramLayout::ServiceBand &b : layout.services) {
        const Service *service = t.service(b.service);
        const qsizetype index = service ? service - t.services.constData() : 0;
        ServiceLook band;
        band.name = b.service.value();
        band.executable = service ? service->executable : QString();
        band.colour = int(index);
        look.services.insert(b.key, band);
    }
    for (const DiagramLayout::PeerBox &p : layout.peers) {
        const Peer *peer = t.peer(p.peer);
        look.peers.insert(
                p.key, {peer->name, peer->fqdn.isEmpty() ? displayName(peer->kind) : peer->fqdn});
    }
}

QString hostOf(const QString &fqdn)
{
    return fqdn.section(QLatin1Char('.'), 0, 0);
}

// A shared chip: each member's status, the worst as the chip's, and who is not OK.
void applyMembers(ChipLook &chip, const DiagramLayout::Chip &c, const DiagramInput &input)
{
    const Topology &t = input.topology;
    const EdgePool *pool = t.poolOfServer(c.server);
    chip.members.clear();
    chip.established = 0;
    ListenerStatus worst = ListenerStatus::NotChecked;
    QStringList bad;
    int checked = 0;
    for (qsizetype i = 0; i < c.members.size(); ++i) {
        const auto v = input.checks.verdicts.constFind(c.members.at(i));
        const ListenerStatus status
                = v != input.checks.verdicts.cend() ? v->status : ListenerStatus::NotChecked;
        chip.members.append(status);
        if (v != input.checks.verdicts.cend())
            chip.established += v->established;
        if (status != ListenerStatus::NotChecked)
            ++checked;
        if (statusSeverity(status) > statusSeverity(worst))
            worst = status;
        if (status != ListenerStatus::Ok && status != ListenerStatus::NotChecked
            && status != ListenerStatus::Dynamic && pool && i < pool->servers.size())
            bad.append(hostOf(pool->servers.at(i).fqdn));
    }
    chip.status = worst;
    const int n = int(c.members.size());
    if (checked == 0)
        chip.membersSummary = tr("not checked (%n members)", n);
    else if (bad.isEmpty())
        chip.membersSummary = checked == n ? tr("OK on all %n", n)
                                           : tr("OK (%1 of %2 checked)").arg(checked).arg(n);
    else if (bad.size() <= 2)
        chip.membersSummary = tr("%1 on %2")
                                      .arg(statusStyle(worst, StatusPalette::Light).label,
                                           bad.join(QStringLiteral(", ")));
    else
        chip.membersSummary = tr("%1 on %2 of %3")
                                      .arg(statusStyle(worst, StatusPalette::Light).label)
                                      .arg(bad.size())
                                      .arg(n);
}

// The probe verdict of a chip's listener; a shared chip's: its worst member's (probeSeverity).
void applyProbe(ChipLook &chip, const QList<ListenerId> &listeners, const DiagramChecks &checks)
{
    chip.probeLine = checks.probeRun && !listeners.isEmpty();
    chip.probed = false;
    chip.probe = CombinedKind::NotProbed;
    for (const ListenerId &id : listeners) {
        const auto p = checks.probes.constFind(id);
        if (p == checks.probes.cend())
            continue;
        if (!chip.probed || probeSeverity(p->kind) > probeSeverity(chip.probe))
            chip.probe = p->kind;
        chip.probed = true;
    }
}

// Each member row: the worst status of the member's listeners, and how many are not OK.
void applyMemberRows(DiagramLook &look, const DiagramInput &input, const DiagramLayout &layout)
{
    look.members.clear();
    for (const DiagramLayout::MemberRow &row : layout.memberRows) {
        const EdgeServer *server = input.topology.server(row.server);
        MemberLook member;
        if (!server)
            continue;
        std::map<int, QPair<ListenerStatus, int>> counts; // severity -> (status, count)
        bool checked = false;
        for (const Listener &l : server->listeners) {
            const auto v = input.checks.verdicts.constFind(l.id);
            if (v == input.checks.verdicts.cend() || v->status == ListenerStatus::NotChecked)
                continue;
            checked = true;
            if (v->status == ListenerStatus::Ok || v->status == ListenerStatus::Dynamic)
                continue;
            auto &count = counts[statusSeverity(v->status)];
            count.first = v->status;
            ++count.second;
        }
        QStringList parts;
        if (!checked) {
            member.summary = tr("not checked");
        } else if (counts.empty()) {
            member.status = ListenerStatus::Ok;
            parts.append(statusStyle(ListenerStatus::Ok, StatusPalette::Light).label);
        } else {
            member.status = counts.rbegin()->second.first;
            const QList<QPair<ListenerStatus, int>> worstFirst = [&] {
                QList<QPair<ListenerStatus, int>> l;
                for (auto it = counts.crbegin(); it != counts.crend(); ++it)
                    l.append(it->second);
                return l;
            }();
            for (const auto &[status, count] : worstFirst)
                parts.append(QStringLiteral("%1 %2").arg(count).arg(
                        statusStyle(status, StatusPalette::Light).label.toLower()));
        }
        if (const DiagramChecks::Server *s = input.checks.server(row.server);
            s && !s->unexpected.isEmpty())
            parts.append(tr("%n unexpected", int(groupUnexpected(s->unexpected).size())));
        if (checked)
            member.summary = parts.join(QStringLiteral(", "));
        look.members.insert(row.key, member);
    }
}

// Each service band: the worst verdict of its listeners and whether the service listens nowhere
// (a pool shape's band: on which members).
void applyServices(DiagramLook &look, const DiagramInput &input, const DiagramLayout &layout)
{
    const DiagramChecks &checks = input.checks;
    QHash<ListenerId, QList<ListenerId>> membersOf;
    for (const DiagramLayout::Chip &c : layout.chips)
        if (!c.members.isEmpty())
            membersOf.insert(c.listener, c.members);
    for (const DiagramLayout::ServiceBand &b : layout.services) {
        ServiceLook &service = look.services[b.key];
        service.status = ListenerStatus::NotChecked;
        QList<ServerId> servers{b.server};
        const EdgePool *pool = input.topology.poolOfServer(b.server);
        const bool shared = b.key.contains(QStringLiteral("/shared/")) && pool;
        if (shared) {
            servers.clear();
            for (const EdgeServer &s : pool->servers)
                servers.append(s.id);
        }
        QStringList downOn;
        for (const ServerId &id : std::as_const(servers))
            if (const DiagramChecks::Server *server = checks.server(id);
                server && server->servicesDown.contains(b.service))
                downOn.append(hostOf(input.topology.server(id)->fqdn));
        service.down = !downOn.isEmpty();
        service.downText = !service.down ? QString()
                           : !shared     ? tr("down")
                           : downOn.size() <= 1
                                   ? tr("down on %1").arg(downOn.join(QStringLiteral(", ")))
                                   : tr("down on %1 of %2").arg(downOn.size()).arg(servers.size());
        for (const ListenerId &id : b.listeners)
            for (const ListenerId &member : membersOf.value(id, {id})) {
                const auto v = checks.verdicts.constFind(member);
                if (v != checks.verdicts.cend()
                    && statusSeverity(v->status) > statusSeverity(service.status))
                    service.status = v->status;
            }
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
        for (const ServiceDown &down : check->judgement.servicesDown)
            server.servicesDown.append(down.service);
        server.captured = captureTimeOf(*check);
        input.checks.servers.append(server);
    }
    for (const Listener *l : input.topology.allListeners()) {
        if (const ListenerVerdict *v = checks.verdict(l->id))
            input.checks.verdicts.insert(l->id, *v);
        if (const StatusChange *change = checks.changeOf(l->id))
            input.checks.changes.insert(l->id, *change);
    }
    input.checks.probeRun = !state.probes.isEmpty();
    for (auto it = state.probes.listeners.cbegin(); it != state.probes.listeners.cend(); ++it)
        input.checks.probes.insert(it.key(), it->verdict);
    return input;
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
        applyProbe(chip,
                   c.unexpected >= 0     ? QList<ListenerId>{}
                   : c.members.isEmpty() ? QList<ListenerId>{c.listener}
                                         : c.members,
                   checks);
        if (c.unexpected >= 0) {
            const DiagramChecks::Server *server = checks.server(c.server);
            if (server && server->appeared.value(c.unexpected)) {
                chip.changeBadge = tr("new");
                chip.changeDescription = tr("New since the previous snapshot of this server.");
            }
            continue;
        }
        if (!c.members.isEmpty()) {
            applyMembers(chip, c, input);
            // The first member whose verdict changed marks the shared chip, naming it.
            for (qsizetype i = 0; i < c.members.size(); ++i) {
                const auto change = checks.changes.constFind(c.members.at(i));
                if (change == checks.changes.cend())
                    continue;
                const EdgeServer *member = input.topology.serverOfListener(c.members.at(i));
                const QString name = member ? hostOf(member->fqdn) : QString();
                chip.changeBadge = changeBadge(*change); // the description names the member
                chip.changeDescription
                        = tr("Changed on %1 since its previous snapshot: %2")
                                  .arg(member ? member->fqdn : name, changeText(*change));
                break;
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
    applyServices(look, input, layout);
    applyMemberRows(look, input, layout);
    QHash<ListenerId, QList<ListenerId>> membersOf;
    for (const DiagramLayout::Chip &c : layout.chips)
        if (!c.members.isEmpty())
            membersOf.insert(c.listener, c.members);
    look.liveRoutes.clear();
    for (const DiagramLayout::Route &r : layout.routes) {
        const ListenerId *listener = r.to.as<ListenerId>();
        const PeerId *peer = r.from.as<PeerId>();
        if (r.outbound || !listener || !peer)
            continue;
        // A shared chip's route is live when any member saw connections from the peer.
        QList<ListenerId> listeners{*listener};
        if (const auto members = membersOf.constFind(*listener); members != membersOf.cend())
            listeners = *members;
        for (const ListenerId &id : std::as_const(listeners)) {
            const auto v = checks.verdicts.constFind(id);
            if (v != checks.verdicts.cend() && v->established > 0 && v->remotePeers.contains(*peer))
                look.liveRoutes.insert(r.key);
        }
    }
    look.probeKinds.clear();
    for (const ChipLook &chip : std::as_const(look.chips))
        if (chip.probed && !look.probeKinds.contains(chip.probe))
            look.probeKinds.append(chip.probe);
    std::sort(look.probeKinds.begin(), look.probeKinds.end(), [](CombinedKind a, CombinedKind b) {
        return probeSeverity(a) != probeSeverity(b) ? probeSeverity(a) > probeSeverity(b) : a < b;
    });
}

} // namespace edgemap
