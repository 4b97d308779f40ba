// Document: the judged snapshots and the probe run, kept apart from the topology editing in
// document.cpp.
#include "document/document.h"

namespace edgemap {

void Document::announceTopology(bool replaced)
{
    // Checks survive an edit (the snapshot controller judges them again against the new
    // topology); only those of servers that are gone are dropped.
    CheckSet kept = m_checks.withoutServersMissingFrom(m_topology);
    const bool dropped = !(kept == m_checks);
    m_checks = std::move(kept);
    // A probe run describes the deployment it probed: another topology drops it; an edit joins
    // it again (a listener gone joins nothing, the scenarios are those of the edited topology).
    const bool hadProbes = !m_probes.isEmpty();
    if (replaced)
        m_probes = {};
    else if (hadProbes)
        joinProbes();
    if (replaced)
        Q_EMIT topologyReplaced();
    else
        Q_EMIT structureChanged();
    if (dropped)
        Q_EMIT checksChanged();
    if (hadProbes)
        Q_EMIT probesChanged();
}

void Document::setChecks(CheckSet checks)
{
    if (checks == m_checks)
        return;
    m_checks = std::move(checks);
    if (!m_probes.isEmpty())
        joinProbes();
    Q_EMIT checksChanged();
    if (!m_probes.isEmpty())
        Q_EMIT probesChanged();
}

void Document::setProbeRun(std::shared_ptr<const ProbeRun> run)
{
    m_probes.run = std::move(run);
    joinProbes();
    Q_EMIT probesChanged();
}

// A few hundred results against a few hundred listeners: well under a millisecond.
void Document::joinProbes()
{
    m_probes = diagnoseProbes(m_topology, *m_analysis, m_probes.run, m_checks);
}

DocumentState Document::state() const
{
    return {m_topology, m_analysis, m_checks, m_probes, m_filePath, m_modified};
}

} // namespace edgemap
