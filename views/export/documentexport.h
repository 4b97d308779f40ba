#pragma once

#include "reports/tablewriters.h"

#include <QByteArray>
#include <QString>

namespace edgemap {

// The pieces of document export that need QtGui: the shared status colours for the HTML writer,
// and PDF from that HTML.

// The light palette of the shared status style (statusstyle.h) for every listener status (keyed
// by keyOf), plus "broken" for scenarios and "unexpected": printed documents are light.
HtmlStatusStyles htmlStatusStyles();

// Lays out the HTML with QTextDocument on A4 landscape pages and writes the PDF atomically (see
// SaveFile). Needs a QGuiApplication (the offscreen platform will do).
// Returns an error message that names the path, empty on success.
QString writePdf(const QByteArray &html, const QString &title, const QString &path);

} // namespace edgemap
