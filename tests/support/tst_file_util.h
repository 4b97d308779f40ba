#pragma once
// Reading and writing the files tests make: one definition for every test.

#include <QByteArray>
#include <QFile>
#include <QString>
#include <QTemporaryDir>

namespace testfiles {

// The file's bytes; empty when it cannot be read.
inline QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Whether all of `bytes` were written to `path` (replacing it).
inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// Writes `bytes` as `name` in `dir` and returns its path; a test that cannot write its own
// temporary file stops.
inline QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    if (!writeFile(path, bytes))
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

} // namespace testfiles
