#include "probes/probeactions.h"

#include "document/document.h"
#include "probes/probedialog.h"
#include "window/statusprogress.h"

#include <QAction>
#include <QMenu>
#include <QStatusBar>

#include <algorithm>
#include <memory>

namespace edgemap {

ProbeActions::ProbeActions(Document &document, QStatusBar *statusBar, QWidget *window)
    : QObject(window)
    , m_document(document)
    , m_statusBar(statusBar)
    , m_window(window)
    , m_progress(new StatusProgress(tr("Probing %v of %m"), tr("Cancel Probes"), window))
    , m_runner(new ProbeRunner(this))
{
    m_progress->setObjectName(QStringLiteral("probeProgress"));
    if (m_statusBar)
        m_statusBar->addPermanentWidget(m_progress);
    connect(m_progress, &StatusProgress::cancelRequested, this, &ProbeActions::cancel);
    connect(m_runner, &ProbeRunner::progress, m_progress, &StatusProgress::setProgress);
    m_probe = new QAction(tr("&Probe from Here…"), this);
    m_probe->setObjectName(QStringLiteral("probeFromHere"));
    m_probe->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    m_probe->setStatusTip(tr("Connect from this computer to every listener that should be "
                             "reachable from here, read the certificates, check DNS"));
    connect(m_probe, &QAction::triggered, this, &ProbeActions::probeFromHere);
    m_cancel = new QAction(tr("Cancel Probes"), this);
    m_cancel->setObjectName(QStringLiteral("cancelProbes"));
    connect(m_cancel, &QAction::triggered, this, &ProbeActions::cancel);
    m_clear = new QAction(tr("Clear Probe Results"), this);
    m_clear->setObjectName(QStringLiteral("clearProbes"));
    connect(m_clear, &QAction::triggered, this, &ProbeActions::clear);

    connect(m_runner, &ProbeRunner::progress, this, &ProbeActions::progress);
    connect(m_runner, &ProbeRunner::finished, this, &ProbeActions::onFinished);
    connect(&m_document, &Document::probesChanged, this, &ProbeActions::updateActions);
    // Another topology: a run under way probes the old one's addresses.
    connect(&m_document, &Document::topologyReplaced, this, &ProbeActions::cancel);
    updateActions();
}

ProbeActions::~ProbeActions()
{
    m_runner->cancel();
}

void ProbeActions::populateMenu(QMenu *menu)
{
    menu->addAction(m_probe);
    menu->addAction(m_cancel);
    menu->addAction(m_clear);
}

void ProbeActions::probeFromHere()
{
    if (isRunning())
        return;
    ProbeDialog dialog(m_document.topology(), m_window);
    dialog.setChoices(m_planOptions, m_runOptions);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (!start(dialog.planOptions(), dialog.runOptions()))
        Q_EMIT errorOccurred(tr("Cannot start the probes"), m_lastError);
}

bool ProbeActions::start(const ProbePlanOptions &planOptions, const ProbeOptions &options)
{
    m_lastError.clear();
    if (isRunning()) {
        m_lastError = tr("A probe run is under way: cancel it or wait for it to finish.");
        return false;
    }
    const ProbePlan plan = buildProbePlan(m_document.topology(), planOptions);
    if (plan.error.isError())
        m_lastError = plan.error.toString();
    else if (const QString problem = probeOptionsProblem(options); !problem.isEmpty())
        m_lastError = problem;
    else if (plan.targets.isEmpty() && plan.dnsChecks.isEmpty())
        m_lastError = tr("Nothing to probe from this side.");
    if (!m_lastError.isEmpty())
        return false;
    m_planOptions = planOptions;
    m_runOptions = options;
    if (!m_runner->start(plan, options)) {
        m_lastError = tr("The probe run could not start.");
        return false;
    }
    updateActions();
    const int total = int(plan.targets.size() + plan.dnsChecks.size());
    m_progress->setProgress(0, total);
    if (m_statusBar)
        m_statusBar->showMessage(tr("Probing from this computer: %1 probes…").arg(total));
    Q_EMIT started(total, plan);
    return true;
}

void ProbeActions::cancel()
{
    if (isRunning())
        m_runner->cancel();
}

void ProbeActions::clear()
{
    if (!isRunning())
        m_document.setProbeRun(nullptr);
}

void ProbeActions::onFinished(const ProbeRun &run)
{
    m_document.setProbeRun(std::make_shared<const ProbeRun>(run));
    updateActions();
    if (m_statusBar) {
        const ProbeCounts &c = m_document.probes().counts;
        const QString ended = run.cancelled  ? tr("Probes cancelled")
                              : run.timedOut ? tr("Probes stopped at the run's timeout")
                                             : tr("Probes finished");
        // Only the counts that say something: the permanent snapshot summary shares the bar.
        QStringList parts{tr("%1 of %2 reachable").arg(c.reachable).arg(c.probes),
                          c.problems == 1 ? tr("1 problem") : tr("%1 problems").arg(c.problems)};
        if (c.tlsFindings > 0)
            parts.append(c.tlsFindings == 1 ? tr("1 certificate finding")
                                            : tr("%1 certificate findings").arg(c.tlsFindings));
        if (c.dnsProblems > 0)
            parts.append(c.dnsProblems == 1 ? tr("1 DNS problem")
                                            : tr("%1 DNS problems").arg(c.dnsProblems));
        m_statusBar->showMessage(ended + QStringLiteral(": ") + parts.join(QStringLiteral(", ")),
                                 15000);
    }
    Q_EMIT finished(run.cancelled || run.timedOut);
}

void ProbeActions::updateActions()
{
    const bool running = isRunning();
    m_probe->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_clear->setEnabled(!running && !m_document.probes().isEmpty());
    m_progress->setRunning(running);
}

} // namespace edgemap
