#pragma once

#include <QString>
#include <QStringList>

class QCommandLineParser;

namespace edgemap::cli {

// Exit codes shared by every command.
enum ExitCode { Ok = 0, ProblemsFound = 1, BadInput = 2 };

// True when the arguments (argv[1..]) name a headless command (new, validate, show, ...) or ask
// for the global help or version: these run with a QCoreApplication and no display.
bool isCommand(const QStringList &arguments);

// Runs a command. `arguments` is the whole argument list including the program name, as
// QCoreApplication::arguments() returns it. Prints to stdout/stderr and returns the exit code.
int run(const QStringList &arguments);

// Text of `edgemap --help`: the GUI usage and the list of commands.
QString globalHelp();

// Output helpers (UTF-8 on every platform).
void printOut(const QString &text);
void printErr(const QString &text);

// Parses a command's options (adds --help). Returns -1 to go on, or the exit code to return
// (help printed, or a usage error printed to stderr).
int parseCommand(QCommandLineParser &parser, const QStringList &arguments, const QString &usage);
// Prints "edgemap COMMAND: message" and a pointer to --help; returns BadInput.
int usageError(const QString &command, const QString &message);

// Commands (cli_topology.cpp, cli_show.cpp).
int runNew(const QStringList &arguments);
int runValidate(const QStringList &arguments);
int runShow(const QStringList &arguments);
int runCheck(const QStringList &arguments);  // cli_check.cpp
int runPorts(const QStringList &arguments);  // cli_ports.cpp
int runReport(const QStringList &arguments); // cli_report.cpp
int runExport(const QStringList &arguments); // cli_export.cpp
int runCerts(const QStringList &arguments);  // cli_certsdns.cpp
int runDns(const QStringList &arguments);    // cli_certsdns.cpp

// True when the command lays out text with fonts (`report` for its PDF, `export`): main() then
// starts a QGuiApplication, on the offscreen platform unless QT_QPA_PLATFORM says otherwise.
bool needsGuiPlatform(const QStringList &arguments);

// Output of the document commands: the format named by --format, else by the suffix of -o
// (".csv", ".md", ".html", ".pdf"), else `fallback`.
QString outputFormat(const QString &option, const QString &outPath, const QString &fallback);
// Prints a usage error and returns BadInput when `outPath` is one of `inputs`, else Ok.
int refuseInputAsOutput(const QString &command, const QString &outPath, const QStringList &inputs);
// Writes a generated document to `outPath` atomically, or to stdout when it is empty. Refuses to
// write over one of `inputs`. Prints the error and returns BadInput on failure, else Ok.
int writeOutput(const QString &command, const QString &outPath, const QByteArray &bytes,
                const QStringList &inputs);

} // namespace edgemap::cli
