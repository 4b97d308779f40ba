#pragma once

#include "core/topology.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace edgemap {

class Catalog;

// A consolidated Edge pool has 1 to 12 servers (the supported maximum).
inline constexpr int kMaxPoolMembers = 12;

// One Edge server of a pool as the user describes it.
struct MemberParams
{
    QString fqdn;
    QString internalIp;
    QStringList externalIps; // one (single-IP layout) or three (Access, Web Conf, A/V)
    // NAT public addresses of the external addresses, empty without NAT. With one external
    // address (single-IP layout) give one of them; it translates that address.
    QString avPublicIp; // the one Topology Builder asks for
    QString accessPublicIp = {};
    QString webConfPublicIp = {};
};

enum class NextHopKind { Director, FrontEnd };

// The peers that stand for the catalog's peer roles in one pool ("next-hop", "front-end",
// "cms-master", "xmpp-gateway"): ids of peers of the topology. Left empty, they are the ones
// the wizard makes ("director" or "front-end" as the next hop, "front-end" for the others,
// created with generic names). An import names the deployment's pools here, after adding
// those peers with their FQDNs to the topology.
struct PoolPeers
{
    QString nextHop;
    QStringList frontEnds; // the Front End pools that use the Edge pool: each gets their flows
    QString cms;           // the pool holding the CMS; the first Front End when empty
    QString xmppGateway;   // the pool running the XMPP gateway; the first Front End when empty
};

// The port (or range) an endpoint has in a deployment, where it differs from the catalog.
struct PortChoice
{
    int port = 0;
    int portEnd = 0; // equal to port for a single port
};

struct TemplateParams
{
    Product product = Product::Lync2013;
    QString name;
    QString poolFqdn; // defaults to the first member's FQDN for a single server
    QString site = QStringLiteral("Site 1");
    QList<MemberParams> members; // 1 to 12
    NextHopKind nextHop = NextHopKind::Director;
    bool xmpp = false; // only where the product has XMPP (2013, 2015)
    // Public IM connectivity with Skype and Skype directory search: historical (Skype consumer
    // was retired on 5 May 2025), so off unless asked for.
    bool publicIm = false;
    QStringList sipDomains; // the default SIP domain first; optional
    QString accessFqdn;     // external FQDNs, optional
    QString webConfFqdn;
    QString avFqdn;
    PoolPeers peers = {};
    // What a deployment says instead of the catalog (an imported topology): the port of an
    // endpoint, by endpoint key, and the endpoints the pool does not have at all.
    QHash<QString, PortChoice> ports = {};
    QSet<QString> leaveOut = {};
};

// Builds a topology from parameters, copying services, listeners, flows and scenarios from the
// catalog. Returns an error message (empty on success) instead of a half-built topology.
// The NAT public addresses of a member's external addresses, in their order (Access, Web
// Conferencing, A/V; an empty string where one is not translated). With one external address
// (single-IP layout) any one of the three may be given, and several must agree. Returns an
// error message naming the member, empty on success.
QString memberPublicIps(const MemberParams &member, QStringList *out);

struct TemplateResult
{
    Topology topology;
    QString error;
    bool ok() const { return error.isEmpty(); }
};

TemplateResult buildTopology(const TemplateParams &params, const Catalog &catalog);
TemplateResult buildTopology(const TemplateParams &params);

// The services of a product with the chosen options, named as that product names them: what
// buildTopology gives a new topology.
QList<Service> catalogServices(Product product, const QSet<QString> &features,
                               const Catalog &catalog);

// Adds one more Edge pool (a second site) to an existing topology, with its own peers where the
// pool needs them (next hop) and its flows; used for multi-site designs.
QString addPool(Topology &topology, const TemplateParams &params, const Catalog &catalog);

} // namespace edgemap
