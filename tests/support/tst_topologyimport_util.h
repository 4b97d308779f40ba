// Helpers of the topology import tests: the fixtures under tests/data/import, encoders, each
// listener and address as one line of text (so that a failing comparison shows all of them),
// and the tables of broken and hostile input with the message each must get.
#pragma once

#include "io/topologyimport.h"
#include "support/tst_file_util.h"

#include <QFile>
#include <QStringEncoder>
#include <QTest>

#include <algorithm>

namespace importtest {

using namespace edgemap;
using namespace edgemap::topologyimport;
using namespace Qt::StringLiterals;

inline QString dataPath(const QString &name)
{
    return QStringLiteral(EDGEMAP_TEST_DATA "/import/") + name;
}

using testfiles::readFile;

inline const QString kPublished = u"ibenbouzid_lab_V3_DefaultTopology_Skype.xml"_s;
inline const QString kBuilder = u"sfbautomatedlab_Contoso.tbxml"_s;

inline ImportResult importFile(const QString &name, const ImportOptions &options = {})
{
    return importTopologyXml(readFile(dataPath(name)), options);
}

inline QByteArray withoutBom(QByteArray bytes)
{
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes.remove(0, 3);
    return bytes;
}

inline QByteArray encoded(const QByteArray &utf8, QStringConverter::Encoding encoding, bool bom)
{
    QStringEncoder encoder(encoding, bom ? QStringConverter::Flag::WriteBom
                                         : QStringConverter::Flag::Default);
    return encoder(QString::fromUtf8(utf8));
}

inline QString rolesKey(const QList<AddressRole> &roles)
{
    QStringList keys;
    for (const AddressRole r : roles)
        keys.append(keyOf(r));
    return keys.join(u'+');
}

// "access+webconf+av TCP 442 av-external-turn-tcp": each listener of a server by the roles of
// its address, its socket and its endpoints, sorted.
inline QStringList listenersOf(const Topology &t, const EdgeServer &s)
{
    QStringList out;
    for (const Listener &l : s.listeners) {
        QStringList keys;
        for (const Endpoint &e : l.endpoints)
            keys.append(e.key);
        const Address *a = t.address(l.address);
        out.append(u"%1 %2 %3"_s.arg(a ? rolesKey(a->roles) : u"*"_s,
                                     socketLabel(l.transport, l.port, l.portEnd), keys.join(u'+')));
    }
    out.sort();
    return out;
}

// "access+webconf+av 10.0.0.1 nat 10.0.0.2 fqdn ExternalEdge.contoso.com [external:1]"
inline QStringList addressesOf(const EdgeServer &s)
{
    QStringList out;
    for (const NetInterface &nic : s.interfaces)
        for (const Address &a : nic.addresses) {
            QString text = rolesKey(a.roles) + u' ' + a.ip;
            if (!a.natPublicIp.isEmpty())
                text += u" nat "_s + a.natPublicIp;
            if (!a.fqdn.isEmpty())
                text += u" fqdn "_s + a.fqdn;
            out.append(text + u" ["_s + a.importKey + u']');
        }
    return out;
}

inline QStringList warningTexts(const ImportResult &r)
{
    QStringList out;
    for (const Error &w : r.warnings)
        out.append(w.message);
    return out;
}

inline bool anyContains(const QStringList &texts, const QString &part)
{
    return std::any_of(texts.cbegin(), texts.cend(),
                       [&](const QString &t) { return t.contains(part); });
}

inline const Peer *peerWithFqdn(const Topology &t, const QString &fqdn)
{
    for (const Peer &p : t.peers)
        if (p.fqdn == fqdn)
            return &p;
    return nullptr;
}

inline const Flow *flowTo(const Topology &t, const QString &endpointKey)
{
    for (const Flow &f : t.flows)
        if (f.to.kind == FlowEnd::Kind::Endpoint && f.to.endpointKey == endpointKey)
            return &f;
    return nullptr;
}

// The single-IP listeners of Skype for Business Server 2015 without XMPP, A/V TCP on `avTcp`.
inline QStringList sfb2015SingleIp(int avTcp, bool xmpp)
{
    QStringList l{
            u"access+webconf+av TCP %1 av-external-turn-tcp"_s.arg(avTcp),
            u"access+webconf+av TCP 444 webconf-external-psom"_s,
            u"access+webconf+av TCP 5061 access-client-sip+access-federation-sip"_s,
            u"access+webconf+av TCP 50000-59999 av-media-tcp"_s,
            u"access+webconf+av UDP 3478 av-external-turn-udp"_s,
            u"access+webconf+av UDP 50000-59999 av-media-udp"_s,
            u"internal TCP 443 av-internal-turn-tcp"_s,
            u"internal TCP 4443 cms-replication+skype-search"_s,
            u"internal TCP 5061 access-internal-sip"_s,
            u"internal TCP 5062 mras-internal"_s,
            u"internal TCP 50001-50003 cls-agent"_s,
            u"internal TCP 8057 webconf-internal-psom"_s,
            u"internal UDP 3478 av-internal-turn-udp"_s,
    };
    if (xmpp)
        l << u"access+webconf+av TCP 5269 xmpp-external"_s << u"internal TCP 23456 xmpp-internal"_s;
    l.sort();
    return l;
}

// Rows (bytes, error) of input that is not a topology, broken or hostile, as importTopologyXml
// labelled "t.xml" reports it.
inline void addBadInputRows()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("error");
    const QByteArray published = readFile(dataPath(kPublished));
    const QByteArray tbxml = readFile(dataPath(kBuilder));
    const QByteArray ns = "xmlns=\"urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008\"";
    QTest::newRow("empty")
            << QByteArray()
            << u"t.xml: the file is empty; export the topology with Get-CsTopology -AsXml | "
               u"Out-File topology.xml"_s;
    // Cut inside the Edge's ports, as a copy over RDP that stopped short leaves it.
    const QByteArray cut = published.left(published.indexOf("Port=\"442\""));
    QTest::newRow("truncated")
            << cut
            << u"t.xml:%1:%2: the file ends in the middle of the topology (cut short when it was "
               u"copied?): 4 element(s) left open"_s.arg(cut.count('\n') + 1)
                       .arg(cut.size() - cut.lastIndexOf('\n'));
    QTest::newRow("binary") << QByteArray::fromHex("89504e470d0a1a0a0000000d49484452ff00fe01")
                            << u"t.xml:1:2: not a topology: this is not an XML document "
                               u"(Encountered incorrectly encoded content.)"_s;
    QTest::newRow("another XML document")
            << QByteArray("<?xml version=\"1.0\"?>\n<html><body/></html>")
            << u"t.xml:2:1: not a Lync or Skype for Business topology: the root element is <html> "
               u"without a namespace (expected Topology, TopologyBuilder or PartialTopology in the "
               u"urn:schema:Microsoft.Rtc.Management.Deploy namespaces)"_s;
    QTest::newRow("EdgeMap topology")
            << readFile(QStringLiteral(EDGEMAP_TEST_DATA
                                       "/../../resources/topologies/default.edgemap.json"))
            << u"t.xml:1:1: not a topology export: this is JSON (an EdgeMap topology file? open it "
               u"instead of importing it)"_s;
    QTest::newRow("billion laughs")
            << QByteArray("<?xml version=\"1.0\"?>\n<!DOCTYPE Topology [\n"
                          " <!ENTITY lol \"lol\">\n"
                          " <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
                          " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
                          " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
                          "]>\n<Topology "
                          + ns + "><InternalDomains DefaultDomain=\"&lol4;\"/></Topology>")
            << u"t.xml:2:1: refused: the document type declaration declares entities "
               u"(<!ENTITY>); a topology has none, and EdgeMap neither expands nor fetches them"_s;
    QTest::newRow("external entity")
            << QByteArray("<!DOCTYPE Topology [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                          "<Topology "
                          + ns
                          + "><Sites><CentralSite SiteId=\"1\"><Name>&xxe;</Name>"
                            "</CentralSite></Sites></Topology>")
            << u"t.xml:1:1: refused: the document type declaration declares entities "
               u"(<!ENTITY>); a topology has none, and EdgeMap neither expands nor fetches them"_s;
    QTest::newRow("undeclared entity")
            << QByteArray("<Topology " + ns + "><Sites>&xxe;</Sites></Topology>")
            << u"t.xml:1:88: not well-formed XML: Entity 'xxe' not declared."_s;
    QByteArray dangling = tbxml;
    dangling.replace("RoleName=\"EdgeServer\" RoleVersion=\"2\" InstalledOn=\"2b3231e3",
                     "RoleName=\"EdgeServer\" RoleVersion=\"2\" InstalledOn=\"99999999");
    QTest::newRow("dangling InstalledOn")
            << dangling
            << u"t.xml:128:9: the EdgeServer service is installed on "
               u"'99999999-36e0-4573-8af6-2d4b92cca746', which is not a cluster or SQL instance "
               u"of this topology"_s;
    QByteArray dependency = tbxml;
    dependency.replace("<Dependency ServiceUniqueId=\"4a7367cd-0f3e-4160-aab9-485d67a0e0cc\"",
                       "<Dependency ServiceUniqueId=\"4a7367cd-0000-0000-0000-000000000000\"");
    QTest::newRow("dangling dependency")
            << dependency
            << u"t.xml:130:13: the EdgeServer service depends on the service "
               u"'4a7367cd-0000-0000-0000-000000000000', which this topology does not have"_s;
}

