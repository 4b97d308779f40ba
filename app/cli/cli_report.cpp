// `edgemap report`: a judged snapshot as a document (Markdown, HTML or PDF).
#include "cli/cli.h"
#include "cli/cli_common.h"

#include "export/documentexport.h"
#include "reports/checkreport.h"
#include "snapshot/check.h"

#include <QCommandLineParser>

namespace edgemap::cli {

namespace {

int writeReport(const QString &cmd, const QString &fmt, const QString &out,
                const TableDocument &doc, const QStringList &inputs)
{
    if (fmt == QLatin1String("md"))
        return writeOutput(cmd, out, tablewriters::markdown(doc), inputs);
    const QByteArray html = tablewriters::html(doc, htmlStatusStyles());
    if (fmt == QLatin1String("html"))
        return writeOutput(cmd, out, html, inputs);
    if (const int code = refuseInputAsOutput(cmd, out, inputs); code != Ok)
        return code;
    if (const QString error = writePdf(html, doc.title, out); !error.isEmpty()) {
        printErr(QStringLiteral("edgemap %1: %2\n").arg(cmd, error));
        return BadInput;
    }
    return Ok;
}

} // namespace

int runReport(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "Judge a snapshot against the topology, as `edgemap check` does, and write the "
            "result as a document: the snapshot's facts, a summary, the problems first, then "
            "every listener, the scenarios and the unexpected listeners.\n"
            "The format follows --format, else the suffix of -o, else md. md and html go to "
            "stdout without -o; pdf needs -o. The output file is replaced only once it is "
            "complete.\n"
            "Exit 0 when every expected listener is OK or dynamic, 1 when any is not, 2 for bad "
            "usage, unreadable input, no matching server or an unwritable output file."));
    parser.addPositionalArgument(QStringLiteral("TOPOLOGY"), QStringLiteral("Topology file."));
    parser.addPositionalArgument(QStringLiteral("SNAPSHOT"), QStringLiteral("Snapshot file."));
    const QCommandLineOption server = serverOption();
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("md, html or pdf."),
                                    QStringLiteral("FORMAT"));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("Write to FILE (required for pdf)."),
                                    QStringLiteral("FILE"));
    parser.addOptions({server, format, output});
    if (const int code = parseCommand(parser, arguments,
                                      QStringLiteral("edgemap report TOPOLOGY SNAPSHOT "
                                                     "[--format md|html|pdf] [-o OUT] [--server "
                                                     "NAME]"));
        code >= 0)
        return code;
    const QString cmd = QStringLiteral("report");
    if (parser.positionalArguments().size() != 2)
        return usageError(cmd, QStringLiteral("give a TOPOLOGY and a SNAPSHOT file"));
    const QString out = parser.value(output);
    const QString fmt = outputFormat(parser.value(format), out, QStringLiteral("md"));
    if (fmt != QLatin1String("md") && fmt != QLatin1String("html") && fmt != QLatin1String("pdf"))
        return usageError(cmd,
                          QStringLiteral("--format must be md, html or pdf, not '%1'").arg(fmt));
    if (fmt == QLatin1String("pdf") && out.isEmpty())
        return usageError(cmd, QStringLiteral("a PDF needs -o FILE"));

    const QString topologyPath = parser.positionalArguments().at(0);
    const QString snapshotPath = parser.positionalArguments().at(1);
    const std::optional<Topology> t = loadTopology(topologyPath);
    if (!t)
        return BadInput;
    const std::optional<CheckResult> r = checkSnapshot(*t, snapshotPath, parser.value(server));
    if (!r)
        return BadInput;
    if (const int code
        = writeReport(cmd, fmt, out, checkReportDocument(*t, *r), {topologyPath, snapshotPath});
        code != Ok)
        return code;
    return r->judgement.problemCount() > 0 ? ProblemsFound : Ok;
}

} // namespace edgemap::cli
