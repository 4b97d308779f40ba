#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace edgemap {

// One generated table (a server's port table, one firewall's rule matrix, a report section) as
// plain text cells, so that every output format writes the same content.
struct TextTable
{
    QString heading; // Markdown/HTML heading; CSV has none
    QString note;    // a sentence under the heading, optional
    QStringList columns;
    QList<QStringList> rows;
    // A column that holds a status word ("Missing"), or -1. Each row then has a status key
    // ("missing") in statusKeys: CSV writes the key (stable for scripts), HTML colours the cell.
    int statusColumn = -1;
    QStringList statusKeys;
    // A column that holds a Probe from Here verdict ("Blocked"), or -1, with its keys
    // ("blocked", keyOf(CombinedKind)) in probeKeys: as statusColumn; HTML looks the style up
    // as "probe:<key>".
    int probeColumn = -1;
    QStringList probeKeys;
};

// A document of tables with a title and facts (key: value lines) above them.
struct TableDocument
{
    QString title;
    QList<QPair<QString, QString>> facts;
    QStringList paragraphs; // summary lines under the facts
    QList<TextTable> tables;
};

// How the HTML writer colours a status cell. Passed in by the caller (the views' status style)
// so that model/ does not depend on views/. The word is always written next to the glyph:
// colour is never the only cue.
struct HtmlCellStyle
{
    QString fill; // "#rrggbb"
    QString text;
    QString border;
    QString glyph;
};
using HtmlStatusStyles = QHash<QString, HtmlCellStyle>; // by status key

namespace tablewriters {

// RFC 4180: one header (the first table's columns) and the rows of every table, which must share
// their columns; fields with a comma, quote, CR or LF are quoted, quotes doubled, CRLF line ends.
// UTF-8 without a byte order mark. A field a spreadsheet would run as a formula (= + - @ first,
// not a number) gets a leading apostrophe.
QByteArray csv(const TableDocument &document);
// CommonMark / GitHub tables: a heading per table; pipes, backslashes and markup characters
// escaped, line breaks inside a cell folded to spaces.
QByteArray markdown(const TableDocument &document);
// A self-contained UTF-8 page with inline CSS that prints well (@media print). Every text is
// escaped.
QByteArray html(const TableDocument &document, const HtmlStatusStyles &styles = {});

// Escaping of one field, exposed for tests.
QString csvField(const QString &field);
QString markdownCell(const QString &text);

} // namespace tablewriters

} // namespace edgemap
