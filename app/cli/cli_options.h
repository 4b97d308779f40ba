// The options several commands share, each declared and read in one place: where the result
// goes and in which format (OutputOptions), and the topology and snapshots a command judges with
// the server they were taken on (SnapshotOptions).
#pragma once

#include "cli/cli_command.h"

#include <QByteArray>
#include <QCommandLineOption>
#include <QString>
#include <QStringList>

#include <optional>

namespace edgemap::cli {

// The usage error in `v`, if it holds one.
template<typename T>
const UsageError *errorOf(const Validated<T> &v)
{
    return std::get_if<UsageError>(&v);
}

// Where a command's result goes and in which format, as OutputOptions read them.
struct Output
{
    QString command; // names the command in the messages
    QString path;    // -o; empty: stdout
    QString format;  // as --format or the suffix of -o chose it; empty for a command without

    // Prints a usage error and returns BadInput when `path` is one of `inputs` (-o in place of
    // an argument would replace the topology or the snapshot with the output), else Ok.
    int refuseInputs(const QStringList &inputs) const;
    // Writes `bytes` to `path` atomically, or to stdout when it is empty. Refuses to write over
    // one of `inputs`. Prints the error and returns BadInput on failure, else Ok.
    int write(const QByteArray &bytes, const QStringList &inputs) const;
};

// --format FORMAT and -o/--output FILE.
class OutputOptions
{
public:
    struct Config
    {
        // The values of --format, the default first; none: the command has no --format.
        QStringList formats{};
        QString formatList{}; // how the help and the errors name them: "md, html or pdf"
        // Without --format, the suffix of -o chooses (.csv, .md, .html, .pdf and the command's
        // own formats), else the default does; false: --format alone, with the default as its
        // value, and the value taken as it is written.
        bool bySuffix = true;
        QString outputHelp{};     // -o's help; empty: the command has no -o
        QString outputRequired{}; // the usage error without -o; empty: -o is optional (stdout)
    };

    explicit OutputOptions(Config config);

    // Adds --format, then -o (those the command has).
    void declare(QCommandLineParser &parser) const;
    // -o when required, then the format: one of the formats, or the usage error.
    Validated<Output> read(const Parsed &parsed) const;

private:
    Config m_config;
    QCommandLineOption m_format;
    QCommandLineOption m_output;
};

// The topology and the snapshots a command judges against it, as SnapshotOptions read them.
struct SnapshotArgs
{
    QString topology;
    QStringList snapshots; // as given (FILE, or NAME=FILE for check); none without --snapshot
    QString server;        // --server NAME; empty when not given

    // The snapshot of a command that judges one, or empty.
    QString snapshot() const { return snapshots.value(0); }
    // Every input file, which -o must not name.
    QStringList paths() const { return QStringList{topology} + snapshots; }
};

// TOPOLOGY, the snapshots (positional or --snapshot FILE) and --server NAME: the server a
// snapshot was taken on, when its addresses do not tell.
class SnapshotOptions
{
public:
    // TOPOLOGY SNAPSHOT.
    static SnapshotOptions one();
    // TOPOLOGY SNAPSHOT...: one per server, FILE or NAME=FILE.
    static SnapshotOptions perServer();
    // TOPOLOGY [--snapshot FILE]: `help` says what the snapshot is for; `countError` is the usage
    // error when there is not exactly one TOPOLOGY.
    static SnapshotOptions option(const QString &help, const QString &countError);

    // Adds the positional arguments, then --snapshot (if an option) and --server.
    void declare(QCommandLineParser &parser) const;
    // The files and the server; a usage error when the positional arguments do not fit.
    Validated<SnapshotArgs> read(const Parsed &parsed) const;
    // Whether --server fits the snapshots: it names the server of one snapshot, so not with
    // several, nor without any (--snapshot FILE).
    std::optional<UsageError> checkServer(const Parsed &parsed) const;

private:
    enum class Form { One, PerServer, Option };
    SnapshotOptions(Form form, const QString &help, const QString &countError);

    Form m_form;
    QString m_countError;
    QCommandLineOption m_snapshot;
    QCommandLineOption m_server;
};

} // namespace edgemap::cli
