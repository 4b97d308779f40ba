// The probes' pure parts, without a network: the MS-TURN messages (framing, transaction id,
// Magic Cookie first, MS-Version, the error code read back), the certificate checks (RFC 6125
// names and wildcards, expiry, trust, the pool's one certificate), the DNS comparison and what
// socket errors say about the path.
#include "probe/certificatecheck.h"
#include "probe/msturn.h"
#include "probe/probejobs.h"

#include <QTest>
#include <QtEndian>

using namespace edgemap;
using namespace Qt::StringLiterals;

namespace {

const QDateTime kNow = QDateTime(QDate(2025, 6, 1), QTime(12, 0), Qt::UTC);

CertificateFacts certificate(const QStringList &sans, int daysLeft, const QString &key = u"k1"_s)
{
    CertificateFacts c;
    c.subject = sans.value(0);
    c.sans = sans;
    c.issuer = u"Contoso CA"_s;
    c.notBefore = kNow.addDays(-300);
    c.notAfter = kNow.addDays(daysLeft);
    c.daysToExpiry = daysLeft;
    c.publicKeySha256 = key;
    return c;
}

TlsFacts handshake(const CertificateFacts &c, const QStringList &trustErrors = {})
{
    TlsFacts t;
    t.completed = true;
    t.certificate = c;
    t.trustErrors = trustErrors;
    return t;
}

QList<TlsFinding::Check> checks(const QList<TlsFinding> &findings)
{
    QList<TlsFinding::Check> out;
    for (const TlsFinding &f : findings)
        out.append(f.check);
    return out;
}

ProbeResult external(const QString &server, const QString &key, const QString &pool = u"p1"_s)
{
    ProbeResult r;
    r.target.server = ServerId(server);
    r.target.pool = PoolId(pool);
    r.target.externalInterface = true;
    r.tls = handshake(certificate({u"sip.contoso.com"_s}, 200, key));
    return r;
}

DnsRecord record(const QString &type, const QString &name, const QString &target, int port = 0)
{
    DnsRecord r;
    r.type = type;
    r.name = name;
    r.target = target;
    r.port = port;
    return r;
}

} // namespace

class TstProbeChecks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void allocateRequestIsFramedAsMsTurn();
    void repliesAreReadBack();
    void malformedDatagramsAreNoMessage_data();
    void malformedDatagramsAreNoMessage();
    void nameMatching_data();
    void nameMatching();
    void subjectCountsOnlyWithoutSans();
    void certificateFindings_data();
    void certificateFindings();
    void poolMembersMustShareTheKey();
    void dnsAnswers_data();
    void dnsAnswers();
    void socketErrors();
};

void TstProbeChecks::allocateRequestIsFramedAsMsTurn()
{
    const QByteArray id = msturn::newTransactionId();
    QCOMPARE(id.size(), 16);
    QVERIFY(id != msturn::newTransactionId());
    const QByteArray m = msturn::allocateRequest(id);
    QCOMPARE(m.size(), 20 + 8 + 8);
    QCOMPARE(qFromBigEndian<quint16>(m.constData()), quint16(0x0003)); // Allocate request
    QCOMPARE(qFromBigEndian<quint16>(m.constData() + 2), quint16(16)); // attributes' length
    QCOMPARE(m.mid(4, 16), id);                                        // no RFC 5389 cookie
    // Magic Cookie first, then MS-Version.
    QCOMPARE(qFromBigEndian<quint16>(m.constData() + 20), quint16(0x000F));
    QCOMPARE(qFromBigEndian<quint16>(m.constData() + 22), quint16(4));
    QCOMPARE(qFromBigEndian<quint32>(m.constData() + 24), quint32(0x72C64BC6));
    QCOMPARE(qFromBigEndian<quint16>(m.constData() + 28), quint16(0x8008));
    QCOMPARE(qFromBigEndian<quint32>(m.constData() + 32), msturn::kMsVersion);
    const std::optional<msturn::Message> parsed = msturn::parse(m);
    QVERIFY(parsed);
    QCOMPARE(parsed->type, msturn::kAllocateRequest);
    QCOMPARE(parsed->transactionId, id);
    QVERIFY(parsed->magicCookieFirst);
}

void TstProbeChecks::repliesAreReadBack()
{
    const QByteArray id = msturn::newTransactionId();
    const QByteArray reply = msturn::allocateErrorResponse(id, 401, u"Unauthorized"_s);
    const std::optional<msturn::Message> m = msturn::parse(reply);
    QVERIFY(m);
    QCOMPARE(m->type, msturn::kAllocateErrorResponse);
    QCOMPARE(m->transactionId, id);
    QCOMPARE(m->errorCode, 401);
    QCOMPARE(m->errorReason, u"Unauthorized"_s);
    QVERIFY(m->magicCookieFirst);
    QCOMPARE(msturn::describe(*m), u"Allocate error response 401 Unauthorized"_s);
}

