#include "selection.h"

#include "document.h"

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
    m_lineage = lineageOf(m_document.topology(), ref);
    if (ref == m_current)
        return;
    m_current = ref;
    Q_EMIT currentChanged(m_current);
}

void Selection::topologyChanged()
{
    const Topology &t = m_document.topology();
    if (!m_current.isValid() || exists(t, m_current)) {
        m_lineage = lineageOf(t, m_current);
        return;
    }
    for (const ElementRef &ref : std::as_const(m_lineage))
        if (exists(t, ref)) {
            setCurrent(ref);
            return;
        }
    setCurrent({});
}

} // namespace edgemap
