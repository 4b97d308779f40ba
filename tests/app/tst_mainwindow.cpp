// The main window as a user sees it (title, header, tree, details, open and save), and the
// topology tree model on its own.
#include "core/pathanalysis.h"
#include "core/templates.h"
#include "document/document.h"
#include "io/topologyfile.h"
#include "panes/detailsview.h"
#include "panes/listenertablepane.h"
#include "panes/topologyheader.h"
#include "panes/topologytreemodel.h"
#include "statusstyle.h"
#include "support/tst_checks_util.h"
#include "support/tst_sample_util.h"
#include "support/tst_settings_util.h"
#include "window/mainwindow.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QFile>
#include <QHeaderView>
#include <QMessageBox>
#include <QPalette>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <QTextDocumentFragment>
#include <QTimer>
#include <QTreeView>
#include <memory>

#include <algorithm>
#include <functional>

using namespace edgemap;
using namespace Qt::StringLiterals;

namespace {

// Two servers, three external addresses each, the A/V Edge behind NAT; edge01's CMS replication
// listener is moved to all interfaces so that the tree has an "All interfaces" node.
Topology sampleTopology()
{
    TemplateParams p;
    p.name = u"Contoso Edge"_s;
    p.product = Product::Lync2013;
    p.poolFqdn = u"edgepool.contoso.local"_s;
    for (int n = 1; n <= 2; ++n) {
        MemberParams m;
        m.fqdn = u"edge%1.contoso.local"_s.arg(n, 2, 10, QLatin1Char('0'));
        m.internalIp = u"172.25.33.%1"_s.arg(10 + n);
        m.externalIps = {u"192.0.2.%1"_s.arg(10 + n), u"192.0.2.%1"_s.arg(20 + n),
                         u"192.0.2.%1"_s.arg(30 + n)};
        m.avPublicIp = u"203.0.113.%1"_s.arg(30 + n);
        p.members.append(m);
    }
    TemplateResult r = buildTopology(p);
    if (!r.ok())
        qFatal("buildTopology failed: %s", qPrintable(r.error));
    for (Listener &l : r.topology.pools[0].servers[0].listeners)
        if (l.hasEndpoint(u"cms-replication"_s))
            l.address = AddressId();
    return r.topology;
}

const Listener *listenerWith(const Topology &t, const QString &endpointKey)
{
    for (const Listener *l : t.allListeners())
        if (l->hasEndpoint(endpointKey))
            return l;
    return nullptr;
}

QString plain(const QString &html)
{
    return QTextDocumentFragment::fromHtml(html).toPlainText();
}

QString name(const QModelIndex &index)
{
    return index.data(Qt::DisplayRole).toString();
}

// A window that never blocks on a modal box and answers the unsaved-changes prompt as told.
class TestWindow : public MainWindow
{
public:
    using MainWindow::MainWindow;
    QMessageBox::StandardButton answer = QMessageBox::Cancel;
    int asked = 0;

protected:
    QMessageBox::StandardButton askToSave() override
    {
        ++asked;
        return answer;
    }
};

} // namespace

class TstMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    // TopologyTreeModel alone
    void treeModelIsConsistent();
    void treeHasPoolServerInterfaceAddressListener();
    void treeGroupsAndAllInterfaces();
    void listenerRowTextAndToolTip();
    void disabledItemsAreGreyedAndSaySo();
    void indexForFindsEveryItem();
    void indexForSurvivesReset();
    void parentsRollUpTheWorstStatus();
    // MainWindow
    void titleAndHeader();
    void modifiedMarkerFollowsDocument();
    void selectingListenerShowsItsDetails();
    void detailsForOtherKinds_data();
    void detailsForOtherKinds();
    void detailsEscapeModelText();
    void detailsReadTheDocumentsAnalysis();
    void openInvalidFileKeepsDocument();
    void openErrorIsShownInteractively();
    void saveThenOpenRoundTrips();
    void saveFailureIsReported();
    void closeAsksWhenModified();
    void selectionSurvivesReopen();
    void firstStartPlacement_data();
    void firstStartPlacement();
    void smallScreenShowsTreeStatusAndTableRows();
    void darkColoursReachDocksAndTables();
    void diagramOnlyHidesAndRestoresThePanes();

