// The listener table pane as the admin uses it: one row per expected listener, statuses after a
// judged snapshot (updated in place, selection kept), the filter line and status filter, numeric
// sorting, TSV copy, and selection shared with other views without ping-pong.
#include "document/document.h"
#include "document/topologyops.h"
#include "io/topologyfile.h"
#include "panes/listenertablemodel.h"
#include "panes/listenertablepane.h"
#include "probe/probediagnosis.h"
#include "reports/listenerrows.h"
#include "selection.h"
#include "snapshot/check.h"
#include "support/tst_checks_util.h"
#include "support/tst_sample_util.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QHeaderView>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QUndoStack>

#include <memory>

using namespace edgemap;
using namespace Qt::StringLiterals;
using edgemap::sampletest::sampleCheck;

namespace {

const ListenerId kPsom(u"edge01-int-tcp-8057"_s);
const ListenerId kWebConf(u"edge01-webconf-tcp-443"_s);
const ListenerId kInternalSip(u"edge01-int-tcp-5061"_s);

QString cell(const QTableView *view, int row, int column)
{
    return view->model()->index(row, column).data().toString();
}

// The column as shown, top to bottom.
QStringList columnTexts(const QTableView *view, int column)
{
    QStringList out;
    for (int r = 0; r < view->model()->rowCount(); ++r)
        out.append(cell(view, r, column));
    return out;
}

ElementRef refAt(const QModelIndex &index)
{
    return index.data(ListenerTableModel::RefRole).value<ElementRef>();
}

ElementRef currentRef(const ListenerTablePane &pane)
{
    return refAt(pane.view()->currentIndex());
}

int statusRowOf(const ListenerTablePane &pane, const ListenerId &id)
{
    const QAbstractItemModel *m = pane.view()->model();
    for (int r = 0; r < m->rowCount(); ++r)
        if (refAt(m->index(r, 0)) == ElementRef::listener(id))
            return r;
    return -1;
}

} // namespace

class TstListenerTable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rowsAndHeaders();
    void toolTipsNeverRenderFileText();
    void statusesAfterCheck();
    void probeColumnsFromHere();
    void filterWords();
    void statusFilter();
    void sortsPortsAsNumbersAndStatusBySeverity();
    void checkUpdatesInPlace();
    void copiesSelectedRowsAsTsv();
    void selectRefDoesNotEcho();
    void userMovesAnnounceRef();
    void filteringAnnouncesNothing();
    void disabledListenersSayIt();
    void membersComeAndGoInPlace();

private:
    Document m_doc{topologyfile::defaultTopology()};
};

void TstListenerTable::toolTipsNeverRenderFileText()
{
    // A process name from a snapshot that looks like markup: shown as text, never rendered (an
    // <img> with a file:// UNC source would make Windows open an SMB connection).
    CheckResult check = sampletest::sampleCheckResult(m_doc.topology());
    const QString hostile = u"<img src=\"file://10.1.2.3/s/x.png\">RTCSrv.exe"_s;
    for (ListenerVerdict &v : check.judgement.listeners)
        v.detail = hostile;
    deliverCheck(m_doc, std::make_shared<const CheckResult>(check));
    ListenerTableModel model(m_doc);
    const QModelIndex detail
            = model.index(model.indexFor(kPsom).row(), ListenerTableModel::DetailColumn);
    const QString tip = detail.data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(u"&lt;img"_s), qPrintable(tip));
    QVERIFY2(!tip.contains(u"<img"_s), qPrintable(tip));
    deliverCheck(m_doc, nullptr);
}

void TstListenerTable::rowsAndHeaders()
{
    ListenerTablePane pane(m_doc);
    const int listeners = int(listenerRows(m_doc.topology()).size());
    QCOMPARE(listeners, 14);
    QCOMPARE(pane.view()->model()->rowCount(), listeners);
    QCOMPARE(pane.countText(), u"14 of 14 listeners"_s);
    QCOMPARE(pane.filterEdit()->placeholderText(),
             u"Filter listeners (port, address, process, status…)"_s);
    QStringList headers;
    for (int c = 0; c < ListenerTableModel::ColumnCount; ++c)
        headers.append(pane.model()->headerData(c, Qt::Horizontal).toString());
    QCOMPARE(headers, (QStringList{u"Server"_s, u"Interface"_s, u"Address"_s, u"Transport"_s,
                                   u"Port"_s, u"Protocol"_s, u"Service"_s, u"Executable"_s,
                                   u"Status"_s, u"From here"_s, u"Probe detail"_s,
                                   u"Observed process"_s, u"Established"_s, u"Detail"_s}));
    QVERIFY(columnTexts(pane.view(), ListenerTableModel::PortColumn).contains(u"50000-59999"_s));
}

