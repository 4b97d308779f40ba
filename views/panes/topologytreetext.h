#pragma once

#include "core/topology.h"

#include <QString>

namespace edgemap::treetext {

// What one tree row shows. Plain text except toolTip, which is HTML with every model string
// escaped (topology files are untrusted input).
struct Texts
{
    QString name;
    QString detail;
    QString toolTip;
    bool disabled = false;

    friend bool operator==(const Texts &, const Texts &) = default;
};

Texts pool(const EdgePool &pool);
Texts server(const EdgeServer &server);
Texts netInterface(const NetInterface &nic);
Texts address(const Address &address);
Texts listener(const Topology &topology, const Listener &listener);
Texts allInterfaces(qsizetype listenerCount);
Texts service(const Service &service);
Texts peer(const Peer &peer);
Texts scenario(const Scenario &scenario);
Texts group(const QString &name, qsizetype count);

// Shared with the details view, so both say the same thing the same way.
QString interfaceName(InterfaceSide side);
// "192.0.2.10 — Access Edge (NAT → 203.0.113.30)"
QString addressLabel(const Address &address);
QString peerLabel(const Peer &peer);
QString loadBalancingText(LoadBalancing lb);

} // namespace edgemap::treetext
