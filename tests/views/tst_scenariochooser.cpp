// The scenario chooser above the diagram marks broken scenarios from the checks (the verdicts the
// Problems list shows), and choosing one shows in the details its description, its verdict per
// server and where the chain breaks; a stopped service's band says it is down.
#include "diagram/diagramitems.h"
#include "diagram/diagrampane.h"
#include "diagram/diagramscene.h"
#include "document/document.h"
#include "io/topologyfile.h"
#include "panes/detailsview.h"
#include "selection.h"
#include "support/tst_checks_util.h"
#include "support/tst_sample_util.h"

#include <QComboBox>
#include <QTest>

using namespace edgemap;
using namespace Qt::StringLiterals;

namespace {

int itemNamed(const QComboBox *box, const QString &scenarioId)
{
    return box->findData(scenarioId);
}

} // namespace

class TstScenarioChooser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void marksFollowTheChecks();
    void choosingShowsTheVerdictInTheDetails();
    void stoppedServiceBandSaysDown();
};

void TstScenarioChooser::marksFollowTheChecks()
{
    Document doc(topologyfile::defaultTopology());
    DiagramPane pane(doc);
    const QComboBox *box = pane.scenarioBox();
    const int join = itemNamed(box, u"web-conference-join"_s);
    const int signIn = itemNamed(box, u"remote-sign-in"_s);
    QVERIFY(join > 0 && signIn > 0);
    // No snapshot: nothing to say.
    QCOMPARE(box->itemText(join), u"External web conference join"_s);
    QCOMPARE(box->itemData(join, DiagramPane::ScenarioStateRole).toString(), QString());

    // The sample: the Web Conferencing Edge is stopped.
    deliverCheck(doc, sampletest::sampleCheck(doc.topology()));
    QCOMPARE(box->itemText(join), u"✗ External web conference join — broken"_s);
    QCOMPARE(box->itemData(join, DiagramPane::ScenarioStateRole).toString(), u"broken"_s);
    QCOMPARE(box->itemData(join, Qt::ToolTipRole).toString(), u"Broken on edge01.contoso.local"_s);
    QCOMPARE(box->itemText(signIn), u"✓ Remote user sign-in"_s);
    QCOMPARE(box->itemData(signIn, DiagramPane::ScenarioStateRole).toString(), u"ok"_s);

    // The chosen scenario stays chosen while the checks change.
    pane.showScenario(ScenarioId(u"remote-sign-in"_s));
    deliverCheck(doc, nullptr);
    QCOMPARE(box->currentData().toString(), u"remote-sign-in"_s);
    QCOMPARE(box->itemText(join), u"External web conference join"_s);
}

void TstScenarioChooser::choosingShowsTheVerdictInTheDetails()
{
    Document doc(topologyfile::defaultTopology());
    DiagramPane pane(doc);
    DetailsView details(doc);
    deliverCheck(doc, sampletest::sampleCheck(doc.topology()));
    QComboBox *box = pane.scenarioBox();
    const int join = itemNamed(box, u"web-conference-join"_s);
    box->setCurrentIndex(join);
    Q_EMIT box->activated(join); // as a click on the item does

    QCOMPARE(Selection::of(doc)->current(),
             ElementRef::scenario(ScenarioId(u"web-conference-join"_s)));
    QCOMPARE(details.ref(), ElementRef::scenario(ScenarioId(u"web-conference-join"_s)));
    const QString text = details.toPlainText();
    QVERIFY2(text.contains(u"An external participant signs in through the Access Edge"_s),
             qPrintable(text));
    QVERIFY2(text.contains(u"edge01.contoso.local\t✗ Broken"_s)
                     || text.contains(u"edge01.contoso.local\n✗ Broken"_s)
                     || text.contains(u"edge01.contoso.local ✗ Broken"_s),
             qPrintable(text));
    QVERIFY2(text.contains(u"Where it breaks on edge01.contoso.local"_s), qPrintable(text));
    // Hops 2 and 3 (the external and the internal PSOM listeners): both missing, with the
    // stopped service as the reason.
    QVERIFY2(text.contains(u"Hop 2 ("_s), qPrintable(text));
    QVERIFY2(text.contains(u"breaks: TCP 443 on 10.45.16.20 (RTCDATAPROXY) is missing: the "
                           "service RTCDATAPROXY is down"_s),
             qPrintable(text));
    QVERIFY2(text.contains(u"Hop 3 ("_s), qPrintable(text));
    QVERIFY2(text.contains(u"TCP 8057 on 172.25.33.10 (RTCDATAPROXY) is missing"_s),
             qPrintable(text));

    // A working scenario: OK on the server, no break.
    const int signIn = itemNamed(box, u"remote-sign-in"_s);
    box->setCurrentIndex(signIn);
    Q_EMIT box->activated(signIn);
    const QString ok = details.toPlainText();
    QVERIFY2(ok.contains(u"✓ OK"_s), qPrintable(ok));
    QVERIFY2(!ok.contains(u"Where it breaks"_s), qPrintable(ok));
}

void TstScenarioChooser::stoppedServiceBandSaysDown()
{
    Document doc(topologyfile::defaultTopology());
    DiagramPane pane(doc);
    const auto band = [&pane](const QString &service) -> const ServiceItem * {
        for (QGraphicsItem *item : pane.scene()->items())
            if (const auto *s = diagramItemCast<ServiceItem>(item); s && s->look().name == service)
                return s;
        return nullptr;
    };
    QVERIFY(band(u"RTCDATAPROXY"_s));
    QVERIFY(!band(u"RTCDATAPROXY"_s)->look().down);
    deliverCheck(doc, sampletest::sampleCheck(doc.topology()));
    QVERIFY(band(u"RTCDATAPROXY"_s)->look().down);
    QCOMPARE(band(u"RTCDATAPROXY"_s)->look().status, ListenerStatus::Missing);
    QVERIFY(!band(u"RTCSRV"_s)->look().down);
    QCOMPARE(band(u"RTCSRV"_s)->look().status, ListenerStatus::Ok);
    deliverCheck(doc, nullptr);
    QVERIFY(!band(u"RTCDATAPROXY"_s)->look().down);
}

QTEST_MAIN(TstScenarioChooser)
#include "tst_scenariochooser.moc"
