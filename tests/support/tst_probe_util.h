// What the probe tests run against, all on loopback (127.0.0.0/8 on Linux: every address of it
// is this computer's, so each test takes a block of its own): topologies whose addresses are in
// the block, TCP servers that accept, refuse (a closed port) or never answer (a full backlog
// that is never accepted from: the system drops further SYNs), MS-TURN responders (a correct
// one, one that answers with another transaction id), a closed UDP port, TLS servers with
// certificates made by the openssl command at test time.
#pragma once

#include "probe/msturn.h"
#include "probe/proberunner.h"
#include "support/topologybuilder.h"

#include <QDateTime>
#include <QFile>
#include <QHash>
#include <QNetworkDatagram>
#include <QProcess>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QUdpSocket>

#include <memory>

namespace edgemap::probetest {

// The address plan of a test's block 127.B.0.0/16: internal 127.B.1.x, external 127.B.2.x,
// "public" (NAT) 127.B.3.x; member n has host 10 + n (external roles 20 apart).
inline testing::AddressPlan loopbackPlan(int block)
{
    testing::AddressPlan p;
    const QString prefix = QStringLiteral("127.%1.").arg(block);
    p.internalPrefix = prefix + QStringLiteral("1.");
    p.externalPrefix = prefix + QStringLiteral("2.");
    p.publicPrefix = prefix + QStringLiteral("3.");
    return p;
}

inline Listener *listenerOf(Topology &t, const QString &id)
{
    for (EdgePool &pool : t.pools)
        for (EdgeServer &server : pool.servers)
            for (Listener &l : server.listeners)
                if (l.id.value() == id)
                    return &l;
    qFatal("no listener %s", qPrintable(id));
    return nullptr;
}

inline QString addressOf(const Topology &t, const QString &listenerId)
{
    const Listener *l = t.listener(ListenerId(listenerId));
    const Address *a = l ? t.address(l->address) : nullptr;
    return a ? a->ip : QString();
}

// Turns every listener off but those a test places: a probe goes only where a test server is.
inline void disableAll(Topology &t)
{
    for (EdgePool &pool : t.pools)
        for (EdgeServer &server : pool.servers)
            for (Listener &l : server.listeners)
                l.enabled = false;
}

// Moves a listener to `port` (a test server's) and turns it on.
inline void place(Topology &t, const QString &listenerId, int port)
{
    Listener *l = listenerOf(t, listenerId);
    l->port = l->portEnd = port;
    l->enabled = true;
}

// Sets the FQDN every external address with `role` publishes.
inline void publish(Topology &t, AddressRole role, const QString &fqdn)
{
    for (EdgePool &pool : t.pools)
        for (EdgeServer &server : pool.servers)
            for (NetInterface &nic : server.interfaces)
                for (Address &a : nic.addresses)
                    if (a.roles.contains(role))
                        a.fqdn = fqdn;
}

// A port nothing listens on: bound, then closed (the system refuses connections to it).
inline int closedTcpPort(const QString &address)
{
    QTcpServer s;
    if (!s.listen(QHostAddress(address), 0))
        qFatal("cannot listen on %s", qPrintable(address));
    return s.serverPort();
}

inline int closedUdpPort(const QString &address)
{
    QUdpSocket s;
    if (!s.bind(QHostAddress(address), 0))
        qFatal("cannot bind %s", qPrintable(address));
    return s.localPort();
}

// Whether a UDP socket bound to `address` sends from it, so that its replies reach a socket
// connected to it (as the MS-TURN probe's is). Wine binds a UDP socket on an address no interface
// has (127.77.1.11: Linux's lo has 127.0.0.1 only) to 0.0.0.0 and drops the source address given
// with a datagram: its replies leave from 127.0.0.1 and the connected socket discards them.
inline bool udpRepliesFrom(const QString &address)
{
    static QHash<QString, bool> known;
    if (const auto it = known.constFind(address); it != known.constEnd())
        return *it;
    QUdpSocket server;
    QUdpSocket client;
    bool ok = server.bind(QHostAddress(address), 0);
    if (ok) {
        client.connectToHost(QHostAddress(address), server.localPort());
        ok = client.waitForConnected(1000) && client.write("?") == 1
             && server.waitForReadyRead(1000);
    }
    if (ok) {
        const QNetworkDatagram d = server.receiveDatagram();
        server.writeDatagram(QByteArray("!"), d.senderAddress(), quint16(d.senderPort()));
        ok = client.waitForReadyRead(1000);
    }
    known.insert(address, ok);
    return ok;
}

// The address a test's UDP server for `listenerId` binds: the listener's, or where replies from
// it would not arrive (see udpRepliesFrom), 127.0.0.1, where the listener's address (and every
// listener on it) moves.
inline QString udpAddress(Topology &t, const QString &listenerId)
{
    const AddressId id = listenerOf(t, listenerId)->address;
    for (EdgePool &pool : t.pools)
        for (EdgeServer &server : pool.servers)
            for (NetInterface &nic : server.interfaces)
                for (Address &a : nic.addresses)
                    if (a.id == id) {
                        if (!udpRepliesFrom(a.ip))
                            a.ip = QStringLiteral("127.0.0.1");
                        return a.ip;
                    }
    qFatal("no address for %s", qPrintable(listenerId));
    return {};
}

// Whether the system reports an ICMP port unreachable to a connected UDP socket as a refusal
// (Linux and Windows do; Wine keeps the error to itself, the socket hears nothing).
inline bool udpRefusalsReported(const QString &address)
{
    QUdpSocket client;
    client.connectToHost(QHostAddress(address), quint16(closedUdpPort(address)));
    if (!client.waitForConnected(1000) || client.write("?") != 1 || !client.waitForReadyRead(1000))
        return false;
    char c = 0;
    // Qt says refused, or NetworkError on some systems (as the probe itself handles).
    return client.readDatagram(&c, 1) < 0
           && (client.error() == QAbstractSocket::ConnectionRefusedError
               || client.error() == QAbstractSocket::NetworkError);
}

// A port that never answers: a listening socket with a backlog of 0 whose one queued connection
// is never accepted. The system drops every SYN after it, so connects time out (as through a
// firewall that drops them).
class FilteredPort
{
public:
    explicit FilteredPort(const QString &address)
    {
        m_server.setListenBacklogSize(0);
        if (!m_server.listen(QHostAddress(address), 0))
            qFatal("cannot listen on %s", qPrintable(address));
        m_server.pauseAccepting();
        m_filler.connectToHost(QHostAddress(address), m_server.serverPort());
        if (!m_filler.waitForConnected(2000))
            qFatal("cannot fill the backlog of %s", qPrintable(address));
    }
    int port() const { return m_server.serverPort(); }

private:
    QTcpServer m_server;
    QTcpSocket m_filler;
};

// A TCP server that accepts and keeps what each connection sent (a probe sends nothing).
class OpenPort : public QObject
{
public:
    explicit OpenPort(const QString &address)
    {
        if (!m_server.listen(QHostAddress(address), 0))
            qFatal("cannot listen on %s", qPrintable(address));
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                ++m_connections;
                QObject::connect(s, &QTcpSocket::readyRead, this,
                                 [this, s] { m_received += s->readAll(); });
            }
        });
    }
    int port() const { return m_server.serverPort(); }
    int connections() const { return m_connections; }
    QByteArray received() const { return m_received; }

