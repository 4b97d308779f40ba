#pragma once

#include "core/topology.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace edgemap {

// The names and sockets an Edge pool publishes, as the certificate requests and the DNS records
// both need them: which FQDN each external service answers to, on which port, and whether the
// pool federates over XMPP. One place, so that the two documents never disagree.

// One external address of a pool member that carries a role.
struct RoleAddress
{
    const EdgeServer *server = nullptr;
    const Address *address = nullptr;
};

// Every member's address with `role`, in member order (one per member in the templates).
QList<RoleAddress> addressesWithRole(const EdgePool &pool, AddressRole role);

// The distinct FQDNs the members publish for `role` (empty ones skipped), compared without case,
// first spelling kept, in member order. A well-formed pool has one.
QStringList publishedFqdns(const EdgePool &pool, AddressRole role);

// The port of the pool's listener with the endpoint `key` (the first member's), or 0 when the
// pool has none. The topology's value, so that a port the admin moved is what the documents say.
int endpointPort(const EdgePool &pool, const QString &key);

// XMPP federation is enabled in the pool when a listener carries the external XMPP endpoint.
bool hasXmpp(const EdgePool &pool);

// True when `name` is `domain` or a name inside it ("sip.contoso.com" in "contoso.com"),
// compared without case.
bool isInDomain(const QString &name, const QString &domain);

// "Access Edge FQDN": how the documents name the FQDN of a role; and where the user sets it.
QString fqdnLabel(AddressRole role);
QString whereToSetFqdn(AddressRole role);

// Endpoint keys of the catalog the documents refer to.
namespace endpointkeys {
inline constexpr char kAccessClientSip[] = "access-client-sip";
inline constexpr char kAccessFederationSip[] = "access-federation-sip";
inline constexpr char kXmppExternal[] = "xmpp-external";
inline constexpr char kWebConfExternal[] = "webconf-external-psom";
inline constexpr char kAvTurnUdp[] = "av-external-turn-udp";
inline constexpr char kAvTurnTcp[] = "av-external-turn-tcp";
inline constexpr char kAccessInternalSip[] = "access-internal-sip";
inline constexpr char kMrasInternal[] = "mras-internal";
inline constexpr char kWebConfInternal[] = "webconf-internal-psom";
inline constexpr char kXmppInternal[] = "xmpp-internal";
inline constexpr char kCmsReplication[] = "cms-replication";
} // namespace endpointkeys

} // namespace edgemap
