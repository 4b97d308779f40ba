// The main window's file handling as a user meets it: Open and drops that tell topologies from
// snapshots by content, recent files, remembered layout and view options, the undo actions, and
// autosaved work offered back after a crash.
#include "diagram/diagrampane.h"
#include "document/document.h"
#include "editing/propertyeditor.h"
#include "io/topologyfile.h"
#include "live/snapshotcontroller.h"
#include "support/tst_file_util.h"
#include "support/tst_settings_util.h"
#include "support/tst_snapshot_util.h"
#include "support/tst_source_util.h"
#include "window/autosave.h"
#include "window/documentactions.h"
#include "window/mainwindow.h"
#include "window/savepathdialog.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QDropEvent>
#include <QFile>
#include <QFileInfo>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>
#include <QUrl>

using namespace edgemap;
using namespace Qt::StringLiterals;

namespace {

using testfiles::readFile;
using testfiles::writeFile;

const QString kSample = snapshottest::bundledSamplePath();

// Never blocks on a modal box; answers the prompts as told and counts them.
class TestWindow : public MainWindow
{
public:
    explicit TestWindow(Document &doc)
        : MainWindow(doc)
    {
        setInteractive(false);
    }
    QMessageBox::StandardButton saveAnswer = QMessageBox::Discard;
    QMessageBox::StandardButton restoreAnswer = QMessageBox::Ignore;
    QStringList restoreQuestions;

protected:
    QMessageBox::StandardButton askToSave() override { return saveAnswer; }
    QMessageBox::StandardButton askToRestore(const QString &description) override
    {
        restoreQuestions.append(description);
        return restoreAnswer;
    }
};

// Once the event loop runs again (inside the modal exec the caller is about to start): answers
// the message box then open with Yes, and keeps its text.
void answerNextBoxYes(QObject *context, QString *text)
{
    QTimer::singleShot(0, context, [text] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        QVERIFY(box);
        *text = box->text();
        box->button(QMessageBox::Yes)->click();
    });
}

Topology renamed(const QString &name)
{
    Topology t = topologyfile::defaultTopology();
    t.name = name;
    return t;
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

QStringList menuTitles(QMainWindow &window)
{
    QStringList out;
    for (QAction *a : window.menuBar()->actions())
        out.append(a->text().remove(u'&'));
    return out;
}

} // namespace

class TstMainWindowFiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void standardMenus();
    void openTellsTopologyFromSnapshot();
    void openRefusesOtherFilesAndKeepsDocument();
    void dropTopologySnapshotAndText();
    void recentFilesFollowOpenAndSave();
    void layoutAndViewOptionsAreRemembered();
    void undoActionsNameAndRevertEdits();
    void autosavedWorkIsOfferedBack();
    void tablesExportFromTheWindow();
    void anotherTopologyForgetsTheSnapshots();
    void saveTakesTheValueBeingTyped();
    void undoFromAFieldAfterItsCommit();
    void exportDialogAddsTheSuffixBeforeAskingToOverwrite();
    void exportDialogNeverStartsInTheRootFolder();

private:
    QTemporaryDir m_userFiles;
};

void TstMainWindowFiles::initTestCase()
{
    testutil::isolateUserFiles(m_userFiles);
}

void TstMainWindowFiles::init()
{
    QSettings().clear();
}

