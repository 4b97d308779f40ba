#pragma once

#include "core/elementref.h"
#include "core/ids.h"
#include "statusstyle.h"

#include <QAbstractItemModel>
#include <QHash>

#include <memory>
#include <vector>

namespace edgemap {

class Document;

// The topology as a read-only tree: Edge pools > servers > interfaces > addresses > listeners
// (all-interface listeners under a per-server "All interfaces" node), then the Services, Peers
// and Scenarios groups. Every item carries its ElementRef (RefRole), so that a selection can be
// passed to other views by reference rather than by index.
//
// The model observes the Document: another topology resets it; an edit (a field, an added or
// removed member, their undo) changes it in place, with dataChanged for the rows whose text
// changed and row insertions, removals and moves for the rest, so that a view keeps its
// expansion, scroll position and selection. It never changes the topology.
// The Status column shows each listener's verdict from its server's check (glyph and word, with
// the status colour), what changed since that server's previous snapshot ("✗ Missing (was
// OK)", in bold until acknowledged), and a problem count on each checked server; it updates in
// place.
class TopologyTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, StatusColumn, DetailColumn, ColumnCount };
    enum Role { RefRole = Qt::UserRole + 1 };

    explicit TopologyTreeModel(const Document &document, QObject *parent = nullptr);
    ~TopologyTreeModel() override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    // The item a reference points to (column 0), or an invalid index when it is not in the tree.
    QModelIndex indexFor(const ElementRef &ref) const;
    ElementRef refAt(const QModelIndex &index) const;

    struct Node;

    // The colours of the Status column (View > Status Colours).
    void setStatusPalette(StatusPalette palette);

private:
    void rebuild();
    void sync();
    void syncChildren(Node *node, Node &fresh);
    void checkChanged();
    QVariant statusData(const Node *node, int role) const;
    QVariant serverStatusData(const ServerId &server, int role) const;
    QVariant rollupStatusData(const Node *node, int role) const;
    Node *nodeOf(const QModelIndex &index) const;
    QModelIndex indexOf(const Node *node, int column = 0) const;
    void indexNodes(Node *node);

    const Document &m_document;
    StatusPalette m_palette;
    std::unique_ptr<Node> m_root;
    QHash<ElementRef, Node *> m_byRef;
};

} // namespace edgemap
