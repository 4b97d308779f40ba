// The MS-TURN probe: an Allocate request over UDP from an ephemeral port, repeated (with the same
// transaction id) until a reply with that id comes back, an ICMP port unreachable does, or the
// tries run out.
#include "probe/msturn.h"
#include "probe/probejobs.h"

#include <algorithm>

namespace edgemap {

void TurnProbe::start()
{
    m_clock.start();
    m_transactionId = msturn::newTransactionId();
    m_result.turn = TurnFacts{};
    m_tryTimer.setSingleShot(true);
    m_tryTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_tryTimer, &QTimer::timeout, this, &TurnProbe::onTryTimeout);
    connect(&m_socket, &QUdpSocket::readyRead, this, &TurnProbe::onReadyRead);
    connect(&m_socket, &QAbstractSocket::errorOccurred, this, &TurnProbe::onError);
    // A connected UDP socket: only its peer's datagrams arrive, and the system reports an ICMP
    // port unreachable from it as an error on the socket.
    connect(&m_socket, &QUdpSocket::connected, this, &TurnProbe::send);
    m_socket.connectToHost(QHostAddress(m_result.address), quint16(m_result.target.port));
}

void TurnProbe::send()
{
    if (finished())
        return;
    if (m_result.turn->tries == 0)
        m_result.localAddress = m_socket.localAddress().toString();
    ++m_result.turn->tries;
    m_socket.write(msturn::allocateRequest(m_transactionId));
    m_tryTimer.start(std::max(1, m_settings.timeoutMs / kTries));
}

void TurnProbe::onTryTimeout()
{
    if (finished())
        return;
    if (m_result.turn->tries < kTries) {
        send();
        return;
    }
    QString detail = QStringLiteral("no answer to %1 Allocate requests in %2 ms (a firewall drops "
                                    "UDP %3, or the A/V Edge service is down)")
                             .arg(m_result.turn->tries)
                             .arg(m_clock.elapsed())
                             .arg(m_result.target.port);
    if (m_result.turn->strayReplies > 0)
        detail += QStringLiteral("; %1 repl%2 with another transaction id ignored")
                          .arg(m_result.turn->strayReplies)
                          .arg(m_result.turn->strayReplies == 1 ? QStringLiteral("y")
                                                                : QStringLiteral("ies"));
    finish(ProbeStatus::NoAnswer, detail);
}

void TurnProbe::onReadyRead()
{
    // One datagram a notification, read without peeking first: on Linux an ICMP port unreachable
    // wakes the socket with nothing to read, and only the first read says so (a peek, as
    // hasPendingDatagrams() and receiveDatagram() make, takes the error and reports an empty
    // queue). The read reports it through errorOccurred (refused; NetworkError on some systems).
    // Not read on to the queue's end: there Linux says TemporaryError, which onError ignores, but
    // Windows says NetworkError ("Unable to receive a message"), which after a stray reply would
    // read as refused. The read arms the notification again, so a datagram still queued comes
    // with the next readyRead.
    if (finished())
        return;
    QByteArray buffer(kMaxDatagram, Qt::Uninitialized);
    const qint64 size = m_socket.readDatagram(buffer.data(), buffer.size());
    if (size < 0)
        return;
    const std::optional<msturn::Message> m
            = msturn::parse(QByteArrayView(buffer.constData(), size));
    if (!m || m->transactionId != m_transactionId) {
        ++m_result.turn->strayReplies;
        return;
    }
    m_result.turn->responseType = m->type;
    m_result.turn->errorCode = m->errorCode;
    m_result.turn->errorReason = m->errorReason;
    QString detail = QStringLiteral("answering: %1 in %2 ms")
                             .arg(msturn::describe(*m))
                             .arg(m_clock.elapsed());
    if (m->errorCode == 401)
        detail += QStringLiteral(" (the expected answer without credentials: the media relay is "
                                 "alive)");
    finish(ProbeStatus::Answering, detail);
}

void TurnProbe::onError(QAbstractSocket::SocketError error)
{
    if (finished() || error == QAbstractSocket::TemporaryError)
        return;
    if (error == QAbstractSocket::ConnectionRefusedError
        || (error == QAbstractSocket::NetworkError && m_result.turn->tries > 0)) {
        refused();
        return;
    }
    finish(statusOfSocketError(error), probetext::unreachable(m_socket.errorString()));
}

void TurnProbe::refused()
{
    finish(ProbeStatus::Refused,
           QStringLiteral("refused: an ICMP port unreachable came back (nothing listens on UDP "
                          "%1, or a firewall rejects it)")
                   .arg(m_result.target.port));
}

} // namespace edgemap
