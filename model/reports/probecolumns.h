#pragma once

#include "core/ids.h"
#include "probe/probediagnosis.h"

#include <QString>
#include <QStringList>

namespace edgemap {

// The Probe from Here columns the port table and the check report add after a run: the verdict
// word (TextTable::probeColumn, keyed by keyOf(CombinedKind): the HTML writer colours it like the
// chips' badge, CSV writes the key),
// and the finding in the admin's words with any certificate findings.
struct ProbeCells
{
    QString word;    // "Blocked"; "Not probed" for a listener the run did not probe
    QString key;     // "blocked", "not-probed"
    QString finding; // "blocked between here and the Edge (...)"; certificate findings after
    bool problem = false;
};

ProbeCells probeCells(const ProbeDiagnosis &probes, const ListenerId &listener);

// "inside, from vm (192.0.2.2), 2026-12-05T15:14:49Z; resolver system; timeout 3000 ms"
QString probeRunText(const ProbeRun &run);
// "12 probes: 10 reachable, 2 problems, 1 certificate finding; scenarios that cannot work from
// here: 3"
QString probeSummaryText(const ProbeDiagnosis &probes);

// The column headers the tables add.
QStringList probeColumnNames();

} // namespace edgemap