void TstListenerTable::statusesAfterCheck()
{
    deliverCheck(m_doc, nullptr);
    ListenerTablePane pane(m_doc);
    QCOMPARE(cell(pane.view(), statusRowOf(pane, kPsom), ListenerTableModel::StatusColumn),
             statusText(ListenerStatus::NotChecked));
    deliverCheck(m_doc, sampleCheck(m_doc.topology()));
    const QTableView *v = pane.view();
    QCOMPARE(cell(v, statusRowOf(pane, kPsom), ListenerTableModel::StatusColumn), u"✗ Missing"_s);
    const int sip = statusRowOf(pane, kInternalSip);
    QCOMPARE(cell(v, sip, ListenerTableModel::StatusColumn), u"✓ OK"_s);
    QCOMPARE(cell(v, sip, ListenerTableModel::ObservedColumn), u"RTCSrv.exe (PID 2216)"_s);
    QCOMPARE(cell(v, sip, ListenerTableModel::EstablishedColumn), u"2"_s);
    // Colour from the shared status style, never alone: the word is in the cell too.
    const StatusStyle missing = statusStyle(ListenerStatus::Missing, pane.model()->statusPalette());
    QCOMPARE(v->model()
                     ->index(statusRowOf(pane, kPsom), ListenerTableModel::StatusColumn)
                     .data(Qt::BackgroundRole)
                     .value<QColor>(),
             missing.fill);
    deliverCheck(m_doc, nullptr);
}

void TstListenerTable::probeColumnsFromHere()
{
    deliverCheck(m_doc, sampleCheck(m_doc.topology()));
    m_doc.setProbeRun(nullptr);
    ListenerTablePane pane(m_doc);
    const QTableView *v = pane.view();
    const int sip = statusRowOf(pane, kInternalSip);
    const int psom = statusRowOf(pane, kPsom);
    // No run yet: the columns are empty and hidden (a laptop screen keeps its width).
    QVERIFY(v->isColumnHidden(ListenerTableModel::ProbeColumn));
    QVERIFY(v->isColumnHidden(ListenerTableModel::ProbeDetailColumn));
    QCOMPARE(cell(v, sip, ListenerTableModel::ProbeColumn), QString());
    QCOMPARE(cell(v, sip, ListenerTableModel::ProbeDetailColumn), QString());

    auto run = std::make_shared<ProbeRun>();
    ProbeResult blocked;
    blocked.target.listener = kInternalSip;
    blocked.target.server = ServerId(u"edge01"_s);
    blocked.target.port = 5061;
    blocked.address = u"172.25.33.10"_s;
    blocked.status = ProbeStatus::TimedOut;
    blocked.findings.append({TlsFinding::Check::Expired, TlsFinding::Severity::Error,
                             u"The certificate expired 3 days ago"_s});
    blocked.findings.append({TlsFinding::Check::ExpiresSoon, TlsFinding::Severity::Warning,
                             u"The certificate expires in 10 days"_s});
    run->results.append(blocked);
    QSignalSpy changed(pane.model(), &QAbstractItemModel::dataChanged);
    m_doc.setProbeRun(run);
    QVERIFY(!changed.isEmpty());
    QVERIFY(!v->isColumnHidden(ListenerTableModel::ProbeColumn));
    QVERIFY(!v->isColumnHidden(ListenerTableModel::ProbeDetailColumn));

    // The snapshot says bound, the probe timed out: blocked between here and the Edge.
    QCOMPARE(cell(v, sip, ListenerTableModel::StatusColumn), u"✓ OK"_s);
    QCOMPARE(cell(v, sip, ListenerTableModel::ProbeColumn), u"⊘ Blocked"_s);
    QCOMPARE(cell(v, sip, ListenerTableModel::ProbeDetailColumn),
             u"blocked between here and the Edge (firewall, NAT or routing); "
             u"2 certificate findings"_s);
    const StatusStyle style = probeStyle(CombinedKind::Blocked, pane.model()->statusPalette());
    const QModelIndex probeCell = v->model()->index(sip, ListenerTableModel::ProbeColumn);
    QCOMPARE(probeCell.data(Qt::BackgroundRole).value<QColor>(), style.fill);
    QCOMPARE(probeCell.data(Qt::ForegroundRole).value<QColor>(), style.text);
    QVERIFY(probeCell.data(Qt::ToolTipRole).toString().contains(u"expired 3 days ago"_s));
    // A listener the run did not probe: empty.
    QCOMPARE(cell(v, psom, ListenerTableModel::ProbeColumn), QString());
    QCOMPARE(cell(v, psom, ListenerTableModel::ProbeDetailColumn), QString());

    m_doc.setProbeRun(nullptr);
    QCOMPARE(cell(v, sip, ListenerTableModel::ProbeColumn), QString());
    deliverCheck(m_doc, nullptr);
}

