#pragma once

#include "snapshot/judgement.h"

#include <QString>

#include <optional>

namespace edgemap {

// Windows' own listeners that show up among the unexpected sockets of an Edge capture (RPC,
// SMB, RDP, WinRM, NetBIOS...): what each is, so that an admin reads "SMB file sharing" instead
// of a bare port. One table, shared by the Problems list, the report, the command line and the
// tooltips.
struct WellKnownPort
{
    Transport transport = Transport::Tcp;
    int port = 0;
    QString name;        // "Remote Desktop (RDP)"
    QString explanation; // what it is and what to do about it on an Edge
};

// The entry for a transport and port; nullopt when it is not one of Windows' well-known ports.
std::optional<WellKnownPort> wellKnownPort(Transport transport, int port);

// "TCP 445 is SMB file sharing, a Windows service: ..." for an unexpected socket; empty when its
// port is not well known.
QString explainUnexpected(const UnexpectedListener &socket);

// A hardening finding for an unexpected socket (every unexpected socket is on an external
// address or on all interfaces): Remote Desktop reachable on the external interface. Empty when
// the socket is no such finding.
QString hardeningFinding(const UnexpectedListener &socket);
// The same naming `addresses` ("0.0.0.0 and [::]") instead of the socket's one address.
QString hardeningFinding(const UnexpectedListener &socket, const QString &addresses);

} // namespace edgemap
