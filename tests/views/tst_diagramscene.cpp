// The diagram scene as the admin sees it: items per kind, colours after a judged snapshot (in
// place, never recreated), "not checked" without one, highlighted paths and numbered scenario
// hops, tooltips that escape model text, and the view's selection and Esc.
#include "core/catalog.h"
#include "diagram/diagrampane.h"
#include "diagram/diagramscene.h"
#include "document/document.h"
#include "io/topologyfile.h"
#include "selection.h"
#include "snapshot/check.h"
#include "support/tst_checks_util.h"
#include "support/tst_diagram_util.h"
#include "support/tst_pool_util.h"
#include "support/tst_sample_util.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QGraphicsView>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace edgemap;
using namespace edgemap::testing;
using namespace Qt::StringLiterals;
using edgemap::sampletest::sampleCheck;

namespace {

// Unexpected sockets drawn: a chip each, or one for a 0.0.0.0 / [::] pair.
qsizetype unexpectedSockets(const DiagramScene &scene)
{
    qsizetype n = 0;
    for (const DiagramLayout::Chip &c : scene.diagramLayout().chips)
        if (c.unexpected >= 0)
            n += 1 + c.twins.size();
    return n;
}

int countOf(const QGraphicsScene &scene, int type)
{
    const QList<QGraphicsItem *> items = scene.items();
    return int(std::count_if(items.cbegin(), items.cend(),
                             [type](const QGraphicsItem *i) { return i->type() == type; }));
}

const Listener *listenerWith(const Topology &t, const QString &endpoint)
{
    for (const Listener *l : t.allListeners())
        if (l->hasEndpoint(endpoint))
            return l;
    return nullptr;
}

} // namespace

class TstDiagramScene : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void itemCounts_data();
    void itemCounts();
    void notCheckedWithoutSnapshot();
    void coloursAfterCheck();
    void recolourKeepsItems();
    void highlightPeer();
    void highlightListener();
    void downListenerShowsImpact();
    void scenarioHopsNumbered_data();
    void scenarioHopsNumbered();
    void tooltipsEscapeModelText();
    void rebuildOnTopologyReset();
    void fieldEditKeepsThePathGraphUnlessAFlagChanged_data();
    void fieldEditKeepsThePathGraphUnlessAFlagChanged();
    void viewSelectionAndEscape();
    void everyCheckedServerIsColoured();
    void changedChipsAreMarked();
    void probeBadgeOnChips();
    void sceneShowsTheDocumentsAnalysis();
    void poolShapeShowsEachMember();
    void expandingAMemberKeepsTheOthers();
    void doubleClickOnAMemberRowExpandsIt();
    void brokenScenarioMarksWhereItBreaks();
};

void TstDiagramScene::itemCounts_data()
{
    QTest::addColumn<Topology>("topology");
    QTest::newRow("three IPs") << build(params(1));
    QTest::newRow("single IP") << build(params(1, true));
    QTest::newRow("xmpp") << build(params(1, false, true));
    QTest::newRow("no xmpp") << build(params(1, false, false));
    QTest::newRow("12-server pool") << build(params(12));
    QTest::newRow("two sites") << sites(2, 2);
}

void TstDiagramScene::itemCounts()
{
    QFETCH(Topology, topology);
    Document doc(topology);
    DiagramScene scene(doc);
    const DiagramLayout &layout = scene.diagramLayout();
    QCOMPARE(countOf(scene, ChipItem::Type), int(layout.chips.size()));
    QCOMPARE(countOf(scene, PeerItem::Type), int(layout.peers.size()));
    QCOMPARE(countOf(scene, BoxItem::ServerType), int(layout.servers.size()));
    QCOMPARE(countOf(scene, BoxItem::PoolType), int(topology.pools.size()));
    QCOMPARE(countOf(scene, BoxItem::AddressType), int(layout.blocks.size()));
    QCOMPARE(countOf(scene, BoxItem::ZoneType), int(layout.zones.size()));
    QCOMPARE(countOf(scene, BoxItem::WallType), int(layout.walls.size()));
    QCOMPARE(countOf(scene, MemberRowItem::Type), int(layout.memberRows.size()));
    QCOMPARE(countOf(scene, MemberHeaderItem::Type), int(layout.memberTables.size()));
    QCOMPARE(countOf(scene, ServiceItem::Type), int(layout.services.size()));
    QCOMPARE(countOf(scene, RouteItem::Type), int(layout.routes.size()));
    QCOMPARE(countOf(scene, HopBadgeItem::Type), 0);
    for (const Listener *l : topology.allListeners())
        QVERIFY(scene.chip(l->id));
}

