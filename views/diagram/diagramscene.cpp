// DiagramScene: building items from the layout, reusing them by key, giving them their look
// (lookFor()) and re-colouring them from the check, showing the highlight, and tooltips (their
// text is diagramtooltips.cpp).
#include "diagram/diagramscene.h"

#include "core/catalog.h"
#include "diagram/diagramtooltips.h"
#include "document/document.h"

#include <QGraphicsSceneHelpEvent>
#include <QGraphicsSceneMouseEvent>
#include <QToolTip>

#include <utility>

namespace edgemap {

DiagramScene::DiagramScene(Document &document, QObject *parent)
    : QGraphicsScene(parent)
    , m_document(document)
    , m_style(DiagramStyle::forPalette(StatusPalette::Light))
{
    setItemIndexMethod(QGraphicsScene::BspTreeIndex);
    setBackgroundBrush(m_style.background);
    // Every change lays out again and takes the document's state, its path analysis with it
    // (the document keeps the analysis through the edits it does not read).
    connect(&m_document, &Document::topologyReplaced, this, &DiagramScene::rebuild);
    connect(&m_document, &Document::structureChanged, this, &DiagramScene::rebuild);
    connect(&m_document, &Document::fieldChanged, this, &DiagramScene::rebuild);
    connect(&m_document, &Document::checksChanged, this, &DiagramScene::onCheckChanged);
    connect(&m_document, &Document::checksChanged, this, &DiagramScene::markChanges);
    connect(&m_document, &Document::probesChanged, this, &DiagramScene::onProbesChanged);
    rebuild();
}

DiagramScene::~DiagramScene()
{
    removeBadges();
}

void DiagramScene::setStatusPalette(StatusPalette palette)
{
    // The items hold a reference to m_style: replacing its value restyles them all.
    m_style = DiagramStyle::forPalette(palette);
    setBackgroundBrush(m_style.background);
    update();
}

QStringList DiagramScene::unexpectedSignature() const
{
    QStringList keys;
    for (const std::shared_ptr<const CheckResult> &check :
         m_document.checks().inOrder(m_document.topology()))
        for (const UnexpectedListener &u : check->judgement.unexpected)
            keys.append(QStringLiteral("%1/%2/%3/%4")
                                .arg(check->server.value(), u.address, keyOf(u.transport))
                                .arg(u.port));
    return keys;
}

void DiagramScene::rebuild()
{
    applyLayout();
    recolour();
}

// Every item takes its part of the look: texts, statuses, change marks and live flows.
void DiagramScene::applyLook()
{
    m_input = diagramInputOf(m_document.state());
    const QList<CombinedKind> probeKinds = m_look.probeKinds;
    m_look = lookFor(m_input, m_layout, m_style.palette);
    if (m_look.probeKinds != probeKinds)
        Q_EMIT probeKindsChanged();
    for (auto it = m_items.cbegin(); it != m_items.cend(); ++it) {
        switch (it.value()->type()) {
        case ChipItem::Type:
            static_cast<ChipItem *>(it.value())->setLook(m_look.chips.value(it.key()));
            break;
        case RouteItem::Type:
            static_cast<RouteItem *>(it.value())->setLive(m_look.liveRoutes.contains(it.key()));
            break;
        case ServiceItem::Type:
            static_cast<ServiceItem *>(it.value())->setText(m_look.services.value(it.key()));
            break;
        case PeerItem::Type:
            static_cast<PeerItem *>(it.value())->setText(m_look.peers.value(it.key()));
            break;
        case MemberRowItem::Type:
            static_cast<MemberRowItem *>(it.value())->setLook(m_look.members.value(it.key()));
            break;
        case MemberHeaderItem::Type:
            static_cast<MemberHeaderItem *>(it.value())->setTitle(m_look.boxes.value(it.key()));
            break;
        default:
            static_cast<BoxItem *>(it.value())->setTitle(m_look.boxes.value(it.key()));
            break;
        }
    }
}

void DiagramScene::onCheckChanged()
{
    // Unexpected sockets have chips of their own, so a different set needs a new layout; the
    // items of everything else are kept and moved, never recreated.
    if (unexpectedSignature() != m_unexpectedKeys)
        applyLayout();
    recolour();
}

void DiagramScene::onProbesChanged()
{
    // The first run gives listener chips their probe line, clearing it takes the line away.
    if (m_document.probes().isEmpty() == m_probeLine)
        applyLayout();
    recolour();
}

template<class T, class... Args>
T *DiagramScene::reuse(QHash<QString, DiagramItem *> &old, const QString &key, Args &&...args)
{
    T *item = nullptr;
    if (DiagramItem *existing = old.take(key)) {
        item = diagramItemCast<T>(existing);
        if (!item)
            delete existing;
    }
    if (!item) {
        item = new T(std::forward<Args>(args)..., m_style);
        addItem(item);
    }
    item->setKey(key);
    m_items.insert(key, item);
    return item;
}

void DiagramScene::applyLayout()
{
    clearHighlight();
    m_unexpectedKeys = unexpectedSignature();
    const DiagramInput input = diagramInputOf(m_document.state());
    // Members that left the topology are no longer expanded.
    DiagramLayout::Expanded expanded;
    for (const ServerId &id : std::as_const(m_expanded))
        if (input.topology.server(id))
            expanded.insert(id);
    m_expanded = expanded;
    m_layout = DiagramLayout(input.topology, Catalog::builtIn(), input.checks.unexpectedByServer(),
                             m_expanded, input.checks.probeRun);
    m_probeLine = input.checks.probeRun;
    m_highlighter.setLayout(input.topology, m_layout);
    QHash<QString, DiagramItem *> old = std::exchange(m_items, {});
    m_chips.clear();
    m_peers.clear();
    m_boxes.clear();
    m_memberRows.clear();
    m_refOf.clear();
    applyFrame(old);
    applyServers(old);
    applyMembers(old);
    applyChips(old);
    applyPeersAndRoutes(old);
    qDeleteAll(old);
    setSceneRect(m_layout.bounds);
}

// Geometry and references here; texts and statuses come with the look (applyLook).
void DiagramScene::applyFrame(QHash<QString, DiagramItem *> &old)
{
    for (const DiagramLayout::ZoneBand &z : m_layout.zones) {
        auto *item = reuse<BoxItem>(old, z.key, BoxItem::ZoneKind);
        item->setGeometry(z.rect, z.titleRect);
        item->setZoneIndex(static_cast<int>(z.zone));
    }
    for (const DiagramLayout::Wall &w : m_layout.walls) {
        auto *item = reuse<BoxItem>(old, w.key, BoxItem::WallKind);
        item->setGeometry(w.rect, w.titleRect);
    }
}

void DiagramScene::applyServers(QHash<QString, DiagramItem *> &old)
{
    for (const DiagramLayout::PoolBox &p : m_layout.pools) {
        auto *item = reuse<BoxItem>(old, poolKey(p.pool), BoxItem::PoolKind);
        item->setGeometry(p.rect, p.titleRect.united(p.subtitleRect));
        item->setRef(ElementRef::pool(p.pool));
        m_boxes.insert(item->ref(), item);
        m_refOf.insert(item->key(), ElementRef::pool(p.pool));
    }
    for (const DiagramLayout::ServerBox &s : m_layout.servers) {
        auto *item = reuse<BoxItem>(old, serverKey(s.server), BoxItem::ServerKind);
        item->setGeometry(s.rect, s.titleRect);
        item->setRef(ElementRef::server(s.server));
        m_boxes.insert(item->ref(), item);
        m_refOf.insert(item->key(), ElementRef::server(s.server));
    }
    for (const DiagramLayout::AddressBlock &b : m_layout.blocks) {
        auto *item = reuse<BoxItem>(old, b.key, BoxItem::AddressKind);
        item->setGeometry(b.rect, b.headerRect);
        item->setRef(b.address.isEmpty() ? ElementRef::allInterfaces(b.server)
                                         : ElementRef::address(b.address));
        m_boxes.insert(item->ref(), item);
        m_refOf.insert(item->key(), b.address.isEmpty() ? ElementRef::allInterfaces(b.server)
                                                        : ElementRef::address(b.address));
    }
}

// A pool member's listener shows on the pool's shared chip, or on its own when the member is
// expanded.
void DiagramScene::applyChips(QHash<QString, DiagramItem *> &old)
{
    for (const DiagramLayout::Chip &c : m_layout.chips) {
        auto *item = reuse<ChipItem>(old, c.key);
        item->setGeometry(c.rect);
        if (c.unexpected >= 0) {
            item->setRef({});
            continue;
        }
        item->setRef(ElementRef::listener(c.listener));
        m_refOf.insert(c.key, ElementRef::listener(c.listener));
        if (c.members.isEmpty()) {
            m_chips.insert(c.listener, item);
            continue;
        }
        for (const ListenerId &member : c.members)
            if (!member.isEmpty() && !m_chips.contains(member))
                m_chips.insert(member, item);
    }
    for (const DiagramLayout::ServiceBand &b : m_layout.services) {
        auto *item = reuse<ServiceItem>(old, b.key);
        item->setGeometry(b.rect, b.links);
        item->setRef(ElementRef::service(b.service));
        m_refOf.insert(b.key, ElementRef::service(b.service));
    }
}

void DiagramScene::applyPeersAndRoutes(QHash<QString, DiagramItem *> &old)
{
    for (const DiagramLayout::PeerBox &p : m_layout.peers) {
        auto *item = reuse<PeerItem>(old, p.key);
        item->setGeometry(p.rect, p.zone == Zone::Internet);
        item->setRef(ElementRef::peer(p.peer));
        if (!m_peers.contains(p.peer)) // a peer in several site panels: the first
            m_peers.insert(p.peer, item);
        m_refOf.insert(item->key(), ElementRef::peer(p.peer));
    }
    for (const DiagramLayout::Route &r : m_layout.routes) {
        auto *item = reuse<RouteItem>(old, r.key);
        item->setGeometry(r.points, r.label, r.labelRect);
        item->setOutbound(r.outbound);
        m_refOf.insert(r.key, ElementRef::flow(r.flow));
    }
}

void DiagramScene::applyMembers(QHash<QString, DiagramItem *> &old)
{
    for (const DiagramLayout::MemberTable &t : m_layout.memberTables)
        reuse<MemberHeaderItem>(old, t.key)->setGeometry(t);
    for (const DiagramLayout::MemberRow &r : m_layout.memberRows) {
        auto *item = reuse<MemberRowItem>(old, r.key);
        item->setGeometry(r);
        item->setRef(ElementRef::server(r.server));
        m_memberRows.insert(r.server, item);
        m_refOf.insert(r.key, ElementRef::server(r.server));
    }
}

void DiagramScene::setExpanded(const ServerId &server, bool expanded)
{
    if (expanded == m_expanded.contains(server))
        return;
    if (expanded)
        m_expanded.insert(server);
    else
        m_expanded.remove(server);
    applyLayout();
    recolour();
}

void DiagramScene::mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event)
{
    for (QGraphicsItem *item : items(event->scenePos())) {
        if (const auto *row = diagramItemCast<MemberRowItem>(item)) {
            const ElementRef ref = row->ref();
            if (const ServerId *server = ref.as<ServerId>()) {
                const ServerId id = *server; // the item is replaced by the new layout
                setExpanded(id, !isExpanded(id));
                event->accept();
                return;
            }
        }
    }
    QGraphicsScene::mouseDoubleClickEvent(event);
}

