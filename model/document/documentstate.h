#pragma once

#include "core/topology.h"
#include "snapshot/checkset.h"

#include <QString>

namespace edgemap {

// What the views draw and the exports write, as one plain value: the topology, the judged
// snapshots and the file they came from. Cheap to copy (implicit sharing and shared results),
// safe to hand to a worker thread, and untouched by later edits or snapshots.
struct DocumentState
{
    Topology topology;
    CheckSet checks;
    QString filePath;
    bool modified = false;
};

} // namespace edgemap
