// `edgemap export`: the diagram as SVG, PNG, PDF or draw.io, through the same exporter as the
// window's File > Export Diagram. Runs on a QGuiApplication (main() starts one on the offscreen
// platform for this command: rendering needs fonts, not a display, and DiagramRenderer needs
// no widgets).
#include "cli/cli.h"
#include "cli/cli_command.h"
#include "cli/cli_common.h"
#include "cli/cli_options.h"

#include "document/document.h"
#include "export/diagramexporter.h"
#include "io/topologyfile.h"
#include "snapshot/check.h"

#include <QCommandLineParser>

namespace edgemap::cli {

namespace {

// The options of `export` besides the snapshot, --server and -o.
struct Options
{
    QCommandLineOption expand{QStringLiteral("expand"),
                              QStringLiteral("Draw this pool member in full under its pool's "
                                             "shape (id or FQDN; repeat for more)."),
                              QStringLiteral("SERVER")};
    QCommandLineOption highlight{QStringLiteral("highlight"),
                                 QStringLiteral("Highlight peer:ID, listener:ID or scenario:ID "
                                                "(ids as `edgemap show --format json` lists "
                                                "them)."),
                                 QStringLiteral("WHAT")};
    QCommandLineOption title{QStringLiteral("title"),
                             QStringLiteral("Title (default: the topology's name)."),
                             QStringLiteral("TEXT")};
    QCommandLineOption author{QStringLiteral("author"),
                              QStringLiteral("Author shown in the title block."),
                              QStringLiteral("TEXT")};
    QCommandLineOption dpi{QStringLiteral("dpi"),
                           QStringLiteral("PNG resolution, 24 to 1200 (default 150)."),
                           QStringLiteral("N"), QStringLiteral("150")};
    QCommandLineOption page{QStringLiteral("page"),
                            QStringLiteral("PDF page size: A4 (default) or Letter."),
                            QStringLiteral("SIZE"), QStringLiteral("A4")};
    QCommandLineOption landscape{QStringLiteral("landscape"),
                                 QStringLiteral("PDF pages in landscape (default: the orientation "
                                                "that prints the diagram larger).")};
    QCommandLineOption portrait{QStringLiteral("portrait"),
                                QStringLiteral("PDF pages in portrait.")};
    QCommandLineOption tiles{QStringLiteral("tiles"),
                             QStringLiteral("PDF: tile the diagram over N pages, 1 to 64 "
                                            "(default 1: fit to one page)."),
                             QStringLiteral("N"), QStringLiteral("1")};
};

SnapshotOptions exportSnapshot()
{
    return SnapshotOptions::option(QStringLiteral("Snapshot to judge: chips show its statuses and "
                                                  "the title block its server and capture time."),
                                   QStringLiteral("give one TOPOLOGY file"));
}

const char *const kOutputRequired = "give the output file with -o";

OutputOptions exportOutput()
{
    return OutputOptions({.outputHelp = QStringLiteral("Output file: .svg, .png, .pdf or .drawio."),
                          .outputRequired = QString::fromLatin1(kOutputRequired)});
}

void declareExport(QCommandLineParser &parser)
{
    const Options opt;
    exportSnapshot().declare(parser);
    parser.addOptions({opt.highlight, opt.expand, opt.title, opt.author});
    exportOutput().declare(parser);
    parser.addOptions({opt.dpi, opt.page, opt.landscape, opt.portrait, opt.tiles});
}

// Reads --dpi, --page, --tiles and the orientation into `o`; an error message when one is bad.
QString readPageOptions(const QCommandLineParser &parser, const Options &opt, ExportOptions &o)
{
    bool ok = false;
    o.dpi = parser.value(opt.dpi).toInt(&ok);
    if (!ok || o.dpi < 24 || o.dpi > 1200)
        return QStringLiteral("--dpi must be a number from 24 to 1200, not '%1'")
                .arg(parser.value(opt.dpi));
    o.tiles = parser.value(opt.tiles).toInt(&ok);
    if (!ok || o.tiles < 1 || o.tiles > 64)
        return QStringLiteral("--tiles must be a number from 1 to 64, not '%1'")
                .arg(parser.value(opt.tiles));
    const QString page = parser.value(opt.page).toLower();
    if (page == QLatin1String("a4"))
        o.pageSize = QPageSize::A4;
    else if (page == QLatin1String("letter"))
        o.pageSize = QPageSize::Letter;
    else
        return QStringLiteral("--page must be A4 or Letter, not '%1'").arg(parser.value(opt.page));
    if (parser.isSet(opt.landscape) && parser.isSet(opt.portrait))
        return QStringLiteral("--landscape and --portrait exclude each other");
    if (parser.isSet(opt.portrait))
        o.orientation = QPageLayout::Portrait;
    else if (parser.isSet(opt.landscape))
        o.orientation = QPageLayout::Landscape;
    return {};
}

QString summary(const QString &out, const ExportOptions &o, const ExportResult &r)
{
    switch (o.format) {
    case ExportFormat::Png:
        return QStringLiteral("%1: %2 x %3 pixels at %4 dpi\n")
                .arg(out)
                .arg(r.pixelSize.width())
                .arg(r.pixelSize.height())
                .arg(o.dpi);
    case ExportFormat::Svg:
        return QStringLiteral("%1: %2 x %3\n")
                .arg(out)
                .arg(r.pixelSize.width())
                .arg(r.pixelSize.height());
    case ExportFormat::Pdf:
        return QStringLiteral("%1: %2, %3 %4\n")
                .arg(out,
                     r.pages == 1 ? QStringLiteral("1 page")
                                  : QStringLiteral("%1 pages").arg(r.pages),
                     QPageSize::name(o.pageSize),
                     r.orientation == QPageLayout::Portrait ? QStringLiteral("portrait")
                                                            : QStringLiteral("landscape"));
    case ExportFormat::DrawIo:
        break;
    }
    return out + QLatin1Char('\n');
}

struct ExportParams
{
    SnapshotArgs inputs; // --server without --snapshot is not refused: it is ignored
    Output output;
    ExportOptions options;
    QStringList expand; // --expand, resolved against the topology once it is read
};

// The servers --expand names (an id or an FQDN, any case); the first unknown name otherwise.
std::optional<DiagramLayout::Expanded> expandedServers(const Topology &t, const QStringList &names,
                                                       QString *unknown)
{
    DiagramLayout::Expanded expanded;
    for (const QString &name : names) {
        bool found = false;
        for (const EdgePool &pool : t.pools)
            for (const EdgeServer &server : pool.servers)
                if (server.id.value() == name
                    || server.fqdn.compare(name, Qt::CaseInsensitive) == 0) {
                    expanded.insert(server.id);
                    found = true;
                }
        if (!found) {
            *unknown = name;
            return std::nullopt;
        }
    }
    return expanded;
}

// The format by the suffix of -o, the page options, the highlight, the title block.
Validated<ExportOptions> readExportOptions(const QCommandLineParser &parser, const Output &out)
{
    if (out.path.isEmpty()) // -o '' names no file either
        return UsageError{QString::fromLatin1(kOutputRequired)};
    ExportOptions o;
    const std::optional<ExportFormat> format = exportFormatForPath(out.path);
    if (!format)
        return UsageError{
                QStringLiteral("-o '%1' must end in .svg, .png, .pdf or .drawio").arg(out.path)};
    o.format = *format;
    const Options opt;
    if (const QString error = readPageOptions(parser, opt, o); !error.isEmpty())
        return UsageError{error};
    QString error;
    const std::optional<ElementRef> highlight
            = exporthighlight::parse(parser.value(opt.highlight), &error);
    if (!highlight)
        return UsageError{error};
    o.highlight = *highlight;
    o.title = parser.value(opt.title);
    o.author = parser.value(opt.author);
    return o;
}

Validated<ExportParams> readExport(const Parsed &parsed)
{
    const Validated<SnapshotArgs> inputs = exportSnapshot().read(parsed);
    if (const UsageError *error = errorOf(inputs))
        return *error;
    const Validated<Output> output = exportOutput().read(parsed);
    if (const UsageError *error = errorOf(output))
        return *error;
    const Validated<ExportOptions> options
            = readExportOptions(parsed.parser, std::get<Output>(output));
    if (const UsageError *error = errorOf(options))
        return *error;
    return ExportParams{std::get<SnapshotArgs>(inputs), std::get<Output>(output),
                        std::get<ExportOptions>(options), parsed.parser.values(Options().expand)};
}

int runExport(const ExportParams &p)
{
    const QString &cmd = p.output.command;
    const QString snapshotPath = p.inputs.snapshot();
    if (const int code = p.output.refuseInputs({p.inputs.topology, snapshotPath}); code != Ok)
        return code;
    const std::optional<Topology> t = loadTopology(p.inputs.topology);
    if (!t)
        return BadInput;
    ExportOptions options = p.options;
    QString unknown;
    if (const auto expanded = expandedServers(*t, p.expand, &unknown))
        options.expanded = *expanded;
    else
        return usageError(
                cmd,
                QStringLiteral("--expand: no server '%1' in %2").arg(unknown, p.inputs.topology));
    Document document(*t);
    if (!snapshotPath.isEmpty()) {
        // The document's path analysis: the judgement and the highlight share it.
        std::optional<CheckResult> check = checkSnapshot(document.topology(), *document.analysis(),
                                                         snapshotPath, p.inputs.server);
        if (!check)
            return BadInput;
        document.setChecks(document.checks().withCheck(
                std::make_shared<const CheckResult>(std::move(*check)), document.topology()));
    }
    const DiagramExporter exporter(document, options);
    if (!exporter.highlightError().isEmpty())
        return usageError(cmd, exporter.highlightError());
    const ExportResult r = exporter.exportTo(p.output.path);
    if (!r.ok()) {
        printErr(QStringLiteral("edgemap %1: %2\n").arg(cmd, r.error));
        return BadInput;
    }
    printOut(summary(p.output.path, p.options, r));
    // Written all the same: a wall chart may be meant to be read up close.
    if (r.legibility)
        if (const QString warning
            = pagefit::legibilityWarning(*r.legibility, QPageSize::name(p.options.pageSize),
                                         QStringLiteral("--tiles %1"));
            !warning.isEmpty())
            printErr(QStringLiteral("edgemap %1: warning: %2\n").arg(cmd, warning));
    return Ok;
}

} // namespace

constinit const CommandSpec exportCommand{
        .name = "export",
        .summary = "Write the diagram as SVG, PNG, PDF or draw.io",
        .usage
        = "edgemap export TOPOLOGY [--snapshot FILE] [--highlight "
          "peer:ID|listener:ID|scenario:ID] [--expand SERVER]... [--title TEXT] [--author TEXT] "
          "-o OUT.svg|.png|.pdf|.drawio [--dpi N] [--page A4|Letter] "
          "[--landscape|--portrait] [--tiles N]",
        .description
        = "Write the Edge diagram with a title block and the legend. The format follows the "
          "suffix of -o: .svg (vector, real text), .png, .pdf (vector; one page, or --tiles N "
          "pages with overlap marks; the orientation that prints larger unless --landscape or "
          "--portrait; a warning on stderr when the smallest text prints below 6 pt) or .drawio "
          "(editable in diagrams.net). Selection and hover never reach the file; a highlight only "
          "with --highlight. A pool is drawn once, with a table of its members; --expand draws a "
          "member in full under it, as double-clicking its row does in the window. The output "
          "file is replaced "
          "only once it is complete. Needs no display.\n"
          "Exit 0 when written, 2 for bad usage, unreadable input, an unknown highlight or an "
          "unwritable output file.",
        .declare = declareExport,
        .run = runValidated<readExport, runExport>,
        .needsGui = true,
};

} // namespace edgemap::cli
