// The main window's docks working together: one selection across the tree, the diagram, the
// listener table, the problems list and the property editor; one status palette; dock titles
// and panes that follow a loaded snapshot; an edit in the property editor reaching every view.
#include "diagram/diagrampane.h"
#include "document/document.h"
#include "document/topologyops.h"
#include "editing/propertyeditor.h"
#include "io/topologyfile.h"
#include "live/livesources.h"
#include "live/snapshotcontroller.h"
#include "panes/detailsview.h"
#include "panes/listenertablemodel.h"
#include "panes/listenertablepane.h"
#include "panes/problemsmodel.h"
#include "panes/problemspane.h"
#include "panes/snapshotpane.h"
#include "panes/topologytreemodel.h"
#include "selection.h"
#include "statusstyle.h"
#include "support/tst_pool_util.h"
#include "support/tst_settings_util.h"
#include "support/tst_snapshot_util.h"
#include "support/tst_source_util.h"
#include "support/tst_watch_util.h"
#include "window/mainwindow.h"

#include <QAction>
#include <QClipboard>
#include <QDockWidget>
#include <QFile>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QUndoStack>

using namespace edgemap;
using namespace Qt::StringLiterals;

namespace {

const QString kSample = snapshottest::bundledSamplePath();
const ListenerId kPsom(u"edge01-int-tcp-8057"_s);
const ListenerId kAccess443(u"edge01-access-tcp-443"_s);

// Loads the bundled sample (RTCDATAPROXY stopped) through the window, as File > Open would.
bool loadSample(MainWindow &window)
{
    QSignalSpy finished(window.snapshots(), &SnapshotController::finished);
    window.openSnapshot(kSample);
    return finished.wait(20000);
}

ElementRef tableRef(const QTableView *view, int row)
{
    return view->model()->index(row, 0).data(ListenerTableModel::RefRole).value<ElementRef>();
}

} // namespace

class TstMainWindowPanes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void treeSelectionReachesEveryView();
    void tableSelectionReachesTheTree();
    void ctrlClickSelectsSeveralRowsToCopy();
    void problemSelectsAndRevealsInDiagram();
    void panesFollowTheSnapshot();
    void paletteReachesEveryView();
    void propertyEditReachesEveryViewAndUndoes();
    void anEditKeepsTheTreeAndTableAsTheUserLeftThem();
    void treeKeepsExpansionAndSelectionThroughEditsAndUndo();
    void everyPaneFollowsASelectionMadeElsewhere();
    void onlyLoadsTheUserAskedForFailAloud();
    void watchedFileFeedsThePaneAndGoesStaleQuietly();

private:
    QTemporaryDir m_userFiles;
};

void TstMainWindowPanes::initTestCase()
{
    testutil::isolateUserFiles(m_userFiles);
}

void TstMainWindowPanes::treeSelectionReachesEveryView()
{
    Document doc(topologyfile::defaultTopology());
    MainWindow window(doc);
    window.setInteractive(false);
    const ElementRef ref = ElementRef::listener(kPsom);
    QVERIFY(window.selectRef(ref));
    QCOMPARE(window.diagramPane()->selectedRef(), ref);
    QCOMPARE(window.propertyEditor()->ref(), ref);
    const QModelIndex current = window.listenerTable()->view()->currentIndex();
    QCOMPARE(current.data(ListenerTableModel::RefRole).value<ElementRef>(), ref);

    // Something the table does not list (a server) leaves no stale row selected there.
    QVERIFY(window.selectRef(ElementRef::server(ServerId(u"edge01"_s))));
    QVERIFY(!window.listenerTable()->view()->selectionModel()->hasSelection());
    QCOMPARE(window.propertyEditor()->ref(), ElementRef::server(ServerId(u"edge01"_s)));
}

void TstMainWindowPanes::tableSelectionReachesTheTree()
{
    Document doc(topologyfile::defaultTopology());
    MainWindow window(doc);
    window.setInteractive(false);
    window.show();
    QTableView *view = window.listenerTable()->view();
    QVERIFY(window.selectRef(ElementRef::listener(kAccess443)));
    const ElementRef next = tableRef(view, view->currentIndex().row() + 1);
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Down); // the user moves in the table
    QCOMPARE(window.selectedRef(), next);
    QCOMPARE(window.diagramPane()->selectedRef(), next);
    QCOMPARE(window.propertyEditor()->ref(), next);
}

