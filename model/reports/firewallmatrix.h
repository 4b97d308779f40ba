#pragma once

#include "core/topology.h"
#include "reports/tablewriters.h"

#include <QList>
#include <QString>

#include <optional>

namespace edgemap {

class Catalog;

// One firewall rule: one flow of the topology between one concrete Edge address and a peer (or,
// for the members of a pool reaching each other, between the members' public addresses),
// written with the customer's own addresses. Source, destination and the firewall crossed are
// the primary facts; `microsoftDirection` is the word Microsoft's port tables use for it.
struct FirewallRule
{
    Firewall firewall = Firewall::External;
    FlowId flow;
    QString number;             // "E01", "I07": what a change request can refer to
    QString microsoftDirection; // "In" (less to more trusted network) or "Out", see below
    ServerId server;            // the Edge server whose address the rule names (empty: the pool's)
    QString source;      // "Remote users: Any (Internet)", "10.45.16.10 (edge01..., Access Edge)"
    QString destination; // the same forms
    QString natPublicIp; // public address of the Edge end where it is NATed, else empty
    Transport transport = Transport::Tcp;
    int sourcePort = 0; // 0: any source port
    int sourcePortEnd = 0;
    int port = 0; // destination port(s)
    int portEnd = 0;
    QString protocol;
    QString purpose;
    bool optional = false; // only some deployments need it (this topology's product)
    QString versions;      // product versions the catalog applies the flow to
};

struct FirewallMatrix
{
    QString topologyName;
    Product product = Product::Lync2013;
    QList<FirewallRule> rules; // external rules first, then internal; flow order, then server
};

// The rule matrix of the external and internal firewalls from the topology's flows (flows with
// firewall "none" are left out). The catalog gives the product versions of each flow.
//
// Microsoft's word for a rule's direction: its port tables call traffic from a less trusted to a
// more trusted network "in" and the reverse "out". On the external firewall, Internet -> Edge is
// In and Edge -> Internet is Out; on the internal firewall, internal servers -> Edge is Out
// (Microsoft: Front End -> Edge "outbound") and Edge -> internal servers is In.
FirewallMatrix buildFirewallMatrix(const Topology &topology, const Catalog &catalog);
FirewallMatrix buildFirewallMatrix(const Topology &topology);

// One table per firewall; `only` keeps one of them. Every table has the same columns, so that
// CSV writes both as one.
TableDocument firewallMatrixDocument(const FirewallMatrix &matrix,
                                     std::optional<Firewall> only = std::nullopt);

// "Lync 2013", "SfB 2019", "SfB SE": the short product names the matrix uses.
QString shortProductName(Product product);

} // namespace edgemap
