// The table writers: CSV that reads back field for field (RFC 4180), Markdown and HTML that print
// hostile names as typed, status cells with colour and word, and atomic output files.
#include "export/documentexport.h"
#include "reports/firewallmatrix.h"
#include "reports/porttable.h"
#include "reports/tablewriters.h"
#include "statusstyle.h"
#include "support/tst_csv_util.h"
#include "support/tst_tables_util.h"

#include <QTest>

using namespace edgemap;

namespace {

using csvtest::parseCsv;

const QString kHostile
        = QStringLiteral("Partner, \"Fabrikam\"\r\nline 2 | <script>alert(1)</script> "
                         "*x* _y_ \\ [z]");

Topology hostileTopology()
{
    Topology t = tablestest::templateTopology(QStringLiteral("three-ip"));
    for (Peer &p : t.peers)
        if (p.id.value() == QLatin1String("federated-partners"))
            p.name = kHostile;
    t.name = QStringLiteral("<b>Contoso</b> & \"Co\"");
    return t;
}

} // namespace

class TstTableWriters : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void csvFields_data();
    void csvFields();
    void csvReadsBack();
    void markdownEscapes();
    void htmlEscapesHostileNames();
    void htmlStatusCellsHaveColourAndWord();
};

void TstTableWriters::csvFields_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("written");
    QTest::newRow("plain") << QStringLiteral("RTCSrv.exe") << QStringLiteral("RTCSrv.exe");
    QTest::newRow("comma") << QStringLiteral("a, b") << QStringLiteral("\"a, b\"");
    QTest::newRow("quote") << QStringLiteral("say \"hi\"") << QStringLiteral("\"say \"\"hi\"\"\"");
    QTest::newRow("newline") << QStringLiteral("a\nb") << QStringLiteral("\"a\nb\"");
    QTest::newRow("carriage return") << QStringLiteral("a\rb") << QStringLiteral("\"a\rb\"");
    QTest::newRow("empty") << QString() << QString();
    // Spreadsheet formulas from a topology or snapshot are written as text.
    QTest::newRow("formula =") << QStringLiteral("=HYPERLINK(\"http://x\")")
                               << QStringLiteral("\"'=HYPERLINK(\"\"http://x\"\")\"");
    QTest::newRow("formula +") << QStringLiteral("+cmd|' /C calc'!A0")
                               << QStringLiteral("'+cmd|' /C calc'!A0");
    QTest::newRow("formula -") << QStringLiteral("-2+3") << QStringLiteral("'-2+3");
    QTest::newRow("formula @") << QStringLiteral("@SUM(A1)") << QStringLiteral("'@SUM(A1)");
    QTest::newRow("tab") << QStringLiteral("\t=1") << QStringLiteral("'\t=1");
    QTest::newRow("negative number") << QStringLiteral("-5") << QStringLiteral("-5");
    QTest::newRow("dash inside") << QStringLiteral("50000-59999") << QStringLiteral("50000-59999");
}

void TstTableWriters::csvFields()
{
    QFETCH(QString, field);
    QFETCH(QString, written);
    QCOMPARE(tablewriters::csvField(field), written);
}

void TstTableWriters::csvReadsBack()
{
    const Topology t = hostileTopology();
    for (const TableDocument &doc :
         {portTableDocument(buildPortTable(t)), firewallMatrixDocument(buildFirewallMatrix(t))}) {
        const QByteArray bytes = tablewriters::csv(doc);
        QVERIFY(bytes.endsWith("\r\n"));
        const auto records = parseCsv(QString::fromUtf8(bytes));
        QVERIFY2(records, bytes.left(400).constData());
        // The header, then every row of every table, field for field.
        QList<QStringList> expected{doc.tables.first().columns};
        for (const TextTable &table : doc.tables)
            expected.append(table.rows);
        QCOMPARE(*records, expected);
        bool found = false;
        for (const QStringList &r : *records)
            found = found || r.join(u'\x1f').contains(kHostile);
        QVERIFY2(found, "the hostile peer name reads back unchanged");
    }
}

