// MainWindow: loading snapshots (file, clipboard) in the background and the status bar summary.
#include "window/mainwindow.h"

#include "document/document.h"
#include "live/nativecapturesource.h"
#include "live/snapshotcontroller.h"
#include "live/snapshotsources.h"
#include "panes/snapshotpane.h"

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
    m_checkLabel->setTextFormat(Qt::PlainText); // file names and load errors
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

    // Several loads may run together (a pool's snapshots, a watched file, a capture): the bar
    // follows the controller's busy state, not any one load.
    connect(m_snapshots, &SnapshotController::busyChanged, this, [this](bool on) {
        m_progress->setVisible(on);
        m_cancel->setVisible(on);
        m_progress->setValue(0);
        if (!on)
            statusBar()->clearMessage();
    });
    connect(m_snapshots, &SnapshotController::started, this, [this](const QString &source) {
        statusBar()->showMessage(tr("Reading %1…").arg(QFileInfo(source).fileName()));
    });
    connect(m_snapshots, &SnapshotController::progress, m_progress, &QProgressBar::setValue);
    connect(m_snapshots, &SnapshotController::cancelled, this,
            [this] { statusBar()->showMessage(tr("Snapshot reading cancelled"), 5000); });
    connect(m_snapshots, &SnapshotController::failed, this,
            [this](const QString &source, const QString &message) {
                m_snapshotPane->showLoadError(source, message);
                // A load the user asked for gets an answer; a live source (a watched file, a
                // capture, even one stopped since) fails quietly in the pane.
                if (m_userLoads.remove(source))
                    showError(tr("Cannot check the snapshot"), message);
            });
    for (auto signal : {&SnapshotController::finished, &SnapshotController::cancelled})
        connect(m_snapshots, signal, this,
                [this](const QString &source) { m_userLoads.remove(source); });
    // The live sources: a watched file and capture profiles, with their own menu entries.
    m_sources = new SnapshotSources(*m_snapshots, this);
    menu->addSeparator();
    m_sources->populateMenu(menu);
    const auto showSourceState = [this](const QString &source, const QString &state, bool stale) {
        m_snapshotPane->setSourceState(source, state, stale);
        statusBar()->showMessage(state, 5000);
    };
    connect(m_sources, &SnapshotSources::stateChanged, this, showSourceState);
    connect(m_sources, &SnapshotSources::errorOccurred, this,
            [this](const QString &message) { showError(tr("Cannot start"), message); });
    // Capture This Computer: only where EdgeMap can read the system's socket tables (Windows).
    if (NativeCaptureSource::isAvailable()) {
        m_nativeCapture = new NativeCaptureSource(*m_snapshots, this);
        menu->addSeparator();
        m_nativeCapture->populateMenu(menu);
        connect(m_nativeCapture, &NativeCaptureSource::stateChanged, this, showSourceState);
        connect(m_nativeCapture, &NativeCaptureSource::errorOccurred, this,
                [this](const QString &message) { showError(tr("Cannot capture"), message); });
    }
    menu->addSeparator();
    m_acknowledgeAction = menu->addAction(tr("&Mark Changes as Seen"));
    m_acknowledgeAction->setShortcut(QKeySequence(tr("Ctrl+Shift+A")));
    m_acknowledgeAction->setStatusTip(
            tr("Clear the marks on listeners that changed since the previous snapshot"));
    m_acknowledgeAction->setEnabled(false);
    connect(m_acknowledgeAction, &QAction::triggered, this,
            [this] { m_document.setChecks(m_document.checks().acknowledged()); });
    connect(&m_document, &Document::checksChanged, this,
            [this] { m_acknowledgeAction->setEnabled(m_document.checks().hasChanges()); });
    QAction *clear = menu->addAction(tr("C&lear Snapshots"));
    clear->setStatusTip(tr("Forget every loaded snapshot: all listeners back to \"not checked\""));
    connect(clear, &QAction::triggered, this, [this] { m_document.setChecks({}); });
    connect(&m_document, &Document::checksChanged, this, &MainWindow::updateCheckSummary);
    updateCheckSummary();
}

void MainWindow::openSnapshot(const QString &path)
{
    m_userLoads.insert(path);
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
    m_userLoads.insert(tr("clipboard"));
    m_snapshots->openBytes(text.toUtf8(), tr("clipboard"));
}

void MainWindow::createSnapshotDock()
{
    m_snapshotPane = new SnapshotPane(m_document, this);
    m_snapshotPane->setObjectName(QStringLiteral("snapshotPane"));
    m_snapshotDock = addDock(tr("Snapshot"), QStringLiteral("snapshotDock"), m_snapshotPane,
                             Qt::BottomDockWidgetArea);
    connect(m_snapshotPane, &SnapshotPane::filesDropped, this, [this](const QStringList &files) {
        for (const QString &path : files)
            openAny(path);
    });
}

void MainWindow::updateCheckSummary()
{
    // The whole pool: every server with a snapshot, then the latest load if it failed.
    const QList<std::shared_ptr<const CheckResult>> checks
            = m_document.checks().inOrder(m_document.topology());
    const CheckResult *latest = m_document.checks().latest().get();
    if (checks.isEmpty()) {
        m_checkLabel->setText(latest && !latest->ok()
                                      ? tr("Snapshot %1 not checked: %2")
                                                .arg(QFileInfo(latest->source).fileName(),
                                                     latest->error.message.left(80))
                                      : tr("No snapshot: listeners not checked"));
        return;
    }
    int ok = 0;
    int problems = 0;
    int unexpected = 0;
    int broken = 0;
    QStringList servers;
    for (const auto &check : checks) {
        const EdgeServer *server = m_document.topology().server(check->server);
        servers.append(server ? server->fqdn : check->server.value());
        problems += check->judgement.problemCount();
        ok += int(check->judgement.listeners.size()) - check->judgement.problemCount();
        unexpected += int(check->judgement.unexpected.size());
        for (const ScenarioVerdict &s : check->judgement.scenarios)
            broken += !s.ok;
    }
    const QString where
            = checks.size() == 1
                      ? tr("%1 on %2")
                                .arg(QFileInfo(checks.first()->source).fileName(), servers.first())
                      : tr("%1 servers checked").arg(checks.size());
    // Plurals spelled out: without a translation loaded, tr("%n problem(s)") stays as written.
    const QString problemText = problems == 1 ? tr("1 problem") : tr("%1 problems").arg(problems);
    const QString brokenText
            = broken == 1 ? tr("1 broken scenario") : tr("%1 broken scenarios").arg(broken);
    m_checkLabel->setText(tr("%1: %2 OK, %3, %4 unexpected, %5")
                                  .arg(where)
                                  .arg(ok)
                                  .arg(problemText)
                                  .arg(unexpected)
                                  .arg(brokenText));
    m_checkLabel->setToolTip(servers.join(QLatin1Char('\n')));
}

} // namespace edgemap