private:
    Topology m_topology;
    QTemporaryDir m_userFiles;
};

void TstMainWindow::initTestCase()
{
    testutil::isolateUserFiles(m_userFiles);
    m_topology = sampleTopology();
    QCOMPARE(m_topology.pools.size(), 1);
    QCOMPARE(m_topology.pools[0].servers.size(), 2);
}

void TstMainWindow::treeModelIsConsistent()
{
    Document doc(m_topology);
    TopologyTreeModel model(doc);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    Topology other = m_topology;
    other.pools[0].servers.removeLast();
    doc.resetTopology(other, {});
    QCOMPARE(resets.size(), 1);
    QCOMPARE(model.rowCount(model.index(0, 0)), 1);
}

void TstMainWindow::treeHasPoolServerInterfaceAddressListener()
{
    Document doc(m_topology);
    TopologyTreeModel model(doc);
    const QModelIndex pool = model.index(0, 0);
    QCOMPARE(name(pool), u"edgepool.contoso.local — Edge pool, Site 1"_s);
    QCOMPARE(model.rowCount(pool), 2);
    const QModelIndex server = model.index(1, 0, pool);
    QCOMPARE(name(server), u"edge02.contoso.local"_s);
    QCOMPARE(model.rowCount(server), 2); // edge02 has no all-interface listener
    const QModelIndex internal = model.index(0, 0, server);
    const QModelIndex external = model.index(1, 0, server);
    QCOMPARE(name(internal), u"Internal interface"_s);
    QCOMPARE(name(external), u"External interface"_s);
    QCOMPARE(model.rowCount(internal), 1);
    QCOMPARE(model.rowCount(external), 3);

    const EdgeServer &s = m_topology.pools[0].servers[1];
    qsizetype shown = 0;
    for (const QModelIndex &nic : {internal, external}) {
        for (int a = 0; a < model.rowCount(nic); ++a) {
            const QModelIndex address = model.index(a, 0, nic);
            const AddressId id = *model.refAt(address).as<AddressId>();
            const auto expected = std::count_if(s.listeners.begin(), s.listeners.end(),
                                                [&](const Listener &l) { return l.address == id; });
            QCOMPARE(model.rowCount(address), expected);
            QCOMPARE(model.refAt(model.index(0, 0, address)).kind(), ElementRef::Kind::Listener);
            shown += model.rowCount(address);
        }
    }
    QCOMPARE(shown, s.listeners.size());
    QCOMPARE(name(model.index(0, 0, external)), u"192.0.2.12 — Access Edge"_s);
    QCOMPARE(name(model.index(2, 0, external)), u"192.0.2.32 — A/V Edge (NAT → 203.0.113.32)"_s);
}

void TstMainWindow::treeGroupsAndAllInterfaces()
{
    Document doc(m_topology);
    TopologyTreeModel model(doc);
    QCOMPARE(model.rowCount(), 4);
    const QModelIndex services = model.index(1, 0);
    QCOMPARE(name(services), u"Services"_s);
    QCOMPARE(model.rowCount(services), m_topology.services.size());
    QCOMPARE(name(model.index(0, 0, services)), u"RTCSRV — Lync Server Access Edge"_s);
    QCOMPARE(name(model.index(0, TopologyTreeModel::DetailColumn, services)), u"RTCSrv.exe"_s);
    QCOMPARE(name(model.index(2, 0)), u"Peers"_s);
    QCOMPARE(model.rowCount(model.index(2, 0)), m_topology.peers.size());
    QCOMPARE(name(model.index(3, 0)), u"Scenarios"_s);
    QCOMPARE(model.rowCount(model.index(3, 0)), m_topology.scenarios.size());

    const QModelIndex edge01 = model.index(0, 0, model.index(0, 0));
    QCOMPARE(model.rowCount(edge01), 3);
    const QModelIndex all = model.index(2, 0, edge01);
    QCOMPARE(name(all), u"All interfaces"_s);
    QCOMPARE(model.rowCount(all), 1);
    QVERIFY(name(model.index(0, 0, all)).startsWith(u"TCP 4443 · "_s));
}