// Chips take the verdict's status, established count and change mark; inbound flows turn live
// when the snapshot saw connections from their peer. No item is created or destroyed here.
void DiagramScene::recolour()
{
    applyLook();
}

QList<ChipItem *> DiagramScene::unexpectedChips() const
{
    QList<ChipItem *> result;
    for (const DiagramLayout::Chip &c : m_layout.chips)
        if (c.unexpected >= 0)
            result.append(static_cast<ChipItem *>(m_items.value(c.key)));
    return result;
}

QList<RouteItem *> DiagramScene::routes() const
{
    QList<RouteItem *> result;
    for (const DiagramLayout::Route &r : m_layout.routes)
        result.append(static_cast<RouteItem *>(m_items.value(r.key)));
    return result;
}

DiagramItem *DiagramScene::itemFor(const ElementRef &ref) const
{
    if (const ListenerId *listener = ref.as<ListenerId>())
        return m_chips.value(*listener);
    if (const PeerId *peer = ref.as<PeerId>())
        return m_peers.value(*peer);
    if (const InterfaceRef *nic = ref.as<InterfaceRef>())
        return itemFor(ElementRef::server(nic->server));
    if (BoxItem *box = m_boxes.value(ref))
        return box;
    if (const ServerId *server = ref.as<ServerId>())
        return m_memberRows.value(*server);
    return nullptr;
}

