#pragma once

#include "core/elementref.h"
#include "core/topology.h"

#include <QString>
#include <QVariant>

#include <optional>

namespace edgemap {

// One editable value of a topology, addressed by the element that holds it. Undo commands
// store these plus the before/after values, never pointers into the topology.
enum class Field {
    TopologyName,    // the topology itself (no element)
    PoolFqdn,        // pool
    ServerFqdn,      // server
    AddressIp,       // address
    AddressNatIp,    // address; empty: no NAT
    AddressFqdn,     // address
    ListenerPort,    // listener; int, keeps the range length
    ListenerEnabled, // listener; bool
    ServiceEnabled,  // service; bool
    PeerName,        // peer
    PeerAddresses,   // peer; QStringList
    SipDomains,      // the topology itself; QStringList, the default SIP domain first
};

// The kind of element that holds the field; None for the topology's own fields.
ElementRef::Kind holderKind(Field field);

// Whether a verdict on a snapshot (judgement, server matching, the comparison of two
// snapshots) can change when the field does: false for names and texts that are only shown
// (the topology and peer names, pool FQDN, an address's FQDN and NAT public IP, the SIP
// domains), so that editing them does not judge every loaded snapshot again. A server's FQDN
// does count: matchServer names servers by it (--server and the host-name tie-break).
bool affectsJudgement(Field field);

// Whether the path analysis of the topology (PathAnalysis::inputOf) reads the field: only the
// enabled flags of listeners and services do (a disabled listener carries no path). Document
// replaces its analysis when such a field changes and keeps it for every other field.
bool affectsPathAnalysis(Field field);

struct FieldRef
{
    Field field = Field::TopologyName;
    ElementRef element; // invalid for the topology's own fields

    // The topology's own fields (TopologyName, SipDomains).
    static FieldRef ofTopology(Field field) { return {field, {}}; }
    // The element is of the kind that holds the field.
    bool isValid() const { return element.kind() == holderKind(field); }

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

Q_DECLARE_METATYPE(edgemap::FieldRef)
