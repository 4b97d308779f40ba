#pragma once

#include <QString>
#include <QStringList>

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

// True when the command lays out text with fonts (`report` for its PDF, `export`): main() then
// starts a QGuiApplication, on the offscreen platform unless QT_QPA_PLATFORM says otherwise.
bool needsGuiPlatform(const QStringList &arguments);

} // namespace edgemap::cli