void TstMainWindowFiles::standardMenus()
{
    Document doc(topologyfile::defaultTopology());
    TestWindow window(doc);
    QCOMPARE(menuTitles(window),
             (QStringList{u"File"_s, u"Edit"_s, u"View"_s, u"Snapshot"_s, u"Help"_s}));
    QStringList shortcuts;
    for (QAction *a : window.findChildren<QAction *>())
        for (const QKeySequence &k : a->shortcuts())
            shortcuts.append(k.toString());
    // Save As as Windows users know it (Qt's Windows key scheme, also offscreen's, has none).
    for (const QString &key :
         {u"Ctrl+N"_s, u"Ctrl+O"_s, u"Ctrl+S"_s, u"Ctrl+Shift+S"_s, u"F12"_s, u"Ctrl+Z"_s,
          u"Ctrl+P"_s, u"Ctrl+F"_s, u"F2"_s, u"Ctrl+Shift+O"_s, u"Ctrl+Shift+V"_s})
        QVERIFY2(shortcuts.contains(key), qPrintable(key));
    QCOMPARE(shortcuts.count(u"F12"_s), 1);
    QCOMPARE(shortcuts.count(u"Ctrl+Shift+S"_s), 1);
    // File offers the exports; Snapshot the live sources.
    const auto texts = [&](int menu) {
        QStringList out;
        for (QAction *a : window.menuBar()->actions().at(menu)->menu()->actions())
            out.append(a->text().remove(u'&'));
        return out;
    };
    QVERIFY2(texts(0).contains(u"Export Diagram…"_s), qPrintable(texts(0).join(u", "_s)));
    QVERIFY2(texts(3).contains(u"Watch File…"_s), qPrintable(texts(3).join(u", "_s)));
}

void TstMainWindowFiles::openTellsTopologyFromSnapshot()
{
    QTemporaryDir dir;
    const QString topo = dir.filePath(u"fabrikam.edgemap.json"_s);
    QVERIFY(!topologyfile::save(renamed(u"Fabrikam Edge"_s), topo).isError());
    Document doc(topologyfile::defaultTopology());
    TestWindow window(doc);

    QVERIFY2(window.openAny(topo), qPrintable(window.lastError()));
    QCOMPARE(doc.topology().name, u"Fabrikam Edge"_s);

    // A snapshot, even named like a topology, is checked against the open topology.
    const QString snap = dir.filePath(u"looks-like-a.edgemap.json"_s);
    QVERIFY(QFile::copy(kSample, snap));
    QSignalSpy finished(window.snapshots(), &SnapshotController::finished);
    QVERIFY(window.openAny(snap));
    QVERIFY(finished.wait(20000));
    QCOMPARE(doc.topology().name, u"Fabrikam Edge"_s);
    QVERIFY(doc.checks().latest().get() && doc.checks().latest().get()->ok());
    QCOMPARE(doc.checks().latest().get()->server.value(), u"edge01"_s);
}

void TstMainWindowFiles::openRefusesOtherFilesAndKeepsDocument()
{
    QTemporaryDir dir;
    Document doc(renamed(u"Kept"_s));
    TestWindow window(doc);
    const QString junk = writeFile(dir, u"notes.txt"_s, "Meeting notes\nnothing to see\n");
    QVERIFY(!window.openAny(junk));
    QVERIFY2(window.lastError().contains(u"notes.txt"_s), qPrintable(window.lastError()));
    QVERIFY2(window.lastError().contains(u"neither"_s), qPrintable(window.lastError()));
    const QString binary = writeFile(dir, u"blob.bin"_s, QByteArray(4096, '\0') + "\xff\xfe\x01");
    QVERIFY(!window.openAny(binary));
    QVERIFY(!window.openAny(dir.filePath(u"gone.edgemap.json"_s)));
    QVERIFY2(window.lastError().contains(u"gone.edgemap.json"_s), qPrintable(window.lastError()));
    QCOMPARE(doc.topology().name, u"Kept"_s);
    QVERIFY(!doc.checks().latest().get());
}