void TstDiagramScene::notCheckedWithoutSnapshot()
{
    Document doc(topologyfile::defaultTopology());
    DiagramScene scene(doc);
    for (const Listener *l : doc.topology().allListeners()) {
        const ChipItem *chip = scene.chip(l->id);
        QCOMPARE(chip->status(), ListenerStatus::NotChecked);
        QCOMPARE(chip->statusLook().label, displayName(ListenerStatus::NotChecked));
        QCOMPARE(chip->established(), 0);
    }
    QVERIFY(scene.unexpectedChips().isEmpty());
    for (const RouteItem *r : scene.routes())
        QVERIFY(!r->isLive());
}

void TstDiagramScene::coloursAfterCheck()
{
    Document doc(topologyfile::defaultTopology());
    DiagramScene scene(doc);
    const auto check = sampleCheck(doc.topology());
    deliverCheck(doc, check);
    for (const ListenerVerdict &v : check->judgement.listeners) {
        const ChipItem *chip = scene.chip(v.listener);
        QCOMPARE(chip->status(), v.status);
        QCOMPARE(chip->established(), v.established);
        QCOMPARE(chip->statusLook().glyph, statusStyle(v.status, StatusPalette::Light).glyph);
    }
    // The sample has the Web Conferencing Edge stopped and the access SIP port in use.
    QCOMPARE(scene.chip(listenerWith(doc.topology(), u"webconf-external-psom"_s)->id)->status(),
             ListenerStatus::Missing);
    QCOMPARE(scene.chip(listenerWith(doc.topology(), u"access-client-sip"_s)->id)->status(),
             ListenerStatus::Ok);
    QCOMPARE(unexpectedSockets(scene), check->judgement.unexpected.size());
    // A socket bound on 0.0.0.0 and [::] is one chip; its tooltip names both and says what the
    // port is.
    const DiagramLayout::Chip *twin = nullptr;
    for (const DiagramLayout::Chip &c : scene.diagramLayout().chips)
        if (!c.twins.isEmpty())
            twin = &c;
    QVERIFY(twin);
    const QString twinTip = scene.toolTipFor(scene.item(twin->key));
    QVERIFY2(twinTip.contains(u"on 0.0.0.0 and [::]"_s), qPrintable(twinTip));
    QVERIFY2(twinTip.contains(u"Windows"_s), qPrintable(twinTip));
    for (const ChipItem *chip : scene.unexpectedChips()) {
        QVERIFY(chip->isUnexpected());
        QCOMPARE(chip->statusLook().label, unexpectedStyle(StatusPalette::Light).label);
    }
    // Flows from peers the snapshot saw connections from are drawn live.
    bool anyLive = false;
    for (const RouteItem *r : scene.routes())
        anyLive = anyLive || r->isLive();
    QCOMPARE(anyLive,
             std::any_of(check->judgement.listeners.cbegin(), check->judgement.listeners.cend(),
                         [](const ListenerVerdict &v) { return !v.remotePeers.isEmpty(); }));
    // Clearing the check puts everything back to "not checked".
    deliverCheck(doc, nullptr);
    for (const Listener *l : doc.topology().allListeners())
        QCOMPARE(scene.chip(l->id)->status(), ListenerStatus::NotChecked);
    QVERIFY(scene.unexpectedChips().isEmpty());
}

void TstDiagramScene::recolourKeepsItems()
{
    Document doc(topologyfile::defaultTopology());
    DiagramScene scene(doc);
    QHash<QString, ChipItem *> before;
    for (const Listener *l : doc.topology().allListeners())
        before.insert(l->id.value(), scene.chip(l->id));
    PeerItem *peer = scene.peer(PeerId(u"remote-users"_s));
    deliverCheck(doc, sampleCheck(doc.topology()));
    const QList<ChipItem *> unexpected = scene.unexpectedChips();
    deliverCheck(doc, sampleCheck(doc.topology())); // a new snapshot with the same sockets
    for (auto it = before.cbegin(); it != before.cend(); ++it)
        QCOMPARE(scene.chip(ListenerId(it.key())), it.value());
    QCOMPARE(scene.peer(PeerId(u"remote-users"_s)), peer);
    QCOMPARE(scene.unexpectedChips(), unexpected);
}