void TstMainWindow::listenerRowTextAndToolTip()
{
    Document doc(m_topology);
    TopologyTreeModel model(doc);
    const Listener *l = listenerWith(m_topology, u"access-client-sip"_s);
    QVERIFY(l);
    const QModelIndex index = model.indexFor(ElementRef::listener(l->id));
    QVERIFY(index.isValid());
    QCOMPARE(name(index), u"TCP 443 · SIP/TLS · RTCSRV"_s);
    QCOMPARE(name(index.siblingAtColumn(TopologyTreeModel::DetailColumn)), l->endpoints[0].purpose);
    const QString tip = plain(index.data(Qt::ToolTipRole).toString());
    QVERIFY2(tip.contains(l->endpoints[0].purpose), qPrintable(tip));
    QVERIFY2(tip.contains(l->endpoints[0].clients), qPrintable(tip));
    QVERIFY2(tip.contains(u"Who connects:"_s), qPrintable(tip));
    QVERIFY(!index.data(Qt::ForegroundRole).isValid());
}

void TstMainWindow::disabledItemsAreGreyedAndSaySo()
{
    Topology t = m_topology;
    Listener &l = t.pools[0].servers[0].listeners[0];
    l.enabled = false;
    t.services[0].enabled = false;
    Document doc(t);
    TopologyTreeModel model(doc);
    const QColor grey = QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
    const QModelIndex listener = model.indexFor(ElementRef::listener(l.id));
    QCOMPARE(listener.data(Qt::ForegroundRole).value<QColor>(), grey);
    QVERIFY(name(listener).endsWith(u"(disabled)"_s));
    const QModelIndex service = model.indexFor(ElementRef::service(t.services[0].id));
    QCOMPARE(service.data(Qt::ForegroundRole).value<QColor>(), grey);
    const QModelIndex pool = model.indexFor(ElementRef::pool(t.pools[0].id));
    QVERIFY(!pool.data(Qt::ForegroundRole).isValid());
}

void TstMainWindow::indexForFindsEveryItem()
{
    Document doc(m_topology);
    TopologyTreeModel model(doc);
    int visited = 0;
    QSet<ElementRef> refs;
    const std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
        for (int r = 0; r < model.rowCount(parent); ++r) {
            const QModelIndex index = model.index(r, 0, parent);
            const auto ref = index.data(TopologyTreeModel::RefRole).value<ElementRef>();
            QVERIFY(ref.isValid());
            QCOMPARE(model.indexFor(ref), index);
            refs.insert(ref);
            ++visited;
            walk(index);
        }
    };
    walk({});
    QCOMPARE(refs.size(), visited); // every item has its own reference
    QVERIFY(refs.contains(
            ElementRef::netInterface(ServerId(u"edge01"_s), InterfaceSide::External)));
    QVERIFY(refs.contains(ElementRef::allInterfaces(ServerId(u"edge01"_s))));
    QVERIFY(!model.indexFor(ElementRef()).isValid());
    QVERIFY(!model.indexFor(ElementRef::listener(ListenerId(u"no-such-listener"_s))).isValid());
    QVERIFY(!model.indexFor(ElementRef::server(ServerId(u"edgepool.contoso.local"_s))).isValid());
}

void TstMainWindow::indexForSurvivesReset()
{
    Document doc(m_topology);
    TopologyTreeModel model(doc);
    const ElementRef ref = ElementRef::listener(listenerWith(m_topology, u"av-media-udp"_s)->id);
    QVERIFY(model.indexFor(ref).isValid());
    Topology smaller = m_topology;
    smaller.pools[0].servers.removeFirst(); // the listener moves up one row
    doc.resetTopology(smaller, {});
    QVERIFY(!model.indexFor(ref).isValid()); // it was on edge01, which is gone
    doc.resetTopology(m_topology, {});
    QCOMPARE(model.refAt(model.indexFor(ref)), ref);
}

