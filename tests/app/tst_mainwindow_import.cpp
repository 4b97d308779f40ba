// Importing the deployed topology in the window, as a user meets it: File > Open or a drop of
// Get-CsTopology -AsXml output opens it as an unsaved topology (read off the GUI thread), a
// snapshot dropped with it is judged against it, File > Import Topology Changes lists what changed
// and applies it as one undo step, and a broken file leaves the open topology as it was.
#include "document/document.h"
#include "io/topologyfile.h"
#include "live/snapshotcontroller.h"
#include "support/tst_file_util.h"
#include "support/tst_settings_util.h"
#include "support/tst_topologyimport_util.h"
#include "window/importactions.h"
#include "window/mainwindow.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QMimeData>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>
#include <QUrl>

using namespace edgemap;
using namespace Qt::StringLiterals;

namespace {

using testfiles::readFile;
using testfiles::writeFile;

// Never blocks on a modal box: discards unsaved changes, records the reports and the changes it
// is asked to confirm, and answers as told.
class TestWindow : public MainWindow
{
public:
    explicit TestWindow(Document &doc)
        : MainWindow(doc)
    {
        setInteractive(false);
    }
    bool applyAnswer = true;
    QStringList reports;     // title, then text, then details, for each report
    QStringList confirmed;   // the changes of the last confirmation asked
    QString confirmQuestion; // its text

protected:
    QMessageBox::StandardButton askToSave() override { return QMessageBox::Discard; }
    void showReport(const QString &title, const QString &text, const QString &details) override
    {
        reports << title << text << details;
    }
    bool confirmChanges(const QString &, const QString &text, const QStringList &changes) override
    {
        confirmQuestion = text;
        confirmed = changes;
        return applyAnswer;
    }
};

// The published sample as Windows PowerShell's Out-File writes it: UTF-16LE with a BOM.
QByteArray powerShellExport()
{
    return importtest::encoded(importtest::readFile(importtest::dataPath(importtest::kPublished)),
                               QStringConverter::Utf16LE, true);
}

void drop(QWidget *target, QMimeData *mime)
{
    const QPointF at(target->width() / 2.0, target->height() / 2.0);
    QDragEnterEvent enter(at.toPoint(), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &enter);
    QVERIFY2(enter.isAccepted(), "the window refused the drag");
    QDropEvent event(at, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &event);
}

QStringList serverNames(const Topology &t)
{
    QStringList out;
    for (const EdgePool &pool : t.pools)
        for (const EdgeServer &s : pool.servers)
            out.append(s.fqdn);
    return out;
}

} // namespace

class TstMainWindowImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void openImportsTheDeploymentUnsaved();
    void snapshotDroppedWithTheExportIsJudgedAgainstIt();
    void importChangesIsOneUndoStep();
    void importChangesDeclinedChangesNothing();
    void brokenExportKeepsTheTopology();
    void secondImportWhileOneRunsIsRefused();

private:
    QTemporaryDir m_userFiles;
};

void TstMainWindowImport::initTestCase()
{
    testutil::isolateUserFiles(m_userFiles);
}

void TstMainWindowImport::init()
{
    QSettings().clear();
}