void DiagramScene::highlightPeer(const PeerId &peer)
{
    clearHighlight();
    m_highlighter.highlightPeer(analysis(), peer);
    showHighlight();
}

void DiagramScene::highlightListener(const ListenerId &listener)
{
    clearHighlight();
    const ChipItem *chip = m_chips.value(listener);
    m_highlighter.highlightListener(analysis(), listener, chip && isDown(chip->status()));
    showHighlight();
}

void DiagramScene::highlightScenario(const ScenarioId &scenario)
{
    clearHighlight();
    m_highlighter.highlightScenario(analysis(), scenario, m_input.checks.verdicts);
    showHighlight();
}

void DiagramScene::clearHighlight()
{
    const bool had = hasHighlight() || !m_badges.isEmpty();
    m_highlighter.clear();
    showHighlight();
    if (had)
        Q_EMIT highlightChanged();
}

QSet<DiagramItem *> DiagramScene::highlightedItems() const
{
    QSet<DiagramItem *> items;
    for (const QString &key : m_highlighter.highlighted())
        if (DiagramItem *item = m_items.value(key))
            items.insert(item);
    return items;
}

// Hop badges are overlay items pinned to the item that carries the hop.
void DiagramScene::showHighlight()
{
    removeBadges();
    for (const HopBadge &b : m_highlighter.badges()) {
        DiagramItem *item = m_items.value(b.target);
        if (!item)
            continue;
        auto *badge = new HopBadgeItem(m_style, b.number, b.broken);
        badge->setPos(item->sceneBoundingRect().topLeft() + QPointF(4 + 22 * qreal(b.slot), 4));
        addItem(badge);
        m_badges.append(badge);
        m_badgeTargets.append({b.number, item});
    }
    applyEmphasis();
}

