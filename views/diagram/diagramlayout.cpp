// The diagram layout: pools, servers, address blocks, chips and service bands. Peers, flows,
// lanes, walls and zones are in diagramlayout_routes.cpp.
#include "diagram/diagramlayout.h"

#include "core/catalog.h"
#include "core/ipaddress.h"
#include "diagram/detail/diagramlayout_p.h"

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

DiagramLayout::DiagramLayout(const Topology &topology, const Catalog &catalog,
                             const UnexpectedByServer &unexpected)
{
    DiagramLayoutBuilder(*this, topology, catalog, unexpected).run();
}

QList<QRectF> DiagramLayout::textRects() const
{
    QList<QRectF> rects;
    for (const ZoneBand &z : zones)
        rects.append(z.titleRect);
    for (const Wall &w : walls)
        rects.append(w.titleRect);
    for (const PoolBox &p : pools)
        rects.append(p.titleRect);
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
                                           const DiagramLayout::UnexpectedByServer &unexpected)
    : m_out(out)
    , m_topology(topology)
    , m_catalog(catalog)
    , m_unexpected(unexpected)
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
    DiagramLayout::PoolBox box;
    box.pool = pool.id;
    box.titleRect = QRectF(kPoolPad, y + 4, kServerWidth, kPoolTitle - 8);
    qreal sy = y + kPoolTitle;
    for (const EdgeServer &server : pool.servers)
        sy = layoutServer(server, sy) + kServerGap;
    const qreal bottom = pool.servers.isEmpty() ? sy + kPoolPad : sy - kServerGap + kPoolPad;
    box.rect = QRectF(0, y, kPoolWidth, bottom - y);
    m_out.pools.append(box);
    return bottom;
}

