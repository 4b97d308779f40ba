#include "probe/certificatecheck.h"

#include <QCryptographicHash>
#include <QHash>
#include <QSslCertificate>
#include <QSslKey>

#include <algorithm>

namespace edgemap::certcheck {

namespace {

QString canonical(const QString &name)
{
    QString n = name.trimmed().toLower();
    while (n.endsWith(QLatin1Char('.')))
        n.chop(1);
    return n;
}

QString firstOr(const QStringList &values, const QString &fallback)
{
    return values.isEmpty() || values.first().isEmpty() ? fallback : values.first();
}

QString algorithmName(QSsl::KeyAlgorithm algorithm)
{
    switch (algorithm) {
    case QSsl::Rsa:
        return QStringLiteral("RSA");
    case QSsl::Dsa:
        return QStringLiteral("DSA");
    case QSsl::Ec:
        return QStringLiteral("EC");
    case QSsl::Dh:
        return QStringLiteral("DH");
    case QSsl::Opaque:
        break;
    }
    return QStringLiteral("unknown");
}

// Whole days from `now` to `then`, rounded towards the past: -1 on the day after expiry.
int daysBetween(const QDateTime &now, const QDateTime &then)
{
    const qint64 secs = now.secsTo(then);
    constexpr qint64 kDay = 86400;
    return int(secs >= 0 ? secs / kDay : -((-secs + kDay - 1) / kDay));
}

QString date(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODate);
}

QString namesText(const CertificateFacts &c)
{
    return QStringLiteral("subject %1; SANs %2")
            .arg(c.subject.isEmpty() ? QStringLiteral("none") : c.subject,
                 c.sans.isEmpty() ? QStringLiteral("none") : c.sans.join(QStringLiteral(", ")));
}

TlsFinding finding(TlsFinding::Check check, TlsFinding::Severity severity, const QString &text)
{
    return {check, severity, text};
}

QString shortKey(const QString &digest)
{
    return digest.left(16) + QStringLiteral("…");
}

QString whoShows(const ProbeResult &r)
{
    return r.target.server.isEmpty() ? r.target.name : r.target.server.value();
}

} // namespace

bool nameMatches(const QString &pattern, const QString &name)
{
    const QString p = canonical(pattern);
    const QString n = canonical(name);
    if (p.isEmpty() || n.isEmpty())
        return false;
    if (!p.contains(QLatin1Char('*')))
        return p == n;
    // The wildcard is the whole left-most label, and at least two labels follow it.
    if (!p.startsWith(QLatin1String("*.")) || p.mid(2).contains(QLatin1Char('*'))
        || p.count(QLatin1Char('.')) < 2)
        return false;
    const qsizetype dot = n.indexOf(QLatin1Char('.'));
    return dot > 0 && n.mid(dot) == p.mid(1);
}

bool covers(const CertificateFacts &c, const QString &name)
{
    if (c.sans.isEmpty())
        return nameMatches(c.subject, name);
    return std::any_of(c.sans.cbegin(), c.sans.cend(),
                       [&](const QString &san) { return nameMatches(san, name); });
}

CertificateFacts factsOf(const QSslCertificate &certificate, const QDateTime &now)
{
    CertificateFacts f;
    f.subject = firstOr(certificate.subjectInfo(QSslCertificate::CommonName),
                        certificate.subjectDisplayName());
    // QMultiMap::values() gives the last inserted first: back to the certificate's order.
    f.sans = certificate.subjectAlternativeNames().values(QSsl::DnsEntry);
    std::reverse(f.sans.begin(), f.sans.end());
    f.issuer = firstOr(certificate.issuerInfo(QSslCertificate::CommonName),
                       certificate.issuerDisplayName());
    f.notBefore = certificate.effectiveDate().toUTC();
    f.notAfter = certificate.expiryDate().toUTC();
    f.daysToExpiry = daysBetween(now, f.notAfter);
    const QSslKey key = certificate.publicKey();
    if (!key.isNull()) {
        f.keyAlgorithm = algorithmName(key.algorithm());
        f.keyBits = key.length();
        f.publicKeySha256 = QString::fromLatin1(
                QCryptographicHash::hash(key.toDer(), QCryptographicHash::Sha256).toHex());
    }
    f.sha256 = QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex());
    f.selfSigned = certificate.isSelfSigned();
    return f;
}