void TstMainWindowImport::openImportsTheDeploymentUnsaved()
{
    QTemporaryDir dir;
    const QString xml = writeFile(dir, u"topology.xml"_s, powerShellExport());
    Document doc(topologyfile::defaultTopology());
    TestWindow window(doc);
    ImportActions *imports = window.findChild<ImportActions *>();
    QVERIFY(imports);
    QSignalSpy finished(imports, &ImportActions::finished);

    QVERIFY2(window.openAny(xml), qPrintable(window.lastError()));
    // Read in the background: the window has not changed yet.
    QCOMPARE(doc.topology().name, topologyfile::defaultTopology().name);
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().first().toBool(), true);

    QCOMPARE(serverNames(doc.topology()), QStringList{u"Edge.contoso.com"_s});
    QVERIFY(doc.isModified()); // never saved: closing asks, the autosave protects it
    QVERIFY(doc.filePath().isEmpty());
    QCOMPARE(doc.undoStack()->count(), 0);
    QCOMPARE(window.reports.value(0), u"Topology imported"_s);
    QVERIFY2(window.reports.value(1).startsWith(
                     u"Imported 1 Edge pool with 1 server from %1. The topology is not saved "
                     "yet."_s.arg(QDir::toNativeSeparators(xml))),
             qPrintable(window.reports.value(1)));
    // The details are the import's summary, the addresses it found among them.
    QVERIFY2(window.reports.value(2).contains(u"1.1.1.1"_s), qPrintable(window.reports.value(2)));
    QVERIFY2(window.statusBar()->currentMessage().startsWith(u"Imported 1 Edge pool"_s),
             qPrintable(window.statusBar()->currentMessage()));
    QCOMPARE(window.recentFiles().value(0), xml);
}

void TstMainWindowImport::snapshotDroppedWithTheExportIsJudgedAgainstIt()
{
    QTemporaryDir dir;
    const QString xml = writeFile(dir, u"topology.xml"_s, powerShellExport());
    const QString snapshot = importtest::dataPath(u"written_edge-netstat-anob.txt"_s);
    Document doc(topologyfile::defaultTopology());
    TestWindow window(doc);
    window.show();
    QSignalSpy judged(window.snapshots(), &SnapshotController::finished);

    auto mime = std::make_unique<QMimeData>();
    mime->setUrls({QUrl::fromLocalFile(xml), QUrl::fromLocalFile(snapshot)});
    drop(&window, mime.get());
    QVERIFY(judged.wait(20000));

    QCOMPARE(serverNames(doc.topology()), QStringList{u"Edge.contoso.com"_s});
    const CheckResult *check = doc.checks().latest().get();
    QVERIFY(check && check->ok());
    QCOMPARE(check->server, doc.topology().pools.first().servers.first().id);
    QCOMPARE(check->judgement.listeners.size(), 13);
    QCOMPARE(check->judgement.problemCount(), 0);
}

void TstMainWindowImport::importChangesIsOneUndoStep()
{
    QTemporaryDir dir;
    const importtest::ImportResult first = importtest::importFile(u"written_pool-director.tbxml"_s);
    QVERIFY2(first.ok(), qPrintable(first.error.toString()));
    const QString file = dir.filePath(u"contoso.edgemap.json"_s);
    QVERIFY(!topologyfile::save(*first.topology, file).isError());
    const QString later = writeFile(dir, u"later.tbxml"_s, importtest::poolDirectorLater());
    Document doc(topologyfile::defaultTopology());
    TestWindow window(doc);
    QVERIFY(window.openFile(file));
    const Topology before = doc.topology();
    ImportActions *imports = window.findChild<ImportActions *>();
    QSignalSpy finished(imports, &ImportActions::finished);

    QVERIFY(imports->importChangesFrom(later));
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().first().toBool(), true);

    QCOMPARE(window.confirmed.size(), 8);
    QVERIFY2(window.confirmed.contains(
                     u"edge02.contoso.net: Internal address 172.16.1.12 → 172.16.1.22"_s),
             qPrintable(window.confirmed.join(u'\n')));
    QVERIFY2(window.confirmQuestion.contains(QDir::toNativeSeparators(later)),
             qPrintable(window.confirmQuestion));
    QCOMPARE(serverNames(doc.topology()),
             (QStringList{u"edge01.contoso.net"_s, u"edge02.contoso.net"_s,
                          u"edge03.contoso.net"_s}));
    QVERIFY(doc.isModified());
    QCOMPARE(doc.filePath(), file);
    QCOMPARE(doc.undoStack()->count(), 1);
    QCOMPARE(doc.undoStack()->undoText(), u"Import topology changes from later.tbxml"_s);
    QCOMPARE(window.statusBar()->currentMessage(), u"8 topology changes applied"_s);
    doc.undoStack()->undo();
    QCOMPARE(doc.topology(), before);

    // The same file again, after redo: nothing to change, said.
    doc.undoStack()->redo();
    finished.clear();
    window.reports.clear();
    QVERIFY(imports->importChangesFrom(later));
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().first().toBool(), false);
    QCOMPARE(window.reports.value(0), u"No topology changes"_s);
    QCOMPARE(doc.undoStack()->count(), 1);
}