void TstDiagramScene::highlightPeer()
{
    Document doc(topologyfile::defaultTopology());
    DiagramScene scene(doc);
    const PeerId remote(u"remote-users"_s);
    scene.highlightPeer(remote);
    const QSet<DiagramItem *> lit = scene.highlightedItems();
    QVERIFY(lit.contains(scene.peer(remote)));
    for (const Path &path : scene.analysis().pathsFrom(remote))
        for (const PathStep &step : path) {
            DiagramItem *item = step.node.kind == PathNode::Kind::Peer
                                        ? static_cast<DiagramItem *>(scene.peer(step.node.peer))
                                        : scene.chip(step.node.listener);
            QVERIFY(lit.contains(item));
        }
    const Topology &t = doc.topology();
    for (const QString &key : {u"access-client-sip"_s, u"access-internal-sip"_s,
                               u"webconf-external-psom"_s, u"av-external-turn-udp"_s})
        QVERIFY2(lit.contains(scene.chip(listenerWith(t, key)->id)), qPrintable(key));
    // The route from remote users into the access SIP chip is lit; CMS replication is dimmed.
    QVERIFY(std::any_of(lit.cbegin(), lit.cend(),
                        [](DiagramItem *i) { return i->type() == RouteItem::Type; }));
    ChipItem *cms = scene.chip(listenerWith(t, u"cms-replication"_s)->id);
    QVERIFY(!lit.contains(cms));
    QCOMPARE(cms->emphasis(), DiagramItem::Emphasis::Dimmed);
    scene.clearHighlight();
    QCOMPARE(cms->emphasis(), DiagramItem::Emphasis::Normal);
    QVERIFY(!scene.hasHighlight());
}

void TstDiagramScene::highlightListener()
{
    Document doc(topologyfile::defaultTopology());
    DiagramScene scene(doc);
    const Topology &t = doc.topology();
    const Listener *internalSip = listenerWith(t, u"access-internal-sip"_s);
    scene.highlightListener(internalSip->id);
    const QSet<DiagramItem *> lit = scene.highlightedItems();
    QVERIFY(lit.contains(scene.chip(internalSip->id)));
    for (const QString &peer : {u"remote-users"_s, u"federated-partners"_s, u"director"_s})
        QVERIFY2(lit.contains(scene.peer(PeerId(peer))), qPrintable(peer));
    QVERIFY(lit.contains(scene.chip(listenerWith(t, u"access-client-sip"_s)->id)));
    QVERIFY(!lit.contains(scene.chip(listenerWith(t, u"av-media-udp"_s)->id)));
    QVERIFY(std::any_of(lit.cbegin(), lit.cend(),
                        [](DiagramItem *i) { return i->type() == ServiceItem::Type; }));
    QVERIFY(scene.brokenScenarios().isEmpty()); // not checked, so not down
}

void TstDiagramScene::downListenerShowsImpact()
{
    Document doc(topologyfile::defaultTopology());
    DiagramScene scene(doc);
    deliverCheck(doc, sampleCheck(doc.topology()));
    const Listener *webconf = listenerWith(doc.topology(), u"webconf-external-psom"_s);
    QVERIFY(isDown(scene.chip(webconf->id)->status()));
    scene.highlightListener(webconf->id);
    QCOMPARE(scene.brokenScenarios(), scene.analysis().scenariosBrokenBy(webconf->id));
    QVERIFY(scene.brokenScenarios().contains(ScenarioId(u"web-conference-join"_s)));
    QVERIFY(scene.highlightedItems().contains(scene.peer(PeerId(u"front-end"_s))));
}

void TstDiagramScene::scenarioHopsNumbered_data()
{
    QTest::addColumn<QString>("scenario");
    for (const Scenario &s : topologyfile::defaultTopology().scenarios)
        QTest::newRow(qPrintable(s.id.value())) << s.id.value();
}

void TstDiagramScene::scenarioHopsNumbered()
{
    QFETCH(QString, scenario);
    Document doc(topologyfile::defaultTopology());
    DiagramScene scene(doc);
    scene.highlightScenario(ScenarioId(scenario));
    const QList<ResolvedScenario> resolved = scene.analysis().resolve(ScenarioId(scenario));
    QCOMPARE(resolved.size(), 1);
    const auto badges = scene.hopBadges();
    QCOMPARE(countOf(scene, HopBadgeItem::Type), int(badges.size()));
    // Every hop's items carry its number, in order; each badge belongs to a hop.
    int expected = 0;
    for (qsizetype i = 0; i < resolved.first().hops.size(); ++i) {
        const ResolvedHop &hop = resolved.first().hops.at(i);
        QList<DiagramItem *> items;
        if (hop.kind == ScenarioHop::Kind::Endpoints)
            for (const ListenerId &id : hop.alternatives)
                items.append(scene.chip(id));
        else
            items.append(scene.peer(hop.peer));
        for (DiagramItem *item : items) {
            QVERIFY(scene.highlightedItems().contains(item));
            QVERIFY(badges.contains(qMakePair(int(i) + 1, item)));
            ++expected;
        }
    }
    QCOMPARE(badges.size(), expected);
    for (qsizetype i = 1; i < badges.size(); ++i)
        QVERIFY(badges.at(i - 1).first <= badges.at(i).first);
    scene.clearHighlight();
    QCOMPARE(countOf(scene, HopBadgeItem::Type), 0);
}