void TstMainWindowPanes::ctrlClickSelectsSeveralRowsToCopy()
{
    Document doc(topologyfile::defaultTopology());
    MainWindow window(doc);
    window.setInteractive(false);
    window.resize(1280, 800);
    window.show();
    window.listenerDock()->raise();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTableView *view = window.listenerTable()->view();
    const auto click = [view](int row, Qt::KeyboardModifiers mods) {
        const QModelIndex index = view->model()->index(row, 1);
        view->scrollTo(index);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, mods, view->visualRect(index).center());
    };
    click(0, {});
    click(2, Qt::ControlModifier);
    // The window selected row 2's listener everywhere, and the table kept both rows.
    QCOMPARE(view->selectionModel()->selectedRows().size(), 2);
    QCOMPARE(window.selectedRef(), tableRef(view, 2));
    const QString tsv = window.listenerTable()->selectedRowsAsTsv();
    QCOMPARE(tsv.count(u'\n'), 3); // header + two rows
}

void TstMainWindowPanes::problemSelectsAndRevealsInDiagram()
{
    Document doc(topologyfile::defaultTopology());
    MainWindow window(doc);
    window.setInteractive(false);
    window.resize(1280, 800);
    window.show();
    QVERIFY(loadSample(window));
    ProblemsPane *problems = window.problemsList();
    QTreeView *list = problems->view();
    window.problemsDock()->raise();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const auto click = [&](int row) {
        const QModelIndex index = list->model()->index(row, 1);
        list->scrollTo(index);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(index).center());
    };
    // The stopped Web Conferencing Edge is one finding: it shows the service, whose details say
    // where it is down. Its missing PSOM listener leads to that row.
    const ElementRef service = ElementRef::service(ServiceId(u"RTCDATAPROXY"_s));
    const int row = problems->model()->rowOf(service);
    QVERIFY(row >= 0);
    QCOMPARE(problems->model()->rowOf(ElementRef::listener(kPsom)), row);
    click(row);
    QCOMPARE(window.selectedRef(), service);
    QCOMPARE(window.detailsView()->ref(), service);
    const QString details = window.detailsView()->toPlainText();
    QVERIFY2(details.contains(u"Service down on edge01.contoso.local: Web Conferencing Edge "
                              "(RTCDATAPROXY, DataProxy.exe) is not listening anywhere"_s),
             qPrintable(details));
    // Remote Desktop on all interfaces: the server, selected and revealed in the diagram.
    const int rdp = problems->model()->rowOf(ElementRef::server(ServerId(u"edge01"_s)));
    QVERIFY(rdp > row);
    click(rdp);
    QCOMPARE(window.selectedRef(), ElementRef::server(ServerId(u"edge01"_s)));
    QCOMPARE(window.diagramPane()->selectedRef(), ElementRef::server(ServerId(u"edge01"_s)));
}

void TstMainWindowPanes::panesFollowTheSnapshot()
{
    Document doc(topologyfile::defaultTopology());
    MainWindow window(doc);
    window.setInteractive(false);
    QCOMPARE(window.problemsDock()->windowTitle(), u"Problems"_s);
    QVERIFY(window.snapshotPane()->isShowingEmptyState());
    QVERIFY(loadSample(window));
    // The stopped service and the scenario it breaks; the Remote Desktop warnings and the
    // unexpected sockets are listed and counted apart.
    QCOMPARE(window.problemsDock()->windowTitle(), u"Problems (2 + 2 warnings + 10 unexpected)"_s);
    const QString block = window.snapshotPane()->blockText(ServerId(u"edge01"_s));
    QVERIFY2(block.contains(u"edge01-netstat-anob.txt"_s), qPrintable(block));
    QVERIFY2(block.contains(u"utf-16le"_s), qPrintable(block));
    const QString summary = window.findChild<QLabel *>(u"checkSummary"_s)->text();
    // The status bar counts as the Problems pane does.
    QCOMPARE(summary, u"edge01-netstat-anob.txt on edge01.contoso.local: 12 OK, 1 service down, 1 "
                      "broken scenario, 2 warnings, 10 unexpected sockets"_s);
    QVERIFY(summary.endsWith(window.problemsList()->message()));
    QCOMPARE(window.listenerTable()
                     ->model()
                     ->index(window.listenerTable()->model()->indexFor(kPsom).row(),
                             ListenerTableModel::StatusColumn)
                     .data()
                     .toString()
                     .contains(u"Missing"_s),
             true);

    // Clear Snapshots: back to "not checked" everywhere.
    QAction *clear = nullptr;
    for (QAction *a : window.findChildren<QAction *>())
        if (a->text().remove(u'&') == u"Clear Snapshots"_s)
            clear = a;
    QVERIFY(clear);
    clear->trigger();
    QCOMPARE(window.problemsDock()->windowTitle(), u"Problems"_s);
    QVERIFY(window.snapshotPane()->isShowingEmptyState());
}

