#include "cli/cli_options.h"

#include "cli/cli.h"
#include "cli/cli_common.h"
#include "cli/consoleio.h"
#include "io/savefile.h"

#include <QCommandLineParser>
#include <QFileInfo>

#include <cstdio>
#include <utility>

namespace edgemap::cli {

namespace {

// The format named by --format, else by the suffix of -o (".csv", ".md", ".html", ".pdf"), else
// `fallback`.
QString formatOf(const QString &option, const QString &outPath, const QString &fallback)
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

} // namespace

int Output::refuseInputs(const QStringList &inputs) const
{
    const QFileInfo out(path);
    for (const QString &input : inputs)
        if (out.exists() && !input.isEmpty()
            && out.canonicalFilePath() == QFileInfo(input).canonicalFilePath())
            return usageError(command,
                              QStringLiteral("-o '%1' is one of the input files").arg(path));
    return Ok;
}

int Output::write(const QByteArray &bytes, const QStringList &inputs) const
{
    if (path.isEmpty()) {
        if (consoleio::writeToConsole(stdout, QByteArrayView(bytes)))
            return Ok;
        std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
        std::fflush(stdout);
        return Ok;
    }
    if (const int code = refuseInputs(inputs); code != Ok)
        return code;
    if (const Error error = SaveFile::save(path, bytes); error.isError()) {
        printErr(QStringLiteral("edgemap %1: %2\n").arg(command, error.toString()));
        return BadInput;
    }
    return Ok;
}

OutputOptions::OutputOptions(Config config)
    : m_config(std::move(config))
    , m_format(QStringLiteral("format"), m_config.formatList + QLatin1Char('.'),
               QStringLiteral("FORMAT"), m_config.bySuffix ? QString() : m_config.formats.value(0))
    , m_output({QStringLiteral("o"), QStringLiteral("output")}, m_config.outputHelp,
               QStringLiteral("FILE"))
{}

void OutputOptions::declare(QCommandLineParser &parser) const
{
    if (!m_config.formats.isEmpty())
        parser.addOption(m_format);
    if (!m_config.outputHelp.isEmpty())
        parser.addOption(m_output);
}

Validated<Output> OutputOptions::read(const Parsed &parsed) const
{
    const QCommandLineParser &parser = parsed.parser;
    Output out{parsed.command(), m_config.outputHelp.isEmpty() ? QString() : parser.value(m_output),
               QString()};
    if (!m_config.outputRequired.isEmpty() && !parser.isSet(m_output))
        return UsageError{m_config.outputRequired};
    if (m_config.formats.isEmpty())
        return out;
    out.format = parser.value(m_format);
    if (m_config.bySuffix) {
        out.format = formatOf(out.format, out.path, m_config.formats.first());
        // A suffix that names one of the command's own formats (dns: .zone) chooses it too.
        const QString suffix = QFileInfo(out.path).suffix().toLower();
        if (!parser.isSet(m_format) && m_config.formats.contains(suffix))
            out.format = suffix;
    }
    if (!m_config.formats.contains(out.format))
        return UsageError{QStringLiteral("--format must be %1, not '%2'")
                                  .arg(m_config.formatList, out.format)};
    return out;
}

SnapshotOptions::SnapshotOptions(Form form, const QString &help, const QString &countError)
    : m_form(form)
    , m_countError(countError)
    , m_snapshot(QStringLiteral("snapshot"), help, QStringLiteral("FILE"))
    , m_server(QStringLiteral("server"),
               QStringLiteral("The server the snapshot was taken on (id or FQDN), when it cannot "
                              "be told from the addresses."),
               QStringLiteral("NAME"))
{}

SnapshotOptions SnapshotOptions::one()
{
    return {Form::One, QString(), QStringLiteral("give a TOPOLOGY and a SNAPSHOT file")};
}

SnapshotOptions SnapshotOptions::perServer()
{
    return {Form::PerServer, QString(), QStringLiteral("give a TOPOLOGY and a SNAPSHOT file")};
}

SnapshotOptions SnapshotOptions::option(const QString &help, const QString &countError)
{
    return {Form::Option, help, countError};
}

void SnapshotOptions::declare(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(QStringLiteral("TOPOLOGY"), QStringLiteral("Topology file."));
    if (m_form == Form::One)
        parser.addPositionalArgument(QStringLiteral("SNAPSHOT"), QStringLiteral("Snapshot file."));
    if (m_form == Form::PerServer)
        parser.addPositionalArgument(QStringLiteral("SNAPSHOT..."),
                                     QStringLiteral("Snapshot files, one per server: FILE or "
                                                    "NAME=FILE."));
    if (m_form == Form::Option)
        parser.addOption(m_snapshot);
    parser.addOption(m_server);
}

Validated<SnapshotArgs> SnapshotOptions::read(const Parsed &parsed) const
{
    const QStringList positional = parsed.positional();
    const bool fits = m_form == Form::One         ? positional.size() == 2
                      : m_form == Form::PerServer ? positional.size() >= 2
                                                  : positional.size() == 1;
    if (!fits)
        return UsageError{m_countError};
    SnapshotArgs args{positional.first(), positional.mid(1), parsed.parser.value(m_server)};
    if (m_form == Form::Option && parsed.parser.isSet(m_snapshot))
        args.snapshots = {parsed.parser.value(m_snapshot)};
    return args;
}

std::optional<UsageError> SnapshotOptions::checkServer(const Parsed &parsed) const
{
    const QCommandLineParser &parser = parsed.parser;
    if (m_form == Form::PerServer && parsed.positional().size() > 2 && parser.isSet(m_server))
        return UsageError{QStringLiteral("--server names the server of one snapshot; with "
                                         "several, name each as NAME=FILE")};
    if (m_form == Form::Option && parser.isSet(m_server) && !parser.isSet(m_snapshot))
        return UsageError{QStringLiteral("--server needs a --snapshot")};
    return std::nullopt;
}

} // namespace edgemap::cli
