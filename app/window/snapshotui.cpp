#include "window/snapshotui.h"

#include "document/document.h"
#include "live/livesources.h"
#include "live/nativecapturesource.h"
#include "live/snapshotcontroller.h"
#include "panes/problemsmodel.h"
#include "snapshot/findings.h"
#include "window/fileactions.h"
#include "window/livesourcesmenu.h"
#include "window/nativecapturemenu.h"
#include "window/statusprogress.h"

#include <QAction>
#include <QClipboard>
#include <QFileDialog>
#include <QGuiApplication>
#include <QLabel>
#include <QMenu>
#include <QStatusBar>
#include <QStyle>

namespace edgemap {

SnapshotUi::SnapshotUi(Document &document, QStatusBar *statusBar, QWidget *window)
    : QObject(window)
    , m_document(document)
    , m_statusBar(statusBar)
    , m_window(window)
    , m_controller(new SnapshotController(document, this))
    , m_liveSources(new LiveSources(*m_controller, this))
    , m_liveSourcesMenu(new LiveSourcesMenu(*m_liveSources, window))
    , m_openAction(new QAction(tr("&Open Snapshot…"), this))
    , m_pasteAction(new QAction(tr("&Paste Snapshot"), this))
    , m_acknowledgeAction(new QAction(tr("&Mark Changes as Seen"), this))
    , m_clearAction(new QAction(tr("C&lear Snapshots"), this))
    , m_checkLabel(new QLabel(window))
    , m_progress(new StatusProgress(QStringLiteral("%p%"), tr("Cancel"), window))
{
    // Capture This Computer: only where EdgeMap can read the system's socket tables (Windows).
    if (NativeCaptureSource::isAvailable()) {
        m_nativeCapture = new NativeCaptureSource(*m_controller, this);
        m_nativeCaptureMenu = new NativeCaptureMenu(*m_nativeCapture, this);
    }

    m_openAction->setIcon(window->style()->standardIcon(QStyle::SP_FileDialogContentsView));
    m_openAction->setShortcut(QKeySequence(tr("Ctrl+Shift+O")));
    m_openAction->setStatusTip(
            tr("Read a netstat or PowerShell capture of an Edge server and check it"));
    m_pasteAction->setIcon(window->style()->standardIcon(QStyle::SP_DialogApplyButton));
    m_pasteAction->setShortcut(QKeySequence(tr("Ctrl+Shift+V")));
    m_pasteAction->setStatusTip(tr("Check the netstat output on the clipboard (e.g. copied from "
                                   "an RDP session)"));
    m_acknowledgeAction->setShortcut(QKeySequence(tr("Ctrl+Shift+A")));
    m_acknowledgeAction->setStatusTip(
            tr("Clear the marks on listeners that changed since the previous snapshot"));
    m_acknowledgeAction->setEnabled(false);
    m_clearAction->setStatusTip(
            tr("Forget every loaded snapshot: all listeners back to \"not checked\""));
    connect(m_pasteAction, &QAction::triggered, this, &SnapshotUi::paste);
    connect(m_acknowledgeAction, &QAction::triggered, this,
            [this] { m_document.setChecks(m_document.checks().acknowledged()); });
    connect(m_clearAction, &QAction::triggered, this, [this] { m_document.setChecks({}); });

    m_checkLabel->setTextFormat(Qt::PlainText); // file names and load errors
    m_checkLabel->setObjectName(QStringLiteral("checkSummary"));
    m_progress->setObjectName(QStringLiteral("snapshotProgress"));
    m_statusBar->addPermanentWidget(m_checkLabel);
    m_statusBar->addPermanentWidget(m_progress);
    connect(m_progress, &StatusProgress::cancelRequested, m_controller,
            &SnapshotController::cancel);

    connectController();
    connectSources();
    connect(&m_document, &Document::checksChanged, this, [this] {
        m_acknowledgeAction->setEnabled(m_document.checks().hasChanges());
        updateCheckSummary();
    });
    // The Problems pane lists the probe run's problems too: the summary counts them alike.
    connect(&m_document, &Document::probesChanged, this, &SnapshotUi::updateCheckSummary);
    updateCheckSummary();
}

SnapshotUi::~SnapshotUi()
{
    // The menus before the sources they drive, the sources before the controller they load
    // through (children would go in the order they were made).
    delete m_nativeCaptureMenu;
    delete m_nativeCapture;
    delete m_liveSourcesMenu;
    delete m_liveSources;
}

void SnapshotUi::connectController()
{
    // Several loads may run together (a pool's snapshots, a watched file, a capture): the bar
    // follows the controller's busy state, not any one load.
    connect(m_controller, &SnapshotController::busyChanged, this, [this](bool on) {
        m_progress->setProgress(0, 1000);
        m_progress->setRunning(on);
        if (!on)
            m_statusBar->clearMessage();
    });
    connect(m_controller, &SnapshotController::started, this, [this](const SnapshotSource &source) {
        m_statusBar->showMessage(tr("Reading %1…").arg(source.label()));
    });
    // The controller counts in thousandths.
    connect(m_controller, &SnapshotController::progress, m_progress,
            [this](int permille) { m_progress->setProgress(permille, 1000); });
    connect(m_controller, &SnapshotController::cancelled, this,
            [this] { m_statusBar->showMessage(tr("Snapshot reading cancelled"), 5000); });
    // The kind of the source tells whether the user asked for this load (the controller answers
    // a superseded load only through the newer one, so the two get one box).
    connect(m_controller, &SnapshotController::failed, this,
            [this](const SnapshotSource &source, const QString &message) {
                Q_EMIT loadFailed(source, message);
                if (source.isLive())
                    return;
                // Read, but of no server the topology has: ask which it is (after this signal
                // has been delivered everywhere, not from inside the controller's delivery).
                if (m_prompts && m_controller->isUnmatched(source))
                    QMetaObject::invokeMethod(
                            this, [this, source, message] { askServer(source, message); },
                            Qt::QueuedConnection);
                else
                    Q_EMIT errorOccurred(tr("Cannot check the snapshot"), message);
            });
}

void SnapshotUi::askServer(const SnapshotSource &source, const QString &reason)
{
    if (!m_controller->isUnmatched(source)) // loaded again meanwhile
        return;
    QList<ServerId> ids;
    QStringList items;
    for (const EdgePool &pool : m_document.topology().pools)
        for (const EdgeServer &server : pool.servers) {
            QStringList ips;
            for (const NetInterface &nic : server.interfaces)
                for (const Address &a : nic.addresses)
                    ips.append(a.ip);
            ids.append(server.id);
            items.append(tr("%1 (%2)").arg(server.fqdn, ips.join(QStringLiteral(", "))));
        }
    const int chosen = m_prompts->askServer(source.label(), reason, items);
    if (chosen < 0 || chosen >= ids.size()) {
        m_controller->dropUnmatched(source);
        m_statusBar->showMessage(tr("%1 not checked: no server chosen").arg(source.label()), 5000);
        return;
    }
    m_controller->assignServer(source, ids.at(chosen));
}

void SnapshotUi::connectSources()
{
    const auto showState = [this](const SnapshotSource &source, const QString &state, bool stale) {
        Q_EMIT sourceStateChanged(source, state, stale);
        m_statusBar->showMessage(state, 5000);
    };
    connect(m_liveSources, &LiveSources::stateChanged, this, showState);
    connect(m_liveSources, &LiveSources::errorOccurred, this,
            [this](const QString &message) { Q_EMIT errorOccurred(tr("Cannot start"), message); });
    if (m_nativeCapture) {
        connect(m_nativeCapture, &NativeCaptureSource::stateChanged, this, showState);
        connect(m_nativeCapture, &NativeCaptureSource::errorOccurred, this,
                [this](const QString &message) {
                    Q_EMIT errorOccurred(tr("Cannot capture"), message);
                });
    }
}

void SnapshotUi::populateMenu(QMenu *menu)
{
    menu->addAction(m_openAction);
    menu->addAction(m_pasteAction);
    // The live sources: a watched file and capture profiles, with their own menu entries.
    menu->addSeparator();
    m_liveSourcesMenu->populateMenu(menu);
    if (m_nativeCaptureMenu) {
        menu->addSeparator();
        m_nativeCaptureMenu->populateMenu(menu);
    }
    menu->addSeparator();
    menu->addAction(m_acknowledgeAction);
    menu->addAction(m_clearAction);
}

void SnapshotUi::openFile(const QString &path)
{
    m_controller->openFile(SnapshotSource::file(path));
}

void SnapshotUi::openBytes(const QByteArray &bytes, const SnapshotSource &source)
{
    m_controller->openBytes(bytes, source);
}

void SnapshotUi::openDialog(const QString &directory)
{
    const QString path = QFileDialog::getOpenFileName(
            m_window, tr("Open Snapshot"), directory,
            tr("Snapshots (*.txt *.out *.log *.json *.csv);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

void SnapshotUi::paste()
{
    const QString text = QGuiApplication::clipboard()->text();
    if (text.trimmed().isEmpty()) {
        Q_EMIT errorOccurred(tr("Nothing to paste"), tr("The clipboard holds no text."));
        return;
    }
    openBytes(text.toUtf8(), SnapshotSource::clipboard());
}

void SnapshotUi::forgetChecks()
{
    m_controller->cancel();
    m_document.setChecks({});
}

void SnapshotUi::updateCheckSummary()
{
    // The whole pool: every server with a snapshot, then the latest load if it failed.
    const QList<std::shared_ptr<const CheckResult>> checks
            = m_document.checks().inOrder(m_document.topology());
    const CheckResult *latest = m_document.checks().latest().get();
    if (checks.isEmpty()) {
        m_checkLabel->setText(latest && !latest->ok() ? tr("Snapshot %1 not checked: %2")
                                                                .arg(latest->source.label(),
                                                                     latest->error.message.left(80))
                                                      : tr("No snapshot: listeners not checked"));
        return;
    }
    // Counted as the Problems pane counts its rows, so that the two never disagree.
    FindingCounts counts;
    QStringList servers;
    for (const auto &check : checks) {
        const EdgeServer *server = m_document.topology().server(check->server);
        servers.append(server ? server->fqdn : check->server.value());
        counts += countFindings(check->judgement);
    }
    const QString where
            = checks.size() == 1
                      ? tr("%1 on %2").arg(checks.first()->source.label(), servers.first())
                      : tr("%1 servers checked").arg(checks.size());
    m_checkLabel->setText(tr("%1: %2 OK, %3")
                                  .arg(where)
                                  .arg(counts.ok)
                                  .arg(ProblemsModel::summaryOf(
                                          counts, ProblemsModel::fromHereCountsOf(m_document))));
    m_checkLabel->setToolTip(servers.join(QLatin1Char('\n')));
}

} // namespace edgemap
