#include "live/capturerunner.h"

#include "live/snapshotcontroller.h"

namespace edgemap {

CaptureRunner::CaptureRunner(SnapshotController &controller, QObject *parent)
    : CaptureRunner(parent)
{
    m_controller = &controller;
}

CaptureRunner::CaptureRunner(QObject *parent)
    : QObject(parent)
{
    m_timeout.setSingleShot(true);
    connect(&m_interval, &QTimer::timeout, this, &CaptureRunner::runOnce);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        m_timedOut = true;
        m_process.kill();
    });
    connect(&m_process, &QProcess::readyReadStandardOutput, this, [this] {
        const QByteArray chunk = m_process.readAllStandardOutput();
        if (m_output.size() + chunk.size() > kMaxOutputBytes) {
            m_tooLarge = true;
            m_process.kill();
            return;
        }
        m_output += chunk;
    });
    connect(&m_process, &QProcess::finished, this, &CaptureRunner::processFinished);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            fail(tr("cannot start '%1': %2").arg(m_profile.program, m_process.errorString()));
    });
}

CaptureRunner::~CaptureRunner()
{
    stop();
}

void CaptureRunner::start(const CaptureProfile &profile)
{
    stop();
    m_profile = profile;
    if (profile.intervalSeconds > 0)
        m_interval.start(m_intervalOverrideMs > 0 ? m_intervalOverrideMs
                                                  : profile.intervalSeconds * 1000);
    runOnce();
}

void CaptureRunner::stop()
{
    m_interval.stop();
    m_timeout.stop();
    if (m_process.state() != QProcess::NotRunning) {
        // Killing makes the process finish (or fail) right here: that is no capture failure.
        m_stopping = true;
        m_process.kill();
        m_process.waitForFinished(3000);
        m_stopping = false;
    }
}

void CaptureRunner::runOnce()
{
    if (m_process.state() != QProcess::NotRunning)
        return; // the previous run is still going: skip this tick rather than pile up
    m_output.clear();
    m_tooLarge = false;
    m_timedOut = false;
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.start(m_profile.program, m_profile.arguments, QIODevice::ReadOnly);
    m_timeout.start(std::max(1, m_profile.timeoutSeconds) * 1000);
}

void CaptureRunner::processFinished(int exitCode, QProcess::ExitStatus status)
{
    m_timeout.stop();
    if (m_stopping)
        return;
    m_output += m_process.readAllStandardOutput();
    const QString err
            = QString::fromLocal8Bit(m_process.readAllStandardError()).trimmed().left(2000);
    if (m_timedOut)
        return fail(tr("'%1' did not finish within %2 s and was stopped")
                            .arg(m_profile.program)
                            .arg(m_profile.timeoutSeconds));
    if (m_tooLarge)
        return fail(tr("'%1' printed more than %2 MB; stopped")
                            .arg(m_profile.program)
                            .arg(kMaxOutputBytes / (1024 * 1024)));
    if (status != QProcess::NormalExit)
        return fail(tr("'%1' crashed%2")
                            .arg(m_profile.program,
                                 err.isEmpty() ? QString() : QStringLiteral(": ") + err));
    if (exitCode != 0)
        return fail(tr("'%1' exited with code %2%3")
                            .arg(m_profile.program)
                            .arg(exitCode)
                            .arg(err.isEmpty() ? QString() : QStringLiteral(": ") + err));
    Q_EMIT output(m_profile.name, m_output);
    if (m_controller) {
        m_controller->openBytes(m_output, SnapshotSource::capture(m_profile.name));
        Q_EMIT captured(m_profile.name);
    }
}

void CaptureRunner::fail(const QString &message)
{
    if (m_stopping)
        return;
    Q_EMIT failed(m_profile.name, message);
}

} // namespace edgemap
