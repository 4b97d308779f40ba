#pragma once

// Keeps a test's QSettings, autosave copies and other per-user files out of the real user's
// folders: everything goes under one temporary directory that disappears with the test.
#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace testutil {

// Call before anything asks QStandardPaths or QSettings for a location. The XDG variables move
// the Linux locations (the ones CI uses); QSettings::setPath covers the settings on any platform.
inline void isolateUserFiles(const QTemporaryDir &dir)
{
    qputenv("XDG_CONFIG_HOME", dir.filePath(QStringLiteral("config")).toLocal8Bit());
    qputenv("XDG_DATA_HOME", dir.filePath(QStringLiteral("data")).toLocal8Bit());
    qputenv("XDG_CACHE_HOME", dir.filePath(QStringLiteral("cache")).toLocal8Bit());
    QCoreApplication::setOrganizationName(QStringLiteral("EdgeMapTests"));
    QCoreApplication::setApplicationName(QCoreApplication::applicationName()
                                         + QStringLiteral("-isolated"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
    QSettings().clear();
}

} // namespace testutil
