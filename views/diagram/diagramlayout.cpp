// The diagram layout: pools, servers, address blocks, chips and service bands. Peers, flows,
// lanes, walls and zones are in diagramlayout_routes.cpp.
#include "diagram/diagramlayout.h"

#include "core/catalog.h"
#include "core/ipaddress.h"
#include "diagram/detail/diagramlayout_p.h"
#include "snapshot/findings.h"

#include <QCoreApplication>

#include <algorithm>

namespace edgemap {

using namespace metrics;

QString shortName(AddressRole role)
{
    switch (role) {
    case AddressRole::Internal:
        return QStringLiteral("Internal");
    case AddressRole::Access:
        return QStringLiteral("Access");
    case AddressRole::WebConf:
        return QStringLiteral("Web Conf");
    case AddressRole::AV:
        return QStringLiteral("A/V");
    }
    return {};
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

DiagramLayout::DiagramLayout(const Topology &topology, const Catalog &catalog,
                             const UnexpectedByServer &unexpected, const Expanded &expanded,
                             bool probeLine)
{
    Widths widths = measureWidths(topology);
    widths.probeLine = probeLine;
    QStringList sites;
    for (const EdgePool &pool : topology.pools)
        if (!sites.contains(pool.site))
            sites.append(pool.site);
    if (sites.size() > 1) {
        DiagramLayoutBuilder::runSites(*this, topology, catalog, widths, unexpected, expanded);
        return;
    }
    DiagramLayoutBuilder(*this, topology, catalog, unexpected, expanded, widths).run();
}

QString unexpectedSocketText(const UnexpectedListener &socket, bool withTwin)
{
    QString text = socketLabel(socket.transport, socket.port, socket.port);
    if (withTwin)
        text += QCoreApplication::translate("edgemap::DiagramScene", " · IPv4+6");
    return text;
}

QString unexpectedProcessText(const UnexpectedListener &socket)
{
    return socket.pid >= 0 ? QCoreApplication::translate("edgemap::DiagramScene", "%1 (PID %2)")
                                     .arg(socket.process)
                                     .arg(socket.pid)
                           : socket.process;
}

QString DiagramLayout::addressTitle(const Address &address)
{
    QStringList roles;
    for (AddressRole role : address.roles)
        roles.append(address.roles.size() > 1 ? shortName(role) : displayName(role));
    return roles.join(QStringLiteral(" + "));
}

QString DiagramLayout::addressText(const Address &address)
{
    const std::optional<IpAddress> ip = IpAddress::parse(address.ip);
    return ip && ip->isUnspecified() ? QObject::tr("%1 (not pinned)").arg(address.ip) : address.ip;
}

qreal DiagramLayout::textWidth(const QString &text, qreal pixelSize, bool bold)
{
    // Advance widths at 100 px of ASCII 32..126, regular and bold.
    static constexpr unsigned char kRegular[95]
            = {32, 41, 46, 84, 64, 96, 78, 28, 39, 39, 50, 84, 32, 37,  32, 34, 64, 64, 64,
               64, 64, 64, 64, 64, 64, 64, 34, 34, 84, 84, 84, 54, 100, 69, 69, 70, 77, 64,
               58, 78, 76, 30, 30, 66, 56, 87, 75, 79, 61, 79, 70, 64,  62, 74, 69, 99, 69,
               62, 69, 39, 34, 39, 84, 50, 50, 62, 64, 55, 64, 62, 36,  64, 64, 28, 28, 58,
               28, 98, 64, 62, 64, 64, 42, 53, 40, 64, 60, 82, 60, 60,  53, 64, 34, 64, 84};
    static constexpr unsigned char kBold[95]
            = {35, 46,  53, 84, 70, 101, 88, 31,  46, 46, 53, 84, 38, 42,  38, 37, 70, 70,  70,
               70, 70,  70, 70, 70, 70,  70, 40,  40, 84, 84, 84, 58, 100, 78, 77, 74, 83,  69,
               69, 83,  84, 38, 38, 78,  64, 100, 84, 85, 74, 85, 77, 73,  69, 82, 78, 111, 78,
               73, 73,  46, 37, 46, 84,  50, 50,  68, 72, 60, 72, 68, 44,  72, 72, 35, 35,  67,
               35, 105, 72, 69, 72, 72,  50, 60,  48, 72, 66, 93, 65, 66,  59, 72, 37, 72,  84};
    const unsigned char *table = bold ? kBold : kRegular;
    qreal units = 0;
    for (const QChar c : text) {
        const ushort u = c.unicode();
        units += u >= 32 && u < 127 ? table[u - 32] : 84; // arrows and the like: as wide as '+'
    }
    return units * pixelSize / 100 * 1.04;
}

QList<QRectF> DiagramLayout::textRects() const
{
    QList<QRectF> rects;
    for (const ZoneBand &z : zones)
        rects.append(z.titleRect);
    for (const Wall &w : walls)
        rects.append(w.titleRect);
    for (const PoolBox &p : pools) {
        rects.append(p.titleRect);
        rects.append(p.subtitleRect);
    }
    for (const MemberTable &m : memberTables) {
        rects.append(m.titleRect);
        rects.append(m.headerRect);
    }
    for (const MemberRow &m : memberRows)
        rects.append(m.rect.adjusted(2, 1, -2, -1));
    for (const ServerBox &s : servers)
        rects.append(s.titleRect);
    for (const AddressBlock &b : blocks)
        rects.append(b.headerRect);
    for (const Chip &c : chips)
        rects.append(c.rect.adjusted(kChipPadding, 1, -kChipPadding, -1));
    for (const ServiceBand &s : services)
        rects.append(s.rect.adjusted(3, 1, -3, -1));
    for (const PeerBox &p : peers)
        rects.append(p.rect.adjusted(6, 3, -6, -3));
    for (const Route &r : routes)
        if (!r.label.isEmpty())
            rects.append(r.labelRect);
    return rects;
}

DiagramLayoutBuilder::DiagramLayoutBuilder(DiagramLayout &out, const Topology &topology,
                                           const Catalog &catalog,
                                           const DiagramLayout::UnexpectedByServer &unexpected,
                                           const DiagramLayout::Expanded &expanded,
                                           const Widths &widths)
    : m_out(out)
    , m_topology(topology)
    , m_catalog(catalog)
    , m_unexpected(unexpected)
    , m_expanded(expanded)
    , m_w(widths)
{}

void DiagramLayoutBuilder::run()
{
    // Servers first at x = 0: their heights decide where peers go, which decides the lanes,
    // which decide how far right the pools finally sit.
    qreal y = kTop;
    for (const EdgePool &pool : m_topology.pools)
        y = layoutPool(pool, y) + kPoolGap;
    m_contentBottom = y - kPoolGap;
    collectRoutes();
    placePeers(kTop);
    assignLanes();
    mergeLabels();
    placeColumns();
    buildRoutes();
    buildPeerToPeer(true);
    buildFrame();
}

qreal DiagramLayoutBuilder::layoutPool(const EdgePool &pool, qreal y)
{
    if (pool.servers.size() > 1)
        return layoutSharedPool(pool, y);
    DiagramLayout::PoolBox box;
    box.pool = pool.id;
    box.titleRect = QRectF(kPoolPad, y + 4, m_w.server, 16);
    box.subtitleRect = QRectF(kPoolPad, y + 20, m_w.server, 14);
    qreal sy = y + kPoolTitle;
    for (const EdgeServer &server : pool.servers)
        sy = layoutServer(server, sy) + kServerGap;
    const qreal bottom = pool.servers.isEmpty() ? sy + kPoolPad : sy - kServerGap + kPoolPad;
    box.rect = QRectF(0, y, m_w.pool(), bottom - y);
    m_out.pools.append(box);
    return bottom;
}

qreal DiagramLayoutBuilder::layoutServer(const EdgeServer &server, qreal y)
{
    DiagramLayout::ServerBox box;
    box.server = server.id;
    const qreal left = kPoolPad;
    box.titleRect = QRectF(left + kServerPad, y + 4, m_w.server - 2 * kServerPad, kServerTitle - 8);
    const qreal bottom = layoutServerBody(server, y + kServerTitle) + kServerPad;
    box.rect = QRectF(left, y, m_w.server, bottom - y);
    m_out.servers.append(box);
    return bottom;
}

// Address blocks with their chips, service bands and unexpected sockets, from `top`; returns
// the bottom of what was placed.
qreal DiagramLayoutBuilder::layoutServerBody(const EdgeServer &server, qreal top)
{
    m_localChip.clear();
    // External first so that the internal side can be ordered after it (relay partners level).
    const qreal left = kPoolPad;
    const qreal extBottom = layoutSide(server, InterfaceSide::External, left + kServerPad, top);
    const qreal intBottom = layoutSide(server, InterfaceSide::Internal,
                                       left + m_w.server - kServerPad - m_w.block, top);
    const qreal bandBottom = layoutServices(server, top);
    const qreal bottom
            = std::max({extBottom, intBottom, bandBottom, top + DiagramLayout::kBlockHeader});
    return m_sharedPool ? bottom : layoutUnexpectedGrid(server, bottom);
}

qreal DiagramLayoutBuilder::layoutSide(const EdgeServer &server, InterfaceSide side, qreal x,
                                       qreal y)
{
    for (const NetInterface &nic : server.interfaces) {
        if (nic.side != side)
            continue;
        for (const Address &address : nic.addresses) {
            QList<const Listener *> listeners;
            for (const Listener &l : server.listeners)
                if (l.address == address.id)
                    listeners.append(&l);
            y = layoutBlock(server, &address, side, listeners, x, y) + kBlockGap;
        }
    }
    if (side == InterfaceSide::Internal) {
        // Sockets bound on all interfaces by design, and unexpected ones on no known address.
        QList<const Listener *> listeners;
        for (const Listener &l : server.listeners)
            if (l.address.isEmpty())
                listeners.append(&l);
        if (!listeners.isEmpty())
            y = layoutBlock(server, nullptr, side, listeners, x, y) + kBlockGap;
    }
    return y - kBlockGap;
}

qreal DiagramLayoutBuilder::blockHeader(const Address *address) const
{
    // Roles, address, NAT address, FQDN; a pool shape's block has roles and FQDN (each member's
    // addresses are in the member table).
    const int lines = m_sharedPool ? 2 : address && !address->natPublicIp.isEmpty() ? 4 : 3;
    return lines * DiagramLayout::kHeaderLine + 8;
}

QString DiagramLayoutBuilder::chipKey(const Listener &listener) const
{
    return m_sharedPool ? QStringLiteral("chip:%1/shared/%2")
                                  .arg(m_sharedPool->id.value(), listener.id.value())
                        : QStringLiteral("chip:") + listener.id.value();
}

qreal DiagramLayoutBuilder::layoutBlock(const EdgeServer &server, const Address *address,
                                        InterfaceSide side, QList<const Listener *> listeners,
                                        qreal x, qreal y)
{
    DiagramLayout::AddressBlock block;
    const QString owner
            = m_sharedPool ? m_sharedPool->id.value() + QStringLiteral("/shared/") : QString();
    block.key = QStringLiteral("block:") + owner
                + (address ? address->id.value() : server.id.value() + QStringLiteral("/all"));
    block.server = server.id;
    block.address = address ? address->id : AddressId();
    block.side = side;
    block.shared = m_sharedPool != nullptr;
    const qreal header = blockHeader(address);
    block.headerLines = int((header - 8) / DiagramLayout::kHeaderLine);
    block.headerRect = QRectF(x + kBlockInset, y + 2, m_w.chip, header - 4);
    if (side == InterfaceSide::Internal)
        listeners = orderInternal(server, listeners);
    qreal cy = y + header;
    const qreal chipHeight = DiagramLayout::kChipHeight
                             + (m_w.probeLine ? DiagramLayout::kProbeLine : 0)
                             + (m_sharedPool ? DiagramLayout::kMemberStrip : 0);
    const auto addChip = [&](const QString &key, const Listener *listener, int unexpected) {
        DiagramLayout::Chip chip;
        chip.key = key;
        chip.unexpected = unexpected;
        chip.server = server.id;
        chip.blockKey = block.key;
        chip.side = side;
        chip.rect = QRectF(x + kBlockInset, cy, m_w.chip,
                           listener ? chipHeight : DiagramLayout::kChipHeight);
        if (listener) {
            chip.listener = listener->id;
            if (m_sharedPool)
                chip.members = membersOf(*listener);
            // A member drawn in full under its pool's shape keeps the shape's chip for flows.
            if (!m_chipOfListener.contains(listener->id.value()))
                m_chipOfListener.insert(listener->id.value(), m_out.chips.size());
            m_localChip.insert(listener->id.value(), m_out.chips.size());
        }
        m_out.chips.append(chip);
        cy += chip.rect.height() + kChipGap;
    };
    for (const Listener *l : listeners)
        addChip(chipKey(*l), l, -1);
    if (address && !m_sharedPool) {
        for (int u : unexpectedOn(server, address)) {
            const UnexpectedListener &ul = unexpectedOf(server.id).at(u);
            addChip(QStringLiteral("unexpected:%1/%2/%3/%4")
                            .arg(server.id.value(), ul.address, keyOf(ul.transport))
                            .arg(ul.port),
                    nullptr, u);
        }
    }
    block.rect = QRectF(x, y, m_w.block, std::max(cy, y + header) - y + 2);
    if (address && !m_blockOfAddress.contains(address->id.value()))
        m_blockOfAddress.insert(address->id.value(), m_out.blocks.size());
    m_out.blocks.append(block);
    return block.rect.bottom();
}

// Unexpected sockets on all interfaces (or on addresses the server does not have) can be many
// (RPC, SMB, RDP...): compact chips in a grid across the bottom of the server box. A socket
// bound on both 0.0.0.0 and [::] is one chip.
qreal DiagramLayoutBuilder::layoutUnexpectedGrid(const EdgeServer &server, qreal y)
{
    const QList<int> found = unexpectedOn(server, nullptr);
    if (found.isEmpty())
        return y;
    const QList<UnexpectedListener> &all = unexpectedOf(server.id);
    // Twins: the same socket on the IPv4 and the IPv6 wildcard, one chip.
    QList<QList<int>> groups;
    for (const UnexpectedSocket &socket : groupUnexpected(all, found))
        groups.append(socket.indexes);
    const qreal x = kPoolPad + kServerPad;
    const qreal width = m_w.server - 2 * kServerPad;
    // As many columns as the longest chip text allows (glyph, socket, two spaces, process, and
    // room for a "new" badge).
    qreal compact = 120;
    for (const QList<int> &group : std::as_const(groups)) {
        const UnexpectedListener &ul = all.at(group.first());
        const QString text = unexpectedSocketText(ul, group.size() > 1) + QStringLiteral("  ")
                             + unexpectedProcessText(ul);
        compact = std::max(compact, DiagramLayout::textWidth(text, 10, true) + 18
                                            + 2 * DiagramLayout::kChipPadding + 34);
    }
    const int columns
            = std::max(1, int((width - 2 * kBlockInset + kChipGap) / (compact + kChipGap)));
    const qreal chipWidth = (width - 2 * kBlockInset - (columns - 1) * kChipGap) / columns;
    const qreal h = DiagramLayout::kCompactChipHeight;
    DiagramLayout::AddressBlock block;
    block.key = QStringLiteral("block:") + server.id.value() + QStringLiteral("/unexpected");
    block.server = server.id;
    block.side = InterfaceSide::Internal;
    block.unexpectedOnly = true;
    y += kBlockGap;
    block.headerRect = QRectF(x + kBlockInset, y + 2, width - 2 * kBlockInset, 16);
    const qreal top = y + 20;
    for (int i = 0; i < int(groups.size()); ++i) {
        const QList<int> &group = groups.at(i);
        const UnexpectedListener &ul = all.at(group.first());
        DiagramLayout::Chip chip;
        chip.key = QStringLiteral("unexpected:%1/%2/%3/%4")
                           .arg(server.id.value(), ul.address, keyOf(ul.transport))
                           .arg(ul.port);
        chip.unexpected = group.first();
        chip.twins = group.mid(1);
        chip.server = server.id;
        chip.blockKey = block.key;
        chip.side = InterfaceSide::Internal;
        chip.rect = QRectF(x + kBlockInset + (i % columns) * (chipWidth + kChipGap),
                           top + (i / columns) * (h + kChipGap), chipWidth, h);
        m_out.chips.append(chip);
    }
    const int rows = (int(groups.size()) + columns - 1) / columns;
    block.rect = QRectF(x, y, width, 20 + rows * (h + kChipGap) + 2);
    m_out.blocks.append(block);
    return block.rect.bottom();
}

// Internal chips follow the order of the external chips they relay to, so that the service
// bands run across the box instead of criss-crossing; internal-only services come last.
QList<const Listener *> DiagramLayoutBuilder::orderInternal(const EdgeServer &server,
                                                            QList<const Listener *> listeners) const
{
    QHash<QString, qsizetype> externalRank; // endpoint key -> chip index
    QHash<QString, qsizetype> serviceRank;
    for (const Listener &l : server.listeners) {
        const auto it = m_localChip.constFind(l.id.value());
        if (it == m_localChip.cend())
            continue;
        for (const Endpoint &e : l.endpoints)
            externalRank.insert(e.key, *it);
        if (!serviceRank.contains(l.service.value()))
            serviceRank.insert(l.service.value(), *it);
    }
    const auto rank = [&](const Listener *l) {
        qsizetype best = 1'000'000;
        for (const auto &[external, internal] : m_catalog.relays())
            if (l->hasEndpoint(internal) && externalRank.contains(external))
                best = std::min(best, externalRank.value(external));
        if (best == 1'000'000)
            best = serviceRank.value(l->service.value(), best);
        return best;
    };
    std::stable_sort(listeners.begin(), listeners.end(),
                     [&](const Listener *a, const Listener *b) { return rank(a) < rank(b); });
    return listeners;
}

qsizetype DiagramLayoutBuilder::chipOf(const ListenerId &listener) const
{
    return m_localChip.value(listener.value(), -1);
}

const QList<UnexpectedListener> &DiagramLayoutBuilder::unexpectedOf(const ServerId &server) const
{
    static const QList<UnexpectedListener> none;
    const auto it = m_unexpected.constFind(server);
    return it == m_unexpected.cend() ? none : *it;
}

// Indexes of the server's unexpected listeners bound to `address` (nullptr: to any address that
// is not one of the server's, including 0.0.0.0 and [::]).
QList<int> DiagramLayoutBuilder::unexpectedOn(const EdgeServer &server,
                                              const Address *address) const
{
    QList<int> result;
    const QList<UnexpectedListener> &unexpected = unexpectedOf(server.id);
    for (int i = 0; i < int(unexpected.size()); ++i) {
        const std::optional<IpAddress> bound = IpAddress::parse(unexpected.at(i).address);
        const Address *owner = nullptr;
        for (const NetInterface &nic : server.interfaces)
            for (const Address &a : nic.addresses)
                if (bound && IpAddress::parse(a.ip) == bound)
                    owner = &a;
        if (owner == address)
            result.append(i);
    }
    return result;
}

// One band per service with listeners on the server, in the middle column, as close to the
// middle of its chips as the bands above it allow.
qreal DiagramLayoutBuilder::layoutServices(const EdgeServer &server, qreal top)
{
    struct Pending
    {
        DiagramLayout::ServiceBand band;
        qreal want = 0;
    };
    QList<Pending> pending;
    for (const Service &service : m_topology.services) {
        Pending p;
        qreal sum = 0;
        for (const Listener &l : server.listeners) {
            if (l.service != service.id)
                continue;
            const qsizetype chip = chipOf(l.id);
            if (chip < 0)
                continue;
            p.band.listeners.append(l.id);
            sum += m_out.chips.at(chip).rect.center().y();
        }
        if (p.band.listeners.isEmpty())
            continue;
        p.band.key = m_sharedPool ? QStringLiteral("service:%1/shared/%2")
                                            .arg(m_sharedPool->id.value(), service.id.value())
                                  : QStringLiteral("service:%1/%2")
                                            .arg(server.id.value(), service.id.value());
        p.band.server = server.id;
        p.band.service = service.id;
        p.want = sum / qreal(p.band.listeners.size()) - kBandHeight / 2;
        pending.append(p);
    }
    std::stable_sort(pending.begin(), pending.end(),
                     [](const Pending &a, const Pending &b) { return a.want < b.want; });
    const qreal x = kPoolPad + kServerPad + m_w.block
                    + (m_w.server - 2 * kServerPad - 2 * m_w.block - m_w.band) / 2;
    qreal next = top;
    for (Pending &p : pending) {
        const qreal y = std::max(p.want, next);
        p.band.rect = QRectF(x, y, m_w.band, kBandHeight);
        next = y + kBandHeight + kBandGap;
        for (const ListenerId &id : p.band.listeners) {
            const QRectF chip = m_out.chips.at(chipOf(id)).rect;
            const bool external = chip.center().x() < p.band.rect.center().x();
            const QPointF from = external ? QPointF(chip.right(), chip.center().y())
                                          : QPointF(chip.left(), chip.center().y());
            const QPointF to = external ? QPointF(p.band.rect.left(), p.band.rect.center().y())
                                        : QPointF(p.band.rect.right(), p.band.rect.center().y());
            p.band.links.append(QPolygonF({from, to}));
        }
        m_out.services.append(p.band);
    }
    return next - kBandGap;
}

// Everything the layout has placed so far moves by `d`.
void translateLayout(DiagramLayout &l, const QPointF &d)
{
    for (auto &z : l.zones) {
        z.rect.translate(d);
        z.titleRect.translate(d);
    }
    for (auto &w : l.walls) {
        w.rect.translate(d);
        w.titleRect.translate(d);
    }
    for (auto &p : l.pools) {
        p.rect.translate(d);
        p.titleRect.translate(d);
        p.subtitleRect.translate(d);
    }
    for (auto &s : l.servers) {
        s.rect.translate(d);
        s.titleRect.translate(d);
    }
    for (auto &b : l.blocks) {
        b.rect.translate(d);
        b.headerRect.translate(d);
    }
    for (auto &c : l.chips)
        c.rect.translate(d);
    for (auto &s : l.services) {
        s.rect.translate(d);
        for (QPolygonF &link : s.links)
            link.translate(d);
    }
    for (auto &p : l.peers)
        p.rect.translate(d);
    for (auto &r : l.routes) {
        r.points.translate(d);
        r.labelRect.translate(d);
    }
    for (auto &t : l.memberTables) {
        t.rect.translate(d);
        t.titleRect.translate(d);
        t.headerRect.translate(d);
    }
    for (auto &m : l.memberRows)
        m.rect.translate(d);
    l.bounds.translate(d);
}

} // namespace edgemap
