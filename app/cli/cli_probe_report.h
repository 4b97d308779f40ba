// `edgemap probe`'s report: a run's results joined with the loaded snapshots' verdicts, as text
// or as the stable JSON the README documents.
#pragma once

#include "core/topology.h"
#include "probe/proberesult.h"
#include "probe/probeverdict.h"
#include "snapshot/check.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace edgemap::cli {

struct ProbeReport
{
    const Topology &topology;
    const ProbeRun &run;
    bool tls = true;
    bool dns = true;
    QList<CheckResult> checks;       // the snapshots given with --snapshot, one per server
    QList<CombinedVerdict> verdicts; // one per run.results, joined with its server's snapshot

    // Joins each result with the verdict of its listener in its server's snapshot, if any.
    static ProbeReport of(const Topology &topology, const ProbeRun &run, QList<CheckResult> checks);
    bool withSnapshots() const { return !checks.isEmpty(); }
    // A result that needs attention: its verdict is a problem, or its certificate has findings.
    bool isProblem(qsizetype result) const;
    // Whether anything needs attention: a result, a DNS record, or a run that did not finish.
    bool hasProblems() const;
};

QString probeText(const ProbeReport &report);
QString probeJson(const ProbeReport &report);

} // namespace edgemap::cli