void TstMainWindow::titleAndHeader()
{
    Document doc(m_topology);
    MainWindow window(doc);
    QVERIFY(window.windowTitle().contains(u"Contoso Edge"_s));
    QVERIFY(window.windowTitle().endsWith(u"— EdgeMap"_s));
    QCOMPARE(window.header()->nameText(), u"Contoso Edge"_s);
    QCOMPARE(window.header()->productText(), u"Lync Server 2013"_s);
    QCOMPARE(window.header()->summaryText(),
             u"1 Edge pool · 2 servers · %1 listeners"_s.arg(m_topology.allListeners().size()));
    QVERIFY(window.treeDock()->isVisibleTo(&window));
    QCOMPARE(window.treeDock()->windowTitle(), u"Topology"_s);
}

void TstMainWindow::modifiedMarkerFollowsDocument()
{
    Document doc(m_topology);
    MainWindow window(doc);
    QVERIFY(!window.isWindowModified());
    doc.setModified(true);
    QVERIFY(window.isWindowModified());
    doc.setModified(false);
    QVERIFY(!window.isWindowModified());
}

void TstMainWindow::selectingListenerShowsItsDetails()
{
    Document doc(m_topology);
    MainWindow window(doc);
    const Listener *l = listenerWith(m_topology, u"access-client-sip"_s);
    // As a click would: through the tree's selection model.
    const QModelIndex index = window.treeModel()->indexFor(ElementRef::listener(l->id));
    window.treeView()->selectionModel()->setCurrentIndex(index,
                                                         QItemSelectionModel::ClearAndSelect);
    const QString text = window.detailsView()->toPlainText();
    QVERIFY2(text.contains(u"RTCSrv.exe"_s), qPrintable(text));
    QVERIFY2(text.contains(u"Lync Server Access Edge"_s), qPrintable(text));
    QVERIFY2(text.contains(l->endpoints[0].purpose), qPrintable(text));
    QVERIFY2(text.contains(l->endpoints[0].clients), qPrintable(text));
    QVERIFY2(text.contains(u"TCP 443 on 192.0.2.11 (Access Edge)"_s), qPrintable(text));
    QCOMPARE(window.selectedRef(), ElementRef::listener(l->id));

    QVERIFY(window.selectRef(ElementRef::service(ServiceId(u"RTCMEDIARELAY"_s))));
    QVERIFY(window.detailsView()->toPlainText().contains(u"MediaRelaySvc.exe"_s));
    QVERIFY(!window.selectRef(ElementRef::peer(PeerId(u"nobody"_s))));
}

void TstMainWindow::detailsForOtherKinds_data()
{
    QTest::addColumn<ElementRef>("ref");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("pool") << ElementRef::pool(PoolId(u"pool1"_s))
                          << QStringList{u"edgepool.contoso.local"_s, u"edge02.contoso.local"_s};
    QTest::newRow("server") << ElementRef::server(ServerId(u"edge01"_s))
                            << QStringList{u"External interface"_s, u"192.0.2.21"_s};
    QTest::newRow("address") << ElementRef::address(AddressId(u"edge01-av"_s))
                             << QStringList{u"203.0.113.31"_s, u"UDP 3478"_s};
    QTest::newRow("all interfaces") << ElementRef::allInterfaces(ServerId(u"edge01"_s))
                                    << QStringList{u"TCP 4443 on all interfaces"_s};
    QTest::newRow("peer") << ElementRef::peer(PeerId(u"remote-users"_s))
                          << QStringList{u"Remote users"_s, u"TCP 443"_s};
    QTest::newRow("nothing selected")
            << ElementRef() << QStringList{u"Overview"_s, u"Contoso Edge — Lync Server 2013"_s};
}

void TstMainWindow::detailsForOtherKinds()
{
    QFETCH(ElementRef, ref);
    QFETCH(QStringList, expected);
    Document doc(m_topology);
    DetailsView view(doc);
    view.showRef(ref);
    const QString text = view.toPlainText();
    for (const QString &e : expected)
        QVERIFY2(text.contains(e), qPrintable(e + u" not in:\n"_s + text));
}

