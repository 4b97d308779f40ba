#pragma once

#include "core/catalog.h"
#include "core/topology.h"
#include "io/error.h"
#include "reports/dnsrecords.h"

#include <QList>
#include <QString>

#include <optional>

namespace edgemap {

// Where EdgeMap runs, as the user says it: inside (an admin or Front End network, which reaches
// the Edge's internal interface) or outside (the Internet, which reaches the external interface
// through its public addresses and names).
enum class ProbeSide { Inside, Outside };

QString keyOf(ProbeSide side); // "inside", "outside"
std::optional<ProbeSide> probeSideFromString(const QString &text);

// Which address of a listener a target probes, and so what its answer says.
enum class ProbeVia {
    Internal,  // the internal address (inside)
    External,  // the external address itself (outside, no NAT)
    NatPublic, // the public address NAT translates to the external one (outside)
    Hairpin,   // the NAT public address from inside: the firewall must loop it back
    Name,      // an external FQDN, resolved when the run starts (outside), as a client does
};

QString keyOf(ProbeVia via); // "internal", "external", "nat-public", "hairpin", "name"

// One thing to probe: a socket on an address, or an external FQDN a client resolves first.
struct ProbeTarget
{
    ListenerId listener; // empty for a name target, which stands for the pool
    ServerId server;     // empty for a name target
    PoolId pool;
    ServiceId service;
    ProbeVia via = ProbeVia::Internal;
    QString host; // the IP probed; empty for a name target until its name resolves
    QString name; // a name target's FQDN
    Transport transport = Transport::Tcp;
    int port = 0;
    ProbeProtocol protocol = ProbeProtocol::Tcp;
    // The name the TLS clients of the listener ask for: the SNI sent, and the name the
    // certificate must cover. Empty when the topology has none (the name is then not checked).
    QString tlsName;
    // One port of the media range (allocated per call): refused is the expected answer.
    bool mediaSample = false;
    bool externalInterface = false; // the certificate is the pool's external one
    // "TCP 5061 on 172.25.33.10 (RTCSRV)", "TCP 443 on sip.contoso.com (name)"
    QString label;
};

// A listener the plan leaves out, and why ("disabled in the topology").
struct SkippedListener
{
    ListenerId listener;
    ServerId server;
    QString reason;
};

struct ProbePlanOptions
{
    ProbeSide side = ProbeSide::Inside;
    QString server; // a server id or FQDN: only its listeners; empty for all
    QString pool;   // a pool id or FQDN: only its servers; empty for all
    bool tls = true;
    bool dns = true;
    // Also probe one port of each TCP media range on the probed side (outside: the A/V address),
    // where refused is the expected answer: the classic telnet test that the firewall passes the
    // range. `mediaPort` picks the port (a test's); 0 picks one at random in the range.
    bool mediaSample = false;
    int mediaPort = 0;
    // Inside: also probe the NAT public address of each external listener (a hairpin test).
    bool hairpin = false;
};

// What a probe run will do, decided from the topology alone: nothing is sent while planning.
struct ProbePlan
{
    ProbePlanOptions options;
    QList<ProbeTarget> targets;     // listeners in topology order, then the name targets
    QList<SkippedListener> skipped; // every listener of the selected servers not probed
    QList<DnsRecord> dnsChecks;     // the records to resolve (outside external, inside internal)
    Error error;                    // a filter that matches nothing; the plan is then empty
};

// The plan for `options.side`:
// - inside: every active listener on a server's internal address; a listener bound on all
//   interfaces by design is probed on each internal address. With `hairpin`, the NAT public
//   addresses of the external listeners too, labelled as hairpin tests.
// - outside: every active listener on an external address, on its NAT public address when it
//   has one (the private address behind NAT is not routable from the Internet), else on the
//   address itself; and each external FQDN a listener's address publishes, once per socket of
//   the pool, resolved when the run starts.
// Never probed: the media range (allocated per call; see `mediaSample`), disabled listeners or
// services, UDP listeners that do not speak MS-TURN, the other side's listeners. Each is in
// `skipped` with the reason. TLS on the ports whose endpoints present a certificate (the
// catalog's "probe": "tls"); never on the A/V Edge's TCP 443 (MS-TURN, not TLS).
ProbePlan buildProbePlan(const Topology &topology, const ProbePlanOptions &options);

} // namespace edgemap
