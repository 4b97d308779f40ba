// Importing Lync / Skype for Business topologies: the two real samples with their values, the
// same files in every encoding PowerShell and editors write, synthetic files for the shapes no
// sample shows (three addresses, a pool with a Director, two sites, no Edge), hostile and broken
// input with its message, and the imported single-IP sample judged against a snapshot of it.
#include "io/topologyfile.h"
#include "io/topologyimport.h"
#include "snapshot/judgement.h"
#include "snapshot/snapshotfile.h"
#include "support/tst_topologyimport_util.h"

#include <QTest>

using namespace importtest;

class TstTopologyImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void publishedSample();
    void builderSample();
    void bothSamplesRoundTripThroughTheFileFormat();
    void encodings_data();
    void encodings();
    void barePartialTopology();
    void threeAddresses();
    void poolWithDirector();
    void twoSites();
    void filters_data();
    void filters();
    void noEdgePool();
    void rejectsBadInput_data();
    void rejectsBadInput();
    void rejectsHugeFiles();
    void rejectsDeepNesting();
    void locatesBadValues_data();
    void locatesBadValues();
    void xmppOnAProductWithout();
    void singleIpSampleJudgedAllOk_data();
    void singleIpSampleJudgedAllOk();
    void recognisesTopologies();
};

void TstTopologyImport::publishedSample()
{
    const ImportResult r = importFile(kPublished);
    QVERIFY2(r.ok(), qPrintable(r.error.toString()));
    const Topology &t = *r.topology;
    QCOMPARE(keyOf(t.product), u"sfb2015"_s);
    QCOMPARE(t.sipDomains, QStringList{u"contoso.com"_s});
    QCOMPARE(t.pools.size(), 1);
    const EdgePool &pool = t.pools.first();
    QCOMPARE(pool.fqdn, u"Edge.contoso.com"_s);
    QCOMPARE(pool.site, u"TVP"_s);
    QCOMPARE(pool.importKey, u"edge.contoso.com"_s);
    QCOMPARE(pool.servers.size(), 1);
    const EdgeServer &s = pool.servers.first();
    QCOMPARE(s.fqdn, u"Edge.contoso.com"_s);
    QCOMPARE(addressesOf(s), (QStringList{u"internal 0.0.0.0 [internal:1]"_s,
                                          u"access+webconf+av 0.0.0.0 nat 1.1.1.1 fqdn "
                                          u"sip.contoso.com [external:1]"_s}));
    QCOMPARE(listenersOf(t, s), sfb2015SingleIp(442, false));
    QVERIFY(!t.service(ServiceId(u"RTCXMPPTGWPX"_s))); // no XMPP ports, no XMPP
    // The flows to the A/V Edge go to the port of the file, not the catalog's.
    QCOMPARE(flowTo(t, u"av-external-turn-tcp"_s)->port, 442);
    const Peer *nextHop = t.peer(pool.nextHop);
    QVERIFY(nextHop);
    QCOMPARE(nextHop->kind, PeerKind::FrontEndPool);
    QCOMPARE(nextHop->fqdn, u"skypefe.contoso.com"_s);
    QCOMPARE(nextHop->name, u"Front End pool skypefe.contoso.com (CMS)"_s);
    QCOMPARE(nextHop->members, QStringList{u"skypefe.contoso.com"_s});
    QCOMPARE(nextHop->importKey, u"skypefe.contoso.com"_s);
    for (const Listener &l : s.listeners)
        if (l.port == 442)
            QCOMPARE(l.importKey, u"MediaRelayEdge/TURNServer/external:1"_s);
        else if (l.port == 4443)
            QCOMPARE(l.importKey, u"ReplicationService/Replication/internal:1, "
                                  u"SkypeSearchProxy/WebServer/internal:1"_s);
        else if (l.port == 50001) // the CLS agent is the catalog's, not the file's
            QCOMPARE(l.importKey, QString());
    QCOMPARE(r.summary.pools.size(), 1);
    QCOMPARE(r.summary.pools.first().nonDefaultPorts,
             QStringList{
                     u"TCP 442 external (Audio/Video Edge, STUN/MSTURN over TCP; default 443)"_s});
    QCOMPARE(r.summary.product, u"Skype for Business Server 2015 (ServiceVersion 7)"_s);
    QVERIFY(anyContains(warningTexts(r), u"Edge server Edge.contoso.com: the internal address is "
                                         u"0.0.0.0, not pinned in the topology"_s));
    QCOMPARE(topologyfile::validate(t).toString(), QString());
}

