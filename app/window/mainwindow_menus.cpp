// MainWindow: menus (File, Edit, View, Snapshot, Help), the toolbar and the About box.
#include "window/mainwindow.h"

#include "diagram/diagrampane.h"
#include "document/document.h"
#include "editing/propertyeditor.h"
#include "panes/listenertablepane.h"
#include "panes/probespane.h"
#include "panes/problemspane.h"
#include "panes/topologytreemodel.h"
#include "probes/probeactions.h"
#include "window/documentactions.h"
#include "window/exportactions.h"
#include "window/fileactions.h"
#include "window/snapshotui.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QKeySequence>
#include <QLineEdit>
#include <QMenuBar>
#include <QPalette>
#include <QScopedValueRollback>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QStyleFactory>
#include <QToolBar>
#include <QUndoStack>

#include <utility>

namespace edgemap {

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    m_files->populateMenu(file);
    // Export Diagram, Copy Diagram, Print Preview, Print: one exporter for the GUI and the CLI.
    m_exports = new ExportActions(m_document, m_diagram, this);
    m_exports->populateMenu(file);
    m_documents = new DocumentActions(m_document, this);
    m_documents->populateMenu(file);
    connect(m_documents, &DocumentActions::failed, this, &MainWindow::showError);
    connect(m_documents, &DocumentActions::exported, this, [this](const QString &path) {
        statusBar()->showMessage(tr("Wrote %1").arg(QDir::toNativeSeparators(path)), 5000);
    });
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"));
    quit->setShortcuts(QKeySequence::Quit);
    quit->setStatusTip(tr("Close EdgeMap"));
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    createEditMenu();
    createViewMenu();
    m_snapshotMenu = menuBar()->addMenu(tr("&Snapshot"));
    m_snapshotMenu->setObjectName(QStringLiteral("snapshotMenu"));
    m_snapshotUi->populateMenu(m_snapshotMenu);
    m_snapshotMenu->addSeparator();
    m_probes->populateMenu(m_snapshotMenu);
    createHelpMenu();
}

void MainWindow::createEditMenu()
{
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    // The stack's own actions: their text names the edit ("Undo Change server FQDN of edge01")
    // and they enable themselves.
    QAction *undo = m_document.undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcuts(QKeySequence::Undo);
    undo->setObjectName(QStringLiteral("undoAction"));
    undo->setIcon(style()->standardIcon(QStyle::SP_ArrowBack));
    QAction *redo = m_document.undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts(QKeySequence::Redo);
    redo->setObjectName(QStringLiteral("redoAction"));
    redo->setIcon(style()->standardIcon(QStyle::SP_ArrowForward));
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    QAction *properties = edit->addAction(tr("Edit &Properties"));
    properties->setShortcut(QKeySequence(Qt::Key_F2));
    properties->setStatusTip(tr("Edit the selected item: names, addresses, NAT, ports, members, "
                                "peers"));
    connect(properties, &QAction::triggered, this, [this] {
        m_propertiesDock->show();
        m_propertiesDock->raise();
        // The first field of the form, ready to type in.
        if (auto *field = m_properties->findChild<QLineEdit *>()) {
            field->setFocus(Qt::ShortcutFocusReason);
            field->selectAll();
        }
    });
    edit->addSeparator();
    edit->addAction(m_listeners->copyAction());
    QAction *find = edit->addAction(tr("&Filter Listeners"));
    find->setShortcuts(QKeySequence::Find);
    find->setStatusTip(tr("Find listeners by port, address, process or status"));
    connect(find, &QAction::triggered, this, [this] {
        m_listenerDock->show();
        m_listenerDock->raise();
        m_listeners->filterEdit()->setFocus(Qt::ShortcutFocusReason);
        m_listeners->filterEdit()->selectAll();
    });
}

