#include "panes/problemspane.h"

#include "itemactivation.h"
#include "panes/problemsmodel.h"
#include "selection.h"

#include <QHeaderView>
#include <QLabel>
#include <QStackedWidget>
#include <QTreeView>
#include <QVBoxLayout>

namespace edgemap {

ProblemsPane::ProblemsPane(const Document &document, QWidget *parent)
    : QWidget(parent)
    , m_selection(Selection::of(document))
    , m_model(new ProblemsModel(document, this))
    , m_summary(new QLabel(this))
    , m_empty(new QLabel(this))
    , m_view(new QTreeView(this))
    , m_stack(new QStackedWidget(this))
{
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setWordWrap(false);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(ProblemsModel::StatusColumn,
                                           QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(ProblemsModel::ProblemColumn, QHeaderView::Stretch);
    m_view->header()->setSectionResizeMode(ProblemsModel::ServerColumn,
                                           QHeaderView::ResizeToContents);
    onItemActivated(m_view, [this](const QModelIndex &index) { activate(index); });

    m_summary->setWordWrap(true);
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setTextFormat(Qt::PlainText); // the error text comes from a file
    m_summary->setTextFormat(Qt::PlainText);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_empty);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_stack, 1);

    // The model updates its rows in place, so the row the user was reading stays current.
    connect(m_model, &ProblemsModel::updated, this, &ProblemsPane::showState);
    connect(m_model, &ProblemsModel::countChanged, this, &ProblemsPane::countChanged);
    connect(m_selection, &Selection::currentChanged, this, &ProblemsPane::follow);
    showState();
}

void ProblemsPane::showState()
{
    const bool rows = m_model->rowCount() > 0;
    m_stack->setCurrentWidget(rows ? static_cast<QWidget *>(m_view) : m_empty);
    m_empty->setText(m_model->emptyMessage());
    m_summary->setText(m_model->summary());
    m_summary->setVisible(rows);
}

void ProblemsPane::activate(const QModelIndex &index)
{
    const ElementRef ref = m_model->refAt(index.row());
    if (!ref.isValid())
        return;
    m_selection->setCurrent(ref);
}

void ProblemsPane::follow(const ElementRef &ref)
{
    // The echo of the user's own activation, or a problem of the same element already current
    // (unexpected sockets of one server share their reference): the row stays.
    if (ref.isValid() && m_model->refAt(m_view->currentIndex().row()) == ref)
        return;
    // Selecting a row is not an activation (that is a click or Enter): nothing is announced.
    const int row = m_model->rowOf(ref);
    if (ref.isValid() && row >= 0) {
        m_view->setCurrentIndex(m_model->index(row, 0));
        m_view->scrollTo(m_view->currentIndex());
    } else {
        m_view->selectionModel()->clearSelection();
        m_view->selectionModel()->setCurrentIndex({}, QItemSelectionModel::NoUpdate);
    }
}

QString ProblemsPane::message() const
{
    return m_model->rowCount() > 0 ? m_summary->text() : m_empty->text();
}

bool ProblemsPane::isShowingMessage() const
{
    return m_stack->currentWidget() == m_empty;
}

int ProblemsPane::problemCount() const
{
    return m_model->problemCount();
}

QString ProblemsPane::title() const
{
    // What the list shows, counted as it is listed: problems, then warnings and the unexpected
    // sockets apart (they only fail `edgemap check` with --strict).
    const int n = problemCount();
    const int warnings = m_model->warningCount();
    const int unexpected = m_model->unexpectedCount();
    QStringList parts;
    if (n > 0)
        parts.append(QString::number(n));
    if (warnings > 0)
        parts.append(warnings == 1 ? tr("1 warning") : tr("%1 warnings").arg(warnings));
    if (unexpected > 0)
        parts.append(tr("%1 unexpected").arg(unexpected));
    return parts.isEmpty() ? tr("Problems")
                           : tr("Problems (%1)").arg(parts.join(QStringLiteral(" + ")));
}

void ProblemsPane::setStatusPalette(StatusPalette palette)
{
    m_model->setStatusPalette(palette);
}

} // namespace edgemap
