#pragma once

#include "tablewriters.h"

namespace edgemap {

struct CheckResult;
struct Topology;

// A judged snapshot as a document for the change ticket or the colleague who was not there:
// the snapshot's facts, a summary, the problems first, then every listener, the scenarios and
// the unexpected listeners. Status cells carry keyOf(ListenerStatus) keys (scenarios: "ok" or
// "broken"), so that the HTML writer colours them from the shared status style.
// `check` must be ok().
TableDocument checkReportDocument(const Topology &topology, const CheckResult &check);

} // namespace edgemap
