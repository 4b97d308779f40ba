// MainWindow: the file entry points (delegated to FileActions), the user's answers to its
// prompts, closing, drops and the window's settings.
#include "window/mainwindow.h"

#include "diagram/diagrampane.h"
#include "document/document.h"
#include "window/autosave.h"
#include "window/exportactions.h"
#include "window/fileactions.h"
#include "window/snapshotui.h"

#include <QAbstractButton>
#include <QCloseEvent>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMimeData>
#include <QScreen>
#include <QSettings>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

namespace edgemap {

bool MainWindow::openFile(const QString &path)
{
    return m_files->openFile(path);
}

bool MainWindow::openAny(const QString &path)
{
    return m_files->openAny(path);
}

void MainWindow::openAll(const QStringList &paths, const std::function<void()> &then)
{
    m_files->openAll(paths, then);
}

QStringList MainWindow::recentFiles() const
{
    return m_files->recentFiles();
}

bool MainWindow::saveTo(const QString &path)
{
    return m_files->saveTo(path);
}

void MainWindow::newTopology()
{
    m_files->newTopology();
}

void MainWindow::open()
{
    m_files->open();
}

bool MainWindow::save()
{
    return m_files->save();
}

bool MainWindow::saveAs()
{
    return m_files->saveAs();
}

int MainWindow::offerAutosave()
{
    return m_files->offerAutosave();
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

void MainWindow::showReport(const QString &title, const QString &text, const QString &details)
{
    if (!m_interactive)
        return;
    QMessageBox box(QMessageBox::Information, title, text, QMessageBox::Ok, this);
    box.setTextFormat(Qt::PlainText);
    box.setDetailedText(details);
    box.exec();
}

bool MainWindow::confirmChanges(const QString &title, const QString &text,
                                const QStringList &changes)
{
    if (!m_interactive)
        return false;
    QDialog dialog(this);
    dialog.setWindowTitle(title);
    auto *layout = new QVBoxLayout(&dialog);
    auto *intro = new QLabel(text, &dialog);
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::PlainText);
    layout->addWidget(intro);
    auto *list = new QListWidget(&dialog);
    list->addItems(changes);
    list->setObjectName(QStringLiteral("changesList"));
    layout->addWidget(list, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, &dialog);
    buttons->addButton(tr("Apply Changes"), QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    // Wide enough for a change's line, never larger than the screen (1366x768 laptops).
    const QSize screen
            = this->screen() ? this->screen()->availableGeometry().size() : QSize(1280, 800);
    dialog.resize(std::min(760, screen.width() - 80), std::min(480, screen.height() - 120));
    return dialog.exec() == QDialog::Accepted;
}

int MainWindow::askServer(const QString &snapshot, const QString &reason,
                          const QStringList &servers)
{
    if (!m_interactive || servers.isEmpty())
        return -1;
    bool ok = false;
    const QString chosen = QInputDialog::getItem(
            this, tr("Which server is this?"),
            tr("EdgeMap cannot tell which server %1 was taken on:\n%2\n\nChoose the server to "
               "check it against:")
                    .arg(snapshot, reason),
            servers, 0, false, &ok);
    return ok ? int(servers.indexOf(chosen)) : -1;
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

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_files->maybeSave()) {
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
                    m_snapshotUi->openBytes(text, SnapshotSource::droppedText());
                    return;
                }
                m_files->openAll(files);
            },
            Qt::QueuedConnection);
}

bool MainWindow::restoreSettings()
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("mainWindow"));
    const bool placed = restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("state")).toByteArray());
    const int palette = settings.value(QStringLiteral("statusPalette"), -1).toInt();
    if (palette >= int(StatusPalette::Light) && palette <= int(StatusPalette::ColourBlind)) {
        setStatusPalette(StatusPalette(palette));
    }
    if (settings.contains(QStringLiteral("legend")))
        m_diagram->setLegendVisible(settings.value(QStringLiteral("legend")).toBool());
    return placed;
}

MainWindow::Placement MainWindow::firstStartPlacement(const QSize &available)
{
    // resize() sets the client area: leave room for the title bar and frame, so that the window
    // never starts with its title or status bar off screen.
    const QSize room = (available - QSize(16, 40)).expandedTo(QSize(640, 480));
    if (available.width() < 1600)
        return {room, true};
    // A large screen: most of it, at least the 1280x800 the panes are laid out for.
    const QSize most(available.width() * 4 / 5, available.height() * 17 / 20);
    return {most.expandedTo(QSize(1280, 800)).boundedTo(room), false};
}

void MainWindow::showPlaced()
{
    const auto diagramOnly = [this] {
        QSettings settings;
        settings.beginGroup(QStringLiteral("mainWindow"));
        if (!settings.value(QStringLiteral("diagramOnly")).toBool())
            return;
        m_diagramOnly->setChecked(true); // hides the docks, keeping their arrangement
        const QByteArray before
                = settings.value(QStringLiteral("stateBeforeDiagramOnly")).toByteArray();
        if (!before.isEmpty())
            m_statesBeforeDiagramOnly = before;
    };
    if (restoreSettings()) {
        diagramOnly();
        show();
        return;
    }
    const QSize available = screen() ? screen()->availableGeometry().size() : QSize(1280, 800);
    const Placement placement = firstStartPlacement(available);
    resize(placement.size);
    // The tree and details a quarter of the width: names and statuses side by side.
    resizeDocks({m_treeDock}, {std::clamp(placement.size.width() / 4, 300, 440)}, Qt::Horizontal);
    // The bottom tables: the header, the filter bar and about eight rows.
    const QFontMetrics fm(font());
    const int row = std::max(fm.height() + 8, 22);
    resizeDocks({m_listenerDock}, {row * 8 + 3 * (fm.height() + 14)}, Qt::Vertical);
    diagramOnly();
    if (placement.maximised)
        showMaximized();
    else
        show();
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("mainWindow"));
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("state"), saveState());
    settings.setValue(QStringLiteral("statusPalette"), int(m_palette));
    settings.setValue(QStringLiteral("legend"), m_diagram->isLegendVisible());
    settings.setValue(QStringLiteral("diagramOnly"), m_diagramOnly->isChecked());
    settings.setValue(QStringLiteral("stateBeforeDiagramOnly"), m_statesBeforeDiagramOnly);
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
