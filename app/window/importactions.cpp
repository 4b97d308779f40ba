#include "window/importactions.h"

#include "document/document.h"
#include "window/fileactions.h"
#include "window/snapshotui.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QStatusBar>
#include <QtConcurrent/QtConcurrentRun>

namespace edgemap {

namespace {

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

QString importFilters()
{
    return ImportActions::tr("Lync and Skype for Business topologies (*.xml *.tbxml);;All "
                             "files (*)");
}

} // namespace

ImportActions::ImportActions(Document &document, SnapshotUi &snapshots, FilePrompts &prompts,
                             QStatusBar *statusBar, QWidget *window)
    : QObject(window)
    , m_document(document)
    , m_snapshots(snapshots)
    , m_prompts(prompts)
    , m_statusBar(statusBar)
    , m_window(window)
{
    m_importChanges = new QAction(tr("&Import Topology Changes…"), this);
    m_importChanges->setObjectName(QStringLiteral("importChanges"));
    m_importChanges->setStatusTip(
            tr("Compare the open topology with the deployment's (Get-CsTopology -AsXml or a "
               "Topology Builder file) and apply what changed"));
    connect(m_importChanges, &QAction::triggered, this, &ImportActions::importChanges);
    connect(&m_watcher, &QFutureWatcher<topologyimport::ImportResult>::finished, this,
            &ImportActions::done);
    // Another topology opened while an import to open runs: that one wins (done drops the
    // import's), as the user chose it last.
    connect(&m_document, &Document::topologyReplaced, this, [this] {
        if (m_busy)
            m_replacedMeanwhile = true;
    });
}

ImportActions::~ImportActions()
{
    waitForFinished();
}

void ImportActions::waitForFinished()
{
    m_watcher.waitForFinished();
}

void ImportActions::importChanges()
{
    const QString dir = m_document.filePath().isEmpty()
                                ? QString()
                                : QFileInfo(m_document.filePath()).absolutePath();
    const QString path = QFileDialog::getOpenFileName(m_window, tr("Import Topology Changes"), dir,
                                                      importFilters());
    if (!path.isEmpty())
        importChangesFrom(path);
}

bool ImportActions::openImport(const QString &path)
{
    return start(path, Mode::Open, false);
}

bool ImportActions::importChangesFrom(const QString &path, bool confirm)
{
    return start(path, Mode::Changes, confirm);
}

bool ImportActions::start(const QString &path, Mode mode, bool confirm)
{
    if (isBusy())
        return false;
    m_path = path;
    m_mode = mode;
    m_confirm = confirm;
    m_replacedMeanwhile = false;
    m_busy = true;
    m_importChanges->setEnabled(false);
    if (m_statusBar)
        m_statusBar->showMessage(tr("Importing %1…").arg(native(path)));
    // Reading and parsing a topology export takes a while for a large deployment: not on the GUI
    // thread. The worker gets the path only and returns a value.
    m_watcher.setFuture(
            QtConcurrent::run([path] { return topologyimport::importTopologyFile(path); }));
    return true;
}

void ImportActions::done()
{
    m_busy = false;
    m_importChanges->setEnabled(true);
    const topologyimport::ImportResult result = m_watcher.result();
    if (m_statusBar)
        m_statusBar->clearMessage();
    if (!result.ok()) {
        m_prompts.showError(m_mode == Mode::Open ? tr("Could not import the topology")
                                                 : tr("Could not import the topology changes"),
                            result.error.toString());
        Q_EMIT finished(false);
        return;
    }
    if (m_mode == Mode::Open && m_replacedMeanwhile) {
        if (m_statusBar)
            m_statusBar->showMessage(tr("Import of %1 dropped: another topology was opened "
                                        "meanwhile")
                                             .arg(native(m_path)),
                                     10000);
        Q_EMIT finished(false);
        return;
    }
    Q_EMIT finished(m_mode == Mode::Open ? openImported(result) : applyChanges(result));
}

bool ImportActions::openImported(const topologyimport::ImportResult &result)
{
    m_snapshots.forgetChecks();
    m_document.resetTopology(*result.topology, {});
    // Never saved: closing must ask, and the autosave must protect it.
    m_document.setModified(true);
    qsizetype servers = 0;
    for (const EdgePool &pool : result.topology->pools)
        servers += pool.servers.size();
    const QString pools = result.topology->pools.size() == 1
                                  ? tr("1 Edge pool")
                                  : tr("%1 Edge pools").arg(result.topology->pools.size());
    const QString text
            = tr("Imported %1 with %2 from %3. The topology is not saved yet.")
                      .arg(pools, servers == 1 ? tr("1 server") : tr("%1 servers").arg(servers),
                           native(m_path));
    m_lastReport = result.summary.text(result.warnings);
    if (m_statusBar)
        m_statusBar->showMessage(text, 10000);
    m_prompts.showReport(tr("Topology imported"),
                         result.warnings.isEmpty()
                                 ? text
                                 : text + QLatin1Char(' ')
                                           + (result.warnings.size() == 1
                                                      ? tr("1 warning: see the details.")
                                                      : tr("%1 warnings: see the details.")
                                                                .arg(result.warnings.size())),
                         m_lastReport);
    return true;
}

bool ImportActions::applyChanges(const topologyimport::ImportResult &result)
{
    const ReimportResult merged = reimport(m_document.topology(), *result.topology);
    if (!merged.ok()) {
        m_prompts.showError(tr("Could not import the topology changes"),
                            tr("The changes from %1 would make the topology invalid: %2")
                                    .arg(native(m_path), merged.error));
        return false;
    }
    QStringList changes;
    for (const DeploymentChange &c : merged.changes)
        changes.append(c.text());
    for (const Error &w : result.warnings)
        changes.append(tr("Warning: %1").arg(w.toString()));
    m_lastReport = changes.join(QLatin1Char('\n'));
    if (merged.changes.isEmpty()) {
        m_prompts.showReport(tr("No topology changes"),
                             tr("%1 describes the deployment as the open topology does: nothing "
                                "to change.")
                                     .arg(native(m_path)),
                             m_lastReport);
        return false;
    }
    if (m_confirm
        && !m_prompts.confirmChanges(tr("Import Topology Changes"),
                                     tr("What changed in the deployment since the topology was "
                                        "made, from %1. Apply them? Your peer addresses, names "
                                        "and switched-off listeners are kept; Undo takes the "
                                        "whole import back.")
                                             .arg(native(m_path)),
                                     changes))
        return false;
    const Error error = m_document.applyEdit(
            tr("Import topology changes from %1").arg(QFileInfo(m_path).fileName()),
            merged.topology);
    if (error.isError()) {
        m_prompts.showError(tr("Could not import the topology changes"), error.toString());
        return false;
    }
    if (m_statusBar)
        m_statusBar->showMessage(
                merged.changes.size() == 1
                        ? tr("1 topology change applied")
                        : tr("%1 topology changes applied").arg(merged.changes.size()),
                10000);
    return true;
}

} // namespace edgemap
