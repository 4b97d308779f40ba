// The probes themselves: one QObject per target or DNS record, driven by the event loop of the
// runner's thread (ProbeWorker). Each starts when asked, gives up after its timeout, can be
// cancelled, and reports exactly once through done(). Only Qt Network sockets, so that the same
// code runs on Windows (Schannel) and elsewhere (OpenSSL).
#pragma once

#include "probe/proberesult.h"

#include <QAbstractSocket>
#include <QByteArray>
#include <QDateTime>
#include <QDnsLookup>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>
#include <QUdpSocket>

#include <memory>

namespace edgemap {

// What every probe of a run shares.
struct ProbeSettings
{
    int timeoutMs = 3000;
    QHostAddress resolver;                 // null: the system's resolver
    QList<QSslCertificate> caCertificates; // empty: the system's trusted roots
    QDateTime now;                         // certificate expiry is counted from it
};

// What a socket error says about the path: refused (a reset came back), timed out, or
// unreachable (no route, an ICMP unreachable, an address this computer cannot use).
ProbeStatus statusOfSocketError(QAbstractSocket::SocketError error);

// A DNS record's check from what the resolver answered: `addresses` for an A/AAAA record,
// `services` ("priority weight port target", as DnsCheckResult::answers) for an SRV record.
// Missing when there is no answer; for SRV a wrong target (no answer names the expected host)
// or a wrong port (one does, on another port); for A/AAAA a wrong address.
DnsCheckResult judgeDnsAnswer(const DnsRecord &expected, const QStringList &answers);

// The words of the socket outcomes, shared by the TCP, TLS and name probes.
namespace probetext {
QString open(qint64 ms);
QString refused();
QString timedOut(int ms);
QString unreachable(const QString &error);
} // namespace probetext

class ProbeJob : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    virtual void start() = 0;
    // Stops the probe; it reports once more through done() (as cancelled, with `reason`).
    virtual void cancel(const QString &reason) = 0;

Q_SIGNALS:
    void done();
};

// A probe of one target, whose outcome is a ProbeResult.
class TargetProbe : public ProbeJob
{
    Q_OBJECT

public:
    TargetProbe(const ProbeTarget &target, const ProbeSettings &settings, QObject *parent);

    const ProbeResult &result() const { return m_result; }

    // The probe for the target's protocol (a name target resolves first).
    static std::unique_ptr<TargetProbe> make(const ProbeTarget &target,
                                             const ProbeSettings &settings, QObject *parent);

    void cancel(const QString &reason) override;

protected:
    // Records the outcome, stops the timer and the socket (stopSocket), and reports done().
    void finish(ProbeStatus status, const QString &detail);
    bool finished() const { return m_finished; }
    virtual void stopSocket() {}

    ProbeSettings m_settings;
    ProbeResult m_result;
    QElapsedTimer m_clock;
    QTimer m_timer;
    // When the connection was made (TLS: before the handshake), the result's time; -1 until
    // then, and the time of the give-up is the result's.
    qint64 m_connectedAt = -1;

private:
    bool m_finished = false;
};

// TCP: open, refused, timed out or unreachable.
class TcpProbe : public TargetProbe
{
    Q_OBJECT

public:
    using TargetProbe::TargetProbe;
    void start() override;

private:
    void stopSocket() override { m_socket.abort(); }

    QTcpSocket m_socket;
};

// TCP, then a TLS handshake with SNI: the certificate's facts and findings. Verification errors
// are recorded and ignored, so that the certificate is read whatever they are.
class TlsProbe : public TargetProbe
{
    Q_OBJECT

public:
    using TargetProbe::TargetProbe;
    void start() override;

private:
    void onConnected();
    void onSslErrors(const QList<QSslError> &errors);
    void onError(QAbstractSocket::SocketError error);
    void onTimeout();
    void complete(const QString &failure);
    void stopSocket() override { m_socket.abort(); }

    QSslSocket m_socket;
    TlsFacts m_tls;
    QSslCertificate m_seen; // the last certificate a verification error named
};

// MS-TURN over UDP: an Allocate request, up to kTries times within the timeout.
class TurnProbe : public TargetProbe
{
    Q_OBJECT

public:
    static constexpr int kTries = 3;
    static constexpr int kMaxDatagram = 65536;

    using TargetProbe::TargetProbe;
    void start() override;

private:
    void send();
    void onReadyRead();
    void onError(QAbstractSocket::SocketError error);
    void onTryTimeout();
    void refused();
    void stopSocket() override
    {
        m_tryTimer.stop();
        m_socket.abort();
    }

    QUdpSocket m_socket;
    QByteArray m_transactionId;
    QTimer m_tryTimer;
};

// A name target: resolves the name (A, then AAAA), then probes its first address as a client
// would, with the probe its protocol calls for.
class NameProbe : public TargetProbe
{
    Q_OBJECT

public:
    using TargetProbe::TargetProbe;
    void start() override;
    void cancel(const QString &reason) override;

private:
    void lookup(QDnsLookup::Type type);
    void onLookup();
    void onProbed();

    std::unique_ptr<QDnsLookup> m_lookup;
    std::unique_ptr<TargetProbe> m_probe;
    QStringList m_resolved;
    bool m_lookupTimedOut = false;
};

// One DNS record resolved and compared with what the topology says it should be.
class DnsCheck : public ProbeJob
{
    Q_OBJECT

public:
    DnsCheck(const DnsRecord &record, const ProbeSettings &settings, QObject *parent);

    const DnsCheckResult &result() const { return m_result; }

    void start() override;
    void cancel(const QString &reason) override;

private:
    void onFinished();
    void report(DnsCheckResult result);

    DnsRecord m_record;
    ProbeSettings m_settings;
    DnsCheckResult m_result;
    QDnsLookup m_lookup;
    QElapsedTimer m_clock;
    QTimer m_timer;
    bool m_finished = false;
};

} // namespace edgemap
