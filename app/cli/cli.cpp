#include "cli/cli.h"

#include "cli/cli_command.h"
#include "cli/cli_common.h"
#include "cli/consoleio.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

namespace edgemap::cli {

namespace {

constexpr const CommandSpec *kCommands[] = {
        &newCommand,   &validateCommand, &importCommand, &showCommand,
        &checkCommand, &probeCommand,    &portsCommand,  &reportCommand,
        &certsCommand, &dnsCommand,      &exportCommand,
};

const CommandSpec *commandNamed(const QString &name)
{
    for (const CommandSpec *c : kCommands)
        if (name == QLatin1String(c->name))
            return c;
    return nullptr;
}

// Parses a command's arguments with the options its spec declares (and --help) and runs it.
int runCommand(const CommandSpec &spec, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromUtf8(spec.description));
    spec.declare(parser);
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    const Parsed parsed{spec, parser, arguments};
    if (!parser.parse(arguments)) {
        usageError(parsed.command(), parser.errorText());
        if (spec.ownUsageError)
            if (const std::optional<int> code = spec.ownUsageError(arguments, parser.errorText()))
                return *code;
        return BadInput;
    }
    if (parser.isSet(help)) {
        QString text = parser.helpText();
        text.replace(0, text.indexOf(QLatin1Char('\n')),
                     QStringLiteral("Usage: ") + QString::fromUtf8(spec.usage));
        printOut(text);
        return Ok;
    }
    return spec.run(parsed);
}

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

QString Parsed::command() const
{
    return QString::fromLatin1(spec.name);
}

QStringList Parsed::positional() const
{
    return parser.positionalArguments();
}

int Parsed::usageError(const QString &message) const
{
    if (spec.ownUsageError)
        if (const std::optional<int> code = spec.ownUsageError(arguments, message))
            return *code;
    return cli::usageError(command(), message);
}

bool isCommand(const QStringList &arguments)
{
    if (arguments.size() < 2)
        return false;
    const QString &first = arguments.at(1);
    if (commandNamed(first))
        return true;
    return first == QLatin1String("help") || first == QLatin1String("--help")
           || first == QLatin1String("-h") || first == QLatin1String("--version")
           || first == QLatin1String("-v");
}

bool needsGuiPlatform(const QStringList &arguments)
{
    const CommandSpec *command = commandNamed(arguments.value(1));
    return command && command->needsGui;
}

QString globalHelp()
{
    QString text = QStringLiteral(
            "Usage: edgemap [FILE]\n"
            "       edgemap COMMAND [options]   (edgemap COMMAND --help for each)\n\n"
            "Without a command, EdgeMap opens its window on FILE, or on the built-in default "
            "topology.\n\nCommands:\n");
    for (const CommandSpec *c : kCommands)
        text += QStringLiteral("  %1  %2\n")
                        .arg(QLatin1String(c->name), -10)
                        .arg(QLatin1String(c->summary));
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
    if (const CommandSpec *command = commandNamed(first)) {
        // Each command sees "edgemap COMMAND ..." so that its --help names itself.
        return runCommand(*command, arguments.mid(1));
    }
    if (first == QLatin1String("help") && arguments.size() > 2)
        return run({arguments.at(0), arguments.at(2), QStringLiteral("--help")});
    printOut(globalHelp());
    return Ok;
}

} // namespace edgemap::cli