void TstDiagramScene::tooltipsEscapeModelText()
{
    Topology t = topologyfile::defaultTopology();
    t.peers[0].name = u"<b>Remote</b> & co"_s;
    t.services[0].displayName = u"<img src=x>"_s;
    Document doc(t);
    DiagramScene scene(doc);
    const QString peerTip = scene.toolTipFor(scene.peer(t.peers[0].id));
    QVERIFY2(peerTip.contains(u"&lt;b&gt;Remote&lt;/b&gt; &amp; co"_s), qPrintable(peerTip));
    const Listener *sip = listenerWith(t, u"access-client-sip"_s);
    const QString chipTip = scene.toolTipFor(scene.chip(sip->id));
    QVERIFY(!chipTip.contains(u"<img"_s));
    QVERIFY(chipTip.contains(u"RTCSrv.exe"_s));
    QVERIFY(chipTip.contains(u"Remote user sign-in"_s)); // what breaks if it is down
    QVERIFY(chipTip.contains(u"Not checked"_s));
    deliverCheck(doc, sampleCheck(doc.topology()));
    const QString observed = scene.toolTipFor(scene.chip(sip->id));
    QVERIFY2(observed.contains(u"RTCSrv.exe (PID"_s) || observed.contains(u"PID"_s),
             qPrintable(observed));
}

void TstDiagramScene::rebuildOnTopologyReset()
{
    Document doc(topologyfile::defaultTopology());
    DiagramScene scene(doc);
    doc.resetTopology(build(params(3)), {});
    QCOMPARE(countOf(scene, BoxItem::ServerType), 0); // one shape for the pool
    QCOMPARE(countOf(scene, MemberRowItem::Type), 3);
    QCOMPARE(countOf(scene, ChipItem::Type),
             int(doc.topology().pools.first().servers.first().listeners.size()));
    QVERIFY(!scene.hasHighlight());
}

void TstDiagramScene::fieldEditKeepsThePathGraphUnlessAFlagChanged_data()
{
    QTest::addColumn<FieldRef>("field");
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<bool>("rebuilt");
    const ElementRef port = ElementRef::listener(ListenerId(u"edge01-int-tcp-5062"_s));
    QTest::newRow("port") << FieldRef{Field::ListenerPort, port} << QVariant(5063) << false;
    QTest::newRow("address") << FieldRef{Field::AddressIp,
                                         ElementRef::address(AddressId(u"edge01-access"_s))}
                             << QVariant(u"192.0.2.110"_s) << false;
    QTest::newRow("name") << FieldRef::ofTopology(Field::TopologyName) << QVariant(u"Renamed"_s)
                          << false;
    QTest::newRow("listener off") << FieldRef{Field::ListenerEnabled, port} << QVariant(false)
                                  << true;
    QTest::newRow("service off") << FieldRef{Field::ServiceEnabled,
                                             ElementRef::service(ServiceId(u"RTCDATAPROXY"_s))}
                                 << QVariant(false) << true;
}

void TstDiagramScene::fieldEditKeepsThePathGraphUnlessAFlagChanged()
{
    QFETCH(FieldRef, field);
    QFETCH(QVariant, value);
    QFETCH(bool, rebuilt);
    Document doc(topologyfile::defaultTopology());
    DiagramScene scene(doc);
    const PathAnalysis *before = &scene.analysis();
    const int chips = countOf(scene, ChipItem::Type);
    QVERIFY(!doc.setField(field, value).isError());
    // Both graphs are alive while one replaces the other: a new one has another address.
    QCOMPARE(&scene.analysis() != before, rebuilt);
    QCOMPARE(countOf(scene, ChipItem::Type), chips);
}

