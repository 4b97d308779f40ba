#pragma once

#include "core/pathanalysis.h"
#include "core/topology.h"
#include "probe/proberesult.h"
#include "probe/probeverdict.h"
#include "snapshot/checkset.h"

#include <QHash>
#include <QList>

#include <memory>

namespace edgemap {

// What a probe run says about one listener: its results, the one that says most, and that one
// joined with the snapshot of its server.
struct ListenerProbe
{
    ServerId server;
    QList<int> results; // indexes into ProbeRun::results, in plan order
    int worst = -1;     // the index of ProbeRun::worstResultOf
    CombinedVerdict verdict;
    // Not working from here (blocked, not listening, refused, no answer...): scenario impact
    // counts it as down.
    bool down = false;
};

// Counts of a diagnosis, for the status bar, the Probes pane and the Problems summary.
struct ProbeCounts
{
    int probes = 0;      // results, media samples and names included
    int reachable = 0;   // open or answering
    int problems = 0;    // verdicts that are problems (CombinedVerdict::problem)
    int tlsFindings = 0; // certificate findings, warnings included
    int dnsProblems = 0; // DNS checks not OK
    int brokenScenarios = 0;
};

// A probe run joined with the snapshots judged against the topology: one verdict per result and
// per listener, and the scenarios that cannot work from here. Plain values; `run` is shared.
struct ProbeDiagnosis
{
    std::shared_ptr<const ProbeRun> run;
    QList<CombinedVerdict> verdicts; // one per run->results, in the same order
    QHash<ListenerId, ListenerProbe> listeners;
    // Scenarios broken on a server by the listeners down from here or in its snapshot.
    QList<ScenarioImpact> impact;
    ProbeCounts counts;

    const ListenerProbe *of(const ListenerId &listener) const;
    bool isEmpty() const { return !run; }
};

// Whether a verdict means the listener does not work from here (for scenario impact): blocked,
// not listening, bound to the wrong address, down, another program's, refused, no answer.
bool isDownFromHere(CombinedKind kind);

// Joins `run` with the checks (the snapshot of each result's server, when one is loaded) and
// recomputes the scenario impact with `analysis` (of `topology`). A result whose listener the
// topology no longer has (edited since the run) keeps its probe words and joins no listener.
ProbeDiagnosis diagnoseProbes(const Topology &topology, const PathAnalysis &analysis,
                              std::shared_ptr<const ProbeRun> run, const CheckSet &checks);

} // namespace edgemap
