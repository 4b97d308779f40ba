#include "panes/topologytreemodel.h"
#include "plaintooltip.h"

#include "document/document.h"
#include "panes/topologytreetext.h"
#include "statusstyle.h"

#include <QFont>
#include <QGuiApplication>
#include <QPalette>
#include <QSet>

#include <algorithm>
#include <functional>

namespace edgemap {

// One row of the tree. The display text is computed when the topology changes: the tree is
// small (a few hundred rows), so a change builds a fresh tree and sync() moves what differs
// into this one, row by row.
struct TopologyTreeModel::Node
{
    ElementRef ref;
    treetext::Texts text;
    Node *parent = nullptr;
    int row = 0;
    std::vector<std::unique_ptr<Node>> children;

    Node *add(ElementRef childRef, treetext::Texts childText)
    {
        auto child = std::make_unique<Node>();
        child->ref = std::move(childRef);
        child->text = std::move(childText);
        child->parent = this;
        child->row = static_cast<int>(children.size());
        children.push_back(std::move(child));
        return children.back().get();
    }
};

namespace {

using Node = TopologyTreeModel::Node;

QList<const Listener *> listenersOn(const EdgeServer &server, const AddressId &address)
{
    QList<const Listener *> out;
    for (const Listener &l : server.listeners)
        if (l.address == address)
            out.append(&l);
    std::stable_sort(out.begin(), out.end(), [](const Listener *a, const Listener *b) {
        return std::pair(a->port, a->transport) < std::pair(b->port, b->transport);
    });
    return out;
}

void addListeners(Node *parent, const Topology &t, const QList<const Listener *> &listeners)
{
    for (const Listener *l : listeners)
        parent->add(ElementRef::listener(l->id), treetext::listener(t, *l));
}

void addServer(Node *poolNode, const Topology &t, const EdgeServer &server)
{
    Node *serverNode = poolNode->add(ElementRef::server(server.id), treetext::server(server));
    for (const NetInterface &nic : server.interfaces) {
        Node *nicNode = serverNode->add(ElementRef::netInterface(server.id, nic.side),
                                        treetext::netInterface(nic));
        for (const Address &a : nic.addresses) {
            Node *addressNode = nicNode->add(ElementRef::address(a.id), treetext::address(a));
            addListeners(addressNode, t, listenersOn(server, a.id));
        }
    }
    const QList<const Listener *> unbound = listenersOn(server, AddressId());
    if (!unbound.isEmpty()) {
        Node *all = serverNode->add(ElementRef::allInterfaces(server.id),
                                    treetext::allInterfaces(unbound.size()));
        addListeners(all, t, unbound);
    }
}

void addGroups(Node *root, const Topology &t)
{
    Node *services = root->add(ElementRef::servicesGroup(),
                               treetext::group(QObject::tr("Services"), t.services.size()));
    for (const Service &s : t.services)
        services->add(ElementRef::service(s.id), treetext::service(s));
    Node *peers = root->add(ElementRef::peersGroup(),
                            treetext::group(QObject::tr("Peers"), t.peers.size()));
    for (const Peer &p : t.peers)
        peers->add(ElementRef::peer(p.id), treetext::peer(p));
    Node *scenarios = root->add(ElementRef::scenariosGroup(),
                                treetext::group(QObject::tr("Scenarios"), t.scenarios.size()));
    for (const Scenario &s : t.scenarios)
        scenarios->add(ElementRef::scenario(s.id), treetext::scenario(s));
}

std::unique_ptr<Node> buildTree(const Topology &t)
{
    auto root = std::make_unique<Node>();
    for (const EdgePool &pool : t.pools) {
        Node *poolNode = root->add(ElementRef::pool(pool.id), treetext::pool(pool));
        for (const EdgeServer &server : pool.servers)
            addServer(poolNode, t, server);
    }
    addGroups(root.get(), t);
    return root;
}

} // namespace

TopologyTreeModel::TopologyTreeModel(const Document &document, QObject *parent)
    : QAbstractItemModel(parent)
    , m_document(document)
    , m_palette(statusPaletteFor(QGuiApplication::palette()))
{
    rebuild();
    connect(&document, &Document::topologyReplaced, this, [this] {
        beginResetModel();
        rebuild();
        endResetModel();
    });
    // An edit changes rows in place, so that a view keeps its expansion, scroll position and
    // selection with no code of its own to save and restore them.
    connect(&document, &Document::structureChanged, this, &TopologyTreeModel::sync);
    connect(&document, &Document::fieldChanged, this, &TopologyTreeModel::sync);
    connect(&document, &Document::checksChanged, this, &TopologyTreeModel::checkChanged);
}

TopologyTreeModel::~TopologyTreeModel() = default;

void TopologyTreeModel::rebuild()
{
    m_byRef.clear();
    m_root = buildTree(m_document.topology());
    indexNodes(m_root.get());
}

void TopologyTreeModel::indexNodes(Node *node)
{
    for (const auto &child : node->children) {
        // Ids are unique per kind in a valid topology; keep the first row if a file repeats one.
        if (!m_byRef.contains(child->ref))
            m_byRef.insert(child->ref, child.get());
        indexNodes(child.get());
    }
}

void TopologyTreeModel::sync()
{
    std::unique_ptr<Node> fresh = buildTree(m_document.topology());
    syncChildren(m_root.get(), *fresh);
    m_byRef.clear();
    indexNodes(m_root.get());
}

namespace {

void renumber(Node *parent)
{
    for (size_t i = 0; i < parent->children.size(); ++i)
        parent->children[i]->row = static_cast<int>(i);
}

bool uniqueRefs(const std::vector<std::unique_ptr<Node>> &nodes)
{
    QSet<ElementRef> seen;
    for (const auto &n : nodes)
        if (seen.contains(n->ref))
            return false;
        else
            seen.insert(n->ref);
    return true;
}

} // namespace

void TopologyTreeModel::syncChildren(Node *node, Node &fresh)
{
    const QModelIndex parent = indexOf(node);
    auto &kids = node->children;
    auto &freshKids = fresh.children;
    if (!uniqueRefs(kids) || !uniqueRefs(freshKids)) {
        // A file that repeats an id: no row can be told from its twin, so replace them all.
        if (!kids.empty()) {
            beginRemoveRows(parent, 0, static_cast<int>(kids.size()) - 1);
            kids.clear();
            endRemoveRows();
        }
        if (!freshKids.empty()) {
            beginInsertRows(parent, 0, static_cast<int>(freshKids.size()) - 1);
            kids = std::move(freshKids);
            for (auto &k : kids)
                k->parent = node;
            endInsertRows();
        }
        return;
    }
    // 1. Rows whose element is gone.
    QHash<ElementRef, Node *> freshByRef;
    for (const auto &k : freshKids)
        freshByRef.insert(k->ref, k.get());
    for (int row = static_cast<int>(kids.size()) - 1; row >= 0; --row) {
        if (freshByRef.contains(kids[static_cast<size_t>(row)]->ref))
            continue;
        beginRemoveRows(parent, row, row);
        kids.erase(kids.begin() + row);
        renumber(node);
        endRemoveRows();
    }
    // 2. The survivors in their new order (a port edit re-sorts the listeners of an address).
    QHash<ElementRef, int> freshRow;
    for (size_t i = 0; i < freshKids.size(); ++i)
        freshRow.insert(freshKids[i]->ref, static_cast<int>(i));
    const auto before = [&](const std::unique_ptr<Node> &a, const std::unique_ptr<Node> &b) {
        return freshRow.value(a->ref) < freshRow.value(b->ref);
    };
    if (!std::is_sorted(kids.begin(), kids.end(), before)) {
        Q_EMIT layoutAboutToBeChanged({parent}, QAbstractItemModel::VerticalSortHint);
        std::stable_sort(kids.begin(), kids.end(), before);
        renumber(node);
        // Indexes point at nodes; only the rows of this parent's children changed.
        const QModelIndexList persistent = persistentIndexList();
        for (const QModelIndex &p : persistent)
            if (p.parent() == parent) {
                const Node *moved = nodeOf(p);
                changePersistentIndex(p, createIndex(moved->row, p.column(), moved));
            }
        Q_EMIT layoutChanged({parent}, QAbstractItemModel::VerticalSortHint);
    }
    // 3. New rows, at their place among the survivors.
    QSet<ElementRef> kept;
    for (const auto &k : kids)
        kept.insert(k->ref);
    for (size_t i = 0; i < freshKids.size(); ++i) {
        if (kept.contains(freshKids[i]->ref))
            continue;
        const int row = static_cast<int>(i);
        beginInsertRows(parent, row, row);
        std::unique_ptr<Node> added = std::move(freshKids[i]);
        added->parent = node;
        kids.insert(kids.begin() + row, std::move(added));
        renumber(node);
        endInsertRows();
    }
    // 4. Texts of the survivors, then their children.
    for (size_t i = 0; i < freshKids.size(); ++i) {
        if (!freshKids[i]) // moved in as a new row above
            continue;
        Node *mine = kids[i].get();
        if (!(mine->text == freshKids[i]->text)) {
            mine->text = freshKids[i]->text;
            Q_EMIT dataChanged(indexOf(mine, NameColumn), indexOf(mine, DetailColumn));
        }
        syncChildren(mine, *freshKids[i]);
    }
}

TopologyTreeModel::Node *TopologyTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex TopologyTreeModel::indexOf(const Node *node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, column, node);
}

