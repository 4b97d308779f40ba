#pragma once

#include "core/ids.h"

#include <QString>

namespace edgemap {

struct Topology;

// The rules for what a user may type into a topology field, in one place: the property
// editor, the New topology wizard, the topology operations and the file checker all ask these,
// so that a file cannot hold what the editor refuses. Each returns why the text is refused, in
// the user's terms, or an empty string when it is fine.
namespace rules {

// A fully qualified DNS name: at least two parts between dots, each 1-63 letters, digits and
// inner hyphens (ASCII only), at most 253 characters in all. The reason names the first part
// that breaks the rule.
QString fqdnProblem(const QString &text);
// An address of a server interface: a unicast IPv4 or IPv6 address (not 0.0.0.0, not loopback).
QString serverAddressProblem(const QString &text);
// A peer address: an IP address or a subnet ("10.0.0.0/8").
QString peerAddressProblem(const QString &text);

// What already has this address as a server address or a NAT public address, in the user's
// terms ("address edge01-access (edge01.contoso.local)"); empty when nothing does. `except` is
// the address being edited, which may keep its own value.
QString addressUse(const Topology &topology, const QString &ip, const AddressId &except = {});

// The other listener of the same server that binds a socket `listener` would bind too (same
// transport, overlapping ports, the same address or either on all interfaces), named as the
// refusal of an edit of `listener` says it: "TCP 5061 on 172.25.33.10 is already used by
// listener edge01-int-tcp-5061 (RTCSRV)". Empty when there is none.
QString socketClash(const Topology &topology, const ListenerId &listener);

} // namespace rules
} // namespace edgemap