void DiagramScene::applyEmphasis()
{
    const QSet<QString> &lit = m_highlighter.highlighted();
    const bool any = !lit.isEmpty();
    for (DiagramItem *item : std::as_const(m_items)) {
        const int type = item->type();
        const bool dimmable = type == ChipItem::Type || type == PeerItem::Type
                              || type == RouteItem::Type || type == ServiceItem::Type;
        if (!dimmable)
            continue;
        item->setEmphasis(!any                        ? DiagramItem::Emphasis::Normal
                          : lit.contains(item->key()) ? DiagramItem::Emphasis::Highlighted
                                                      : DiagramItem::Emphasis::Dimmed);
    }
    if (any)
        Q_EMIT highlightChanged();
}

void DiagramScene::removeBadges()
{
    qDeleteAll(m_badges);
    m_badges.clear();
    m_badgeTargets.clear();
}

// The element's tooltip, and what only the item knows: a chip's change mark, an unexpected
// socket, a live flow, a wall's name.
QString DiagramScene::toolTipFor(const QGraphicsItem *graphicsItem) const
{
    const auto *item = diagramItemCast<DiagramItem>(graphicsItem);
    if (!item)
        return {};
    using diagramtooltips::paragraph;
    const ElementRef ref = m_refOf.value(item->key());
    switch (item->type()) {
    case ChipItem::Type: {
        const auto *chip = static_cast<const ChipItem *>(item);
        const QString changed
                = chip->isChanged()
                          ? paragraph(QStringLiteral("<b>%1</b>")
                                              .arg(chip->changeDescription().toHtmlEscaped()))
                          : QString();
        if (!ref.isValid())
            return unexpectedToolTip(chip->key()) + changed;
        return diagramtooltips::forRef(m_input, analysis(), ref) + membersToolTip(chip) + changed;
    }
    case RouteItem::Type: {
        QString html = diagramtooltips::forRef(m_input, analysis(), ref);
        if (!html.isEmpty() && static_cast<const RouteItem *>(item)->isLive())
            html += paragraph(tr("The snapshot shows established connections from this peer."));
        return html;
    }
    case BoxItem::WallType:
        return paragraph(static_cast<const BoxItem *>(item)->title());
    default:
        return diagramtooltips::forRef(m_input, analysis(), ref);
    }
}