void TstDiagramScene::viewSelectionAndEscape()
{
    Document doc(topologyfile::defaultTopology());
    DiagramPane view(doc);
    view.resize(1000, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy selected(Selection::of(doc), &Selection::currentChanged);
    const Listener *sip = listenerWith(doc.topology(), u"access-client-sip"_s);
    // From the tree: selected and highlighted, no signal back.
    QVERIFY(view.selectRef(ElementRef::listener(sip->id)));
    QCOMPARE(view.selectedRef(), ElementRef::listener(sip->id));
    QVERIFY(view.scene()->hasHighlight());
    QCOMPARE(selected.count(), 0);
    // A click in the diagram: the reference goes out.
    view.scene()->clearSelection();
    view.scene()->peer(PeerId(u"director"_s))->setSelected(true);
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.last().at(0).value<ElementRef>(), ElementRef::peer(PeerId(u"director"_s)));
    // A scenario from the list, then Esc clears.
    view.showScenario(ScenarioId(u"remote-sign-in"_s));
    QVERIFY(!view.scene()->hopBadges().isEmpty());
    QTest::keyClick(view.graphicsView(), Qt::Key_Escape);
    QVERIFY(!view.scene()->hasHighlight());
    QCOMPARE(view.scenarioBox()->currentIndex(), 0);
    // Zoom keys and fit.
    view.fitToWindow();
    const qreal fitted = view.zoom();
    view.zoomIn();
    QVERIFY(view.zoom() > fitted);
    view.fitToWindow();
    QCOMPARE(view.zoom(), fitted);
    // An edit keeps the zoom the user chose (the scene is rebuilt underneath).
    view.zoomIn();
    view.zoomIn();
    const qreal zoomed = view.zoom();
    Topology renamed = doc.topology();
    renamed.name = u"Renamed"_s;
    QVERIFY(!doc.applyEdit(u"Rename"_s, renamed).isError());
    QCOMPARE(view.zoom(), zoomed);
    view.setLegendVisible(false);
    QVERIFY(!view.isLegendVisible());
}

void TstDiagramScene::everyCheckedServerIsColoured()
{
    Document doc(pooltest::twoServerPool());
    DiagramScene scene(doc);
    // Both members drawn in full: each listener on its own chip.
    scene.setExpanded(ServerId(u"edge01"_s), true);
    scene.setExpanded(ServerId(u"edge02"_s), true);
    const auto a = pooltest::check(doc.topology(), pooltest::sampleText(), u"a"_s);
    const auto b = pooltest::check(doc.topology(), pooltest::edge02Text(), u"b"_s);
    deliverCheck(doc, a);
    deliverCheck(doc, b);
    for (const auto &check : {a, b})
        for (const ListenerVerdict &v : check->judgement.listeners)
            QCOMPARE(scene.chip(v.listener)->status(), v.status);
    QCOMPARE(scene.chip(ListenerId(u"edge01-int-tcp-8057"_s))->status(), ListenerStatus::Missing);
    QCOMPARE(scene.chip(ListenerId(u"edge02-int-tcp-8057"_s))->status(), ListenerStatus::Missing);
    // Unexpected sockets of both servers, each inside its own server's box.
    QCOMPARE(unexpectedSockets(scene),
             a->judgement.unexpected.size() + b->judgement.unexpected.size());
    for (const char *id : {"edge01", "edge02"}) {
        const QRectF box = scene.server(ServerId(QString::fromLatin1(id)))->sceneBoundingRect();
        qsizetype inside = 0;
        for (const DiagramLayout::Chip &c : scene.diagramLayout().chips)
            if (c.unexpected >= 0 && box.contains(scene.item(c.key)->sceneBoundingRect()))
                inside += 1 + c.twins.size();
        QCOMPARE(inside, a->judgement.unexpected.size());
    }
    QVERIFY(scene.changedChips().isEmpty());
}

void TstDiagramScene::changedChipsAreMarked()
{
    using namespace pooltest;
    Document doc(twoServerPool());
    DiagramScene scene(doc);
    scene.setExpanded(ServerId(u"edge01"_s), true);
    scene.setExpanded(ServerId(u"edge02"_s), true);
    deliverCheck(doc, check(doc.topology(), sampleText(), u"first"_s));
    // Replication stopped, and something new listens on all interfaces (TCP 8443).
    QString text = without(sampleText(), u"172.25.33.10:4443 "_s);
    text.replace(
            u"  TCP    0.0.0.0:3389 "_s,
            u"  TCP    0.0.0.0:8443           0.0.0.0:0              LISTENING       4242\r\n  TCP    0.0.0.0:3389 "_s);
    deliverCheck(doc, check(doc.topology(), text, u"second"_s));

    ChipItem *replication = scene.chip(ListenerId(u"edge01-int-tcp-4443"_s));
    QVERIFY(replication->isChanged());
    QCOMPARE(replication->changeBadge(), u"was OK"_s);
    const QString tip = scene.toolTipFor(replication);
    QVERIFY2(tip.contains(u"was OK, now Missing"_s), qPrintable(tip));
    ChipItem *appeared = nullptr;
    for (ChipItem *chip : scene.unexpectedChips())
        if (chip->socketText().contains(u"8443"_s))
            appeared = chip;
    QVERIFY(appeared);
    QVERIFY(appeared->isChanged());
    QCOMPARE(appeared->changeBadge(), u"new"_s);
    QVERIFY(scene.toolTipFor(appeared).contains(u"New since the previous snapshot"_s));
    // Nothing else is marked but the pool shape's chip, which names the member.
    QCOMPARE(scene.changedChips().size(), 3);
    const ChipItem *shape = static_cast<const ChipItem *>(scene.item(
            u"chip:%1/shared/edge01-int-tcp-4443"_s.arg(doc.topology().pools.first().id.value())));
    QVERIFY(shape);
    QCOMPARE(shape->changeBadge(), u"was OK"_s);
    QVERIFY2(shape->changeDescription().contains(u"edge01.contoso.local"_s),
             qPrintable(shape->changeDescription()));
    QVERIFY(!scene.chip(ListenerId(u"edge01-int-tcp-5061"_s))->isChanged());
    QVERIFY(!scene.chip(ListenerId(u"edge02-int-tcp-4443"_s))->isChanged());

    doc.setChecks(doc.checks().acknowledged());
    QVERIFY(scene.changedChips().isEmpty());
    QVERIFY(!scene.toolTipFor(replication).contains(u"was OK"_s));
}

