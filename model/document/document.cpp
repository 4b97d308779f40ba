#include "document/document.h"

#include "core/rules.h"
#include "io/topologyfile.h"

#include <QCoreApplication>
#include <QUndoCommand>
#include <QUndoStack>

namespace edgemap {

// One value changed: the field's address and both values, nothing else.
class FieldCommand : public QUndoCommand
{
public:
    FieldCommand(Document &doc, FieldRef ref, QVariant before, QVariant after)
        : m_doc(doc)
        , m_ref(std::move(ref))
        , m_before(std::move(before))
        , m_after(std::move(after))
    {
        setText(QCoreApplication::translate("edgemap::Document", "Change %1").arg(describe(m_ref)));
    }
    void redo() override { m_doc.applyField(m_ref, m_after); }
    void undo() override { m_doc.applyField(m_ref, m_before); }

private:
    Document &m_doc;
    FieldRef m_ref;
    QVariant m_before;
    QVariant m_after;
};

// A structural edit: the whole topology before and after. Topologies are small (a few hundred
// listeners at most), so two copies per undo entry cost less than per-kind inverse operations.
class TopologyCommand : public QUndoCommand
{
public:
    TopologyCommand(Document &doc, const QString &label, Topology before, Topology after)
        : m_doc(doc)
        , m_before(std::move(before))
        , m_after(std::move(after))
    {
        setText(label);
    }
    void redo() override { m_doc.applyTopology(m_after); }
    void undo() override { m_doc.applyTopology(m_before); }

private:
    Document &m_doc;
    Topology m_before;
    Topology m_after;
};

Document::Document(Topology topology, QObject *parent)
    : QObject(parent)
    , m_topology(std::move(topology))
    , m_analysis(std::make_shared<const PathAnalysis>(m_topology))
    , m_undo(new QUndoStack(this))
{
    connect(m_undo, &QUndoStack::cleanChanged, this, [this](bool clean) { setModified(!clean); });
}

Document::Document(const DocumentState &state, QObject *parent)
    : Document(state.topology, parent)
{
    // The state's own analysis: built once for the state, wherever it is used.
    if (state.analysis)
        m_analysis = state.analysis;
    m_filePath = state.filePath;
    m_checks = state.checks;
    m_probes = state.probes;
}

Error Document::setField(const FieldRef &ref, const QVariant &value)
{
    const std::optional<QVariant> before = readField(m_topology, ref);
    if (!before)
        return Error::plain(tr("%1 does not exist").arg(describe(ref)));
    if (*before == value)
        return {};
    Topology candidate = m_topology;
    if (!writeField(candidate, ref, value))
        return Error::plain(
                tr("%1 cannot take the value '%2'").arg(describe(ref), value.toString()));
    // A socket clash said from the edited listener's side (the file check names whichever of
    // the two listeners comes first in the file).
    if (const ListenerId *listener = ref.element.as<ListenerId>())
        if (const QString clash = rules::socketClash(candidate, *listener); !clash.isEmpty())
            return Error::plain(clash);
    if (Error e = topologyfile::validate(candidate); e.isError())
        return e;
    m_undo->push(new FieldCommand(*this, ref, *before, value));
    return {};
}

Error Document::applyEdit(const QString &label, Topology edited)
{
    if (edited == m_topology)
        return {};
    if (Error e = topologyfile::validate(edited); e.isError())
        return e;
    m_undo->push(new TopologyCommand(*this, label, m_topology, std::move(edited)));
    return {};
}

void Document::applyTopology(const Topology &topology)
{
    m_topology = topology;
    analyseTopology();
    announceTopology(false);
}

void Document::applyField(const FieldRef &ref, const QVariant &value)
{
    writeField(m_topology, ref, value);
    // The analysis reads few fields: for any other, the one it has still describes the topology.
    if (affectsPathAnalysis(ref.field))
        analyseTopology();
    // No server comes or goes with a field: the checks stay as they are.
    Q_EMIT fieldChanged(ref);
}

// A new analysis object for the new topology; its graph is built when first asked for. Holders
// of the old one (a worker, the diagram until it updates) keep theirs, which describes their
// topology.
void Document::analyseTopology()
{
    m_analysis = std::make_shared<const PathAnalysis>(m_topology);
}

void Document::resetTopology(Topology topology, const QString &filePath)
{
    m_topology = std::move(topology);
    analyseTopology();
    m_undo->clear();
    setFilePath(filePath);
    setModified(false);
    announceTopology(true);
}

void Document::setFilePath(const QString &path)
{
    if (m_filePath == path)
        return;
    m_filePath = path;
    Q_EMIT filePathChanged(path);
}

void Document::setModified(bool modified)
{
    if (!modified)
        m_undo->setClean();
    else if (m_undo->isClean())
        // Modified with nothing to undo (a new topology from the wizard, a restored autosave):
        // no undo or redo may bring the stack back to a "clean" state that was never saved.
        m_undo->resetClean();
    if (m_modified == modified)
        return;
    m_modified = modified;
    Q_EMIT modifiedChanged(modified);
}

} // namespace edgemap
