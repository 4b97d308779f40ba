// The runner's worker: lives in the runner's thread, starts the probes a few at a time and
// collects their results into the run. Internal to proberunner.cpp (and its tests).
#pragma once

#include "probe/probejobs.h"
#include "probe/proberunner.h"

#include <QHash>
#include <QObject>
#include <QTimer>

namespace edgemap {

class ProbeWorker : public QObject
{
    Q_OBJECT

public:
    ProbeWorker(ProbePlan plan, ProbeOptions options);

    void run();
    void cancelByUser();

Q_SIGNALS:
    void started(int total);
    void progress(int done, int total);
    void resultReady(const edgemap::ProbeResult &result);
    void dnsChecked(const edgemap::DnsCheckResult &result);
    void finished(const edgemap::ProbeRun &run);

private:
    int total() const { return int(m_plan.targets.size() + m_plan.dnsChecks.size()); }
    void launch();
    void startJob(int index);
    void onJobDone(int index);
    void stop(const QString &reason);
    void finishRun();

    ProbePlan m_plan;
    ProbeOptions m_options;
    ProbeSettings m_settings;
    ProbeRun m_run;
    QHash<int, ProbeJob *> m_active; // by job index: targets first, then DNS records
    QTimer m_overall;
    int m_next = 0;
    int m_done = 0;
    bool m_stopping = false;
    bool m_finished = false;
};

} // namespace edgemap