// The scene builds no analysis of its own: it shows the document's, the same instance through
// highlights, checks and the edits the analysis does not read, the new one after those it does.
void TstDiagramScene::sceneShowsTheDocumentsAnalysis()
{
    Document doc(topologyfile::defaultTopology());
    DiagramScene scene(doc);
    const std::shared_ptr<const PathAnalysis> analysis = doc.analysis();
    QCOMPARE(&scene.analysis(), analysis.get());
    QVERIFY(!analysis->isBuilt()); // drawing needs no graph
    const Listener *sip = listenerWith(doc.topology(), u"access-client-sip"_s);
    scene.highlightListener(sip->id);
    QVERIFY(analysis->isBuilt());
    scene.highlightPeer(PeerId(u"remote-users"_s));
    deliverCheck(doc, sampleCheck(doc.topology()));
    QVERIFY(!doc.setField({Field::PeerName, ElementRef::peer(PeerId(u"director"_s))},
                          QVariant(u"Director pool"_s))
                     .isError());
    QCOMPARE(doc.analysis().get(), analysis.get());
    QCOMPARE(&scene.analysis(), analysis.get());

    Topology edited = doc.topology();
    Peer added = edited.peers.first();
    added.id = PeerId(u"partner-b"_s);
    edited.peers.append(added);
    QVERIFY(!doc.applyEdit(u"Add peer"_s, edited).isError());
    QVERIFY(doc.analysis() != analysis);
    QCOMPARE(&scene.analysis(), doc.analysis().get());
    doc.resetTopology(build(params(2)), {});
    QCOMPARE(&scene.analysis(), doc.analysis().get());
    QVERIFY(scene.analysis().describes(doc.topology()));
}

QTEST_MAIN(TstDiagramScene)
#include "tst_diagramscene.moc"

// A pool of two drawn once: each shared chip shows each member's verdict in member order, its
// worst as the chip's status, and names the member that is not OK; the member rows summarise.
void TstDiagramScene::poolShapeShowsEachMember()
{
    Document doc(pooltest::twoServerPool());
    DiagramScene scene(doc);
    QVERIFY(!scene.server(ServerId(u"edge01"_s))); // no per-server boxes
    const auto a = pooltest::check(doc.topology(), pooltest::sampleText(), u"a"_s);
    // edge02's Web Conferencing Edge runs; edge01's is stopped in the sample.
    const auto b = pooltest::check(doc.topology(), pooltest::edge02Text(), u"b"_s);
    deliverCheck(doc, a);
    deliverCheck(doc, b);
    QHash<ListenerId, ListenerStatus> verdicts;
    for (const auto &check : {a, b})
        for (const ListenerVerdict &v : check->judgement.listeners)
            verdicts.insert(v.listener, v.status);
    int checkedChips = 0;
    for (const DiagramLayout::Chip &c : scene.diagramLayout().chips) {
        if (c.members.isEmpty())
            continue;
        const ChipItem *chip = static_cast<const ChipItem *>(scene.item(c.key));
        QCOMPARE(chip->look().members.size(), 2);
        for (int i = 0; i < 2; ++i)
            QCOMPARE(chip->look().members.at(i),
                     verdicts.value(c.members.at(i), ListenerStatus::NotChecked));
        QCOMPARE(scene.chip(c.members.at(1)), chip); // either member's listener finds it
        ++checkedChips;
    }
    QVERIFY(checkedChips > 10);
    const ChipItem *webconf
            = scene.chip(listenerWith(doc.topology(), u"webconf-external-psom"_s)->id);
    QCOMPARE(webconf->status(), ListenerStatus::Missing);
    // The sample has the Web Conferencing Edge stopped on both.
    QCOMPARE(webconf->look().membersSummary, u"Missing on edge01, edge02"_s);
    const QString tip = scene.toolTipFor(webconf);
    QVERIFY2(tip.contains(u"edge01.contoso.local: Missing<br>edge02.contoso.local: Missing"_s),
             qPrintable(tip));
    const ChipItem *replication = scene.chip(ListenerId(u"edge01-int-tcp-4443"_s));
    QCOMPARE(replication->look().membersSummary, u"OK on all 2"_s);
    const MemberRowItem *row = scene.memberRow(ServerId(u"edge01"_s));
    QVERIFY(row);
    QCOMPARE(row->look().status, ListenerStatus::Missing);
    QVERIFY2(row->look().summary.contains(u"missing"_s), qPrintable(row->look().summary));
    QCOMPARE(scene.itemFor(ElementRef::server(ServerId(u"edge01"_s))),
             row); // A probe run: the shared chip shows its worst member's verdict, the tooltip
                   // each member's.
    QList<ListenerId> members;
    for (const DiagramLayout::Chip &c : scene.diagramLayout().chips)
        if (c.key == webconf->key())
            members = c.members;
    QCOMPARE(members.size(), 2);
    doc.setProbeRun(std::make_shared<const ProbeRun>(
            probeRunOf(doc.topology(), {members.at(1)}, {members.at(0)})));
    // Both are missing from the snapshots; edge01's port took the connection, edge02's timed out.
    const QString probed = scene.toolTipFor(webconf);
    const CombinedKind first = doc.probes().of(members.at(0))->verdict.kind;
    const CombinedKind second = doc.probes().of(members.at(1))->verdict.kind;
    QVERIFY2(probed.contains(u"edge01.contoso.local: Missing \u00b7 from here: "_s
                             + displayName(first).toHtmlEscaped()),
             qPrintable(probed));
    QVERIFY2(probed.contains(u"edge02.contoso.local: Missing \u00b7 from here: "_s
                             + displayName(second).toHtmlEscaped()),
             qPrintable(probed));
    QCOMPARE(webconf->look().probe, probeSeverity(first) >= probeSeverity(second) ? first : second);
}