// Rows (from, to, error): the published sample with one value broken, located where it is.
inline void addBadValueRows()
{
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<QByteArray>("to");
    QTest::addColumn<QString>("error");
    QTest::newRow("port") << QByteArray("Port=\"442\"") << QByteArray("Port=\"4x2\"")
                          << u"t.xml:317:13: Port '4x2' of MediaRelayEdge TURNServer is not a "
                             u"port number (1-65535)"_s;
    QTest::newRow("range") << QByteArray("Range=\"10000\"") << QByteArray("Range=\"20000\"")
                           << u"t.xml:320:13: Range '20000' of MediaRelayEdge MediaCommunication "
                              u"(from port 50000) does not fit in 1-65535"_s;
    QTest::newRow("address")
            << QByteArray("IPAddress=\"0.0.0.0\" ConfiguredIPAddress")
            << QByteArray("IPAddress=\"$PublicIP\" ConfiguredIPAddress")
            << u"t.xml:24:9: Edge server Edge.contoso.com: the external IPAddress '$PublicIP' "
               u"is not an IP address (a template not filled in?)"_s;
    QTest::newRow("machine FQDN")
            << QByteArray("<Machine OrdinalInCluster=\"1\" Fqdn=\"Edge.contoso.com\">")
            << QByteArray("<Machine OrdinalInCluster=\"1\" Fqdn=\"$EdgeFQDN\">")
            << u"t.xml:22:7: Edge server of pool Edge.contoso.com: '$EdgeFQDN' is not fully "
               u"qualified (add the domain, as in $EdgeFQDN.contoso.com)"_s;
}