QList<TlsFinding> findingsOf(const TlsFacts &tls, const QString &expectedName, const QDateTime &now)
{
    using Check = TlsFinding::Check;
    using Severity = TlsFinding::Severity;
    QList<TlsFinding> out;
    if (!tls.certificate) {
        out.append(finding(Check::NoCertificate, Severity::Error,
                           QStringLiteral("no certificate: the TLS handshake failed before the "
                                          "server showed one (%1)")
                                   .arg(tls.failure.isEmpty() ? QStringLiteral("no reason given")
                                                              : tls.failure)));
        return out;
    }
    const CertificateFacts &c = *tls.certificate;
    if (!expectedName.isEmpty() && !covers(c, expectedName))
        out.append(finding(Check::NameNotCovered, Severity::Error,
                           QStringLiteral("name not on the certificate: %1, the name clients use, "
                                          "is not covered (%2)")
                                   .arg(expectedName, namesText(c))));
    if (c.notAfter.isValid() && c.notAfter < now)
        out.append(finding(Check::Expired, Severity::Error,
                           QStringLiteral("expired on %1 (%2 days ago): clients refuse it; renew "
                                          "it")
                                   .arg(date(c.notAfter))
                                   .arg(-c.daysToExpiry)));
    else if (c.notAfter.isValid() && c.daysToExpiry < kExpiryWarningDays)
        out.append(finding(Check::ExpiresSoon, Severity::Warning,
                           QStringLiteral("expires on %1, in %2 days: renew it before then")
                                   .arg(date(c.notAfter))
                                   .arg(c.daysToExpiry)));
    if (c.notBefore.isValid() && c.notBefore > now)
        out.append(finding(Check::NotYetValid, Severity::Error,
                           QStringLiteral("not valid before %1: check the clocks of this computer "
                                          "and of the CA")
                                   .arg(date(c.notBefore))));
    if (!tls.trustErrors.isEmpty())
        out.append(finding(Check::Untrusted, Severity::Error,
                           QStringLiteral("chain untrusted from here (%1): clients that do not "
                                          "trust the issuer %2 refuse it")
                                   .arg(tls.trustErrors.join(QStringLiteral("; ")), c.issuer)));
    return out;
}

void comparePoolKeys(QList<ProbeResult> &results)
{
    const auto keyOf = [](const ProbeResult &r) -> QString {
        if (!r.target.externalInterface || !r.tls || !r.tls->certificate)
            return {};
        return r.tls->certificate->publicKeySha256;
    };
    // Per pool, the keys in the order first seen and how many results show each.
    QHash<PoolId, QStringList> order;
    QHash<PoolId, QHash<QString, int>> counts;
    for (const ProbeResult &r : results) {
        const QString key = keyOf(r);
        if (key.isEmpty())
            continue;
        if (!counts[r.target.pool].contains(key))
            order[r.target.pool].append(key);
        ++counts[r.target.pool][key];
    }
    // The pool's key: the one most results show, the first seen on a tie.
    QHash<PoolId, QString> poolKey;
    for (auto it = order.cbegin(); it != order.cend(); ++it) {
        const QHash<QString, int> &seen = counts.value(it.key());
        QString best = it.value().first();
        for (const QString &key : it.value())
            if (seen.value(key) > seen.value(best))
                best = key;
        poolKey.insert(it.key(), best);
    }
    for (ProbeResult &r : results) {
        const QString key = keyOf(r);
        const QString expected = poolKey.value(r.target.pool);
        if (key.isEmpty() || key == expected)
            continue;
        r.findings.append(finding(
                TlsFinding::Check::PoolDiffers, TlsFinding::Severity::Error,
                QStringLiteral("pool members differ: %1 presents another certificate on the "
                               "external interface (public key %2) than the rest of pool %3 "
                               "(%4); every member needs the same certificate and private key")
                        .arg(whoShows(r), shortKey(key), r.target.pool.value(),
                             shortKey(expected))));
    }
}

} // namespace edgemap::certcheck