void TstTopologyImport::builderSample()
{
    const ImportResult r = importFile(kBuilder);
    QVERIFY2(r.ok(), qPrintable(r.error.toString()));
    const Topology &t = *r.topology;
    QCOMPARE(keyOf(t.product), u"sfb2015"_s);
    QCOMPARE(t.sipDomains, QStringList{u"contoso.com"_s});
    QCOMPARE(t.pools.size(), 1);
    const EdgePool &pool = t.pools.first();
    QCOMPARE(pool.fqdn, u"edgepool.contoso.com"_s);
    QCOMPARE(pool.site, u"Contoso"_s);
    QCOMPARE(pool.loadBalancing, LoadBalancing::Dns);
    QCOMPARE(pool.servers.size(), 3);
    const QStringList fqdns{u"xedge1.contoso.com"_s, u"xedge2.contoso.com"_s,
                            u"xedge3.contoso.com"_s};
    const QStringList internal{u"192.168.10.100"_s, u"192.168.10.101"_s, u"192.168.10.103"_s};
    const QStringList external{u"10.0.0.1"_s, u"10.0.0.3"_s, u"10.0.0.5"_s};
    const QStringList nat{u"10.0.0.2"_s, u"10.0.0.4"_s, u"10.0.0.6"_s};
    for (int i = 0; i < 3; ++i) {
        const EdgeServer &s = pool.servers[i];
        QCOMPARE(s.fqdn, fqdns[i]);
        QCOMPARE(s.importKey, fqdns[i]);
        QCOMPARE(addressesOf(s),
                 (QStringList{u"internal %1 [internal:1]"_s.arg(internal[i]),
                              u"access+webconf+av %1 nat %2 fqdn ExternalEdge.contoso.com "
                              u"[external:1]"_s.arg(external[i], nat[i])}));
        QCOMPARE(listenersOf(t, s), sfb2015SingleIp(443, true));
    }
    QVERIFY(t.service(ServiceId(u"RTCXMPPTGWPX"_s)));
    QVERIFY(r.summary.pools.first().xmpp);
    QCOMPARE(r.summary.pools.first().nonDefaultPorts, QStringList());
    const Peer *nextHop = t.peer(pool.nextHop);
    QCOMPARE(nextHop->kind, PeerKind::FrontEndPool);
    QCOMPARE(nextHop->fqdn, u"frontendpool.contoso.com"_s);
    QCOMPARE(nextHop->members,
             (QStringList{u"xfrontend1.contoso.com"_s, u"xfrontend2.contoso.com"_s,
                          u"xfrontend3.contoso.com"_s, u"xfrontend4.contoso.com"_s}));
    // The XMPP gateway is the Front End pool (its Registrar has the XmppFederation port).
    const Flow *xmpp = flowTo(t, u"xmpp-internal"_s);
    QVERIFY(xmpp);
    QCOMPARE(xmpp->from.peer, pool.nextHop);
    QVERIFY(anyContains(warningTexts(r), u"no Central Management Server in the topology"_s));
    QCOMPARE(r.summary.shape, u"a Topology Builder file"_s);
    QCOMPARE(topologyfile::validate(t).toString(), QString());
}

void TstTopologyImport::bothSamplesRoundTripThroughTheFileFormat()
{
    for (const QString &name : {kPublished, kBuilder}) {
        const ImportResult r = importFile(name);
        QVERIFY2(r.ok(), qPrintable(r.error.toString()));
        const QByteArray bytes = topologyfile::serialize(*r.topology);
        QVERIFY2(bytes.startsWith("{\n  \"format\": 3,"), bytes.left(40).constData());
        const topologyfile::ReadResult back = topologyfile::parse(bytes);
        QVERIFY2(back.ok(), qPrintable(back.error.toString()));
        QVERIFY(*back.topology == *r.topology);
    }
}

void TstTopologyImport::encodings_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("bytes");
    for (const QString &name : {kPublished, kBuilder}) {
        const QByteArray utf8 = withoutBom(readFile(dataPath(name)));
        const auto row = [&](const char *what) -> QTestData & {
            return QTest::addRow("%s %s", qPrintable(name.section(u'_', 0, 0)), what) << name;
        };
        row("UTF-16LE with BOM") << encoded(utf8, QStringConverter::Utf16LE, true);
        row("UTF-16BE with BOM") << encoded(utf8, QStringConverter::Utf16BE, true);
        row("UTF-16LE without BOM") << encoded(utf8, QStringConverter::Utf16LE, false);
        row("UTF-8 with BOM") << QByteArray("\xEF\xBB\xBF" + utf8);
        row("UTF-8 without BOM") << utf8;
        row("LF line ends") << QByteArray(utf8).replace("\r\n", "\n");
    }
}

