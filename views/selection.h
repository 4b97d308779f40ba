#pragma once

#include "core/elementref.h"

#include <QList>
#include <QObject>

namespace edgemap {

class Document;

// The current element of a document: the one thing the tree, the diagram, the listener table,
// the problems list, the details and the property editor all show as selected. Each pane reads
// it (currentChanged) and writes it (setCurrent) when the user picks something; no pane is its
// home and no window passes it around.
//
// One per document (of()), as Tiled keeps Document::currentObject: every pane already holds
// the Document, so they all find the same selection through it, and a second window or a pane
// made in a test shares it too. It is a child of the document like EstablishedSummaries, but
// lives in views/ because the model has no notion of what is shown; it is never saved and never
// on the undo stack.
//
// When the topology changes (an undo of an added member, a removed peer, another topology) and
// the current element is gone, the selection falls back to its nearest ancestor that survives,
// from the lineage recorded before the change; with none left it becomes invalid (the topology
// itself). Panes that follow the document's signals as well must ask for the selection (of())
// before connecting their own handlers, so that it has fallen back by the time they refresh.
class Selection : public QObject
{
    Q_OBJECT

public:
    // The document's selection, created on first use as a child of the document.
    static Selection *of(const Document &document);

    ElementRef current() const { return m_current; }
    // Makes `ref` current (invalid: nothing, the topology itself); currentChanged when it
    // differs. A reference that is not in the topology is taken as it is: panes that do not
    // show it show nothing.
    void setCurrent(const ElementRef &ref);

Q_SIGNALS:
    void currentChanged(const edgemap::ElementRef &current);

private:
    explicit Selection(const Document &document);
    void topologyChanged();

    const Document &m_document;
    ElementRef m_current;
    QList<ElementRef> m_lineage; // the current element and its ancestors, nearest first
};

} // namespace edgemap
