#include "reports/tablewriters.h"

#include <algorithm>

namespace edgemap::tablewriters {

namespace {

const QString kCrlf = QStringLiteral("\r\n");

QString cellText(const TextTable &table, qsizetype row, qsizetype column)
{
    if (column == table.statusColumn && row < table.statusKeys.size())
        return table.statusKeys.at(row);
    if (column == table.probeColumn && row < table.probeKeys.size())
        return table.probeKeys.at(row);
    return table.rows.at(row).value(column);
}

QString markdownText(const QString &text)
{
    // Markup characters are escaped too: a peer called "*Partner*" or "<b>" must print as typed.
    static const QString kSpecial = QStringLiteral("\\|`*_<>[]");
    QString out;
    out.reserve(text.size() + 8);
    for (const QChar c : text) {
        if (c == QLatin1Char('\r') || c == QLatin1Char('\n')) {
            if (!out.endsWith(QLatin1Char(' ')))
                out += QLatin1Char(' ');
            continue;
        }
        if (kSpecial.contains(c))
            out += QLatin1Char('\\');
        out += c;
    }
    return out.trimmed();
}

QString markdownRow(const QStringList &cells)
{
    QStringList escaped;
    for (const QString &c : cells)
        escaped.append(markdownCell(c));
    return QStringLiteral("| ") + escaped.join(QStringLiteral(" | ")) + QStringLiteral(" |\n");
}

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

// Inline CSS so that the page is one self-contained file. The print rules keep the status
// colours (browsers drop backgrounds when printing unless told) and repeat table headers.
const char kCss[]
        = R"(body { font-family: "Segoe UI", Arial, Helvetica, sans-serif; font-size: 10pt;
       color: #212121; margin: 16px; }
h1 { font-size: 16pt; margin: 0 0 8px 0; }
h2 { font-size: 12.5pt; margin: 18px 0 6px 0; }
p.note { margin: 2px 0 6px 0; color: #455a64; }
table { border-collapse: collapse; width: 100%; margin-bottom: 10px; }
th, td { border: 1px solid #b0bec5; padding: 3px 5px; text-align: left; vertical-align: top; }
th { background-color: #eceff1; }
table.facts { width: auto; }
table.facts th { font-weight: normal; color: #455a64; }
td.status { font-weight: bold; white-space: nowrap; }
@media print {
  body { margin: 0; font-size: 8pt; }
  h2 { page-break-after: avoid; }
  tr { page-break-inside: avoid; }
  thead { display: table-header-group; }
  td.status, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)";

QString htmlStatusCell(const QString &word, const QString &key, const HtmlStatusStyles &styles)
{
    const auto it = styles.constFind(key);
    if (it == styles.cend())
        return QStringLiteral("<td class=\"status\">%1</td>").arg(esc(word));
    const HtmlCellStyle &s = *it;
    // bgcolor as well as the style: Qt's rich text (the PDF path) honours the attribute reliably.
    return QStringLiteral("<td class=\"status\" bgcolor=\"%1\" style=\"background-color: %1; "
                          "color: %2; border-left: 3px solid %3;\">%4%5</td>")
            .arg(esc(s.fill), esc(s.text), esc(s.border),
                 s.glyph.isEmpty() ? QString() : esc(s.glyph) + QLatin1Char(' '), esc(word));
}

QString htmlTable(const TextTable &t, const HtmlStatusStyles &styles)
{
    QString out;
    if (!t.heading.isEmpty())
        out += QStringLiteral("<h2>%1</h2>\n").arg(esc(t.heading));
    if (!t.note.isEmpty())
        out += QStringLiteral("<p class=\"note\">%1</p>\n").arg(esc(t.note));
    if (t.rows.isEmpty())
        return out;
    // The width attribute as well: Qt's rich text (the PDF path) ignores the CSS width.
    out += QStringLiteral("<table width=\"100%\" border=\"1\" cellspacing=\"0\" "
                          "cellpadding=\"3\">\n<thead><tr>");
    for (const QString &c : t.columns)
        out += QStringLiteral("<th>%1</th>").arg(esc(c));
    out += QStringLiteral("</tr></thead>\n<tbody>\n");
    for (qsizetype r = 0; r < t.rows.size(); ++r) {
        out += QStringLiteral("<tr>");
        for (qsizetype c = 0; c < t.columns.size(); ++c) {
            const QString text = t.rows.at(r).value(c);
            if (c == t.statusColumn)
                out += htmlStatusCell(text, t.statusKeys.value(r), styles);
            else if (c == t.probeColumn)
                out += htmlStatusCell(text, QStringLiteral("probe:") + t.probeKeys.value(r),
                                      styles);
            else
                out += QStringLiteral("<td>%1</td>").arg(esc(text));
        }
        out += QStringLiteral("</tr>\n");
    }
    out += QStringLiteral("</tbody>\n</table>\n");
    return out;
}

} // namespace

QString csvField(const QString &text)
{
    // CSV injection: a spreadsheet takes a cell starting with = + - @ (or a tab or CR before one)
    // for a formula, so a name from a topology or a process from a snapshot could run one when
    // the firewall team opens the file. Such a cell is written as text with a leading apostrophe,
    // unless it is a plain number.
    QString field = text;
    static const QString kFormulaStart = QStringLiteral("=+-@\t\r");
    if (!field.isEmpty() && kFormulaStart.contains(field.front())) {
        bool number = false;
        field.toDouble(&number);
        if (!number)
            field.prepend(QLatin1Char('\''));
    }
    static const QString kQuoteWhen = QStringLiteral(",\"\r\n");
    const bool quote = std::any_of(field.cbegin(), field.cend(),
                                   [](QChar c) { return kQuoteWhen.contains(c); });
    if (!quote)
        return field;
    QString out = field;
    out.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + out + QLatin1Char('"');
}

QString markdownCell(const QString &text)
{
    return markdownText(text);
}

QByteArray csv(const TableDocument &document)
{
    QString out;
    if (document.tables.isEmpty())
        return {};
    QStringList header;
    for (const QString &c : document.tables.first().columns)
        header.append(csvField(c));
    out += header.join(QLatin1Char(',')) + kCrlf;
    for (const TextTable &t : document.tables) {
        for (qsizetype r = 0; r < t.rows.size(); ++r) {
            QStringList fields;
            for (qsizetype c = 0; c < t.columns.size(); ++c)
                fields.append(csvField(cellText(t, r, c)));
            out += fields.join(QLatin1Char(',')) + kCrlf;
        }
    }
    return out.toUtf8();
}

QByteArray markdown(const TableDocument &document)
{
    QString out = QStringLiteral("# %1\n\n").arg(markdownText(document.title));
    for (const auto &[key, value] : document.facts)
        out += QStringLiteral("- **%1:** %2\n").arg(markdownText(key), markdownText(value));
    if (!document.facts.isEmpty())
        out += QLatin1Char('\n');
    for (const QString &p : document.paragraphs)
        out += markdownText(p) + QStringLiteral("\n\n");
    for (const TextTable &t : document.tables) {
        if (!t.heading.isEmpty())
            out += QStringLiteral("## %1\n\n").arg(markdownText(t.heading));
        if (!t.note.isEmpty())
            out += markdownText(t.note) + QStringLiteral("\n\n");
        if (t.rows.isEmpty())
            continue;
        out += markdownRow(t.columns);
        out += QStringLiteral("|") + QStringLiteral("---|").repeated(t.columns.size())
               + QLatin1Char('\n');
        for (const QStringList &row : t.rows)
            out += markdownRow(row);
        out += QLatin1Char('\n');
    }
    return out.toUtf8();
}

QByteArray html(const TableDocument &document, const HtmlStatusStyles &styles)
{
    QString out = QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
                                 "charset=\"utf-8\">\n<title>%1</title>\n<style>\n")
                          .arg(esc(document.title));
    out += QString::fromUtf8(kCss);
    out += QStringLiteral("</style>\n</head>\n<body>\n<h1>%1</h1>\n").arg(esc(document.title));
    if (!document.facts.isEmpty()) {
        out += QStringLiteral("<table class=\"facts\" border=\"1\" cellspacing=\"0\" "
                              "cellpadding=\"3\">\n");
        for (const auto &[key, value] : document.facts)
            out += QStringLiteral("<tr><th>%1</th><td>%2</td></tr>\n").arg(esc(key), esc(value));
        out += QStringLiteral("</table>\n");
    }
    for (const QString &p : document.paragraphs)
        out += QStringLiteral("<p>%1</p>\n").arg(esc(p));
    for (const TextTable &t : document.tables)
        out += htmlTable(t, styles);
    out += QStringLiteral("</body>\n</html>\n");
    return out.toUtf8();
}

} // namespace edgemap::tablewriters