void TstMainWindowPanes::paletteReachesEveryView()
{
    Document doc(topologyfile::defaultTopology());
    MainWindow window(doc);
    window.setInteractive(false);
    QVERIFY(loadSample(window));
    window.setStatusPalette(StatusPalette::ColourBlind);
    const ListenerTableModel *model = window.listenerTable()->model();
    const QModelIndex status
            = model->index(model->indexFor(kPsom).row(), ListenerTableModel::StatusColumn);
    const QColor expected = statusStyle(ListenerStatus::Missing, StatusPalette::ColourBlind).fill;
    QCOMPARE(status.data(Qt::BackgroundRole).value<QBrush>().color(), expected);
    QVERIFY(expected != statusStyle(ListenerStatus::Missing, StatusPalette::Light).fill);
}

void TstMainWindowPanes::propertyEditReachesEveryViewAndUndoes()
{
    Document doc(topologyfile::defaultTopology());
    MainWindow window(doc);
    window.setInteractive(false);
    window.show();
    const ElementRef server = ElementRef::server(ServerId(u"edge01"_s));
    QVERIFY(window.selectRef(server));
    auto *fqdn = qobject_cast<QLineEdit *>(window.propertyEditor()->editorFor(
            {Field::ServerFqdn, ElementRef::server(ServerId(u"edge01"_s))}));
    QVERIFY(fqdn);
    fqdn->setFocus();
    fqdn->selectAll();
    QTest::keyClicks(fqdn, u"edge-a.contoso.local"_s);
    QTest::keyClick(fqdn, Qt::Key_Return);
    QCOMPARE(doc.topology().server(ServerId(u"edge01"_s))->fqdn, u"edge-a.contoso.local"_s);
    // The tree shows the new name and keeps the server selected; the title bar marks the change.
    QCOMPARE(window.selectedRef(), server);
    QVERIFY(window.treeModel()->indexFor(server).data().toString().contains(
            u"edge-a.contoso.local"_s));
    QVERIFY(window.isWindowModified());
    auto *undo = window.findChild<QAction *>(u"undoAction"_s);
    undo->trigger();
    QCOMPARE(doc.topology().server(ServerId(u"edge01"_s))->fqdn, u"edge01.contoso.local"_s);
    QCOMPARE(fqdn->text(), u"edge01.contoso.local"_s);
    QVERIFY(!window.isWindowModified());
}

