#include "probe/probeverdict.h"

#include "snapshot/diagnosis.h"

namespace edgemap {

namespace {

struct KindText
{
    CombinedKind kind;
    const char *key;
    const char *name;
};

constexpr KindText kKindText[] = {
        {CombinedKind::NotProbed, "not-probed", "Not probed"},
        {CombinedKind::Unresolved, "unresolved", "Unresolved"},
        {CombinedKind::Reachable, "reachable", "Reachable"},
        {CombinedKind::Refused, "refused", "Refused"},
        {CombinedKind::NoAnswer, "no-answer", "No answer"},
        {CombinedKind::Working, "working", "Working"},
        {CombinedKind::Blocked, "blocked", "Blocked"},
        {CombinedKind::NotListening, "not-listening", "Not listening"},
        {CombinedKind::WrongAddress, "wrong-address", "Wrong address"},
        {CombinedKind::DownPathUnknown, "down-path-unknown", "Down, path unknown"},
        {CombinedKind::WrongProcess, "wrong-process", "Wrong process"},
        {CombinedKind::ReachableUnbound, "reachable-unbound", "Reachable, not bound"},
        {CombinedKind::MediaExpected, "media-expected", "Refused as expected"},
        {CombinedKind::MediaFiltered, "media-filtered", "Media range filtered"},
        {CombinedKind::MediaOpen, "media-open", "Media port open"},
};

const KindText &textOf(CombinedKind kind)
{
    for (const KindText &t : kKindText)
        if (t.kind == kind)
            return t;
    return kKindText[0];
}

// What the probe reached, in the categories the verdict needs.
enum class Reach { Reachable, Refused, Silent, NotProbed, Unresolved };

Reach reachOf(ProbeStatus status)
{
    switch (status) {
    case ProbeStatus::Open:
    case ProbeStatus::Answering:
        return Reach::Reachable;
    case ProbeStatus::Refused:
        return Reach::Refused;
    case ProbeStatus::TimedOut:
    case ProbeStatus::NoAnswer:
    case ProbeStatus::Unreachable:
        return Reach::Silent;
    case ProbeStatus::Unresolved:
        return Reach::Unresolved;
    case ProbeStatus::NotProbed:
    case ProbeStatus::Cancelled:
        break;
    }
    return Reach::NotProbed;
}

// What the snapshot says is bound, in the categories the verdict needs.
enum class Bound { Unknown, Bound, Missing, WrongAddress, WrongProcess };

Bound boundOf(const ListenerVerdict *v)
{
    if (!v)
        return Bound::Unknown;
    switch (v->status) {
    case ListenerStatus::Ok:
    case ListenerStatus::Exposed:
        return Bound::Bound;
    case ListenerStatus::Missing:
        return Bound::Missing;
    case ListenerStatus::WrongAddress:
        return Bound::WrongAddress;
    case ListenerStatus::WrongProcess:
        return Bound::WrongProcess;
    case ListenerStatus::NotChecked:
    case ListenerStatus::Dynamic:
    case ListenerStatus::Unknown:
        break;
    }
    return Bound::Unknown;
}

CombinedVerdict verdict(CombinedKind kind, const QString &words, const QString &detail,
                        bool problem)
{
    CombinedVerdict v;
    v.kind = kind;
    v.words = words;
    v.detail = detail;
    v.problem = problem;
    return v;
}

CombinedVerdict mediaVerdict(const ProbeResult &p)
{
    switch (reachOf(p.status)) {
    case Reach::Refused:
        return verdict(CombinedKind::MediaExpected,
                       QStringLiteral("refused, as expected: the media range is allocated per "
                                      "call and nothing holds this port now; the refusal shows "
                                      "the firewall lets the range through"),
                       p.detail, false);
    case Reach::Silent:
        return verdict(CombinedKind::MediaFiltered,
                       QStringLiteral("filtered: no answer on a port of the media range, so a "
                                      "firewall drops the range (inbound 50000-59999 is needed "
                                      "only for OCS 2007 federation on Lync Server 2010 and "
                                      "2013)"),
                       p.detail, false);
    case Reach::Reachable:
        return verdict(CombinedKind::MediaOpen,
                       QStringLiteral("open: a relay port allocated for a call right now, or "
                                      "another program on the port"),
                       p.detail, false);
    case Reach::NotProbed:
    case Reach::Unresolved:
        break;
    }
    return verdict(CombinedKind::NotProbed, QStringLiteral("not probed: ") + p.detail, p.detail,
                   true);
}

CombinedVerdict probeOnly(const ProbeResult &p)
{
    switch (reachOf(p.status)) {
    case Reach::Reachable:
        return verdict(CombinedKind::Reachable, QStringLiteral("reachable from here"), p.detail,
                       false);
    case Reach::Refused:
        return verdict(CombinedKind::Refused,
                       QStringLiteral("refused: nothing listens on the port, or a firewall "
                                      "rejects the connection (a snapshot tells which)"),
                       p.detail, true);
    case Reach::Silent:
        return verdict(CombinedKind::NoAnswer,
                       QStringLiteral("no answer: a firewall drops it, or the service or the "
                                      "host is down (a snapshot tells which)"),
                       p.detail, true);
    case Reach::Unresolved:
        return verdict(CombinedKind::Unresolved,
                       QStringLiteral("name does not resolve: clients cannot find it"), p.detail,
                       true);
    case Reach::NotProbed:
        break;
    }
    return verdict(CombinedKind::NotProbed, QStringLiteral("not probed: ") + p.detail, p.detail,
                   true);
}

QString blockedWords(const ProbeResult &p, Reach reach)
{
    if (p.target.via == ProbeVia::Hairpin)
        return QStringLiteral("blocked between here and the Edge (firewall, NAT or routing): the "
                              "hairpin test fails, the firewall does not loop the NAT public "
                              "address back to inside");
    if (reach == Reach::Refused)
        return QStringLiteral("blocked between here and the Edge (firewall, NAT or routing): the "
                              "service listens, so a device in between refuses the connection");
    return QStringLiteral("blocked between here and the Edge (firewall, NAT or routing)");
}

QString downDetail(const ListenerVerdict &v, const ServiceDown *down)
{
    return down ? down->text : v.detail;
}

CombinedVerdict joined(const Topology &t, const ProbeResult &p, const ListenerVerdict &v,
                       const ServiceDown *down)
{
    const Reach reach = reachOf(p.status);
    const QString service = serviceLabel(t, p.target.service);
    const QString both = QStringLiteral("snapshot: %1; probe: %2").arg(v.detail, p.detail);
    switch (boundOf(&v)) {
    case Bound::Bound:
        if (reach == Reach::Reachable)
            return verdict(CombinedKind::Working,
                           QStringLiteral("working: bound on the Edge and reachable from here"),
                           both, false);
        return verdict(CombinedKind::Blocked, blockedWords(p, reach), both, true);
    case Bound::Missing:
        if (reach == Reach::Refused)
            return verdict(CombinedKind::NotListening,
                           QStringLiteral("service not listening: %1").arg(service),
                           downDetail(v, down), true);
        if (reach == Reach::Silent)
            return verdict(CombinedKind::DownPathUnknown,
                           QStringLiteral("service down and path unknown: %1 is not listening, "
                                          "and nothing answered from here, so a firewall may "
                                          "block the path too; start the service and probe "
                                          "again")
                                   .arg(service),
                           downDetail(v, down) + QStringLiteral("; probe: ") + p.detail, true);
        break;
    case Bound::WrongAddress:
        if (reach == Reach::Refused || reach == Reach::Silent)
            return verdict(CombinedKind::WrongAddress,
                           QStringLiteral("bound to the wrong address: %1").arg(v.detail), both,
                           true);
        break;
    case Bound::WrongProcess:
        return verdict(CombinedKind::WrongProcess,
                       QStringLiteral("another program holds the port: %1").arg(v.detail), both,
                       true);
    case Bound::Unknown:
        return probeOnly(p);
    }
    // Missing or on the wrong address, yet something answered at the expected address.
    return verdict(CombinedKind::ReachableUnbound,
                   QStringLiteral("reachable, but the snapshot shows nothing listening on the "
                                  "address: the snapshot may be older than the service's start, "
                                  "or a device in between answers for it"),
                   both, true);
}

} // namespace

QString keyOf(CombinedKind kind)
{
    return QString::fromLatin1(textOf(kind).key);
}

QString displayName(CombinedKind kind)
{
    return QString::fromLatin1(textOf(kind).name);
}

QList<CombinedKind> allCombinedKinds()
{
    QList<CombinedKind> kinds;
    for (const KindText &t : kKindText)
        kinds.append(t.kind);
    return kinds;
}

CombinedVerdict combineVerdict(const Topology &topology, const ProbeResult &probe,
                               const ListenerVerdict *snapshot, const ServiceDown *down)
{
    const Reach reach = reachOf(probe.status);
    CombinedVerdict out;
    if (reach == Reach::NotProbed || reach == Reach::Unresolved)
        out = probeOnly(probe);
    else if (probe.target.mediaSample)
        out = mediaVerdict(probe);
    else if (snapshot)
        out = joined(topology, probe, *snapshot, down);
    else
        out = probeOnly(probe);
    out.snapshot = snapshot ? snapshot->status : ListenerStatus::NotChecked;
    out.tls = probe.findings;
    return out;
}

CombinedVerdict combineWithJudgement(const Topology &topology, const ProbeResult &probe,
                                     const Judgement *judgement)
{
    if (!judgement || judgement->server != probe.target.server || probe.target.listener.isEmpty())
        return combineVerdict(topology, probe, static_cast<const ListenerVerdict *>(nullptr));
    const ListenerId &id = probe.target.listener;
    return combineVerdict(topology, probe, judgement->verdict(id), judgement->serviceDownOf(id));
}

} // namespace edgemap