QModelIndex TopologyTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    const Node *p = nodeOf(parent);
    return indexOf(p->children[static_cast<size_t>(row)].get(), column);
}

QModelIndex TopologyTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOf(nodeOf(child)->parent);
}

int TopologyTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != NameColumn)
        return 0;
    return static_cast<int>(nodeOf(parent)->children.size());
}

int TopologyTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant TopologyTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node *node = nodeOf(index);
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == StatusColumn)
            return statusData(node, role);
        return index.column() == NameColumn ? node->text.name : node->text.detail;
    case Qt::ToolTipRole:
        if (index.column() == StatusColumn)
            return plainToolTip(statusData(node, role).toString());
        return node->text.toolTip.isEmpty() ? QVariant() : QVariant(node->text.toolTip);
    case Qt::ForegroundRole:
        if (index.column() == StatusColumn)
            return statusData(node, role);
        if (node->text.disabled)
            return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::FontRole:
        return index.column() == StatusColumn ? statusData(node, role) : QVariant();
    case RefRole:
        return QVariant::fromValue(node->ref);
    default:
        return {};
    }
}

QVariant TopologyTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case DetailColumn:
        return tr("Detail");
    case StatusColumn:
        return tr("Status");
    default:
        return {};
    }
}

Qt::ItemFlags TopologyTreeModel::flags(const QModelIndex &index) const
{
    // Disabled listeners stay selectable: the admin still wants to read why they exist.
    return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable : Qt::NoItemFlags;
}

