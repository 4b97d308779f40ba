#include "panes/listenertablepane.h"
#include "selection.h"

#include "document/document.h"
#include "panes/listenertablemodel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace edgemap {

namespace {

// Status filter entries that are not a single ListenerStatus.
constexpr int kAllStatuses = -1;
constexpr int kProblemsOnly = -2;

// Esc clears the filter. It also claims the shortcut override while there is text to clear, so
// that a window-wide Esc action does not take the key away from the filter line.
class EscClears : public QObject
{
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        auto *edit = qobject_cast<QLineEdit *>(watched);
        if (!edit
            || (event->type() != QEvent::KeyPress && event->type() != QEvent::ShortcutOverride))
            return false;
        if (static_cast<QKeyEvent *>(event)->key() != Qt::Key_Escape || edit->text().isEmpty())
            return false;
        event->accept();
        if (event->type() == QEvent::KeyPress)
            edit->clear();
        return event->type() == QEvent::KeyPress;
    }
};

} // namespace

// Every word of the filter must occur in some column (case insensitive); the status filter keeps
// one status, or every problem status.
class ListenerFilterProxy : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setFilter(const QString &text, int status)
    {
        m_words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        m_status = status;
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override
    {
        const QAbstractItemModel *source = sourceModel();
        if (m_status != kAllStatuses) {
            const auto status = ListenerStatus(source->index(sourceRow, 0, sourceParent)
                                                       .data(ListenerTableModel::StatusRole)
                                                       .toInt());
            if (m_status == kProblemsOnly ? !isProblem(status) : int(status) != m_status)
                return false;
        }
        if (m_words.isEmpty())
            return true;
        QStringList cells;
        for (int c = 0; c < source->columnCount(sourceParent); ++c)
            cells.append(source->index(sourceRow, c, sourceParent).data().toString());
        return std::all_of(m_words.cbegin(), m_words.cend(), [&cells](const QString &word) {
            return std::any_of(cells.cbegin(), cells.cend(), [&word](const QString &cell) {
                return cell.contains(word, Qt::CaseInsensitive);
            });
        });
    }

private:
    QStringList m_words;
    int m_status = kAllStatuses;
};

ListenerTablePane::ListenerTablePane(const Document &document, QWidget *parent)
    : QWidget(parent)
    , m_selection(Selection::of(document)) // before the model: it falls back first
    , m_model(new ListenerTableModel(document, this))
    , m_proxy(new ListenerFilterProxy(this))
    , m_filter(new QLineEdit(this))
    , m_status(new QComboBox(this))
    , m_view(new QTableView(this))
    , m_count(new QLabel(this))
    , m_copy(new QAction(tr("&Copy"), this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ListenerTableModel::SortRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);

    // Structural changes move the current row without the user: the guard goes up before the
    // selection model reacts (connected before setModel) and down after it has (connected after).
    const auto enter = [this] {
        ++m_programmatic;
    };
    const auto leave = [this] {
        --m_programmatic;
    };
    connect(m_proxy, &QAbstractItemModel::layoutAboutToBeChanged, this, enter);
    connect(m_proxy, &QAbstractItemModel::rowsAboutToBeRemoved, this, enter);
    connect(m_proxy, &QAbstractItemModel::modelAboutToBeReset, this, enter);
    m_view->setModel(m_proxy);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, leave);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, leave);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, leave);
    // Listeners came or went: the rows are new, the selection is still the document's.
    connect(m_proxy, &QAbstractItemModel::modelReset, this,
            [this] { follow(m_selection->current()); });
    connect(m_selection, &Selection::currentChanged, this, &ListenerTablePane::follow);

    m_filter->setPlaceholderText(tr("Filter listeners (port, address, process, status…)"));
    m_filter->setClearButtonEnabled(true);
    m_filter->installEventFilter(new EscClears(m_filter));
    buildStatusFilter();

    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    // Compact rows: an incident table is read in bulk, not one row at a time.
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    // Columns as wide as their content after every rebuild (a few hundred rows at most), so that
    // server names and processes are not cut at an arbitrary 100 pixels.
    // A check fills the observed-process and detail columns row by row: one deferred resize.
    auto *resize = new QTimer(this);
    resize->setSingleShot(true);
    resize->setInterval(0);
    connect(resize, &QTimer::timeout, m_view, &QTableView::resizeColumnsToContents);
    connect(m_model, &QAbstractItemModel::modelReset, resize, qOverload<>(&QTimer::start));
    connect(m_model, &QAbstractItemModel::dataChanged, resize, qOverload<>(&QTimer::start));
    resize->start();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionsMovable(true);
    // The probe columns once a Probe from Here has run: before, they would only cost a laptop
    // screen its width (and a row, to the horizontal scroll bar).
    const auto probeColumns = [this, &document] {
        const bool hidden = document.probes().isEmpty();
        m_view->setColumnHidden(ListenerTableModel::ProbeColumn, hidden);
        m_view->setColumnHidden(ListenerTableModel::ProbeDetailColumn, hidden);
    };
    connect(&document, &Document::probesChanged, this, probeColumns);
    probeColumns();
    // The topology's own order (server, interface, address, port) until the user sorts.
    m_view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_view->setSortingEnabled(true);

    m_copy->setShortcut(QKeySequence::Copy);
    m_copy->setShortcutContext(Qt::WidgetShortcut);
    m_view->addAction(m_copy);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_copy, &QAction::triggered, this, &ListenerTablePane::copySelection);

    auto *top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addWidget(m_status);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_count);

    connect(m_filter, &QLineEdit::textChanged, this, &ListenerTablePane::applyFilter);
    connect(m_status, &QComboBox::currentIndexChanged, this, &ListenerTablePane::applyFilter);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { currentRowChanged(current); });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ListenerTablePane::updateCopyAction);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_proxy, signal, this, &ListenerTablePane::updateCount);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &ListenerTablePane::updateCount);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &ListenerTablePane::updateCount);
    updateCount();
    updateCopyAction();
}

