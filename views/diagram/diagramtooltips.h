#pragma once

#include "snapshot/judgement.h"

#include "core/elementref.h"
#include "diagram/diagramlook.h"

#include <QString>

namespace edgemap {

class PathAnalysis;

// The diagram's tooltips in the admin's terms, as escaped HTML (every piece of model text is
// escaped: a topology file is untrusted input). Functions of values, so that they are computed
// when asked (re-colouring stays cheap, the text always shows the current check) and can be
// tested without a scene.
namespace diagramtooltips {

// A listener (with its verdict), peer, flow, service, server, address, a server's
// all-interfaces strip or a pool; empty for other kinds and for elements `state` does not have.
QString forRef(const DiagramInput &state, const PathAnalysis &analysis, const ElementRef &ref);
// A socket the snapshot shows that the topology does not expect.
// An unexpected socket's chip: the socket on each address it is bound to (0.0.0.0 and [::]
// twins share a chip), its process, and what it is when it is a well-known Windows port.
QString forUnexpected(const QList<UnexpectedListener> &sockets);
// One paragraph of a tooltip; `html` is already escaped.
QString paragraph(const QString &html);

} // namespace diagramtooltips

} // namespace edgemap
