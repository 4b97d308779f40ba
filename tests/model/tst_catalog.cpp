// The listener set per product and layout, checked against the port tables of
// shared/reference/edge-server.md (sections 3a-3e), written out here independently of the catalog.
#include "core/catalog.h"
#include "core/templates.h"

#include <QFile>
#include <QRegularExpression>
#include <QTest>

using namespace edgemap;

namespace {

TemplateParams params(Product product, int externalIps, bool xmpp)
{
    TemplateParams p;
    p.product = product;
    p.xmpp = xmpp;
    MemberParams m{QStringLiteral("edge01.contoso.local"), QStringLiteral("172.25.33.10"), {}, {}};
    m.externalIps = externalIps == 3 ? QStringList{QStringLiteral("192.0.2.10"),
                                                   QStringLiteral("192.0.2.20"),
                                                   QStringLiteral("192.0.2.30")}
                                     : QStringList{QStringLiteral("192.0.2.10")};
    m.avPublicIp = QStringLiteral("203.0.113.30");
    p.members = {m};
    return p;
}

// "access TCP 443", "internal TCP 50001-50003": the address tag and the socket.
QStringList listenerSet(const Topology &t)
{
    QStringList out;
    for (const Listener *l : t.allListeners()) {
        const QString tag = l->address.value().section(QLatin1Char('-'), -1);
        out.append(tag + QLatin1Char(' ') + socketLabel(l->transport, l->port, l->portEnd));
    }
    out.sort();
    return out;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

const QStringList kInternal{QStringLiteral("int TCP 5061"), QStringLiteral("int TCP 5062"),
                            QStringLiteral("int TCP 8057"), QStringLiteral("int UDP 3478"),
                            QStringLiteral("int TCP 443"),  QStringLiteral("int TCP 4443")};
const QStringList kThreeIp{
        QStringLiteral("access TCP 443"),    QStringLiteral("access TCP 5061"),
        QStringLiteral("webconf TCP 443"),   QStringLiteral("av UDP 3478"),
        QStringLiteral("av TCP 443"),        QStringLiteral("av TCP 50000-59999"),
        QStringLiteral("av UDP 50000-59999")};
const QStringList kSingleIp{
        QStringLiteral("ext TCP 5061"),        QStringLiteral("ext TCP 444"),
        QStringLiteral("ext TCP 443"),         QStringLiteral("ext UDP 3478"),
        QStringLiteral("ext TCP 50000-59999"), QStringLiteral("ext UDP 50000-59999")};
const QStringList kCls{QStringLiteral("int TCP 50001-50003")};
const QStringList kXmpp{QStringLiteral("access TCP 5269"), QStringLiteral("int TCP 23456")};
const QStringList kXmppSingle{QStringLiteral("ext TCP 5269"), QStringLiteral("int TCP 23456")};

} // namespace

class TstCatalog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listenerSetPerProduct_data();
    void listenerSetPerProduct();
    void xmppOnlyWhereTheProductHasIt_data();
    void xmppOnlyWhereTheProductHasIt();
    void sharedSockets();
    void placement();
    void servicesPerProduct_data();
    void servicesPerProduct();
    void malformedCatalogIsReported_data();
    void malformedCatalogIsReported();
    void everyFactNamesItsSource();
};

void TstCatalog::listenerSetPerProduct_data()
{
    QTest::addColumn<int>("product");
    QTest::addColumn<int>("externalIps");
    QTest::addColumn<bool>("xmpp");
    QTest::addColumn<QStringList>("expected");
    const auto row = [](const char *name, Product p, int ips, bool xmpp, QStringList expected) {
        QTest::newRow(name) << int(p) << ips << xmpp << sorted(expected);
    };
    row("lync2010 3 IPs", Product::Lync2010, 3, false, kInternal + kThreeIp);
    row("lync2010 1 IP", Product::Lync2010, 1, false, kInternal + kSingleIp);
    row("lync2013 3 IPs", Product::Lync2013, 3, false, kInternal + kThreeIp + kCls);
    row("lync2013 3 IPs XMPP", Product::Lync2013, 3, true, kInternal + kThreeIp + kCls + kXmpp);
    row("lync2013 1 IP XMPP", Product::Lync2013, 1, true,
        kInternal + kSingleIp + kCls + kXmppSingle);
    row("sfb2015 3 IPs", Product::SfB2015, 3, false, kInternal + kThreeIp + kCls);
    row("sfb2015 3 IPs XMPP", Product::SfB2015, 3, true, kInternal + kThreeIp + kCls + kXmpp);
    row("sfb2019 3 IPs", Product::SfB2019, 3, false, kInternal + kThreeIp + kCls);
    row("sfb2019 1 IP", Product::SfB2019, 1, false, kInternal + kSingleIp + kCls);
    row("sfbse 3 IPs", Product::SfBSE, 3, false, kInternal + kThreeIp + kCls);
}

