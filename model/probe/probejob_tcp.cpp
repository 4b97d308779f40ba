// The probe base (timeout, single report) and the plain TCP connect.
#include "probe/probejobs.h"

namespace edgemap {

ProbeStatus statusOfSocketError(QAbstractSocket::SocketError error)
{
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        return ProbeStatus::Refused;
    case QAbstractSocket::SocketTimeoutError:
        return ProbeStatus::TimedOut;
    default:
        // NetworkError (no route, host or network unreachable), an address family this
        // computer lacks, an address it may not use: nothing reached the host.
        return ProbeStatus::Unreachable;
    }
}

TargetProbe::TargetProbe(const ProbeTarget &target, const ProbeSettings &settings, QObject *parent)
    : ProbeJob(parent)
    , m_settings(settings)
{
    m_result.target = target;
    m_result.address = target.host;
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer); // a coarse timer may fire 5% early
}

std::unique_ptr<TargetProbe> TargetProbe::make(const ProbeTarget &target,
                                               const ProbeSettings &settings, QObject *parent)
{
    if (target.via == ProbeVia::Name && target.host.isEmpty())
        return std::make_unique<NameProbe>(target, settings, parent);
    switch (target.protocol) {
    case ProbeProtocol::Tls:
        return std::make_unique<TlsProbe>(target, settings, parent);
    case ProbeProtocol::MsTurn:
        return std::make_unique<TurnProbe>(target, settings, parent);
    case ProbeProtocol::Tcp:
        break;
    }
    return std::make_unique<TcpProbe>(target, settings, parent);
}

void TargetProbe::cancel(const QString &reason)
{
    finish(ProbeStatus::Cancelled, reason);
}

void TargetProbe::finish(ProbeStatus status, const QString &detail)
{
    if (m_finished)
        return;
    m_finished = true;
    m_timer.stop();
    m_result.status = status;
    m_result.detail = detail;
    m_result.elapsedMs = m_connectedAt >= 0  ? m_connectedAt
                         : m_clock.isValid() ? m_clock.elapsed()
                                             : 0;
    stopSocket();
    Q_EMIT done();
}

namespace probetext {

QString open(qint64 ms)
{
    return QStringLiteral("open: connected in %1 ms").arg(ms);
}

QString refused()
{
    return QStringLiteral("refused: the host answered with a reset (nothing listens on the port, "
                          "or a firewall rejects the connection)");
}

QString timedOut(int ms)
{
    return QStringLiteral("timed out after %1 ms: no answer (a firewall drops the connection, or "
                          "the host is down)")
            .arg(ms);
}

QString unreachable(const QString &error)
{
    return QStringLiteral("unreachable: %1 (no route to the address from here)").arg(error);
}

} // namespace probetext

void TcpProbe::start()
{
    m_clock.start();
    connect(&m_socket, &QTcpSocket::connected, this, [this] {
        m_result.localAddress = m_socket.localAddress().toString();
        finish(ProbeStatus::Open, probetext::open(m_clock.elapsed()));
    });
    connect(&m_socket, &QAbstractSocket::errorOccurred, this,
            [this](QAbstractSocket::SocketError error) {
                const ProbeStatus status = statusOfSocketError(error);
                finish(status, status == ProbeStatus::Refused
                                       ? probetext::refused()
                                       : probetext::unreachable(m_socket.errorString()));
            });
    connect(&m_timer, &QTimer::timeout, this,
            [this] { finish(ProbeStatus::TimedOut, probetext::timedOut(m_settings.timeoutMs)); });
    m_timer.start(m_settings.timeoutMs);
    m_socket.connectToHost(QHostAddress(m_result.address), quint16(m_result.target.port));
}

} // namespace edgemap
