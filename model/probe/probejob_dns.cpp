// The probes that ask the resolver: a name target resolved before it is probed, and a DNS
// record checked against the topology.
#include "probe/probejobs.h"

#include <QDnsServiceRecord>
#include <QHostAddress>

namespace edgemap {

namespace {

QString canonical(const QString &name)
{
    QString n = name.trimmed().toLower();
    while (n.endsWith(QLatin1Char('.')))
        n.chop(1);
    return n;
}

QDnsLookup::Type lookupType(const DnsRecord &r)
{
    if (r.type == QLatin1String("SRV"))
        return QDnsLookup::SRV;
    if (r.type == QLatin1String("AAAA"))
        return QDnsLookup::AAAA;
    return QDnsLookup::A;
}

QString expectedText(const DnsRecord &r)
{
    return r.type == QLatin1String("SRV") ? QStringLiteral("%1 port %2").arg(r.target).arg(r.port)
                                          : r.target;
}

void configure(QDnsLookup &lookup, const ProbeSettings &settings)
{
    if (!settings.resolver.isNull())
        lookup.setNameserver(settings.resolver);
}

} // namespace

DnsCheckResult judgeDnsAnswer(const DnsRecord &expected, const QStringList &answers)
{
    using Status = DnsCheckResult::Status;
    DnsCheckResult out;
    out.expected = expected;
    out.answers = answers;
    const QString what = QStringLiteral("%1 %2").arg(expected.type, expected.name);
    if (answers.isEmpty()) {
        out.status = Status::Missing;
        out.detail = QStringLiteral("missing: no %1 record (expected %2)")
                             .arg(what, expectedText(expected));
        return out;
    }
    const QString seen = answers.join(QStringLiteral(", "));
    if (expected.type == QLatin1String("SRV")) {
        bool sameTarget = false;
        for (const QString &a : answers) {
            const QStringList f = a.split(QLatin1Char(' '));
            if (f.size() != 4 || canonical(f[3]) != canonical(expected.target))
                continue;
            sameTarget = true;
            if (f[2].toInt() == expected.port) {
                out.status = Status::Ok;
                out.detail = QStringLiteral("found: %1 → %2").arg(what, expectedText(expected));
                return out;
            }
        }
        out.status = sameTarget ? Status::WrongPort : Status::WrongTarget;
        out.detail = QStringLiteral("%1: %2 points to %3, expected %4")
                             .arg(sameTarget ? QStringLiteral("wrong port")
                                             : QStringLiteral("wrong target"),
                                  what, seen, expectedText(expected));
        return out;
    }
    const QHostAddress want(expected.target);
    for (const QString &a : answers) {
        if (QHostAddress(a).isEqual(want)) {
            out.status = Status::Ok;
            out.detail = QStringLiteral("found: %1 → %2").arg(what, expected.target);
            return out;
        }
    }
    out.status = Status::WrongAddress;
    out.detail = QStringLiteral("wrong address: %1 resolves to %2, not %3")
                         .arg(what, seen, expected.target);
    return out;
}

void NameProbe::start()
{
    m_clock.start();
    lookup(QDnsLookup::A);
}

void NameProbe::lookup(QDnsLookup::Type type)
{
    m_lookup = std::make_unique<QDnsLookup>(type, m_result.target.name);
    configure(*m_lookup, m_settings);
    connect(m_lookup.get(), &QDnsLookup::finished, this, &NameProbe::onLookup);
    m_timer.disconnect();
    connect(&m_timer, &QTimer::timeout, this, [this] {
        m_lookupTimedOut = true;
        m_lookup->abort();
    });
    m_timer.start(m_settings.timeoutMs);
    m_lookup->lookup();
}

void NameProbe::onLookup()
{
    if (finished())
        return;
    m_timer.stop();
    for (const QDnsHostAddressRecord &r : m_lookup->hostAddressRecords())
        m_resolved.append(r.value().toString());
    if (m_resolved.isEmpty() && m_lookup->type() == QDnsLookup::A && !m_lookupTimedOut) {
        lookup(QDnsLookup::AAAA);
        return;
    }
    m_result.resolved = m_resolved;
    if (m_resolved.isEmpty()) {
        finish(ProbeStatus::Unresolved,
               m_lookupTimedOut ? QStringLiteral("unresolved: no answer from the resolver "
                                                 "within %1 ms")
                                          .arg(m_settings.timeoutMs)
                                : QStringLiteral("unresolved: %1 has no A or AAAA record (%2)")
                                          .arg(m_result.target.name, m_lookup->errorString()));
        return;
    }
    ProbeTarget resolved = m_result.target;
    resolved.host = m_resolved.first();
    m_probe = TargetProbe::make(resolved, m_settings, nullptr);
    connect(m_probe.get(), &ProbeJob::done, this, &NameProbe::onProbed, Qt::QueuedConnection);
    m_probe->start();
}

void NameProbe::onProbed()
{
    if (finished() || !m_probe)
        return;
    const ProbeTarget planned = m_result.target;
    m_result = m_probe->result();
    m_result.target = planned;
    m_result.resolved = m_resolved;
    finish(m_result.status,
           QStringLiteral("%1 resolves to %2; %3")
                   .arg(planned.name, m_resolved.join(QStringLiteral(", ")), m_result.detail));
}

void NameProbe::cancel(const QString &reason)
{
    TargetProbe::cancel(reason);
    if (m_lookup)
        m_lookup->abort();
    m_probe.reset();
}

DnsCheck::DnsCheck(const DnsRecord &record, const ProbeSettings &settings, QObject *parent)
    : ProbeJob(parent)
    , m_record(record)
    , m_settings(settings)
{
    m_result.expected = record;
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer); // a coarse timer may fire 5% early
}