// An unexpected socket's chip: every address it is bound to (a 0.0.0.0 / [::] pair shares it).
QString DiagramScene::unexpectedToolTip(const QString &key) const
{
    for (const DiagramLayout::Chip &c : m_layout.chips) {
        if (c.key != key || c.unexpected < 0)
            continue;
        const DiagramChecks::Server *server = m_input.checks.server(c.server);
        if (!server)
            return {};
        QList<UnexpectedListener> sockets;
        for (int i : QList<int>{c.unexpected} + c.twins)
            if (i >= 0 && i < server->unexpected.size())
                sockets.append(server->unexpected.at(i));
        return diagramtooltips::forUnexpected(sockets);
    }
    return {};
}

// A shared chip: each member's status, one line each.
QString DiagramScene::membersToolTip(const ChipItem *chip) const
{
    const ChipLook &look = chip->look();
    if (look.members.isEmpty())
        return {};
    const EdgePool *pool = nullptr;
    QList<ListenerId> listeners;
    for (const DiagramLayout::Chip &c : m_layout.chips)
        if (c.key == chip->key()) {
            pool = m_input.topology.poolOfServer(c.server);
            listeners = c.members;
        }
    if (!pool)
        return {};
    // Each member's snapshot status, and its Probe from Here verdict when the run probed it.
    QStringList lines;
    for (qsizetype i = 0; i < look.members.size() && i < pool->servers.size(); ++i) {
        QString line = QStringLiteral("%1: %2").arg(
                pool->servers.at(i).fqdn.toHtmlEscaped(),
                statusStyle(look.members.at(i), m_style.palette).label.toHtmlEscaped());
        const auto probe = i < listeners.size() ? m_input.checks.probes.constFind(listeners.at(i))
                                                : m_input.checks.probes.cend();
        if (probe != m_input.checks.probes.cend())
            line += tr(" \u00b7 from here: %1").arg(displayName(probe->kind).toHtmlEscaped());
        lines.append(line);
    }
    return diagramtooltips::paragraph(tr("On each member:") + QStringLiteral("<br>")
                                      + lines.join(QStringLiteral("<br>")));
}

void DiagramScene::helpEvent(QGraphicsSceneHelpEvent *event)
{
    const QList<QGraphicsItem *> under
            = items(event->scenePos(), Qt::IntersectsItemShape, Qt::DescendingOrder);
    for (const QGraphicsItem *item : under) {
        const QString text = toolTipFor(item);
        if (text.isEmpty())
            continue;
        QToolTip::showText(event->screenPos(), text, event->widget());
        event->setAccepted(true);
        return;
    }
    QToolTip::hideText();
    event->setAccepted(false);
}

} // namespace edgemap
