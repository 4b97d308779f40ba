#pragma once

#include "topology.h"

#include <QString>
#include <QVariant>

#include <optional>

namespace edgemap {

// One editable value of a topology, addressed by the id of the element that holds it. Undo
// commands store these plus the before/after values, never pointers into the topology.
enum class Field {
    TopologyName,    // id unused
    PoolFqdn,        // pool id
    ServerFqdn,      // server id
    AddressIp,       // address id
    AddressNatIp,    // address id; empty: no NAT
    AddressFqdn,     // address id
    ListenerPort,    // listener id; int, keeps the range length
    ListenerEnabled, // listener id; bool
    ServiceEnabled,  // service id; bool
    PeerName,        // peer id
    PeerAddresses,   // peer id; QStringList
    SipDomains,      // id unused; QStringList, the default SIP domain first
};

struct FieldRef
{
    Field field = Field::TopologyName;
    QString id;
    friend bool operator==(const FieldRef &, const FieldRef &) = default;
};

// The current value; nullopt when the element does not exist.
std::optional<QVariant> readField(const Topology &topology, const FieldRef &ref);
// Writes the value; false when the element does not exist or the value has the wrong type.
// It does not validate the result: Document::setField does, on a copy, before committing.
bool writeField(Topology &topology, const FieldRef &ref, const QVariant &value);
// "server FQDN of edge01", for undo labels.
QString describe(const FieldRef &ref);

} // namespace edgemap
