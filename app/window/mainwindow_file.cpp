// MainWindow: opening, saving and the unsaved-changes prompt.
#include "window/mainwindow.h"

#include "diagram/diagrampane.h"
#include "document/document.h"
#include "editing/newtopologywizard.h"
#include "editing/propertyeditor.h"
#include "io/topologyfile.h"
#include "snapshot/filekind.h"
#include "window/autosave.h"
#include "window/exportactions.h"
#include "window/snapshotui.h"

#include <QAbstractButton>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QMimeData>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QUrl>

namespace edgemap {

namespace {

constexpr int kMaxRecentFiles = 8;
const QString kRecentKey = QStringLiteral("recentFiles");

QString nameFilters()
{
    return MainWindow::tr("EdgeMap topology (*.edgemap.json);;JSON (*.json);;All files (*)");
}

QString openFilters()
{
    return MainWindow::tr("Topologies and snapshots (*.edgemap.json *.json *.txt *.out *.log "
                          "*.csv);;EdgeMap topology (*.edgemap.json);;Snapshots (*.txt *.out "
                          "*.log *.json *.csv);;All files (*)");
}

// The first 64 KiB decide what a file is (classifyContent); reading more would only cost time
// on a 200 MB capture.
FileKind kindOfFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = MainWindow::tr("%1: cannot be read: %2")
                         .arg(QDir::toNativeSeparators(path), file.errorString());
        return FileKind::Unknown;
    }
    const FileKind kind = classifyContent(file.read(64 * 1024));
    if (kind == FileKind::Unknown)
        *error = MainWindow::tr("%1 is neither an EdgeMap topology (JSON with \"format\" and "
                                "\"pools\") nor a snapshot (netstat, Get-NetTCPConnection, CSV "
                                "or JSON output with socket rows).")
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
        base = MainWindow::tr("topology");
    return base + QStringLiteral(".edgemap.json");
}

} // namespace

bool MainWindow::openFile(const QString &path)
{
    const topologyfile::ReadResult result = topologyfile::load(path);
    if (!result.ok()) {
        showError(tr("Could not open the topology"), describe(result.error, path));
        return false;
    }
    // Another topology: its servers may share ids with this one's (edge01), and judging this
    // one's snapshots against them would blame the wrong Edge. Reloading the same file keeps them.
    if (QFileInfo(path).absoluteFilePath() != m_document.filePath())
        forgetSnapshots();
    m_document.resetTopology(*result.topology, QFileInfo(path).absoluteFilePath());
    addRecentFile(m_document.filePath());
    statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
}

bool MainWindow::openAny(const QString &path)
{
    QString error;
    switch (kindOfFile(path, &error)) {
    case FileKind::Topology:
        return maybeSave() && openFile(path);
    case FileKind::Snapshot:
        openSnapshot(path);
        return true;
    case FileKind::Unknown:
        break;
    }
    showError(tr("Cannot open the file"), error);
    return false;
}

void MainWindow::forgetSnapshots()
{
    m_snapshotUi->forgetChecks();
}

QStringList MainWindow::recentFiles() const
{
    return QSettings().value(kRecentKey).toStringList().mid(0, kMaxRecentFiles);
}

void MainWindow::addRecentFile(const QString &path)
{
    QStringList files = recentFiles();
    files.removeAll(path);
    files.prepend(path);
    QSettings().setValue(kRecentKey, files.mid(0, kMaxRecentFiles));
}

void MainWindow::newTopology()
{
    if (!maybeSave())
        return;
    NewTopologyWizard wizard(this);
    if (wizard.exec() != QDialog::Accepted)
        return;
    const TemplateResult result = wizard.result();
    if (!result.ok()) { // the last page refuses to finish on this; kept as a safety net
        showError(tr("Cannot create the topology"), result.error);
        return;
    }
    forgetSnapshots();
    m_document.resetTopology(result.topology, {});
    // Never saved: closing must ask, and the autosave must protect it.
    m_document.setModified(true);
}

bool MainWindow::saveTo(const QString &path)
{
    m_properties->commitPending();
    const Error error = topologyfile::save(m_document.topology(), path);
    if (error.isError()) {
        showError(tr("Could not save the topology"), describe(error, path));
        return false;
    }
    m_document.setFilePath(QFileInfo(path).absoluteFilePath());
    m_document.setModified(false);
    addRecentFile(m_document.filePath());
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
}

void MainWindow::open()
{
    // Asked before the dialog only when the file turns out to be a topology (openAny): opening a
    // snapshot never replaces the document.
    const QString path
            = QFileDialog::getOpenFileName(this, tr("Open"), dialogDirectory(), openFilters());
    if (!path.isEmpty())
        openAny(path);
}

bool MainWindow::save()
{
    const QString path = m_document.filePath();
    return path.isEmpty() ? saveAs() : saveTo(path);
}

bool MainWindow::saveAs()
{
    QFileDialog dialog(this, tr("Save Topology As"), dialogDirectory(), nameFilters());
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setDefaultSuffix(QStringLiteral("edgemap.json"));
    const QString current = m_document.filePath();
    dialog.selectFile(current.isEmpty() ? suggestedFileName(m_document.topology().name)
                                        : QFileInfo(current).fileName());
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return false;
    return saveTo(dialog.selectedFiles().constFirst());
}