void DnsCheck::start()
{
    m_clock.start();
    m_lookup.setType(lookupType(m_record));
    m_lookup.setName(m_record.name);
    configure(m_lookup, m_settings);
    connect(&m_lookup, &QDnsLookup::finished, this, &DnsCheck::onFinished);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        DnsCheckResult r;
        r.expected = m_record;
        r.status = DnsCheckResult::Status::Failed;
        r.detail = QStringLiteral("lookup failed: no answer from the resolver within %1 ms")
                           .arg(m_settings.timeoutMs);
        report(r);
        m_lookup.abort();
    });
    m_timer.start(m_settings.timeoutMs);
    m_lookup.lookup();
}

void DnsCheck::onFinished()
{
    if (m_finished)
        return;
    const QDnsLookup::Error error = m_lookup.error();
    if (error != QDnsLookup::NoError && error != QDnsLookup::NotFoundError) {
        DnsCheckResult r;
        r.expected = m_record;
        r.status = DnsCheckResult::Status::Failed;
        r.detail = QStringLiteral("lookup failed: %1").arg(m_lookup.errorString());
        report(r);
        return;
    }
    // Only the records of the type asked for (a resolver may add others it knows).
    QStringList answers;
    if (m_lookup.type() == QDnsLookup::SRV) {
        for (const QDnsServiceRecord &s : m_lookup.serviceRecords())
            answers.append(QStringLiteral("%1 %2 %3 %4")
                                   .arg(s.priority())
                                   .arg(s.weight())
                                   .arg(s.port())
                                   .arg(s.target()));
    } else {
        const QAbstractSocket::NetworkLayerProtocol family
                = m_lookup.type() == QDnsLookup::AAAA ? QAbstractSocket::IPv6Protocol
                                                      : QAbstractSocket::IPv4Protocol;
        for (const QDnsHostAddressRecord &a : m_lookup.hostAddressRecords())
            if (a.value().protocol() == family)
                answers.append(a.value().toString());
    }
    report(judgeDnsAnswer(m_record, answers));
}

void DnsCheck::cancel(const QString &reason)
{
    DnsCheckResult r;
    r.expected = m_record;
    r.status = DnsCheckResult::Status::Cancelled;
    r.detail = reason;
    report(r);
    m_lookup.abort();
}

void DnsCheck::report(DnsCheckResult result)
{
    if (m_finished)
        return;
    m_finished = true;
    m_timer.stop();
    m_result = std::move(result);
    m_result.elapsedMs = m_clock.isValid() ? m_clock.elapsed() : 0;
    Q_EMIT done();
}

} // namespace edgemap