void TstListenerTable::filterWords()
{
    deliverCheck(m_doc, sampleCheck(m_doc.topology()));
    ListenerTablePane pane(m_doc);
    pane.filterEdit()->setText(u"8057"_s);
    QCOMPARE(pane.view()->model()->rowCount(), 1);
    QCOMPARE(currentRef(pane), ElementRef()); // filtering selects nothing
    QCOMPARE(refAt(pane.view()->model()->index(0, 0)), ElementRef::listener(kPsom));
    QCOMPARE(cell(pane.view(), 0, ListenerTableModel::StatusColumn), u"✗ Missing"_s);
    QCOMPARE(pane.countText(), u"1 of 14 listeners"_s);

    pane.filterEdit()->setText(u"missing"_s);
    QCOMPARE(pane.view()->model()->rowCount(), 2);
    // Several words: each must match some column, in any case.
    pane.filterEdit()->setText(u"Udp  3478"_s);
    QCOMPARE(columnTexts(pane.view(), ListenerTableModel::AddressColumn),
             (QStringList{u"172.25.33.10"_s, u"10.45.16.30"_s}));
    pane.filterEdit()->setText(u"udp 3478 10.45.16.30"_s);
    QCOMPARE(pane.view()->model()->rowCount(), 1);
    pane.filterEdit()->setText(u"mediarelaysvc.exe 10.45.16.30"_s);
    QCOMPARE(pane.view()->model()->rowCount(), 4);
    pane.filterEdit()->setText(u"nothing-matches-this"_s);
    QCOMPARE(pane.countText(), u"0 of 14 listeners"_s);
    QTest::keyClick(pane.filterEdit(), Qt::Key_Escape);
    QCOMPARE(pane.filterEdit()->text(), QString());
    QCOMPARE(pane.view()->model()->rowCount(), 14);
    deliverCheck(m_doc, nullptr);
}

void TstListenerTable::statusFilter()
{
    ListenerTablePane pane(m_doc);
    QComboBox *status = pane.statusFilter();
    QCOMPARE(status->itemText(0), u"All statuses"_s);
    status->setCurrentIndex(status->findText(u"Problems only"_s));
    QCOMPARE(pane.view()->model()->rowCount(), 0); // nothing is a problem before a check
    deliverCheck(m_doc, sampleCheck(m_doc.topology()));
    QCOMPARE(pane.view()->model()->rowCount(), 2);
    status->setCurrentIndex(status->findText(statusText(ListenerStatus::Dynamic)));
    QCOMPARE(columnTexts(pane.view(), ListenerTableModel::PortColumn),
             (QStringList{u"50000-59999"_s, u"50000-59999"_s}));
    pane.filterEdit()->setText(u"udp"_s); // both filters apply
    QCOMPARE(pane.countText(), u"1 of 14 listeners"_s);
    deliverCheck(m_doc, nullptr);
}

void TstListenerTable::sortsPortsAsNumbersAndStatusBySeverity()
{
    ListenerTablePane pane(m_doc);
    pane.resize(1400, 600);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    QHeaderView *header = pane.view()->horizontalHeader();
    const int x = header->sectionViewportPosition(ListenerTableModel::PortColumn)
                  + header->sectionSize(ListenerTableModel::PortColumn) / 2;
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    QCOMPARE(header->sortIndicatorSection(), int(ListenerTableModel::PortColumn));
    const QStringList ports = columnTexts(pane.view(), ListenerTableModel::PortColumn);
    // As text, "50000-59999" < "5061" and "443" > "3478"; as numbers they are not.
    QVERIFY(ports.indexOf(u"443"_s) < ports.indexOf(u"3478"_s));
    QVERIFY(ports.indexOf(u"3478"_s) < ports.indexOf(u"5061"_s));
    QVERIFY(ports.indexOf(u"5061"_s) < ports.indexOf(u"8057"_s));
    QVERIFY(ports.lastIndexOf(u"8057"_s) < ports.indexOf(u"50000-59999"_s));
    QCOMPARE(ports.first(), u"443"_s);
    QCOMPARE(ports.last(), u"50001-50003"_s);

    deliverCheck(m_doc, sampleCheck(m_doc.topology()));
    pane.view()->sortByColumn(ListenerTableModel::StatusColumn, Qt::DescendingOrder);
    const QStringList statuses = columnTexts(pane.view(), ListenerTableModel::StatusColumn);
    QCOMPARE(statuses.mid(0, 3), (QStringList{u"✗ Missing"_s, u"✗ Missing"_s, u"∿ Dynamic"_s}));
    QCOMPARE(statuses.last(), u"✓ OK"_s);
    deliverCheck(m_doc, nullptr);
}

