// The TLS probe: connect, then a handshake with the name clients use as SNI; the certificate's
// facts whatever the verification says (the errors are recorded, then ignored).
#include "probe/certificatecheck.h"
#include "probe/probejobs.h"

#include <QSslCipher>
#include <QSslConfiguration>
#include <QSslError>

namespace edgemap {

namespace {

QString protocolName(QSsl::SslProtocol protocol)
{
    switch (protocol) {
    case QSsl::TlsV1_2:
        return QStringLiteral("TLS 1.2");
    case QSsl::TlsV1_3:
        return QStringLiteral("TLS 1.3");
    default:
        break;
    }
    return QStringLiteral("older than TLS 1.2");
}

// The errors the checks word themselves (the name, the dates); the others say the chain is not
// trusted from here.
bool isTrustError(QSslError::SslError error)
{
    return error != QSslError::HostNameMismatch && error != QSslError::CertificateExpired
           && error != QSslError::CertificateNotYetValid && error != QSslError::NoError;
}

} // namespace

void TlsProbe::start()
{
    m_clock.start();
    m_tls.peerName = m_result.target.tlsName;
    QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
    conf.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (!m_settings.caCertificates.isEmpty())
        conf.setCaCertificates(m_settings.caCertificates);
    m_socket.setSslConfiguration(conf);
    connect(&m_socket, &QSslSocket::connected, this, &TlsProbe::onConnected);
    connect(&m_socket, &QSslSocket::sslErrors, this, &TlsProbe::onSslErrors);
    connect(&m_socket, &QSslSocket::peerVerifyError, this, [this](const QSslError &error) {
        if (!error.certificate().isNull())
            m_seen = error.certificate();
    });
    connect(&m_socket, &QSslSocket::encrypted, this, [this] { complete({}); });
    connect(&m_socket, &QAbstractSocket::errorOccurred, this, &TlsProbe::onError);
    connect(&m_timer, &QTimer::timeout, this, &TlsProbe::onTimeout);
    m_timer.start(m_settings.timeoutMs);
    const quint16 port = quint16(m_result.target.port);
    if (m_tls.peerName.isEmpty())
        m_socket.connectToHostEncrypted(m_result.address, port);
    else
        m_socket.connectToHostEncrypted(m_result.address, port, m_tls.peerName);
}

void TlsProbe::onConnected()
{
    m_connectedAt = m_clock.elapsed();
    m_result.localAddress = m_socket.localAddress().toString();
    m_timer.start(m_settings.timeoutMs); // as long again for the handshake
}

void TlsProbe::onSslErrors(const QList<QSslError> &errors)
{
    for (const QSslError &e : errors) {
        m_tls.verificationErrors.append(e.errorString());
        if (isTrustError(e.error()))
            m_tls.trustErrors.append(e.errorString());
    }
    m_socket.ignoreSslErrors();
}

void TlsProbe::onError(QAbstractSocket::SocketError error)
{
    if (finished())
        return;
    if (m_connectedAt >= 0) {
        complete(m_socket.errorString());
        return;
    }
    const ProbeStatus status = statusOfSocketError(error);
    finish(status, status == ProbeStatus::Refused ? probetext::refused()
                                                  : probetext::unreachable(m_socket.errorString()));
}

void TlsProbe::onTimeout()
{
    if (m_connectedAt < 0) {
        finish(ProbeStatus::TimedOut, probetext::timedOut(m_settings.timeoutMs));
        return;
    }
    complete(QStringLiteral("the TLS handshake did not finish within %1 ms")
                     .arg(m_settings.timeoutMs));
}

// The handshake is over, completed (`failure` empty) or not: the facts, the findings, and the
// TCP outcome (open: the connection was made either way).
void TlsProbe::complete(const QString &failure)
{
    if (finished())
        return;
    m_tls.completed = failure.isEmpty();
    m_tls.failure = failure;
    m_tls.handshakeMs = m_clock.elapsed() - m_connectedAt;
    if (m_tls.completed) {
        m_tls.protocol = protocolName(m_socket.sessionProtocol());
        m_tls.cipher = m_socket.sessionCipher().name();
    }
    QSslCertificate certificate = m_socket.peerCertificate();
    if (certificate.isNull())
        certificate = m_seen;
    if (!certificate.isNull())
        m_tls.certificate = certcheck::factsOf(certificate, m_settings.now);
    m_result.tls = m_tls;
    m_result.findings = certcheck::findingsOf(m_tls, m_tls.peerName, m_settings.now);
    const QString tls = m_tls.completed ? QStringLiteral("%1 handshake in %2 ms")
                                                  .arg(m_tls.protocol)
                                                  .arg(m_tls.handshakeMs)
                                        : QStringLiteral("TLS handshake failed: %1").arg(failure);
    finish(ProbeStatus::Open, probetext::open(m_connectedAt) + QStringLiteral("; ") + tls);
}

} // namespace edgemap
