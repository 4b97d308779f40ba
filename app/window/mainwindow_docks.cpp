// MainWindow: the docks around the diagram (topology tree, details, listener table, problems)
// and the one selection they share (the document's Selection, which each pane reads and writes).
#include "window/mainwindow.h"

#include "diagram/diagrampane.h"
#include "document/document.h"
#include "editing/propertyeditor.h"
#include "panes/detailsview.h"
#include "panes/listenertablemodel.h"
#include "panes/listenertablepane.h"
#include "panes/probespane.h"
#include "panes/problemspane.h"
#include "panes/snapshotpane.h"
#include "panes/topologytreemodel.h"
#include "probes/probeactions.h"
#include "selection.h"

#include <QDockWidget>
#include <QHeaderView>
#include <QTreeView>

namespace edgemap {

QDockWidget *MainWindow::addDock(const QString &title, const QString &objectName, QWidget *widget,
                                 Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setWidget(widget);
    addDockWidget(area, dock);
    return dock;
}

void MainWindow::createTreeDock()
{
    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("topologyTree"));
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->setAllColumnsShowFocus(true);
    m_tree->header()->setStretchLastSection(true);
    // A column the user drags keeps its width; until then the columns follow the dock's width.
    connect(m_tree->header(), &QHeaderView::sectionResized, this, [this] {
        if (!m_fittingTree)
            m_treeSizedByUser = true;
    });
    m_tree->viewport()->installEventFilter(this);
    m_tree->setAlternatingRowColors(true);
    // The tree is a view of the selection, not its home: a row the user makes current becomes
    // the selection, and a selection made elsewhere becomes the current row.
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                m_selection->setCurrent(m_model->refAt(current));
            });
    connect(m_selection, &Selection::currentChanged, this, &MainWindow::showInTree);
    m_treeDock = addDock(tr("Topology"), QStringLiteral("topologyDock"), m_tree,
                         Qt::LeftDockWidgetArea);
}

void MainWindow::createDetailsDock()
{
    m_details = new DetailsView(m_document, this);
    m_detailsDock = addDock(tr("Details"), QStringLiteral("detailsDock"), m_details,
                            Qt::LeftDockWidgetArea);
}

void MainWindow::createPropertiesDock()
{
    m_properties = new PropertyEditor(m_document, this);
    m_properties->setObjectName(QStringLiteral("propertyEditor"));
    m_propertiesDock = addDock(tr("Properties"), QStringLiteral("propertiesDock"), m_properties,
                               Qt::LeftDockWidgetArea);
}

void MainWindow::createTableDocks()
{
    m_listeners = new ListenerTablePane(m_document, this);
    m_listeners->setObjectName(QStringLiteral("listenerTable"));
    m_listenerDock = addDock(tr("Listeners"), QStringLiteral("listenerDock"), m_listeners,
                             Qt::BottomDockWidgetArea);

    m_problems = new ProblemsPane(m_document, this);
    m_problems->setObjectName(QStringLiteral("problemsList"));
    m_problemsDock = addDock(m_problems->title(), QStringLiteral("problemsDock"), m_problems,
                             Qt::BottomDockWidgetArea);
    connect(m_problems, &ProblemsPane::countChanged, this,
            [this] { m_problemsDock->setWindowTitle(m_problems->title()); });
    // Problems appearing (none before): show them rather than leave them behind a tab. Not on
    // every check: a watched file or a capture re-checks every few seconds, and an edit
    // re-judges, while the user may be typing in the listener filter.
    connect(m_problems, &ProblemsPane::countChanged, this, [this, before = 0](int now) mutable {
        if (before == 0 && now > 0 && !m_problemsDock->isHidden())
            m_problemsDock->raise();
        before = now;
    });
}

void MainWindow::arrangeDocks()
{
    // One column on the left (the tree above the details of what it selects), the tables below:
    // the diagram keeps the whole right-hand side, about 980x470 pixels at 1280x800.
    splitDockWidget(m_treeDock, m_detailsDock, Qt::Vertical);
    tabifyDockWidget(m_detailsDock, m_propertiesDock);
    m_detailsDock->raise();
    tabifyDockWidget(m_listenerDock, m_problemsDock);
    tabifyDockWidget(m_problemsDock, m_snapshotDock);
    tabifyDockWidget(m_snapshotDock, m_probesDock);
    m_listenerDock->raise();
    resizeDocks({m_treeDock}, {300}, Qt::Horizontal);
    resizeDocks({m_treeDock, m_detailsDock}, {330, 250}, Qt::Vertical);
    resizeDocks({m_listenerDock}, {170}, Qt::Vertical);
}

// The Probes pane, tabbed with Problems and Snapshot, and Probe from Here's progress in it.
void MainWindow::createProbes()
{
    m_probes = new ProbeActions(m_document, statusBar(), this);
    connect(m_probes, &ProbeActions::errorOccurred, this, &MainWindow::showError);
    m_probesPane = new ProbesPane(m_document, this);
    m_probesPane->setObjectName(QStringLiteral("probesPane"));
    m_probesDock = addDock(m_probesPane->title(), QStringLiteral("probesDock"), m_probesPane,
                           Qt::BottomDockWidgetArea);
    connect(m_probesPane, &ProbesPane::titleChanged, m_probesDock, &QDockWidget::setWindowTitle);
    connect(m_probesPane, &ProbesPane::probeRequested, m_probes, &ProbeActions::probeFromHere);
    connect(m_probesPane, &ProbesPane::cancelRequested, m_probes, &ProbeActions::cancel);
    connect(m_probes, &ProbeActions::started, this, [this](int total) {
        m_probesPane->runStarted(total);
        m_probesDock->show();
        m_probesDock->raise();
        // The bottom docks start a few rows high; a run's results want a third of the window.
        if (!m_probesDock->isFloating() && m_probesDock->height() < height() / 3)
            resizeDocks({m_probesDock}, {height() / 3}, Qt::Vertical);
    });
    connect(m_probes, &ProbeActions::progress, m_probesPane, &ProbesPane::runProgress);
    connect(m_probes, &ProbeActions::finished, m_probesPane, &ProbesPane::runFinished);
}

void MainWindow::createSnapshotDock()
{
    m_snapshotPane = new SnapshotPane(m_document, this);
    m_snapshotPane->setObjectName(QStringLiteral("snapshotPane"));
    m_snapshotDock = addDock(tr("Snapshot"), QStringLiteral("snapshotDock"), m_snapshotPane,
                             Qt::BottomDockWidgetArea);
    connect(m_snapshotPane, &SnapshotPane::filesDropped, this, [this](const QStringList &files) {
        for (const QString &path : files)
            openAny(path);
    });
}

} // namespace edgemap
