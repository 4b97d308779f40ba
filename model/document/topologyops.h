#pragma once

#include "core/templates.h"
#include "core/topology.h"

#include <QString>
#include <QStringList>

namespace edgemap {

// Structural edits of a topology (add or remove a pool member, a peer) as pure functions: each
// returns an edited copy or the reason it is refused, and never touches its argument. The GUI
// hands the copy to Document::applyEdit, which makes it one undo entry. Single values (FQDNs,
// addresses, ports, peer addresses...) are not here: Document::setField edits those.
//
// Every successful result is a valid topology (topologyfile::validate): a refusal names what is
// wrong in the user's terms, "192.0.2.10 is already used by address edge01-access (edge01...)".
namespace topologyops {

struct EditResult
{
    Topology topology; // the edited copy; unspecified when refused
    QString error;     // why the edit is refused, empty on success
    QString newId;     // the id of the element an add created, so that the UI can select it

    bool ok() const { return error.isEmpty(); }
};

// Adds an Edge server to a pool, laid out like the pool's first member: the same interfaces,
// address roles and external FQDNs, the same listeners (ports, services, enabled flags, as the
// user may have changed them), with ids following the scheme of `edgemap new` (the FQDN's first
// label, "edge02", made unique). `member.externalIps` must match the pool's external layout (one
// address or three, in the order Access, Web Conferencing, A/V). The NAT public addresses
// (`accessPublicIp`, `webConfPublicIp`, `avPublicIp`; with one external address, any one of
// them) go to the external addresses in the same order, each its own; one is required wherever
// the first member's address is behind NAT, since a member without it could not be reached from
// the Internet. A pool without load balancing becomes DNS
// load balanced, as `edgemap new` makes a pool of several servers. Refused beyond
// kMaxPoolMembers, for a bad or duplicate FQDN or address (naming the element that has it).
EditResult addPoolMember(const Topology &topology, const PoolId &pool, const MemberParams &member);

// Removes a server from its pool. The pool's flows and the scenarios address the pool and its
// endpoint keys, not servers, so they stay. A DNS load balanced pool left with one server has no
// load balancing any more (the inverse of addPoolMember). Refused for the last server of a pool:
// a pool without servers has nowhere for its flows to go.
EditResult removePoolMember(const Topology &topology, const ServerId &server);

// Adds a peer. The id is derived from the name ("Partner VPN" -> "partner-vpn", made unique);
// `addresses` are IPs or subnets ("10.0.0.0/8"), stored in canonical form; duplicates and bad
// entries are refused.
EditResult addPeer(const Topology &topology, const QString &name, PeerKind kind,
                   const QStringList &addresses, const QString &fqdn = {});

// Removes a peer and the flows from or to it: those flows describe traffic with that peer only,
// so a user removing the peer expects them gone (undo brings them back). Refused, naming what
// depends on it, when the peer is the next hop of a pool or a hop of a scenario: the scenarios
// are the product catalog's description of how a feature works, and silently dropping one (the
// sign-in path, say) would hide a check the user relies on.
EditResult removePeer(const Topology &topology, const PeerId &peer);

// The field rules (fqdnProblem, serverAddressProblem, peerAddressProblem, addressUse) are in
// rules.h.

// Splits what a user types for a peer's addresses: one per line, or separated by commas,
// semicolons or spaces. Empty entries are dropped.
QStringList splitAddressList(const QString &text);

} // namespace topologyops
} // namespace edgemap
