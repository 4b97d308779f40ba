#pragma once

#include "core/topology.h"
#include "reports/tablewriters.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace edgemap {

// One DNS record the Edge deployment needs, with why it exists.
struct DnsRecord
{
    enum class View { External, Internal }; // public DNS, or the internal DNS servers
    View view = View::External;
    PoolId pool;
    QString poolFqdn;
    QString name;     // owner name without the trailing dot; a placeholder when not writable
    QString type;     // "A", "AAAA" or "SRV"
    int priority = 0; // SRV only
    int weight = 0;
    int port = 0;
    QString target; // the address (A, AAAA) or host (SRV); empty when the topology lacks it
    QString why;
    QString warning;      // what breaks, is missing or is wrong; empty when nothing
    bool writable = true; // false: the topology lacks an input, or a name is not a DNS name

    // The record data as a zone file writes it: "203.0.113.10", "0 0 443 sip.contoso.com."
    QString zoneData() const;
};

struct DnsPlan
{
    QString topologyName;
    Product product = Product::Lync2013;
    QStringList sipDomains;
    QList<DnsRecord> records; // external records first (A per pool, then SRV), then internal
    QString federationNote;   // with several pools: which one the SRV records publish
};

// TTL of every record in the zone format.
inline constexpr int kDnsTtl = 3600;

// The DNS records of the reference (M1, M13):
// - external: A (AAAA for IPv6) records for the Access, Web Conferencing and A/V Edge FQDNs to
//   their public addresses (the NAT public address where set), one per member; SRV
//   _sip._tls.<domain> to the Access Edge FQDN on the client SIP port,
//   _sipfederationtls._tcp.<domain> on the federation port, and _xmpp-server._tcp.<domain> on
//   the XMPP port with XMPP, for every SIP domain. Only one Edge pool per organisation is
//   published for federation: with several pools the SRV records name the first.
// - internal: A records for the Edge pool FQDN (one per member, internal address) and for each
//   member's FQDN.
// An SRV target outside the SIP domain's namespace gets a warning: it breaks automatic
// discovery by partners (and a trusted automatic sign-in by clients).
DnsPlan buildDnsPlan(const Topology &topology);

// One table per view (external, internal), with the same columns, so that CSV writes both.
TableDocument dnsRecordsDocument(const DnsPlan &plan);

// BIND zone-file lines: absolute names with trailing dots, TTL kDnsTtl, "IN A", "IN SRV 0 0 443
// sip.contoso.com."; comments group the external and internal records, give each name's reason
// and carry the warnings; a record that cannot be written is a comment saying what is missing.
QByteArray dnsZoneFile(const DnsPlan &plan);

} // namespace edgemap
