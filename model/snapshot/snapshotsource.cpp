#include "snapshot/snapshotsource.h"

#include <QCoreApplication>
#include <QDebug>
#include <QFileInfo>

namespace edgemap {

SnapshotSource SnapshotSource::file(const QString &path)
{
    return {Kind::File, path};
}

SnapshotSource SnapshotSource::watchedFile(const QString &absolutePath)
{
    return {Kind::WatchedFile, absolutePath};
}

SnapshotSource SnapshotSource::clipboard()
{
    return {Kind::Clipboard, {}};
}

SnapshotSource SnapshotSource::droppedText()
{
    return {Kind::DroppedText, {}};
}

SnapshotSource SnapshotSource::named(const QString &name)
{
    return {Kind::Named, name};
}

SnapshotSource SnapshotSource::capture(const QString &profileName)
{
    return {Kind::Capture, profileName};
}

SnapshotSource SnapshotSource::thisComputer()
{
    return {Kind::ThisComputer, {}};
}

bool SnapshotSource::isLive() const
{
    switch (m_kind) {
    case Kind::WatchedFile:
    case Kind::Capture:
    case Kind::ThisComputer:
        return true;
    case Kind::None:
    case Kind::File:
    case Kind::Clipboard:
    case Kind::DroppedText:
    case Kind::Named:
        return false;
    }
    return false;
}

QString SnapshotSource::label() const
{
    return isFile() ? QFileInfo(m_name).fileName() : text();
}

QString SnapshotSource::text() const
{
    switch (m_kind) {
    case Kind::Clipboard:
        return QCoreApplication::translate("SnapshotSource", "clipboard");
    case Kind::DroppedText:
        return QCoreApplication::translate("SnapshotSource", "dropped text");
    case Kind::ThisComputer:
        return QCoreApplication::translate("SnapshotSource", "This computer (native capture)");
    case Kind::None:
    case Kind::File:
    case Kind::WatchedFile:
    case Kind::Named:
    case Kind::Capture:
        return m_name;
    }
    return m_name;
}

QDebug operator<<(QDebug debug, const SnapshotSource &source)
{
    static const char *const kinds[] = {"None",        "File",  "WatchedFile", "Clipboard",
                                        "DroppedText", "Named", "Capture",     "ThisComputer"};
    const QDebugStateSaver saver(debug);
    debug.nospace() << "SnapshotSource(" << kinds[int(source.kind())];
    if (!source.name().isEmpty())
        debug << ", " << source.name();
    return debug << ')';
}

} // namespace edgemap
