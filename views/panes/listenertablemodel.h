#pragma once

#include "panes/keyedtablemodel.h"
#include "reports/listenerrows.h"
#include "statusstyle.h"

#include <QHash>
#include <QList>

namespace edgemap {

class Document;
class EstablishedSummaries;

// Every expected listener of every server as one flat, sortable table: the admin's port list
// with the verdict of the current check beside each socket.
//
// The model observes the Document: it resets only when another topology replaces the document's.
// Listeners that come or go (a pool member added or removed) are inserted and removed in place, a
// field edit updates the rows it changed (dataChanged; a moved port moves its row with
// layoutChanged), and on checkChanged it only announces dataChanged for the check columns, so
// that a view's selection, current row and scroll position survive edits and new snapshots. The
// verdict always comes from Document::verdict(), so the table does not care how many checks the
// document holds.
//
// SortRole gives keys that sort as the admin expects (ports as numbers, statuses by severity,
// worst highest); StatusRole gives the ListenerStatus as an int for filters.
class ListenerTableModel : public KeyedTableModel
{
    Q_OBJECT

public:
    enum Column {
        ServerColumn,
        InterfaceColumn,
        AddressColumn,
        TransportColumn,
        PortColumn,
        ProtocolColumn,
        ServiceColumn,
        ExecutableColumn,
        StatusColumn,
        ProbeColumn,       // "From here": the verdict of the last Probe from Here
        ProbeDetailColumn, // its words, and the certificate findings counted
        ObservedColumn,
        EstablishedColumn,
        DetailColumn,
        ColumnCount
    };
    enum Role { SortRole = Qt::UserRole, RefRole, StatusRole };

    explicit ListenerTableModel(const Document &document, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // The row of a listener (column 0), invalid when the topology has no such listener.
    QModelIndex indexFor(const ListenerId &listener) const;
    ListenerId listenerAt(int row) const;

    // The status colours follow the View menu's choice (light, dark, colour-blind safe).
    void setStatusPalette(StatusPalette palette);
    StatusPalette statusPalette() const { return m_palette; }

private:
    void rebuild();
    void rebuildIndex();
    void sync();
    void checkChanged();
    void probesChanged();
    ListenerStatus statusOf(const ListenerRow &row) const;
    QVariant displayText(const ListenerRow &row, int column) const;
    QString probeCell(const ListenerRow &row, int column) const;
    QVariant sortKey(const ListenerRow &row, int column) const;
    QVariant toolTip(const ListenerRow &row, int column) const;
    QVariant colour(const ListenerRow &row, int column, int role) const;

    const Document &m_document;
    QList<ListenerRow> m_rows;
    QHash<ListenerId, int> m_rowOf;
    StatusPalette m_palette;
    const EstablishedSummaries *m_summaries;
};

} // namespace edgemap