void TstProbeChecks::malformedDatagramsAreNoMessage_data()
{
    QTest::addColumn<QByteArray>("datagram");
    const QByteArray good = msturn::allocateRequest(msturn::newTransactionId());
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("short header") << good.left(19);
    QTest::newRow("length too long") << good.left(30);
    QTest::newRow("trailing byte") << good + '\0';
    QByteArray overrun = good;
    overrun[22] = char(0x7F); // the first attribute claims to run past the end
    QTest::newRow("attribute overrun") << overrun;
}

void TstProbeChecks::malformedDatagramsAreNoMessage()
{
    QFETCH(QByteArray, datagram);
    QVERIFY(!msturn::parse(datagram).has_value());
}

void TstProbeChecks::nameMatching_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("covers");
    QTest::newRow("exact") << u"sip.contoso.com"_s << u"sip.contoso.com"_s << true;
    QTest::newRow("case and trailing dot") << u"SIP.Contoso.com."_s << u"sip.contoso.COM"_s << true;
    QTest::newRow("other name") << u"sip.contoso.com"_s << u"webconf.contoso.com"_s << false;
    QTest::newRow("wildcard, one label") << u"*.contoso.com"_s << u"sip.contoso.com"_s << true;
    QTest::newRow("wildcard, not the bare domain")
            << u"*.contoso.com"_s << u"contoso.com"_s << false;
    QTest::newRow("wildcard, one label only")
            << u"*.contoso.com"_s << u"a.sip.contoso.com"_s << false;
    QTest::newRow("wildcard, not under a TLD") << u"*.com"_s << u"contoso.com"_s << false;
    QTest::newRow("partial wildcard") << u"s*.contoso.com"_s << u"sip.contoso.com"_s << false;
    QTest::newRow("wildcard not left-most") << u"sip.*.com"_s << u"sip.contoso.com"_s << false;
    QTest::newRow("two wildcards") << u"*.*.com"_s << u"sip.contoso.com"_s << false;
    QTest::newRow("empty") << QString() << u"sip.contoso.com"_s << false;
}

void TstProbeChecks::nameMatching()
{
    QFETCH(QString, pattern);
    QFETCH(QString, name);
    QFETCH(bool, covers);
    QCOMPARE(certcheck::nameMatches(pattern, name), covers);
}

// RFC 6125 6.4.4: the subject's CN is a fallback only when no DNS SAN is present.
void TstProbeChecks::subjectCountsOnlyWithoutSans()
{
    CertificateFacts c = certificate({u"webconf.contoso.com"_s}, 100);
    c.subject = u"sip.contoso.com"_s;
    QVERIFY(!certcheck::covers(c, u"sip.contoso.com"_s));
    c.sans.clear();
    QVERIFY(certcheck::covers(c, u"sip.contoso.com"_s));
}

void TstProbeChecks::certificateFindings_data()
{
    QTest::addColumn<TlsFacts>("tls");
    QTest::addColumn<QList<TlsFinding::Check>>("expected");
    QTest::addColumn<QString>("words");
    using C = TlsFinding::Check;
    const QStringList names{u"sip.contoso.com"_s, u"webconf.contoso.com"_s};
    QTest::newRow("fine") << handshake(certificate(names, 200)) << QList<C>() << QString();
    QTest::newRow("name not covered")
            << handshake(certificate({u"webconf.contoso.com"_s}, 200))
            << QList<C>{C::NameNotCovered}
            << u"name not on the certificate: sip.contoso.com, the name clients use, is not "
               "covered (subject webconf.contoso.com; SANs webconf.contoso.com)"_s;
    QTest::newRow("expires in 10 days")
            << handshake(certificate(names, 10)) << QList<C>{C::ExpiresSoon} << u"in 10 days"_s;
    QTest::newRow("29 days: a warning")
            << handshake(certificate(names, 29)) << QList<C>{C::ExpiresSoon} << u"in 29 days"_s;
    QTest::newRow("30 days: fine") << handshake(certificate(names, 30)) << QList<C>() << QString();
    QTest::newRow("expired") << handshake(certificate(names, -3)) << QList<C>{C::Expired}
                             << u"(3 days ago)"_s;
    QTest::newRow("untrusted") << handshake(certificate(names, 200),
                                            {u"The certificate is self-signed"_s})
                               << QList<C>{C::Untrusted} << u"chain untrusted from here"_s;
    TlsFacts failed;
    failed.failure = u"The remote host closed the connection"_s;
    QTest::newRow("no certificate") << failed << QList<C>{C::NoCertificate} << u"no certificate"_s;
    CertificateFacts early = certificate(names, 200);
    early.notBefore = kNow.addDays(2);
    QTest::newRow("not yet valid")
            << handshake(early) << QList<C>{C::NotYetValid} << u"not valid before"_s;
}