void TstMainWindow::detailsEscapeModelText()
{
    Topology t = m_topology;
    t.peers[0].name = u"<b>Evil</b> & <a href=\"file:///etc\">co</a>"_s;
    t.scenarios[0].description = u"<img src=x> <script>x</script>"_s;
    Document doc(t);
    DetailsView view(doc);
    view.showRef(ElementRef::peer(t.peers[0].id));
    QVERIFY2(view.toPlainText().contains(t.peers[0].name), qPrintable(view.toPlainText()));
    view.showRef(ElementRef::scenario(t.scenarios[0].id));
    QVERIFY2(view.toPlainText().contains(t.scenarios[0].description),
             qPrintable(view.toPlainText()));
    QVERIFY(!view.openLinks());
    QVERIFY(!view.openExternalLinks());
}

// The details read the document's path analysis: following the selection builds none, and a
// flag the analysis reads shows at once in what a listener breaks.
void TstMainWindow::detailsReadTheDocumentsAnalysis()
{
    Document doc(m_topology);
    DetailsView view(doc);
    const std::shared_ptr<const PathAnalysis> analysis = doc.analysis();
    const Listener *tcp = listenerWith(m_topology, u"av-external-turn-tcp"_s);
    const Listener *udp = listenerWith(m_topology, u"av-external-turn-udp"_s);
    QVERIFY(tcp && udp);
    const QString call = u"External A/V call"_s;
    const auto ifDown = [&view] {
        return view.toPlainText().section(u"If it is down"_s, 1);
    };
    view.showRef(ElementRef::listener(tcp->id));
    QVERIFY(analysis->isBuilt());
    QVERIFY2(!ifDown().contains(call), qPrintable(ifDown())); // UDP still carries the call
    view.showRef(ElementRef::listener(udp->id));
    view.showRef(ElementRef::listener(tcp->id));
    QVERIFY(!doc.setField({Field::ListenerPort, ElementRef::listener(tcp->id)}, 5443).isError());
    QCOMPARE(doc.analysis().get(), analysis.get());

    QVERIFY(!doc.setField({Field::ListenerEnabled, ElementRef::listener(udp->id)}, false)
                     .isError());
    QVERIFY(doc.analysis() != analysis);
    QVERIFY2(ifDown().contains(call), qPrintable(ifDown()));
}

void TstMainWindow::openInvalidFileKeepsDocument()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"broken.edgemap.json"_s);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"format\": 1, \"name\": ");
    f.close();
    Document doc(m_topology);
    doc.setModified(true);
    MainWindow window(doc);
    window.setInteractive(false);
    const QString title = window.windowTitle();
    QSignalSpy resets(&doc, &Document::topologyReplaced);
    QVERIFY(!window.openFile(path));
    QVERIFY2(window.lastError().contains(u"broken.edgemap.json"_s), qPrintable(window.lastError()));
    QCOMPARE(resets.size(), 0);
    QVERIFY(doc.topology() == m_topology);
    QVERIFY(doc.filePath().isEmpty());
    QVERIFY(doc.isModified());
    QCOMPARE(window.windowTitle(), title);

    QVERIFY(!window.openFile(dir.filePath(u"missing.edgemap.json"_s)));
    QVERIFY(window.lastError().contains(u"missing.edgemap.json"_s));
}

void TstMainWindow::openErrorIsShownInteractively()
{
    Document doc(m_topology);
    MainWindow window(doc);
    QString shown;
    QTimer::singleShot(0, this, [&] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        shown = box->text();
        box->reject();
    });
    QVERIFY(!window.openFile(u"/nonexistent/nowhere.edgemap.json"_s));
    QVERIFY2(shown.contains(u"nowhere.edgemap.json"_s), qPrintable(shown));
    QCOMPARE(shown, window.lastError());
}

