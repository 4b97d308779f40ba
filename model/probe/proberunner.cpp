#include "probe/proberunner.h"

#include "probe/probeworker.h"

#include <QEventLoop>
#include <QHostAddress>
#include <QSslSocket>

namespace edgemap {

QString probeOptionsProblem(const ProbeOptions &options)
{
    if (!options.resolver.isEmpty() && QHostAddress(options.resolver).isNull())
        return QStringLiteral("the resolver '%1' is not an IP address").arg(options.resolver);
    if (options.timeoutMs < 1)
        return QStringLiteral("the timeout must be positive");
    if (options.parallel < 1)
        return QStringLiteral("at least one probe must run at a time");
    return {};
}

int overallTimeoutFor(const ProbePlan &plan, const ProbeOptions &options)
{
    const qsizetype jobs = plan.targets.size() + plan.dnsChecks.size();
    const qsizetype parallel = std::max(1, options.parallel);
    const qsizetype waves = (jobs + parallel - 1) / parallel;
    constexpr int kSlowestProbe = 4; // a name: two lookups, a connect and a handshake
    constexpr int kMarginMs = 5000;
    return int(std::min<qint64>(qint64(waves) * kSlowestProbe * options.timeoutMs + kMarginMs,
                                std::numeric_limits<int>::max()));
}

ProbeRunner::ProbeRunner(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<ProbeResult>();
    qRegisterMetaType<DnsCheckResult>();
    qRegisterMetaType<ProbeRun>();
    m_thread.setObjectName(QStringLiteral("EdgeMap probes"));
}

ProbeRunner::~ProbeRunner()
{
    // The worker and its sockets are deleted in their own thread, as it ends.
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, &QObject::deleteLater, Qt::QueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

bool ProbeRunner::start(const ProbePlan &plan, const ProbeOptions &options)
{
    if (m_worker || plan.error.isError() || !probeOptionsProblem(options).isEmpty())
        return false;
    // The TLS backend is loaded here, not by the first TLS probe in the worker thread: finding
    // the plugin matches file names with QRegularExpression, whose per-thread JIT stack is a
    // thread_local. With MinGW (GCC's emulated TLS) a thread_local's destructor runs after its
    // storage is freed as a thread ends; the worker thread then faulted in
    // pcre2_jit_stack_free_16 as it ended, and under Wine the process hung on exit.
    QSslSocket::supportsSsl();
    if (!m_thread.isRunning())
        m_thread.start();
    m_worker = new ProbeWorker(plan, options);
    m_worker->moveToThread(&m_thread);
    connect(m_worker, &ProbeWorker::started, this, &ProbeRunner::started);
    connect(m_worker, &ProbeWorker::progress, this, &ProbeRunner::progress);
    connect(m_worker, &ProbeWorker::resultReady, this, &ProbeRunner::resultReady);
    connect(m_worker, &ProbeWorker::dnsChecked, this, &ProbeRunner::dnsChecked);
    connect(m_worker, &ProbeWorker::finished, this, &ProbeRunner::onFinished);
    QMetaObject::invokeMethod(m_worker, &ProbeWorker::run, Qt::QueuedConnection);
    return true;
}

void ProbeRunner::cancel()
{
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, &ProbeWorker::cancelByUser, Qt::QueuedConnection);
}

void ProbeRunner::onFinished(const ProbeRun &run)
{
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, &QObject::deleteLater, Qt::QueuedConnection);
    m_worker = nullptr;
    Q_EMIT finished(run);
}

ProbeRun runProbes(const ProbePlan &plan, const ProbeOptions &options,
                   const std::function<void(int, int)> &progress)
{
    ProbeRunner runner;
    QEventLoop loop;
    ProbeRun out;
    QObject::connect(&runner, &ProbeRunner::finished, &loop, [&](const ProbeRun &run) {
        out = run;
        loop.quit();
    });
    if (progress)
        QObject::connect(&runner, &ProbeRunner::progress, &loop, progress);
    if (!runner.start(plan, options))
        return out;
    loop.exec();
    return out;
}

} // namespace edgemap