QString MainWindow::dialogDirectory() const
{
    const QString current = m_document.filePath();
    if (!current.isEmpty())
        return QFileInfo(current).absolutePath();
    return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
}

void MainWindow::showError(const QString &title, const QString &message)
{
    m_lastError = message;
    if (!m_interactive)
        return;
    // Plain text: the message quotes the file, and QMessageBox would otherwise guess rich text.
    QMessageBox box(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box.setTextFormat(Qt::PlainText);
    box.exec();
}

QMessageBox::StandardButton MainWindow::askToSave()
{
    if (!m_interactive)
        return QMessageBox::Cancel;
    QMessageBox box(QMessageBox::Warning, tr("Unsaved changes"),
                    tr("The topology has been modified.\nDo you want to save your changes?"),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box.setDefaultButton(QMessageBox::Save);
    return static_cast<QMessageBox::StandardButton>(box.exec());
}

bool MainWindow::maybeSave()
{
    m_properties->commitPending(); // a value still being typed counts as a change
    if (!m_document.isModified())
        return true;
    switch (askToSave()) {
    case QMessageBox::Save:
        return save();
    case QMessageBox::Discard:
        return true;
    default:
        return false;
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    // Saved, or the user chose to discard: nothing is left to recover.
    m_autosave->clear();
    saveSettings();
    // An export still being written finishes first: the file the user asked for is completed,
    // and nothing renders while the application tears down its fonts and platform.
    m_exports->waitForFinished();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QMimeData *mime = event->mimeData();
    bool local = false;
    for (const QUrl &url : mime->urls())
        local = local || url.isLocalFile();
    if (local || mime->hasText())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QMimeData *mime = event->mimeData();
    QStringList files;
    for (const QUrl &url : mime->urls())
        if (url.isLocalFile())
            files.append(url.toLocalFile());
    const QByteArray text = files.isEmpty() ? mime->text().toUtf8() : QByteArray();
    event->acceptProposedAction();
    // Handled after the drop returns: opening can ask (unsaved changes) or warn (a bad file), and
    // a modal box inside the drop event would hold the drag source (Explorer) until it closes.
    QMetaObject::invokeMethod(
            this,
            [this, files, text] {
                if (files.isEmpty()) {
                    // Text dragged from a console or an RDP clipboard: the same as a paste.
                    m_snapshotUi->openBytes(text, tr("dropped text"));
                    return;
                }
                for (const QString &path : files)
                    openAny(path);
            },
            Qt::QueuedConnection);
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("mainWindow"));
    restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("state")).toByteArray());
    const int palette = settings.value(QStringLiteral("statusPalette"), -1).toInt();
    if (palette >= int(StatusPalette::Light) && palette <= int(StatusPalette::ColourBlind)) {
        setStatusPalette(StatusPalette(palette));
    }
    if (settings.contains(QStringLiteral("legend")))
        m_diagram->setLegendVisible(settings.value(QStringLiteral("legend")).toBool());
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("mainWindow"));
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("state"), saveState());
    settings.setValue(QStringLiteral("statusPalette"), int(m_palette));
    settings.setValue(QStringLiteral("legend"), m_diagram->isLegendVisible());
}

int MainWindow::offerAutosave()
{
    int restored = 0;
    for (const Autosave::Entry &entry : m_autosave->pending()) {
        if (restored > 0)
            break; // one document at a time: the other copies are offered next time
        const QString what = entry.originalPath.isEmpty()
                                     ? tr("the untitled topology \"%1\"").arg(entry.topologyName)
                                     : QDir::toNativeSeparators(entry.originalPath);
        const QString when = QLocale().toString(entry.saved, QLocale::ShortFormat);
        switch (askToRestore(tr("EdgeMap was closed without saving %1. A copy autosaved at %2 "
                                "is available.\nRestore it?")
                                     .arg(what, when))) {
        case QMessageBox::Yes: {
            if (!maybeSave())
                return restored;
            forgetSnapshots();
            if (const Error error = m_autosave->restore(entry); !error.isError())
                ++restored;
            else
                showError(tr("Cannot restore the autosaved copy"), error.toString());
            break;
        }
        case QMessageBox::Discard:
            m_autosave->discard(entry);
            break;
        default: // later: keep the copy
            break;
        }
    }
    return restored;
}

QMessageBox::StandardButton MainWindow::askToRestore(const QString &description)
{
    if (!m_interactive)
        return QMessageBox::NoButton;
    QMessageBox box(QMessageBox::Question, tr("Recover unsaved work"), description,
                    QMessageBox::Yes | QMessageBox::Discard | QMessageBox::Ignore, this);
    box.setTextFormat(Qt::PlainText);
    box.button(QMessageBox::Yes)->setText(tr("Restore"));
    box.button(QMessageBox::Ignore)->setText(tr("Later"));
    box.setDefaultButton(QMessageBox::Yes);
    return static_cast<QMessageBox::StandardButton>(box.exec());
}

} // namespace edgemap
