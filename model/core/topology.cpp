#include "core/topology.h"

#include <algorithm>
#include <array>
#include <utility>

namespace edgemap {

namespace {

template<class Enum, size_t N>
using NameTable = std::array<std::pair<Enum, const char *>, N>;

template<class Enum, size_t N>
QString nameOf(const NameTable<Enum, N> &table, Enum value)
{
    for (const auto &[e, name] : table)
        if (e == value)
            return QString::fromLatin1(name);
    return {};
}

template<class Enum, size_t N>
std::optional<Enum> valueOf(const NameTable<Enum, N> &table, const QString &text)
{
    for (const auto &[e, name] : table)
        if (text == QLatin1String(name))
            return e;
    return std::nullopt;
}

constexpr NameTable<Product, 5> kProducts{{{Product::Lync2010, "lync2010"},
                                           {Product::Lync2013, "lync2013"},
                                           {Product::SfB2015, "sfb2015"},
                                           {Product::SfB2019, "sfb2019"},
                                           {Product::SfBSE, "sfbse"}}};
constexpr NameTable<Product, 5> kProductNames{
        {{Product::Lync2010, "Lync Server 2010"},
         {Product::Lync2013, "Lync Server 2013"},
         {Product::SfB2015, "Skype for Business Server 2015"},
         {Product::SfB2019, "Skype for Business Server 2019"},
         {Product::SfBSE, "Skype for Business Server Subscription Edition"}}};
constexpr NameTable<Transport, 2> kTransports{{{Transport::Tcp, "tcp"}, {Transport::Udp, "udp"}}};
constexpr NameTable<InterfaceSide, 2> kSides{
        {{InterfaceSide::Internal, "internal"}, {InterfaceSide::External, "external"}}};
constexpr NameTable<AddressRole, 4> kRoles{{{AddressRole::Internal, "internal"},
                                            {AddressRole::Access, "access"},
                                            {AddressRole::WebConf, "webconf"},
                                            {AddressRole::AV, "av"}}};
constexpr NameTable<AddressRole, 4> kRoleNames{{{AddressRole::Internal, "Internal"},
                                                {AddressRole::Access, "Access Edge"},
                                                {AddressRole::WebConf, "Web Conferencing Edge"},
                                                {AddressRole::AV, "A/V Edge"}}};
constexpr NameTable<LoadBalancing, 3> kLoadBalancing{{{LoadBalancing::None, "none"},
                                                      {LoadBalancing::Dns, "dns"},
                                                      {LoadBalancing::Hardware, "hlb"}}};
constexpr NameTable<PeerKind, 11> kPeerKinds{{{PeerKind::RemoteUsers, "remote-users"},
                                              {PeerKind::FederatedPartners, "federated-partners"},
                                              {PeerKind::PublicIm, "public-im"},
                                              {PeerKind::XmppPartners, "xmpp-partners"},
                                              {PeerKind::InternetServices, "internet-services"},
                                              {PeerKind::Director, "director"},
                                              {PeerKind::FrontEndPool, "front-end-pool"},
                                              {PeerKind::CmsMaster, "cms-master"},
                                              {PeerKind::InternalClients, "internal-clients"},
                                              {PeerKind::AvPeers, "av-peers"},
                                              {PeerKind::InternalDns, "internal-dns"}}};
constexpr NameTable<PeerKind, 11> kPeerKindNames{
        {{PeerKind::RemoteUsers, "Remote users"},
         {PeerKind::FederatedPartners, "Federated partners"},
         {PeerKind::PublicIm, "Public IM providers"},
         {PeerKind::XmppPartners, "XMPP partners"},
         {PeerKind::InternetServices, "Internet services"},
         {PeerKind::Director, "Director"},
         {PeerKind::FrontEndPool, "Front End pool"},
         {PeerKind::CmsMaster, "CMS master"},
         {PeerKind::InternalClients, "Internal clients"},
         {PeerKind::AvPeers, "A/V peers on the Internet"},
         {PeerKind::InternalDns, "Internal DNS servers"}}};
constexpr NameTable<Zone, 3> kZones{{{Zone::Internet, "internet"},
                                     {Zone::Perimeter, "perimeter"},
                                     {Zone::Internal, "internal"}}};
constexpr NameTable<Firewall, 3> kFirewalls{{{Firewall::None, "none"},
                                             {Firewall::External, "external"},
                                             {Firewall::Internal, "internal"}}};

template<class T, class IdT>
const T *findById(const QList<T> &list, const IdT &id)
{
    const auto it
            = std::find_if(list.cbegin(), list.cend(), [&](const T &x) { return x.id == id; });
    return it == list.cend() ? nullptr : &*it;
}

} // namespace

bool Listener::hasEndpoint(const QString &key) const
{
    return std::any_of(endpoints.cbegin(), endpoints.cend(),
                       [&](const Endpoint &e) { return e.key == key; });
}

QStringList Listener::protocols() const
{
    QStringList out;
    for (const Endpoint &e : endpoints)
        if (!e.protocol.isEmpty() && !out.contains(e.protocol))
            out.append(e.protocol);
    return out;
}

const EdgePool *Topology::pool(const PoolId &id) const
{
    return findById(pools, id);
}

const EdgeServer *Topology::server(const ServerId &id) const
{
    for (const auto &p : pools)
        if (const auto *s = findById(p.servers, id))
            return s;
    return nullptr;
}

const EdgePool *Topology::poolOfServer(const ServerId &id) const
{
    for (const auto &p : pools)
        if (findById(p.servers, id))
            return &p;
    return nullptr;
}

const NetInterface *Topology::interfaceOfAddress(const AddressId &id) const
{
    for (const auto &p : pools)
        for (const auto &s : p.servers)
            for (const auto &i : s.interfaces)
                if (findById(i.addresses, id))
                    return &i;
    return nullptr;
}

const Address *Topology::address(const AddressId &id) const
{
    const NetInterface *nic = interfaceOfAddress(id);
    return nic ? findById(nic->addresses, id) : nullptr;
}

const EdgeServer *Topology::serverOfAddress(const AddressId &id) const
{
    for (const auto &p : pools)
        for (const auto &s : p.servers)
            for (const auto &i : s.interfaces)
                if (findById(i.addresses, id))
                    return &s;
    return nullptr;
}

const Listener *Topology::listener(const ListenerId &id) const
{
    const EdgeServer *s = serverOfListener(id);
    return s ? findById(s->listeners, id) : nullptr;
}

const EdgeServer *Topology::serverOfListener(const ListenerId &id) const
{
    for (const auto &p : pools)
        for (const auto &s : p.servers)
            if (findById(s.listeners, id))
                return &s;
    return nullptr;
}

const Service *Topology::service(const ServiceId &id) const
{
    return findById(services, id);
}

const Peer *Topology::peer(const PeerId &id) const
{
    return findById(peers, id);
}

const Scenario *Topology::scenario(const ScenarioId &id) const
{
    return findById(scenarios, id);
}

const Flow *Topology::flow(const FlowId &id) const
{
    return findById(flows, id);
}

InterfaceSide Topology::sideOfListener(const Listener &l) const
{
    const NetInterface *nic = l.address.isEmpty() ? nullptr : interfaceOfAddress(l.address);
    return nic ? nic->side : InterfaceSide::Internal;
}

QList<const Listener *> Topology::allListeners() const
{
    QList<const Listener *> out;
    for (const auto &p : pools)
        for (const auto &s : p.servers)
            for (const auto &l : s.listeners)
                out.append(&l);
    return out;
}

bool Topology::isActive(const Listener &l) const
{
    const Service *s = service(l.service);
    return l.enabled && (!s || s->enabled);
}

QString rolesText(const QList<AddressRole> &roles)
{
    QStringList parts;
    for (AddressRole r : roles)
        parts.append(displayName(r));
    return parts.join(QStringLiteral(", "));
}

QString keyOf(Product v)
{
    return nameOf(kProducts, v);
}
QString displayName(Product v)
{
    return nameOf(kProductNames, v);
}
std::optional<Product> productFromString(const QString &t)
{
    return valueOf(kProducts, t);
}
QList<Product> allProducts()
{
    QList<Product> out;
    for (const auto &[p, name] : kProducts)
        out.append(p);
    return out;
}
QString keyOf(Transport v)
{
    return nameOf(kTransports, v);
}
std::optional<Transport> transportFromString(const QString &t)
{
    return valueOf(kTransports, t);
}
QString keyOf(InterfaceSide v)
{
    return nameOf(kSides, v);
}
std::optional<InterfaceSide> interfaceSideFromString(const QString &t)
{
    return valueOf(kSides, t);
}
QString keyOf(AddressRole v)
{
    return nameOf(kRoles, v);
}
QString displayName(AddressRole v)
{
    return nameOf(kRoleNames, v);
}
std::optional<AddressRole> addressRoleFromString(const QString &t)
{
    return valueOf(kRoles, t);
}
QString keyOf(LoadBalancing v)
{
    return nameOf(kLoadBalancing, v);
}
std::optional<LoadBalancing> loadBalancingFromString(const QString &t)
{
    return valueOf(kLoadBalancing, t);
}
QString keyOf(PeerKind v)
{
    return nameOf(kPeerKinds, v);
}
QString displayName(PeerKind v)
{
    return nameOf(kPeerKindNames, v);
}
std::optional<PeerKind> peerKindFromString(const QString &t)
{
    return valueOf(kPeerKinds, t);
}
QString keyOf(Zone v)
{
    return nameOf(kZones, v);
}
QString keyOf(Firewall v)
{
    return nameOf(kFirewalls, v);
}
std::optional<Firewall> firewallFromString(const QString &t)
{
    return valueOf(kFirewalls, t);
}

Zone zoneOf(PeerKind kind)
{
    switch (kind) {
    case PeerKind::RemoteUsers:
    case PeerKind::FederatedPartners:
    case PeerKind::PublicIm:
    case PeerKind::XmppPartners:
    case PeerKind::InternetServices:
    case PeerKind::AvPeers:
        return Zone::Internet;
    case PeerKind::Director:
    case PeerKind::FrontEndPool:
    case PeerKind::CmsMaster:
    case PeerKind::InternalClients:
    case PeerKind::InternalDns:
        return Zone::Internal;
    }
    return Zone::Internal;
}

QString socketLabel(Transport transport, int port, int portEnd)
{
    const QString proto
            = transport == Transport::Tcp ? QStringLiteral("TCP") : QStringLiteral("UDP");
    if (portEnd > port)
        return QStringLiteral("%1 %2-%3").arg(proto).arg(port).arg(portEnd);
    return QStringLiteral("%1 %2").arg(proto).arg(port);
}

bool isDomainName(const QString &text)
{
    if (text.isEmpty() || text.size() > 253)
        return false;
    const QStringList labels = text.split(QLatin1Char('.'));
    if (labels.size() < 2)
        return false;
    return std::all_of(labels.cbegin(), labels.cend(), [](const QString &label) {
        if (label.isEmpty() || label.size() > 63 || label.startsWith(QLatin1Char('-'))
            || label.endsWith(QLatin1Char('-')))
            return false;
        return std::all_of(label.cbegin(), label.cend(), [](QChar c) {
            return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')
                   || c == u'-';
        });
    });
}

} // namespace edgemap
