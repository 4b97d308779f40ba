#include "probe/probeworker.h"

#include "probe/certificatecheck.h"

#include <QNetworkInterface>
#include <QSysInfo>

namespace edgemap {

namespace {

// This computer's addresses, as "from where" the run probes: loopback and link-local ones only
// when it has no other.
QStringList localAddresses()
{
    QStringList out, fallback;
    for (const QHostAddress &a : QNetworkInterface::allAddresses()) {
        (a.isLoopback() || a.isLinkLocal() ? fallback : out).append(a.toString());
    }
    return out.isEmpty() ? fallback : out;
}

} // namespace

ProbeWorker::ProbeWorker(ProbePlan plan, ProbeOptions options)
    : m_plan(std::move(plan))
    , m_options(std::move(options))
    , m_overall(this) // a child: it moves to the runner's thread with the worker
{
    m_settings.timeoutMs = m_options.timeoutMs;
    m_settings.caCertificates = m_options.caCertificates;
    if (!m_options.resolver.isEmpty())
        m_settings.resolver = QHostAddress(m_options.resolver);
    m_run.side = m_plan.options.side;
    m_run.resolver = m_options.resolver.isEmpty() ? QStringLiteral("system") : m_options.resolver;
    m_run.timeoutMs = m_options.timeoutMs;
    m_run.parallel = m_options.parallel;
    m_run.skipped = m_plan.skipped;
    for (const ProbeTarget &t : m_plan.targets) {
        ProbeResult r;
        r.target = t;
        r.address = t.host;
        m_run.results.append(r);
    }
    for (const DnsRecord &record : m_plan.dnsChecks) {
        DnsCheckResult r;
        r.expected = record;
        m_run.dns.append(r);
    }
    m_overall.setSingleShot(true);
    connect(&m_overall, &QTimer::timeout, this, [this] {
        m_run.timedOut = true;
        stop(QStringLiteral("not finished: the run's overall timeout (%1 s) passed")
                     .arg(m_overall.interval() / 1000.0));
    });
}

void ProbeWorker::run()
{
    m_settings.now = QDateTime::currentDateTimeUtc();
    m_run.started = m_settings.now;
    m_run.hostName = QSysInfo::machineHostName();
    m_run.localAddresses = localAddresses();
    Q_EMIT started(total());
    m_overall.start(m_options.overallTimeoutMs > 0 ? m_options.overallTimeoutMs
                                                   : overallTimeoutFor(m_plan, m_options));
    launch();
    if (total() == 0)
        finishRun();
}

void ProbeWorker::cancelByUser()
{
    if (m_finished || m_stopping)
        return;
    m_run.cancelled = true;
    stop(QStringLiteral("cancelled by the user"));
}

void ProbeWorker::launch()
{
    while (!m_stopping && m_active.size() < std::max(1, m_options.parallel) && m_next < total())
        startJob(m_next++);
}

void ProbeWorker::startJob(int index)
{
    const qsizetype targets = m_plan.targets.size();
    ProbeJob *job = nullptr;
    if (index < targets)
        job = TargetProbe::make(m_plan.targets.at(index), m_settings, this).release();
    else
        job = new DnsCheck(m_plan.dnsChecks.at(index - targets), m_settings, this);
    m_active.insert(index, job);
    // Queued: a probe may report while it starts (an address this computer cannot use).
    connect(
            job, &ProbeJob::done, this, [this, index] { onJobDone(index); }, Qt::QueuedConnection);
    job->start();
}

void ProbeWorker::onJobDone(int index)
{
    ProbeJob *job = m_active.take(index);
    if (!job)
        return;
    const qsizetype targets = m_plan.targets.size();
    if (index < targets) {
        m_run.results[index] = static_cast<TargetProbe *>(job)->result();
        Q_EMIT resultReady(m_run.results.at(index));
    } else {
        m_run.dns[index - targets] = static_cast<DnsCheck *>(job)->result();
        Q_EMIT dnsChecked(m_run.dns.at(index - targets));
    }
    job->deleteLater();
    ++m_done;
    Q_EMIT progress(m_done, total());
    launch();
    if (m_active.isEmpty() && (m_stopping || m_next >= total()))
        finishRun();
}

// Stops the run: the probes not started yet are marked with `reason`, those in flight are
// cancelled (each reports, then the run finishes).
void ProbeWorker::stop(const QString &reason)
{
    if (m_finished || m_stopping)
        return;
    m_stopping = true;
    const qsizetype targets = m_plan.targets.size();
    for (int i = m_next; i < total(); ++i) {
        if (i < targets) {
            m_run.results[i].status = ProbeStatus::NotProbed;
            m_run.results[i].detail = reason;
        } else {
            m_run.dns[i - targets].status = DnsCheckResult::Status::Cancelled;
            m_run.dns[i - targets].detail = reason;
        }
    }
    m_done += total() - m_next;
    m_next = total();
    Q_EMIT progress(m_done, total());
    for (ProbeJob *job : m_active.values())
        job->cancel(reason);
    if (m_active.isEmpty())
        finishRun();
}

void ProbeWorker::finishRun()
{
    if (m_finished)
        return;
    m_finished = true;
    m_overall.stop();
    certcheck::comparePoolKeys(m_run.results);
    m_run.finished = QDateTime::currentDateTimeUtc();
    Q_EMIT finished(m_run);
}

} // namespace edgemap
