#pragma once

#include "core/topology.h"

#include <QList>
#include <QString>

namespace edgemap {

// Re-import: a topology file made earlier (by an import, the wizard or by hand) brought up to date
// with a new import of the deployment (Get-CsTopology -AsXml, a Topology Builder file), and what
// changed in the deployment meanwhile, in the admin's words.
//
// The deployment's facts come from the new import: pools and their members, addresses and NAT,
// ports, services, the next hop, the product, the SIP domains, and the catalog's flows and
// scenarios for them. The user's facts stay as the file has them: the topology's name, peer
// names and address ranges (never in a topology export), listeners and services switched off,
// other accepted executables, peers the user added. Elements that are in both keep the file's ids,
// so that loaded snapshots, the selection and the expanded members still refer to them.
//
// Matching: pools and members by FQDN (any case), an address by its roles on the same side, a
// listener by its service and endpoints, a peer by kind and FQDN (by kind alone for the kinds
// that stand for "anyone on the Internet"). What an earlier import made (importKey) is matched
// by its key first: an address by the NetInterface it came from, a peer by its pool; a peer an
// earlier import made that the deployment no longer has is removed, one added by hand is kept.
struct DeploymentChange
{
    enum class Kind {
        Product,
        SipDomains,
        PoolAdded,
        PoolRemoved,
        Pool, // site, load balancing, next hop
        MemberAdded,
        MemberRemoved,
        Address, // an address, its NAT address or external FQDN; an address added or gone
        ListenerAdded,
        ListenerRemoved,
        ListenerMoved, // another port or transport
        PeerAdded,
        Peer,     // a pool peer's kind or servers
        PeerGone, // a peer the deployment no longer has (removed), or one added by hand (kept)
    };
    Kind kind = Kind::Pool;
    QString where; // "edgepool.contoso.local", "edge03.contoso.local", "topology"
    QString what;  // "Access Edge address 192.0.2.13 → 192.0.2.23"

    QString text() const { return where + QStringLiteral(": ") + what; }
    friend bool operator==(const DeploymentChange &, const DeploymentChange &) = default;
};

struct ReimportResult
{
    Topology topology; // the file brought up to date; valid when error is empty
    QList<DeploymentChange> changes;
    QString error; // the merged topology would not be valid (topologyfile::validate's words)

    bool ok() const { return error.isEmpty(); }
};

ReimportResult reimport(const Topology &current, const Topology &imported);

} // namespace edgemap