void ListenerTablePane::buildStatusFilter()
{
    m_status->addItem(tr("All statuses"), kAllStatuses);
    m_status->addItem(tr("Problems only"), kProblemsOnly);
    for (ListenerStatus s :
         {ListenerStatus::Ok, ListenerStatus::Missing, ListenerStatus::WrongProcess,
          ListenerStatus::WrongAddress, ListenerStatus::Exposed, ListenerStatus::Dynamic,
          ListenerStatus::Unknown, ListenerStatus::NotChecked})
        m_status->addItem(statusText(s), int(s));
    m_status->setToolTip(tr("Show listeners with this status only"));
}

void ListenerTablePane::applyFilter()
{
    ++m_programmatic;
    m_proxy->setFilter(m_filter->text(), m_status->currentData().toInt());
    --m_programmatic;
    updateCount();
}

void ListenerTablePane::currentRowChanged(const QModelIndex &current)
{
    if (m_programmatic > 0 || !current.isValid())
        return;
    const auto ref = current.data(ListenerTableModel::RefRole).value<ElementRef>();
    m_selection->setCurrent(ref);
}

void ListenerTablePane::selectRef(const ElementRef &ref)
{
    if (ref == m_selection->current())
        follow(ref);
    else
        m_selection->setCurrent(ref);
}

void ListenerTablePane::follow(const ElementRef &ref)
{
    // The echo of the user's own click (table -> window -> table): the current row already is
    // this listener, and re-selecting it would undo a Ctrl+click extending the selection.
    if (ref.isValid()
        && m_view->currentIndex().data(ListenerTableModel::RefRole).value<ElementRef>() == ref)
        return;
    ++m_programmatic;
    QItemSelectionModel *selection = m_view->selectionModel();
    const ListenerId *listener = ref.as<ListenerId>();
    const QModelIndex row
            = listener ? m_proxy->mapFromSource(m_model->indexFor(*listener)) : QModelIndex();
    if (row.isValid()) {
        selection->setCurrentIndex(row,
                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_view->scrollTo(row);
    } else {
        selection->clearSelection();
        selection->setCurrentIndex(QModelIndex(), QItemSelectionModel::NoUpdate);
    }
    --m_programmatic;
}

QString ListenerTablePane::countText() const
{
    return tr("%1 of %2 listeners").arg(m_proxy->rowCount()).arg(m_model->rowCount());
}

void ListenerTablePane::updateCount()
{
    m_count->setText(countText());
}

void ListenerTablePane::updateCopyAction()
{
    m_copy->setEnabled(m_view->selectionModel()->hasSelection());
}

QString ListenerTablePane::selectedRowsAsTsv() const
{
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    const QHeaderView *header = m_view->horizontalHeader();
    QList<int> columns;
    for (int visual = 0; visual < header->count(); ++visual) {
        const int logical = header->logicalIndex(visual);
        if (!header->isSectionHidden(logical))
            columns.append(logical);
    }
    // A tab or line break inside a cell would shift every later column in a spreadsheet.
    const auto cell = [](QString text) {
        return text.replace(QLatin1Char('\t'), QLatin1Char(' '))
                .replace(QLatin1Char('\n'), QLatin1Char(' '))
                .replace(QLatin1Char('\r'), QLatin1Char(' '));
    };
    QStringList lines;
    QStringList fields;
    for (int c : columns)
        fields.append(cell(m_proxy->headerData(c, Qt::Horizontal).toString()));
    lines.append(fields.join(QLatin1Char('\t')));
    for (const QModelIndex &row : rows) {
        fields.clear();
        for (int c : columns)
            fields.append(cell(m_proxy->index(row.row(), c).data().toString()));
        lines.append(fields.join(QLatin1Char('\t')));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

void ListenerTablePane::copySelection()
{
    const QString tsv = selectedRowsAsTsv();
    if (!tsv.isEmpty())
        QApplication::clipboard()->setText(tsv);
}

void ListenerTablePane::setStatusPalette(StatusPalette palette)
{
    m_model->setStatusPalette(palette);
}

} // namespace edgemap
