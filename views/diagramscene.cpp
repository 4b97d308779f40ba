// DiagramScene: building items from the layout, reusing them by key, and re-colouring them from
// the check. Highlighting is in diagramscene_highlight.cpp, tooltips in diagramtooltips.cpp.
#include "diagramscene.h"

#include "catalog.h"
#include "document.h"

#include <QGraphicsSceneHelpEvent>
#include <QToolTip>

#include <utility>

namespace edgemap {

namespace {

QString protocolsOf(const Listener &listener)
{
    QStringList protocols;
    for (const Endpoint &e : listener.endpoints)
        if (!e.protocol.isEmpty() && !protocols.contains(e.protocol))
            protocols.append(e.protocol);
    QString text = protocols.join(QStringLiteral(", "));
    if (listener.dynamic)
        text += QObject::tr(" (dynamic)");
    return text;
}

QString addressTitle(const Address &address)
{
    QStringList roles;
    for (AddressRole role : address.roles)
        roles.append(address.roles.size() > 1 ? shortName(role) : displayName(role));
    return roles.join(QStringLiteral(" + "));
}

} // namespace

DiagramScene::DiagramScene(Document &document, QObject *parent)
    : QGraphicsScene(parent)
    , m_document(document)
    , m_style(DiagramStyle::forPalette(StatusPalette::Light))
{
    setItemIndexMethod(QGraphicsScene::BspTreeIndex);
    setBackgroundBrush(m_style.background);
    connect(&m_document, &Document::topologyReplaced, this, &DiagramScene::rebuild);
    connect(&m_document, &Document::structureChanged, this, &DiagramScene::rebuild);
    connect(&m_document, &Document::fieldChanged, this, [this](const FieldRef &ref) {
        // The path graph is built from flows, endpoint keys and the enabled flags, not from
        // ports, addresses or names: it is kept unless a flag changed.
        if (ref.field == Field::ListenerEnabled || ref.field == Field::ServiceEnabled) {
            rebuild();
        } else {
            applyLayout();
            recolour();
        }
    });
    connect(&m_document, &Document::checksChanged, this, &DiagramScene::onCheckChanged);
    connect(&m_document, &Document::checksChanged, this, &DiagramScene::markChanges);
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
    m_analysis = std::make_unique<PathAnalysis>(m_document.topology(), Catalog::builtIn());
    applyLayout();
    recolour();
}

void DiagramScene::onCheckChanged()
{
    // Unexpected sockets have chips of their own, so a different set needs a new layout; the
    // items of everything else are kept and moved, never recreated.
    if (unexpectedSignature() != m_unexpectedKeys)
        applyLayout();
    recolour();
}

template<class T, class... Args>
T *DiagramScene::reuse(QHash<QString, DiagramItem *> &old, const QString &key, Args &&...args)
{
    T *item = nullptr;
    if (DiagramItem *existing = old.take(key)) {
        item = dynamic_cast<T *>(existing);
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
    DiagramLayout::UnexpectedByServer unexpected;
    for (const std::shared_ptr<const CheckResult> &check :
         m_document.checks().inOrder(m_document.topology()))
        if (!check->judgement.unexpected.isEmpty())
            unexpected.insert(check->server, check->judgement.unexpected);
    m_layout = DiagramLayout(m_document.topology(), Catalog::builtIn(), unexpected);
    m_unexpectedOf.clear();
    QHash<QString, DiagramItem *> old = std::exchange(m_items, {});
    m_chips.clear();
    m_peers.clear();
    m_boxes.clear();
    m_serviceOf.clear();
    m_routesBetween.clear();
    m_addressOf.clear();
    m_inbound.clear();
    applyFrame(old);
    applyServers(old);
    applyChips(old);
    applyPeersAndRoutes(old);
    qDeleteAll(old);
    setSceneRect(m_layout.bounds);
}

void DiagramScene::applyFrame(QHash<QString, DiagramItem *> &old)
{
    const QString zoneTitles[]
            = {tr("Internet"), tr("Perimeter network (DMZ)"), tr("Internal network")};
    for (const DiagramLayout::ZoneBand &z : m_layout.zones) {
        const int index = static_cast<int>(z.zone);
        auto *item
                = reuse<BoxItem>(old, QStringLiteral("zone:") + keyOf(z.zone), BoxItem::ZoneKind);
        item->setGeometry(z.rect, z.titleRect);
        item->setZoneIndex(index);
        item->setTitle(zoneTitles[index]);
    }
    for (const DiagramLayout::Wall &w : m_layout.walls) {
        auto *item = reuse<BoxItem>(old, QStringLiteral("wall:") + keyOf(w.firewall),
                                    BoxItem::WallKind);
        item->setGeometry(w.rect, w.titleRect);
        item->setTitle(w.firewall == Firewall::External ? tr("External firewall")
                                                        : tr("Internal firewall"));
    }
}

void DiagramScene::applyServers(QHash<QString, DiagramItem *> &old)
{
    const Topology &t = m_document.topology();
    for (const DiagramLayout::PoolBox &p : m_layout.pools) {
        const EdgePool *pool = t.pool(p.pool);
        auto *item
                = reuse<BoxItem>(old, QStringLiteral("pool:") + p.pool.value(), BoxItem::PoolKind);
        item->setGeometry(p.rect, p.titleRect);
        QString detail = pool->site;
        if (pool->servers.size() > 1)
            detail += tr(" · %n servers", nullptr, int(pool->servers.size()));
        if (pool->loadBalancing != LoadBalancing::None)
            detail += tr(" · %1 load balancing")
                              .arg(pool->loadBalancing == LoadBalancing::Dns ? tr("DNS")
                                                                             : tr("hardware"));
        item->setTitle(tr("Edge pool %1").arg(pool->fqdn), detail);
        item->setRef(ElementRef::pool(p.pool));
        m_boxes.insert(item->ref(), item);
    }
    for (const DiagramLayout::ServerBox &s : m_layout.servers) {
        auto *item = reuse<BoxItem>(old, QStringLiteral("server:") + s.server.value(),
                                    BoxItem::ServerKind);
        item->setGeometry(s.rect, s.titleRect);
        item->setTitle(t.server(s.server)->fqdn, tr("Edge server"));
        item->setRef(ElementRef::server(s.server));
        m_boxes.insert(item->ref(), item);
    }
    for (const DiagramLayout::AddressBlock &b : m_layout.blocks) {
        auto *item = reuse<BoxItem>(old, b.key, BoxItem::AddressKind);
        item->setGeometry(b.rect, b.headerRect);
        if (const Address *a = b.address.isEmpty() ? nullptr : t.address(b.address)) {
            QString ip = a->ip;
            if (!a->natPublicIp.isEmpty())
                ip += tr(" → NAT %1").arg(a->natPublicIp);
            item->setTitle(addressTitle(*a), ip + u'\n' + a->fqdn);
            item->setRef(ElementRef::address(b.address));
        } else if (b.unexpectedOnly) {
            item->setTitle(tr("Unexpected: on all interfaces or another address"));
            item->setRef(ElementRef::allInterfaces(b.server));
        } else {
            item->setTitle(tr("All interfaces"), tr("0.0.0.0 / [::] and others"));
            item->setRef(ElementRef::allInterfaces(b.server));
        }
        m_boxes.insert(item->ref(), item);
    }
}

void DiagramScene::applyChips(QHash<QString, DiagramItem *> &old)
{
    const Topology &t = m_document.topology();
    QHash<QString, const Listener *> listeners; // Topology::listener() is a linear search
    for (const Listener *l : t.allListeners())
        listeners.insert(l->id.value(), l);
    for (const DiagramLayout::Chip &c : m_layout.chips) {
        auto *item = reuse<ChipItem>(old, c.key);
        item->setGeometry(c.rect);
        item->setUnexpected(c.unexpected >= 0);
        if (c.unexpected >= 0) {
            // The layout was made from these checks a moment ago: the server has one.
            const UnexpectedListener &u
                    = m_document.checks().checkFor(c.server)->judgement.unexpected.at(c.unexpected);
            item->setText(socketLabel(u.transport, u.port, u.port),
                          u.pid >= 0 ? tr("%1 (PID %2)").arg(u.process).arg(u.pid) : u.process);
            item->setRef({});
            m_unexpectedOf.insert(item, {c.server, u});
            continue;
        }
        const Listener *l = listeners.value(c.listener.value());
        item->setText(socketLabel(l->transport, l->port, l->portEnd), protocolsOf(*l));
        item->setRef(ElementRef::listener(c.listener));
        m_chips.insert(c.listener.value(), item);
        m_addressOf.insert(c.listener.value(), DiagramLayout::addressNode(l->address));
    }
    for (const DiagramLayout::ServiceBand &b : m_layout.services) {
        auto *item = reuse<ServiceItem>(old, b.key);
        item->setGeometry(b.rect, b.links);
        const Service *service = t.service(b.service);
        const qsizetype index = service ? service - t.services.constData() : 0;
        item->setText(b.service.value(), service ? service->executable : QString(), int(index));
        item->setRef(ElementRef::service(b.service));
        for (const ListenerId &id : b.listeners)
            m_serviceOf.insert(id.value(), item);
    }
}

void DiagramScene::applyPeersAndRoutes(QHash<QString, DiagramItem *> &old)
{
    const Topology &t = m_document.topology();
    for (const DiagramLayout::PeerBox &p : m_layout.peers) {
        const Peer *peer = t.peer(p.peer);
        auto *item = reuse<PeerItem>(old, QStringLiteral("peer:") + p.peer.value());
        item->setGeometry(p.rect, p.zone == Zone::Internet);
        item->setText(peer->name, peer->fqdn.isEmpty() ? displayName(peer->kind) : peer->fqdn);
        item->setRef(ElementRef::peer(p.peer));
        m_peers.insert(p.peer.value(), item);
    }
    const QString listenerPrefix = QStringLiteral("listener:");
    for (const DiagramLayout::Route &r : m_layout.routes) {
        auto *item = reuse<RouteItem>(old, r.key);
        item->setGeometry(r.points, r.label, r.labelRect);
        item->setOutbound(r.outbound);
        item->setLive(false);
        m_routesBetween[r.fromNode + u'|' + r.toNode].append(item);
        if (!r.outbound && r.toNode.startsWith(listenerPrefix))
            m_inbound.append({item, r.toNode.mid(listenerPrefix.size()),
                              PeerId(r.fromNode.section(u':', 1))});
    }
}

// Chips take the verdict's status and established count; inbound flows turn live when the
// snapshot saw connections from their peer. No item is created or destroyed here.
void DiagramScene::recolour()
{
    for (auto it = m_chips.cbegin(); it != m_chips.cend(); ++it) {
        const ListenerVerdict *v = m_document.checks().verdict(ListenerId(it.key()));
        it.value()->setStatus(v ? v->status : ListenerStatus::NotChecked, v ? v->established : 0);
    }
    for (const RouteEnds &r : std::as_const(m_inbound)) {
        const ListenerVerdict *v = m_document.checks().verdict(ListenerId(r.listener));
        r.route->setLive(v && v->established > 0 && v->remotePeers.contains(r.peer));
    }
    markChanges();
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
        return m_chips.value(listener->value());
    if (const PeerId *peer = ref.as<PeerId>())
        return m_peers.value(peer->value());
    if (const InterfaceRef *nic = ref.as<InterfaceRef>())
        return m_boxes.value(ElementRef::server(nic->server));
    return m_boxes.value(ref);
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