void TstListenerTable::checkUpdatesInPlace()
{
    deliverCheck(m_doc, sampleCheck(m_doc.topology()));
    ListenerTablePane pane(m_doc);
    pane.view()->sortByColumn(ListenerTableModel::PortColumn, Qt::AscendingOrder);
    pane.selectRef(ElementRef::listener(kPsom));
    const QPersistentModelIndex source = pane.model()->indexFor(kPsom);
    const QPersistentModelIndex shown = pane.view()->currentIndex();
    QSignalSpy resets(pane.model(), &QAbstractItemModel::modelReset);
    QSignalSpy changes(pane.model(), &QAbstractItemModel::dataChanged);
    QSignalSpy activated(Selection::of(m_doc), &Selection::currentChanged);

    deliverCheck(m_doc, sampleCheck(m_doc.topology())); // the next snapshot
    QCOMPARE(resets.count(), 0);
    QVERIFY(changes.count() >= 1);
    QVERIFY(source.isValid());
    QVERIFY(shown.isValid());
    QCOMPARE(refAt(shown), ElementRef::listener(kPsom));
    QCOMPARE(currentRef(pane), ElementRef::listener(kPsom));
    QCOMPARE(pane.view()->selectionModel()->selectedRows().size(), 1);

    deliverCheck(m_doc, nullptr); // statuses go back to "not checked", in place as well
    QCOMPARE(resets.count(), 0);
    QCOMPARE(shown.sibling(shown.row(), ListenerTableModel::StatusColumn).data().toString(),
             statusText(ListenerStatus::NotChecked));
    QCOMPARE(activated.count(), 0);
}

void TstListenerTable::copiesSelectedRowsAsTsv()
{
    deliverCheck(m_doc, sampleCheck(m_doc.topology()));
    ListenerTablePane pane(m_doc);
    QVERIFY(!pane.copyAction()->isEnabled());
    pane.view()->sortByColumn(ListenerTableModel::PortColumn, Qt::DescendingOrder);
    pane.selectRef(ElementRef::listener(kPsom));
    QVERIFY(pane.copyAction()->isEnabled());
    QCOMPARE(pane.copyAction()->shortcut(), QKeySequence(u"Ctrl+C"_s));
    QVERIFY(pane.view()->actions().contains(pane.copyAction())); // the context menu
    QApplication::clipboard()->clear();
    pane.copyAction()->trigger();

    const QString detail = m_doc.checks().verdict(kPsom)->detail;
    QVERIFY(!detail.isEmpty());
    // No probe run: its columns are hidden, so not copied.
    QVERIFY(pane.view()->isColumnHidden(ListenerTableModel::ProbeColumn));
    const QString header = u"Server\tInterface\tAddress\tTransport\tPort\tProtocol\tService\t"
                           "Executable\tStatus\tObserved process\tEstablished\tDetail"_s;
    const QString row = u"edge01.contoso.local\tInternal\t172.25.33.10\tTCP\t8057\tPSOM/MTLS\t"
                        "RTCDATAPROXY\tDataProxy.exe\t✗ Missing\t\t0\t"_s
                        + detail;
    QCOMPARE(QApplication::clipboard()->text(), header + u'\n' + row + u'\n');

    // Two rows, in the order shown (ports descending: 8057 before 5061), hidden columns left out.
    pane.view()->setColumnHidden(ListenerTableModel::DetailColumn, true);
    pane.view()->setColumnHidden(ListenerTableModel::ServerColumn, true);
    pane.view()->selectionModel()->select(
            pane.view()->model()->index(statusRowOf(pane, kInternalSip), 0),
            QItemSelectionModel::Select | QItemSelectionModel::Rows);
    const QStringList lines = pane.selectedRowsAsTsv().split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines[0].startsWith(u"Interface\tAddress\t"_s));
    QVERIFY(lines[0].endsWith(u"\tEstablished"_s));
    QVERIFY(lines[1].startsWith(u"Internal\t172.25.33.10\tTCP\t8057\t"_s));
    QCOMPARE(lines[2], u"Internal\t172.25.33.10\tTCP\t5061\tSIP/MTLS\tRTCSRV\tRTCSrv.exe\t"
                       "✓ OK\tRTCSrv.exe (PID 2216)\t2"_s);
    deliverCheck(m_doc, nullptr);
}