private:
    QTcpServer m_server;
    int m_connections = 0;
    QByteArray m_received;
};

// A UDP responder of the A/V Edge's kind: every well-formed Allocate request (Magic Cookie
// first) gets a 401 Allocate error response, with the request's transaction id or, as a broken
// relay or a stray sender would, another one.
class TurnResponder : public QObject
{
public:
    enum class Mode { Answer, WrongTransactionId };

    TurnResponder(const QString &address, Mode mode)
        : m_mode(mode)
    {
        if (!m_socket.bind(QHostAddress(address), 0))
            qFatal("cannot bind %s", qPrintable(address));
        QObject::connect(&m_socket, &QUdpSocket::readyRead, this, [this] { answer(); });
    }
    int port() const { return m_socket.localPort(); }
    int requests() const { return m_requests; }

private:
    void answer()
    {
        while (m_socket.hasPendingDatagrams()) {
            const QNetworkDatagram d = m_socket.receiveDatagram();
            const std::optional<msturn::Message> m = msturn::parse(d.data());
            if (!m || m->type != msturn::kAllocateRequest || !m->magicCookieFirst)
                continue;
            ++m_requests;
            const QByteArray id
                    = m_mode == Mode::Answer ? m->transactionId : msturn::newTransactionId();
            // To the sender's address and port (QNetworkDatagram::makeReply's reply, sent with
            // the request's destination as its source, does not arrive on loopback here).
            m_socket.writeDatagram(
                    msturn::allocateErrorResponse(id, 401, QStringLiteral("Unauthorized")),
                    d.senderAddress(), quint16(d.senderPort()));
        }
    }

