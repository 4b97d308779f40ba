#pragma once

#include "core/ids.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace edgemap {

// The product versions EdgeMap knows. The port set of each lives in the product catalog.
enum class Product { Lync2010, Lync2013, SfB2015, SfB2019, SfBSE };

enum class Transport { Tcp, Udp };

enum class InterfaceSide { Internal, External };

// What an address on an Edge server is for. In the single-IP layout one external address
// carries the Access, Web Conferencing and A/V roles at once.
enum class AddressRole { Internal, Access, WebConf, AV };

enum class LoadBalancing { None, Dns, Hardware };

enum class Zone { Internet, Perimeter, Internal };

enum class PeerKind {
    RemoteUsers,
    FederatedPartners,
    PublicIm,
    XmppPartners,
    InternetServices, // DNS, CRL distribution points, Skype directory
    Director,
    FrontEndPool,
    CmsMaster,
    InternalClients,
    AvPeers,     // any A/V Edge or media endpoint on the Internet: never narrowed to a list
    InternalDns, // the internal DNS servers the Edge resolves internal pools with
};

// An IP address configured on an Edge server interface.
struct Address
{
    AddressId id;
    QString ip;               // validated text form
    QList<AddressRole> roles; // at least one
    QString natPublicIp;      // public address this one is translated to, empty without NAT
    QString fqdn;             // external FQDN published for this address, optional
    QString importKey = {};   // see EdgePool::importKey: "external:1", "internal:1"

    friend bool operator==(const Address &, const Address &) = default;
};

struct NetInterface
{
    InterfaceSide side = InterfaceSide::Internal;
    QList<Address> addresses;

    friend bool operator==(const NetInterface &, const NetInterface &) = default;
};

// One logical use of a socket. Two endpoints can share one listener: in the single-IP layout the
// Access Edge client SIP and federation SIP both use external TCP 5061; on SfB 2015+ Skype Search
// and CMS replication both use internal TCP 4443.
struct Endpoint
{
    QString key;      // catalog endpoint key, e.g. "access-client-sip"
    QString protocol; // protocol on the wire, e.g. "SIP/TLS"
    QString purpose;  // why the port exists, in the admin's terms
    QString clients;  // who connects, in the admin's terms

    friend bool operator==(const Endpoint &, const Endpoint &) = default;
};

// A socket the Edge is expected to have: one address (or all interfaces), one transport, one port
// or port range, owned by one service.
struct Listener
{
    ListenerId id;
    AddressId address; // empty when bound on all interfaces by design
    Transport transport = Transport::Tcp;
    int port = 0;
    int portEnd = 0;              // equal to port for a single port
    ServiceId service;            // the Windows service whose process owns the socket
    QStringList alsoAccepted;     // other executables that may own it (unconfirmed facts)
    bool dynamic = false;         // allocated on demand (the media relay range), never "listening"
    bool allInterfacesOk = false; // a 0.0.0.0 / [::] bind is expected and fine
    bool enabled = true;
    QList<Endpoint> endpoints; // at least one
    // See EdgePool::importKey: the topology Ports it came from, "AccessEdge/SipClient/external:1"
    // (several joined by ", " when they share the socket).
    QString importKey = {};

    bool isRange() const { return portEnd > port; }
    bool containsPort(int p) const { return p >= port && p <= portEnd; }
    bool hasEndpoint(const QString &key) const;
    // The endpoints' protocols on the wire, each once, in endpoint order ("SIP/TLS", "PSOM").
    QStringList protocols() const;

    friend bool operator==(const Listener &, const Listener &) = default;
};

struct EdgeServer
{
    ServerId id;
    QString fqdn;
    QList<NetInterface> interfaces;
    QList<Listener> listeners;
    QString importKey = {}; // see EdgePool::importKey: the machine's FQDN in lower case

    friend bool operator==(const EdgeServer &, const EdgeServer &) = default;
};

struct EdgePool
{
    PoolId id;
    QString fqdn; // internal pool FQDN
    QString site;
    LoadBalancing loadBalancing = LoadBalancing::None;
    PeerId nextHop; // Director or Front End pool peer
    QList<EdgeServer> servers;
    // Where the element came from in the Lync / Skype for Business topology it was imported from
    // (io/topologyimport.h), so that a later import can tell the deployment's facts from what
    // the user added; empty for what was made in EdgeMap. Pools and servers: the cluster's or
    // machine's FQDN in lower case; addresses and listeners: see theirs.
    QString importKey = {};

    friend bool operator==(const EdgePool &, const EdgePool &) = default;
};

struct Service
{
    ServiceId id;        // short name, e.g. RTCSRV
    QString displayName; // e.g. "Lync Server Access Edge"
    QString executable;  // e.g. RTCSrv.exe, as netstat -b shows it
    bool enabled = true;

    friend bool operator==(const Service &, const Service &) = default;
};

struct Peer
{
    PeerId id;
    PeerKind kind = PeerKind::RemoteUsers;
    QString name;
    QString fqdn;
    QStringList addresses;    // IPs or subnets, used to attribute established connections
    QStringList members = {}; // FQDNs of the servers of a pool peer (Front End, Director)
    QString importKey = {};   // see EdgePool::importKey: the pool's FQDN in lower case

