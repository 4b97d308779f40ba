#include "core/catalog.h"
#include "core/templates.h"
#include "io/topologyfile.h"
#include "support/tst_topologyfile_cases.h"
#include "support/tst_topologyfile_util.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using namespace edgemap;
using namespace edgemap::tst;
using namespace Qt::StringLiterals;

class TstTopologyFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixtureRoundTripsByteForByte();
    void formatOneFilesLoadAndSaveAsFormatTwo();
    void templatesRoundTrip_data();
    void templatesRoundTrip();
    void writesTheDocumentedLayout();
    void importedFactsRoundTripAsFormatThree();
    void explicitDefaultsReadLikeOmittedOnes();
    void acceptsValidVariants_data();
    void acceptsValidVariants();
    void rejectsInvalidTopology_data();
    void rejectsInvalidTopology();
    void rejectsBadText_data();
    void rejectsBadText();
    void rejectsTruncatedFile_data();
    void rejectsTruncatedFile();
    void rejectsHostileNesting();
    void acceptsUtf8ByteOrderMark();
    void loadReportsFileAndPosition();
    void loadRefusesUnreadableFiles_data();
    void loadRefusesUnreadableFiles();
    void loadRefusesHugeFileBeforeReading();
    void validateUsesSavedPointers();
    void saveWritesAtomically();
    void failedSaveKeepsTheOldFile_data();
    void failedSaveKeepsTheOldFile();
    void defaultTopologyLoads();
};

void TstTopologyFile::fixtureRoundTripsByteForByte()
{
    const QByteArray bytes = contosoBytes();
    const Topology t = contoso();
    QCOMPARE(topologyfile::serialize(t), bytes);
    const topologyfile::ReadResult again = topologyfile::parse(topologyfile::serialize(t));
    QVERIFY2(again.ok(), qPrintable(again.error.toString()));
    QVERIFY(*again.topology == t);
    QVERIFY(!topologyfile::validate(t).isError());
    // Spot checks that the fixture's optional values really arrived.
    QVERIFY(t.pools[0].servers[0].listeners[7].address.isEmpty());
    QCOMPARE(t.pools[0].servers[0].listeners[5].portEnd, 59999);
    QCOMPARE(t.pools[0].servers[0].listeners[0].portEnd, 443);
    QVERIFY(!t.pools[0].servers[0].listeners[8].enabled);
    QVERIFY(!t.services[4].enabled);
    QCOMPARE(t.scenarios[0].hops[2].kind, ScenarioHop::Kind::NextHop);
    QCOMPARE(t.flows[1].from.kind, FlowEnd::Kind::AddressRole);
}

// Files of EdgeMap's first format (no SIP domains, no source ports, one NAT address per pool in
// practice) still open; saving writes format 2, which reads back to the same topology.
void TstTopologyFile::formatOneFilesLoadAndSaveAsFormatTwo()
{
    const QByteArray old = readFile(dataPath(u"contoso-format1.edgemap.json"_s));
    QVERIFY(old.startsWith("{\n  \"format\": 1,"));
    const topologyfile::ReadResult r = topologyfile::parse(old);
    QVERIFY2(r.ok(), qPrintable(r.error.toString()));
    QVERIFY(r.topology->sipDomains.isEmpty());
    Topology expected = contoso();
    expected.sipDomains.clear();
    QVERIFY(*r.topology == expected);
    const QByteArray saved = topologyfile::serialize(*r.topology);
    QVERIFY(saved.startsWith("{\n  \"format\": 2,"));
    QVERIFY(saved.contains("\"sip_domains\": []"));
    const topologyfile::ReadResult again = topologyfile::parse(saved);
    QVERIFY2(again.ok(), qPrintable(again.error.toString()));
    QVERIFY(*again.topology == *r.topology);
}

void TstTopologyFile::templatesRoundTrip_data()
{
    QTest::addColumn<TemplateParams>("params");
    QTest::addColumn<bool>("secondSite");
    for (const Product product : allProducts()) {
        for (const int ips : {1, 3}) {
            const QString name = u"%1 %2 IP"_s.arg(keyOf(product)).arg(ips);
            QTest::newRow(qPrintable(name)) << templateParams(product, 1, ips) << false;
            QTest::newRow(qPrintable(name + u" pool of 4"_s))
                    << templateParams(product, 4, ips) << false;
        }
    }
    TemplateParams xmpp = templateParams(Product::Lync2013, 2, 3);
    xmpp.xmpp = true;
    xmpp.nextHop = NextHopKind::FrontEnd;
    QTest::newRow("lync2013 xmpp, front end next hop") << xmpp << false;
    QTest::newRow("sfb2019 two sites") << templateParams(Product::SfB2019, 2, 3) << true;
}