void MainWindow::createViewMenu()
{
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    view->addAction(m_diagram->zoomInAction());
    view->addAction(m_diagram->zoomOutAction());
    view->addAction(m_diagram->fitAction());
    view->addSeparator();
    view->addAction(m_diagram->legendAction());
    QMenu *colours = view->addMenu(tr("Status &Colours"));
    auto *group = new QActionGroup(this);
    const std::pair<QString, StatusPalette> choices[]
            = {{tr("&Light"), StatusPalette::Light},
               {tr("&Dark"), StatusPalette::Dark},
               {tr("Colour-&blind safe"), StatusPalette::ColourBlind}};
    for (const auto &[text, palette] : choices) {
        QAction *action = colours->addAction(text);
        action->setCheckable(true);
        action->setData(int(palette));
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, p = palette] { setStatusPalette(p); });
    }
    // Tick the palette in use when the menu opens: restoreSettings() may have changed it.
    connect(colours, &QMenu::aboutToShow, this, [this, group] {
        for (QAction *a : group->actions())
            a->setChecked(a->data().toInt() == int(m_palette));
    });
    view->addSeparator();
    view->addAction(createDiagramOnlyAction());
    for (QDockWidget *dock : docks())
        view->addAction(dock->toggleViewAction());
}

QList<QDockWidget *> MainWindow::docks() const
{
    return {m_treeDock,     m_detailsDock,  m_propertiesDock, m_listenerDock,
            m_problemsDock, m_snapshotDock, m_probesDock};
}

// On a laptop screen the docks leave the diagram a strip: "Diagram Only" hides them all (the
// window keeps their arrangement) and gives the diagram the window; again brings them back.
QAction *MainWindow::createDiagramOnlyAction()
{
    m_diagramOnly = new QAction(tr("&Diagram Only"), this);
    m_diagramOnly->setObjectName(QStringLiteral("diagramOnlyAction"));
    m_diagramOnly->setCheckable(true);
    m_diagramOnly->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    m_diagramOnly->setToolTip(
            tr("Hide the panes and give the diagram the window (%1)")
                    .arg(m_diagramOnly->shortcut().toString(QKeySequence::NativeText)));
    const QList<QDockWidget *> docks = this->docks();
    connect(m_diagramOnly, &QAction::toggled, this, [this, docks](bool only) {
        if (only) {
            m_statesBeforeDiagramOnly = saveState();
            // Hiding a tab raises its neighbour: that is not the user showing a pane.
            const QScopedValueRollback hiding(m_hidingDocks, true);
            for (QDockWidget *dock : docks)
                dock->hide();
        } else if (!m_statesBeforeDiagramOnly.isEmpty()) {
            restoreState(m_statesBeforeDiagramOnly);
            m_statesBeforeDiagramOnly.clear();
        }
    });
    // Showing a pane by hand ends the mode (without restoring the others over it).
    for (QDockWidget *dock : docks)
        connect(dock, &QDockWidget::visibilityChanged, this, [this, dock](bool visible) {
            if (visible && m_diagramOnly->isChecked() && !m_hidingDocks) {
                m_statesBeforeDiagramOnly.clear();
                const QSignalBlocker blocker(m_diagramOnly);
                m_diagramOnly->setChecked(false);
            }
        });
    return m_diagramOnly;
}

