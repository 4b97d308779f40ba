#pragma once

#include "core/topology.h"

#include <QList>
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

// Adds one more Edge pool (a second site) to an existing topology, with its own peers where the
// pool needs them (next hop) and its flows; used for multi-site designs.
QString addPool(Topology &topology, const TemplateParams &params, const Catalog &catalog);

} // namespace edgemap