// PowerShell's Out-File writes UTF-16LE with a BOM (even for a file whose XML declaration says
// utf-8, when one is re-saved through it); editors write UTF-8 with or without one.
void TstTopologyImport::encodings()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, bytes);
    const ImportResult reference = importFile(file);
    const ImportResult r = importTopologyXml(bytes);
    QVERIFY2(r.ok(), qPrintable(r.error.toString()));
    QVERIFY(*r.topology == *reference.topology);
}

void TstTopologyImport::barePartialTopology()
{
    const QByteArray tbxml = readFile(dataPath(kBuilder));
    const qsizetype from = tbxml.indexOf("<PartialTopology");
    const QByteArray end("</PartialTopology>");
    const qsizetype to = tbxml.indexOf(end) + end.size();
    const ImportResult r = importTopologyXml(tbxml.mid(from, to - from));
    QVERIFY2(r.ok(), qPrintable(r.error.toString()));
    QVERIFY(*r.topology == *importFile(kBuilder).topology);
    QCOMPARE(r.summary.shape, u"a Topology Builder topology (PartialTopology)"_s);
}

void TstTopologyImport::threeAddresses()
{
    const ImportResult r = importFile(u"written_three-address.xml"_s);
    QVERIFY2(r.ok(), qPrintable(r.error.toString()));
    const Topology &t = *r.topology;
    QCOMPARE(keyOf(t.product), u"lync2013"_s);
    QVERIFY(anyContains(warningTexts(r),
                        u"ServiceVersion 6 taken as Lync Server 2013: inferred"_s));
    QCOMPARE(t.sipDomains, (QStringList{u"fabrikam.com"_s, u"contoso.com"_s}));
    const EdgeServer &s = t.pools.first().servers.first();
    QCOMPARE(addressesOf(s),
             (QStringList{
                     u"internal 172.25.33.10 [internal:1]"_s,
                     u"access 10.45.16.10 nat 131.107.155.10 fqdn sip.contoso.com [external:1]"_s,
                     u"webconf 10.45.16.20 nat 131.107.155.20 fqdn webconf.contoso.com "
                     u"[external:2]"_s,
                     u"av 10.45.16.30 nat 131.107.155.30 fqdn av.contoso.com [external:3]"_s}));
    QStringList expected{
            u"access TCP 443 access-client-sip"_s,
            u"access TCP 5061 access-federation-sip"_s,
            u"access TCP 5269 xmpp-external"_s,
            u"webconf TCP 443 webconf-external-psom"_s,
            u"av TCP 443 av-external-turn-tcp"_s,
            u"av TCP 50000-59999 av-media-tcp"_s,
            u"av UDP 3478 av-external-turn-udp"_s,
            u"av UDP 50000-59999 av-media-udp"_s,
            u"internal TCP 443 av-internal-turn-tcp"_s,
            u"internal TCP 4443 cms-replication"_s,
            u"internal TCP 5061 access-internal-sip"_s,
            u"internal TCP 5062 mras-internal"_s,
            u"internal TCP 8057 webconf-internal-psom"_s,
            u"internal TCP 9443 imported-edgediagnostics-webserver"_s,
            u"internal TCP 23456 xmpp-internal"_s,
            u"internal TCP 50001-50003 cls-agent"_s,
            u"internal UDP 3478 av-internal-turn-udp"_s,
    };
    expected.sort();
    QCOMPARE(listenersOf(t, s), expected);
    // The Port no catalog endpoint describes: a listener of its own, described by the file.
    for (const Listener &l : s.listeners)
        if (l.port == 9443) {
            QCOMPARE(l.service.value(), u"EdgeDiagnostics"_s);
            QCOMPARE(l.importKey, u"EdgeDiagnostics/WebServer/internal:1"_s);
            QCOMPARE(l.endpoints.first().purpose,
                     u"EdgeDiagnostics WebServer: a Port of the imported topology that EdgeMap's "
                     u"catalog does not describe"_s);
        }
    QVERIFY(anyContains(warningTexts(r), u"Port EdgeDiagnostics/WebServer/internal:1 (TCP 9443) "
                                         u"is not one EdgeMap knows"_s));
    QCOMPARE(r.summary.pools.first().layout,
             u"three external addresses (Access, Web Conferencing, A/V)"_s);
    QCOMPARE(r.summary.pools.first().externalFqdns,
             (QStringList{u"sip.contoso.com"_s, u"webconf.contoso.com"_s, u"av.contoso.com"_s}));
    QCOMPARE(t.peer(t.pools.first().nextHop)->fqdn, u"fepool.contoso.local"_s);
    QCOMPARE(flowTo(t, u"xmpp-internal"_s)->from.peer, t.pools.first().nextHop);
}

