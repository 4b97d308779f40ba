// The diagram layout: a pool of several members drawn once (the shared shape, the member table
// and the expanded members), and the widths measured from the topology's texts.
#include "diagram/diagramlayout.h"

#include "diagram/detail/diagramlayout_p.h"

#include <algorithm>

namespace edgemap {

using namespace metrics;

namespace {

constexpr qreal kGlyphColumn = 18;
constexpr qreal kStatusColumn = 150;
constexpr qreal kCellGap = 12;

// What makes two members' listeners "the same" in a pool's shape: the service, the socket and
// the role of the address it is bound to (each member has its own address for the role).
QString shapeSignature(const EdgeServer &server, const Listener &listener)
{
    QString where = QStringLiteral("all");
    for (const NetInterface &nic : server.interfaces)
        for (const Address &a : nic.addresses)
            if (a.id == listener.address) {
                QStringList roles;
                for (AddressRole r : a.roles)
                    roles.append(keyOf(r));
                where = keyOf(nic.side) + QLatin1Char(':') + roles.join(QLatin1Char('+'));
            }
    return QStringLiteral("%1|%2|%3|%4|%5")
            .arg(listener.service.value(), keyOf(listener.transport))
            .arg(listener.port)
            .arg(listener.portEnd)
            .arg(where);
}

QList<const Address *> addressesOn(const EdgeServer &server, InterfaceSide side)
{
    QList<const Address *> result;
    for (const NetInterface &nic : server.interfaces)
        if (nic.side == side)
            for (const Address &a : nic.addresses)
                result.append(&a);
    return result;
}

QString addressCell(const Address *address)
{
    if (!address)
        return {};
    const QString ip = DiagramLayout::addressText(*address);
    return address->natPublicIp.isEmpty() ? ip
                                          : ip + QStringLiteral(" → NAT ") + address->natPublicIp;
}

} // namespace

QStringList memberTitles(const EdgePool &pool)
{
    QStringList titles{QObject::tr("Server"), QObject::tr("Internal")};
    if (pool.servers.isEmpty())
        return titles;
    for (const Address *a : addressesOn(pool.servers.first(), InterfaceSide::External))
        titles.append(DiagramLayout::addressTitle(*a));
    return titles;
}

QStringList memberCells(const EdgePool &pool, const EdgeServer &server)
{
    QStringList internal;
    for (const Address *a : addressesOn(server, InterfaceSide::Internal))
        internal.append(addressCell(a));
    QStringList cells{server.fqdn, internal.join(QStringLiteral(", "))};
    const qsizetype slots = memberTitles(pool).size() - 2;
    const QList<const Address *> external = addressesOn(server, InterfaceSide::External);
    for (qsizetype i = 0; i < slots; ++i)
        cells.append(addressCell(external.value(i)));
    return cells;
}

// Column widths of a pool's member table: the glyph, each title's column (as wide as its widest
// cell), then the status summary.
QList<qreal> memberColumnWidths(const EdgePool &pool)
{
    const QStringList titles = memberTitles(pool);
    QList<qreal> widths{kGlyphColumn};
    for (qsizetype c = 0; c < titles.size(); ++c) {
        qreal w = DiagramLayout::textWidth(titles.at(c), 10, true);
        for (const EdgeServer &server : pool.servers)
            w = std::max(w,
                         DiagramLayout::textWidth(memberCells(pool, server).value(c), 10, c == 0));
        widths.append(w + kCellGap);
    }
    widths.append(kStatusColumn);
    return widths;
}

// The chip protocol line, as the look writes it (chipProtocols() in diagramlook.cpp).
QString chipProtocols(const Listener &listener)
{
    QStringList names;
    for (const QString &protocol : listener.protocols()) {
        const QString name = protocol.section(QStringLiteral(" ("), 0, 0).trimmed();
        if (!names.contains(name))
            names.append(name);
    }
    QString text = names.join(QStringLiteral(", "));
    if (listener.dynamic)
        text += QObject::tr(" · dynamic");
    return text;
}

Widths measureWidths(const Topology &topology)
{
    Widths w;
    using L = DiagramLayout;
    constexpr qreal kChipText = 18 + 2 * L::kChipPadding + 2; // glyph column, padding
    qreal chip = L::kChipWidth;
    for (const EdgePool &pool : topology.pools) {
        for (const EdgeServer &server : pool.servers) {
            for (const Listener &l : server.listeners) {
                chip = std::max(chip, L::textWidth(chipProtocols(l), 10) + kChipText);
                chip = std::max(chip,
                                L::textWidth(socketLabel(l.transport, l.port, l.portEnd), 11, true)
                                        + kChipText);
            }
            for (const NetInterface &nic : server.interfaces)
                for (const Address &a : nic.addresses) {
                    for (const QString &text :
                         QStringList{L::addressText(a), QObject::tr("NAT %1").arg(a.natPublicIp),
                                     a.fqdn})
                        chip = std::max(chip, L::textWidth(text, 11) + 2);
                    chip = std::max(chip, L::textWidth(L::addressTitle(a), 11, true) + 2);
                }
        }
    }
    w.chip = chip;
    w.block = chip + 2 * kBlockInset;
    for (const Service &service : topology.services)
        w.band = std::max({w.band, L::textWidth(service.id.value(), 11, true) + 14,
                           L::textWidth(service.executable, 10) + 14});
    w.middle = w.band + 2 * kMiddleMargin;
    w.server = 2 * kServerPad + 2 * w.block + w.middle;
    for (const EdgePool &pool : topology.pools) {
        w.server = std::max(w.server, L::textWidth(QObject::tr("Edge pool ") + pool.fqdn, 12, true)
                                              + 2 * kServerPad);
        for (const EdgeServer &server : pool.servers)
            w.server = std::max(w.server, L::textWidth(server.fqdn, 13, true)
                                                  + L::textWidth(QObject::tr("Edge server"), 11)
                                                  + 2 * kServerPad + 12);
    }
    for (const Peer &peer : topology.peers) {
        const int c = zoneOf(peer.kind) == Zone::Internet ? 0 : 1;
        const QString detail = peer.fqdn.isEmpty() ? displayName(peer.kind) : peer.fqdn;
        w.peer[c] = std::max(
                {w.peer[c], L::textWidth(peer.name, 11, true) + 22, L::textWidth(detail, 10) + 22});
    }
    return w;
}

QList<ListenerId> DiagramLayoutBuilder::membersOf(const Listener &listener) const
{
    QList<ListenerId> members;
    if (!m_sharedPool || m_sharedPool->servers.isEmpty())
        return members;
    const QString signature = shapeSignature(m_sharedPool->servers.first(), listener);
    for (const QHash<QString, ListenerId> &shape : m_memberShapes)
        members.append(shape.value(signature));
    return members;
}

// The members' common shape, drawn from the first member, with shared chips; the member table
// under it; then each expanded member in full.
qreal DiagramLayoutBuilder::layoutSharedPool(const EdgePool &pool, qreal y)
{
    DiagramLayout::PoolBox box;
    box.pool = pool.id;
    box.shared = true;
    box.titleRect = QRectF(kPoolPad, y + 4, m_w.server, 16);
    box.subtitleRect = QRectF(kPoolPad, y + 20, m_w.server, 14);
    m_memberShapes.clear();
    for (const EdgeServer &server : pool.servers) {
        QHash<QString, ListenerId> shape;
        for (const Listener &l : server.listeners)
            shape.insert(shapeSignature(server, l), l.id);
        m_memberShapes.append(shape);
    }
    m_sharedPool = &pool;
    qreal sy = layoutServerBody(pool.servers.first(), y + kPoolTitle);
    m_sharedPool = nullptr;
    m_memberShapes.clear();
    m_tablePools.append(&pool); // the member table goes under the zones (layoutMemberTables)
    for (const EdgeServer &server : pool.servers)
        if (m_expanded.contains(server.id))
            sy = layoutServer(server, sy + kTableGap);
    const qreal bottom = sy + kPoolPad;
    box.rect = QRectF(0, y, m_w.pool(), bottom - y);
    m_out.pools.append(box);
    return bottom;
}

// The member tables of the panel's shared pools, one under the other below the zones, as wide
// as their columns: each member's addresses read across one line, like the IP table under a
// hand-drawn Visio. Returns the bottom.
qreal DiagramLayoutBuilder::layoutMemberTables(qreal y)
{
    for (const EdgePool *pool : std::as_const(m_tablePools))
        y = layoutMemberTable(*pool, y + kTableGap);
    return y;
}

qreal DiagramLayoutBuilder::layoutMemberTable(const EdgePool &pool, qreal y)
{
    DiagramLayout::MemberTable table;
    table.key = QStringLiteral("members:") + pool.id.value();
    table.pool = pool.id;
    table.titles = memberTitles(pool);
    const QList<qreal> widths = memberColumnWidths(pool);
    qreal x = widths.first();
    for (qsizetype c = 1; c < widths.size(); ++c) {
        table.columnX.append(x);
        x += widths.at(c);
    }
    const qreal left = 0;
    const qreal width = x + 2 * kBlockInset;
    const qreal row = DiagramLayout::kMemberRow;
    table.titleRect = QRectF(left + kBlockInset, y + 4, width - 2 * kBlockInset, 16);
    table.headerRect = QRectF(left + kBlockInset, y + 22, width - 2 * kBlockInset, row);
    qreal ry = table.headerRect.bottom() + 2;
    for (const EdgeServer &server : pool.servers) {
        DiagramLayout::MemberRow member;
        member.key = QStringLiteral("member:") + server.id.value();
        member.pool = pool.id;
        member.server = server.id;
        member.rect = QRectF(left + kBlockInset, ry, width - 2 * kBlockInset, row);
        member.cells = memberCells(pool, server);
        member.columnX = table.columnX;
        member.expanded = m_expanded.contains(server.id);
        m_out.memberRows.append(member);
        ry += row;
    }
    table.rect = QRectF(left, y, width, ry - y + 4);
    m_out.memberTables.append(table);
    return table.rect.bottom();
}

} // namespace edgemap