void TstMainWindowImport::importChangesDeclinedChangesNothing()
{
    QTemporaryDir dir;
    const importtest::ImportResult first = importtest::importFile(u"written_pool-director.tbxml"_s);
    QVERIFY2(first.ok(), qPrintable(first.error.toString()));
    Document doc(*first.topology);
    TestWindow window(doc);
    window.applyAnswer = false;
    const QString later = writeFile(dir, u"later.tbxml"_s, importtest::poolDirectorLater());
    ImportActions *imports = window.findChild<ImportActions *>();
    QSignalSpy finished(imports, &ImportActions::finished);
    QVERIFY(imports->importChangesFrom(later));
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().first().toBool(), false);
    QCOMPARE(window.confirmed.size(), 8);
    QCOMPARE(doc.topology(), *first.topology);
    QCOMPARE(doc.undoStack()->count(), 0);
}

void TstMainWindowImport::brokenExportKeepsTheTopology()
{
    QTemporaryDir dir;
    const QByteArray published = importtest::readFile(importtest::dataPath(importtest::kPublished));
    const QString truncated
            = writeFile(dir, u"truncated.xml"_s, published.left(published.indexOf("Port=\"442\"")));
    Topology named = topologyfile::defaultTopology();
    named.name = u"Kept"_s;
    Document doc(named);
    TestWindow window(doc);
    ImportActions *imports = window.findChild<ImportActions *>();
    QSignalSpy finished(imports, &ImportActions::finished);
    QVERIFY(window.openAny(truncated));
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY2(window.lastError().contains(
                     u"truncated.xml:317:120: the file ends in the middle of the topology"_s),
             qPrintable(window.lastError()));
    QCOMPARE(doc.topology().name, u"Kept"_s);
    QVERIFY(!doc.isModified());

    // Import Topology Changes from a file with no Edge: the same, in its own words.
    const QString noEdge
            = writeFile(dir, u"no-edge.xml"_s,
                        importtest::readFile(importtest::dataPath(u"written_no-edge.xml"_s)));
    finished.clear();
    QVERIFY(imports->importChangesFrom(noEdge));
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY2(window.lastError().contains(u"no Edge pool in this topology"_s),
             qPrintable(window.lastError()));
    QCOMPARE(doc.topology().name, u"Kept"_s);
    QCOMPARE(doc.undoStack()->count(), 0);
}

void TstMainWindowImport::secondImportWhileOneRunsIsRefused()
{
    QTemporaryDir dir;
    const QString a = writeFile(dir, u"a.xml"_s, powerShellExport());
    const QString b = writeFile(dir, u"b.xml"_s, powerShellExport());
    Document doc(topologyfile::defaultTopology());
    TestWindow window(doc);
    ImportActions *imports = window.findChild<ImportActions *>();
    QSignalSpy finished(imports, &ImportActions::finished);
    QVERIFY(window.openAny(a));
    QVERIFY(!window.openAny(b));
    QVERIFY2(window.lastError().contains(u"another import is still running"_s),
             qPrintable(window.lastError()));
    QVERIFY(!imports->importChangesFrom(b));
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(window.recentFiles(), QStringList{a});
    // Once it has finished, the next one runs.
    QVERIFY(window.openAny(b));
    QVERIFY(finished.wait(20000));
    QCOMPARE(window.recentFiles().value(0), b);
}

QTEST_MAIN(TstMainWindowImport)
#include "tst_mainwindow_import.moc"