void TstTopologyImport::poolWithDirector()
{
    const ImportResult r = importFile(u"written_pool-director.tbxml"_s);
    QVERIFY2(r.ok(), qPrintable(r.error.toString()));
    const Topology &t = *r.topology;
    const EdgePool &pool = t.pools.first();
    QCOMPARE(pool.fqdn, u"edgepool.contoso.net"_s);
    QCOMPARE(pool.site, u"Frankfurt"_s);
    QCOMPARE(pool.servers.size(), 4);
    for (int i = 0; i < 4; ++i) {
        const EdgeServer &s = pool.servers[i];
        QCOMPARE(s.fqdn, u"edge0%1.contoso.net"_s.arg(i + 1));
        QCOMPARE(addressesOf(s),
                 (QStringList{u"internal 172.16.1.%1 [internal:1]"_s.arg(11 + i),
                              u"access+webconf+av 192.168.100.%1 nat 198.51.100.%1 fqdn "
                              u"edge.contoso.net [external:1]"_s.arg(11 + i)}));
        QCOMPARE(listenersOf(t, s), sfb2015SingleIp(443, false));
    }
    const Peer *director = t.peer(pool.nextHop);
    QCOMPARE(director->kind, PeerKind::Director);
    QCOMPARE(director->name, u"Director pool dirpool.contoso.net"_s);
    QCOMPARE(director->members, (QStringList{u"dir01.contoso.net"_s, u"dir02.contoso.net"_s}));
    const Peer *frontEnd = peerWithFqdn(t, u"fepool.contoso.net"_s);
    QVERIFY(frontEnd);
    QCOMPARE(frontEnd->kind, PeerKind::FrontEndPool);
    QCOMPARE(frontEnd->name, u"Front End pool fepool.contoso.net (CMS)"_s);
    QCOMPARE(frontEnd->members.size(), 3);
    // Both talk SIP to the Edge: the next hop, and the Front End pool (M1, S3, M8).
    QStringList sipFrom;
    for (const Flow &f : t.flows)
        if (f.to.kind == FlowEnd::Kind::Endpoint && f.to.endpointKey == u"access-internal-sip"_s)
            sipFrom.append(f.from.peer.value());
    sipFrom.sort();
    QStringList expected{director->id.value(), frontEnd->id.value()};
    expected.sort();
    QCOMPARE(sipFrom, expected);
    QCOMPARE(flowTo(t, u"cms-replication"_s)->from.peer, frontEnd->id);
    QCOMPARE(r.summary.pools.first().nextHop, u"Director pool dirpool.contoso.net"_s);
    QCOMPARE(r.summary.pools.first().frontEnds, QStringList{u"fepool.contoso.net"_s});
}

void TstTopologyImport::twoSites()
{
    const ImportResult r = importFile(u"written_two-sites.xml"_s);
    QVERIFY2(r.ok(), qPrintable(r.error.toString()));
    const Topology &t = *r.topology;
    QCOMPARE(keyOf(t.product), u"sfb2019"_s);
    QCOMPARE(t.pools.size(), 2);
    const EdgePool &ams = t.pools[0];
    const EdgePool &sin = t.pools[1];
    QCOMPARE(ams.site, u"Amsterdam"_s);
    QCOMPARE(ams.servers.size(), 2);
    QCOMPARE(ams.servers[1].fqdn, u"ams-edge02.contoso.com"_s);
    QCOMPARE(sin.site, u"Singapore"_s);
    QCOMPARE(sin.servers.size(), 1);
    QCOMPARE(sin.servers[0].fqdn, u"sin-edge.contoso.com"_s); // the Machine has no Fqdn
    QCOMPARE(addressesOf(sin.servers[0]),
             (QStringList{u"internal 10.2.0.11 [internal:1]"_s,
                          u"access+webconf+av 2001:db8:2::11 fqdn sip-apac.contoso.com "
                          u"[external:1]"_s}));
    QCOMPARE(t.peer(ams.nextHop)->fqdn, u"ams-fe.contoso.com"_s);
    QCOMPARE(t.peer(sin.nextHop)->fqdn, u"sin-fe.contoso.com"_s);
    // Each pool's flows go to its own Front End pool.
    for (const Flow &f : t.flows)
        if (f.to.kind == FlowEnd::Kind::Endpoint && f.to.endpointKey == u"mras-internal"_s)
            QCOMPARE(f.from.peer, f.to.pool == ams.id ? ams.nextHop : sin.nextHop);
    QVERIFY(r.summary.notTaken.contains(
            u"the Mediation pool sin-med.contoso.com, which uses the Edge pool: not modelled as a "
            u"peer"_s));
    QCOMPARE(topologyfile::validate(t).toString(), QString());
}