void TstTableWriters::markdownEscapes()
{
    QCOMPARE(tablewriters::markdownCell(QStringLiteral("a|b\\c")), QStringLiteral("a\\|b\\\\c"));
    QCOMPARE(tablewriters::markdownCell(QStringLiteral("one\r\ntwo")), QStringLiteral("one two"));
    const QString md = QString::fromUtf8(
            tablewriters::markdown(portTableDocument(buildPortTable(hostileTopology()))));
    QVERIFY(!md.contains(QStringLiteral("<script>")));
    QVERIFY(md.contains(QStringLiteral("\\<script\\>")));
    // Every table line has the same number of unescaped pipes as the header.
    int columns = -1;
    for (const QString &line : md.split(u'\n')) {
        if (!line.startsWith(u'|'))
            continue;
        QString unescaped = line;
        unescaped.remove(QStringLiteral("\\\\")).remove(QStringLiteral("\\|"));
        const int pipes = int(unescaped.count(u'|'));
        if (columns < 0)
            columns = pipes;
        QCOMPARE(pipes, columns);
    }
    QVERIFY(columns > 10);
}

void TstTableWriters::htmlEscapesHostileNames()
{
    const Topology t = hostileTopology();
    for (const TableDocument &doc :
         {portTableDocument(buildPortTable(t)), firewallMatrixDocument(buildFirewallMatrix(t))}) {
        const QString html = QString::fromUtf8(tablewriters::html(doc, htmlStatusStyles()));
        QVERIFY(html.startsWith(QStringLiteral("<!DOCTYPE html>")));
        QVERIFY(html.contains(QStringLiteral("<meta charset=\"utf-8\">")));
        QVERIFY(html.contains(QStringLiteral("@media print")));
        QVERIFY(!html.contains(QStringLiteral("<script")));
        QVERIFY(!html.contains(QStringLiteral("<b>Contoso")));
        QVERIFY(html.contains(QStringLiteral("&lt;script&gt;alert(1)&lt;/script&gt;")));
        QVERIFY(html.contains(QStringLiteral("&lt;b&gt;Contoso&lt;/b&gt; &amp; &quot;Co&quot;")));
        // Self-contained: no external style sheet, script or image.
        QVERIFY(!html.contains(QStringLiteral("<link")));
        QVERIFY(!html.contains(QStringLiteral("src=")));
    }
}

void TstTableWriters::htmlStatusCellsHaveColourAndWord()
{
    TableDocument doc;
    doc.title = QStringLiteral("t");
    TextTable table;
    table.columns = {QStringLiteral("Status"), QStringLiteral("Port")};
    table.statusColumn = 0;
    table.rows = {{QStringLiteral("Missing"), QStringLiteral("8057")},
                  {QStringLiteral("OK"), QStringLiteral("5061")}};
    table.statusKeys = {QStringLiteral("missing"), QStringLiteral("ok")};
    doc.tables = {table};
    const QString html = QString::fromUtf8(tablewriters::html(doc, htmlStatusStyles()));
    const StatusStyle missing = statusStyle(ListenerStatus::Missing, StatusPalette::Light);
    const StatusStyle ok = statusStyle(ListenerStatus::Ok, StatusPalette::Light);
    // The light palette of the shared status style, and the glyph and word next to it.
    QVERIFY(html.contains(QStringLiteral("background-color: %1").arg(missing.fill.name())));
    QVERIFY(html.contains(QStringLiteral("color: %1").arg(missing.text.name())));
    QVERIFY(html.contains(missing.glyph + QStringLiteral(" Missing</td>")));
    QVERIFY(html.contains(QStringLiteral("background-color: %1").arg(ok.fill.name())));
    QVERIFY(html.contains(ok.glyph + QStringLiteral(" OK</td>")));
    // Without styles the word alone.
    QVERIFY(QString::fromUtf8(tablewriters::html(doc))
                    .contains(QStringLiteral("<td class=\"status\">Missing</td>")));
    // CSV writes the keys.
    QVERIFY(tablewriters::csv(doc).contains("\r\nmissing,8057\r\n"));
}

QTEST_MAIN(TstTableWriters)
#include "tst_tablewriters.moc"