void TstTopologyFile::templatesRoundTrip()
{
    QFETCH(TemplateParams, params);
    QFETCH(bool, secondSite);
    TemplateResult built = buildTopology(params);
    QVERIFY2(built.ok(), qPrintable(built.error));
    if (secondSite) {
        TemplateParams site2 = params;
        site2.site = u"Site 2"_s;
        for (MemberParams &m : site2.members) {
            m.fqdn.replace(u"edge"_s, u"edge-b"_s);
            m.internalIp.replace(u"172.25.33."_s, u"172.26.33."_s);
            m.externalIps.replaceInStrings(u"192.0.2."_s, u"198.51.100."_s);
            m.avPublicIp.replace(u"203.0.113."_s, u"203.0.114."_s);
        }
        const QString error = addPool(built.topology, site2, Catalog::builtIn());
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    const Topology &t = built.topology;
    const QByteArray bytes = topologyfile::serialize(t);
    const topologyfile::ReadResult r = topologyfile::parse(bytes);
    QVERIFY2(r.ok(), qPrintable(r.error.toString()));
    QVERIFY(*r.topology == t);
    QCOMPARE(topologyfile::serialize(*r.topology), bytes);
    QVERIFY(!topologyfile::validate(t).isError());
}

void TstTopologyFile::writesTheDocumentedLayout()
{
    const QByteArray bytes = topologyfile::serialize(contoso());
    QVERIFY(bytes.startsWith("{\n  \"format\": 2,\n  \"name\": \"Contoso Edge\",\n  \"product\": "
                             "\"lync2013\",\n  \"sip_domains\": [\n    \"contoso.com\","));
    QVERIFY(bytes.endsWith("\n}\n"));
    QVERIFY(bytes.contains("\"address\": \"*\""));
    // Optional values appear only where they differ from the default.
    QCOMPARE(bytes.count("\"port_end\""), 2);
    QCOMPARE(bytes.count("\"enabled\": false"), 2);
    QVERIFY(!bytes.contains("\"enabled\": true"));
    QVERIFY(!bytes.contains("\"dynamic\": false"));
    QVERIFY(!bytes.contains("\"nat_public_ip\": \"\""));

    Topology empty;
    QCOMPARE(topologyfile::serialize(empty),
             QByteArray("{\n  \"format\": 2,\n  \"name\": \"\",\n  \"product\": \"lync2013\",\n"
                        "  \"sip_domains\": [],\n  \"services\": [],\n  \"peers\": [],\n  "
                        "\"pools\": [],\n"
                        "  \"flows\": [],\n  \"scenarios\": []\n}\n"));
}

// What an import records (io/topologyimport.h) survives a save and a load; a topology with it is
// format 3, one without it stays format 2 for older EdgeMaps.
void TstTopologyFile::importedFactsRoundTripAsFormatThree()
{
    Topology t = contoso();
    QVERIFY(topologyfile::serialize(t).startsWith("{\n  \"format\": 2,"));
    t.pools[0].importKey = u"edge01.contoso.local"_s;
    t.pools[0].servers[0].importKey = u"edge01.contoso.local"_s;
    t.pools[0].servers[0].interfaces[1].addresses[0].importKey = u"external:1"_s;
    t.pools[0].servers[0].listeners[0].importKey = u"AccessEdge/SipClient/external:1"_s;
    t.peers[0].members = {u"fe01.contoso.local"_s, u"fe02.contoso.local"_s};
    t.peers[0].importKey = u"fepool.contoso.local"_s;
    const QByteArray bytes = topologyfile::serialize(t);
    QVERIFY(bytes.startsWith("{\n  \"format\": 3,"));
    QCOMPARE(bytes.count("\"import_key\""), 5);
    QVERIFY(bytes.contains("\"members\": [\n        \"fe01.contoso.local\","));
    const topologyfile::ReadResult r = topologyfile::parse(bytes);
    QVERIFY2(r.ok(), qPrintable(r.error.toString()));
    QVERIFY(*r.topology == t);
    QCOMPARE(topologyfile::serialize(*r.topology), bytes);
    // Each kind of element on its own makes the file format 3.
    Topology peerOnly = contoso();
    peerOnly.peers[0].members = {u"fe01.contoso.local"_s};
    QVERIFY(topologyfile::serialize(peerOnly).startsWith("{\n  \"format\": 3,"));
    Topology addressOnly = contoso();
    addressOnly.pools[0].servers[0].interfaces[0].addresses[0].importKey = u"internal:1"_s;
    QVERIFY(topologyfile::serialize(addressOnly).startsWith("{\n  \"format\": 3,"));
    // A member that is not an FQDN is refused like any FQDN, with its place.
    t.peers[0].members.append(u"fe03"_s);
    QCOMPARE(topologyfile::validate(t).path, u"/peers/0/members/2"_s);
}

void TstTopologyFile::explicitDefaultsReadLikeOmittedOnes()
{
    const QString l = u"/pools/0/servers/0/listeners/0/"_s;
    const QByteArray bytes
            = edited(contosoBytes(), {l + u"enabled=true"_s, l + u"dynamic=false"_s,
                                      l + u"all_interfaces_ok=false"_s, l + u"port_end=443"_s,
                                      u"/services/0/enabled=true"_s, u"/flows/0/optional=false"_s});
    const topologyfile::ReadResult r = topologyfile::parse(bytes);
    QVERIFY2(r.ok(), qPrintable(r.error.toString()));
    QVERIFY(*r.topology == contoso());
}

void TstTopologyFile::acceptsValidVariants_data()
{
    QTest::addColumn<QStringList>("edits");
    const QString l = u"/pools/0/servers/0/listeners/"_s;
    QTest::newRow("same port, other transport") << QStringList{l + u"3/port=443"_s};
    QTest::newRow("same port, other address") << QStringList{l + u"2/port=5061"_s};
    QTest::newRow("adjacent port ranges")
            << QStringList{l + u"4/port=60000"_s, l + u"4/port_end=60010"_s};
    QTest::newRow("range below a range")
            << QStringList{l + u"4/port=40000"_s, l + u"4/port_end=49999"_s};
    QTest::newRow("same socket on another server")
            << QStringList{u"/pools/0/servers/1/listeners/1/port=4443"_s};
    QTest::newRow("non-ASCII text") << QStringList{u"/name=\"Contoso Édge 東京\""_s};
    QTest::newRow("IPv6 with zone")
            << QStringList{u"/pools/0/servers/1/interfaces/0/addresses/0/ip=\"fe80::11%12\""_s};
    // An imported interface the deployment has not pinned: 0.0.0.0 on several interfaces.
    QTest::newRow("unpinned addresses")
            << QStringList{u"/pools/0/servers/0/interfaces/0/addresses/0/ip=\"0.0.0.0\""_s,
                           u"/pools/0/servers/0/interfaces/1/addresses/0/ip=\"0.0.0.0\""_s,
                           u"/pools/0/servers/1/interfaces/0/addresses/0/ip=\"::\""_s,
                           u"/pools/0/servers/1/interfaces/1/addresses/0/ip=\"::\""_s};
    QTest::newRow("no pools, flows or scenarios")
            << QStringList{u"/pools=[]"_s, u"/flows=[]"_s, u"/scenarios=[]"_s};
}

void TstTopologyFile::acceptsValidVariants()
{
    QFETCH(QStringList, edits);
    const topologyfile::ReadResult r = topologyfile::parse(edited(contosoBytes(), edits));
    QVERIFY2(r.ok(), qPrintable(r.error.toString()));
    const QByteArray bytes = topologyfile::serialize(*r.topology);
    QVERIFY(topologyfile::parse(bytes).topology == r.topology);
}

void TstTopologyFile::rejectsInvalidTopology_data()
{
    addInvalidTopologyRows();
}

void TstTopologyFile::rejectsInvalidTopology()
{
    QFETCH(QStringList, edits);
    QFETCH(QString, path);
    QFETCH(QStringList, fragments);
    const topologyfile::ReadResult r
            = topologyfile::parse(edited(contosoBytes(), edits), u"contoso.edgemap.json"_s);
    QVERIFY(!r.ok());
    QCOMPARE(r.error.path, path);
    QCOMPARE(r.error.file, u"contoso.edgemap.json"_s);
    QCOMPARE(r.error.line, 0);
    verifyMessage(r.error, fragments);
}

void TstTopologyFile::rejectsBadText_data()
{
    addBadTextRows();
}

void TstTopologyFile::rejectsBadText()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, path);
    QFETCH(QStringList, fragments);
    const topologyfile::ReadResult r = topologyfile::parse(bytes);
    QVERIFY(!r.ok());
    QCOMPARE(r.error.line, line);
    QCOMPARE(r.error.column, column);
    QCOMPARE(r.error.path, path);
    verifyMessage(r.error, fragments);
}