qreal DiagramLayoutBuilder::layoutServer(const EdgeServer &server, qreal y)
{
    DiagramLayout::ServerBox box;
    box.server = server.id;
    const qreal left = kPoolPad;
    box.titleRect
            = QRectF(left + kServerPad, y + 4, kServerWidth - 2 * kServerPad, kServerTitle - 8);
    const qreal top = y + kServerTitle;
    // External first so that the internal side can be ordered after it (relay partners level).
    const qreal extBottom = layoutSide(server, InterfaceSide::External, left + kServerPad, top);
    const qreal intBottom = layoutSide(server, InterfaceSide::Internal,
                                       left + kServerWidth - kServerPad - kBlockWidth, top);
    const qreal bandBottom = layoutServices(server, top);
    qreal bottom = std::max({extBottom, intBottom, bandBottom, top + DiagramLayout::kBlockHeader});
    bottom = layoutUnexpectedGrid(server, bottom) + kServerPad;
    box.rect = QRectF(left, y, kServerWidth, bottom - y);
    m_out.servers.append(box);
    return bottom;
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

qreal DiagramLayoutBuilder::layoutBlock(const EdgeServer &server, const Address *address,
                                        InterfaceSide side, QList<const Listener *> listeners,
                                        qreal x, qreal y)
{
    DiagramLayout::AddressBlock block;
    block.key = QStringLiteral("block:")
                + (address ? address->id.value() : server.id.value() + QStringLiteral("/all"));
    block.server = server.id;
    block.address = address ? address->id : AddressId();
    block.side = side;
    block.headerRect = QRectF(x + kBlockInset, y + 2, DiagramLayout::kChipWidth,
                              DiagramLayout::kBlockHeader - 4);
    if (side == InterfaceSide::Internal)
        listeners = orderInternal(server, listeners);
    qreal cy = y + DiagramLayout::kBlockHeader;
    const auto addChip = [&](const QString &key, const ListenerId &id, int unexpected) {
        DiagramLayout::Chip chip;
        chip.key = key;
        chip.listener = id;
        chip.unexpected = unexpected;
        chip.server = server.id;
        chip.blockKey = block.key;
        chip.side = side;
        chip.rect = QRectF(x + kBlockInset, cy, DiagramLayout::kChipWidth,
                           DiagramLayout::kChipHeight);
        if (!id.isEmpty())
            m_chipOfListener.insert(id.value(), m_out.chips.size());
        m_out.chips.append(chip);
        cy += DiagramLayout::kChipHeight + kChipGap;
    };
    for (const Listener *l : listeners)
        addChip(QStringLiteral("chip:") + l->id.value(), l->id, -1);
    for (int u : address ? unexpectedOn(server, address) : QList<int>()) {
        const UnexpectedListener &ul = unexpectedOf(server.id).at(u);
        addChip(QStringLiteral("unexpected:%1/%2/%3/%4")
                        .arg(server.id.value(), ul.address, keyOf(ul.transport))
                        .arg(ul.port),
                {}, u);
    }
    block.rect = QRectF(x, y, kBlockWidth, std::max(cy, y + DiagramLayout::kBlockHeader) - y + 2);
    if (address)
        m_blockOfAddress.insert(address->id.value(), m_out.blocks.size());
    m_out.blocks.append(block);
    return block.rect.bottom();
}

// Unexpected sockets on all interfaces (or on addresses the server does not have) can be many
// (RPC, SMB, RDP...): compact chips in a grid across the bottom of the server box.
qreal DiagramLayoutBuilder::layoutUnexpectedGrid(const EdgeServer &server, qreal y)
{
    const QList<int> found = unexpectedOn(server, nullptr);
    if (found.isEmpty())
        return y;
    constexpr int columns = 3;
    const qreal x = kPoolPad + kServerPad;
    const qreal width = kServerWidth - 2 * kServerPad;
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
    for (int i = 0; i < int(found.size()); ++i) {
        const UnexpectedListener &ul = unexpectedOf(server.id).at(found.at(i));
        DiagramLayout::Chip chip;
        chip.key = QStringLiteral("unexpected:%1/%2/%3/%4")
                           .arg(server.id.value(), ul.address, keyOf(ul.transport))
                           .arg(ul.port);
        chip.unexpected = found.at(i);
        chip.server = server.id;
        chip.blockKey = block.key;
        chip.side = InterfaceSide::Internal;
        chip.rect = QRectF(x + kBlockInset + (i % columns) * (chipWidth + kChipGap),
                           top + (i / columns) * (h + kChipGap), chipWidth, h);
        m_out.chips.append(chip);
    }
    const int rows = (int(found.size()) + columns - 1) / columns;
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
        const auto it = m_chipOfListener.constFind(l.id.value());
        if (it == m_chipOfListener.cend())
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
            if (l.service != service.id || !m_chipOfListener.contains(l.id.value()))
                continue;
            p.band.listeners.append(l.id);
            sum += m_out.chips.at(m_chipOfListener.value(l.id.value())).rect.center().y();
        }
        if (p.band.listeners.isEmpty())
            continue;
        p.band.key = QStringLiteral("service:%1/%2").arg(server.id.value(), service.id.value());
        p.band.server = server.id;
        p.band.service = service.id;
        p.want = sum / qreal(p.band.listeners.size()) - kBandHeight / 2;
        pending.append(p);
    }
    std::stable_sort(pending.begin(), pending.end(),
                     [](const Pending &a, const Pending &b) { return a.want < b.want; });
    const qreal x = kPoolPad + kServerPad + kBlockWidth + (kMiddle - kBandWidth) / 2;
    qreal next = top;
    for (Pending &p : pending) {
        const qreal y = std::max(p.want, next);
        p.band.rect = QRectF(x, y, kBandWidth, kBandHeight);
        next = y + kBandHeight + kBandGap;
        for (const ListenerId &id : p.band.listeners) {
            const QRectF chip = m_out.chips.at(m_chipOfListener.value(id.value())).rect;
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

void DiagramLayoutBuilder::shiftPools(qreal dx)
{
    const QPointF d(dx, 0);
    for (auto &p : m_out.pools) {
        p.rect.translate(d);
        p.titleRect.translate(d);
    }
    for (auto &s : m_out.servers) {
        s.rect.translate(d);
        s.titleRect.translate(d);
    }
    for (auto &b : m_out.blocks) {
        b.rect.translate(d);
        b.headerRect.translate(d);
    }
    for (auto &c : m_out.chips)
        c.rect.translate(d);
    for (auto &s : m_out.services) {
        s.rect.translate(d);
        for (QPolygonF &link : s.links)
            link.translate(d);
    }
}

} // namespace edgemap