void TstMainWindow::saveThenOpenRoundTrips()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"contoso.edgemap.json"_s);
    Document doc(m_topology);
    doc.setModified(true);
    MainWindow window(doc);
    window.setInteractive(false);
    QVERIFY2(window.saveTo(path), qPrintable(window.lastError()));
    QVERIFY(QFile::exists(path));
    QCOMPARE(doc.filePath(), path);
    QVERIFY(!doc.isModified());
    QVERIFY(!window.isWindowModified());
    QVERIFY(window.windowTitle().startsWith(u"contoso.edgemap.json[*]"_s));

    Topology other = m_topology;
    other.name = u"Something else"_s;
    doc.resetTopology(other, {});
    QVERIFY2(window.openFile(path), qPrintable(window.lastError()));
    QVERIFY(doc.topology() == m_topology);
    QCOMPARE(doc.filePath(), path);
    QCOMPARE(window.header()->nameText(), u"Contoso Edge"_s);
}

void TstMainWindow::saveFailureIsReported()
{
    Document doc(m_topology);
    doc.setModified(true);
    MainWindow window(doc);
    window.setInteractive(false);
    QVERIFY(!window.saveTo(u"/nonexistent-dir/out.edgemap.json"_s));
    QVERIFY(window.lastError().contains(u"out.edgemap.json"_s));
    QVERIFY(doc.isModified());
    QVERIFY(doc.filePath().isEmpty());
}

void TstMainWindow::closeAsksWhenModified()
{
    QTemporaryDir dir;
    Document doc(m_topology);
    TestWindow window(doc);
    window.setInteractive(false);
    window.show();
    QVERIFY(window.close()); // unmodified: no question
    QCOMPARE(window.asked, 0);

    window.show();
    doc.setModified(true);
    window.answer = QMessageBox::Cancel;
    QVERIFY(!window.close());
    QVERIFY(window.isVisible());
    QCOMPARE(window.asked, 1);

    const QString path = dir.filePath(u"saved-on-close.edgemap.json"_s);
    doc.setFilePath(path);
    window.answer = QMessageBox::Save;
    QVERIFY(window.close());
    QVERIFY(QFile::exists(path));
    QVERIFY(!doc.isModified());

    window.show();
    doc.setModified(true);
    window.answer = QMessageBox::Discard;
    QVERIFY(window.close());
    QVERIFY(doc.isModified());
}

void TstMainWindow::selectionSurvivesReopen()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"reopen.edgemap.json"_s);
    Document doc(m_topology);
    MainWindow window(doc);
    window.setInteractive(false);
    QVERIFY(window.saveTo(path));
    const ElementRef ref = ElementRef::address(AddressId(u"edge02-webconf"_s));
    QVERIFY(window.selectRef(ref));
    QVERIFY(window.openFile(path));
    QCOMPARE(window.selectedRef(), ref);
    QCOMPARE(window.detailsView()->ref(), ref);

    Topology other = m_topology;
    other.pools[0].servers.removeLast();
    // The selected node is gone: its nearest surviving ancestor (the pool) is selected.
    doc.resetTopology(other, {});
    const ElementRef pool = ElementRef::pool(other.pools[0].id);
    QCOMPARE(window.selectedRef(), pool);
    QCOMPARE(window.detailsView()->ref(), pool);

    // Nothing of it survives: nothing is selected.
    Topology empty = m_topology;
    empty.pools.clear();
    doc.resetTopology(empty, {});
    QVERIFY(!window.selectedRef().isValid());
    QVERIFY(window.detailsView()->toPlainText().contains(u"Select an item"_s));
}

void TstMainWindow::firstStartPlacement_data()
{
    QTest::addColumn<QSize>("available");
    QTest::addColumn<bool>("maximised");
    QTest::newRow("1366x768 laptop, taskbar") << QSize(1366, 728) << true;
    QTest::newRow("small RDP session") << QSize(1024, 728) << true;
    QTest::newRow("1600x900") << QSize(1600, 860) << false;
    QTest::newRow("1920x1080") << QSize(1920, 1040) << false;
    QTest::newRow("2560x1440") << QSize(2560, 1400) << false;
}

