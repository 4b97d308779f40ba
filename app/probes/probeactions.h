#pragma once

#include "probe/probeplan.h"
#include "probe/proberunner.h"

#include <QObject>
#include <QString>

class QAction;
class QMenu;
class QStatusBar;
class QWidget;

namespace edgemap {

class Document;
class StatusProgress;

// Probe from Here in the window: the dialog, the run on the ProbeRunner's own thread (never the
// GUI's), its progress and Cancel, and the finished run handed to the document (which joins it
// with the snapshots: Document::probes). Nothing is sent unless the user starts a run; opening a
// topology or a snapshot never does.
class ProbeActions : public QObject
{
    Q_OBJECT

public:
    // `statusBar` gets the run's progress and its Cancel button while a run is on.
    ProbeActions(Document &document, QStatusBar *statusBar, QWidget *window);
    ~ProbeActions() override;

    void populateMenu(QMenu *menu);
    QAction *probeAction() const { return m_probe; }
    QAction *cancelAction() const { return m_cancel; }
    bool isRunning() const { return m_runner->isRunning(); }

    // Starts a run without the dialog (tests, a second run with the same choices); false when
    // one is running or the plan has nothing to probe (with the reason in lastError()).
    bool start(const ProbePlanOptions &plan, const ProbeOptions &options);
    QString lastError() const { return m_lastError; }

public Q_SLOTS:
    // The dialog, then the run.
    void probeFromHere();
    void cancel();
    // Forgets the last run (the badges and columns go back to the snapshot's alone).
    void clear();

Q_SIGNALS:
    // For the Probes pane and the status bar: a run started (its plan's probe count), moved on,
    // finished (cancelled or not).
    void started(int total, const edgemap::ProbePlan &plan);
    void progress(int done, int total);
    void finished(bool cancelled);
    void errorOccurred(const QString &title, const QString &message);

private:
    void onFinished(const ProbeRun &run);
    void updateActions();

    Document &m_document;
    QStatusBar *m_statusBar;
    QWidget *m_window;
    StatusProgress *m_progress;
    ProbeRunner *m_runner;
    QAction *m_probe = nullptr;
    QAction *m_cancel = nullptr;
    QAction *m_clear = nullptr;
    ProbePlanOptions m_planOptions;
    ProbeOptions m_runOptions;
    QString m_lastError;
};

} // namespace edgemap
