#pragma once

#include "io/error.h"

#include <QByteArrayView>
#include <QSaveFile>
#include <QString>

namespace edgemap {

// The one way EdgeMap writes a file (after Tiled's SaveFile): the bytes go to a temporary file
// next to the target, which replaces the target only when everything was written. On any
// failure the previous file is untouched and nothing partial is left behind.
//
// Two things QSaveFile alone does not do: it writes unbuffered, looping over short writes, so
// that a full disk shows as a failed write instead of a truncated file committed over the old
// one (Qt 6.4 reports a short write as success when it flushes its buffer); and it refuses a
// read-only target or a directory, which the commit's rename would otherwise replace or fail on
// late (as an administrator the rename goes through a file someone marked read-only).
class SaveFile
{
public:
    explicit SaveFile(const QString &path);
    SaveFile(const SaveFile &) = delete;
    SaveFile &operator=(const SaveFile &) = delete;
    // Without commit() the temporary file is removed and the target stays as it was.
    ~SaveFile() = default;

    bool open();
    // Writes all of `bytes`, or fails (the file is then cancelled).
    bool write(QByteArrayView bytes);
    // Replaces the target; false if any step failed.
    bool commit();

    QString fileName() const { return m_path; }
    // Why the last step failed, in the user's terms, without the path ("the file is read-only",
    // or the system's reason); empty while nothing failed.
    QString errorString() const { return m_error; }

    // open + write + commit. The error names the path: "cannot write '<path>': <reason>".
    static Error save(const QString &path, QByteArrayView bytes);

private:
    bool fail(const QString &reason);

    QString m_path;
    QSaveFile m_file;
    QString m_error;
};

} // namespace edgemap
