#include "panes/detailsview.h"

#include "document/document.h"
#include "panes/detailshtml.h"
#include "panes/establishedsummary.h"
#include "selection.h"

namespace edgemap {

DetailsView::DetailsView(const Document &doc, QWidget *parent)
    : QTextBrowser(parent)
    , m_document(doc)
    , m_selection(Selection::of(doc)) // before the document's signals: it falls back first
    , m_ref(m_selection->current())
{
    setObjectName(QStringLiteral("detailsView"));
    setOpenLinks(false);
    setOpenExternalLinks(false);
    setFrameShape(QFrame::NoFrame);
    document()->setDocumentMargin(16);
    connect(&doc, &Document::topologyReplaced, this, &DetailsView::refresh);
    connect(&doc, &Document::structureChanged, this, &DetailsView::refresh);
    connect(&doc, &Document::fieldChanged, this, &DetailsView::refresh);
    connect(&doc, &Document::checksChanged, this, &DetailsView::refresh);
    connect(EstablishedSummaries::of(doc), &EstablishedSummaries::changed, this, [this] {
        if (m_ref.kind() == ElementRef::Kind::Listener)
            refresh();
    });
    connect(m_selection, &Selection::currentChanged, this, &DetailsView::follow);
    refresh();
}

void DetailsView::showRef(const ElementRef &ref)
{
    if (ref == m_selection->current())
        follow(ref);
    else
        m_selection->setCurrent(ref);
}

void DetailsView::follow(const ElementRef &ref)
{
    m_ref = ref;
    refresh();
}

void DetailsView::refresh()
{
    const Topology &t = m_document.topology();
    // A listener is shown with its own server's check: a pool's members each have their own.
    const CheckResult *check = nullptr;
    const StatusChange *change = nullptr;
    const EstablishedSummary *established = nullptr;
    if (const ListenerId *listener = m_ref.as<ListenerId>()) {
        const ListenerId &id = *listener;
        established = EstablishedSummaries::of(m_document)->summary(id);
        if (const EdgeServer *server = t.serverOfListener(id))
            check = m_document.checks().checkFor(server->id);
        change = m_document.checks().changeOf(id);
    }
    // The document's path analysis: built once per topology change, not per selection.
    QString html = m_ref.isValid() ? detailshtml::forRef(t, *m_document.analysis(), m_ref, check,
                                                         change, established, &m_document.checks())
                                   : QString();
    if (html.isEmpty()) {
        m_ref = {};
        html = detailshtml::overview(t);
    }
    setHtml(html);
}

} // namespace edgemap
