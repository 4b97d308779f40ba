#pragma once

#include "reports/tablewriters.h"

namespace edgemap {

struct CheckResult;
struct ProbeDiagnosis;
struct Topology;

// A judged snapshot as a document for the change ticket or the colleague who was not there:
// the snapshot's facts, a summary, the problems first, then every listener, the scenarios and
// the unexpected listeners. Status cells carry keyOf(ListenerStatus) keys (scenarios: "ok" or
// "broken"), so that the HTML writer colours them from the shared status style.
// `check` must be ok(). With a Probe from Here run (`probes`, joined with the checks), the facts
// say where it ran from, the listener tables have its "From here" columns, and a listener that
// is fine in the snapshot but not from here is among the problems.
TableDocument checkReportDocument(const Topology &topology, const CheckResult &check,
                                  const ProbeDiagnosis *probes = nullptr);
// Several servers' checks (a pool whose members were each captured) in one document: a report
// per server, in the order given, its facts, summary and tables headed with the server's FQDN.
// One check gives the same document as above. Every check must be ok().
TableDocument checkReportDocument(const Topology &topology,
                                  const QList<const CheckResult *> &checks,
                                  const ProbeDiagnosis *probes = nullptr);

} // namespace edgemap