void TstMainWindowPanes::anEditKeepsTheTreeAndTableAsTheUserLeftThem()
{
    Document doc(topologyfile::defaultTopology());
    MainWindow window(doc);
    window.setInteractive(false);
    window.resize(1280, 800);
    window.show();
    auto *tree = window.findChild<QTreeView *>(u"topologyTree"_s);
    QVERIFY(tree);
    const TopologyTreeModel *model = window.treeModel();
    // The user opens Peers, folds the internal interface, widens the name column and picks
    // a listener.
    const ElementRef internal
            = ElementRef::netInterface(ServerId(u"edge01"_s), InterfaceSide::Internal);
    tree->expand(model->indexFor(ElementRef::peersGroup()));
    QVERIFY(tree->isExpanded(model->indexFor(internal)));
    tree->collapse(model->indexFor(internal));
    tree->setColumnWidth(TopologyTreeModel::NameColumn, 390);
    QVERIFY(window.selectRef(ElementRef::listener(kAccess443)));

    // An edit elsewhere (another listener's port) rebuilds every view.
    QVERIFY(!doc.setField({Field::ListenerPort, ElementRef::listener(kPsom)}, 8058).isError());
    QVERIFY(tree->isExpanded(model->indexFor(ElementRef::peersGroup())));
    QVERIFY(!tree->isExpanded(model->indexFor(internal)));
    QVERIFY(!tree->isExpanded(model->indexFor(ElementRef::servicesGroup()))); // still folded
    QCOMPARE(tree->columnWidth(TopologyTreeModel::NameColumn), 390);
    QCOMPARE(window.selectedRef(), ElementRef::listener(kAccess443));
    const QTableView *table = window.listenerTable()->view();
    QCOMPARE(tableRef(table, table->currentIndex().row()), ElementRef::listener(kAccess443));
    QVERIFY(table->selectionModel()->isRowSelected(table->currentIndex().row()));

    // Undo the same way.
    doc.undoStack()->undo();
    QVERIFY(tree->isExpanded(model->indexFor(ElementRef::peersGroup())));
    QCOMPARE(window.selectedRef(), ElementRef::listener(kAccess443));

    // Undoing the addition of the selected node selects its nearest surviving ancestor, and
    // every pane follows (no blank tree with a stale property form).
    Topology more = doc.topology();
    Peer extra = more.peers.first();
    extra.id = PeerId(u"extra-partner"_s);
    extra.name = u"Extra partner"_s;
    more.peers.append(extra);
    QVERIFY(!doc.applyEdit(u"Add peer"_s, more).isError());
    QVERIFY(window.selectRef(ElementRef::peer(extra.id)));
    QCOMPARE(window.propertyEditor()->ref(), ElementRef::peer(extra.id));
    doc.undoStack()->undo();
    QCOMPARE(window.selectedRef(), ElementRef::peersGroup());
    QCOMPARE(window.propertyEditor()->ref(), ElementRef::peersGroup());

    // Another topology (open, new, restored autosave) starts fresh: the default folding, and
    // the diagram fitted even though the user had zoomed in.
    window.diagramPane()->zoomIn();
    const qreal zoomed = window.diagramPane()->zoom();
    doc.resetTopology(topologyfile::defaultTopology(), {});
    QVERIFY(!tree->isExpanded(model->indexFor(ElementRef::peersGroup())));
    QVERIFY(tree->isExpanded(model->indexFor(internal)));
    QVERIFY(window.diagramPane()->zoom() < zoomed);
}

void TstMainWindowPanes::treeKeepsExpansionAndSelectionThroughEditsAndUndo()
{
    Document doc(pooltest::twoServerPool());
    MainWindow window(doc);
    window.setInteractive(false);
    window.resize(1280, 800);
    window.show();
    auto *tree = window.findChild<QTreeView *>(u"topologyTree"_s);
    const TopologyTreeModel *model = window.treeModel();
    const ElementRef edge01 = ElementRef::server(ServerId(u"edge01"_s));
    const ElementRef internal02
            = ElementRef::netInterface(ServerId(u"edge02"_s), InterfaceSide::Internal);
    const ElementRef peers = ElementRef::peersGroup();
    // The user's folding: edge01 closed, edge02's internal side closed, the peers open; and a
    // listener of edge02 selected.
    tree->collapse(model->indexFor(edge01));
    tree->collapse(model->indexFor(internal02));
    tree->expand(model->indexFor(peers));
    const Listener *selected = nullptr;
    for (const Listener &l : doc.topology().server(ServerId(u"edge02"_s))->listeners)
        if (!l.address.isEmpty() && !l.isRange() && !selected)
            selected = &l;
    QVERIFY(selected);
    const ElementRef listener = ElementRef::listener(selected->id);
    QVERIFY(window.selectRef(listener));
    const auto unchanged = [&](const char *step) {
        const char *why = step;
        QVERIFY2(!tree->isExpanded(model->indexFor(edge01)), why);
        QVERIFY2(!tree->isExpanded(model->indexFor(internal02)), why);
        QVERIFY2(tree->isExpanded(model->indexFor(peers)), why);
        QVERIFY2(tree->isExpanded(model->indexFor(ElementRef::pool(doc.topology().pools[0].id))),
                 why);
        QVERIFY2(!tree->isExpanded(model->indexFor(ElementRef::servicesGroup())), why);
        QVERIFY2(window.selectedRef() == listener, why);
        QVERIFY2(model->refAt(tree->currentIndex()) == listener, why);
        QVERIFY2(tree->selectionModel()->isSelected(tree->currentIndex()), why);
        // The table follows too: a moved port moves its (still selected) row.
        const QTableView *table = window.listenerTable()->view();
        QVERIFY2(tableRef(table, table->currentIndex().row()) == listener, why);
        QVERIFY2(table->selectionModel()->isRowSelected(table->currentIndex().row()), why);
    };
    unchanged("before");

    // A field edit of the selected listener: its port moves it among its address's listeners.
    const int port = selected->port;
    QSignalSpy resets(model, &QAbstractItemModel::modelReset);
    QVERIFY(!doc.setField({Field::ListenerPort, listener}, 65000).isError());
    unchanged("port edit");
    QVERIFY(model->indexFor(listener).data().toString().contains(u"65000"_s));
    doc.undoStack()->undo();
    unchanged("port undo");
    QVERIFY(model->indexFor(listener).data().toString().contains(QString::number(port)));
    doc.undoStack()->redo();
    unchanged("port redo");
    doc.undoStack()->undo();

    // A structure edit: a third member comes and goes; the new one opens as the network does.
    const PoolId pool = doc.topology().pools[0].id;
    const auto added = topologyops::addPoolMember(doc.topology(), pool, pooltest::member(3));
    QVERIFY2(added.error.isEmpty(), qPrintable(added.error));
    QVERIFY(!doc.applyEdit(u"Add member"_s, added.topology).isError());
    unchanged("member added");
    const ElementRef edge03 = ElementRef::server(ServerId(added.newId));
    QVERIFY(tree->isExpanded(model->indexFor(edge03)));
    doc.undoStack()->undo();
    unchanged("member add undone");
    QVERIFY(!model->indexFor(edge03).isValid());
    doc.undoStack()->redo();
    unchanged("member add redone");

    // Removing edge01 (folded, not selected) and undoing it.
    const auto removed = topologyops::removePoolMember(doc.topology(), ServerId(u"edge01"_s));
    QVERIFY2(removed.error.isEmpty(), qPrintable(removed.error));
    QVERIFY(!doc.applyEdit(u"Remove member"_s, removed.topology).isError());
    QVERIFY(!model->indexFor(edge01).isValid());
    QCOMPARE(window.selectedRef(), listener);
    doc.undoStack()->undo();
    QVERIFY(model->indexFor(edge01).isValid());
    QCOMPARE(window.selectedRef(), listener);
    QVERIFY(tree->isExpanded(model->indexFor(peers)));
    // None of it was a reset: the rows changed in place.
    QCOMPARE(resets.size(), 0);
}