void TstTopologyFile::rejectsTruncatedFile_data()
{
    QTest::addColumn<qsizetype>("length");
    const QByteArray bytes = contosoBytes();
    QTest::newRow("half") << bytes.size() / 2;
    QTest::newRow("first brace only") << qsizetype(1);
    QTest::newRow("inside a string") << bytes.indexOf("Contoso Edge") + 4;
    QTest::newRow("inside a literal") << bytes.indexOf("false") + 3;
    QTest::newRow("last brace missing") << bytes.size() - 2;
}

void TstTopologyFile::rejectsTruncatedFile()
{
    QFETCH(qsizetype, length);
    const QByteArray cut = contosoBytes().left(length);
    const topologyfile::ReadResult r = topologyfile::parse(cut);
    QVERIFY(!r.ok());
    // The error is where the text stops (the fixture is ASCII: bytes are characters).
    QCOMPARE(r.error.line, int(cut.count('\n')) + 1);
    QCOMPARE(r.error.column, int(cut.size() - cut.lastIndexOf('\n')));
    verifyMessage(r.error, {u"syntax error: "_s});
}

void TstTopologyFile::rejectsHostileNesting()
{
    // Ten million '[' must give an error, not a stack overflow or a ten-million-deep DOM.
    const QByteArray bytes(10'000'000, '[');
    const topologyfile::ReadResult r = topologyfile::parse(bytes);
    QVERIFY(!r.ok());
    QCOMPARE(r.error.line, 1);
    QCOMPARE(r.error.column, 65);
    verifyMessage(r.error, {u"nested too deeply"_s, u"64"_s});
}