void TstDiagramScene::expandingAMemberKeepsTheOthers()
{
    Document doc(pooltest::twoServerPool());
    DiagramScene scene(doc);
    const ListenerId own(u"edge02-int-tcp-4443"_s);
    ChipItem *shared = scene.chip(own);
    QVERIFY(shared);
    QCOMPARE(shared->look().members.size(), 2);
    scene.setExpanded(ServerId(u"edge02"_s), true);
    QVERIFY(scene.server(ServerId(u"edge02"_s)));
    QVERIFY(!scene.server(ServerId(u"edge01"_s)));
    QVERIFY(scene.memberRow(ServerId(u"edge02"_s))->isExpanded());
    QVERIFY(scene.chip(own)->look().members.isEmpty()); // its own chip now
    QVERIFY(scene.chip(ListenerId(u"edge01-int-tcp-4443"_s))->look().members.size() == 2);
    // A relayout keeps the expansion; collapsing removes the box.
    doc.resetTopology(doc.topology(), {});
    QVERIFY(scene.server(ServerId(u"edge02"_s)));
    scene.setExpanded(ServerId(u"edge02"_s), false);
    QVERIFY(!scene.server(ServerId(u"edge02"_s)));
}

void TstDiagramScene::doubleClickOnAMemberRowExpandsIt()
{
    Document doc(pooltest::twoServerPool());
    DiagramScene scene(doc);
    QGraphicsView view(&scene);
    view.resize(1200, 900);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const auto click = [&] {
        const MemberRowItem *row = scene.memberRow(ServerId(u"edge02"_s));
        view.ensureVisible(row);
        const QPoint at = view.mapFromScene(row->sceneBoundingRect().center());
        QTest::mouseDClick(view.viewport(), Qt::LeftButton, {}, at);
    };
    click();
    QVERIFY(scene.isExpanded(ServerId(u"edge02"_s)));
    QVERIFY(scene.server(ServerId(u"edge02"_s)));
    click();
    QVERIFY(!scene.isExpanded(ServerId(u"edge02"_s)));
    QVERIFY(!scene.server(ServerId(u"edge02"_s)));
}

