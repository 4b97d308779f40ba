#pragma once

#include "probe/probeplan.h"
#include "probe/proberesult.h"

#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QString>
#include <QThread>

#include <functional>

namespace edgemap {

class ProbeWorker;

// How a run probes.
struct ProbeOptions
{
    int timeoutMs = 3000;     // per probe: the connect, the handshake, the MS-TURN tries, a lookup
    int parallel = 16;        // probes in flight at once
    int overallTimeoutMs = 0; // the whole run; 0: overallTimeoutFor(plan, options)
    QString resolver;         // the DNS server's IP address; empty: the system's resolver
    // Trust these roots instead of the system's (an internal CA, a test's); empty: the system's.
    QList<QSslCertificate> caCertificates;
};

// What is wrong with the options (a resolver that is not an IP address, a timeout or a
// parallelism below 1); empty when nothing is.
QString probeOptionsProblem(const ProbeOptions &options);

// The overall timeout of a run without one: every wave of `parallel` probes at its slowest (a
// name target may look up twice, then connect and handshake), plus a margin. A safety net: each
// probe has its own timeout.
int overallTimeoutFor(const ProbePlan &plan, const ProbeOptions &options);

// Runs a probe plan on a thread of its own, with an event loop, never the caller's: at most
// `parallel` probes at once, each with its timeout, the whole run with an overall one. Nothing is
// sent before start(). The signals arrive in the runner's thread (the GUI's): started, then a
// resultReady or dnsChecked and a progress per probe as each ends, then finished with the whole
// run (results in plan order; the pool-wide certificate comparison is made on the whole run, so
// its findings are in finished's results only). cancel() stops the probes in flight and skips
// the rest; finished still comes, with the run marked cancelled.
class ProbeRunner : public QObject
{
    Q_OBJECT

public:
    explicit ProbeRunner(QObject *parent = nullptr);
    ~ProbeRunner() override;

    bool isRunning() const { return m_worker != nullptr; }

public Q_SLOTS:
    // Starts a run; false (and nothing sent) when one is running or the plan has an error.
    bool start(const edgemap::ProbePlan &plan, const edgemap::ProbeOptions &options);
    void cancel();

Q_SIGNALS:
    void started(int total);
    void progress(int done, int total);
    void resultReady(const edgemap::ProbeResult &result);
    void dnsChecked(const edgemap::DnsCheckResult &result);
    void finished(const edgemap::ProbeRun &run);

private:
    void onFinished(const edgemap::ProbeRun &run);

    QThread m_thread;
    ProbeWorker *m_worker = nullptr; // lives in m_thread while a run is on
};

// Runs the plan to its end, waiting in a local event loop of the calling thread (the command
// line); `progress` (done, total) is called as probes end.
ProbeRun runProbes(const ProbePlan &plan, const ProbeOptions &options,
                   const std::function<void(int, int)> &progress = {});

} // namespace edgemap

Q_DECLARE_METATYPE(edgemap::ProbePlan)
Q_DECLARE_METATYPE(edgemap::ProbeOptions)