void TstTopologyFile::acceptsUtf8ByteOrderMark()
{
    const topologyfile::ReadResult r = topologyfile::parse("\xEF\xBB\xBF" + contosoBytes());
    QVERIFY2(r.ok(), qPrintable(r.error.toString()));
    QVERIFY(*r.topology == contoso());
    // Positions are counted after the mark, as an editor shows them.
    const topologyfile::ReadResult bad = topologyfile::parse("\xEF\xBB\xBF{\"format\" 1}");
    QCOMPARE(bad.error.line, 1);
    QCOMPARE(bad.error.column, 11);
}

void TstTopologyFile::loadReportsFileAndPosition()
{
    const QString path = dataPath(u"syntax-error.edgemap.json"_s);
    const topologyfile::ReadResult r = topologyfile::load(path);
    QVERIFY(!r.ok());
    QCOMPARE(r.error.file, path);
    QCOMPARE(r.error.line, 4);
    QCOMPARE(r.error.column, 11);
    QCOMPARE(r.error.toString(),
             path + u":4:11: syntax error: unexpected string literal; expected '}'"_s);

    const topologyfile::ReadResult good = topologyfile::load(dataPath(u"contoso.edgemap.json"_s));
    QVERIFY2(good.ok(), qPrintable(good.error.toString()));
    QVERIFY(*good.topology == contoso());
}

void TstTopologyFile::loadRefusesUnreadableFiles_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("reason");
    // The system's own words: Linux's strerror, Windows' message for the error code.
#ifdef Q_OS_WIN
    QTest::newRow("missing file") << dataPath(u"no-such-file.edgemap.json"_s) << u"not found"_s;
#else
    QTest::newRow("missing file") << dataPath(u"no-such-file.edgemap.json"_s)
                                  << u"No such file or directory"_s;
#endif
    QTest::newRow("directory") << dataPath(QString()) << u"directory"_s;
}

void TstTopologyFile::loadRefusesUnreadableFiles()
{
    QFETCH(QString, path);
    QFETCH(QString, reason);
    const topologyfile::ReadResult r = topologyfile::load(path);
    QVERIFY(!r.ok());
    QCOMPARE(r.error.file, path);
    verifyMessage(r.error, {u"cannot open the file: "_s, reason});
}

void TstTopologyFile::loadRefusesHugeFileBeforeReading()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"huge.edgemap.json"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.resize(50 * 1024 * 1024)); // sparse: no 50 MB written, none committed
    file.close();
    const topologyfile::ReadResult r = topologyfile::load(path);
    QVERIFY(!r.ok());
    QCOMPARE(r.error.file, path);
    QCOMPARE(r.error.message, u"file is too large (50.0 MB); a topology file is at most 16 MB"_s);
}