void TstMainWindow::firstStartPlacement()
{
    QFETCH(QSize, available);
    QFETCH(bool, maximised);
    const MainWindow::Placement p = MainWindow::firstStartPlacement(available);
    QCOMPARE(p.maximised, maximised);
    // Never larger than the screen's free area, title bar and frame included.
    QVERIFY2(p.size.width() + 16 <= available.width() && p.size.height() + 40 <= available.height(),
             qPrintable(u"%1x%2 on %3x%4"_s.arg(p.size.width())
                                .arg(p.size.height())
                                .arg(available.width())
                                .arg(available.height())));
    if (!maximised) // a large screen: at least the size the panes are laid out for
        QVERIFY(p.size.width() >= 1280 && p.size.height() >= 800);
}

void TstMainWindow::smallScreenShowsTreeStatusAndTableRows()
{
    // A first start (no saved geometry) on the free area of a 1366x768 laptop: the tree's Status
    // column is in view without scrolling, and the listener table shows about eight rows.
    QSettings().clear();
    Document doc(m_topology);
    MainWindow window(doc);
    window.setInteractive(false);
    window.showPlaced();
    window.setWindowState(Qt::WindowNoState);
    window.resize(1350, 688);
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTest::qWait(50);
    QTreeView *tree = window.treeView();
    const QHeaderView *header = tree->header();
    const int statusRight = header->sectionViewportPosition(TopologyTreeModel::StatusColumn)
                            + header->sectionSize(TopologyTreeModel::StatusColumn);
    QVERIFY2(statusRight <= tree->viewport()->width(),
             qPrintable(u"Status ends at %1, the tree shows %2"_s.arg(statusRight)
                                .arg(tree->viewport()->width())));
    QVERIFY(header->sectionSize(TopologyTreeModel::StatusColumn)
            >= tree->fontMetrics().horizontalAdvance(u"Not checked"_s));
    const QTableView *table = window.listenerTable()->view();
    const int rows = table->viewport()->height() / table->verticalHeader()->defaultSectionSize();
    QVERIFY2(rows >= 7, qPrintable(u"the listener table shows %1 rows"_s.arg(rows)));
}

void TstMainWindow::darkColoursReachDocksAndTables()
{
    // View > Status Colours > Dark darkens the whole window, not only the diagram: the tree, the
    // tables and the docks, with the status colours of the dark palette in the tree. Light brings
    // the system's colours back; colour-blind selects in grey, not in the blue of OK.
    const QPalette system = QApplication::palette();
    Document doc(m_topology);
    MainWindow window(doc);
    window.setStatusPalette(StatusPalette::Dark);
    QCoreApplication::processEvents(); // the widgets hear of the application's palette
    QVERIFY(window.treeView()->palette().color(QPalette::Base).lightness() < 80);
    QVERIFY(window.listenerTable()->palette().color(QPalette::Window).lightness() < 80);
    QVERIFY(window.treeView()->palette().color(QPalette::Text).lightness() > 200);
    const QModelIndex listener = window.treeModel()->indexFor(
            ElementRef::listener(m_topology.pools[0].servers[0].listeners[0].id));
    const QModelIndex status = listener.siblingAtColumn(TopologyTreeModel::StatusColumn);
    QCOMPARE(status.data(Qt::ForegroundRole).value<QColor>(),
             statusStyle(ListenerStatus::NotChecked, StatusPalette::Dark).border);
    window.setStatusPalette(StatusPalette::ColourBlind);
    QCOMPARE(QApplication::palette().color(QPalette::Base), system.color(QPalette::Base));
    const QColor selection = QApplication::palette().color(QPalette::Highlight);
    QCOMPARE(selection.saturation(), 0);
    window.setStatusPalette(StatusPalette::Light);
    QCOMPARE(QApplication::palette().color(QPalette::Highlight), system.color(QPalette::Highlight));
    QCOMPARE(QApplication::palette().color(QPalette::Base), system.color(QPalette::Base));
}

