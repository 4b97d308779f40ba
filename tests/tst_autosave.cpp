// Crash-safe autosave: unsaved edits are copied after a delay, a save removes the copy, a copy
// left by a crashed session is offered back and restores the work as unsaved.
#include "autosave.h"
#include "document.h"
#include "topologyfile.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace edgemap;

class TstAutosave : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void editIsCopiedAndSaveRemovesIt();
    void crashedSessionIsOfferedBack();
    void damagedCopyIsNotOffered();
};

void TstAutosave::editIsCopiedAndSaveRemovesIt()
{
    QTemporaryDir dir;
    Document doc(topologyfile::defaultTopology());
    Autosave autosave(doc, dir.filePath(QStringLiteral("autosave")));
    autosave.setDelay(50);
    QVERIFY(!doc.setField({Field::TopologyName, {}}, QStringLiteral("Edited")).isError());
    QTRY_COMPARE_WITH_TIMEOUT(autosave.pending().size(), 1, 3000);
    QCOMPARE(autosave.pending().first().topologyName, QStringLiteral("Edited"));
    doc.setModified(false); // what a successful save does
    QCOMPARE(autosave.pending().size(), 0);
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
        auto *autosave = new Autosave(doc, store);
        QVERIFY(!doc.setField({Field::ServerFqdn, QStringLiteral("edge01")},
                              QStringLiteral("edge-x.contoso.local"))
                         .isError());
        QVERIFY(autosave->writeNow());
        autosave->setParent(nullptr);
        // Leak on purpose: a crash runs no destructors, so nothing may depend on them.
        Q_UNUSED(autosave);
    }
    Document next(topologyfile::defaultTopology());
    Autosave autosave(next, store);
    const QList<Autosave::Entry> pending = autosave.pending();
    QCOMPARE(pending.size(), 1);
    QCOMPARE(pending.first().originalPath, original);
    QString error;
    QVERIFY2(autosave.restore(pending.first(), &error), qPrintable(error));
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

QTEST_GUILESS_MAIN(TstAutosave)
#include "tst_autosave.moc"
