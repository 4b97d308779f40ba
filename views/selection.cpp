#include "selection.h"

#include "document/document.h"

namespace edgemap {

Selection *Selection::of(const Document &document)
{
    if (auto *existing = document.findChild<Selection *>(QString(), Qt::FindDirectChildrenOnly))
        return existing;
    return new Selection(document);
}

Selection::Selection(const Document &document)
    // Owned by the document like an attached property; parenting changes no state of it.
    : QObject(const_cast<Document *>(&document))
    , m_document(document)
{
    connect(&document, &Document::topologyReplaced, this, &Selection::topologyChanged);
    connect(&document, &Document::structureChanged, this, &Selection::topologyChanged);
    // A field changes no element's existence, but it may change what the lineage would be
    // tomorrow (nothing today): recording it again is cheap and keeps one rule.
    connect(&document, &Document::fieldChanged, this, &Selection::topologyChanged);
}

void Selection::setCurrent(const ElementRef &ref)
{
    // A copy first: `ref` may be an element of m_lineage, which the next line replaces.
    const ElementRef next = ref;
    m_lineage = lineageOf(m_document.topology(), next);
    if (next == m_current)
        return;
    m_current = next;
    Q_EMIT currentChanged(m_current);
}

void Selection::topologyChanged()
{
    const Topology &t = m_document.topology();
    if (!m_current.isValid() || exists(t, m_current)) {
        m_lineage = lineageOf(t, m_current);
        return;
    }
    const QList<ElementRef> lineage = m_lineage; // setCurrent replaces m_lineage
    for (const ElementRef &ref : lineage)
        if (exists(t, ref)) {
            setCurrent(ref);
            return;
        }
    setCurrent({});
}

} // namespace edgemap
