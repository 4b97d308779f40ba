#include "io/savefile.h"

#include <QFileInfo>

namespace edgemap {

SaveFile::SaveFile(const QString &path)
    : m_path(path)
    , m_file(path)
{}

bool SaveFile::fail(const QString &reason)
{
    m_error = reason;
    m_file.cancelWriting();
    return false;
}

bool SaveFile::open()
{
    const QFileInfo info(m_path);
    // Said before opening: Linux names a directory in its error, Windows only says "Access is
    // denied"; and the rename QSaveFile commits with would replace a read-only file.
    if (info.isDir())
        return fail(QStringLiteral("it is a directory"));
    const QFileDevice::Permissions permissions = QFile::permissions(m_path);
    if (info.exists()
        && (!(permissions & QFileDevice::WriteOwner) || !(permissions & QFileDevice::WriteUser)))
        return fail(QStringLiteral("the file is read-only"));
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return fail(m_file.errorString());
    return true;
}

bool SaveFile::write(QByteArrayView bytes)
{
    if (!m_error.isEmpty() || !m_file.isOpen())
        return false;
    for (qsizetype done = 0; done < bytes.size();) {
        const qint64 written = m_file.write(bytes.data() + done, bytes.size() - done);
        if (written <= 0)
            return fail(m_file.errorString());
        done += qsizetype(written);
    }
    return true;
}

bool SaveFile::commit()
{
    if (!m_error.isEmpty() || !m_file.isOpen())
        return false;
    if (!m_file.commit()) {
        m_error = m_file.errorString();
        return false;
    }
    return true;
}

Error SaveFile::save(const QString &path, QByteArrayView bytes)
{
    SaveFile file(path);
    if (file.open() && file.write(bytes) && file.commit())
        return {};
    return Error::plain(QStringLiteral("cannot write '%1': %2").arg(path, file.errorString()));
}

} // namespace edgemap