// written_pool-director.tbxml as the deployment looks later: edge04 gone, edge02's internal
// address renumbered, the Web Conferencing Edge's external port 444 moved to 4444, the next hop
// the Front End pool instead of the Director (which is gone from the Edge's dependencies), and a
// fourth Front End server. For re-import (`reimport`, `edgemap import --diff`).
inline QByteArray poolDirectorLater()
{
    QByteArray xml = readFile(dataPath(u"written_pool-director.tbxml"_s));
    const auto replace = [&xml](const QByteArray &before, const QByteArray &after) {
        if (!xml.contains(before))
            qFatal("poolDirectorLater: no '%s' in the fixture", before.constData());
        xml.replace(before, after);
    };
    const qsizetype edge04 = xml.indexOf(R"(<Machine Fqdn="edge04.contoso.net")");
    const qsizetype edge04End = xml.indexOf("</Machine>", edge04);
    if (edge04 < 0 || edge04End < 0)
        qFatal("poolDirectorLater: no edge04 in the fixture");
    xml.remove(edge04, edge04End + qsizetype(strlen("</Machine>")) - edge04);
    replace(R"(IPAddress="172.16.1.12")", R"(IPAddress="172.16.1.22")");
    replace(R"(Port="444" Protocol="Tls")", R"(Port="4444" Protocol="Tls")");
    replace(R"(<Dependency ServiceUniqueId="c3000000-0000-4000-8000-000000000003")",
            R"(<Dependency ServiceUniqueId="c3000000-0000-4000-8000-000000000001")");
    replace(R"(<Machine Fqdn="fe03.contoso.net")",
            R"(<Machine Fqdn="fe04.contoso.net" /><Machine Fqdn="fe03.contoso.net")");
    return xml;
}

} // namespace importtest
