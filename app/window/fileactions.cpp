#include "window/fileactions.h"

#include "document/document.h"
#include "editing/newtopologywizard.h"
#include "editing/propertyeditor.h"
#include "io/topologyfile.h"
#include "snapshot/filekind.h"
#include "window/autosave.h"
#include "window/importactions.h"
#include "window/snapshotui.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QMenu>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>

namespace edgemap {

namespace {

constexpr int kMaxRecentFiles = 8;
const QString kRecentKey = QStringLiteral("recentFiles");

QString nameFilters()
{
    return FileActions::tr("EdgeMap topology (*.edgemap.json);;JSON (*.json);;All files (*)");
}

QString openFilters()
{
    return FileActions::tr("Topologies and snapshots (*.edgemap.json *.json *.xml *.tbxml *.txt "
                           "*.out *.log *.csv);;EdgeMap topology (*.edgemap.json);;Lync and "
                           "Skype for Business topologies to import (*.xml *.tbxml);;Snapshots "
                           "(*.txt *.out *.log *.json *.csv);;All files (*)");
}

// The first 64 KiB decide what a file is (classifyContent); reading more would only cost time
// on a 200 MB capture.
FileKind kindOfFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = FileActions::tr("%1: cannot be read: %2")
                         .arg(QDir::toNativeSeparators(path), file.errorString());
        return FileKind::Unknown;
    }
    const FileKind kind = classifyContent(file.read(64 * 1024));
    if (kind == FileKind::Unknown)
        *error = FileActions::tr("%1 is neither an EdgeMap topology (JSON with \"format\" and "
                                 "\"pools\"), nor a Lync or Skype for Business topology "
                                 "(Get-CsTopology -AsXml, Topology Builder), nor a snapshot "
                                 "(netstat, Get-NetTCPConnection, CSV or JSON output with socket "
                                 "rows).")
                         .arg(QDir::toNativeSeparators(path));
    return kind;
}

// A Error names its file; make sure the message does even when the loader left it out.
QString describe(const Error &error, const QString &path)
{
    const QString text = error.toString();
    return text.contains(path) ? text : QStringLiteral("%1: %2").arg(path, text);
}

// "Contoso Edge" -> "Contoso Edge.edgemap.json", without characters file systems refuse.
QString suggestedFileName(const QString &topologyName)
{
    QString base = topologyName.trimmed();
    base.replace(QRegularExpression(QStringLiteral(R"([\\/:*?"<>|])")), QStringLiteral("-"));
    if (base.isEmpty())
        base = FileActions::tr("topology");
    return base + QStringLiteral(".edgemap.json");
}

// A standard action's shortcuts, completed with what Windows users expect where Qt's Windows
// key scheme has none: Save As is Ctrl+Shift+S in most editors and F12 in Office.
QList<QKeySequence> standardShortcuts(QKeySequence::StandardKey key)
{
    QList<QKeySequence> keys = QKeySequence::keyBindings(key);
    if (key == QKeySequence::SaveAs && keys.isEmpty())
        keys = {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), QKeySequence(Qt::Key_F12)};
    return keys;
}

} // namespace

FileActions::FileActions(Document &document, SnapshotUi &snapshots, PropertyEditor &editor,
                         Autosave &autosave, FilePrompts &prompts, QStatusBar *statusBar,
                         QWidget *window)
    : QObject(window)
    , m_document(document)
    , m_snapshots(snapshots)
    , m_editor(editor)
    , m_autosave(autosave)
    , m_prompts(prompts)
    , m_statusBar(statusBar)
    , m_window(window)
    , m_imports(new ImportActions(document, snapshots, prompts, statusBar, window))
{}

