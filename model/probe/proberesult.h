#pragma once

#include "probe/probeplan.h"
#include "reports/dnsrecords.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace edgemap {

// What one probe found. TCP: open, refused (the host answered with a reset: nothing listens, or
// a firewall rejects), timed out (filtered, or the host is down), unreachable (no route, or an
// ICMP unreachable). MS-TURN over UDP: answering, no answer, refused (an ICMP port unreachable).
enum class ProbeStatus {
    NotProbed, // not started (the run ended first)
    Open,
    Refused,
    TimedOut,
    Unreachable,
    Answering,
    NoAnswer,
    Unresolved, // a name target whose name did not resolve
    Cancelled,  // stopped by the user or by the run's overall timeout
};

QString keyOf(ProbeStatus status); // "open", "refused", "timed-out", ...
QString displayName(ProbeStatus status);
// Open or answering: something at the address took the connection or answered the request.
bool isReachable(ProbeStatus status);

// What the certificate a TLS port presented says.
struct CertificateFacts
{
    QString subject;     // the subject's common name, else its display name
    QStringList sans;    // the DNS names of the subject alternative name extension
    QString issuer;      // the issuer's common name, else its display name
    QDateTime notBefore; // UTC
    QDateTime notAfter;
    int daysToExpiry = 0; // whole days from the run to notAfter, negative once expired
    QString keyAlgorithm; // "RSA", "EC", "DSA", "DH"
    int keyBits = 0;
    QString publicKeySha256; // hex digest of the public key: pool members must share it
    QString sha256;          // the certificate's fingerprint, hex
    bool selfSigned = false;
};

// A TLS handshake: how far it went and what it showed.
struct TlsFacts
{
    QString peerName; // the SNI sent and the name verified
    bool completed = false;
    QString protocol; // "TLS 1.3"; empty when the handshake did not complete
    QString cipher;
    qint64 handshakeMs = 0;
    QStringList verificationErrors; // as the TLS library words them; kept going past them
    // The verification errors but those about the name and the validity dates (which the
    // checks report in their own words): none when the chain leads to a root trusted here.
    QStringList trustErrors;
    QString failure; // why the handshake failed; empty when it completed
    std::optional<CertificateFacts> certificate; // none when no certificate was received
};

// A certificate finding: the name clients use is not on it, it has expired or soon will, the
// chain is not trusted from here, the pool's members differ, or no certificate was shown.
struct TlsFinding
{
    enum class Check {
        NameNotCovered,
        Expired,
        NotYetValid,
        ExpiresSoon,
        Untrusted,
        PoolDiffers,
        NoCertificate
    };
    enum class Severity { Warning, Error };
    Check check = Check::Untrusted;
    Severity severity = Severity::Error;
    QString text; // in the admin's words
};

QString keyOf(TlsFinding::Check check);       // "name-not-covered", "expired", ...
QString keyOf(TlsFinding::Severity severity); // "warning", "error"

// An MS-TURN Allocate exchange.
struct TurnFacts
{
    int tries = 0;        // requests sent (the same transaction id each time)
    int strayReplies = 0; // replies with another transaction id: not an answer
    int responseType = 0; // the answer's message type (0x0113: Allocate error response)
    int errorCode = 0;    // the answer's error code (401 without credentials), 0 when none
    QString errorReason;
};

// One target probed: plain values, so that the GUI thread can keep and show them.
struct ProbeResult
{
    ProbeTarget target;
    QString address;      // the address probed: target.host, or the first address of the name
    QStringList resolved; // a name target: every address its name resolved to
    ProbeStatus status = ProbeStatus::NotProbed;
    qint64 elapsedMs = 0; // until the connection, the answer, or the give-up
    QString detail;       // in the admin's words
    QString localAddress; // the address this computer probed from (once connected)
    std::optional<TlsFacts> tls;
    std::optional<TurnFacts> turn;
    QList<TlsFinding> findings; // certificate problems (including pool-wide ones)
};

// One DNS record checked against what the resolver answers.
struct DnsCheckResult
{
    enum class Status { Ok, Missing, WrongTarget, WrongPort, WrongAddress, Failed, Cancelled };
    DnsRecord expected;
    Status status = Status::Cancelled;
    QStringList answers; // "203.0.113.10", "0 0 443 sip.contoso.com"
    QString detail;
    qint64 elapsedMs = 0;
};

QString keyOf(DnsCheckResult::Status status); // "ok", "missing", "wrong-target", ...
QString displayName(DnsCheckResult::Status status);

// A whole run: its facts (where from, when, which side, which resolver) and every result.
struct ProbeRun
{
    ProbeSide side = ProbeSide::Inside;
    QString hostName;           // this computer
    QStringList localAddresses; // its addresses (loopback only when it has no other)
    QDateTime started;          // UTC
    QDateTime finished;
    QString resolver; // "system", or the address of the resolver the user named
    int timeoutMs = 0;
    int parallel = 0;
    bool cancelled = false;     // by the user
    bool timedOut = false;      // the overall timeout passed
    QList<ProbeResult> results; // in plan order
    QList<SkippedListener> skipped;
    QList<DnsCheckResult> dns; // in plan order

    // The results of a listener's targets (several for a range, or for all-interface binds).
    QList<const ProbeResult *> resultsOf(const ListenerId &listener) const;
    // The one that says most about the listener: the first not reachable, else the first.
    const ProbeResult *worstResultOf(const ListenerId &listener) const;
};

} // namespace edgemap

Q_DECLARE_METATYPE(edgemap::ProbeResult)
Q_DECLARE_METATYPE(edgemap::DnsCheckResult)
Q_DECLARE_METATYPE(edgemap::ProbeRun)
