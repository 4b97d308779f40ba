#include "live/captureprofiles.h"

#include "io/savefile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>

#include <optional>

namespace edgemap::captureprofiles {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(CaptureProfiles)
};

const QString kArray = QStringLiteral("captureProfiles");
const QString kScriptResource = QStringLiteral(":/edgemap/capture/Get-EdgeMapSnapshot.ps1");

// Only text is a name or a program: a list or a map there means the settings were edited by hand
// (or by another program) and the entry is skipped rather than guessed at.
std::optional<QString> textValue(const QVariant &value)
{
    const int type = value.metaType().id();
    if (type != QMetaType::QString && type != QMetaType::QByteArray)
        return std::nullopt;
    return value.toString();
}

std::optional<int> intValue(const QVariant &value, int fallback)
{
    if (!value.isValid())
        return fallback;
    switch (value.metaType().id()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Double:
    case QMetaType::QString:
    case QMetaType::QByteArray: {
        bool ok = false;
        const int n = value.toInt(&ok);
        return ok ? std::optional<int>(n) : std::nullopt;
    }
    default:
        return std::nullopt;
    }
}

std::optional<QStringList> listValue(const QVariant &value)
{
    if (!value.isValid())
        return QStringList();
    const int type = value.metaType().id();
    if (type == QMetaType::QStringList)
        return value.toStringList();
    // The INI format reads a one-element list back as a plain string.
    if (type == QMetaType::QString || type == QMetaType::QByteArray)
        return QStringList{value.toString()};
    if (type == QMetaType::QVariantList) {
        QStringList out;
        for (const QVariant &v : value.toList()) {
            const auto s = textValue(v);
            if (!s)
                return std::nullopt;
            out.append(*s);
        }
        return out;
    }
    return std::nullopt;
}

std::optional<CaptureProfile> readEntry(const QSettings &s)
{
    const auto name = textValue(s.value(QStringLiteral("name")));
    const auto program = textValue(s.value(QStringLiteral("program")));
    const auto arguments = listValue(s.value(QStringLiteral("arguments")));
    const auto interval = intValue(s.value(QStringLiteral("interval")), kDefaultInterval);
    const auto timeout = intValue(s.value(QStringLiteral("timeout")), kDefaultTimeout);
    if (!name || name->trimmed().isEmpty() || !program || !arguments || !interval || !timeout)
        return std::nullopt;
    return CaptureProfile{name->trimmed(), program->trimmed(), *arguments, *interval, *timeout};
}

bool isShellOperator(const QString &word)
{
    static const QStringList operators{
            QStringLiteral("|"),    QStringLiteral("||"), QStringLiteral("&&"), QStringLiteral("&"),
            QStringLiteral(";"),    QStringLiteral(">"),  QStringLiteral(">>"), QStringLiteral("<"),
            QStringLiteral("2>&1"), QStringLiteral("2>")};
    return operators.contains(word);
}

} // namespace

QList<CaptureProfile> load(QSettings &settings)
{
    QList<CaptureProfile> out;
    const int size = std::min(settings.beginReadArray(kArray), kMaxProfiles);
    for (int i = 0; i < size; ++i) {
        settings.setArrayIndex(i);
        const auto profile = readEntry(settings);
        const bool taken = profile && std::any_of(out.cbegin(), out.cend(), [&](const auto &p) {
                               return p.name == profile->name;
                           });
        if (profile && !taken)
            out.append(*profile);
    }
    settings.endArray();
    return out;
}

Error save(QSettings &settings, const QList<CaptureProfile> &profiles)
{
    settings.remove(kArray); // drop entries beyond the new size
    settings.beginWriteArray(kArray, int(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i) {
        const CaptureProfile &p = profiles.at(i);
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("name"), p.name);
        settings.setValue(QStringLiteral("program"), p.program);
        settings.setValue(QStringLiteral("arguments"), p.arguments);
        settings.setValue(QStringLiteral("interval"), p.intervalSeconds);
        settings.setValue(QStringLiteral("timeout"), p.timeoutSeconds);
    }
    settings.endArray();
    // QSettings writes later and says nothing; asked now, a read-only or full settings store
    // is reported instead of losing the profiles at exit.
    settings.sync();
    if (settings.status() != QSettings::NoError)
        return Error::inFile(QDir::toNativeSeparators(settings.fileName()),
                             Text::tr("cannot save the capture profiles"));
    return {};
}

QList<CaptureProfile> load()
{
    QSettings settings;
    return load(settings);
}

Error save(const QList<CaptureProfile> &profiles)
{
    QSettings settings;
    return save(settings, profiles);
}

QString problem(const CaptureProfile &p, const QStringList &otherNames)
{
    const QString name = p.name.trimmed();
    const QString program = p.program.trimmed();
    if (name.isEmpty())
        return Text::tr("Give the profile a name.");
    if (otherNames.contains(name))
        return Text::tr("Another profile is already called \u201c%1\u201d.").arg(name);
    if (program.isEmpty())
        return Text::tr("Enter the program to run, e.g. ssh or netstat.");
    if (program.contains(QLatin1Char(' ')) && !QFileInfo::exists(program))
        return Text::tr("\u201c%1\u201d is not a program: put the program alone under Program "
                        "and its arguments under Arguments (no shell runs the command).")
                .arg(program);
    for (const QString &word : p.arguments)
        if (isShellOperator(word))
            return Text::tr("\u201c%1\u201d would reach %2 as a plain argument: no shell runs "
                            "the command, so pipes and redirections do not work here. Quote "
                            "them for the remote shell (ssh edge01 \"netstat -ano | findstr "
                            "LISTEN\") or leave them out.")
                    .arg(word, program);
    if (p.intervalSeconds < kMinInterval)
        return Text::tr("The interval must be at least %1 s: each run makes the server list all "
                        "its sockets.")
                .arg(kMinInterval);
    if (p.intervalSeconds > kMaxInterval)
        return Text::tr("The interval must be at most 24 hours.");
    if (p.timeoutSeconds < 1 || p.timeoutSeconds > kMaxTimeout)
        return Text::tr("The time-out must be between 1 s and 1 hour.");
    return {};
}

