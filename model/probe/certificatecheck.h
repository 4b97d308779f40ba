#pragma once

#include "probe/proberesult.h"

#include <QDateTime>
#include <QList>
#include <QString>

class QSslCertificate;

// The checks on the certificates the TLS ports present: pure functions of what the handshake
// recorded, so that they are tested without a network.
namespace edgemap::certcheck {

// A certificate expiring within this many days is a warning.
inline constexpr int kExpiryWarningDays = 30;

// Whether the DNS name `pattern` (a SAN, or a subject common name) covers `name`, as RFC 6125
// 6.4 says: without case, trailing dots ignored; a wildcard only as the whole left-most label,
// standing for exactly one label, and never for a label right under a top-level domain
// ("*.com" covers nothing). "*.contoso.com" covers "sip.contoso.com", not "contoso.com" nor
// "a.sip.contoso.com"; partial wildcards ("s*.contoso.com") cover nothing.
bool nameMatches(const QString &pattern, const QString &name);

// Whether the certificate covers `name`: one of its DNS SANs does; the subject's common name
// counts only when the certificate has no DNS SAN (RFC 6125 6.4.4).
bool covers(const CertificateFacts &certificate, const QString &name);

// The facts of a certificate, with the days to its expiry counted from `now`.
CertificateFacts factsOf(const QSslCertificate &certificate, const QDateTime &now);

// The findings of one handshake at `now`: no certificate, the name clients use (`expectedName`,
// empty: not checked) not covered, expired or not yet valid (errors), expiring within
// kExpiryWarningDays (a warning), the chain not trusted from here (an error).
QList<TlsFinding> findingsOf(const TlsFacts &tls, const QString &expectedName,
                             const QDateTime &now);

// Every member of a pool presents the same certificate on its external interface (one
// certificate and private key for the pool, as Microsoft requires): among the results of a
// pool's external TLS ports that showed a certificate, the public key most of them show is the
// pool's; each result that shows another gets a PoolDiffers finding naming both keys.
void comparePoolKeys(QList<ProbeResult> &results);

} // namespace edgemap::certcheck