void TstMainWindowPanes::everyPaneFollowsASelectionMadeElsewhere()
{
    Document doc(topologyfile::defaultTopology());
    MainWindow window(doc);
    window.setInteractive(false);
    window.resize(1280, 800);
    window.show();
    QVERIFY(loadSample(window));
    Selection *selection = Selection::of(doc);
    QCOMPARE(window.selection(), selection);
    const auto table = [&] {
        const QTableView *view = window.listenerTable()->view();
        return tableRef(view, view->currentIndex().row());
    };
    const auto problem = [&] {
        const QTreeView *list = window.problemsList()->view();
        return window.problemsList()->model()->refAt(list->currentIndex().row());
    };

    // Set from outside every pane (as a future search box would).
    const ElementRef psom = ElementRef::listener(kPsom);
    selection->setCurrent(psom);
    QCOMPARE(window.treeModel()->refAt(window.treeView()->currentIndex()), psom);
    QCOMPARE(table(), psom);
    // Its service is down: the service's finding stands for it in the problems list.
    QCOMPARE(problem(), ElementRef::service(ServiceId(u"RTCDATAPROXY"_s)));
    QCOMPARE(window.diagramPane()->selectedRef(), psom);
    QCOMPARE(window.detailsView()->ref(), psom);
    QCOMPARE(window.propertyEditor()->ref(), psom);

    // A peer: the table and the problems list have no row for it and select nothing.
    const ElementRef director = ElementRef::peer(PeerId(u"director"_s));
    selection->setCurrent(director);
    QCOMPARE(window.treeModel()->refAt(window.treeView()->currentIndex()), director);
    QCOMPARE(table(), ElementRef());
    QCOMPARE(problem(), ElementRef());
    QCOMPARE(window.diagramPane()->selectedRef(), director);
    QCOMPARE(window.propertyEditor()->ref(), director);

    // A server: no listener row; its unexpected sockets are problems of the server.
    const ElementRef server = ElementRef::server(ServerId(u"edge01"_s));
    selection->setCurrent(server);
    QCOMPARE(window.treeModel()->refAt(window.treeView()->currentIndex()), server);
    QCOMPARE(table(), ElementRef());
    QCOMPARE(problem(), server);
    QCOMPARE(window.diagramPane()->selectedRef(), server);
    QCOMPARE(window.detailsView()->ref(), server);
    QCOMPARE(window.propertyEditor()->ref(), server);

    // Each pane writes it too: the table, the diagram and the details' owner.
    window.listenerTable()->view()->setCurrentIndex(
            window.listenerTable()->view()->model()->index(0, 0));
    const ElementRef first = table();
    QVERIFY(first.isValid());
    QCOMPARE(selection->current(), first);
    QCOMPARE(window.propertyEditor()->ref(), first);
    QVERIFY(window.diagramPane()->selectRef(psom));
    QCOMPARE(selection->current(), first); // following (selectRef) does not write back
    window.propertyEditor()->showRef(psom);
    QCOMPARE(selection->current(), psom);
    QCOMPARE(window.treeModel()->refAt(window.treeView()->currentIndex()), psom);

    // Nothing: the overview and the topology's own form.
    selection->setCurrent({});
    QVERIFY(!window.treeView()->currentIndex().isValid());
    QCOMPARE(window.detailsView()->ref(), ElementRef());
    QCOMPARE(window.propertyEditor()->ref(), ElementRef());
}

