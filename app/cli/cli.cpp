#include "cli/cli.h"

#include "cli/consoleio.h"
#include "io/savefile.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>

#include <cstdio>

namespace edgemap::cli {

namespace {

struct Command
{
    const char *name;
    const char *summary;
    int (*run)(const QStringList &);
};

constexpr Command kCommands[] = {
        {"new", "Create a topology file from a template", runNew},
        {"validate", "Check a topology file and report the first error with its location",
         runValidate},
        {"show", "List the expected listeners per server and interface, and the scenarios",
         runShow},
        {"check", "Judge a netstat snapshot against the topology: each listener OK or why not",
         runCheck},
        {"ports", "Write the port table or the firewall rule matrix as CSV, Markdown or HTML",
         runPorts},
        {"report", "Write a check report of a snapshot as Markdown, HTML or PDF", runReport},
        {"certs", "Write the certificate requests (subjects, SANs) as Markdown, CSV or HTML",
         runCerts},
        {"dns", "Write the DNS records (A, SRV) as Markdown, CSV, HTML or zone-file lines", runDns},
        {"export", "Write the diagram as SVG, PNG, PDF or draw.io", runExport},
};

} // namespace

void printOut(const QString &text)
{
    if (consoleio::writeToConsole(stdout, text))
        return;
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

void printErr(const QString &text)
{
    if (consoleio::writeToConsole(stderr, text))
        return;
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

// Parses a command's options. Returns -1 to go on, or the exit code to return (help, errors).
int parseCommand(QCommandLineParser &parser, const QStringList &arguments, const QString &usage)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    if (!parser.parse(arguments)) {
        printErr(QStringLiteral("edgemap %1: %2\nTry 'edgemap %1 --help'.\n")
                         .arg(arguments.value(0), parser.errorText()));
        return BadInput;
    }
    if (parser.isSet(help)) {
        QString text = parser.helpText();
        text.replace(0, text.indexOf(QLatin1Char('\n')), QStringLiteral("Usage: ") + usage);
        printOut(text);
        return Ok;
    }
    return -1;
}

int usageError(const QString &command, const QString &message)
{
    printErr(QStringLiteral("edgemap %1: %2\nTry 'edgemap %1 --help'.\n").arg(command, message));
    return BadInput;
}

bool isCommand(const QStringList &arguments)
{
    if (arguments.size() < 2)
        return false;
    const QString &first = arguments.at(1);
    for (const Command &c : kCommands)
        if (first == QLatin1String(c.name))
            return true;
    return first == QLatin1String("help") || first == QLatin1String("--help")
           || first == QLatin1String("-h") || first == QLatin1String("--version")
           || first == QLatin1String("-v");
}

bool needsGuiPlatform(const QStringList &arguments)
{
    return arguments.value(1) == QLatin1String("report")
           || arguments.value(1) == QLatin1String("export");
}

QString outputFormat(const QString &option, const QString &outPath, const QString &fallback)
{
    if (!option.isEmpty())
        return option.toLower();
    const QString suffix = QFileInfo(outPath).suffix().toLower();
    if (suffix == QLatin1String("htm"))
        return QStringLiteral("html");
    if (suffix == QLatin1String("markdown"))
        return QStringLiteral("md");
    for (const char *known : {"csv", "md", "html", "pdf"})
        if (suffix == QLatin1String(known))
            return suffix;
    return fallback;
}

int refuseInputAsOutput(const QString &command, const QString &outPath, const QStringList &inputs)
{
    // -o in place of an argument would replace the topology or the snapshot with the output.
    const QFileInfo out(outPath);
    for (const QString &input : inputs)
        if (out.exists() && !input.isEmpty()
            && out.canonicalFilePath() == QFileInfo(input).canonicalFilePath())
            return usageError(command,
                              QStringLiteral("-o '%1' is one of the input files").arg(outPath));
    return Ok;
}

int writeOutput(const QString &command, const QString &outPath, const QByteArray &bytes,
                const QStringList &inputs)
{
    if (outPath.isEmpty()) {
        if (consoleio::writeToConsole(stdout, QByteArrayView(bytes)))
            return Ok;
        std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
        std::fflush(stdout);
        return Ok;
    }
    if (const int code = refuseInputAsOutput(command, outPath, inputs); code != Ok)
        return code;
    if (const Error error = SaveFile::save(outPath, bytes); error.isError()) {
        printErr(QStringLiteral("edgemap %1: %2\n").arg(command, error.toString()));
        return BadInput;
    }
    return Ok;
}

QString globalHelp()
{
    QString text = QStringLiteral(
            "Usage: edgemap [FILE]\n"
            "       edgemap COMMAND [options]   (edgemap COMMAND --help for each)\n\n"
            "Without a command, EdgeMap opens its window on FILE, or on the built-in default "
            "topology.\n\nCommands:\n");
    for (const Command &c : kCommands)
        text += QStringLiteral("  %1  %2\n")
                        .arg(QLatin1String(c.name), -10)
                        .arg(QLatin1String(c.summary));
    text += QStringLiteral("\nExit codes: 0 success, 1 the check found problems, 2 bad usage or "
                           "bad input.\n");
    return text;
}

int run(const QStringList &arguments)
{
    const QString first = arguments.value(1);
    if (first == QLatin1String("--version") || first == QLatin1String("-v")) {
        printOut(QStringLiteral("edgemap %1\n").arg(QCoreApplication::applicationVersion()));
        return Ok;
    }
    for (const Command &c : kCommands) {
        if (first == QLatin1String(c.name)) {
            // Each command sees "edgemap COMMAND ..." so that its --help names itself.
            return c.run(arguments.mid(1));
        }
    }
    if (first == QLatin1String("help") && arguments.size() > 2)
        return run({arguments.at(0), arguments.at(2), QStringLiteral("--help")});
    printOut(globalHelp());
    return Ok;
}

} // namespace edgemap::cli