QVariant TopologyTreeModel::rollupStatusData(const Node *node, int role) const
{
    // The worst of the listeners below (a pool, an interface, an address, a service), so that a
    // problem shows on every folded parent of it.
    int checked = 0;
    int problems = 0;
    ListenerStatus worst = ListenerStatus::NotChecked;
    QSet<ListenerId> seen; // a listener may appear under two parents of the same node
    const std::function<void(const Node *)> collect = [&](const Node *n) {
        for (const auto &child : n->children) {
            if (const ListenerId *id = child->ref.as<ListenerId>(); id && !seen.contains(*id)) {
                seen.insert(*id);
                if (const ListenerVerdict *v = m_document.checks().verdict(*id)) {
                    ++checked;
                    problems += isProblem(v->status);
                    if (statusSeverity(v->status) > statusSeverity(worst))
                        worst = v->status;
                }
            }
            collect(child.get());
        }
    };
    collect(node);
    if (checked == 0)
        return {};
    const StatusStyle style = statusStyle(problems > 0 ? worst : ListenerStatus::Ok, m_palette);
    switch (role) {
    case Qt::DisplayRole:
        return problems == 0   ? tr("%1 all OK").arg(style.glyph)
               : problems == 1 ? tr("%1 1 problem").arg(style.glyph)
                               : tr("%1 %2 problems").arg(style.glyph).arg(problems);
    case Qt::ToolTipRole:
        return problems == 0
                       ? tr("All %1 checked listeners below are as expected").arg(checked)
                       : tr("%1 of the %2 checked listeners below have a problem; the worst: %3")
                                 .arg(problems)
                                 .arg(checked)
                                 .arg(style.label);
    case Qt::ForegroundRole:
        return style.border;
    default:
        return {};
    }
}

