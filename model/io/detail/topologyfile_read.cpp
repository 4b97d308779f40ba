// Reading a topology file: JSON text -> Topology, checking every value on the way (types, enum
// values, IP addresses, ports, required and unknown keys); topologyfile_check.cpp then checks
// what spans values (ids, references, sockets).

#include "io/topologyfile.h"

#include "core/ipaddress.h"
#include "io/detail/topologyfile_check.h"
#include "io/detail/topologyfile_json.h"
#include "io/detail/topologyfile_node.h"

#include <QSet>

#include <algorithm>
#include <limits>
#include <tuple>
#include <utility>

namespace edgemap::topologyfile {

namespace {

using detail::enumKeys;
using detail::Json;
using detail::Node;
using detail::Problem;
using detail::readEnum;
using detail::readList;

QString readStringOf(const Node &n)
{
    return n.string();
}

QStringList readStrings(const Node &n)
{
    return readList<QString>(n, readStringOf);
}

QString optionalString(const Node &n, const char *key)
{
    const auto value = n.find(key);
    return value ? value->string() : QString();
}

bool optionalBool(const Node &n, const char *key, bool fallback)
{
    const auto value = n.find(key);
    return value ? value->boolean() : fallback;
}

QString readIp(const Node &n)
{
    const QString text = n.string();
    if (!IpAddress::parse(text))
        n.fail(QStringLiteral("'%1' is not an IPv4 or IPv6 address").arg(text));
    return text;
}

QString readIpOrSubnet(const Node &n)
{
    const QString text = n.string();
    if (!Subnet::parse(text))
        n.fail(QStringLiteral("'%1' is not an IP address or subnet").arg(text));
    return text;
}

// "port" and the optional "port_end" of a listener or a flow.
std::pair<int, int> readPorts(const Node &n)
{
    const QString outOfRange = QStringLiteral("port %1 is out of range (1-65535)");
    const int port = n.at("port").integer(1, 65535, outOfRange);
    const auto endNode = n.find("port_end");
    if (!endNode)
        return {port, port};
    const int end = endNode->integer(1, 65535, outOfRange);
    if (end < port)
        endNode->fail(QStringLiteral("port range %1-%2 ends before it starts").arg(port).arg(end));
    return {port, end};
}

// "source_port" and "source_port_end" of a flow; both left out means any source port.
std::pair<int, int> readSourcePorts(const Node &n)
{
    const QString outOfRange = QStringLiteral("source port %1 is out of range (1-65535)");
    const auto startNode = n.find("source_port");
    const auto endNode = n.find("source_port_end");
    if (!startNode) {
        if (endNode)
            endNode->fail(QStringLiteral("source_port_end without source_port"));
        return {0, 0};
    }
    const int port = startNode->integer(1, 65535, outOfRange);
    if (!endNode)
        return {port, port};
    const int end = endNode->integer(1, 65535, outOfRange);
    if (end < port)
        endNode->fail(
                QStringLiteral("source port range %1-%2 ends before it starts").arg(port).arg(end));
    return {port, end};
}

QString readDomain(const Node &n)
{
    return n.string();
}

Service readService(const Node &n)
{
    n.expectObject({"id", "display_name", "executable", "enabled"});
    Service s;
    s.id = ServiceId(n.at("id").id());
    s.displayName = n.at("display_name").string();
    s.executable = n.at("executable").string();
    s.enabled = optionalBool(n, "enabled", true);
    return s;
}

Peer readPeer(const Node &n)
{
    n.expectObject({"id", "kind", "name", "fqdn", "addresses", "members", "import_key"});
    Peer p;
    p.id = PeerId(n.at("id").id());
    p.kind = readEnum(n.at("kind"), peerKindFromString, "peer kind");
    p.name = n.at("name").string();
    p.fqdn = optionalString(n, "fqdn");
    if (const auto addresses = n.find("addresses"))
        p.addresses = readList<QString>(*addresses, readIpOrSubnet);
    if (const auto members = n.find("members"))
        p.members = readStrings(*members);
    p.importKey = optionalString(n, "import_key");
    return p;
}

QList<AddressRole> readRoles(const Node &n)
{
    QList<AddressRole> roles;
    for (const Node &element : n.elements()) {
        const AddressRole role = readEnum(element, addressRoleFromString, "address role");
        if (roles.contains(role))
            element.fail(QStringLiteral("role '%1' is listed twice").arg(keyOf(role)));
        roles.append(role);
    }
    if (roles.isEmpty())
        n.fail(QStringLiteral("an address needs at least one role (accepted: %1)")
                       .arg(enumKeys<AddressRole>().join(QStringLiteral(", "))));
    return roles;
}

Address readAddress(const Node &n)
{
    n.expectObject({"id", "ip", "roles", "nat_public_ip", "fqdn", "import_key"});
    Address a;
    a.id = AddressId(n.at("id").id());
    a.ip = readIp(n.at("ip"));
    a.roles = readRoles(n.at("roles"));
    if (const auto nat = n.find("nat_public_ip"))
        a.natPublicIp = readIp(*nat);
    a.fqdn = optionalString(n, "fqdn");
    a.importKey = optionalString(n, "import_key");
    return a;
}

NetInterface readInterface(const Node &n)
{
    n.expectObject({"side", "addresses"});
    NetInterface nic;
    nic.side = readEnum(n.at("side"), interfaceSideFromString, "interface side");
    const Node addresses = n.at("addresses");
    nic.addresses = readList<Address>(addresses, readAddress);
    if (nic.addresses.isEmpty())
        addresses.fail(QStringLiteral("an interface needs at least one address"));
    return nic;
}

// Exactly one internal and one external interface: the model groups a server's addresses by
// side, and every check of the Edge's two networks relies on both being there.
QList<NetInterface> readInterfaces(const Node &n)
{
    QList<NetInterface> interfaces;
    const QList<Node> elements = n.elements();
    for (const Node &element : elements) {
        interfaces.append(readInterface(element));
        const InterfaceSide side = interfaces.last().side;
        if (std::count_if(interfaces.cbegin(), interfaces.cend(),
                          [&](const NetInterface &i) { return i.side == side; })
            > 1)
            element.at("side").fail(QStringLiteral("a second %1 interface; put all %1 addresses "
                                                   "on one interface")
                                            .arg(keyOf(side)));
    }
    for (const InterfaceSide side : {InterfaceSide::Internal, InterfaceSide::External})
        if (std::none_of(interfaces.cbegin(), interfaces.cend(),
                         [&](const NetInterface &i) { return i.side == side; }))
            n.fail(QStringLiteral("a server needs an internal and an external interface; this "
                                  "one has no %1 interface")
                           .arg(keyOf(side)));
    return interfaces;
}

Endpoint readEndpoint(const Node &n)
{
    n.expectObject({"key", "protocol", "purpose", "clients"});
    return Endpoint{n.at("key").id(), n.at("protocol").string(), n.at("purpose").string(),
                    n.at("clients").string()};
}

QList<Endpoint> readEndpoints(const Node &n)
{
    QList<Endpoint> endpoints;
    QSet<QString> keys;
    for (const Node &element : n.elements()) {
        Endpoint e = readEndpoint(element);
        if (keys.contains(e.key))
            element.at("key").fail(
                    QStringLiteral("endpoint '%1' is listed twice on this listener").arg(e.key));
        keys.insert(e.key);
        endpoints.append(std::move(e));
    }
    if (endpoints.isEmpty())
        n.fail(QStringLiteral("a listener needs at least one endpoint"));
    return endpoints;
}

Listener readListener(const Node &n)
{
    n.expectObject({"id", "address", "transport", "port", "port_end", "service", "also_accepted",
                    "dynamic", "all_interfaces_ok", "enabled", "import_key", "endpoints"});
    Listener l;
    l.id = ListenerId(n.at("id").id());
    const QString address = n.at("address").id();
    l.address = address == QLatin1String("*") ? AddressId() : AddressId(address);
    l.transport = readEnum(n.at("transport"), transportFromString, "transport");
    std::tie(l.port, l.portEnd) = readPorts(n);
    l.service = ServiceId(n.at("service").id());
    if (const auto also = n.find("also_accepted"))
        l.alsoAccepted = readStrings(*also);
    l.dynamic = optionalBool(n, "dynamic", false);
    l.allInterfacesOk = optionalBool(n, "all_interfaces_ok", false);
    l.enabled = optionalBool(n, "enabled", true);
    l.importKey = optionalString(n, "import_key");
    l.endpoints = readEndpoints(n.at("endpoints"));
    return l;
}

EdgeServer readServer(const Node &n)
{
    n.expectObject({"id", "fqdn", "import_key", "interfaces", "listeners"});
    EdgeServer s;
    s.id = ServerId(n.at("id").id());
    s.fqdn = n.at("fqdn").string();
    s.importKey = optionalString(n, "import_key");
    s.interfaces = readInterfaces(n.at("interfaces"));
    s.listeners = readList<Listener>(n.at("listeners"), readListener);
    return s;
}

EdgePool readPool(const Node &n)
{
    n.expectObject({"id", "fqdn", "site", "load_balancing", "next_hop", "import_key", "servers"});
    EdgePool p;
    p.id = PoolId(n.at("id").id());
    p.fqdn = n.at("fqdn").string();
    p.site = n.at("site").string();
    p.loadBalancing = readEnum(n.at("load_balancing"), loadBalancingFromString, "load balancing");
    if (const auto nextHop = n.find("next_hop"))
        p.nextHop = PeerId(nextHop->id());
    p.importKey = optionalString(n, "import_key");
    const Node servers = n.at("servers");
    p.servers = readList<EdgeServer>(servers, readServer);
    if (p.servers.isEmpty())
        servers.fail(QStringLiteral("a pool needs at least one Edge server"));
    return p;
}

FlowEnd readFlowEnd(const Node &n)
{
    n.expectObject({"peer", "pool", "endpoint", "role"});
    FlowEnd end;
    if (!n.has("peer") && !n.has("pool"))
        n.fail(QStringLiteral("a flow end is {\"peer\": id}, {\"pool\": id, \"endpoint\": key} "
                              "or {\"pool\": id, \"role\": role}"));
    if (n.has("peer")) {
        if (n.has("pool") || n.has("endpoint") || n.has("role"))
            n.fail(QStringLiteral("a flow end is either {\"peer\"} or {\"pool\"} with "
                                  "\"endpoint\" or \"role\", not both"));
        end.kind = FlowEnd::Kind::Peer;
        end.peer = PeerId(n.at("peer").id());
        return end;
    }
    end.pool = PoolId(n.at("pool").id());
    if (n.has("endpoint") == n.has("role"))
        n.fail(QStringLiteral("give a pool flow end either \"endpoint\" or \"role\""));
    if (const auto endpoint = n.find("endpoint")) {
        end.kind = FlowEnd::Kind::Endpoint;
        end.endpointKey = endpoint->id();
    } else {
        end.kind = FlowEnd::Kind::AddressRole;
        end.role = readEnum(n.at("role"), addressRoleFromString, "address role");
    }
    return end;
}

Flow readFlow(const Node &n)
{
    n.expectObject({"id", "from", "to", "transport", "port", "port_end", "source_port",
                    "source_port_end", "protocol", "purpose", "firewall", "optional"});
    Flow f;
    f.id = FlowId(n.at("id").id());
    f.from = readFlowEnd(n.at("from"));
    f.to = readFlowEnd(n.at("to"));
    f.transport = readEnum(n.at("transport"), transportFromString, "transport");
    std::tie(f.port, f.portEnd) = readPorts(n);
    std::tie(f.sourcePort, f.sourcePortEnd) = readSourcePorts(n);
    f.protocol = n.at("protocol").string();
    f.purpose = n.at("purpose").string();
    f.firewall = readEnum(n.at("firewall"), firewallFromString, "firewall");
    f.optional = optionalBool(n, "optional", false);
    return f;
}

QString readKey(const Node &n)
{
    return n.id();
}

ScenarioHop readHop(const Node &n)
{
    n.expectObject({"peer", "endpoints", "next_hop", "label"});
    const int forms = int(n.has("peer")) + int(n.has("endpoints")) + int(n.has("next_hop"));
    if (forms != 1)
        n.fail(QStringLiteral("a hop has exactly one of \"peer\", \"endpoints\" or \"next_hop\""));
    ScenarioHop hop;
    hop.label = optionalString(n, "label");
    if (const auto peer = n.find("peer")) {
        hop.kind = ScenarioHop::Kind::Peer;
        hop.peer = PeerId(peer->id());
    } else if (const auto endpoints = n.find("endpoints")) {
        hop.kind = ScenarioHop::Kind::Endpoints;
        hop.endpointKeys = readList<QString>(*endpoints, readKey);
        if (hop.endpointKeys.isEmpty())
            endpoints->fail(QStringLiteral("a hop needs at least one endpoint"));
    } else {
        hop.kind = ScenarioHop::Kind::NextHop;
        if (!n.at("next_hop").boolean())
            n.at("next_hop").fail(QStringLiteral("next_hop is true or left out"));
    }
    return hop;
}

Scenario readScenario(const Node &n)
{
    n.expectObject({"id", "name", "description", "hops", "requires"});
    Scenario s;
    s.id = ScenarioId(n.at("id").id());
    s.name = n.at("name").string();
    s.description = n.at("description").string();
    const Node hops = n.at("hops");
    s.hops = readList<ScenarioHop>(hops, readHop);
    if (s.hops.isEmpty())
        hops.fail(QStringLiteral("a scenario needs at least one hop"));
    if (const auto required = n.find("requires"))
        s.requiredEndpoints = readList<QString>(*required, readKey);
    return s;
}

// The version comes first, so that a file from a newer EdgeMap is reported as such rather than
// by its first unknown key.
void readFormat(const Node &root)
{
    if (!root.has("format"))
        detail::fail(
                QStringLiteral("/format"),
                QStringLiteral("missing required key 'format' (not an EdgeMap topology file?)"));
    const int format = root.at("format").integer(
            1, std::numeric_limits<int>::max(), QStringLiteral("format %1 is not a valid version"));
    if (format > kFormatVersion)
        root.at("format").fail(QStringLiteral("written by a newer EdgeMap (format %1); this "
                                              "version reads format %2")
                                       .arg(format)
                                       .arg(kFormatVersion));
}

Topology readTopology(const Node &root)
{
    if (!root.isObject())
        root.fail(QStringLiteral("expected an object at the top level, found %1")
                          .arg(root.typeName()));
    // Format 1 files (EdgeMap 0.x) have no SIP domains and no source ports; they read as a
    // format 2 file without them and are saved as format 2. Format 2 is format 3 without what
    // an import records (import keys, a peer's members).
    readFormat(root);
    root.expectObject({"format", "name", "product", "sip_domains", "services", "peers", "pools",
                       "flows", "scenarios"});
    Topology t;
    t.name = root.at("name").string();
    t.product = readEnum(root.at("product"), productFromString, "product");
    if (const auto domains = root.find("sip_domains"))
        t.sipDomains = readList<QString>(*domains, readDomain);
    t.services = readList<Service>(root.at("services"), readService);
    t.peers = readList<Peer>(root.at("peers"), readPeer);
    t.pools = readList<EdgePool>(root.at("pools"), readPool);
    t.flows = readList<Flow>(root.at("flows"), readFlow);
    t.scenarios = readList<Scenario>(root.at("scenarios"), readScenario);
    return t;
}

} // namespace

ReadResult parse(const QByteArray &bytes, const QString &fileName)
{
    ReadResult result;
    Json root;
    if (Error e = detail::parseJsonText(bytes, root); e.isError()) {
        e.file = fileName;
        result.error = e;
        return result;
    }
    try {
        Topology topology = readTopology(Node(root, QString()));
        detail::checkTopology(topology);
        result.topology = std::move(topology);
    } catch (const Problem &problem) {
        result.error = Error::inJson(fileName, problem.path, problem.message);
    }
    return result;
}

} // namespace edgemap::topologyfile
