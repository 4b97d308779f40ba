#pragma once

// The data tables of tst_topologyfile: every way a topology file can be wrong, with the place
// and the words the user must see. Included by tst_topologyfile.cpp only.

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QTest>

namespace edgemap::tst {

using namespace Qt::StringLiterals;

// Edits (see edited()) of contoso.edgemap.json -> JSON pointer of the error, message fragments.
inline void invalid(const char *name, const QStringList &edits, const QString &path,
                    const QStringList &fragments)
{
    QTest::newRow(name) << edits << path << fragments;
}

inline void addTypeAndKeyRows()
{
    const QString s0 = u"/pools/0/servers/0"_s;
    const QString l0 = s0 + u"/listeners/0"_s;
    invalid("string expected", {s0 + u"/fqdn=5"_s}, s0 + u"/fqdn"_s,
            {u"expected a string, found a number"_s});
    invalid("null instead of a string", {u"/name=null"_s}, u"/name"_s,
            {u"expected a string, found null"_s});
    invalid("missing id", {u"/pools/0/id"_s}, u"/pools/0/id"_s, {u"missing required key 'id'"_s});
    invalid("missing list", {u"/flows"_s}, u"/flows"_s, {u"missing required key 'flows'"_s});
    invalid("misspelt key", {u"/pools/0/fdqn=\"x\""_s}, u"/pools/0/fdqn"_s,
            {u"unknown key 'fdqn'"_s,
             u"expected one of: id, fqdn, site, load_balancing, next_hop, import_key, servers"_s});
    invalid("misspelt optional key", {l0 + u"/dynmic=true"_s}, l0 + u"/dynmic"_s,
            {u"unknown key 'dynmic'"_s});
    invalid("array expected", {u"/services={}"_s}, u"/services"_s,
            {u"expected an array, found an object"_s});
    invalid("object expected", {u"/peers/0=\"remote-users\""_s}, u"/peers/0"_s,
            {u"expected an object, found a string"_s});
    invalid("boolean expected", {l0 + u"/dynamic=\"yes\""_s}, l0 + u"/dynamic"_s,
            {u"expected true or false, found a string"_s});
    invalid("integer expected", {l0 + u"/port=\"443\""_s}, l0 + u"/port"_s,
            {u"expected an integer, found a string"_s});
    invalid("fractional port", {l0 + u"/port=443.5"_s}, l0 + u"/port"_s,
            {u"expected an integer, found 443.5"_s});
    invalid("empty id", {u"/peers/0/id=\"\""_s}, u"/peers/0/id"_s, {u"must not be empty"_s});
}

inline void addPortRows()
{
    const QString l = u"/pools/0/servers/0/listeners/"_s;
    invalid("port too large", {l + u"0/port=70000"_s}, l + u"0/port"_s,
            {u"port 70000 is out of range (1-65535)"_s});
    invalid("port zero", {l + u"0/port=0"_s}, l + u"0/port"_s,
            {u"port 0 is out of range (1-65535)"_s});
    invalid("port negative", {l + u"0/port=-1"_s}, l + u"0/port"_s, {u"port -1 is out of range"_s});
    invalid("port_end too large", {l + u"5/port_end=70000"_s}, l + u"5/port_end"_s,
            {u"port 70000 is out of range (1-65535)"_s});
    invalid("port range backwards", {l + u"5/port_end=40000"_s}, l + u"5/port_end"_s,
            {u"port range 50000-40000 ends before it starts"_s});
    invalid("flow port", {u"/flows/0/port=65536"_s}, u"/flows/0/port"_s,
            {u"port 65536 is out of range"_s});
}

inline void addEnumRows()
{
    const QString s0 = u"/pools/0/servers/0"_s;
    invalid("product", {u"/product=\"lync2016\""_s}, u"/product"_s,
            {u"unknown product 'lync2016'"_s,
             u"(accepted: lync2010, lync2013, sfb2015, sfb2019, sfbse)"_s});
    invalid("load balancing", {u"/pools/0/load_balancing=\"round-robin\""_s},
            u"/pools/0/load_balancing"_s,
            {u"unknown load balancing 'round-robin' (accepted: none, dns, hlb)"_s});
    invalid("transport", {s0 + u"/listeners/0/transport=\"sctp\""_s},
            s0 + u"/listeners/0/transport"_s, {u"unknown transport 'sctp' (accepted: tcp, udp)"_s});
    invalid("transport in capitals", {u"/flows/0/transport=\"TCP\""_s}, u"/flows/0/transport"_s,
            {u"unknown transport 'TCP'"_s});
    invalid("interface side", {s0 + u"/interfaces/1/side=\"dmz\""_s}, s0 + u"/interfaces/1/side"_s,
            {u"unknown interface side 'dmz' (accepted: internal, external)"_s});
    invalid("address role", {s0 + u"/interfaces/1/addresses/1/roles/0=\"media\""_s},
            s0 + u"/interfaces/1/addresses/1/roles/0"_s,
            {u"unknown address role 'media' (accepted: internal, access, webconf, av)"_s});
    invalid("peer kind", {u"/peers/1/kind=\"partner\""_s}, u"/peers/1/kind"_s,
            {u"unknown peer kind 'partner'"_s, u"remote-users, federated-partners"_s});
    invalid("firewall", {u"/flows/0/firewall=\"dmz\""_s}, u"/flows/0/firewall"_s,
            {u"unknown firewall 'dmz' (accepted: none, external, internal)"_s});
    invalid("flow end role", {u"/flows/1/from/role=\"edge\""_s}, u"/flows/1/from/role"_s,
            {u"unknown address role 'edge'"_s});
}

inline void addAddressRows()
{
    const QString s0 = u"/pools/0/servers/0"_s;
    const QString s1 = u"/pools/0/servers/1"_s;
    invalid("bad IPv4", {s1 + u"/interfaces/0/addresses/0/ip=\"10.0.0.300\""_s},
            s1 + u"/interfaces/0/addresses/0/ip"_s,
            {u"'10.0.0.300' is not an IPv4 or IPv6 address"_s});
    invalid("subnet as an address", {s0 + u"/interfaces/1/addresses/0/ip=\"192.0.2.10/24\""_s},
            s0 + u"/interfaces/1/addresses/0/ip"_s, {u"'192.0.2.10/24' is not an IPv4"_s});
    invalid("bad NAT address", {s0 + u"/interfaces/1/addresses/1/nat_public_ip=\"203.0.113\""_s},
            s0 + u"/interfaces/1/addresses/1/nat_public_ip"_s,
            {u"'203.0.113' is not an IPv4 or IPv6 address"_s});
    invalid("bad peer subnet", {u"/peers/1/addresses/1=\"10.20.0.0/33\""_s},
            u"/peers/1/addresses/1"_s, {u"'10.20.0.0/33' is not an IP address or subnet"_s});
    invalid("duplicate IP on another server",
            {s1 + u"/interfaces/1/addresses/0/ip=\"192.0.2.10\""_s},
            s1 + u"/interfaces/1/addresses/0/ip"_s,
            {u"IP address 192.0.2.10 is already used by address 'edge01-access' "
             u"(/pools/0/servers/0/interfaces/1/addresses/0)"_s});
    invalid("duplicate IP on the same server",
            {s0 + u"/interfaces/1/addresses/1/ip=\"172.25.33.10\""_s},
            s0 + u"/interfaces/1/addresses/1/ip"_s,
            {u"172.25.33.10 is already used by address 'edge01-int'"_s});
    invalid("duplicate IPv6 spelt differently",
            {s0 + u"/interfaces/1/addresses/0/ip=\"2001:DB8:0:0::11\""_s},
            s1 + u"/interfaces/1/addresses/0/ip"_s,
            {u"IP address 2001:db8::11 is already used by address 'edge01-access'"_s});
}

inline void addStructureRows()
{
    const QString s0 = u"/pools/0/servers/0"_s;
    const QString s1 = u"/pools/0/servers/1"_s;
    const QString a = s0 + u"/interfaces/1/addresses/0"_s;
    invalid("address without roles", {a + u"/roles=[]"_s}, a + u"/roles"_s,
            {u"an address needs at least one role"_s});
    invalid("role twice", {a + u"/roles=[\"access\",\"access\"]"_s}, a + u"/roles/1"_s,
            {u"role 'access' is listed twice"_s});
    invalid("listener without endpoints", {s0 + u"/listeners/0/endpoints=[]"_s},
            s0 + u"/listeners/0/endpoints"_s, {u"a listener needs at least one endpoint"_s});
    invalid("endpoint twice", {s0 + u"/listeners/1/endpoints/1/key=\"access-federation-sip\""_s},
            s0 + u"/listeners/1/endpoints/1/key"_s,
            {u"endpoint 'access-federation-sip' is listed twice"_s});
    invalid("no external interface", {s1 + u"/interfaces/1"_s}, s1 + u"/interfaces"_s,
            {u"a server needs an internal and an external interface"_s,
             u"no external interface"_s});
    invalid("two internal interfaces", {s1 + u"/interfaces/1/side=\"internal\""_s},
            s1 + u"/interfaces/1/side"_s, {u"a second internal interface"_s});
    invalid("interface without addresses", {s1 + u"/interfaces/1/addresses=[]"_s},
            s1 + u"/interfaces/1/addresses"_s, {u"at least one address"_s});
    invalid("pool without servers", {u"/pools/0/servers=[]"_s}, u"/pools/0/servers"_s,
            {u"a pool needs at least one Edge server"_s});
    invalid("hop with two forms", {u"/scenarios/0/hops/0/next_hop=true"_s},
            u"/scenarios/0/hops/0"_s,
            {u"exactly one of \"peer\", \"endpoints\" or \"next_hop\""_s});
    invalid("next_hop false", {u"/scenarios/0/hops/2/next_hop=false"_s},
            u"/scenarios/0/hops/2/next_hop"_s, {u"next_hop is true or left out"_s});
    invalid("hop without endpoints", {u"/scenarios/1/hops/1/endpoints=[]"_s},
            u"/scenarios/1/hops/1/endpoints"_s, {u"at least one endpoint"_s});
    invalid("scenario without hops", {u"/scenarios/0/hops=[]"_s}, u"/scenarios/0/hops"_s,
            {u"at least one hop"_s});
    invalid("empty flow end", {u"/flows/0/from={}"_s}, u"/flows/0/from"_s,
            {u"a flow end is {\"peer\": id}"_s});
    invalid("flow end peer and pool", {u"/flows/0/from/pool=\"pool1\""_s}, u"/flows/0/from"_s,
            {u"not both"_s});
    invalid("pool flow end without endpoint", {u"/flows/0/to/endpoint"_s}, u"/flows/0/to"_s,
            {u"either \"endpoint\" or \"role\""_s});
    invalid("SIP domain not a name", {u"/sip_domains/1=\"fabrikam com\""_s}, u"/sip_domains/1"_s,
            {u"'fabrikam com' is not a domain name"_s});
    invalid("SIP domain twice", {u"/sip_domains/1=\"CONTOSO.com\""_s}, u"/sip_domains/1"_s,
            {u"SIP domain 'CONTOSO.com' is listed twice"_s});
    invalid("SIP domains not a list", {u"/sip_domains=\"contoso.com\""_s}, u"/sip_domains"_s, {});
    invalid("source port out of range", {u"/flows/0/source_port=70000"_s},
            u"/flows/0/source_port"_s, {u"source port 70000 is out of range (1-65535)"_s});
    invalid("source port end alone", {u"/flows/0/source_port_end=59999"_s},
            u"/flows/0/source_port_end"_s, {u"source_port_end without source_port"_s});
    invalid("source port range backwards",
            {u"/flows/0/source_port=59999"_s, u"/flows/0/source_port_end=50000"_s},
            u"/flows/0/source_port_end"_s,
            {u"source port range 59999-50000 ends before it starts"_s});
    invalid("IPv6 on a Lync 2010 Edge",
            {u"/product=\"lync2010\""_s, s0 + u"/interfaces/1/addresses/0/ip=\"2001:db8::10\""_s},
            s0 + u"/interfaces/1/addresses/0/ip"_s,
            {u"2001:db8::10 is an IPv6 address; the Edge supports IPv6 from Lync Server 2013 on, "
             u"not in Lync Server 2010"_s});
}

inline void addFormatRows()
{
    invalid("newer format", {u"/format=4"_s}, u"/format"_s,
            {u"written by a newer EdgeMap (format 4); this version reads format 3"_s});
    invalid("format as a string", {u"/format=\"1\""_s}, u"/format"_s,
            {u"expected an integer, found a string"_s});
    invalid("format missing", {u"/format"_s}, u"/format"_s, {u"missing required key 'format'"_s});
    invalid("format zero", {u"/format=0"_s}, u"/format"_s, {u"format 0 is not a valid version"_s});
}

inline void addDuplicateIdRows()
{
    const QString s1 = u"/pools/0/servers/1"_s;
    invalid("service id", {u"/services/1/id=\"RTCSRV\""_s}, u"/services/1/id"_s,
            {u"duplicate service id 'RTCSRV' (first at /services/0)"_s});
    invalid("peer id", {u"/peers/2/id=\"remote-users\""_s}, u"/peers/2/id"_s,
            {u"duplicate peer id 'remote-users' (first at /peers/0)"_s});
    invalid("pool id", {u"/pools/1=@/pools/0"_s}, u"/pools/1/id"_s,
            {u"duplicate pool id 'pool1' (first at /pools/0)"_s});
    invalid("server id", {s1 + u"/id=\"edge01\""_s}, s1 + u"/id"_s,
            {u"duplicate server id 'edge01' (first at /pools/0/servers/0)"_s});
    invalid("server id in another pool", {u"/pools/1=@/pools/0"_s, u"/pools/1/id=\"pool2\""_s},
            u"/pools/1/servers/0/id"_s,
            {u"duplicate server id 'edge01' (first at /pools/0/servers/0)"_s});
    invalid("address id", {s1 + u"/interfaces/0/addresses/0/id=\"edge01-int\""_s},
            s1 + u"/interfaces/0/addresses/0/id"_s,
            {u"duplicate address id 'edge01-int' (first at "
             u"/pools/0/servers/0/interfaces/0/addresses/0)"_s});
    invalid("listener id", {s1 + u"/listeners/0/id=\"edge01-access-tcp-443\""_s},
            s1 + u"/listeners/0/id"_s,
            {u"duplicate listener id 'edge01-access-tcp-443' (first at "
             u"/pools/0/servers/0/listeners/0)"_s});
    invalid("flow id", {u"/flows/3/id=\"pool1/remote-sip\""_s}, u"/flows/3/id"_s,
            {u"duplicate flow id 'pool1/remote-sip' (first at /flows/0)"_s});
    invalid("scenario id", {u"/scenarios/1/id=\"remote-sign-in\""_s}, u"/scenarios/1/id"_s,
            {u"duplicate scenario id 'remote-sign-in' (first at /scenarios/0)"_s});
}

inline void addReferenceRows()
{
    const QString s0 = u"/pools/0/servers/0"_s;
    const QString l0 = s0 + u"/listeners/0"_s;
    invalid("listener address unknown", {l0 + u"/address=\"edge01-web\""_s}, l0 + u"/address"_s,
            {u"unknown address 'edge01-web'"_s,
             u"server 'edge01' has edge01-int, edge01-access, edge01-av"_s});
    invalid("listener address on another server", {l0 + u"/address=\"edge02-ext\""_s},
            l0 + u"/address"_s,
            {u"address 'edge02-ext' belongs to server 'edge02', not to this server 'edge01'"_s});
    invalid("listener service", {l0 + u"/service=\"RTCFOO\""_s}, l0 + u"/service"_s,
            {u"unknown service 'RTCFOO'"_s});
    invalid("pool next hop", {u"/pools/0/next_hop=\"front-end\""_s}, u"/pools/0/next_hop"_s,
            {u"unknown peer 'front-end'"_s});
    invalid("flow peer", {u"/flows/0/from/peer=\"partners\""_s}, u"/flows/0/from/peer"_s,
            {u"unknown peer 'partners'"_s});
    invalid("flow pool", {u"/flows/0/to/pool=\"pool2\""_s}, u"/flows/0/to/pool"_s,
            {u"unknown pool 'pool2'"_s});
    invalid("flow endpoint", {u"/flows/0/to/endpoint=\"access-xmpp\""_s}, u"/flows/0/to/endpoint"_s,
            {u"no listener in pool 'pool1' has endpoint 'access-xmpp'"_s});
    invalid("flow role",
            {s0 + u"/interfaces/1/addresses/1/roles=[\"av\"]"_s,
             u"/pools/0/servers/1/interfaces/1/addresses/0/roles=[\"access\"]"_s,
             u"/flows/3/from/role=\"webconf\""_s},
            u"/flows/3/from/role"_s, {u"no address in pool 'pool1' has role 'webconf'"_s});
    invalid("scenario peer", {u"/scenarios/0/hops/0/peer=\"nobody\""_s},
            u"/scenarios/0/hops/0/peer"_s, {u"unknown peer 'nobody'"_s});
    invalid("scenario endpoint", {u"/scenarios/1/hops/1/endpoints/1=\"av-foo\""_s},
            u"/scenarios/1/hops/1/endpoints/1"_s, {u"no listener has endpoint 'av-foo'"_s});
    invalid("scenario requirement", {u"/scenarios/1/requires/0=\"access-foo\""_s},
            u"/scenarios/1/requires/0"_s, {u"no listener has endpoint 'access-foo'"_s});
}

inline void addSocketRows()
{
    const QString l = u"/pools/0/servers/0/listeners/"_s;
    invalid("same socket", {l + u"1/port=443"_s}, l + u"1"_s,
            {u"duplicate socket TCP 443 on 192.0.2.10, already used by listener "
             u"'edge01-access-tcp-443'"_s});
    invalid("port inside a range", {l + u"4/port=50500"_s}, l + u"5"_s,
            {u"duplicate socket TCP 50000-59999 on 192.0.2.30, already used by listener "
             u"'edge01-av-tcp-443' (TCP 50500 on 192.0.2.30)"_s});
    invalid("overlapping ranges", {l + u"4/port=40000"_s, l + u"4/port_end=50000"_s}, l + u"5"_s,
            {u"(TCP 40000-50000 on 192.0.2.30)"_s});
    invalid("all interfaces over an address", {l + u"7/port=5061"_s}, l + u"7"_s,
            {u"duplicate socket TCP 5061 on all interfaces, already used by listener "
             u"'edge01-access-tcp-5061' (TCP 5061 on 192.0.2.10)"_s});
    invalid("disabled listener still binds", {l + u"8/port=4443"_s}, l + u"8"_s,
            {u"duplicate socket TCP 4443 on 172.25.33.10, already used by listener "
             u"'edge01-any-tcp-4443' (TCP 4443 on all interfaces)"_s});
}

// The editor's FQDN rule (rules::fqdnProblem): a file cannot hold a name the editor refuses.
inline void addFqdnRows()
{
    const QString s0 = u"/pools/0/servers/0"_s;
    const QString a0 = s0 + u"/interfaces/0/addresses/0"_s;
    invalid("server fqdn not qualified", {s0 + u"/fqdn=\"edge01\""_s}, s0 + u"/fqdn"_s,
            {u"'edge01' is not fully qualified"_s});
    invalid("server fqdn empty", {s0 + u"/fqdn=\"\""_s}, s0 + u"/fqdn"_s, {u"an FQDN is needed"_s});
    invalid("server fqdn with a space", {s0 + u"/fqdn=\"edge 01.contoso.local\""_s},
            s0 + u"/fqdn"_s, {u"is not a DNS name"_s, u"contains ' '"_s});
    invalid("pool fqdn with an underscore", {u"/pools/0/fqdn=\"edge_pool.contoso.local\""_s},
            u"/pools/0/fqdn"_s, {u"contains '_'"_s});
    invalid("pool fqdn trailing hyphen", {u"/pools/0/fqdn=\"edge-.contoso.local\""_s},
            u"/pools/0/fqdn"_s, {u"cannot start or end with a hyphen"_s});
    invalid("peer fqdn empty part", {u"/peers/1/fqdn=\"director..contoso.local\""_s},
            u"/peers/1/fqdn"_s, {u"empty part between dots"_s});
    invalid("address fqdn label too long",
            {a0 + u"/fqdn=\"%1.contoso.local\""_s.arg(QString(64, u'a'))}, a0 + u"/fqdn"_s,
            {u"is longer than 63 characters"_s});
}

inline void addInvalidTopologyRows()
{
    QTest::addColumn<QStringList>("edits");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QStringList>("fragments");
    addTypeAndKeyRows();
    addPortRows();
    addEnumRows();
    addAddressRows();
    addStructureRows();
    addFormatRows();
    addDuplicateIdRows();
    addReferenceRows();
    addSocketRows();
    addFqdnRows();
}

template<std::size_t N>
QByteArray bytes(const char (&text)[N])
{
    return QByteArray(text, N - 1); // keeps embedded NUL bytes
}

// Bytes -> line, column (0 when the error has none), JSON pointer, message fragments.
inline void badText(const char *name, const QByteArray &text, int line, int column,
                    const QString &path, const QStringList &fragments)
{
    QTest::newRow(name) << text << line << column << path << fragments;
}

inline void addEncodingRows()
{
    badText("empty", {}, 0, 0, {}, {u"file is empty"_s});
    badText("whitespace", " \n\t\r\n", 0, 0, {}, {u"file is empty (only whitespace)"_s});
    badText("byte order mark only", "\xEF\xBB\xBF", 0, 0, {}, {u"file is empty"_s});
    badText("NUL byte", bytes("{\n  \"na\0me\": 1}"), 0, 0, {},
            {u"binary data, not a topology file (NUL byte at line 2, column 6)"_s});
    badText("binary garbage", bytes("\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), 0, 0, {},
            {u"binary data, not a topology file (NUL byte at line 3, column 1)"_s});
    badText("UTF-16 LE", bytes("\xFF\xFE{\0\"\0"), 0, 0, {}, {u"UTF-16"_s, u"save it as UTF-8"_s});
    badText("UTF-16 BE", bytes("\xFE\xFF\0{\0\""), 0, 0, {}, {u"UTF-16"_s, u"save it as UTF-8"_s});
    badText("UTF-16 without BOM", bytes("{\0\"\0f\0"), 0, 0, {},
            {u"looks like UTF-16"_s, u"save it as UTF-8"_s});
    badText("invalid UTF-8", "{\n  \"name\": \"caf\xC3(\"}", 2, 15, {},
            {u"invalid UTF-8 (byte 0xC3); save the file as UTF-8"_s});
    badText("overlong UTF-8", "{\"a\": \"\xC0\xAF\"}", 1, 8, {}, {u"invalid UTF-8 (byte 0xC0)"_s});
    badText("UTF-8 surrogate", "[\"\xED\xA0\x80\"]", 1, 3, {}, {u"invalid UTF-8 (byte 0xED)"_s});
}

inline void addSyntaxRows()
{
    badText("columns count characters", "{\"\xC3\xA9\": 1,,}", 1, 9, {},
            {u"syntax error: unexpected ','"_s});
    badText("trailing comma", "{\"format\": 1,\n}", 2, 1, {}, {u"syntax error: unexpected '}'"_s});
    badText("missing colon", "{\"format\" 1}", 1, 11, {},
            {u"syntax error: unexpected number literal; expected ':'"_s});
    badText("unexpected end of input", "{\"format\": 1", 1, 13, {},
            {u"syntax error: unexpected end of input"_s});
    badText("second top-level value", "{} {}", 1, 4, {}, {u"expected end of input"_s});
    badText("comment", "{\"format\": 1 // x\n}", 1, 14, {},
            {u"syntax error: invalid value (expected a string"_s});
    badText("number out of range", "{\"format\": 1e999}", 1, 16, {},
            {u"number 1e999 is out of range"_s});
    badText("duplicate key", "{\"format\": 1, \"format\": 1}", 0, 0, u"/format"_s,
            {u"duplicate key 'format'"_s});
    badText("nested duplicate key",
            "{\"pools\": [{\"id\": \"a\"}, {\"id\": \"a\", \"site\": \"x\", \"id\": \"b\"}]}", 0, 0,
            u"/pools/1/id"_s, {u"duplicate key 'id'"_s});
    badText("duplicate key with a slash", "{\"a/b\": 1, \"a/b\": 2}", 0, 0, u"/a~1b"_s,
            {u"duplicate key 'a/b'"_s});
}

inline void addNestingAndFormatRows()
{
    const QString notObject = u"expected an object at the top level, found "_s;
    badText("64 levels", QByteArray(64, '[') + QByteArray(64, ']'), 0, 0, {},
            {notObject + u"an array"_s});
    badText("65 levels", QByteArray("{\"a\":").repeated(65), 1, 321, {},
            {u"nested too deeply (more than 64 levels"_s});
    badText("brackets inside a string", "[\"" + QByteArray(100, '[') + "\"]", 0, 0, {},
            {notObject + u"an array"_s});
    badText("escaped quote inside a string", "[\"\\\"" + QByteArray(100, '[') + "\"]", 0, 0, {},
            {notObject + u"an array"_s});
    badText("top-level string", "\"x\"", 0, 0, {}, {notObject + u"a string"_s});
    badText("not a topology", "{}", 0, 0, u"/format"_s,
            {u"missing required key 'format' (not an EdgeMap topology file?)"_s});
    badText("newer format with new keys", "{\"format\": 4, \"zones\": []}", 0, 0, u"/format"_s,
            {u"written by a newer EdgeMap (format 4); this version reads format 3"_s});
    badText("negative format", "{\"format\": -1}", 0, 0, u"/format"_s,
            {u"format -1 is not a valid version"_s});
    badText("fractional format", "{\"format\": 1.5}", 0, 0, u"/format"_s,
            {u"expected an integer, found 1.5"_s});
    badText("format past 64 bits", "{\"format\": 18446744073709551615}", 0, 0, u"/format"_s,
            {u"format 18446744073709551615 is not a valid version"_s});
}

inline void addBadTextRows()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QStringList>("fragments");
    addEncodingRows();
    addSyntaxRows();
    addNestingAndFormatRows();
}

} // namespace edgemap::tst
