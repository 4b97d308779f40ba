// MainWindow: loading snapshots (file, clipboard) in the background and the status bar summary.
#include "mainwindow.h"

#include "document.h"
#include "snapshotcontroller.h"

#include <QAction>
#include <QClipboard>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QLabel>
#include <QMenu>
#include <QProgressBar>
#include <QStatusBar>
#include <QStyle>
#include <QToolButton>

namespace edgemap {

void MainWindow::createSnapshotUi(QMenu *menu)
{
    m_snapshots = new SnapshotController(m_document, this);
    QAction *open = menu->addAction(tr("&Open Snapshot…"));
    m_openSnapshotAction = open;
    open->setIcon(style()->standardIcon(QStyle::SP_FileDialogContentsView));
    open->setShortcut(QKeySequence(tr("Ctrl+Shift+O")));
    open->setStatusTip(tr("Read a netstat or PowerShell capture of an Edge server and check it"));
    connect(open, &QAction::triggered, this, &MainWindow::openSnapshotDialog);
    QAction *paste = menu->addAction(tr("&Paste Snapshot"));
    m_pasteSnapshotAction = paste;
    paste->setIcon(style()->standardIcon(QStyle::SP_DialogApplyButton));
    paste->setShortcut(QKeySequence(tr("Ctrl+Shift+V")));
    paste->setStatusTip(tr("Check the netstat output on the clipboard (e.g. copied from an RDP "
                           "session)"));
    connect(paste, &QAction::triggered, this, &MainWindow::pasteSnapshot);

    m_checkLabel = new QLabel(this);
    m_checkLabel->setObjectName(QStringLiteral("checkSummary"));
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setMaximumWidth(160);
    m_progress->hide();
    m_cancel = new QToolButton(this);
    m_cancel->setText(tr("Cancel"));
    m_cancel->hide();
    statusBar()->addPermanentWidget(m_checkLabel);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);
    connect(m_cancel, &QToolButton::clicked, m_snapshots, &SnapshotController::cancel);

    const auto busy = [this](bool on) {
        m_progress->setVisible(on);
        m_cancel->setVisible(on);
        m_progress->setValue(0);
    };
    connect(m_snapshots, &SnapshotController::started, this, [this, busy](const QString &source) {
        busy(true);
        statusBar()->showMessage(tr("Reading %1…").arg(QFileInfo(source).fileName()));
    });
    connect(m_snapshots, &SnapshotController::progress, m_progress, &QProgressBar::setValue);
    connect(m_snapshots, &SnapshotController::finished, this, [this, busy] {
        busy(false);
        statusBar()->clearMessage();
    });
    connect(m_snapshots, &SnapshotController::cancelled, this, [this, busy] {
        busy(false);
        statusBar()->showMessage(tr("Snapshot reading cancelled"), 5000);
    });
    connect(m_snapshots, &SnapshotController::failed, this,
            [this, busy](const QString &, const QString &message) {
                busy(false);
                statusBar()->clearMessage();
                showError(tr("Cannot check the snapshot"), message);
            });
    connect(&m_document, &Document::checkChanged, this, &MainWindow::updateCheckSummary);
    updateCheckSummary();
}

void MainWindow::openSnapshot(const QString &path)
{
    m_snapshots->openFile(path);
}

void MainWindow::openSnapshotDialog()
{
    const QString path = QFileDialog::getOpenFileName(
            this, tr("Open Snapshot"), dialogDirectory(),
            tr("Snapshots (*.txt *.out *.log *.json *.csv);;All files (*)"));
    if (!path.isEmpty())
        openSnapshot(path);
}

void MainWindow::pasteSnapshot()
{
    const QString text = QGuiApplication::clipboard()->text();
    if (text.trimmed().isEmpty()) {
        showError(tr("Nothing to paste"), tr("The clipboard holds no text."));
        return;
    }
    m_snapshots->openBytes(text.toUtf8(), tr("clipboard"));
}

void MainWindow::updateCheckSummary()
{
    const CheckResult *check = m_document.check();
    if (!check) {
        m_checkLabel->setText(tr("No snapshot: listeners not checked"));
        return;
    }
    if (!check->ok()) {
        m_checkLabel->setText(
                tr("Snapshot %1: not matched").arg(QFileInfo(check->source).fileName()));
        return;
    }
    const EdgeServer *server = m_document.topology().server(check->server);
    const int problems = check->judgement.problemCount();
    const int ok = int(check->judgement.listeners.size()) - problems;
    int broken = 0;
    for (const ScenarioVerdict &s : check->judgement.scenarios)
        broken += !s.ok;
    m_checkLabel->setText(tr("%1 on %2: %3 OK, %4 problems, %5 unexpected, %6 broken scenarios")
                                  .arg(QFileInfo(check->source).fileName(),
                                       server ? server->fqdn : check->server.value())
                                  .arg(ok)
                                  .arg(problems)
                                  .arg(check->judgement.unexpected.size())
                                  .arg(broken));
}

} // namespace edgemap
