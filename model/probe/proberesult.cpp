#include "probe/proberesult.h"

namespace edgemap {

namespace {

template<class E>
struct Text
{
    E value;
    const char *key;
    const char *name;
};

constexpr Text<ProbeStatus> kStatusText[] = {
        {ProbeStatus::NotProbed, "not-probed", "Not probed"},
        {ProbeStatus::Open, "open", "Open"},
        {ProbeStatus::Refused, "refused", "Refused"},
        {ProbeStatus::TimedOut, "timed-out", "Timed out"},
        {ProbeStatus::Unreachable, "unreachable", "Unreachable"},
        {ProbeStatus::Answering, "answering", "Answering"},
        {ProbeStatus::NoAnswer, "no-answer", "No answer"},
        {ProbeStatus::Unresolved, "unresolved", "Unresolved"},
        {ProbeStatus::Cancelled, "cancelled", "Cancelled"},
};

constexpr Text<DnsCheckResult::Status> kDnsText[] = {
        {DnsCheckResult::Status::Ok, "ok", "OK"},
        {DnsCheckResult::Status::Missing, "missing", "Missing"},
        {DnsCheckResult::Status::WrongTarget, "wrong-target", "Wrong target"},
        {DnsCheckResult::Status::WrongPort, "wrong-port", "Wrong port"},
        {DnsCheckResult::Status::WrongAddress, "wrong-address", "Wrong address"},
        {DnsCheckResult::Status::Failed, "failed", "Lookup failed"},
        {DnsCheckResult::Status::Cancelled, "cancelled", "Cancelled"},
};

constexpr Text<TlsFinding::Check> kCheckText[] = {
        {TlsFinding::Check::NameNotCovered, "name-not-covered", "Name not on the certificate"},
        {TlsFinding::Check::Expired, "expired", "Expired"},
        {TlsFinding::Check::NotYetValid, "not-yet-valid", "Not yet valid"},
        {TlsFinding::Check::ExpiresSoon, "expires-soon", "Expires soon"},
        {TlsFinding::Check::Untrusted, "untrusted", "Chain untrusted from here"},
        {TlsFinding::Check::PoolDiffers, "pool-differs", "Pool members differ"},
        {TlsFinding::Check::NoCertificate, "no-certificate", "No certificate"},
};

template<class E, std::size_t N>
const Text<E> &textOf(const Text<E> (&table)[N], E value)
{
    for (const Text<E> &t : table)
        if (t.value == value)
            return t;
    return table[0];
}

} // namespace

QString keyOf(ProbeStatus status)
{
    return QString::fromLatin1(textOf(kStatusText, status).key);
}

QString displayName(ProbeStatus status)
{
    return QString::fromLatin1(textOf(kStatusText, status).name);
}

bool isReachable(ProbeStatus status)
{
    return status == ProbeStatus::Open || status == ProbeStatus::Answering;
}

QString keyOf(TlsFinding::Check check)
{
    return QString::fromLatin1(textOf(kCheckText, check).key);
}

QString keyOf(TlsFinding::Severity severity)
{
    return severity == TlsFinding::Severity::Error ? QStringLiteral("error")
                                                   : QStringLiteral("warning");
}

QString keyOf(DnsCheckResult::Status status)
{
    return QString::fromLatin1(textOf(kDnsText, status).key);
}

QString displayName(DnsCheckResult::Status status)
{
    return QString::fromLatin1(textOf(kDnsText, status).name);
}

QList<const ProbeResult *> ProbeRun::resultsOf(const ListenerId &listener) const
{
    QList<const ProbeResult *> out;
    if (listener.isEmpty())
        return out;
    for (const ProbeResult &r : results)
        if (r.target.listener == listener)
            out.append(&r);
    return out;
}

const ProbeResult *ProbeRun::worstResultOf(const ListenerId &listener) const
{
    const QList<const ProbeResult *> all = resultsOf(listener);
    for (const ProbeResult *r : all)
        if (!isReachable(r->status) && !r->target.mediaSample)
            return r;
    return all.value(0, nullptr);
}

} // namespace edgemap