void TstListenerTable::selectRefDoesNotEcho()
{
    ListenerTablePane pane(m_doc);
    QSignalSpy activated(Selection::of(m_doc), &Selection::currentChanged);
    pane.view()->sortByColumn(ListenerTableModel::PortColumn, Qt::DescendingOrder);
    pane.selectRef(ElementRef::listener(kWebConf));
    QCOMPARE(currentRef(pane), ElementRef::listener(kWebConf));
    const QModelIndexList selected = pane.view()->selectionModel()->selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(refAt(selected.first()), ElementRef::listener(kWebConf));
    QCOMPARE(cell(pane.view(), selected.first().row(), ListenerTableModel::AddressColumn),
             u"10.45.16.20"_s);

    pane.selectRef(ElementRef::listener(kPsom));
    QCOMPARE(currentRef(pane), ElementRef::listener(kPsom));
    // Not a listener: nothing selected.
    pane.selectRef(ElementRef::server(ServerId(u"edge01"_s)));
    QVERIFY(!pane.view()->selectionModel()->hasSelection());
    QVERIFY(!pane.view()->currentIndex().isValid());
    pane.selectRef(ElementRef::listener(ListenerId(u"no-such-listener"_s)));
    QVERIFY(!pane.view()->selectionModel()->hasSelection());
    // The selection changed once per call, to what was asked: the table's own move to the row
    // (re-sorted, scrolled) wrote nothing back.
    QList<ElementRef> written;
    for (const QList<QVariant> &args : activated)
        written.append(args.first().value<ElementRef>());
    const QList<ElementRef> asked = {ElementRef::listener(kWebConf), ElementRef::listener(kPsom),
                                     ElementRef::server(ServerId(u"edge01"_s))};
    QCOMPARE(written.mid(0, 3), asked);
    QVERIFY(written.size() <= 4);
}

void TstListenerTable::userMovesAnnounceRef()
{
    ListenerTablePane pane(m_doc);
    QSignalSpy activated(Selection::of(m_doc), &Selection::currentChanged);
    pane.selectRef(ElementRef::listener(kPsom));
    activated.clear();
    const int row = pane.view()->currentIndex().row();
    const ElementRef next = refAt(pane.view()->model()->index(row + 1, 0));
    QTest::keyClick(pane.view(), Qt::Key_Down);
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.first().first().value<ElementRef>(), next);
    QCOMPARE(next.kind(), ElementRef::Kind::Listener);
}

void TstListenerTable::filteringAnnouncesNothing()
{
    deliverCheck(m_doc, sampleCheck(m_doc.topology()));
    Selection::of(m_doc)->setCurrent({});
    ListenerTablePane pane(m_doc);
    QSignalSpy activated(Selection::of(m_doc), &Selection::currentChanged);
    // Hiding the current row moves the current index to a neighbour: not the user's choice.
    // First by a new snapshot in which the current row is no longer a problem...
    pane.statusFilter()->setCurrentIndex(pane.statusFilter()->findText(u"Problems only"_s));
    pane.selectRef(ElementRef::listener(kPsom));
    QCOMPARE(currentRef(pane), ElementRef::listener(kPsom));
    activated.clear();
    CheckResult fixed = *sampleCheck(m_doc.topology());
    for (ListenerVerdict &v : fixed.judgement.listeners)
        if (v.listener == kPsom)
            v.status = ListenerStatus::Ok;
    deliverCheck(m_doc, std::make_shared<const CheckResult>(fixed));
    QCOMPARE(pane.view()->model()->rowCount(), 1);
    QCOMPARE(activated.count(), 0);
    // ... then by the filters.
    pane.statusFilter()->setCurrentIndex(0);
    pane.selectRef(ElementRef::listener(kPsom));
    activated.clear();
    pane.filterEdit()->setText(u"RTCSRV"_s);
    pane.statusFilter()->setCurrentIndex(pane.statusFilter()->findText(u"Problems only"_s));
    pane.filterEdit()->clear();
    pane.view()->sortByColumn(ListenerTableModel::StatusColumn, Qt::AscendingOrder);
    deliverCheck(m_doc, nullptr); // every row leaves the "problems only" filter
    QCOMPARE(activated.count(), 0);
    m_doc.resetTopology(topologyfile::defaultTopology(), {});
}

