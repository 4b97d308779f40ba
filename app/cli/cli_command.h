// A command as a small spec: its name and help, the options it declares, and what it runs on
// them. cli.cpp parses each command's arguments the same way (--help, parse errors) and
// dispatches through the specs; a command reads its options into values (Validated) and runs
// on them.
#pragma once

#include <QString>
#include <QStringList>

#include <optional>
#include <variant>

class QCommandLineParser;

namespace edgemap::cli {

// Bad usage found while reading a command's arguments: the message after "edgemap COMMAND: ".
struct UsageError
{
    QString message;
};

// What reading a command's arguments gives: its parameters, or the usage error to report.
template<typename Params>
using Validated = std::variant<Params, UsageError>;

struct CommandSpec;

// A command's arguments once QCommandLineParser accepted them.
struct Parsed
{
    const CommandSpec &spec;
    const QCommandLineParser &parser;
    const QStringList &arguments; // "COMMAND ...", as the command was given them

    QString command() const;
    QStringList positional() const;
    // Reports `message` as the command reports usage errors; returns the exit code.
    int usageError(const QString &message) const;
};

struct CommandSpec
{
    const char *name;
    const char *summary;     // its line in `edgemap --help`
    const char *usage;       // `edgemap NAME --help` says "Usage: " and this
    const char *description; // and this below it (UTF-8)
    // Declares the options and the positional arguments on the command's parser.
    void (*declare)(QCommandLineParser &parser);
    // Runs the command once its arguments parsed; returns the exit code.
    int (*run)(const Parsed &parsed);
    // Reports a usage error the command's own way when it has one for these arguments (check
    // --format nagios: the plugin's UNKNOWN) and returns the exit code; nothing, or a null
    // function, for the usual report: "edgemap NAME: message" and a pointer to --help on stderr,
    // exit BadInput. A parse error gets the usual report in any case, before this one.
    std::optional<int> (*ownUsageError)(const QStringList &arguments, const QString &message)
            = nullptr;
    // Lays out text with fonts: main() starts a QGuiApplication for it.
    bool needsGui = false;
};

// A CommandSpec::run that reads the arguments with `read` (Validated<Params>(const Parsed &))
// and runs `body` (int(const Params &)) on the parameters, or reports the usage error.
template<auto read, auto body>
int runValidated(const Parsed &parsed)
{
    const auto params = read(parsed);
    if (const UsageError *error = std::get_if<UsageError>(&params))
        return parsed.usageError(error->message);
    return body(std::get<0>(params));
}

// The commands, in the order `edgemap --help` lists them.
extern const CommandSpec newCommand;      // cli_topology.cpp
extern const CommandSpec validateCommand; // cli_topology.cpp
extern const CommandSpec importCommand;   // cli_import.cpp
extern const CommandSpec showCommand;     // cli_show.cpp
extern const CommandSpec checkCommand;    // cli_check.cpp
extern const CommandSpec probeCommand;    // cli_probe.cpp
extern const CommandSpec portsCommand;    // cli_ports.cpp
extern const CommandSpec reportCommand;   // cli_report.cpp
extern const CommandSpec certsCommand;    // cli_certsdns.cpp
extern const CommandSpec dnsCommand;      // cli_certsdns.cpp
extern const CommandSpec exportCommand;   // cli_export.cpp

} // namespace edgemap::cli
