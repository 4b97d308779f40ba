#include "window/autosave.h"

#include "document/document.h"
#include "io/savefile.h"
#include "io/topologyfile.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QStandardPaths>
#include <QUuid>

#include <algorithm>

namespace edgemap {

namespace {

// The sidecar that says which file a copy belongs to.
QString sidecarOf(const QString &copy)
{
    return copy + QStringLiteral(".origin");
}

QString lockPathOf(const QString &directory, const QString &session)
{
    return directory + QLatin1Char('/') + session + QStringLiteral(".lock");
}

// "<key>-<session>.edgemap.json": is <session>.lock held by a running process? Copies from
// before sessions existed ("<key>.edgemap.json") have no lock and count as left behind.
bool heldByLiveSession(const QString &directory, const QString &copyName)
{
    const QString stem = copyName.chopped(int(QStringLiteral(".edgemap.json").size()));
    const qsizetype dash = stem.lastIndexOf(QLatin1Char('-'));
    if (dash < 0)
        return false;
    const QString path = lockPathOf(directory, stem.mid(dash + 1));
    if (!QFileInfo::exists(path))
        return false;
    QLockFile lock(path);
    lock.setStaleLockTime(0);
    if (!lock.tryLock(0))
        return true; // held (QLockFile takes over a dead process's lock instead of failing)
    lock.unlock();   // it was stale: the session crashed; the copy is free to offer
    return false;
}

} // namespace

Autosave::~Autosave() = default;

Autosave::Autosave(Document &document, const QString &directory, QObject *parent)
    : QObject(parent)
    , m_document(document)
    , m_directory(directory.isEmpty()
                          ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                                    + QStringLiteral("/autosave")
                          : directory)
    , m_session(QUuid::createUuid().toString(QUuid::Id128).left(12))
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(5000);
    connect(&m_timer, &QTimer::timeout, this, &Autosave::writeNow);
    const auto edited = [this] {
        if (m_document.isModified())
            m_timer.start();
    };
    connect(&document, &Document::topologyReplaced, this, edited);
    connect(&document, &Document::fieldChanged, this, edited);
    connect(&document, &Document::structureChanged, this, edited);
    connect(&document, &Document::modifiedChanged, this, [this](bool modified) {
        if (modified)
            m_timer.start();
        else
            clear(); // saved, or the edits were undone back to the saved state
    });
}

QString Autosave::copyPath() const
{
    // One copy per original file and session: "<file key>-<session>.edgemap.json".
    const QString key
            = m_document.filePath().isEmpty()
                      ? QStringLiteral("untitled")
                      : QString::fromLatin1(
                              QCryptographicHash::hash(
                                      QFileInfo(m_document.filePath()).absoluteFilePath().toUtf8(),
                                      QCryptographicHash::Sha1)
                                      .toHex()
                                      .left(16));
    return m_directory + QLatin1Char('/') + key + QLatin1Char('-') + m_session
           + QStringLiteral(".edgemap.json");
}

bool Autosave::writeNow()
{
    if (!m_document.isModified())
        return false;
    m_error = {};
    if (!QDir().mkpath(m_directory))
        return fail(Error::inFile(m_directory, QStringLiteral("cannot create the folder")));
    if (!m_lock) {
        m_lock = std::make_unique<QLockFile>(lockPathOf(m_directory, m_session));
        m_lock->setStaleLockTime(0); // only a dead process's lock is stale, never an old one
        if (!m_lock->tryLock(0)) {
            m_lock.reset();
            return fail(Error::inFile(lockPathOf(m_directory, m_session),
                                      QStringLiteral("cannot lock the autosave folder")));
        }
    }
    const QString copy = copyPath();
    if (!m_writtenFor.isEmpty() && m_writtenFor != copy)
        discard({m_writtenFor, {}, {}, {}});
    // The sidecar first: a copy without one would be offered as an untitled topology and lose
    // the file it belongs to. If it cannot be written, the previous copy (and its sidecar) stay.
    const QJsonObject o{
            {QStringLiteral("original"), m_document.filePath()},
            {QStringLiteral("saved"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}};
    if (Error e = SaveFile::save(sidecarOf(copy), QJsonDocument(o).toJson()); e.isError())
        return fail(e);
    if (Error e = topologyfile::save(m_document.topology(), copy); e.isError()) {
        if (m_writtenFor != copy)
            QFile::remove(sidecarOf(copy)); // no copy of this session's to describe
        return fail(e);
    }
    m_writtenFor = copy;
    return true;
}

bool Autosave::fail(const Error &error)
{
    m_error = error;
    Q_EMIT writeFailed(error);
    return false;
}

void Autosave::clear()
{
    m_timer.stop();
    if (!m_writtenFor.isEmpty())
        discard({m_writtenFor, {}, {}, {}});
    m_writtenFor.clear();
}

QList<Autosave::Entry> Autosave::pending() const
{
    QList<Entry> out;
    const QDir dir(m_directory);
    for (const QFileInfo &info :
         dir.entryInfoList({QStringLiteral("*.edgemap.json")}, QDir::Files)) {
        if (heldByLiveSession(m_directory, info.fileName()))
            continue; // another EdgeMap (or this one) is still working on it
        Entry e{info.absoluteFilePath(), {}, info.lastModified().toUTC(), {}};
        QFile origin(sidecarOf(e.autosavePath));
        if (origin.open(QIODevice::ReadOnly))
            e.originalPath = QJsonDocument::fromJson(origin.readAll())
                                     .object()
                                     .value(QStringLiteral("original"))
                                     .toString();
        const topologyfile::ReadResult r = topologyfile::load(e.autosavePath);
        if (!r.ok())
            continue; // not ours or damaged: never offered, never deleted behind the user's back
        e.topologyName = r.topology->name;
        out.append(e);
    }
    std::sort(out.begin(), out.end(),
              [](const Entry &a, const Entry &b) { return a.saved > b.saved; });
    return out;
}

Error Autosave::restore(const Entry &entry)
{
    const topologyfile::ReadResult r = topologyfile::load(entry.autosavePath);
    if (!r.ok())
        return r.error;
    m_document.resetTopology(*r.topology, entry.originalPath);
    m_document.setModified(true); // restored work is unsaved work
    discard(entry);
    m_writtenFor.clear();
    writeNow(); // under this session's name, until it is saved
    return {};
}

void Autosave::discard(const Entry &entry)
{
    QFile::remove(entry.autosavePath);
    QFile::remove(sidecarOf(entry.autosavePath));
}

} // namespace edgemap
