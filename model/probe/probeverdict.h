#pragma once

#include "core/topology.h"
#include "probe/proberesult.h"
#include "snapshot/judgement.h"

#include <QList>
#include <QString>

namespace edgemap {

// One listener's diagnosis from both halves of the classic method: what the snapshot says is
// bound on the Edge, and what the probe reached from here.
enum class CombinedKind {
    NotProbed,        // the run ended before this probe did
    Unresolved,       // a name target's name does not resolve
    Reachable,        // no snapshot: something took the connection or answered
    Refused,          // no snapshot: refused
    NoAnswer,         // no snapshot: timed out, no answer, or unreachable
    Working,          // bound + reachable
    Blocked,          // bound + not reachable: something between here and the Edge
    NotListening,     // not bound + refused: the service is not listening
    WrongAddress,     // bound on another address of the server; not reachable on the expected one
    DownPathUnknown,  // not bound + no answer: the service is down, and the path may be blocked too
    WrongProcess,     // another program holds the socket
    ReachableUnbound, // not bound on the expected address, yet something answers there
    MediaExpected,    // one port of the media range refused: as it should be
    MediaFiltered,    // one port of the media range timed out: the firewall drops the range
    MediaOpen,        // one port of the media range open: a relay allocated right now
};

QString keyOf(CombinedKind kind); // "working", "blocked", "not-listening", ...
QString displayName(CombinedKind kind);
// Every kind, in declaration order (for style tables and their tests).
QList<CombinedKind> allCombinedKinds();

struct CombinedVerdict
{
    CombinedKind kind = CombinedKind::NotProbed;
    QString words;  // the finding in the admin's words, e.g. "blocked between here and the Edge
                    // (firewall, NAT or routing)"
    QString detail; // the facts of both halves behind it
    bool problem = false; // something to fix (or, not probed, to run again)
    // The snapshot's verdict it was joined with; NotChecked without a snapshot.
    ListenerStatus snapshot = ListenerStatus::NotChecked;
    QList<TlsFinding> tls; // certificate findings: their own findings, whatever the kind

    // Something to show among the problems: the verdict is one, or the certificate has a
    // finding (a warning included).
    bool needsAttention() const { return problem || !tls.isEmpty(); }
};

// Joins a probe result with the snapshot's verdict on its listener (`snapshot`: nullptr when no
// snapshot of its server is loaded; `down`: the service-down finding the listener belongs to,
// if any, whose words name the service). A pure function:
// - bound (OK, exposed) + reachable: working; + refused, timed out or unreachable: blocked
//   between here and the Edge (a hairpin test: the firewall does not loop the public address
//   back);
// - missing + refused: service not listening (naming the service); + timed out: service down and
//   path unknown; + reachable: reachable though the snapshot shows nothing (stale snapshot, or a
//   device in between answers);
// - wrong address + refused or silent: bound to the wrong address; + reachable: as missing;
// - wrong process: another program holds the port;
// - without a snapshot (or unknown, not checked): the probe's own words;
// - a media-range sample: refused is expected, timed out means the firewall drops the range,
//   open a relay port allocated right now; none is a problem;
// - not probed (the run ended first), unresolved names: said so.
CombinedVerdict combineVerdict(const Topology &topology, const ProbeResult &probe,
                               const ListenerVerdict *snapshot, const ServiceDown *down = nullptr);
// The same with the judgement of the probe's server (nullptr, or another server's: no snapshot
// of it), from which the listener's verdict and its service-down finding are taken.
CombinedVerdict combineWithJudgement(const Topology &topology, const ProbeResult &probe,
                                     const Judgement *judgement);

} // namespace edgemap
