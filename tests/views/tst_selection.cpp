// The document's one selection: set and announced once, falls back to the nearest surviving
// ancestor when its element is removed (by an edit, an undo, another topology), and stays put
// through field edits.
#include "core/elementref.h"
#include "document/document.h"
#include "document/topologyops.h"
#include "io/topologyfile.h"
#include "selection.h"
#include "support/tst_pool_util.h"

#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

using namespace edgemap;

class TstSelection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void oneSelectionPerDocument();
    void setCurrentAnnouncesChangesOnly();
    void removedPeerFallsBackToItsGroup();
    void undoOfAnAddedMemberFallsBackToThePool();
    void fieldEditKeepsTheSelection();
    void anotherTopologyKeepsWhatItHasAndDropsTheRest();
};

void TstSelection::oneSelectionPerDocument()
{
    Document doc(topologyfile::defaultTopology());
    Document other(topologyfile::defaultTopology());
    QCOMPARE(Selection::of(doc), Selection::of(doc));
    QVERIFY(Selection::of(doc) != Selection::of(other));
    QVERIFY(!Selection::of(doc)->current().isValid());
}

void TstSelection::setCurrentAnnouncesChangesOnly()
{
    Document doc(topologyfile::defaultTopology());
    Selection *s = Selection::of(doc);
    QSignalSpy changed(s, &Selection::currentChanged);
    const ElementRef server = ElementRef::server(ServerId(QStringLiteral("edge01")));
    s->setCurrent(server);
    s->setCurrent(server);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().first().value<ElementRef>(), server);
    QCOMPARE(s->current(), server);
    s->setCurrent({});
    QCOMPARE(changed.size(), 2);
    QVERIFY(!s->current().isValid());
}

void TstSelection::removedPeerFallsBackToItsGroup()
{
    Document doc(topologyfile::defaultTopology());
    Selection *s = Selection::of(doc);
    const auto added
            = topologyops::addPeer(doc.topology(), QStringLiteral("Partner"),
                                   PeerKind::FederatedPartners, {QStringLiteral("10.9.9.9")});
    QVERIFY2(added.error.isEmpty(), qPrintable(added.error));
    QVERIFY(!doc.applyEdit(QStringLiteral("Add peer"), added.topology).isError());
    const ElementRef peer = ElementRef::peer(PeerId(added.newId));
    s->setCurrent(peer);
    QSignalSpy changed(s, &Selection::currentChanged);
    doc.undoStack()->undo();
    QCOMPARE(s->current(), ElementRef::peersGroup());
    QCOMPARE(changed.size(), 1);
    // Redo brings the peer back, not the selection: the user is elsewhere now.
    doc.undoStack()->redo();
    QCOMPARE(s->current(), ElementRef::peersGroup());
}

void TstSelection::undoOfAnAddedMemberFallsBackToThePool()
{
    Document doc(pooltest::twoServerPool());
    Selection *s = Selection::of(doc);
    const PoolId pool = doc.topology().pools.first().id;
    const auto added = topologyops::addPoolMember(doc.topology(), pool, pooltest::member(3));
    QVERIFY2(added.error.isEmpty(), qPrintable(added.error));
    QVERIFY(!doc.applyEdit(QStringLiteral("Add member"), added.topology).isError());
    const EdgeServer *server = doc.topology().server(ServerId(added.newId));
    QVERIFY(server && !server->listeners.isEmpty());
    // Deep inside the new member: a listener on one of its addresses.
    const Listener &listener = server->listeners.first();
    s->setCurrent(ElementRef::listener(listener.id));
    QVERIFY(lineageOf(doc.topology(), s->current()).size() >= 4);
    doc.undoStack()->undo();
    QCOMPARE(s->current(), ElementRef::pool(pool));

    // Removing the selected member (an edit, not an undo) falls back the same way.
    s->setCurrent(ElementRef::server(ServerId(QStringLiteral("edge02"))));
    const auto removed = topologyops::removePoolMember(doc.topology(), ServerId(u"edge02"_qs));
    QVERIFY2(removed.error.isEmpty(), qPrintable(removed.error));
    QVERIFY(!doc.applyEdit(QStringLiteral("Remove member"), removed.topology).isError());
    QCOMPARE(s->current(), ElementRef::pool(pool));
}

void TstSelection::fieldEditKeepsTheSelection()
{
    Document doc(topologyfile::defaultTopology());
    Selection *s = Selection::of(doc);
    const ElementRef listener = ElementRef::listener(ListenerId(u"edge01-int-tcp-5062"_qs));
    s->setCurrent(listener);
    QSignalSpy changed(s, &Selection::currentChanged);
    QVERIFY(!doc.setField({Field::ListenerPort, listener}, 5063).isError());
    doc.undoStack()->undo();
    doc.undoStack()->redo();
    QCOMPARE(s->current(), listener);
    QCOMPARE(changed.size(), 0);
}

void TstSelection::anotherTopologyKeepsWhatItHasAndDropsTheRest()
{
    Document doc(pooltest::twoServerPool());
    Selection *s = Selection::of(doc);
    const ElementRef edge02 = ElementRef::server(ServerId(u"edge02"_qs));
    s->setCurrent(ElementRef::netInterface(ServerId(u"edge02"_qs), InterfaceSide::External));
    doc.resetTopology(pooltest::twoServerPool(), {});
    QCOMPARE(s->current(),
             ElementRef::netInterface(ServerId(u"edge02"_qs), InterfaceSide::External));
    // The default topology has no edge02: the selection is what is left of its lineage.
    s->setCurrent(edge02);
    doc.resetTopology(topologyfile::defaultTopology(), {});
    QVERIFY(s->current() != edge02);
    QVERIFY(!s->current().isValid() || exists(doc.topology(), s->current()));
}

QTEST_MAIN(TstSelection)
#include "tst_selection.moc"