    Mode m_mode;
    QUdpSocket m_socket;
    int m_requests = 0;
};

// Certificates made at test time with the openssl command: a test CA, leaves it issues with the
// names and dates a test asks for, self-signed ones. ok() is false (with why) without openssl.
class TestPki
{
public:
    struct Issued
    {
        QSslCertificate certificate;
        QSslKey key;
    };

    TestPki()
    {
        m_openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
        if (m_openssl.isEmpty()) {
            m_error = QStringLiteral("the openssl command is not installed");
            return;
        }
        write(QStringLiteral("index.txt"), {});
        write(QStringLiteral("serial"), "1000\n");
        write(QStringLiteral("ca.cnf"),
              QStringLiteral(
                      "[ca]\ndefault_ca = test\n[test]\ndir = %1\ndatabase = $dir/index.txt\n"
                      "new_certs_dir = $dir\ncertificate = $dir/ca.pem\nprivate_key = "
                      "$dir/ca.key\nserial = $dir/serial\ndefault_md = sha256\npolicy = "
                      "any\nunique_subject = no\n[any]\ncommonName = supplied\n")
                      .arg(m_dir.path())
                      .toUtf8());
        if (!run({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                  QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                  QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                  QStringLiteral("-keyout"), path(QStringLiteral("ca.key")), QStringLiteral("-out"),
                  path(QStringLiteral("ca.pem")), QStringLiteral("-subj"),
                  QStringLiteral("/CN=EdgeMap Test CA"), QStringLiteral("-days"),
                  QStringLiteral("3650"), QStringLiteral("-addext"),
                  QStringLiteral("basicConstraints=critical,CA:TRUE"), QStringLiteral("-addext"),
                  QStringLiteral("keyUsage=critical,keyCertSign,cRLSign")}))
            return;
        m_ca = QSslCertificate::fromPath(path(QStringLiteral("ca.pem"))).value(0);
    }

    bool ok() const { return m_error.isEmpty() && !m_ca.isNull(); }
    QString error() const { return m_error; }
    QSslCertificate ca() const { return m_ca; }

    // A leaf the CA signs: subject `cn`, DNS SANs, valid from `notBefore` to `notAfter`; an RSA
    // key of `rsaBits` bits, or EC P-256 when 0.
    Issued issue(const QString &cn, const QStringList &sans, const QDateTime &notBefore,
                 const QDateTime &notAfter, int rsaBits = 0)
    {
        const QString name = QStringLiteral("leaf%1").arg(++m_count);
        if (!newKey(name, cn, rsaBits))
            return Issued();
        QString ext = QStringLiteral("basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth,"
                                     "clientAuth\n");
        if (!sans.isEmpty())
            ext += QStringLiteral("subjectAltName=DNS:") + sans.join(QStringLiteral(",DNS:"))
                   + QLatin1Char('\n');
        write(name + QStringLiteral(".ext"), ext.toUtf8());
        const auto stamp = [](const QDateTime &t) -> QString {
            return t.toUTC().toString(QStringLiteral("yyyyMMddHHmmss")) + QLatin1Char('Z');
        };
        if (!run({QStringLiteral("ca"), QStringLiteral("-batch"), QStringLiteral("-notext"),
                  QStringLiteral("-config"), path(QStringLiteral("ca.cnf")), QStringLiteral("-in"),
                  path(name + QStringLiteral(".csr")), QStringLiteral("-out"),
                  path(name + QStringLiteral(".pem")), QStringLiteral("-startdate"),
                  stamp(notBefore), QStringLiteral("-enddate"), stamp(notAfter),
                  QStringLiteral("-extfile"), path(name + QStringLiteral(".ext"))}))
            return Issued();
        return load(name, rsaBits);
    }

