// The diagram's tooltips as functions of values (a DiagramInput and the path analysis), with no
// scene: each element kind in the admin's terms, the snapshot's verdict when there is one, model
// text escaped, and nothing for an element that does not exist.
#include "core/catalog.h"
#include "core/pathanalysis.h"
#include "diagram/diagramtooltips.h"
#include "document/document.h"
#include "io/topologyfile.h"
#include "support/tst_checks_util.h"
#include "support/tst_sample_util.h"

#include <QTest>

using namespace edgemap;
using namespace Qt::StringLiterals;

namespace {

const Listener *listenerWith(const Topology &t, const QString &endpoint)
{
    for (const Listener *l : t.allListeners())
        if (l->hasEndpoint(endpoint))
            return l;
    return nullptr;
}

} // namespace

class TstDiagramTooltips : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listenerWithAndWithoutVerdict();
    void modelTextIsEscaped();
    void eachKind();
    void missingElementsHaveNone();
};

void TstDiagramTooltips::listenerWithAndWithoutVerdict()
{
    Document doc(topologyfile::defaultTopology());
    const PathAnalysis analysis(doc.topology(), Catalog::builtIn());
    const Listener *sip = listenerWith(doc.topology(), u"access-client-sip"_s);
    QVERIFY(sip);
    const ElementRef ref = ElementRef::listener(sip->id);
    const QString design = diagramtooltips::forRef(diagramInputOf(doc.state()), analysis, ref);
    QVERIFY2(design.contains(u"RTCSrv.exe"_s), qPrintable(design));
    QVERIFY(design.contains(u"Remote user sign-in"_s)); // what breaks if it is down
    QVERIFY(design.contains(u"Not checked"_s));
    deliverCheck(doc, sampletest::sampleCheck(doc.topology()));
    const QString judged = diagramtooltips::forRef(diagramInputOf(doc.state()), analysis, ref);
    QVERIFY2(judged.contains(u"<b>Snapshot:</b>"_s), qPrintable(judged));
    QVERIFY(!judged.contains(u"Not checked"_s));
}

void TstDiagramTooltips::modelTextIsEscaped()
{
    DiagramInput input;
    input.topology = topologyfile::defaultTopology();
    input.topology.peers[0].name = u"<b>Remote</b> & co"_s;
    input.topology.services[0].displayName = u"<img src=x>"_s;
    const PathAnalysis analysis(input.topology, Catalog::builtIn());
    const QString peer = diagramtooltips::forRef(input, analysis,
                                                 ElementRef::peer(input.topology.peers[0].id));
    QVERIFY2(peer.contains(u"&lt;b&gt;Remote&lt;/b&gt; &amp; co"_s), qPrintable(peer));
    const QString service = diagramtooltips::forRef(
            input, analysis, ElementRef::service(input.topology.services[0].id));
    QVERIFY2(service.contains(u"&lt;img src=x&gt;"_s), qPrintable(service));
    const UnexpectedListener evil{u"0.0.0.0"_s, Transport::Tcp, 1, 7, u"<i>evil</i>.exe"_s};
    QVERIFY(!diagramtooltips::forUnexpected({evil}).contains(u"<i>"_s));
}

void TstDiagramTooltips::eachKind()
{
    DiagramInput input;
    input.topology = topologyfile::defaultTopology();
    const Topology &t = input.topology;
    const PathAnalysis analysis(t, Catalog::builtIn());
    const auto tip = [&](const ElementRef &ref) {
        return diagramtooltips::forRef(input, analysis, ref);
    };
    const EdgePool &pool = t.pools.first();
    const EdgeServer &server = pool.servers.first();
    QVERIFY(tip(ElementRef::pool(pool.id)).contains(pool.fqdn));
    QVERIFY(tip(ElementRef::server(server.id)).contains(u"Edge server of pool"_s));
    const Address *address = nullptr;
    for (const NetInterface &i : server.interfaces)
        for (const Address &a : i.addresses)
            if (!address && !a.ip.isEmpty())
                address = &a;
    QVERIFY(address);
    QVERIFY(tip(ElementRef::address(address->id)).contains(address->ip));
    QVERIFY(tip(ElementRef::allInterfaces(server.id)).contains(u"all interfaces"_s));
    int inbound = 0;
    int outbound = 0;
    for (const Flow &f : t.flows) {
        const QString html = tip(ElementRef::flow(f.id));
        QVERIFY2(html.contains(f.protocol.toHtmlEscaped()), qPrintable(html));
        inbound += html.contains(u"(inbound)"_s);
        outbound += html.contains(u"(outbound, dashed)"_s);
    }
    QVERIFY(inbound > 0 && outbound > 0);
    QCOMPARE(tip(ElementRef::scenario(t.scenarios.first().id)), QString());
}

void TstDiagramTooltips::missingElementsHaveNone()
{
    DiagramInput input;
    input.topology = topologyfile::defaultTopology();
    const PathAnalysis analysis(input.topology, Catalog::builtIn());
    for (const ElementRef &ref :
         {ElementRef::peer(PeerId(u"nobody"_s)), ElementRef::listener(ListenerId(u"none"_s)),
          ElementRef::flow(FlowId(u"none"_s)), ElementRef::server(ServerId(u"none"_s)),
          ElementRef::pool(PoolId(u"none"_s)), ElementRef()})
        QCOMPARE(diagramtooltips::forRef(input, analysis, ref), QString());
}

QTEST_MAIN(TstDiagramTooltips)
#include "tst_diagramtooltips.moc"
