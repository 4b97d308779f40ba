// MainWindow: layout, title and selection. The docks are in mainwindow_docks.cpp, menus and the
// toolbar in mainwindow_menus.cpp, file operations in mainwindow_file.cpp; the snapshot controls
// are a SnapshotUi.
#include "window/mainwindow.h"

#include "diagram/diagrampane.h"
#include "document/document.h"
#include "editing/propertyeditor.h"
#include "panes/detailsview.h"
#include "panes/snapshotpane.h"
#include "panes/topologyheader.h"
#include "panes/topologytreemodel.h"
#include "selection.h"
#include "window/autosave.h"
#include "window/fileactions.h"
#include "window/snapshotui.h"

#include <QAction>
#include <QActionGroup>
#include <QDockWidget>
#include <QEvent>
#include <QFileInfo>
#include <QHeaderView>
#include <QKeySequence>
#include <QMenuBar>
#include <QStatusBar>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace edgemap {

MainWindow::MainWindow(Document &document, QWidget *parent)
    : QMainWindow(parent)
    , m_document(document)
    , m_selection(Selection::of(document))
    , m_model(new TopologyTreeModel(document, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    createCentre();
    createTreeDock();
    createDetailsDock();
    createPropertiesDock();
    createTableDocks();
    createSnapshotDock();
    createSnapshotUi();
    createProbes();
    arrangeDocks();
    setStatusPalette(m_palette);
    statusBar(); // created up front so that the actions' status tips have somewhere to go
    m_autosave = new Autosave(m_document, {}, this);
    connect(m_autosave, &Autosave::writeFailed, this, [this](const Error &error) {
        statusBar()->showMessage(tr("Autosave failed: %1").arg(error.toString()), 15000);
    });
    m_files = new FileActions(m_document, *m_snapshotUi, *m_properties, *m_autosave, *this,
                              statusBar(), this);
    createMenus();
    createToolBar();
    setAcceptDrops(true);
    // The diagram would take drops for its scene; the window tells files apart instead.
    m_diagram->setAcceptDrops(false);

    connect(&m_document, &Document::filePathChanged, this, &MainWindow::updateTitle);
    connect(&m_document, &Document::topologyReplaced, this, &MainWindow::updateTitle);
    connect(&m_document, &Document::fieldChanged, this, &MainWindow::updateTitle);
    connect(&m_document, &Document::modifiedChanged, this, &MainWindow::setWindowModified);
    // Another topology starts with the default folding and column widths; an edit changes the
    // tree in place, so it keeps the user's folding, and rows it adds (a new member) open as
    // the network opens.
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        expandNetwork();
        showInTree(m_selection->current());
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &under, int first, int last) {
                for (int row = first; row <= last; ++row)
                    expandNetworkFrom(m_model->index(row, 0, under));
            });

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
    m_diagram = new DiagramPane(m_document, centre);
    m_palette = statusPaletteFor(palette());
    layout->addWidget(m_header);
    layout->addWidget(m_diagram, 1);
    setCentralWidget(centre);
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

void MainWindow::expandNetwork()
{
    // Pools, servers, interfaces and addresses open: the listeners on each address (and their
    // status) are what the admin looks for first. The Services/Peers/Scenarios groups stay folded.
    for (int p = 0; p < m_model->rowCount(); ++p)
        expandNetworkFrom(m_model->index(p, 0));
    fitTreeColumns();
}

void MainWindow::fitTreeColumns()
{
    if (m_treeSizedByUser)
        return;
    m_fittingTree = true;
    // The Status column as wide as its words; the names as wide as they need (NAT addresses
    // included) but never pushing Status out of the dock: the Detail column comes after.
    m_tree->resizeColumnToContents(TopologyTreeModel::StatusColumn);
    const int status = m_tree->columnWidth(TopologyTreeModel::StatusColumn) + 8;
    m_tree->setColumnWidth(TopologyTreeModel::StatusColumn, status);
    m_tree->resizeColumnToContents(TopologyTreeModel::NameColumn);
    const int wanted = m_tree->columnWidth(TopologyTreeModel::NameColumn) + 24;
    const int room = m_tree->viewport()->width() - status;
    m_tree->setColumnWidth(TopologyTreeModel::NameColumn,
                           std::clamp(wanted, 120, std::max(120, room)));
    m_fittingTree = false;
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_tree->viewport() && event->type() == QEvent::Resize)
        fitTreeColumns();
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::expandNetworkFrom(const QModelIndex &index)
{
    using K = ElementRef::Kind;
    const ElementRef ref = m_model->refAt(index);
    const auto *group = ref.as<GroupRef>();
    const bool network = ref.kind() == K::Pool || ref.kind() == K::Server
                         || ref.kind() == K::Interface || ref.kind() == K::Address
                         || (group && group->kind == GroupRef::Kind::AllInterfaces);
    if (!network)
        return;
    m_tree->expand(index);
    for (int row = 0; row < m_model->rowCount(index); ++row)
        expandNetworkFrom(m_model->index(row, 0, index));
}

void MainWindow::showInTree(const ElementRef &ref)
{
    const QModelIndex index = m_model->indexFor(ref);
    if (index == m_tree->currentIndex())
        return;
    if (index.isValid()) {
        m_tree->setCurrentIndex(index);
        m_tree->scrollTo(index);
    } else {
        m_tree->selectionModel()->clearSelection();
        m_tree->selectionModel()->setCurrentIndex({}, QItemSelectionModel::NoUpdate);
    }
}

bool MainWindow::selectRef(const ElementRef &ref)
{
    if (!m_model->indexFor(ref).isValid())
        return false;
    m_selection->setCurrent(ref);
    // Already current: the tree still reveals it (the user may have scrolled away).
    m_tree->scrollTo(m_model->indexFor(ref));
    return true;
}

ElementRef MainWindow::selectedRef() const
{
    return m_selection->current();
}

void MainWindow::createSnapshotUi()
{
    m_snapshotUi = new SnapshotUi(m_document, statusBar(), this);
    m_snapshotUi->setPrompts(this);
    connect(m_snapshotUi->openAction(), &QAction::triggered, this, &MainWindow::openSnapshotDialog);
    connect(m_snapshotUi, &SnapshotUi::errorOccurred, this, &MainWindow::showError);
    connect(m_snapshotUi, &SnapshotUi::loadFailed, m_snapshotPane, &SnapshotPane::showLoadError);
    connect(m_snapshotUi, &SnapshotUi::sourceStateChanged, m_snapshotPane,
            &SnapshotPane::setSourceState);
}

SnapshotController *MainWindow::snapshots() const
{
    return m_snapshotUi->controller();
}

LiveSources *MainWindow::liveSources() const
{
    return m_snapshotUi->liveSources();
}

NativeCaptureSource *MainWindow::nativeCapture() const
{
    return m_snapshotUi->nativeCapture();
}

void MainWindow::openSnapshot(const QString &path)
{
    m_snapshotUi->openFile(path);
}

void MainWindow::openSnapshotDialog()
{
    m_snapshotUi->openDialog(m_files->dialogDirectory());
}

void MainWindow::pasteSnapshot()
{
    m_snapshotUi->paste();
}

} // namespace edgemap