    // A leaf valid for a year around now.
    Issued valid(const QString &cn, const QStringList &sans, int rsaBits = 0)
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        return issue(cn, sans, now.addDays(-10), now.addDays(365), rsaBits);
    }

    Issued selfSigned(const QString &cn)
    {
        const QString name = QStringLiteral("self%1").arg(++m_count);
        if (!run({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                  QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                  QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                  QStringLiteral("-keyout"), path(name + QStringLiteral(".key")),
                  QStringLiteral("-out"), path(name + QStringLiteral(".pem")),
                  QStringLiteral("-subj"), QStringLiteral("/CN=") + cn, QStringLiteral("-days"),
                  QStringLiteral("365"), QStringLiteral("-addext"),
                  QStringLiteral("subjectAltName=DNS:") + cn}))
            return Issued();
        return load(name, 0);
    }

    QString caPath() const { return path(QStringLiteral("ca.pem")); }

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }

    void write(const QString &name, const QByteArray &bytes)
    {
        QFile f(path(name));
        if (f.open(QIODevice::WriteOnly))
            f.write(bytes);
    }

    bool newKey(const QString &name, const QString &cn, int rsaBits)
    {
        QStringList args{QStringLiteral("req"), QStringLiteral("-newkey")};
        if (rsaBits > 0)
            args << QStringLiteral("rsa:%1").arg(rsaBits);
        else
            args << QStringLiteral("ec") << QStringLiteral("-pkeyopt")
                 << QStringLiteral("ec_paramgen_curve:prime256v1");
        args << QStringLiteral("-nodes") << QStringLiteral("-keyout")
             << path(name + QStringLiteral(".key")) << QStringLiteral("-out")
             << path(name + QStringLiteral(".csr")) << QStringLiteral("-subj")
             << QStringLiteral("/CN=") + cn;
        return run(args);
    }

    Issued load(const QString &name, int rsaBits) const
    {
        QFile key(path(name + QStringLiteral(".key")));
        if (!key.open(QIODevice::ReadOnly))
            return Issued();
        return {QSslCertificate::fromPath(path(name + QStringLiteral(".pem"))).value(0),
                QSslKey(key.readAll(), rsaBits > 0 ? QSsl::Rsa : QSsl::Ec)};
    }

    bool run(const QStringList &args)
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(m_openssl, args);
        if (!p.waitForFinished(30000) || p.exitCode() != 0) {
            m_error = QStringLiteral("openssl %1 failed: %2")
                              .arg(args.join(QLatin1Char(' ')),
                                   QString::fromLocal8Bit(p.readAllStandardOutput()));
            return false;
        }
        return true;
    }

    QTemporaryDir m_dir;
    QString m_openssl;
    QString m_error;
    QSslCertificate m_ca;
    int m_count = 0;
};

// A TLS server with `certificate`; with `requireClientCertificate` a handshake without one
// fails on its side (an MTLS port).
inline std::unique_ptr<QSslServer> tlsServer(const QString &address,
                                             const TestPki::Issued &certificate,
                                             bool requireClientCertificate = false)
{
    auto server = std::make_unique<QSslServer>();
    QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
    conf.setLocalCertificate(certificate.certificate);
    conf.setPrivateKey(certificate.key);
    conf.setPeerVerifyMode(requireClientCertificate ? QSslSocket::VerifyPeer
                                                    : QSslSocket::VerifyNone);
    server->setSslConfiguration(conf);
    if (!server->listen(QHostAddress(address), 0))
        qFatal("cannot listen on %s", qPrintable(address));
    return server;
}

// Runs a plan of `t` to its end (the test's event loop serves the test servers meanwhile).
inline ProbeRun probe(const Topology &t, const ProbePlanOptions &plan, ProbeOptions options = {})
{
    const ProbePlan p = buildProbePlan(t, plan);
    if (p.error.isError())
        qFatal("%s", qPrintable(p.error.toString()));
    return runProbes(p, options);
}

inline const ProbeResult *resultOf(const ProbeRun &run, const QString &listenerId)
{
    return run.worstResultOf(ListenerId(listenerId));
}

} // namespace edgemap::probetest