// Highlighting a broken scenario marks the hop where its chain breaks (every listener that could
// carry it is down): a ✗ badge on the Web Conferencing chip, plain numbers elsewhere.
void TstDiagramScene::brokenScenarioMarksWhereItBreaks()
{
    Document doc(pooltest::twoServerPool());
    DiagramScene scene(doc);
    scene.highlightScenario(ScenarioId(u"web-conference-join"_s));
    QVERIFY(!scene.hopBadges().isEmpty());
    const auto badges = [&] {
        QList<const HopBadgeItem *> found;
        for (QGraphicsItem *item : scene.items())
            if (const auto *badge = diagramItemCast<HopBadgeItem>(item))
                found.append(badge);
        return found;
    };
    for (const HopBadgeItem *badge : badges())
        QVERIFY(!badge->isBroken()); // not judged: nothing is known to be down
    deliverCheck(doc, pooltest::check(doc.topology(), pooltest::sampleText(), u"a"_s));
    scene.highlightScenario(ScenarioId(u"web-conference-join"_s));
    // Every broken badge sits on a chip that is down; the Web Conferencing chip has one.
    const ChipItem *webconf
            = scene.chip(listenerWith(doc.topology(), u"webconf-external-psom"_s)->id);
    bool onWebconf = false;
    int broken = 0;
    for (const HopBadgeItem *badge : badges()) {
        if (!badge->isBroken())
            continue;
        ++broken;
        const QPointF at = badge->pos();
        const QList<QGraphicsItem *> all = scene.items();
        const auto under = std::find_if(all.cbegin(), all.cend(), [&](QGraphicsItem *item) {
            const auto *chip = diagramItemCast<ChipItem>(item);
            return chip && chip->sceneBoundingRect().adjusted(-4, -4, 4, 4).contains(at);
        });
        QVERIFY(under != all.cend());
        QVERIFY(isDown(static_cast<const ChipItem *>(*under)->status()));
        onWebconf = onWebconf || *under == webconf;
    }
    QVERIFY(broken >= 1);
    QVERIFY(onWebconf);
}

// Probe from Here: a second badge on each probed chip, its verdict joined with the snapshot, the
// words in the tooltip; gone when the run is cleared.
void TstDiagramScene::probeBadgeOnChips()
{
    Document doc(topologyfile::defaultTopology());
    DiagramScene scene(doc);
    const Topology &t = doc.topology();
    const ListenerId blocked = listenerWith(t, u"access-client-sip"_s)->id;
    const ListenerId working = listenerWith(t, u"access-internal-sip"_s)->id;
    const ListenerId other = listenerWith(t, u"webconf-external-psom"_s)->id;
    QVERIFY(!scene.chip(blocked)->look().probed);
    QVERIFY(!scene.chip(blocked)->look().probeLine);
    const qreal plain = scene.chip(blocked)->boundingRect().height();
    QSignalSpy kinds(&scene, &DiagramScene::probeKindsChanged);
    doc.setProbeRun(std::make_shared<const ProbeRun>(probeRunOf(t, {blocked}, {working})));
    // Every listener chip has a line for its probe verdict, probed or not; the legend lists the
    // verdicts shown, worst first.
    QCOMPARE(scene.chip(blocked)->boundingRect().height(), plain + DiagramLayout::kProbeLine);
    QVERIFY(scene.chip(other)->look().probeLine);
    QCOMPARE(kinds.size(), 1);
    QCOMPARE(scene.probeKinds(),
             (QList<CombinedKind>{CombinedKind::NoAnswer, CombinedKind::Reachable}));
    // Without a snapshot: the probe's own words.
    QVERIFY(scene.chip(blocked)->look().probed);
    QCOMPARE(scene.chip(blocked)->look().probe, CombinedKind::NoAnswer);
    QCOMPARE(scene.chip(working)->look().probe, CombinedKind::Reachable);
    QVERIFY(!scene.chip(other)->look().probed);
    // With the snapshot (both bound): blocked between here and the Edge, and working.
    deliverCheck(doc, sampleCheck(doc.topology()));
    QCOMPARE(scene.chip(blocked)->look().probe, CombinedKind::Blocked);
    QCOMPARE(scene.chip(working)->look().probe, CombinedKind::Working);
    QVERIFY(!scene.chip(other)->look().probed);
    const QString tip = scene.toolTipFor(scene.chip(blocked));
    const CombinedVerdict &verdict = doc.probes().of(blocked)->verdict;
    QVERIFY2(tip.contains(u"From here:"_s), qPrintable(tip));
    QVERIFY2(tip.contains(verdict.words.toHtmlEscaped()), qPrintable(tip));
    QVERIFY2(tip.contains(verdict.detail.toHtmlEscaped()), qPrintable(tip));
    QVERIFY(!scene.toolTipFor(scene.chip(other)).contains(u"From here:"_s));
    QCOMPARE(scene.probeKinds(),
             (QList<CombinedKind>{CombinedKind::Blocked, CombinedKind::Working}));
    doc.setProbeRun(nullptr);
    QVERIFY(!scene.chip(blocked)->look().probed);
    QCOMPARE(scene.chip(blocked)->boundingRect().height(), plain);
    QVERIFY(scene.probeKinds().isEmpty());
    QVERIFY(!scene.toolTipFor(scene.chip(blocked)).contains(u"From here:"_s));
}