void TstProbeChecks::certificateFindings()
{
    QFETCH(TlsFacts, tls);
    QFETCH(QList<TlsFinding::Check>, expected);
    QFETCH(QString, words);
    const QList<TlsFinding> found = certcheck::findingsOf(tls, u"sip.contoso.com"_s, kNow);
    QCOMPARE(checks(found), expected);
    if (!words.isEmpty())
        QVERIFY2(found.first().text.contains(words), qPrintable(found.first().text));
    for (const TlsFinding &f : found)
        QCOMPARE(f.severity, f.check == TlsFinding::Check::ExpiresSoon
                                     ? TlsFinding::Severity::Warning
                                     : TlsFinding::Severity::Error);
}

// The key most members show is the pool's; the others are findings. Another pool, the internal
// interface and a single member are not compared.
void TstProbeChecks::poolMembersMustShareTheKey()
{
    QList<ProbeResult> results{external(u"edge01"_s, u"aaaa"_s), external(u"edge02"_s, u"bbbb"_s),
                               external(u"edge03"_s, u"aaaa"_s),
                               external(u"edge09"_s, u"cccc"_s, u"p2"_s)};
    ProbeResult internal = external(u"edge01"_s, u"dddd"_s);
    internal.target.externalInterface = false;
    results.append(internal);
    certcheck::comparePoolKeys(results);
    QVERIFY(results[0].findings.isEmpty());
    QCOMPARE(checks(results[1].findings), QList{TlsFinding::Check::PoolDiffers});
    QVERIFY2(results[1].findings.first().text.contains(u"edge02 presents another certificate"_s),
             qPrintable(results[1].findings.first().text));
    QVERIFY(results[2].findings.isEmpty());
    QVERIFY(results[3].findings.isEmpty());
    QVERIFY(results[4].findings.isEmpty());
}

void TstProbeChecks::dnsAnswers_data()
{
    QTest::addColumn<DnsRecord>("expected");
    QTest::addColumn<QStringList>("answers");
    QTest::addColumn<DnsCheckResult::Status>("status");
    using S = DnsCheckResult::Status;
    const DnsRecord srv = record(u"SRV"_s, u"_sip._tls.contoso.com"_s, u"sip.contoso.com"_s, 443);
    const DnsRecord a = record(u"A"_s, u"sip.contoso.com"_s, u"203.0.113.10"_s);
    QTest::newRow("SRV found") << srv << QStringList{u"0 0 443 sip.contoso.com."_s} << S::Ok;
    QTest::newRow("SRV among others")
            << srv << QStringList{u"10 0 443 old.contoso.com"_s, u"0 0 443 SIP.contoso.com"_s}
            << S::Ok;
    QTest::newRow("SRV missing") << srv << QStringList() << S::Missing;
    QTest::newRow("SRV wrong target")
            << srv << QStringList{u"0 0 443 edge.contoso.net"_s} << S::WrongTarget;
    QTest::newRow("SRV wrong port")
            << srv << QStringList{u"0 0 5061 sip.contoso.com"_s} << S::WrongPort;
    QTest::newRow("A found") << a << QStringList{u"203.0.113.11"_s, u"203.0.113.10"_s} << S::Ok;
    QTest::newRow("A missing") << a << QStringList() << S::Missing;
    QTest::newRow("A wrong address") << a << QStringList{u"203.0.113.99"_s} << S::WrongAddress;
    QTest::newRow("AAAA found") << record(u"AAAA"_s, u"sip.contoso.com"_s, u"2001:db8::10"_s)
                                << QStringList{u"2001:db8:0:0:0:0:0:10"_s} << S::Ok;
}

void TstProbeChecks::dnsAnswers()
{
    QFETCH(DnsRecord, expected);
    QFETCH(QStringList, answers);
    QFETCH(DnsCheckResult::Status, status);
    const DnsCheckResult r = judgeDnsAnswer(expected, answers);
    QCOMPARE(keyOf(r.status), keyOf(status));
    QVERIFY(!r.detail.isEmpty());
    QCOMPARE(r.answers, answers);
}

void TstProbeChecks::socketErrors()
{
    QCOMPARE(statusOfSocketError(QAbstractSocket::ConnectionRefusedError), ProbeStatus::Refused);
    QCOMPARE(statusOfSocketError(QAbstractSocket::SocketTimeoutError), ProbeStatus::TimedOut);
    QCOMPARE(statusOfSocketError(QAbstractSocket::NetworkError), ProbeStatus::Unreachable);
    QCOMPARE(statusOfSocketError(QAbstractSocket::UnsupportedSocketOperationError),
             ProbeStatus::Unreachable);
}

QTEST_GUILESS_MAIN(TstProbeChecks)
#include "tst_probechecks.moc"
