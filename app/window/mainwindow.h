#pragma once

#include "core/elementref.h"
#include "statusstyle.h"
#include "window/fileactions.h"

#include <QHash>
#include <QMainWindow>
#include <QMessageBox>

#include <functional>

class QDockWidget;
class QDragEnterEvent;
class QDropEvent;
class QMenu;
class QToolBar;
class QTreeView;

namespace edgemap {

class Autosave;
class FileActions;
class DetailsView;
class DocumentActions;
class ExportActions;
class ListenerTablePane;
class LiveSources;
class NativeCaptureSource;
class ProblemsPane;
class ProbeActions;
class ProbesPane;
class PropertyEditor;
class Selection;
class SnapshotPane;
class SnapshotUi;
class DiagramPane;
class Document;
class SnapshotController;
class TopologyHeader;
class TopologyTreeModel;

// The EdgeMap main window over one Document: a header strip (topology and product) above the
// Edge diagram in the centre, the topology tree in a dock on the left and the details of the
// selected item in a dock on the right. Every pane shows the document's one Selection.
//
// File operations have dialog-free entry points (openFile, saveTo) for the command line and the
// tests. Every failure is recorded in lastError() and, when interactive (the default), shown in
// a message box; setInteractive(false) records without blocking on a modal box.
class MainWindow : public QMainWindow, protected FilePrompts
{
    Q_OBJECT

public:
    explicit MainWindow(Document &document, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Loads a topology file into the document; on failure the document is left untouched.
    bool openFile(const QString &path);
    // Opens a topology or a snapshot, told apart by content (File > Open, drops, the command
    // line). A topology replaces the document (after the unsaved-changes prompt); a
    // deployment's topology (Get-CsTopology -AsXml, Topology Builder) is imported in the
    // background and replaces it once read; a snapshot is checked against it. False, with the
    // reason in lastError(), for anything else.
    bool openAny(const QString &path);
    // Opens each of `paths` as openAny does, one after the other (an import is waited for),
    // then runs `then`.
    void openAll(const QStringList &paths, const std::function<void()> &then = {});
    // Topology files opened or saved, newest first (QSettings "recentFiles", at most 8).
    QStringList recentFiles() const;
    // Writes the topology atomically; on success the document takes the path and is unmodified.
    bool saveTo(const QString &path);

    // The status colours of the diagram, the table and the problems list (View > Status Colours).
    void setStatusPalette(StatusPalette palette);
    StatusPalette statusPalette() const { return m_palette; }

    void setInteractive(bool interactive) { m_interactive = interactive; }
    bool isInteractive() const { return m_interactive; }
    QString lastError() const { return m_lastError; }

    QTreeView *treeView() const { return m_tree; }
    TopologyTreeModel *treeModel() const { return m_model; }
    DetailsView *detailsView() const { return m_details; }
    TopologyHeader *header() const { return m_header; }
    QDockWidget *treeDock() const { return m_treeDock; }
    QDockWidget *detailsDock() const { return m_detailsDock; }
    DiagramPane *diagramPane() const { return m_diagram; }
    ListenerTablePane *listenerTable() const { return m_listeners; }
    QDockWidget *listenerDock() const { return m_listenerDock; }
    ProblemsPane *problemsList() const { return m_problems; }
    QDockWidget *problemsDock() const { return m_problemsDock; }
    PropertyEditor *propertyEditor() const { return m_properties; }
    QDockWidget *propertiesDock() const { return m_propertiesDock; }
    SnapshotPane *snapshotPane() const { return m_snapshotPane; }
    ProbesPane *probesPane() const { return m_probesPane; }
    QDockWidget *probesDock() const { return m_probesDock; }
    ProbeActions *probes() const { return m_probes; }
    QDockWidget *snapshotDock() const { return m_snapshotDock; }

    // Reads and judges a snapshot in the background; the result arrives through the Document
    // (checksChanged) and the status bar; failures are shown like file errors.
    void openSnapshot(const QString &path);
    SnapshotController *snapshots() const;
    Autosave *autosave() const { return m_autosave; }
    // The watched file and the capture profiles (the menu entries are the window's own).
    LiveSources *liveSources() const;
    // Capture This Computer; null where it is not available (everywhere but Windows).
    NativeCaptureSource *nativeCapture() const;
    ExportActions *exportActions() const { return m_exports; }
    DocumentActions *documentActions() const { return m_documents; }
    FileActions *fileActions() const { return m_files; }

    // Window geometry, dock layout and view options from QSettings; saved on close. False when
    // no geometry was saved (a first start).
    bool restoreSettings();
    // Where the window starts when no geometry was saved: maximised on a screen narrower than
    // 1600 px (a 1366x768 laptop, an RDP session), else most of the screen; never larger than
    // the screen's free area (`available`, less the frame and title bar).
    struct Placement
    {
        QSize size;
        bool maximised = false;
    };
    static Placement firstStartPlacement(const QSize &available);
    // Restores the saved settings and shows the window: where it was, else placed for a first
    // start with the tables tall enough for about eight rows.
    void showPlaced();
    void saveSettings() const;
    // Offers back autosaved work left by a crashed session (asks when interactive; returns the
    // number of copies restored).
    int offerAutosave();

    // Makes an item the document's selection, which every pane shows (the tree reveals it).
    // False, with the selection unchanged, when the reference is not in the tree.
    bool selectRef(const ElementRef &ref);
    ElementRef selectedRef() const;
    Selection *selection() const { return m_selection; }

public Q_SLOTS:
    void newTopology();
    void open();
    bool save();
    bool saveAs();
    void openSnapshotDialog();
    void pasteSnapshot();
    void about();

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    // Records the error and, when interactive, shows it. Overridable for tests and embedding.
    void showError(const QString &title, const QString &message) override;
    // Save / Discard / Cancel for unsaved changes; Cancel when not interactive, so that nothing
    // is lost without a person deciding.
    QMessageBox::StandardButton askToSave() override;
    // Restore / Discard / Later for one autosaved copy; Later (NoButton) when not interactive.
    QMessageBox::StandardButton askToRestore(const QString &description) override;
    // A list of the topology's servers (QInputDialog); -1 (Cancel) when not interactive.
    int askServer(const QString &snapshot, const QString &reason,
                  const QStringList &servers) override;
    // An information box with the details on demand; nothing when not interactive.
    void showReport(const QString &title, const QString &text, const QString &details) override;
    // The changes in a list with Apply and Cancel; Cancel when not interactive.
    bool confirmChanges(const QString &title, const QString &text,
                        const QStringList &changes) override;

private:
    void createCentre();
    void createTreeDock();
    void createDetailsDock();
    void createTableDocks();
    void createPropertiesDock();
    void createProbes();
    // Every dock, in the View menu's order.
    QList<QDockWidget *> docks() const;
    void createSnapshotDock();
    void arrangeDocks();
    QAction *createDiagramOnlyAction();
    QDockWidget *addDock(const QString &title, const QString &objectName, QWidget *widget,
                         Qt::DockWidgetArea area);
    void createViewMenu();
    void createMenus();
    void createEditMenu();
    void createHelpMenu();
    void createToolBar();
    void createSnapshotUi();
    void updateTitle();
    void expandNetwork();
    // The tree's columns: the names as wide as they need within the dock, the Status column
    // always in view (until the user sizes the columns).
    void fitTreeColumns();
    bool eventFilter(QObject *watched, QEvent *event) override;
    void expandNetworkFrom(const QModelIndex &index);
    // The tree is a view of the selection: it makes the current element its current row.
    void showInTree(const ElementRef &ref);

    Document &m_document;
    // Before the tree model: it must fall back before the model removes the selected row.
    Selection *m_selection = nullptr;
    TopologyTreeModel *m_model = nullptr;
    TopologyHeader *m_header = nullptr;
    DetailsView *m_details = nullptr;
    QTreeView *m_tree = nullptr;
    QAction *m_diagramOnly = nullptr;
    QByteArray m_statesBeforeDiagramOnly; // saveState() while the docks are hidden
    bool m_hidingDocks = false;
    QDockWidget *m_treeDock = nullptr;
    QDockWidget *m_detailsDock = nullptr;
    DiagramPane *m_diagram = nullptr;
    ListenerTablePane *m_listeners = nullptr;
    QDockWidget *m_listenerDock = nullptr;
    ProblemsPane *m_problems = nullptr;
    QDockWidget *m_problemsDock = nullptr;
    ProbeActions *m_probes = nullptr;
    ProbesPane *m_probesPane = nullptr;
    QDockWidget *m_probesDock = nullptr;
    PropertyEditor *m_properties = nullptr;
    QDockWidget *m_propertiesDock = nullptr;
    SnapshotPane *m_snapshotPane = nullptr;
    QDockWidget *m_snapshotDock = nullptr;
    ExportActions *m_exports = nullptr;
    DocumentActions *m_documents = nullptr;
    SnapshotUi *m_snapshotUi = nullptr;
    FileActions *m_files = nullptr;
    Autosave *m_autosave = nullptr;
    QToolBar *m_toolBar = nullptr;
    QMenu *m_snapshotMenu = nullptr;
    StatusPalette m_palette = StatusPalette::Light;
    bool m_interactive = true;
    bool m_treeSizedByUser = false;
    bool m_fittingTree = false;
    QString m_lastError;
};

} // namespace edgemap