void TstCatalog::listenerSetPerProduct()
{
    QFETCH(int, product);
    QFETCH(int, externalIps);
    QFETCH(bool, xmpp);
    QFETCH(QStringList, expected);
    const TemplateResult r = buildTopology(params(Product(product), externalIps, xmpp));
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(listenerSet(r.topology), expected);
}

void TstCatalog::xmppOnlyWhereTheProductHasIt_data()
{
    QTest::addColumn<int>("product");
    QTest::addColumn<bool>("available");
    QTest::newRow("lync2010") << int(Product::Lync2010) << false;
    QTest::newRow("lync2013") << int(Product::Lync2013) << true;
    QTest::newRow("sfb2015") << int(Product::SfB2015) << true;
    QTest::newRow("sfb2019") << int(Product::SfB2019) << false;
    QTest::newRow("sfbse") << int(Product::SfBSE) << false;
}

void TstCatalog::xmppOnlyWhereTheProductHasIt()
{
    QFETCH(int, product);
    QFETCH(bool, available);
    const TemplateResult r = buildTopology(params(Product(product), 3, true));
    QCOMPARE(r.ok(), available);
    if (!available)
        QVERIFY2(r.error.contains(QStringLiteral("XMPP federation is not available")),
                 qPrintable(r.error));
    else
        QVERIFY(r.topology.service(ServiceId(QStringLiteral("RTCXMPPTGWPX"))));
}

void TstCatalog::sharedSockets()
{
    // Single IP: client SIP and federation SIP are one socket with two endpoints.
    const Topology single = buildTopology(params(Product::Lync2013, 1, false)).topology;
    const Listener *sip = single.listener(ListenerId(QStringLiteral("edge01-ext-tcp-5061")));
    QVERIFY(sip);
    QCOMPARE(sip->endpoints.size(), 2);
    QVERIFY(sip->hasEndpoint(QStringLiteral("access-client-sip")));
    QVERIFY(sip->hasEndpoint(QStringLiteral("access-federation-sip")));
    // SfB 2015+: Skype Search and CMS replication share internal 4443; Lync 2013 has CMS only.
    const Topology sfb = buildTopology(params(Product::SfB2015, 3, false)).topology;
    const Listener *cms = sfb.listener(ListenerId(QStringLiteral("edge01-int-tcp-4443")));
    QVERIFY(cms);
    QCOMPARE(cms->endpoints.size(), 2);
    QVERIFY(cms->hasEndpoint(QStringLiteral("skype-search")));
    const Topology lync = buildTopology(params(Product::Lync2013, 3, false)).topology;
    QCOMPARE(lync.listener(ListenerId(QStringLiteral("edge01-int-tcp-4443")))->endpoints.size(), 1);
}

void TstCatalog::placement()
{
    const Topology t = buildTopology(params(Product::SfB2019, 3, false)).topology;
    for (const Listener *l : t.allListeners()) {
        const Address *a = t.address(l->address);
        QVERIFY(a);
        if (l->port == 5062) // A/V authentication: internal address only
            QVERIFY(a->roles == QList<AddressRole>{AddressRole::Internal});
        if (l->dynamic) { // media range: external A/V address only, with its NAT public address
            QVERIFY(a->roles == QList<AddressRole>{AddressRole::AV});
            QCOMPARE(a->natPublicIp, QStringLiteral("203.0.113.30"));
            QCOMPARE(l->port, 50000);
            QCOMPARE(l->portEnd, 59999);
        }
    }
    // From SfB 2015 on, 4443 carries two HTTP.sys registrations (Replication, Skype Search
    // Proxy): netstat shows System (PID 4); the replica agent is also accepted (M17).
    const Listener *cms = t.listener(ListenerId(QStringLiteral("edge01-int-tcp-4443")));
    QVERIFY(cms->allInterfacesOk);
    QCOMPARE(t.service(cms->service)->executable, QStringLiteral("System"));
    QCOMPARE(t.service(cms->service)->displayName,
             QStringLiteral("HTTP Service (HTTP.sys, in the System process)"));
    QCOMPARE(cms->alsoAccepted, QStringList{QStringLiteral("ReplicaReplicatorAgent.exe")});
    // Lync 2013 has one registration: the replica agent, System also accepted.
    const Topology lync = buildTopology(params(Product::Lync2013, 3, false)).topology;
    const Listener *lyncCms = lync.listener(ListenerId(QStringLiteral("edge01-int-tcp-4443")));
    QCOMPARE(lync.service(lyncCms->service)->executable,
             QStringLiteral("ReplicaReplicatorAgent.exe"));
    QCOMPARE(lyncCms->alsoAccepted, QStringList{QStringLiteral("System")});
    const Listener *access = t.listener(ListenerId(QStringLiteral("edge01-access-tcp-443")));
    QVERIFY(!access->allInterfacesOk);
    QCOMPARE(t.service(access->service)->executable, QStringLiteral("RTCSrv.exe"));
}