QString argumentsLineProblem(const QString &line)
{
    // The same walk as QProcess::splitCommand, only to see whether a quote is left open.
    int quotes = 0;
    bool inQuote = false;
    for (const QChar c : line) {
        if (c == QLatin1Char('"')) {
            if (++quotes == 3)
                quotes = 0;
            continue;
        }
        if (quotes == 1)
            inQuote = !inQuote;
        quotes = 0;
    }
    if (quotes == 1)
        inQuote = !inQuote;
    return inQuote ? Text::tr("A double quote is not closed.") : QString();
}

QStringList splitArguments(const QString &line)
{
    return QProcess::splitCommand(line);
}

QString joinArguments(const QStringList &arguments)
{
    QStringList words;
    for (QString arg : arguments) {
        const bool spaced
                = std::any_of(arg.cbegin(), arg.cend(), [](QChar c) { return c.isSpace(); });
        arg.replace(QLatin1Char('"'), QStringLiteral("\"\"\""));
        words.append(spaced ? QLatin1Char('"') + arg + QLatin1Char('"') : arg);
    }
    return words.join(QLatin1Char(' '));
}

QList<BuiltIn> builtInProfiles()
{
    QList<BuiltIn> out;
#ifdef Q_OS_WIN
    // Platform code (Windows): the system's own tools by full path, so that a netstat.exe or
    // powershell.exe in the current folder or early in PATH is never the one that runs.
    const QString system = QDir::fromNativeSeparators(qEnvironmentVariable(
                                   "SystemRoot", QStringLiteral("C:\\Windows")))
                           + QStringLiteral("/System32/");
    const QString netstat = QDir::toNativeSeparators(system + QStringLiteral("netstat.exe"));
    out.append({{QStringLiteral("This computer (netstat -anob)"),
                 netstat,
                 {QStringLiteral("-anob")},
                 30,
                 60},
                Text::tr("-b names the process of each socket but needs elevation: run EdgeMap "
                         "as administrator, or use \u201cThis computer (netstat -ano)\u201d.")});
    out.append({{QStringLiteral("This computer (netstat -ano)"),
                 netstat,
                 {QStringLiteral("-ano")},
                 30,
                 60},
                Text::tr("Needs no elevation; shows process ids but not process names.")});
    out.append({{QStringLiteral("This computer (PowerShell)"),
                 QDir::toNativeSeparators(
                         system + QStringLiteral("WindowsPowerShell/v1.0/powershell.exe")),
                 {QStringLiteral("-NoProfile"), QStringLiteral("-ExecutionPolicy"),
                  QStringLiteral("Bypass"), QStringLiteral("-File"),
                  QDir::toNativeSeparators(bundledScriptPath()), QStringLiteral("-Stdout")},
                 60,
                 120},
                Text::tr("Runs the Get-EdgeMapSnapshot.ps1 script that comes with EdgeMap (copied "
                         "to %1): listeners, UDP endpoints, process and service names. Run "
                         "EdgeMap as administrator so that every process can be named.")
                        .arg(QDir::toNativeSeparators(bundledScriptPath()))});
#endif
    return out;
}

bool isBuiltInName(const QString &name)
{
    const QList<BuiltIn> builtIns = builtInProfiles();
    return std::any_of(builtIns.cbegin(), builtIns.cend(),
                       [&](const BuiltIn &b) { return b.profile.name == name; });
}

QList<CaptureProfile> effectiveProfiles(const QList<CaptureProfile> &stored)
{
    QList<CaptureProfile> out;
    for (const BuiltIn &b : builtInProfiles()) {
        const bool replaced = std::any_of(stored.cbegin(), stored.cend(),
                                          [&](const auto &p) { return p.name == b.profile.name; });
        if (!replaced)
            out.append(b.profile);
    }
    out.append(stored);
    return out;
}

QString bundledScriptPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
           + QStringLiteral("/capture/Get-EdgeMapSnapshot.ps1");
}

QString installBundledScript()
{
    QFile resource(kScriptResource);
    if (!resource.open(QIODevice::ReadOnly))
        return Text::tr("the capture script is missing from this build of EdgeMap");
    const QByteArray script = resource.readAll();
    const QString path = bundledScriptPath();
    // Rewritten whenever it differs (an older EdgeMap's copy, or a damaged one), so what runs is
    // always the script this EdgeMap ships.
    QFile existing(path);
    if (existing.open(QIODevice::ReadOnly) && existing.readAll() == script)
        return {};
    existing.close();
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return Text::tr("cannot create the folder %1")
                .arg(QDir::toNativeSeparators(QFileInfo(path).absolutePath()));
    SaveFile out(path);
    if (!out.open() || !out.write(script) || !out.commit())
        return Text::tr("cannot write %1: %2")
                .arg(QDir::toNativeSeparators(path), out.errorString());
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    return {};
}

QString prepare(const CaptureProfile &profile)
{
    const QString script = bundledScriptPath();
    const bool usesScript = std::any_of(
            profile.arguments.cbegin(), profile.arguments.cend(),
            [&](const QString &a) { return QDir::fromNativeSeparators(a) == script; });
    return usesScript ? installBundledScript() : QString();
}

} // namespace edgemap::captureprofiles
