#pragma once

#include "core/pathanalysis.h"
#include "core/topology.h"
#include "probe/probediagnosis.h"
#include "snapshot/checkset.h"

#include <QString>

#include <memory>

namespace edgemap {

// What the views draw and the exports write, as one plain value: the topology, its path
// analysis, the judged snapshots and the file they came from. Cheap to copy (implicit sharing
// and shared results), safe to hand to a worker thread, and untouched by later edits or
// snapshots.
struct DocumentState
{
    Topology topology;
    // The path analysis of `topology` (PathAnalysis::describes it): the instance the document
    // holds for this state, so that a worker judging or exporting the state uses the one the
    // GUI uses, and whichever asks first builds its graph for both. Never null in a state from
    // Document::state().
    std::shared_ptr<const PathAnalysis> analysis;
    CheckSet checks;
    ProbeDiagnosis probes; // the last probe run, joined with `checks`; empty before any
    QString filePath;
    bool modified = false;
};

} // namespace edgemap
