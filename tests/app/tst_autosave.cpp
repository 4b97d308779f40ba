// Crash-safe autosave: unsaved edits are copied after a delay, a save removes the copy, a copy
// left by a crashed session is offered back and restores the work as unsaved.
#include "document/document.h"
#include "io/topologyfile.h"
#include "window/autosave.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QSysInfo>

#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace edgemap;

class TstAutosave : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void editIsCopiedAndSaveRemovesIt();
    void crashedSessionIsOfferedBack();
    void damagedCopyIsNotOffered();
    void liveSessionsCopyIsLeftAlone();
    void failedWriteIsReported();
};

namespace {

// What a crash leaves beside its copies: the session's lock file, naming a process that no
// longer runs ("<key>-<session>.edgemap.json" -> "<session>.lock").
void leaveStaleLocks(const QString &store)
{
    for (const QFileInfo &copy : QDir(store).entryInfoList({QStringLiteral("*.edgemap.json")})) {
        const QString session = copy.fileName().section(u'-', -1).section(u'.', 0, 0);
        QFile f(store + u'/' + session + QStringLiteral(".lock"));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        // The host as QLockFile names it: Windows' COMPUTERNAME there (Qt 6.4 qlockfile.cpp), or
        // the lock counts as another machine's and is never taken over.
#ifdef Q_OS_WIN
        const QByteArray host = qgetenv("COMPUTERNAME");
#else
        const QByteArray host = QSysInfo::machineHostName().toUtf8();
#endif
        f.write("2147483\nedgemap\n" + host + "\n");
    }
}

} // namespace

void TstAutosave::editIsCopiedAndSaveRemovesIt()
{
    QTemporaryDir dir;
    Document doc(topologyfile::defaultTopology());
    Autosave autosave(doc, dir.filePath(QStringLiteral("autosave")));
    autosave.setDelay(50);
    QVERIFY(!doc.setField({Field::TopologyName, {}}, QStringLiteral("Edited")).isError());
    QTRY_VERIFY_WITH_TIMEOUT(!autosave.currentCopy().isEmpty(), 3000);
    const QString copy = autosave.currentCopy();
    QCOMPARE(topologyfile::load(copy).topology->name, QStringLiteral("Edited"));
    doc.setModified(false); // what a successful save does
    QVERIFY(!QFile::exists(copy));
    QVERIFY(autosave.currentCopy().isEmpty());
}

void TstAutosave::crashedSessionIsOfferedBack()
{
    QTemporaryDir dir;
    const QString store = dir.filePath(QStringLiteral("autosave"));
    const QString original = dir.filePath(QStringLiteral("contoso.edgemap.json"));
    {
        // A session that "crashes": it edits and autosaves, and never saves or cleans up.
        Document doc(topologyfile::defaultTopology());
        doc.setFilePath(original);
        auto autosave = std::make_unique<Autosave>(doc, store);
        QVERIFY(!doc.setField({Field::ServerFqdn,
                               ElementRef::server(ServerId(QStringLiteral("edge01")))},
                              QStringLiteral("edge-x.contoso.local"))
                         .isError());
        QVERIFY(autosave->writeNow());
        // The process dies: its copy stays (nothing cleans up), its lock names a dead PID.
        // (Within this process the lock object must go first: it holds the file natively.)
        autosave.reset();
        leaveStaleLocks(store);
    }
    Document next(topologyfile::defaultTopology());
    Autosave autosave(next, store);
    const QList<Autosave::Entry> pending = autosave.pending();
    QCOMPARE(pending.size(), 1);
    QCOMPARE(pending.first().originalPath, original);
    const Error error = autosave.restore(pending.first());
    QVERIFY2(!error.isError(), qPrintable(error.toString()));
    QCOMPARE(next.topology().pools[0].servers[0].fqdn, QStringLiteral("edge-x.contoso.local"));
    QCOMPARE(next.filePath(), original);
    QVERIFY(next.isModified());
}

