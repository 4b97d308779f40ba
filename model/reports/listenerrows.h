#pragma once

#include "core/topology.h"

#include <QList>
#include <QString>

namespace edgemap {

// A listener flattened for tables and machine-readable output: one row per socket, with the
// names resolved. The listener table, `edgemap show` and the exporters all start from these.
struct ListenerRow
{
    ListenerId id;
    ServerId serverId;
    QString server; // server FQDN
    InterfaceSide side = InterfaceSide::Internal;
    QString addressRoles; // "Access Edge", "Access Edge, Web Conferencing Edge, A/V Edge"
    QString address;      // expected IP (the internal IP for an all-interfaces listener)
    QString natPublicIp;
    bool allInterfaces = false;
    Transport transport = Transport::Tcp;
    int port = 0;
    int portEnd = 0;
    QString protocol; // endpoints' protocols joined with " / "
    ServiceId service;
    QString serviceName; // display name
    QString executable;
    QString purpose; // endpoints' purposes joined with "; "
    QString clients;
    bool dynamic = false;
    bool enabled = true;

    friend bool operator==(const ListenerRow &, const ListenerRow &) = default;
};

// Rows in a stable order: pools, servers, then internal before external, address, transport, port.
QList<ListenerRow> listenerRows(const Topology &topology);

// The address an all-interfaces listener is expected on: the server's internal address.
const Address *internalAddress(const EdgeServer &server);

} // namespace edgemap
