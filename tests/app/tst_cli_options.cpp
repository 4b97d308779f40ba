// The options the commands share, read in-process: --format and -o (OutputOptions) and the
// snapshots with --server (SnapshotOptions), each read into values or a usage error, and the
// specs every command is dispatched through.
#include "cli/cli_command.h"
#include "cli/cli_options.h"

#include <QCommandLineParser>
#include <QTest>

using namespace edgemap;
using namespace edgemap::cli;

namespace {

int noRun(const Parsed &)
{
    return 0;
}

void noOptions(QCommandLineParser &) {}

const CommandSpec kSpec{.name = "test",
                        .summary = "",
                        .usage = "",
                        .description = "",
                        .declare = noOptions,
                        .run = noRun};

// The value read, or the usage error's message prefixed with "error: ".
template<typename T, typename Show>
QString outcome(const Validated<T> &v, Show show)
{
    if (const UsageError *e = errorOf(v))
        return QStringLiteral("error: ") + e->message;
    return show(std::get<T>(v));
}

QString readOutput(const OutputOptions &options, const QStringList &arguments)
{
    QCommandLineParser parser;
    options.declare(parser);
    const QStringList argv = QStringList{QStringLiteral("test")} + arguments;
    if (!parser.parse(argv))
        return QStringLiteral("parse: ") + parser.errorText();
    return outcome(options.read(Parsed{kSpec, parser, argv}),
                   [](const Output &o) -> QString { return o.format + QLatin1Char(' ') + o.path; });
}

QString readSnapshots(const SnapshotOptions &options, const QStringList &arguments)
{
    QCommandLineParser parser;
    options.declare(parser);
    const QStringList argv = QStringList{QStringLiteral("test")} + arguments;
    if (!parser.parse(argv))
        return QStringLiteral("parse: ") + parser.errorText();
    const Parsed parsed{kSpec, parser, argv};
    if (const std::optional<UsageError> e = options.checkServer(parsed))
        return QStringLiteral("server: ") + e->message;
    return outcome(options.read(parsed), [](const SnapshotArgs &a) -> QString {
        return (QStringList{a.topology, a.server} + a.snapshots).join(QLatin1Char('|'));
    });
}

OutputOptions dnsLike()
{
    return OutputOptions({.formats = {QStringLiteral("md"), QStringLiteral("csv"),
                                      QStringLiteral("html"), QStringLiteral("zone")},
                          .formatList = QStringLiteral("md, csv, html, zone"),
                          .outputHelp = QStringLiteral("Write to FILE.")});
}

OutputOptions checkLike()
{
    return OutputOptions({.formats = {QStringLiteral("text"), QStringLiteral("json")},
                          .formatList = QStringLiteral("text or json"),
                          .bySuffix = false,
                          .outputHelp = QStringLiteral("Write to FILE.")});
}

OutputOptions required()
{
    return OutputOptions({.outputHelp = QStringLiteral("File to write."),
                          .outputRequired = QStringLiteral("-o is required")});
}

} // namespace

class TstCliOptions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void output_data();
    void output();
    void snapshots_data();
    void snapshots();
    void specsNameEachCommandOnce();
};

void TstCliOptions::output_data()
{
    QTest::addColumn<int>("which");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    const auto s = [](const char *text) {
        return QString::fromUtf8(text);
    };
    QTest::newRow("default") << 0 << QStringList{} << s("md ");
    QTest::newRow("by suffix") << 0 << QStringList{s("-o"), s("a.CSV")} << s("csv a.CSV");
    QTest::newRow("alias suffix") << 0 << QStringList{s("-o"), s("a.htm")} << s("html a.htm");
    QTest::newRow("own format's suffix")
            << 0 << QStringList{s("-o"), s("a.zone")} << s("zone a.zone");
    QTest::newRow("unknown suffix") << 0 << QStringList{s("-o"), s("a.txt")} << s("md a.txt");
    QTest::newRow("known suffix, not ours")
            << 0 << QStringList{s("-o"), s("a.pdf")}
            << s("error: --format must be md, csv, html, zone, not 'pdf'");
    QTest::newRow("--format wins, any case")
            << 0 << QStringList{s("--format"), s("CSV"), s("-o"), s("a.zone")} << s("csv a.zone");
    QTest::newRow("bad --format") << 0 << QStringList{s("--format"), s("xml")}
                                  << s("error: --format must be md, csv, html, zone, not 'xml'");
    QTest::newRow("option only: default")
            << 1 << QStringList{s("-o"), s("a.json")} << s("text a.json");
    QTest::newRow("option only: as written")
            << 1 << QStringList{s("--format"), s("JSON")}
            << s("error: --format must be text or json, not 'JSON'");
    QTest::newRow("required, missing") << 2 << QStringList{} << s("error: -o is required");
    QTest::newRow("required, given") << 2 << QStringList{s("-o"), s("a.svg")} << s(" a.svg");
    QTest::newRow("no --format") << 2 << QStringList{s("--format"), s("md")}
                                 << s("parse: Unknown option 'format'.");
}

