#pragma once

#include "core/topology.h"
#include "document/documentstate.h"
#include "document/topologyedit.h"
#include "io/error.h"
#include "probe/probediagnosis.h"
#include "snapshot/checkset.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include <memory>

class QUndoStack;

namespace edgemap {

// The open topology and its file: the one object the GUI's views observe. It owns the model and
// its undo stack, and announces every change through signals (the scene, tree and tables never
// poll it). Three kinds of change, so that views update in place (like Tiled's ChangeEvent and
// QtNodes' nodeUpdated): another topology (topologyReplaced), one value (fieldChanged) and
// elements added or removed (structureChanged).
class Document : public QObject
{
    Q_OBJECT

public:
    explicit Document(Topology topology, QObject *parent = nullptr);
    // A document over a copy of another's state (an export in a worker): no undo history.
    explicit Document(const DocumentState &state, QObject *parent = nullptr);

    const Topology &topology() const { return m_topology; }
    // The path analysis of topology(), one instance per topology state: replaced, before the
    // change is announced, by another topology, a structural edit (and their undo and redo) or
    // a field that the analysis reads (affectsPathAnalysis()); kept through every other field
    // edit, a new set of checks and a selection change. Its graph is built on first use, by
    // whichever thread asks first (the diagram, the details, a judging or exporting worker
    // given state()); a holder keeps the instance it has, so it never sees another topology's.
    const std::shared_ptr<const PathAnalysis> &analysis() const { return m_analysis; }
    // Replaces the whole topology (open, new, restored autosave); clears the modified flag and
    // the undo history, and announces topologyReplaced.
    void resetTopology(Topology topology, const QString &filePath);

    QString filePath() const { return m_filePath; }
    void setFilePath(const QString &path);

    bool isModified() const { return m_modified; }
    void setModified(bool modified);

    // Edits go through the undo stack, one entry each; the modified flag follows its clean state.
    QUndoStack *undoStack() const { return m_undo; }
    // Changes one value. Refused, with the reason and nothing changed, when the result would not
    // be a valid topology (bad address, duplicate socket, port out of range...).
    Error setField(const FieldRef &ref, const QVariant &value);
    // Replaces the topology with an edited copy (add or remove a pool member, a peer...) as one
    // undo entry named `label`. Refused, with the reason and nothing changed, when the copy is
    // not a valid topology; a copy equal to the current topology is a no-op.
    Error applyEdit(const QString &label, Topology edited);

    // Snapshots judged against this topology, one per server (view state: never saved with the
    // topology, never on the undo stack). The SnapshotController computes the next set off the
    // GUI thread and swaps it in; an edit that removes a server drops its checks.
    const CheckSet &checks() const { return m_checks; }
    // Announces checksChanged when `checks` differs from the current set.
    void setChecks(CheckSet checks);

    // The last probe run (Probe from Here) joined with the checks; empty before any run. View
    // state like the checks: never saved, never on the undo stack. Joined again when the checks
    // or the topology change; another topology drops it.
    const ProbeDiagnosis &probes() const { return m_probes; }
    // Announces probesChanged. A null run clears.
    void setProbeRun(std::shared_ptr<const ProbeRun> run);

    // A copy of everything an export or a report draws from, as a plain value for a worker
    // thread: later edits and snapshots do not touch it. It carries analysis().
    DocumentState state() const;

Q_SIGNALS:
    // Another topology (resetTopology): views start fresh (fit, default folding).
    void topologyReplaced();
    // One value changed (setField, its undo and redo); no element came or went.
    void fieldChanged(const edgemap::FieldRef &ref);
    // Elements were added or removed (applyEdit, its undo and redo): a pool member, a peer.
    void structureChanged();
    // checks() changed: a snapshot arrived, was judged again, or its changes were acknowledged.
    void checksChanged();
    // probes() changed: a run finished or was cleared, or was joined again with new checks or
    // another state of the topology.
    void probesChanged();
    void filePathChanged(const QString &path);
    void modifiedChanged(bool modified);

private:
    Topology m_topology;
    std::shared_ptr<const PathAnalysis> m_analysis; // of m_topology, never null
    QString m_filePath;
    bool m_modified = false;
    QUndoStack *m_undo = nullptr;

    CheckSet m_checks;
    ProbeDiagnosis m_probes;
    void joinProbes();

    friend class FieldCommand;
    friend class TopologyCommand;
    void applyField(const FieldRef &ref, const QVariant &value);
    void applyTopology(const Topology &topology);
    void announceTopology(bool replaced);
    void analyseTopology();
};

} // namespace edgemap
