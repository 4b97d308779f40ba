#include "detailsview.h"

#include "detailshtml.h"
#include "document.h"

namespace edgemap {

DetailsView::DetailsView(const Document &doc, QWidget *parent)
    : QTextBrowser(parent)
    , m_document(doc)
{
    setObjectName(QStringLiteral("detailsView"));
    setOpenLinks(false);
    setOpenExternalLinks(false);
    setFrameShape(QFrame::NoFrame);
    document()->setDocumentMargin(16);
    connect(&doc, &Document::topologyReset, this, &DetailsView::refresh);
    connect(&doc, &Document::checkChanged, this, &DetailsView::refresh);
    refresh();
}

void DetailsView::showRef(const TreeRef &ref)
{
    m_ref = ref;
    refresh();
}

void DetailsView::refresh()
{
    const Topology &t = m_document.topology();
    QString html = m_ref.isValid() ? detailshtml::forRef(t, m_ref, m_document.check()) : QString();
    if (html.isEmpty()) {
        m_ref = {};
        html = detailshtml::overview(t);
    }
    setHtml(html);
}

} // namespace edgemap