void TstTopologyImport::filters_data()
{
    QTest::addColumn<QString>("pool");
    QTest::addColumn<QString>("site");
    QTest::addColumn<QStringList>("imported");
    QTest::addColumn<QStringList>("skipped");
    QTest::newRow("by site") << QString() << u"singapore"_s
                             << QStringList{u"sin-edge.contoso.com"_s}
                             << QStringList{u"ams-edge.contoso.com (site Amsterdam)"_s};
    QTest::newRow("by pool") << u"AMS-EDGE.contoso.com"_s << QString()
                             << QStringList{u"ams-edge.contoso.com"_s}
                             << QStringList{u"sin-edge.contoso.com (site Singapore)"_s};
    QTest::newRow("both") << u"ams-edge.contoso.com"_s << u"Amsterdam"_s
                          << QStringList{u"ams-edge.contoso.com"_s}
                          << QStringList{u"sin-edge.contoso.com (site Singapore)"_s};
}

void TstTopologyImport::filters()
{
    QFETCH(QString, pool);
    QFETCH(QString, site);
    QFETCH(QStringList, imported);
    QFETCH(QStringList, skipped);
    const ImportResult r = importFile(u"written_two-sites.xml"_s, {{}, pool, site});
    QVERIFY2(r.ok(), qPrintable(r.error.toString()));
    QStringList fqdns;
    for (const EdgePool &p : r.topology->pools)
        fqdns.append(p.fqdn);
    QCOMPARE(fqdns, imported);
    QCOMPARE(r.summary.skipped, skipped);
    const ImportResult none = importFile(u"written_two-sites.xml"_s, {{}, u"x.contoso.com"_s, {}});
    QCOMPARE(none.error.message,
             u"no Edge pool matches 'x.contoso.com'; the Edge pools are: ams-edge.contoso.com "
             u"(site Amsterdam), sin-edge.contoso.com (site Singapore)"_s);
}

void TstTopologyImport::noEdgePool()
{
    const ImportResult r = importFile(u"written_no-edge.xml"_s, {u"fe.xml"_s, {}, {}});
    QVERIFY(!r.ok());
    QCOMPARE(r.error.toString(),
             u"fe.xml: no Edge pool in this topology; it has pools: fe01.contoso.com (Front End), "
             u"sql01.contoso.com (SQL Server), sbc1.contoso.com (PSTN gateway)"_s);
}

void TstTopologyImport::rejectsBadInput_data()
{
    addBadInputRows();
}

void TstTopologyImport::rejectsBadInput()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, error);
    const ImportResult r = importTopologyXml(bytes, {u"t.xml"_s, {}, {}});
    QVERIFY(!r.ok());
    QCOMPARE(r.error.toString(), error);
}

void TstTopologyImport::rejectsHugeFiles()
{
    const QByteArray huge(kMaxFileSize + 1024 * 1024, ' ');
    const ImportResult r = importTopologyXml(huge, {u"t.xml"_s, {}, {}});
    QCOMPARE(r.error.toString(),
             u"t.xml: refused: the file is 65.0 MiB; a topology export is at most 64 MiB"_s);
}

void TstTopologyImport::rejectsDeepNesting()
{
    QByteArray deep
            = "<Topology xmlns=\"urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008\">";
    for (int i = 0; i < 100000; ++i)
        deep += "<Sites>";
    const ImportResult r = importTopologyXml(deep, {u"t.xml"_s, {}, {}});
    QCOMPARE(r.error.toString(),
             u"t.xml:1:517: refused: elements nested more than 64 deep (a topology nests about "
             u"10)"_s);
}

