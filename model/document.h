#pragma once

#include "check.h"
#include "loaderror.h"
#include "snapshotdiff.h"
#include "topology.h"
#include "topologyedit.h"

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

    // A copy of the topology, file path and checks (with their comparisons) that no edit or new
    // snapshot will touch, with no thread affinity: a worker thread pulls it (moveToThread) and
    // renders or exports from it while the user goes on working. No undo history.
    std::unique_ptr<Document> frozenCopy() const;

    const Topology &topology() const { return m_topology; }
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
    LoadError setField(const FieldRef &ref, const QVariant &value);
    // Replaces the topology with an edited copy (add or remove a pool member, a peer...) as one
    // undo entry named `label`. Refused, with the reason and nothing changed, when the copy is
    // not a valid topology; a copy equal to the current topology is a no-op.
    LoadError applyEdit(const QString &label, Topology edited);

    // Snapshots judged against this topology, one per server (a pool has several members, each
    // captured on its own). View state: never saved with the topology, never on the undo stack.
    //
    // The result most recently delivered, good or not (a match error, for the UI to show);
    // nullptr before the first one and after clearChecks().
    const CheckResult *check() const { return m_latest.get(); }
    std::shared_ptr<const CheckResult> latestCheck() const { return m_latest; }
    // The good checks, one per server, in topology order.
    QList<std::shared_ptr<const CheckResult>> checks() const;
    const CheckResult *checkFor(const ServerId &server) const;
    // The check a server had before its current one (what changesFor compares against).
    const CheckResult *previousCheckFor(const ServerId &server) const;
    // Delivers a result. A good one replaces its server's check (the one it replaces becomes the
    // previous check and the two are compared); other servers keep theirs. A failed one only
    // becomes check(). nullptr is clearChecks().
    void setCheck(std::shared_ptr<const CheckResult> check);
    // The same with the comparison already made off the GUI thread against `base`; it is used
    // when `base` is still the server's check, else the comparison is made again here.
    struct Comparison
    {
        std::shared_ptr<const CheckResult> base;
        SnapshotDiff diff;
    };
    void setCheck(std::shared_ptr<const CheckResult> check, const Comparison &precomputed);
    // A server's checks judged again after a topology change: `replaces` is the check they were
    // made from; a result whose `replaces` is no longer the server's check is stale and ignored.
    struct Rejudged
    {
        std::shared_ptr<const CheckResult> replaces;
        std::shared_ptr<const CheckResult> current;
        std::shared_ptr<const CheckResult> previous; // may be null
        SnapshotDiff diff;                           // previous -> current
    };
    void applyRejudged(const QList<Rejudged> &results);
    void clearChecks();
    // The verdict on a listener from the check of the server that owns it; nullptr when that
    // server has none.
    const ListenerVerdict *verdict(const ListenerId &listener) const;

    // What changed on a server since its previous snapshot (like TCPView's new/closed marks);
    // nullptr when it has only one snapshot or the changes were acknowledged. A new snapshot
    // of the server replaces its changes with the comparison against the one before.
    const SnapshotDiff *changesFor(const ServerId &server) const;
    // The verdict change of one listener among the unacknowledged changes, nullptr when none.
    const StatusChange *changeOf(const ListenerId &listener) const;
    bool hasChanges() const { return !m_changedServers.isEmpty(); }
    // The user has seen the changes: markers go until the next snapshot brings new ones.
    void acknowledgeChanges();

Q_SIGNALS:
    // Another topology (resetTopology): views start fresh (fit, default folding).
    void topologyReplaced();
    // One value changed (setField, its undo and redo); no element came or went.
    void fieldChanged(const edgemap::FieldRef &ref);
    // Elements were added or removed (applyEdit, its undo and redo): a pool member, a peer.
    void structureChanged();
    void checkChanged();
    // The set of unacknowledged changes changed (a comparison arrived, or was acknowledged).
    void changesChanged();
    void filePathChanged(const QString &path);
    void modifiedChanged(bool modified);

private:
    Topology m_topology;
    QString m_filePath;
    bool m_modified = false;
    QUndoStack *m_undo = nullptr;

    struct ServerChecks
    {
        std::shared_ptr<const CheckResult> current;
        std::shared_ptr<const CheckResult> previous;
        SnapshotDiff diff;
        bool showChanges = false; // compared and not acknowledged
    };
    QHash<ServerId, ServerChecks> m_checks;
    std::shared_ptr<const CheckResult> m_latest;
    // Indexes rebuilt whenever the checks change, so that the views' per-listener lookups are
    // O(1) however many servers have checks.
    QHash<ListenerId, const ListenerVerdict *> m_verdicts;
    QHash<ListenerId, const StatusChange *> m_changeOf;
    QList<ServerId> m_changedServers;

    friend class FieldCommand;
    friend class TopologyCommand;
    void applyField(const FieldRef &ref, const QVariant &value);
    void applyTopology(const Topology &topology);
    // document_checks.cpp
    void announceTopology(bool replaced);
    bool dropChecksOfRemovedServers();
    void reindexChecks();
};

} // namespace edgemap
