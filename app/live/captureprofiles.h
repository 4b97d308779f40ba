#pragma once

#include "io/error.h"
#include "live/capturerunner.h"

#include <QList>
#include <QString>
#include <QStringList>

class QSettings;

// The user's capture profiles (see CaptureProfile): stored in the user's settings, never in a
// topology or snapshot file, so that opening a file can never make EdgeMap run anything.
//
// QSettings layout: one array, written with QSettings::beginWriteArray:
//   captureProfiles/size              number of entries (at most kMaxProfiles are read)
//   captureProfiles/<n>/name          string, required, unique
//   captureProfiles/<n>/program       string, required
//   captureProfiles/<n>/arguments     string list (may be missing: no arguments)
//   captureProfiles/<n>/interval      seconds between runs, integer (missing: kDefaultInterval)
//   captureProfiles/<n>/timeout       seconds a run may take, integer (missing: kDefaultTimeout)
// Entries with a missing or non-text name or program, or a non-number interval or timeout, are
// skipped when read; nothing read from the settings can crash or hang the loader.
namespace edgemap::captureprofiles {

inline constexpr int kMaxProfiles = 100;
inline constexpr int kMinInterval = 5; // seconds: each run makes the server list its sockets
inline constexpr int kMaxInterval = 24 * 60 * 60;
inline constexpr int kMaxTimeout = 60 * 60;
inline constexpr int kDefaultInterval = 60;
inline constexpr int kDefaultTimeout = 60;

QList<CaptureProfile> load(QSettings &settings);
// Writes the profiles through to the store; an error names the store when that fails.
Error save(QSettings &settings, const QList<CaptureProfile> &profiles);
// The same with the application's default QSettings.
QList<CaptureProfile> load();
Error save(const QList<CaptureProfile> &profiles);

// Why a profile cannot be run, in the user's terms; empty when it can. `otherNames` are the
// names of the other stored profiles (names must be unique: the name labels the snapshot).
QString problem(const CaptureProfile &profile, const QStringList &otherNames = {});
// Why an arguments line (see splitArguments) is probably not what the user meant; empty if fine.
QString argumentsLineProblem(const QString &line);

// Arguments are edited as one line, split the way QProcess::splitCommand does it (no shell is
// involved, so nothing else is special): words are separated by spaces; "double quotes" keep
// spaces inside one word; three double quotes """ stand for one literal " character, inside or
// outside quotes; backslashes and single quotes are ordinary characters (Windows paths work as
// typed). An empty argument cannot be written. joinArguments() writes a list back so that
// splitArguments(joinArguments(list)) == list for every list without empty arguments.
QStringList splitArguments(const QString &line);
QString joinArguments(const QStringList &arguments);

// Profiles EdgeMap offers without storing them (only when the user edits one does a copy go to
// the settings, under the same name, and it then replaces the built-in one). Windows only: the
// local netstat and the bundled PowerShell script; empty elsewhere.
struct BuiltIn
{
    CaptureProfile profile;
    QString note; // what the user should know before running it
};
QList<BuiltIn> builtInProfiles();
// Stored profiles plus the built-in ones that no stored profile replaces, built-ins first.
QList<CaptureProfile> effectiveProfiles(const QList<CaptureProfile> &stored);
bool isBuiltInName(const QString &name);

// The bundled Get-EdgeMapSnapshot.ps1, written from the application's resources to the app data
// folder (PowerShell can only run a script from a file). prepare() writes or repairs it when a
// profile refers to it, just before the profile runs; returns an error message or empty.
QString bundledScriptPath();
QString installBundledScript();
QString prepare(const CaptureProfile &profile);

} // namespace edgemap::captureprofiles