namespace {

// The window's own colours for a status palette. Dark makes the whole window dark (Fusion, whose
// drawing follows the palette on every platform; the native Windows style ignores most of it).
// The colour-blind palette keeps the system's colours but selects in neutral grey, so that a
// selected row is never the blue of OK.
void applyWindowColours(StatusPalette palette)
{
    static const QPalette systemPalette = QApplication::palette();
    static const QString systemStyle = QApplication::style()->name();
    static StatusPalette applied = statusPaletteFor(systemPalette);
    if (palette == applied)
        return;
    const bool darkWanted = palette == StatusPalette::Dark
                            && statusPaletteFor(systemPalette) != StatusPalette::Dark;
    const QString style = darkWanted ? QStringLiteral("Fusion") : systemStyle;
    if (QApplication::style()->name().compare(style, Qt::CaseInsensitive) != 0)
        if (QStyle *s = QStyleFactory::create(style))
            QApplication::setStyle(s);
    QPalette p = systemPalette;
    if (darkWanted) {
        p = QPalette(QColor(0x2b, 0x2f, 0x36), QColor(0x24, 0x28, 0x2e));
        p.setColor(QPalette::Base, QColor(0x1e, 0x22, 0x27));
        p.setColor(QPalette::AlternateBase, QColor(0x26, 0x2b, 0x31));
        p.setColor(QPalette::Text, QColor(0xe8, 0xea, 0xed));
        p.setColor(QPalette::WindowText, QColor(0xe8, 0xea, 0xed));
        p.setColor(QPalette::ButtonText, QColor(0xe8, 0xea, 0xed));
        p.setColor(QPalette::ToolTipBase, QColor(0x31, 0x36, 0x3e));
        p.setColor(QPalette::ToolTipText, QColor(0xe8, 0xea, 0xed));
        p.setColor(QPalette::PlaceholderText, QColor(0xa0, 0xa8, 0xb0));
        p.setColor(QPalette::Highlight, QColor(0x3d, 0x6f, 0xa8));
        p.setColor(QPalette::HighlightedText, Qt::white);
        p.setColor(QPalette::Link, QColor(0x8a, 0xb4, 0xf8));
        p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x88, 0x90));
        p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x88, 0x90));
        p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x88, 0x90));
    } else if (palette == StatusPalette::ColourBlind) {
        p.setColor(QPalette::Highlight, QColor(0x4d, 0x4d, 0x4d));
        p.setColor(QPalette::HighlightedText, Qt::white);
    }
    QApplication::setPalette(p);
    applied = palette;
}

} // namespace

void MainWindow::setStatusPalette(StatusPalette palette)
{
    // One palette for every view that colours a status, and the window's own colours with it.
    m_palette = palette;
    applyWindowColours(palette);
    m_model->setStatusPalette(palette);
    m_diagram->setStatusPalette(palette);
    m_listeners->setStatusPalette(palette);
    m_problems->setStatusPalette(palette);
    m_probesPane->setStatusPalette(palette);
}

void MainWindow::createHelpMenu()
{
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About EdgeMap"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &MainWindow::about);
    QAction *aboutQt = help->addAction(tr("About &Qt"));
    aboutQt->setMenuRole(QAction::AboutQtRole);
    connect(aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::createToolBar()
{
    m_toolBar = addToolBar(tr("Main"));
    m_toolBar->setObjectName(QStringLiteral("mainToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->setIconSize(QSize(16, 16));
    // The File actions are found by their shortcut so that the menu stays the one definition.
    const auto byKey = [this](QKeySequence::StandardKey key) -> QAction * {
        const QKeySequence wanted = QKeySequence::keyBindings(key).value(0);
        for (QAction *a : menuBar()->actions().constFirst()->menu()->actions())
            if (!wanted.isEmpty() && a->shortcut() == wanted)
                return a;
        return nullptr;
    };
    for (auto key : {QKeySequence::New, QKeySequence::Open, QKeySequence::Save})
        if (QAction *a = byKey(key))
            m_toolBar->addAction(a);
    m_toolBar->addSeparator();
    for (const QString &name : {QStringLiteral("undoAction"), QStringLiteral("redoAction")})
        if (auto *a = findChild<QAction *>(name))
            m_toolBar->addAction(a);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_snapshotUi->openAction());
    m_toolBar->addAction(m_snapshotUi->pasteAction());
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_diagram->fitAction());
    m_toolBar->addAction(m_diagramOnly);
}

void MainWindow::about()
{
    const QString text
            = tr("<h3>EdgeMap %1</h3>"
                 "<p>Understand and troubleshoot a Lync / Skype for Business Server Edge: the "
                 "topology as a diagram, every listener checked against a netstat snapshot, the "
                 "inbound paths each scenario takes.</p>"
                 "<p>Built with Qt %2 (running on Qt %3).</p>")
                      .arg(QApplication::applicationVersion().toHtmlEscaped(),
                           QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion()));
    if (m_interactive)
        QMessageBox::about(this, tr("About EdgeMap"), text);
}

} // namespace edgemap