    friend bool operator==(const Peer &, const Peer &) = default;
};

// One end of a flow: a peer, an endpoint key on every server of a pool, or the address with a
// given role on every server of a pool (for flows the Edge opens from an address, e.g. DNS).
struct FlowEnd
{
    enum class Kind { Peer, Endpoint, AddressRole };
    Kind kind = Kind::Peer;
    PeerId peer;
    PoolId pool;
    QString endpointKey;
    AddressRole role = AddressRole::Internal;

    friend bool operator==(const FlowEnd &, const FlowEnd &) = default;
};

enum class Firewall { None, External, Internal };

// A connection that is opened from `from` to `to` on the given destination port(s).
struct Flow
{
    FlowId id;
    FlowEnd from;
    FlowEnd to;
    Transport transport = Transport::Tcp;
    int port = 0;
    int portEnd = 0;
    int sourcePort = 0; // 0: any source port; else the source port(s) the initiator uses
    int sourcePortEnd = 0;
    QString protocol;
    QString purpose;
    Firewall firewall = Firewall::None;
    bool optional = false; // only needed in some deployments (e.g. OCS 2007 federation)

    friend bool operator==(const Flow &, const Flow &) = default;
};

// One step of a scenario: any one of the alternatives carries it (UDP 3478 or TCP 443).
struct ScenarioHop
{
    enum class Kind { Peer, Endpoints, NextHop };
    Kind kind = Kind::Peer;
    PeerId peer;
    QStringList endpointKeys;
    QString label; // optional text shown on the numbered hop

    friend bool operator==(const ScenarioHop &, const ScenarioHop &) = default;
};

struct Scenario
{
    ScenarioId id;
    QString name;
    QString description;
    QList<ScenarioHop> hops;
    QStringList requiredEndpoints; // endpoint keys needed besides the hops (e.g. signalling)

    friend bool operator==(const Scenario &, const Scenario &) = default;
};

// A whole modelled Edge deployment: what a topology file holds.
struct Topology
{
    QString name;
    Product product = Product::Lync2013;
    QStringList sipDomains; // the deployment's SIP domains, the default one first
    QList<Service> services;
    QList<Peer> peers;
    QList<EdgePool> pools;
    QList<Flow> flows;
    QList<Scenario> scenarios;

    // Lookups by id; nullptr when absent. Pointers are valid until the topology is modified.
    const EdgePool *pool(const PoolId &id) const;
    const EdgeServer *server(const ServerId &id) const;
    const EdgePool *poolOfServer(const ServerId &id) const;
    const Address *address(const AddressId &id) const;
    const NetInterface *interfaceOfAddress(const AddressId &id) const;
    const EdgeServer *serverOfAddress(const AddressId &id) const;
    const Listener *listener(const ListenerId &id) const;
    const EdgeServer *serverOfListener(const ListenerId &id) const;
    const Service *service(const ServiceId &id) const;
    const Peer *peer(const PeerId &id) const;
    const Scenario *scenario(const ScenarioId &id) const;
    const Flow *flow(const FlowId &id) const;

    // The side of a listener: the side of its address, Internal for all-interface binds.
    InterfaceSide sideOfListener(const Listener &listener) const;
    QList<const Listener *> allListeners() const;
    // Whether a listener is expected to carry traffic: it *and* its service are enabled. A
    // listener of a service the topology does not list goes by its own flag.
    bool isActive(const Listener &listener) const;

    friend bool operator==(const Topology &, const Topology &) = default;
};

// Stable text keys used by the file format, the CLI and the JSON outputs ("lync2013", "tcp").
// Not named toString: QTest would find these by argument-dependent lookup in QCOMPARE.
QString keyOf(Product product);
QString displayName(Product product);
std::optional<Product> productFromString(const QString &text);
QList<Product> allProducts();
QString keyOf(Transport transport);
std::optional<Transport> transportFromString(const QString &text);
QString keyOf(InterfaceSide side);
std::optional<InterfaceSide> interfaceSideFromString(const QString &text);
QString keyOf(AddressRole role);
QString displayName(AddressRole role);
// "Access Edge, Web Conferencing Edge": an address's roles as the tables and panes print them.
QString rolesText(const QList<AddressRole> &roles);
std::optional<AddressRole> addressRoleFromString(const QString &text);
QString keyOf(LoadBalancing lb);
std::optional<LoadBalancing> loadBalancingFromString(const QString &text);
QString keyOf(PeerKind kind);
QString displayName(PeerKind kind);
std::optional<PeerKind> peerKindFromString(const QString &text);
Zone zoneOf(PeerKind kind);
QString keyOf(Zone zone);
QString keyOf(Firewall firewall);
std::optional<Firewall> firewallFromString(const QString &text);

// "TCP 443", "UDP 3478", "TCP 50000-59999"
QString socketLabel(Transport transport, int port, int portEnd);

// A DNS name as SIP domains and FQDNs are written: labels of letters, digits and hyphens (not at
// either end of a label), 1-63 characters each, at least two labels, 253 characters at most.
bool isDomainName(const QString &text);

} // namespace edgemap