void TstMainWindow::parentsRollUpTheWorstStatus()
{
    // The sample: TCP 8057 missing on the internal address, TCP 443 missing on the Web
    // Conferencing address. Every folded parent of a problem shows it, in the worst status's
    // colour; a parent whose listeners are all up says so; nothing before a check.
    Document doc(topologyfile::defaultTopology());
    TopologyTreeModel model(doc);
    const auto status = [&](const ElementRef &ref) {
        return model.indexFor(ref).siblingAtColumn(TopologyTreeModel::StatusColumn);
    };
    const ElementRef pool = ElementRef::pool(doc.topology().pools[0].id);
    const ServerId edge01(u"edge01"_s);
    QCOMPARE(status(pool).data().toString(), QString());
    deliverCheck(doc, sampletest::sampleCheck(doc.topology()));
    QCOMPARE(status(pool).data().toString(), u"\u2717 2 problems"_s);
    QCOMPARE(status(pool).data(Qt::ForegroundRole).value<QColor>(),
             statusStyle(ListenerStatus::Missing, StatusPalette::Light).border);
    QCOMPARE(status(ElementRef::netInterface(edge01, InterfaceSide::Internal)).data().toString(),
             u"\u2717 1 problem"_s);
    QCOMPARE(status(ElementRef::address(AddressId(u"edge01-webconf"_s))).data().toString(),
             u"\u2717 1 problem"_s);
    QCOMPARE(status(ElementRef::address(AddressId(u"edge01-access"_s))).data().toString(),
             u"\u2713 all OK"_s);
    QVERIFY(status(pool).data(Qt::ToolTipRole).toString().contains(u"2 of the 14"_s));
    deliverCheck(doc, nullptr);
    QCOMPARE(status(pool).data().toString(), QString());
}

QTEST_MAIN(TstMainWindow)
#include "tst_mainwindow.moc"

// On a laptop the panes leave the diagram a strip: Diagram Only hides them all and gives the
// diagram the window; again, or a pane shown from the View menu, brings the panes back; the mode
// survives a restart.
void TstMainWindow::diagramOnlyHidesAndRestoresThePanes()
{
    QSettings().clear();
    Document doc(m_topology);
    auto window = std::make_unique<MainWindow>(doc);
    window->setInteractive(false);
    window->showPlaced();
    window->setWindowState(Qt::WindowNoState);
    window->resize(1350, 688);
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    auto *action = window->findChild<QAction *>(u"diagramOnlyAction"_s);
    QVERIFY(action);
    QCOMPARE(action->shortcut(), QKeySequence(u"Ctrl+Shift+D"_s));
    auto *diagram = window->findChild<QWidget *>(u"diagramView"_s);
    QVERIFY(diagram);
    const QSize docked = diagram->size();
    QStringList shown; // object names: the window is replaced below
    for (QDockWidget *dock : window->findChildren<QDockWidget *>())
        if (dock->isVisible())
            shown.append(dock->objectName());
    QVERIFY(shown.size() >= 3);
    action->trigger();
    QTest::qWait(20);
    for (QDockWidget *dock : window->findChildren<QDockWidget *>())
        QVERIFY2(!dock->isVisible(), qPrintable(dock->objectName()));
    QVERIFY2(diagram->width() > docked.width() + 200 && diagram->height() > docked.height() + 150,
             qPrintable(u"%1x%2 -> %3x%4"_s.arg(docked.width())
                                .arg(docked.height())
                                .arg(diagram->width())
                                .arg(diagram->height())));
    // Remembered across a restart.
    window->close();
    window = std::make_unique<MainWindow>(doc);
    window->setInteractive(false);
    window->showPlaced();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    action = window->findChild<QAction *>(u"diagramOnlyAction"_s);
    QVERIFY(action->isChecked());
    for (QDockWidget *dock : window->findChildren<QDockWidget *>())
        QVERIFY(!dock->isVisible());
    action->trigger();
    QTest::qWait(20);
    for (const QString &name : std::as_const(shown))
        QVERIFY2(window->findChild<QDockWidget *>(name)->isVisible(), qPrintable(name));
    // A pane shown by hand ends the mode without bringing the others back.
    action->trigger();
    window->treeDock()->show();
    QVERIFY(!action->isChecked());
    QVERIFY(!window->listenerDock()->isVisible());
    window->close();
    QSettings().clear();
}
