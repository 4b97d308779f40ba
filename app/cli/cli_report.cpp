// `edgemap report`: a judged snapshot as a document (Markdown, HTML or PDF).
#include "cli/cli.h"
#include "cli/cli_command.h"
#include "cli/cli_common.h"
#include "cli/cli_options.h"

#include "export/documentexport.h"
#include "reports/checkreport.h"
#include "snapshot/check.h"

#include <QCommandLineParser>

namespace edgemap::cli {

namespace {

// The document in the chosen format, to -o or stdout; a PDF through writePdf.
int writeReport(const Output &out, const TableDocument &doc, const QStringList &inputs)
{
    if (out.format == QLatin1String("md"))
        return out.write(tablewriters::markdown(doc), inputs);
    const QByteArray html = tablewriters::html(doc, htmlStatusStyles());
    if (out.format == QLatin1String("html"))
        return out.write(html, inputs);
    if (const int code = out.refuseInputs(inputs); code != Ok)
        return code;
    if (const QString error = writePdf(html, doc.title, out.path); !error.isEmpty()) {
        printErr(QStringLiteral("edgemap %1: %2\n").arg(out.command, error));
        return BadInput;
    }
    return Ok;
}

OutputOptions reportOutput()
{
    return OutputOptions(
            {.formats = {QStringLiteral("md"), QStringLiteral("html"), QStringLiteral("pdf")},
             .formatList = QStringLiteral("md, html or pdf"),
             .outputHelp = QStringLiteral("Write to FILE (required for pdf).")});
}

void declareReport(QCommandLineParser &parser)
{
    SnapshotOptions::one().declare(parser);
    reportOutput().declare(parser);
}

struct ReportParams
{
    SnapshotArgs inputs;
    Output output;
};

Validated<ReportParams> readReport(const Parsed &parsed)
{
    const Validated<SnapshotArgs> inputs = SnapshotOptions::one().read(parsed);
    if (const UsageError *error = errorOf(inputs))
        return *error;
    const Validated<Output> output = reportOutput().read(parsed);
    if (const UsageError *error = errorOf(output))
        return *error;
    const Output &out = std::get<Output>(output);
    if (out.format == QLatin1String("pdf") && out.path.isEmpty())
        return UsageError{QStringLiteral("a PDF needs -o FILE")};
    return ReportParams{std::get<SnapshotArgs>(inputs), out};
}

int runReport(const ReportParams &p)
{
    const std::optional<Topology> t = loadTopology(p.inputs.topology);
    if (!t)
        return BadInput;
    const std::optional<CheckResult> r = checkSnapshot(*t, p.inputs.snapshot(), p.inputs.server);
    if (!r)
        return BadInput;
    if (const int code = writeReport(p.output, checkReportDocument(*t, *r), p.inputs.paths());
        code != Ok)
        return code;
    return r->judgement.problemCount() > 0 ? ProblemsFound : Ok;
}

} // namespace

constinit const CommandSpec reportCommand{
        .name = "report",
        .summary = "Write a check report of a snapshot as Markdown, HTML or PDF",
        .usage = "edgemap report TOPOLOGY SNAPSHOT [--format md|html|pdf] [-o OUT] [--server "
                 "NAME]",
        .description
        = "Judge a snapshot against the topology, as `edgemap check` does, and write the "
          "result as a document: the snapshot's facts, a summary, the problems first, then "
          "every listener, the scenarios and the unexpected listeners.\n"
          "The format follows --format, else the suffix of -o, else md. md and html go to "
          "stdout without -o; pdf needs -o. The output file is replaced only once it is "
          "complete.\n"
          "Exit 0 when every expected listener is OK or dynamic, 1 when any is not, 2 for bad "
          "usage, unreadable input, no matching server or an unwritable output file.",
        .declare = declareReport,
        .run = runValidated<readReport, runReport>,
        .needsGui = true,
};

} // namespace edgemap::cli