void TstMainWindowFiles::dropTopologySnapshotAndText()
{
    QTemporaryDir dir;
    const QString topo = dir.filePath(u"dropped.edgemap.json"_s);
    QVERIFY(!topologyfile::save(renamed(u"Dropped"_s), topo).isError());
    Document doc(topologyfile::defaultTopology());
    TestWindow window(doc);
    window.show();

    auto *mime = new QMimeData;
    mime->setUrls({QUrl::fromLocalFile(topo)});
    const QString before = doc.topology().name;
    drop(&window, mime);
    QCOMPARE(doc.topology().name, before); // nothing opens (or asks) inside the drop event
    QTRY_COMPARE(doc.topology().name, u"Dropped"_s); // after the drop event has returned
    delete mime;

    QSignalSpy finished(window.snapshots(), &SnapshotController::finished);
    mime = new QMimeData;
    mime->setUrls({QUrl::fromLocalFile(kSample)});
    drop(&window, mime);
    QVERIFY(finished.wait(20000));
    QCOMPARE(doc.checks().latest().get()->source, SnapshotSource::file(kSample));
    delete mime;

    // Text dragged out of a console: checked like a paste.
    QFile sample(kSample);
    QVERIFY(sample.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf16(
            reinterpret_cast<const char16_t *>(sample.readAll().constData() + 2)); // after BOM
    mime = new QMimeData;
    mime->setText(text.left(text.indexOf(u"UDP"_s)));
    drop(&window, mime);
    QVERIFY(finished.wait(20000));
    QCOMPARE(doc.checks().latest().get()->source, SnapshotSource::droppedText());
    QCOMPARE(doc.checks().latest().get()->source.text(), u"dropped text"_s);
    QVERIFY(doc.checks().latest().get()->ok());
    delete mime;
}

void TstMainWindowFiles::recentFilesFollowOpenAndSave()
{
    QTemporaryDir dir;
    Document doc(topologyfile::defaultTopology());
    TestWindow window(doc);
    QVERIFY(window.recentFiles().isEmpty());
    QStringList saved;
    for (int i = 0; i < 10; ++i) {
        saved.append(dir.filePath(u"t%1.edgemap.json"_s.arg(i)));
        QVERIFY(window.saveTo(saved.last()));
    }
    const QStringList recent = window.recentFiles();
    QCOMPARE(recent.size(), 8); // newest first, oldest dropped
    QCOMPARE(recent.first(), saved.last());
    QVERIFY(!recent.contains(saved.first()));
    QVERIFY(window.openFile(saved[4]));
    QCOMPARE(window.recentFiles().first(), saved[4]);
    QCOMPARE(window.recentFiles().count(saved[4]), 1);

    auto *menu = window.findChild<QMenu *>(u"recentMenu"_s);
    QVERIFY(menu);
    Q_EMIT menu->aboutToShow();
    QVERIFY(menu->actions().first()->text().contains(u"t4.edgemap.json"_s));
    // A new window (next start) sees the same list.
    Document other(topologyfile::defaultTopology());
    TestWindow next(other);
    QCOMPARE(next.recentFiles(), window.recentFiles());
}

void TstMainWindowFiles::layoutAndViewOptionsAreRemembered()
{
    {
        Document doc(topologyfile::defaultTopology());
        TestWindow window(doc);
        window.resize(1100, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.diagramPane()->setLegendVisible(false);
        window.detailsDock()->hide();
        QVERIFY(window.close()); // saves the settings
    }
    Document doc(topologyfile::defaultTopology());
    TestWindow window(doc);
    window.restoreSettings();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(!window.diagramPane()->isLegendVisible());
    QVERIFY(window.detailsDock()->isHidden());
    QVERIFY(window.treeDock()->isVisible());
    QCOMPARE(window.size(), QSize(1100, 700));
}

void TstMainWindowFiles::undoActionsNameAndRevertEdits()
{
    Document doc(topologyfile::defaultTopology());
    TestWindow window(doc);
    auto *undo = window.findChild<QAction *>(u"undoAction"_s);
    auto *redo = window.findChild<QAction *>(u"redoAction"_s);
    QVERIFY(undo && redo);
    QVERIFY(!undo->isEnabled());
    const FieldRef ref{Field::ServerFqdn, ElementRef::server(ServerId(u"edge01"_s))};
    const QVariant before = *readField(doc.topology(), ref);
    QVERIFY(!doc.setField(ref, u"edge-a.contoso.local"_s).isError());
    QVERIFY(undo->isEnabled());
    QVERIFY2(undo->text().contains(u"edge01"_s), qPrintable(undo->text()));
    QVERIFY(window.isWindowModified());
    undo->trigger();
    QCOMPARE(*readField(doc.topology(), ref), before);
    QVERIFY(!window.isWindowModified());
    QVERIFY(redo->isEnabled());
    redo->trigger();
    QCOMPARE(readField(doc.topology(), ref)->toString(), u"edge-a.contoso.local"_s);
}

void TstMainWindowFiles::autosavedWorkIsOfferedBack()
{
    QTemporaryDir dir;
    const QString original = dir.filePath(u"contoso.edgemap.json"_s);
    QVERIFY(!topologyfile::save(topologyfile::defaultTopology(), original).isError());
    {
        // A session that edits and then "crashes" (never closes its window).
        Document doc(topologyfile::defaultTopology());
        TestWindow window(doc);
        QVERIFY(window.openFile(original));
        QVERIFY(!doc.setField({Field::TopologyName, {}}, u"Edited before the crash"_s).isError());
        QVERIFY(window.autosave()->writeNow());
    }
    {
        // Later: keep the copy for another time.
        Document doc(topologyfile::defaultTopology());
        TestWindow window(doc);
        window.restoreAnswer = QMessageBox::Ignore;
        QCOMPARE(window.offerAutosave(), 0);
        QCOMPARE(window.restoreQuestions.size(), 1);
        QVERIFY2(window.restoreQuestions.first().contains(u"contoso.edgemap.json"_s),
                 qPrintable(window.restoreQuestions.first()));
        QVERIFY(doc.topology().name != u"Edited before the crash"_s);
    }
    {
        Document doc(topologyfile::defaultTopology());
        TestWindow window(doc);
        window.restoreAnswer = QMessageBox::Yes;
        QCOMPARE(window.offerAutosave(), 1);
        QCOMPARE(doc.topology().name, u"Edited before the crash"_s);
        QCOMPARE(doc.filePath(), QFileInfo(original).absoluteFilePath());
        QVERIFY(doc.isModified());
        QVERIFY(window.isWindowModified());
        // The user's file itself is untouched until they save.
        QCOMPARE(topologyfile::load(original).topology->name, topologyfile::defaultTopology().name);
        window.saveAnswer = QMessageBox::Discard;
        QVERIFY(window.close());
    }
    Document doc(topologyfile::defaultTopology());
    TestWindow window(doc);
    QCOMPARE(window.offerAutosave(), 0); // restored once, then discarded: nothing left
    QVERIFY(window.restoreQuestions.isEmpty());
}

void TstMainWindowFiles::tablesExportFromTheWindow()
{
    QTemporaryDir dir;
    Document doc(topologyfile::defaultTopology());
    TestWindow window(doc);
    DocumentActions *docs = window.documentActions();
    QVERIFY(!docs->actionFor(DocumentActions::CheckReport)->isEnabled());
    const auto read = [](const QString &path) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    };

    // The firewall teams' table, with this topology's own addresses.
    const QString rules = dir.filePath(u"rules.csv"_s);
    QVERIFY(!docs->exportTo(DocumentActions::FirewallRules, rules).isError());
    QVERIFY2(read(rules).contains(u"203.0.113.30"_s), "the A/V NAT public address is missing");

    QSignalSpy finished(window.snapshots(), &SnapshotController::finished);
    window.openSnapshot(kSample);
    QVERIFY(finished.wait(20000));
    QVERIFY(docs->actionFor(DocumentActions::CheckReport)->isEnabled());
    const QString ports = dir.filePath(u"ports.md"_s);
    QVERIFY(!docs->exportTo(DocumentActions::PortTable, ports).isError());
    QVERIFY2(read(ports).contains(u"8057"_s) && read(ports).contains(u"Missing"_s),
             qPrintable(read(ports).left(400)));
    const QString report = dir.filePath(u"report.pdf"_s);
    QVERIFY(!docs->exportTo(DocumentActions::CheckReport, report).isError());
    QVERIFY(read(report).startsWith(u"%PDF"_s));

    // A suffix that names no format: refused, nothing written.
    const QString odd = dir.filePath(u"ports.xlsx"_s);
    const QString error = docs->exportTo(DocumentActions::PortTable, odd).toString();
    QVERIFY2(error.contains(u"ports.xlsx"_s) && error.contains(u".csv"_s), qPrintable(error));
    QVERIFY(!QFile::exists(odd));
}

void TstMainWindowFiles::anotherTopologyForgetsTheSnapshots()
{
    QTemporaryDir dir;
    const QString mine = dir.filePath(u"contoso.edgemap.json"_s);
    const QString other = dir.filePath(u"fabrikam.edgemap.json"_s);
    QVERIFY(!topologyfile::save(topologyfile::defaultTopology(), mine).isError());
    QVERIFY(!topologyfile::save(renamed(u"Fabrikam"_s), other).isError()); // also has an edge01
    Document doc(topologyfile::defaultTopology());
    TestWindow window(doc);
    QVERIFY(window.openFile(mine));
    QSignalSpy finished(window.snapshots(), &SnapshotController::finished);
    window.openSnapshot(kSample);
    QVERIFY(finished.wait(20000));
    QCOMPARE(doc.checks().servers().size(), 1);
    // Reloading the same file keeps the snapshot (judged again)...
    QVERIFY(window.openFile(mine));
    QCOMPARE(doc.checks().servers().size(), 1);
    // ...another topology does not inherit it, even with a server of the same id.
    QVERIFY(window.openFile(other));
    QVERIFY(doc.checks().isEmpty());
    QTest::qWait(200); // no re-judge brings it back
    QVERIFY(doc.checks().isEmpty());
    QVERIFY(!doc.checks().latest().get());
}

void TstMainWindowFiles::saveTakesTheValueBeingTyped()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"typed.edgemap.json"_s);
    Document doc(topologyfile::defaultTopology());
    TestWindow window(doc);
    window.show();
    QApplication::setActiveWindow(&window);
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(window.selectRef(ElementRef::server(ServerId(u"edge01"_s))));
    window.propertiesDock()->raise();
    auto *fqdn = qobject_cast<QLineEdit *>(window.propertyEditor()->editorFor(
            {Field::ServerFqdn, ElementRef::server(ServerId(u"edge01"_s))}));
    QVERIFY(fqdn);
    fqdn->setFocus();
    fqdn->selectAll();
    QTest::keyClicks(fqdn, u"edge-typed.contoso.local"_s); // no Return, focus stays
    QVERIFY(window.saveTo(path));
    QCOMPARE(topologyfile::load(path).topology->server(ServerId(u"edge01"_s))->fqdn,
             u"edge-typed.contoso.local"_s);
}

