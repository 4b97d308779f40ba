#pragma once

#include "document/reimport.h"
#include "io/topologyimport.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>

class QAction;
class QMenu;
class QStatusBar;
class QWidget;

namespace edgemap {

class Document;
class FilePrompts;
class SnapshotUi;

// Importing the deployed topology (Get-CsTopology -AsXml, a Topology Builder file) in the window:
// opened as a new, unsaved topology (File > Open and drops, told apart by content), or into the
// open topology as its changes (File > Import Topology Changes…: what changed in the deployment,
// applied as one undoable edit that keeps what the user added). The file is read and parsed off
// the GUI thread; a second import while one runs is refused. The dialog-free entry points
// (openImport, importChangesFrom) serve drops and tests.
class ImportActions : public QObject
{
    Q_OBJECT

public:
    ImportActions(Document &document, SnapshotUi &snapshots, FilePrompts &prompts,
                  QStatusBar *statusBar, QWidget *window);
    ~ImportActions() override;

    // Import Topology Changes…, after Open Recent.
    QAction *importChangesAction() const { return m_importChanges; }

    // Imports `path` as a new topology replacing the document (the caller asked about unsaved
    // changes). False when an import is already running.
    bool openImport(const QString &path);
    // Imports `path` and offers its changes to the open topology; with `confirm` false they are
    // applied without asking (tests). False when an import is already running.
    bool importChangesFrom(const QString &path, bool confirm = true);
    // From the start of an import until finished() (the worker may be done before that).
    bool isBusy() const { return m_busy; }
    // Blocks until a running import has finished (the window is closing).
    void waitForFinished();

    // What the last import said: the summary of an opened import, or the list of changes.
    QString lastReport() const { return m_lastReport; }

public Q_SLOTS:
    void importChanges();

Q_SIGNALS:
    // An import ended: applied (opened, or changes applied) or not (failed, cancelled, nothing
    // to change).
    void finished(bool applied);

private:
    enum class Mode { Open, Changes };
    bool start(const QString &path, Mode mode, bool confirm);
    void done();
    bool openImported(const topologyimport::ImportResult &result);
    bool applyChanges(const topologyimport::ImportResult &result);

    Document &m_document;
    SnapshotUi &m_snapshots;
    FilePrompts &m_prompts;
    QStatusBar *m_statusBar;
    QWidget *m_window;
    QAction *m_importChanges = nullptr;
    QFutureWatcher<topologyimport::ImportResult> m_watcher;
    QString m_path;
    Mode m_mode = Mode::Open;
    bool m_confirm = true;
    bool m_replacedMeanwhile = false;
    bool m_busy = false;
    QString m_lastReport;
};

} // namespace edgemap