void TstCatalog::servicesPerProduct_data()
{
    QTest::addColumn<int>("product");
    QTest::addColumn<bool>("xmpp");
    QTest::addColumn<QStringList>("services");
    QTest::addColumn<QString>("accessDisplayName");
    const QStringList base{QStringLiteral("RTCSRV"), QStringLiteral("RTCMRAUTH"),
                           QStringLiteral("RTCMEDIARELAY"), QStringLiteral("RTCDATAPROXY"),
                           QStringLiteral("REPLICA")};
    QTest::newRow("lync2010") << int(Product::Lync2010) << false << base
                              << QStringLiteral("Lync Server Access Edge");
    QTest::newRow("lync2013 xmpp")
            << int(Product::Lync2013) << true
            << base + QStringList{QStringLiteral("RTCCLSAGT"), QStringLiteral("RTCXMPPTGWPX")}
            << QStringLiteral("Lync Server Access Edge");
    QTest::newRow("sfb2019") << int(Product::SfB2019) << false
                             << base
                                        + QStringList{QStringLiteral("RTCCLSAGT"),
                                                      QStringLiteral("HTTP")}
                             << QStringLiteral("Skype for Business Server Access Edge");
}

void TstCatalog::servicesPerProduct()
{
    QFETCH(int, product);
    QFETCH(bool, xmpp);
    QFETCH(QStringList, services);
    QFETCH(QString, accessDisplayName);
    const Topology t = buildTopology(params(Product(product), 3, xmpp)).topology;
    QStringList ids;
    for (const Service &s : t.services)
        ids.append(s.id.value());
    QCOMPARE(ids, services);
    QCOMPARE(t.service(ServiceId(QStringLiteral("RTCSRV")))->displayName, accessDisplayName);
}

void TstCatalog::malformedCatalogIsReported_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");
    QTest::newRow("syntax") << QByteArray("{\"products\": [") << QStringLiteral("parse error");
    QTest::newRow("unknown product")
            << QByteArray(R"({"products":[{"id":"lync2007","service_prefix":"x"}],"services":[],)"
                          R"("endpoints":[],"relays":[],"flows":[],"scenarios":[]})")
            << QStringLiteral("unknown product 'lync2007'");
    QTest::newRow("missing product") << QByteArray(
            R"({"products":[],"services":[],"endpoints":[],"relays":[],"flows":[],"scenarios":[]})")
                                     << QStringLiteral("no entry for product lync2010");
}

void TstCatalog::malformedCatalogIsReported()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    QString error;
    QVERIFY(!Catalog::fromJson(json, &error).has_value());
    QVERIFY2(error.contains(message), qPrintable(error));
}

QTEST_GUILESS_MAIN(TstCatalog)
// Every catalog endpoint and flow says where its facts come from, with keys that
// docs/sources.md lists (title and address of each), so that a later audit can trace them.
void TstCatalog::everyFactNamesItsSource()
{
    QFile listing(QStringLiteral(EDGEMAP_SOURCE_DIR "/docs/sources.md"));
    QVERIFY2(listing.open(QIODevice::ReadOnly), qPrintable(listing.fileName()));
    QSet<QString> listed;
    const QRegularExpression row(QStringLiteral("^\\| ([MS][0-9]+) \\| \\S"));
    for (const QString &line : QString::fromUtf8(listing.readAll()).split(QLatin1Char('\n')))
        if (const QRegularExpressionMatch m = row.match(line); m.hasMatch())
            listed.insert(m.captured(1));
    QVERIFY(listed.size() >= 10);
    const auto check = [&](const QString &what, const QString &source) {
        QVERIFY2(!source.isEmpty(), qPrintable(what + QStringLiteral(" has no source")));
        for (const QString &k : source.split(QStringLiteral(", ")))
            QVERIFY2(listed.contains(k),
                     qPrintable(QStringLiteral("%1: '%2' is not a source docs/sources.md lists")
                                        .arg(what, k)));
    };
    const Catalog &c = Catalog::builtIn();
    QSet<QString> all;
    for (Product p : allProducts())
        all.unite(c.allFeatures(p));
    all.insert(QStringLiteral("xmpp-enabled")); // requires/unless pick subsets of these
    const QList<Catalog::EndpointDef> endpoints = c.endpoints(all) + c.endpoints({});
    QVERIFY(endpoints.size() > 15);
    for (const Catalog::EndpointDef &e : endpoints)
        check(QStringLiteral("endpoint ") + e.key, e.source);
    const QList<Catalog::FlowDef> flows = c.flows(all);
    QVERIFY(flows.size() > 40);
    for (const Catalog::FlowDef &f : flows)
        if (f.firewall != Firewall::None || !f.source.isEmpty())
            check(QStringLiteral("flow ") + f.id, f.source);
}

#include "tst_catalog.moc"