void TstMainWindowPanes::onlyLoadsTheUserAskedForFailAloud()
{
    Document doc(topologyfile::defaultTopology());
    MainWindow window(doc);
    window.setInteractive(false);
    QSignalSpy failed(window.snapshots(), &SnapshotController::failed);
    // A load nobody in the window asked for (a live source, even one stopped since the read
    // began): the pane says it, no box.
    window.snapshots()->openBytes("not netstat at all\n",
                                  SnapshotSource::capture(u"capture edge01"_s));
    QVERIFY(failed.wait(10000));
    QVERIFY(window.lastError().isEmpty());
    QVERIFY(window.snapshotPane()->errorText().contains(u"capture edge01"_s));
    // A file the user opened: the answer comes in a box (lastError when not interactive).
    QTemporaryDir dir;
    const QString bad = dir.filePath(u"bad.txt"_s);
    QVERIFY(watchtest::writeFile(bad, "not netstat either\n"));
    window.openSnapshot(bad);
    QVERIFY(failed.wait(10000));
    QVERIFY2(window.lastError().contains(u"no netstat or PowerShell socket rows"_s),
             qPrintable(window.lastError()));
    QVERIFY(window.lastError().contains(bad));
    // A capture profile named like that file is still a live source: the pane, no box.
    const QString boxed = window.lastError();
    window.snapshots()->openBytes("  Proto  Local Address  Foreign Address  State  PID\r\n"
                                  "  TCP    10.9.9.9:5061   0.0.0.0:0   LISTENING   2216\r\n",
                                  SnapshotSource::capture(bad));
    QVERIFY(failed.wait(10000));
    const QString matchError = failed.last().at(1).toString();
    QVERIFY(matchError != boxed);
    QVERIFY2(window.snapshotPane()->errorText().contains(matchError),
             qPrintable(window.snapshotPane()->errorText()));
    QCOMPARE(window.lastError(), boxed);
    // Text the user pasted: a box too.
    QGuiApplication::clipboard()->setText(u"nothing to see here\n"_s);
    window.pasteSnapshot();
    QVERIFY(failed.wait(10000));
    QVERIFY2(window.lastError().contains(u"clipboard"_s), qPrintable(window.lastError()));
}

void TstMainWindowPanes::watchedFileFeedsThePaneAndGoesStaleQuietly()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"edge01-live.txt"_s);
    QVERIFY(QFile::copy(kSample, path));
    Document doc(topologyfile::defaultTopology());
    MainWindow window(doc);
    window.setInteractive(false);
    window.liveSources()->setTimingForTests(50, 50, 0);
    QSignalSpy finished(window.snapshots(), &SnapshotController::finished);
    window.liveSources()->watchFile(path);
    QVERIFY(finished.wait(20000));
    const ServerId edge01(u"edge01"_s);
    QTRY_VERIFY_WITH_TIMEOUT(window.snapshotPane()->blockText(edge01).contains(u"watching"_s),
                             10000);
    QVERIFY(QFile::remove(path));
    QTRY_VERIFY_WITH_TIMEOUT(window.snapshotPane()->blockText(edge01).contains(u"stale"_s), 10000);
    // The last good check stays, and a live source's trouble is no message box.
    QVERIFY(doc.checks().checkFor(edge01) != nullptr);
    QVERIFY2(window.lastError().isEmpty(), qPrintable(window.lastError()));
}

QTEST_MAIN(TstMainWindowPanes)
#include "tst_mainwindow_panes.moc"