void FileActions::populateMenu(QMenu *file)
{
    const auto add = [this, file](const QString &text, QKeySequence::StandardKey key,
                                  const QString &tip, auto slot) {
        QAction *action = file->addAction(text);
        action->setShortcuts(standardShortcuts(key));
        action->setStatusTip(tip);
        connect(action, &QAction::triggered, this, slot);
        return action;
    };
    QStyle *s = m_window->style();
    add(tr("&New Topology…"), QKeySequence::New,
        tr("Describe an Edge pool step by step: product, addresses, members, next hop"),
        &FileActions::newTopology)
            ->setIcon(s->standardIcon(QStyle::SP_FileIcon));
    add(tr("&Open…"), QKeySequence::Open, tr("Open a topology file, or a snapshot to check"),
        &FileActions::open)
            ->setIcon(s->standardIcon(QStyle::SP_DialogOpenButton));
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &FileActions::updateRecentMenu);
    updateRecentMenu();
    file->addAction(m_imports->importChangesAction());
    add(tr("&Save"), QKeySequence::Save, tr("Save the topology"), &FileActions::save)
            ->setIcon(s->standardIcon(QStyle::SP_DialogSaveButton));
    add(tr("Save &As…"), QKeySequence::SaveAs, tr("Save the topology under a new name"),
        &FileActions::saveAs);
}

bool FileActions::openFile(const QString &path)
{
    const topologyfile::ReadResult result = topologyfile::load(path);
    if (!result.ok()) {
        m_prompts.showError(tr("Could not open the topology"), describe(result.error, path));
        return false;
    }
    // Another topology: its servers may share ids with this one's (edge01), and judging this
    // one's snapshots against them would blame the wrong Edge. Reloading the same file keeps them.
    if (QFileInfo(path).absoluteFilePath() != m_document.filePath())
        m_snapshots.forgetChecks();
    m_document.resetTopology(*result.topology, QFileInfo(path).absoluteFilePath());
    addRecentFile(m_document.filePath());
    m_statusBar->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
}

bool FileActions::openAny(const QString &path)
{
    QString error;
    switch (kindOfFile(path, &error)) {
    case FileKind::Topology:
        return maybeSave() && openFile(path);
    case FileKind::TopologyExport:
        if (m_imports->isBusy()) {
            m_prompts.showError(tr("Cannot open the file"),
                                tr("%1 is a topology to import, and another import is still "
                                   "running: open it once that one has finished.")
                                        .arg(QDir::toNativeSeparators(path)));
            return false;
        }
        if (!maybeSave() || !m_imports->openImport(path))
            return false;
        addRecentFile(path);
        return true;
    case FileKind::Snapshot:
        m_snapshots.openFile(path);
        return true;
    case FileKind::Unknown:
        break;
    }
    m_prompts.showError(tr("Cannot open the file"), error);
    return false;
}

void FileActions::openAll(QStringList paths, const std::function<void()> &then)
{
    while (!paths.isEmpty()) {
        openAny(paths.takeFirst());
        if (m_imports->isBusy()) {
            connect(
                    m_imports, &ImportActions::finished, this,
                    [this, paths, then] { openAll(paths, then); }, Qt::SingleShotConnection);
            return;
        }
    }
    if (then)
        then();
}

QStringList FileActions::recentFiles() const
{
    return QSettings().value(kRecentKey).toStringList().mid(0, kMaxRecentFiles);
}

void FileActions::addRecentFile(const QString &path)
{
    QStringList files = recentFiles();
    files.removeAll(path);
    files.prepend(path);
    QSettings().setValue(kRecentKey, files.mid(0, kMaxRecentFiles));
}

void FileActions::newTopology()
{
    if (!maybeSave())
        return;
    NewTopologyWizard wizard(m_window);
    if (wizard.exec() != QDialog::Accepted)
        return;
    const TemplateResult result = wizard.result();
    if (!result.ok()) { // the last page refuses to finish on this; kept as a safety net
        m_prompts.showError(tr("Cannot create the topology"), result.error);
        return;
    }
    m_snapshots.forgetChecks();
    m_document.resetTopology(result.topology, {});
    // Never saved: closing must ask, and the autosave must protect it.
    m_document.setModified(true);
}

