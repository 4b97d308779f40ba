#include "core/elementref.h"
#include "core/templates.h"
#include "support/topologybuilder.h"

#include <QSet>
#include <QTest>

using namespace edgemap;

namespace {

// One Lync 2013 Edge with three external addresses: listeners on addresses and on all interfaces.
Topology oneEdge()
{
    return testing::TopologyBuilder().name(QStringLiteral("Test")).members(1).build();
}

} // namespace

// ElementRef: the one name of an element shared by the tree, diagram, selection and CLI. The text
// form is what `edgemap export --highlight` documents, so it must read back exactly.
class TestElementRef : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void textRoundTrips_data();
    void textRoundTrips();
    void parseRefusesWithAReason_data();
    void parseRefusesWithAReason();
    void kindsWithEqualIdsDiffer();
    void lineageFollowsTheTree();
    void lineageOfAMissingElementIsEmpty();
};

void TestElementRef::textRoundTrips_data()
{
    QTest::addColumn<ElementRef>("ref");
    QTest::addColumn<QString>("text");
    QTest::newRow("pool") << ElementRef::pool(PoolId(u"edge-pool"_qs)) << u"pool:edge-pool"_qs;
    QTest::newRow("server") << ElementRef::server(ServerId(u"edge01"_qs)) << u"server:edge01"_qs;
    QTest::newRow("interface") << ElementRef::netInterface(ServerId(u"edge01"_qs),
                                                           InterfaceSide::External)
                               << u"interface:edge01/external"_qs;
    QTest::newRow("interface of a server id with a slash")
            << ElementRef::netInterface(ServerId(u"a/b"_qs), InterfaceSide::Internal)
            << u"interface:a/b/internal"_qs;
    QTest::newRow("listener") << ElementRef::listener(ListenerId(u"ext-access-443"_qs))
                              << u"listener:ext-access-443"_qs;
    QTest::newRow("flow") << ElementRef::flow(FlowId(u"remote-sip"_qs)) << u"flow:remote-sip"_qs;
    QTest::newRow("peer") << ElementRef::peer(PeerId(u"fe"_qs)) << u"peer:fe"_qs;
    QTest::newRow("scenario") << ElementRef::scenario(ScenarioId(u"av"_qs)) << u"scenario:av"_qs;
    QTest::newRow("services group") << ElementRef::servicesGroup() << u"group:services"_qs;
    QTest::newRow("all interfaces") << ElementRef::allInterfaces(ServerId(u"edge01"_qs))
                                    << u"group:edge01/all-interfaces"_qs;
    QTest::newRow("id with a colon") << ElementRef::peer(PeerId(u"a:b"_qs)) << u"peer:a:b"_qs;
}

void TestElementRef::textRoundTrips()
{
    QFETCH(ElementRef, ref);
    QFETCH(QString, text);
    QCOMPARE(ref.toString(), text);
    QString error;
    const auto parsed = ElementRef::parse(text, &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(*parsed, ref);
    QCOMPARE(qHash(*parsed), qHash(ref));
}

void TestElementRef::parseRefusesWithAReason_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("named");
    QTest::newRow("unknown kind") << u"chip:x"_qs << u"unknown element kind \"chip\""_qs;
    QTest::newRow("no colon") << u"listener"_qs << u"names no id"_qs;
    QTest::newRow("empty id") << u"peer:"_qs << u"names no id"_qs;
    QTest::newRow("interface without side") << u"interface:edge01"_qs << u"SERVER/internal"_qs;
    QTest::newRow("interface with a bad side")
            << u"interface:edge01/dmz"_qs << u"SERVER/internal"_qs;
    QTest::newRow("unknown group") << u"group:listeners"_qs << u"unknown group"_qs;
    QTest::newRow("empty") << QString() << u"unknown element kind"_qs;
}

void TestElementRef::parseRefusesWithAReason()
{
    QFETCH(QString, text);
    QFETCH(QString, named);
    QString error;
    QVERIFY(!ElementRef::parse(text, &error));
    QVERIFY2(error.contains(named), qPrintable(error));
}

void TestElementRef::kindsWithEqualIdsDiffer()
{
    const ElementRef server = ElementRef::server(ServerId(u"x"_qs));
    const ElementRef pool = ElementRef::pool(PoolId(u"x"_qs));
    QVERIFY(server != pool);
    QSet<ElementRef> set{server, pool, ElementRef::pool(PoolId(u"x"_qs))};
    QCOMPARE(set.size(), 2);
    QVERIFY(!ElementRef().isValid());
    QCOMPARE(ElementRef().toString(), QString());
    QCOMPARE(server.as<ServerId>()->value(), u"x"_qs);
    QVERIFY(!server.as<PoolId>());
}

void TestElementRef::lineageFollowsTheTree()
{
    const Topology t = oneEdge();
    const EdgeServer &server = t.pools.first().servers.first();
    const Listener *onAddress = nullptr;
    const Listener *onAll = nullptr;
    for (const Listener &l : server.listeners)
        (l.address.isEmpty() ? onAll : onAddress) = &l;
    QVERIFY(onAddress);
    const NetInterface *nic = t.interfaceOfAddress(onAddress->address);
    QCOMPARE(lineageOf(t, ElementRef::listener(onAddress->id)),
             (QList<ElementRef>{
                     ElementRef::listener(onAddress->id), ElementRef::address(onAddress->address),
                     ElementRef::netInterface(server.id, nic->side), ElementRef::server(server.id),
                     ElementRef::pool(t.pools.first().id)}));
    if (onAll)
        QCOMPARE(parentOf(t, ElementRef::listener(onAll->id)),
                 ElementRef::allInterfaces(server.id));
    QCOMPARE(lineageOf(t, ElementRef::peer(t.peers.first().id)),
             (QList<ElementRef>{ElementRef::peer(t.peers.first().id), ElementRef::peersGroup()}));
    QCOMPARE(lineageOf(t, ElementRef::flow(t.flows.first().id)),
             (QList<ElementRef>{ElementRef::flow(t.flows.first().id)}));
}

void TestElementRef::lineageOfAMissingElementIsEmpty()
{
    const Topology t = oneEdge();
    QVERIFY(lineageOf(t, ElementRef::listener(ListenerId(u"gone"_qs))).isEmpty());
    QVERIFY(!exists(t, ElementRef::netInterface(ServerId(u"gone"_qs), InterfaceSide::Internal)));
    QVERIFY(!exists(t, ElementRef::allInterfaces(ServerId(u"gone"_qs))));
    QVERIFY(exists(t, ElementRef::scenariosGroup()));
    QVERIFY(!parentOf(t, ElementRef::pool(t.pools.first().id)).isValid());
}

QTEST_GUILESS_MAIN(TestElementRef)
#include "tst_elementref.moc"