void TstAutosave::damagedCopyIsNotOffered()
{
    QTemporaryDir dir;
    const QString store = dir.filePath(QStringLiteral("autosave"));
    QVERIFY(QDir().mkpath(store));
    QFile f(store + QStringLiteral("/untitled.edgemap.json"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"format\": 1, \"pools\": [");
    f.close();
    Document doc(topologyfile::defaultTopology());
    Autosave autosave(doc, store);
    QCOMPARE(autosave.pending().size(), 0);
    QVERIFY(QFile::exists(f.fileName())); // not deleted behind the user's back
}

void TstAutosave::liveSessionsCopyIsLeftAlone()
{
    // Two EdgeMaps at once (or one that deferred a copy with "Later"): neither offers, writes
    // over or deletes the other's copy.
    QTemporaryDir dir;
    const QString store = dir.filePath(QStringLiteral("autosave"));
    Document first(topologyfile::defaultTopology());
    Autosave firstSave(first, store);
    QVERIFY(!first.setField({Field::TopologyName, {}}, QStringLiteral("First")).isError());
    QVERIFY(firstSave.writeNow());
    Document second(topologyfile::defaultTopology());
    Autosave secondSave(second, store);
    QVERIFY(secondSave.pending().isEmpty());
    QVERIFY(!second.setField({Field::TopologyName, {}}, QStringLiteral("Second")).isError());
    QVERIFY(secondSave.writeNow());
    second.setModified(false); // saved: removes its own copy only
    QCOMPARE(topologyfile::load(firstSave.currentCopy()).topology->name, QStringLiteral("First"));
}

void TstAutosave::failedWriteIsReported()
{
    QTemporaryDir dir;
    const QString store = dir.filePath(QStringLiteral("autosave"));
    Document doc(topologyfile::defaultTopology());
    doc.setFilePath(dir.filePath(QStringLiteral("contoso.edgemap.json")));
    // In a scope: the autosave holds its session's lock file while it lives, and Windows deletes
    // no open file (the folder is removed below).
    {
        Autosave autosave(doc, store);
        QSignalSpy failed(&autosave, &Autosave::writeFailed);
        QVERIFY(!doc.setField({Field::TopologyName, {}}, QStringLiteral("First")).isError());
        QVERIFY(autosave.writeNow());
        QVERIFY(failed.isEmpty());
        const QString copy = autosave.currentCopy();
        const QString sidecar = copy + QStringLiteral(".origin");
        QVERIFY(QFile::exists(sidecar));

        // The sidecar cannot be replaced (read-only: refused even for an administrator). The
        // failure is said, and the previous copy and its sidecar stay as they were: a copy is never
        // left without the file it belongs to.
        QVERIFY(QFile::setPermissions(sidecar, QFileDevice::ReadOwner | QFileDevice::ReadUser));
        QVERIFY(!doc.setField({Field::TopologyName, {}}, QStringLiteral("Second")).isError());
        QVERIFY(!autosave.writeNow());
        QCOMPARE(failed.size(), 1);
        const Error error = failed.first().first().value<Error>();
        QVERIFY2(error.toString().contains(sidecar) && error.toString().contains(u"read-only"),
                 qPrintable(error.toString()));
        QCOMPARE(autosave.lastError().toString(), error.toString());
        QCOMPARE(topologyfile::load(copy).topology->name, QStringLiteral("First"));
        QVERIFY(QFile::setPermissions(sidecar, QFileDevice::ReadOwner | QFileDevice::WriteOwner));

        // Written again once it can be.
        QVERIFY(autosave.writeNow());
        QVERIFY(!autosave.lastError().isError());
        QCOMPARE(topologyfile::load(copy).topology->name, QStringLiteral("Second"));
    }

    // The folder cannot be created (a file stands in its way).
    QVERIFY(QDir(store).removeRecursively());
    {
        QFile blocker(store);
        QVERIFY(blocker.open(QIODevice::WriteOnly));
    }
    Document other(topologyfile::defaultTopology());
    Autosave blocked(other, store);
    QVERIFY(!other.setField({Field::TopologyName, {}}, QStringLiteral("Third")).isError());
    QVERIFY(!blocked.writeNow());
    QVERIFY(blocked.lastError().isError());
    QVERIFY2(blocked.lastError().toString().contains(store),
             qPrintable(blocked.lastError().toString()));
}

QTEST_GUILESS_MAIN(TstAutosave)
#include "tst_autosave.moc"