void TstMainWindowFiles::undoFromAFieldAfterItsCommit()
{
    // Typing in a field, Ctrl+Z undoes the typing; once Return committed it, Ctrl+Z in the same
    // field undoes the edit in the document (the field took the key for itself before).
    Document doc(topologyfile::defaultTopology());
    TestWindow window(doc);
    window.show();
    QApplication::setActiveWindow(&window);
    QVERIFY(QTest::qWaitForWindowActive(&window));
    const ElementRef edge01 = ElementRef::server(ServerId(u"edge01"_s));
    QVERIFY(window.selectRef(edge01));
    window.propertiesDock()->raise();
    auto *fqdn = qobject_cast<QLineEdit *>(
            window.propertyEditor()->editorFor({Field::ServerFqdn, edge01}));
    QVERIFY(fqdn);
    const QString before = fqdn->text();
    fqdn->setFocus();
    fqdn->selectAll();
    QTest::keyClicks(fqdn, u"edge-undo.contoso.local"_s);
    QTest::keyClick(fqdn, Qt::Key_Z, Qt::ControlModifier); // the typing, not the document
    QCOMPARE(doc.undoStack()->count(), 0);
    QTest::keyClicks(fqdn, u"x"_s);
    fqdn->selectAll();
    QTest::keyClicks(fqdn, u"edge-undo.contoso.local"_s);
    QTest::keyClick(fqdn, Qt::Key_Return);
    QCOMPARE(doc.topology().server(ServerId(u"edge01"_s))->fqdn, u"edge-undo.contoso.local"_s);
    QCOMPARE(doc.undoStack()->count(), 1);
    QVERIFY(fqdn->hasFocus());
    QTest::keyClick(fqdn, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(doc.topology().server(ServerId(u"edge01"_s))->fqdn, before);
    QCOMPARE(fqdn->text(), before);
    QTest::keyClick(fqdn, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier); // redo
    QCOMPARE(doc.topology().server(ServerId(u"edge01"_s))->fqdn, u"edge-undo.contoso.local"_s);
}

void TstMainWindowFiles::exportDialogAddsTheSuffixBeforeAskingToOverwrite()
{
    QTemporaryDir dir;
    writeFile(dir, u"diagram.png"_s, "old picture");
    SavePathDialog save(nullptr, u"Export Diagram"_s, dir.filePath(u"diagram.svg"_s),
                        {{u"SVG image"_s, u"svg"_s}, {u"PNG image"_s, u"png"_s}});
    QFileDialog *dialog = save.dialog();
    dialog->setOption(QFileDialog::DontUseNativeDialog);
    QCOMPARE(QDir(dialog->directory()).canonicalPath(), QDir(dir.path()).canonicalPath());
    QCOMPARE(dialog->defaultSuffix(), u"svg"_s);

    QString question;
    QTimer::singleShot(0, dialog, [&] {
        // The user picks PNG from the type list and types a name without a suffix.
        auto *types = dialog->findChild<QComboBox *>(u"fileTypeCombo"_s);
        QVERIFY(types);
        types->setFocus();
        QTest::keyClick(types, Qt::Key_Down);
        QCOMPARE(save.selectedFormat(), 1);
        auto *name = dialog->findChild<QLineEdit *>(u"fileNameEdit"_s);
        QVERIFY(name);
        name->setText(u"diagram"_s);
        // Accepting asks about the file that will really be written: diagram.png.
        answerNextBoxYes(dialog, &question);
        QTest::keyClick(name, Qt::Key_Return);
    });
    const QString path = save.exec();
    QVERIFY2(question.contains(u"diagram.png"_s), qPrintable(question));
    QCOMPARE(QFileInfo(path).fileName(), u"diagram.png"_s);

    // A name with dots of its own (a server FQDN): the dialog adds nothing, the chosen type's
    // suffix is added all the same, and an existing file of that name is asked about.
    writeFile(dir, u"edge01.contoso.com.png"_s, "old picture");
    QString second;
    QTimer::singleShot(0, dialog, [&] {
        // The dialog lists the folder in the background and re-selects the last file once it
        // has: type after that, as a user would.
        auto *list = dialog->findChild<QListView *>(u"listView"_s);
        QVERIFY(list);
        QTRY_VERIFY_WITH_TIMEOUT(list->model()->rowCount(list->rootIndex()) >= 2, 10000);
        QTest::qWait(50);
        auto *name = dialog->findChild<QLineEdit *>(u"fileNameEdit"_s);
        QVERIFY(name);
        name->setFocus();
        name->selectAll();
        QTest::keyClicks(name, u"edge01.contoso.com"_s); // typed: the list selection follows
        answerNextBoxYes(dialog, &second);
        QTest::keyClick(name, Qt::Key_Return);
    });
    const QString dotted = save.exec();
    QVERIFY2(second.contains(u"edge01.contoso.com.png"_s), qPrintable(second));
    QCOMPARE(QFileInfo(dotted).fileName(), u"edge01.contoso.com.png"_s);
}

void TstMainWindowFiles::exportDialogNeverStartsInTheRootFolder()
{
    // First use: no export folder remembered, so the suggestion is "/name.svg".
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    QCOMPARE(SavePathDialog::startFolder(u"/edge-diagram.svg"_s), documents);
    QCOMPARE(SavePathDialog::startFolder(u"edge-diagram.svg"_s), documents);
    QCOMPARE(SavePathDialog::startFolder(m_userFiles.filePath(u"gone/x.svg"_s)), documents);
    QCOMPARE(SavePathDialog::startFolder(m_userFiles.filePath(u"x.svg"_s)),
             QFileInfo(m_userFiles.path()).absoluteFilePath());
}

QTEST_MAIN(TstMainWindowFiles)
#include "tst_mainwindow_files.moc"