QVariant TopologyTreeModel::statusData(const Node *node, int role) const
{
    if (const ServerId *server = node->ref.as<ServerId>())
        return serverStatusData(*server, role);
    const ListenerId *listener = node->ref.as<ListenerId>();
    if (!listener)
        return rollupStatusData(node, role);
    const ListenerId &id = *listener;
    const ListenerVerdict *v = m_document.checks().verdict(id);
    const ListenerStatus status = v ? v->status : ListenerStatus::NotChecked;
    const StatusChange *change = m_document.checks().changeOf(id);
    switch (role) {
    case Qt::DisplayRole:
        // "✗ Missing (was OK)": the change since the previous snapshot, until acknowledged.
        return change ? tr("%1 (%2)").arg(statusText(status), changeBadge(*change))
                      : statusText(status);
    case Qt::ToolTipRole: {
        QString tip = v && !v->detail.isEmpty() ? v->detail
                                                : tr("No snapshot of this server is loaded");
        if (change)
            tip += u'\n' + tr("Changed since the previous snapshot: %1").arg(changeText(*change));
        return tip;
    }
    case Qt::ForegroundRole:
        return statusStyle(status, m_palette).border;
    case Qt::FontRole:
        if (change) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    default:
        return {};
    }
}

QVariant TopologyTreeModel::serverStatusData(const ServerId &server, int role) const
{
    const CheckResult *check = m_document.checks().checkFor(server);
    if (!check)
        return {};
    const int problems = check->judgement.problemCount();
    const SnapshotDiff *diff = m_document.checks().changesFor(server);
    const int changes = diff ? int(diff->statusChanges.size()) : 0;
    if (role == Qt::DisplayRole) {
        const QString bad = statusStyle(ListenerStatus::Missing, StatusPalette::Light).glyph;
        QString text = problems == 0
                               ? tr("%1 all OK")
                                         .arg(statusStyle(ListenerStatus::Ok, StatusPalette::Light)
                                                      .glyph)
                               : (problems == 1 ? tr("%1 1 problem").arg(bad)
                                                : tr("%1 %2 problems").arg(bad).arg(problems));
        if (changes > 0)
            text += tr(" (%n changed)", nullptr, changes);
        return text;
    }
    if (role == Qt::ToolTipRole)
        return tr("Checked against %1").arg(check->source.text());
    if (role == Qt::ForegroundRole)
        return statusStyle(problems == 0 ? ListenerStatus::Ok : ListenerStatus::Missing, m_palette)
                .border;
    return {};
}

void TopologyTreeModel::checkChanged()
{
    // Only the Status column changes (listeners, servers and the parents that roll them up):
    // update in place so that expansion and selection stay.
    for (auto it = m_byRef.cbegin(); it != m_byRef.cend(); ++it) {
        const QModelIndex i = indexOf(it.value(), StatusColumn);
        Q_EMIT dataChanged(i, i,
                           {Qt::DisplayRole, Qt::ToolTipRole, Qt::ForegroundRole, Qt::FontRole});
    }
}

QModelIndex TopologyTreeModel::indexFor(const ElementRef &ref) const
{
    return indexOf(m_byRef.value(ref, nullptr));
}

ElementRef TopologyTreeModel::refAt(const QModelIndex &index) const
{
    return index.isValid() ? nodeOf(index)->ref : ElementRef();
}

void TopologyTreeModel::setStatusPalette(StatusPalette palette)
{
    if (palette == m_palette)
        return;
    m_palette = palette;
    // Only colours change: the views repaint, rows and selection stay.
    Q_EMIT layoutAboutToBeChanged();
    Q_EMIT layoutChanged();
}

} // namespace edgemap
