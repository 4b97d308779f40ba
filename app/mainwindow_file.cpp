// MainWindow: opening, saving and the unsaved-changes prompt.
#include "mainwindow.h"

#include "document.h"
#include "topologyfile.h"

#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QStatusBar>

namespace edgemap {

namespace {

QString nameFilters()
{
    return MainWindow::tr("EdgeMap topology (*.edgemap.json);;JSON (*.json);;All files (*)");
}

// A LoadError names its file; make sure the message does even when the loader left it out.
QString describe(const LoadError &error, const QString &path)
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
    m_document.resetTopology(*result.topology, QFileInfo(path).absoluteFilePath());
    statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
}

bool MainWindow::saveTo(const QString &path)
{
    const LoadError error = topologyfile::save(m_document.topology(), path);
    if (error.isError()) {
        showError(tr("Could not save the topology"), describe(error, path));
        return false;
    }
    m_document.setFilePath(QFileInfo(path).absoluteFilePath());
    m_document.setModified(false);
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
}

void MainWindow::open()
{
    if (!maybeSave())
        return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Topology"), dialogDirectory(),
                                                      nameFilters());
    if (!path.isEmpty())
        openFile(path);
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
    if (maybeSave())
        event->accept();
    else
        event->ignore();
}

} // namespace edgemap