bool FileActions::saveTo(const QString &path)
{
    m_editor.commitPending();
    const Error error = topologyfile::save(m_document.topology(), path);
    if (error.isError()) {
        m_prompts.showError(tr("Could not save the topology"), describe(error, path));
        return false;
    }
    m_document.setFilePath(QFileInfo(path).absoluteFilePath());
    m_document.setModified(false);
    addRecentFile(m_document.filePath());
    m_statusBar->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
}

void FileActions::open()
{
    // Asked before the dialog only when the file turns out to be a topology (openAny): opening a
    // snapshot never replaces the document.
    const QString path
            = QFileDialog::getOpenFileName(m_window, tr("Open"), dialogDirectory(), openFilters());
    if (!path.isEmpty())
        openAny(path);
}

bool FileActions::save()
{
    const QString path = m_document.filePath();
    return path.isEmpty() ? saveAs() : saveTo(path);
}

bool FileActions::saveAs()
{
    QFileDialog dialog(m_window, tr("Save Topology As"), dialogDirectory(), nameFilters());
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setDefaultSuffix(QStringLiteral("edgemap.json"));
    const QString current = m_document.filePath();
    dialog.selectFile(current.isEmpty() ? suggestedFileName(m_document.topology().name)
                                        : QFileInfo(current).fileName());
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return false;
    return saveTo(dialog.selectedFiles().constFirst());
}

QString FileActions::dialogDirectory() const
{
    const QString current = m_document.filePath();
    if (!current.isEmpty())
        return QFileInfo(current).absolutePath();
    return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
}

bool FileActions::maybeSave()
{
    m_editor.commitPending(); // a value still being typed counts as a change
    if (!m_document.isModified())
        return true;
    switch (m_prompts.askToSave()) {
    case QMessageBox::Save:
        return save();
    case QMessageBox::Discard:
        return true;
    default:
        return false;
    }
}

int FileActions::offerAutosave()
{
    int restored = 0;
    for (const Autosave::Entry &entry : m_autosave.pending()) {
        if (restored > 0)
            break; // one document at a time: the other copies are offered next time
        const QString what = entry.originalPath.isEmpty()
                                     ? tr("the untitled topology \"%1\"").arg(entry.topologyName)
                                     : QDir::toNativeSeparators(entry.originalPath);
        const QString when = QLocale().toString(entry.saved, QLocale::ShortFormat);
        switch (m_prompts.askToRestore(
                tr("EdgeMap was closed without saving %1. A copy autosaved at %2 "
                   "is available.\nRestore it?")
                        .arg(what, when))) {
        case QMessageBox::Yes: {
            if (!maybeSave())
                return restored;
            m_snapshots.forgetChecks();
            if (const Error error = m_autosave.restore(entry); !error.isError())
                ++restored;
            else
                m_prompts.showError(tr("Cannot restore the autosaved copy"), error.toString());
            break;
        }
        case QMessageBox::Discard:
            m_autosave.discard(entry);
            break;
        default: // later: keep the copy
            break;
        }
    }
    return restored;
}

void FileActions::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = recentFiles();
    int n = 0;
    for (const QString &path : files) {
        ++n;
        // &1 … &8: keyboard access in the order shown.
        QAction *a = m_recentMenu->addAction(
                QStringLiteral("&%1 %2").arg(n).arg(QFileInfo(path).fileName()));
        a->setStatusTip(QDir::toNativeSeparators(path));
        a->setToolTip(QDir::toNativeSeparators(path));
        connect(a, &QAction::triggered, this, [this, path] {
            if (maybeSave())
                openFile(path);
        });
    }
    if (files.isEmpty()) {
        m_recentMenu->addAction(tr("No recent files"))->setEnabled(false);
        return;
    }
    m_recentMenu->addSeparator();
    connect(m_recentMenu->addAction(tr("&Clear Menu")), &QAction::triggered, this,
            [] { QSettings().remove(QStringLiteral("recentFiles")); });
}

} // namespace edgemap