void TstTopologyFile::validateUsesSavedPointers()
{
    QVERIFY(!topologyfile::validate(contoso()).isError());

    Topology t = contoso();
    t.pools[0].servers[1].listeners[1].portEnd = 0; // "single port" spelt wrongly in memory
    Error e = topologyfile::validate(t);
    QCOMPARE(e.path, u"/pools/0/servers/1/listeners/1/port_end"_s);
    verifyMessage(e, {u"port 0 is out of range"_s});

    t = contoso();
    t.flows[2].to.endpointKey = u"av-internal-media"_s;
    e = topologyfile::validate(t);
    QCOMPARE(e.path, u"/flows/2/to/endpoint"_s);
    verifyMessage(e, {u"'av-internal-media'"_s});

    t = contoso();
    t.pools[0].servers[0].listeners[0].address = AddressId(); // now on all interfaces
    e = topologyfile::validate(t);
    QCOMPARE(e.path, u"/pools/0/servers/0/listeners/4"_s);
    verifyMessage(e, {u"duplicate socket TCP 443 on 192.0.2.30"_s,
                      u"already used by listener 'edge01-access-tcp-443' (TCP 443 on all "
                      u"interfaces)"_s});
}

void TstTopologyFile::saveWritesAtomically()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"contoso.edgemap.json"_s);
    QVERIFY(writeFile(path, "old content"));
    const Topology t = contoso();
    const Error e = topologyfile::save(t, path);
    QVERIFY2(!e.isError(), qPrintable(e.toString()));
    QCOMPARE(readFile(path), contosoBytes());
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{u"contoso.edgemap.json"_s});
}

void TstTopologyFile::failedSaveKeepsTheOldFile_data()
{
    QTest::addColumn<QString>("failure");
    QTest::addColumn<QStringList>("fragments");
#ifdef Q_OS_WIN
    QTest::newRow("directory missing")
            << u"missing-dir"_s << QStringList{u"cannot write the file"_s, u"not found"_s};
#else
    QTest::newRow("directory missing")
            << u"missing-dir"_s
            << QStringList{u"cannot write the file"_s, u"No such file or directory"_s};
#endif
    QTest::newRow("directory read-only")
            << u"read-only-dir"_s << QStringList{u"cannot write the file"_s, u"ermission"_s};
    QTest::newRow("disk full while writing")
            << u"size-limit"_s << QStringList{u"cannot"_s, u"large"_s};
    QTest::newRow("topology invalid")
            << u"invalid"_s << QStringList{u"not saved: "_s, u"unknown service 'RTCFOO'"_s};
}

void TstTopologyFile::failedSaveKeepsTheOldFile()
{
    QFETCH(QString, failure);
    QFETCH(QStringList, fragments);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString oldPath = dir.filePath(u"site.edgemap.json"_s);
    const QByteArray oldBytes = "{\"format\": 1, \"previous\": \"version\"}\n";
    QVERIFY(writeFile(oldPath, oldBytes));
    Topology t = contoso();
    QString path = oldPath;
    Error e;
    if (failure == u"missing-dir"_s) {
        path = dir.filePath(u"no-such-dir/site.edgemap.json"_s);
        e = topologyfile::save(t, path);
    } else if (failure == u"read-only-dir"_s) {
#ifdef Q_OS_UNIX
        if (geteuid() == 0)
            QSKIP("root writes into read-only directories");
#else
        QSKIP("Windows ignores the read-only attribute of folders (an ACL would be needed)");
#endif
        QVERIFY(QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::ExeOwner));
        e = topologyfile::save(t, path);
        QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    } else if (failure == u"size-limit"_s) {
#ifdef Q_OS_UNIX
        const FileSizeLimit limit(1024); // the topology is far larger
        e = topologyfile::save(t, path);
#else
        QSKIP("needs RLIMIT_FSIZE");
#endif
    } else {
        t.pools[0].servers[0].listeners[2].service = ServiceId(u"RTCFOO"_s);
        e = topologyfile::save(t, path);
        QCOMPARE(e.path, u"/pools/0/servers/0/listeners/2/service"_s);
    }
    QVERIFY(e.isError());
    QCOMPARE(e.file, path);
    verifyMessage(e, fragments);
    QCOMPARE(readFile(oldPath), oldBytes);
    // Nothing else is left behind: no temporary file, no partial file.
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList{u"site.edgemap.json"_s});
}

void TstTopologyFile::defaultTopologyLoads()
{
    QFile resource(u":/edgemap/topologies/default.edgemap.json"_s);
    QVERIFY(resource.open(QIODevice::ReadOnly));
    const QByteArray bytes = resource.readAll();
    if (bytes.trimmed() == "{}")
        QSKIP("the default topology resource is still the placeholder '{}'");
    const topologyfile::ReadResult r = topologyfile::parse(bytes);
    QVERIFY2(r.ok(), qPrintable(r.error.toString()));
    QVERIFY(topologyfile::defaultTopology() == *r.topology);
    QVERIFY(!r.topology->pools.isEmpty());
}

QTEST_MAIN(TstTopologyFile)
#include "tst_topologyfile.moc"