void TstTopologyImport::locatesBadValues_data()
{
    addBadValueRows();
}

void TstTopologyImport::locatesBadValues()
{
    QFETCH(QByteArray, from);
    QFETCH(QByteArray, to);
    QFETCH(QString, error);
    QByteArray bytes = readFile(dataPath(kPublished));
    QVERIFY(bytes.contains(from));
    bytes.replace(from, to);
    const ImportResult r = importTopologyXml(bytes, {u"t.xml"_s, {}, {}});
    QCOMPARE(r.error.toString(), error);
}

// Skype for Business Server 2019 has no XMPP proxy: the ports still come in, as listeners of
// their own, and the import says why.
void TstTopologyImport::xmppOnAProductWithout()
{
    QByteArray bytes = readFile(dataPath(kBuilder));
    bytes.replace("ServiceVersion=\"7\"", "ServiceVersion=\"8\"");
    const ImportResult r = importTopologyXml(bytes);
    QVERIFY2(r.ok(), qPrintable(r.error.toString()));
    QCOMPARE(keyOf(r.topology->product), u"sfb2019"_s);
    QVERIFY(anyContains(warningTexts(r), u"the Edge pool has XMPP ports, but Skype for Business "
                                         u"Server 2019 has no XMPP proxy on the Edge"_s));
    const QStringList listeners = listenersOf(*r.topology, r.topology->pools[0].servers[0]);
    QVERIFY(listeners.contains(
            u"access+webconf+av TCP 5269 imported-xmppfederationproxy-xmppserver"_s));
    QVERIFY(listeners.contains(u"internal TCP 23456 imported-xmppfederationproxy-xptserver"_s));
    QCOMPARE(topologyfile::validate(*r.topology).toString(), QString());
}

void TstTopologyImport::singleIpSampleJudgedAllOk_data()
{
    QTest::addColumn<QString>("topology");
    QTest::addColumn<QString>("snapshot");
    QTest::addColumn<QString>("server");
    QTest::addColumn<int>("listeners");
    QTest::newRow("Edge.contoso.com (addresses not pinned)")
            << kPublished << u"written_edge-netstat-anob.txt"_s << u"edge"_s << 13;
    QTest::newRow("xedge1.contoso.com of the pool")
            << kBuilder << u"written_xedge1-netstat-anob.txt"_s << u"xedge1"_s << 15;
}

void TstTopologyImport::singleIpSampleJudgedAllOk()
{
    QFETCH(QString, topology);
    QFETCH(QString, snapshot);
    QFETCH(QString, server);
    QFETCH(int, listeners);
    const ImportResult r = importFile(topology);
    QVERIFY2(r.ok(), qPrintable(r.error.toString()));
    const snapshotfile::ReadResult s = snapshotfile::load(dataPath(snapshot));
    QVERIFY2(s.ok(), qPrintable(s.error.toString()));
    const ServerMatch match = matchServer(*r.topology, *s.snapshot);
    QCOMPARE(match.server.value(), server);
    const Judgement j = judge(*r.topology, *s.snapshot, match.server);
    QCOMPARE(j.listeners.size(), listeners);
    for (const ListenerVerdict &v : j.listeners) {
        const Listener *l = r.topology->listener(v.listener);
        const ListenerStatus expected = l->dynamic ? ListenerStatus::Dynamic : ListenerStatus::Ok;
        QVERIFY2(v.status == expected,
                 qPrintable(u"%1: %2 (%3)"_s.arg(v.listener.value(), keyOf(v.status), v.detail)));
    }
    QCOMPARE(j.problemCount(), 0);
}

void TstTopologyImport::recognisesTopologies()
{
    for (const QString &name : {kPublished, kBuilder, u"written_two-sites.xml"_s}) {
        const QByteArray head = readFile(dataPath(name)).left(4096);
        QVERIFY(looksLikeTopologyXml(head));
        QVERIFY(looksLikeTopologyXml(
                encoded(withoutBom(head), QStringConverter::Utf16LE, true).left(4097)));
    }
    QVERIFY(!looksLikeTopologyXml("{\"format\": 2}"));
    QVERIFY(!looksLikeTopologyXml("<html/>"));
    QVERIFY(!looksLikeTopologyXml(readFile(dataPath(u"written_edge-netstat-anob.txt"_s))));
}

QTEST_GUILESS_MAIN(TstTopologyImport)
#include "tst_topologyimport.moc"
