// MainWindow: layout, docks, title and selection. Menus and the toolbar are in
// mainwindow_menus.cpp, file operations in mainwindow_file.cpp, snapshots in
// mainwindow_snapshot.cpp.
#include "mainwindow.h"

#include "autosave.h"
#include "detailsview.h"
#include "diagramview.h"
#include "document.h"
#include "propertyeditor.h"
#include "topologyheader.h"
#include "topologytreemodel.h"

#include <QAction>
#include <QActionGroup>
#include <QDockWidget>
#include <QFileInfo>
#include <QHeaderView>
#include <QKeySequence>
#include <QMenuBar>
#include <QScrollBar>
#include <QStatusBar>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace edgemap {

MainWindow::MainWindow(Document &document, QWidget *parent)
    : QMainWindow(parent)
    , m_document(document)
    , m_model(new TopologyTreeModel(document, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    createCentre();
    createTreeDock();
    createDetailsDock();
    createPropertiesDock();
    createTableDocks();
    createSnapshotDock();
    arrangeDocks();
    setStatusPalette(m_palette);
    statusBar(); // created up front so that the actions' status tips have somewhere to go
    createMenus();
    createToolBar();
    m_autosave = new Autosave(m_document, {}, this);
    setAcceptDrops(true);
    // The diagram would take drops for its scene; the window tells files apart instead.
    m_diagram->setAcceptDrops(false);

    connect(&m_document, &Document::filePathChanged, this, &MainWindow::updateTitle);
    connect(&m_document, &Document::topologyReset, this, &MainWindow::updateTitle);
    connect(&m_document, &Document::modifiedChanged, this, &MainWindow::setWindowModified);
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        // The selection and its ancestors: when an undo removes the selected node (an added
        // member, a peer), the nearest one that survives is selected instead.
        m_refBeforeReset.clear();
        for (QModelIndex i = m_tree->currentIndex(); i.isValid(); i = i.parent())
            if (const ElementRef ref = m_model->refAt(i); ref.isValid())
                m_refBeforeReset.append(ref);
        // Another topology starts with the default folding and column widths; an edit keeps
        // the tree as the user left it.
        if (m_document.isReplacingTopology())
            m_treeBeforeReset.reset();
        else
            m_treeBeforeReset = treeState();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &MainWindow::restoreSelection);

    updateTitle();
    setWindowModified(m_document.isModified());
    expandNetwork();
}

MainWindow::~MainWindow() = default;

void MainWindow::createCentre()
{
    auto *centre = new QWidget(this);
    auto *layout = new QVBoxLayout(centre);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_header = new TopologyHeader(m_document, centre);
    m_diagram = new DiagramView(m_document, centre);
    m_palette = statusPaletteFor(palette());
    layout->addWidget(m_header);
    layout->addWidget(m_diagram, 1);
    setCentralWidget(centre);
    // One selection: a click in the diagram selects in the tree, which shows the details and
    // tells the diagram (a no-op when it already shows that reference).
    connect(m_diagram, &DiagramView::refSelected, this, &MainWindow::selectRef);
}

void MainWindow::updateTitle()
{
    const QString path = m_document.filePath();
    QString shown = path.isEmpty() ? m_document.topology().name : QFileInfo(path).fileName();
    if (shown.isEmpty())
        shown = tr("Untitled");
    setWindowFilePath(path);
    setWindowTitle(tr("%1[*] — EdgeMap").arg(shown));
}

void MainWindow::expandNetwork(bool sizeColumns)
{
    // Pools, servers, interfaces and addresses open: the listeners on each address (and their
    // status) are what the admin looks for first. The Services/Peers/Scenarios groups stay folded.
    for (int p = 0; p < m_model->rowCount(); ++p) {
        const QModelIndex pool = m_model->index(p, 0);
        if (m_model->refAt(pool).kind() != ElementRef::Kind::Pool)
            continue;
        m_tree->expand(pool);
        for (int s = 0; s < m_model->rowCount(pool); ++s) {
            const QModelIndex server = m_model->index(s, 0, pool);
            m_tree->expand(server);
            for (int i = 0; i < m_model->rowCount(server); ++i) {
                const QModelIndex nic = m_model->index(i, 0, server);
                m_tree->expand(nic);
                for (int a = 0; a < m_model->rowCount(nic); ++a) // addresses: show the listeners
                    m_tree->expand(m_model->index(a, 0, nic));
            }
        }
    }
    if (!sizeColumns) // after an edit: the widths the user chose stay
        return;
    // Wide enough for the addresses (NAT included), narrow enough to leave the detail column.
    m_tree->resizeColumnToContents(TopologyTreeModel::NameColumn);
    const int width = m_tree->columnWidth(TopologyTreeModel::NameColumn) + 24;
    m_tree->setColumnWidth(TopologyTreeModel::NameColumn, std::clamp(width, 280, 420));
    m_tree->setColumnWidth(TopologyTreeModel::StatusColumn, 130);
}

namespace {

// Calls `visit` for every node of the tree model with a reference, parents before children.
template<typename Visit>
void forEachNode(const TopologyTreeModel *model, Visit visit)
{
    QList<QModelIndex> pending{QModelIndex()};
    while (!pending.isEmpty()) {
        const QModelIndex parent = pending.takeLast();
        for (int row = 0; row < model->rowCount(parent); ++row) {
            const QModelIndex index = model->index(row, 0, parent);
            if (const ElementRef ref = model->refAt(index); ref.isValid())
                visit(index, ref);
            pending.append(index);
        }
    }
}

} // namespace

MainWindow::TreeState MainWindow::treeState() const
{
    TreeState state;
    state.scroll = m_tree->verticalScrollBar()->value();
    forEachNode(m_model, [&](const QModelIndex &index, const ElementRef &ref) {
        state.known.insert(ref);
        if (m_tree->isExpanded(index))
            state.expanded.insert(ref);
    });
    return state;
}

void MainWindow::restoreTreeState(const TreeState &state)
{
    // Nodes the tree had keep the user's choice; new ones (an added member, another topology)
    // open as expandNetwork would open them.
    expandNetwork(false);
    forEachNode(m_model, [&](const QModelIndex &index, const ElementRef &ref) {
        if (state.known.contains(ref))
            m_tree->setExpanded(index, state.expanded.contains(ref));
    });
    m_tree->verticalScrollBar()->setValue(state.scroll);
}

void MainWindow::restoreSelection()
{
    if (m_treeBeforeReset)
        restoreTreeState(*std::exchange(m_treeBeforeReset, std::nullopt));
    else
        expandNetwork();
    for (const ElementRef &ref : std::exchange(m_refBeforeReset, {}))
        if (selectRef(ref))
            return;
    m_details->showRef({});
    m_properties->showRef({});
}

bool MainWindow::selectRef(const ElementRef &ref)
{
    const QModelIndex index = m_model->indexFor(ref);
    if (!index.isValid())
        return false;
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
    return true;
}

ElementRef MainWindow::selectedRef() const
{
    return m_model->refAt(m_tree->currentIndex());
}

} // namespace edgemap