void TstCliOptions::output()
{
    QFETCH(int, which);
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    const OutputOptions options = which == 0 ? dnsLike() : which == 1 ? checkLike() : required();
    QCOMPARE(readOutput(options, arguments), expected);
}

void TstCliOptions::snapshots_data()
{
    QTest::addColumn<int>("which");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    const auto s = [](const char *text) {
        return QString::fromUtf8(text);
    };
    QTest::newRow("one") << 0 << QStringList{s("t.json"), s("s.txt"), s("--server"), s("e1")}
                         << s("t.json|e1|s.txt");
    QTest::newRow("one, missing") << 0 << QStringList{s("t.json")}
                                  << s("error: give a TOPOLOGY and a SNAPSHOT file");
    QTest::newRow("one, too many") << 0 << QStringList{s("t.json"), s("a"), s("b")}
                                   << s("error: give a TOPOLOGY and a SNAPSHOT file");
    QTest::newRow("per server") << 1 << QStringList{s("t.json"), s("a"), s("e2=b")}
                                << s("t.json||a|e2=b");
    QTest::newRow("per server, --server with several")
            << 1 << QStringList{s("t.json"), s("a"), s("b"), s("--server"), s("e1")}
            << s("server: --server names the server of one snapshot; with several, name each "
                 "as NAME=FILE");
    QTest::newRow("option") << 2 << QStringList{s("t.json"), s("--snapshot"), s("s.txt")}
                            << s("t.json||s.txt");
    QTest::newRow("option, none") << 2 << QStringList{s("t.json")} << s("t.json|");
    QTest::newRow("option, two topologies")
            << 2 << QStringList{s("a"), s("b")} << s("error: one TOPOLOGY");
    QTest::newRow("option, --server alone") << 2 << QStringList{s("t.json"), s("--server"), s("e")}
                                            << s("server: --server needs a --snapshot");
}

void TstCliOptions::snapshots()
{
    QFETCH(int, which);
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    const SnapshotOptions options
            = which == 0   ? SnapshotOptions::one()
              : which == 1 ? SnapshotOptions::perServer()
                           : SnapshotOptions::option(QStringLiteral("Judge it."),
                                                     QStringLiteral("one TOPOLOGY"));
    QCOMPARE(readSnapshots(options, arguments), expected);
}

void TstCliOptions::specsNameEachCommandOnce()
{
    const CommandSpec *specs[]
            = {&newCommand,    &validateCommand, &showCommand, &checkCommand, &portsCommand,
               &reportCommand, &certsCommand,    &dnsCommand,  &exportCommand};
    QStringList names;
    for (const CommandSpec *spec : specs) {
        QVERIFY(spec->declare && spec->run);
        QVERIFY2(QString::fromUtf8(spec->usage)
                         .startsWith(QStringLiteral("edgemap %1").arg(QLatin1String(spec->name))),
                 spec->name);
        QVERIFY2(!names.contains(QLatin1String(spec->name)), spec->name);
        names.append(QLatin1String(spec->name));
    }
    // Only the commands that lay out text with fonts need a GUI platform.
    for (const CommandSpec *spec : specs)
        QCOMPARE(spec->needsGui, spec == &reportCommand || spec == &exportCommand);
}

QTEST_GUILESS_MAIN(TstCliOptions)
#include "tst_cli_options.moc"
