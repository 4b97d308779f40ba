#pragma once

#include "core/elementref.h"

#include <QTextBrowser>

namespace edgemap {

class Document;
class Selection;

// Read-only details of one topology item as HTML: the socket, service and endpoints of a
// listener, the addresses of a server, the hops of a scenario. A widget of its own so that it
// can move from the centre into a dock once the diagram takes the centre.
//
// Shows the document's selection (Selection), the topology overview when nothing is selected, and
// follows every change of the document's topology (keeps the item when it still exists, falls back
// to the overview when it does not). Links are never followed: the text comes from an untrusted
// file.
class DetailsView : public QTextBrowser
{
    Q_OBJECT

public:
    explicit DetailsView(const Document &document, QWidget *parent = nullptr);

    ElementRef ref() const { return m_ref; }

public Q_SLOTS:
    // Makes the reference the document's selection (Selection), which this view follows; an
    // invalid reference shows the overview.
    void showRef(const edgemap::ElementRef &ref);

private:
    void follow(const ElementRef &ref);
    void refresh();

    const Document &m_document;
    Selection *m_selection;
    ElementRef m_ref;
};

} // namespace edgemap