void TstListenerTable::disabledListenersSayIt()
{
    Topology t = topologyfile::defaultTopology();
    for (Listener &l : t.pools[0].servers[0].listeners)
        if (l.id == kPsom)
            l.enabled = false;
    Document doc(topologyfile::defaultTopology());
    ListenerTablePane pane(doc);
    QSignalSpy resets(pane.model(), &QAbstractItemModel::modelReset);
    doc.resetTopology(t, {});
    QCOMPARE(resets.count(), 1);
    const int row = statusRowOf(pane, kPsom);
    QCOMPARE(cell(pane.view(), row, ListenerTableModel::ServiceColumn),
             u"RTCDATAPROXY (disabled)"_s);
    const QModelIndex executable
            = pane.view()->model()->index(row, ListenerTableModel::ExecutableColumn);
    QCOMPARE(executable.data(Qt::ForegroundRole).value<QColor>(),
             QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text));
    const int sip = statusRowOf(pane, kInternalSip);
    QCOMPARE(cell(pane.view(), sip, ListenerTableModel::ServiceColumn), u"RTCSRV"_s);
    QVERIFY(!pane.view()->model()->index(sip, 0).data(Qt::ForegroundRole).isValid());
}

void TstListenerTable::membersComeAndGoInPlace()
{
    // Adding a pool member adds its listeners' rows, removing it removes them, and undo/redo
    // the same: no reset, so the row the admin selected stays selected and the table reads as
    // one built fresh for the topology.
    deliverCheck(m_doc, sampleCheck(m_doc.topology()));
    ListenerTablePane pane(m_doc);
    ListenerTableModel &model = *pane.model();
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    pane.selectRef(ElementRef::listener(kPsom));
    const auto selected = [&] {
        return currentRef(pane);
    };
    const auto same = [&] {
        const ListenerTableModel fresh(m_doc);
        if (fresh.rowCount() != model.rowCount())
            return u"%1 rows, a fresh table has %2"_s.arg(model.rowCount()).arg(fresh.rowCount());
        for (int r = 0; r < model.rowCount(); ++r)
            for (int c = 0; c < ListenerTableModel::ColumnCount; ++c)
                if (model.index(r, c).data() != fresh.index(r, c).data())
                    return u"row %1 column %2 differs"_s.arg(r).arg(c);
        return QString();
    };
    const int before = model.rowCount();
    MemberParams second;
    second.fqdn = u"edge09.contoso.local"_s;
    second.internalIp = u"172.25.33.99"_s;
    second.externalIps = {u"10.45.16.97"_s, u"10.45.16.98"_s, u"10.45.16.99"_s};
    second.accessPublicIp = u"203.0.113.97"_s;
    second.webConfPublicIp = u"203.0.113.98"_s;
    second.avPublicIp = u"203.0.113.99"_s;
    const topologyops::EditResult added = topologyops::addPoolMember(
            m_doc.topology(), m_doc.topology().pools.first().id, second);
    QVERIFY2(added.ok(), qPrintable(added.error));
    QVERIFY(!m_doc.applyEdit(u"Add edge09"_s, added.topology).isError());
    QVERIFY(model.rowCount() > before);
    QVERIFY2(same().isEmpty(), qPrintable(same()));
    QCOMPARE(selected(), ElementRef::listener(kPsom));
    m_doc.undoStack()->undo();
    QCOMPARE(model.rowCount(), before);
    QVERIFY2(same().isEmpty(), qPrintable(same()));
    QCOMPARE(selected(), ElementRef::listener(kPsom));
    m_doc.undoStack()->redo();
    QVERIFY2(same().isEmpty(), qPrintable(same()));
    m_doc.undoStack()->undo();
    QCOMPARE(resets.count(), 0);
    deliverCheck(m_doc, nullptr);
}

QTEST_MAIN(TstListenerTable)
#include "tst_listenertable.moc"
