#pragma once

#include "core/elementref.h"
#include "statusstyle.h"

#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace edgemap {

class Document;
class ListenerFilterProxy;
class ListenerTableModel;
class Selection;

// The listener table as a dock pane: a filter line (every word must match some column, case
// insensitive), a status filter, the sortable table and a "14 of 40 listeners" count. Copy puts
// the selected rows on the clipboard as TSV with a header line, in the order shown.
//
// The table is a view of the document's Selection: a row the user makes current becomes the
// selection; a selection made elsewhere selects its row.
class ListenerTablePane : public QWidget
{
    Q_OBJECT

public:
    explicit ListenerTablePane(const Document &document, QWidget *parent = nullptr);

    ListenerTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }
    QComboBox *statusFilter() const { return m_status; }
    // Enabled while rows are selected; the main window may also put it in the Edit menu.
    QAction *copyAction() const { return m_copy; }

    // The selected rows as the clipboard gets them: visible columns in their visual order, rows
    // in the sorted and filtered order, a header line first. Empty when nothing is selected.
    QString selectedRowsAsTsv() const;
    // "14 of 40 listeners"
    QString countText() const;

    void setStatusPalette(StatusPalette palette);

public Q_SLOTS:
    // Makes the reference the document's selection, which the table follows: it selects and
    // scrolls to the listener's row, and clears the selection for any other kind of reference,
    // or when the row is hidden by the filter. Never writes the selection.
    void selectRef(const ElementRef &ref);
    void copySelection();

private:
    void buildStatusFilter();
    void applyFilter();
    void currentRowChanged(const QModelIndex &current);
    void follow(const ElementRef &ref);
    void updateCount();
    void updateCopyAction();

    Selection *m_selection = nullptr;
    ListenerTableModel *m_model = nullptr;
    ListenerFilterProxy *m_proxy = nullptr;
    QLineEdit *m_filter = nullptr;
    QComboBox *m_status = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_count = nullptr;
    QAction *m_copy = nullptr;
    // Set while the current row moves for reasons other than the user (selectRef, filtering,
    // re-sorting, a reset), so that those moves do not write the selection.
    int m_programmatic = 0;
};

} // namespace edgemap
