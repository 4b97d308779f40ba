// Document: the judged snapshots, kept apart from the topology editing in document.cpp.
#include "document/document.h"

namespace edgemap {

void Document::announceTopology(bool replaced)
{
    // Checks survive an edit (the snapshot controller judges them again against the new
    // topology); only those of servers that are gone are dropped.
    CheckSet kept = m_checks.withoutServersMissingFrom(m_topology);
    const bool dropped = !(kept == m_checks);
    m_checks = std::move(kept);
    if (replaced)
        Q_EMIT topologyReplaced();
    else
        Q_EMIT structureChanged();
    if (dropped)
        Q_EMIT checksChanged();
}

void Document::setChecks(CheckSet checks)
{
    if (checks == m_checks)
        return;
    m_checks = std::move(checks);
    Q_EMIT checksChanged();
}

DocumentState Document::state() const
{
    return {m_topology, m_analysis, m_checks, m_filePath, m_modified};
}

} // namespace edgemap
