#pragma once

#include "check.h"
#include "loaderror.h"
#include "topology.h"
#include "topologyedit.h"

#include <QObject>
#include <QString>

#include <memory>

class QUndoStack;

namespace edgemap {

// The open topology and its file: the one object the GUI's views observe. It owns the model and
// its undo stack, and announces every change through signals (the scene, tree and tables never
// poll it). An edit is announced as topologyReset too: every view rebuilds from the topology,
// keeping its selection by reference.
class Document : public QObject
{
    Q_OBJECT

public:
    explicit Document(Topology topology, QObject *parent = nullptr);

    const Topology &topology() const { return m_topology; }
    // Replaces the whole topology (open, new); clears the modified flag.
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

    // The snapshot judged against this topology, nullptr before one is loaded. View state: never
    // saved with the topology and never on the undo stack.
    const CheckResult *check() const { return m_check.get(); }
    void setCheck(std::shared_ptr<const CheckResult> check);
    // The verdict on a listener from the current check, nullptr when there is none.
    const ListenerVerdict *verdict(const ListenerId &listener) const;

Q_SIGNALS:
    void topologyReset();
    void checkChanged();
    void filePathChanged(const QString &path);
    void modifiedChanged(bool modified);

private:
    Topology m_topology;
    QString m_filePath;
    bool m_modified = false;
    std::shared_ptr<const CheckResult> m_check;
    QUndoStack *m_undo = nullptr;

    friend class FieldCommand;
    friend class TopologyCommand;
    void applyField(const FieldRef &ref, const QVariant &value);
    void applyTopology(const Topology &topology);
};

} // namespace edgemap
