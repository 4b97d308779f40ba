#include "probe/probediagnosis.h"

#include <QSet>

#include <algorithm>

namespace edgemap {

const ListenerProbe *ProbeDiagnosis::of(const ListenerId &listener) const
{
    const auto it = listeners.constFind(listener);
    return it == listeners.cend() ? nullptr : &*it;
}

bool isDownFromHere(CombinedKind kind)
{
    switch (kind) {
    case CombinedKind::Blocked:
    case CombinedKind::NotListening:
    case CombinedKind::WrongAddress:
    case CombinedKind::DownPathUnknown:
    case CombinedKind::WrongProcess:
    case CombinedKind::Refused:
    case CombinedKind::NoAnswer:
        return true;
    case CombinedKind::NotProbed:
    case CombinedKind::Unresolved:
    case CombinedKind::Reachable:
    case CombinedKind::Working:
    case CombinedKind::ReachableUnbound:
    case CombinedKind::MediaExpected:
    case CombinedKind::MediaFiltered:
    case CombinedKind::MediaOpen:
        return false;
    }
    return false;
}

ProbeDiagnosis diagnoseProbes(const Topology &topology, const PathAnalysis &analysis,
                              std::shared_ptr<const ProbeRun> run, const CheckSet &checks)
{
    ProbeDiagnosis d;
    d.run = std::move(run);
    if (!d.run)
        return d;
    const ProbeRun &r = *d.run;
    d.verdicts.reserve(r.results.size());
    for (int i = 0; i < r.results.size(); ++i) {
        const ProbeResult &result = r.results.at(i);
        const ServerId &server = result.target.server;
        const CheckResult *check = server.isEmpty() ? nullptr : checks.checkFor(server);
        const Judgement *judgement = check && check->ok() ? &check->judgement : nullptr;
        d.verdicts.append(combineWithJudgement(topology, result, judgement));
        ++d.counts.probes;
        if (isReachable(result.status))
            ++d.counts.reachable;
        if (d.verdicts.last().problem)
            ++d.counts.problems;
        d.counts.tlsFindings += int(d.verdicts.last().tls.size());
        const ListenerId &listener = result.target.listener;
        if (listener.isEmpty() || !topology.listener(listener))
            continue;
        ListenerProbe &lp = d.listeners[listener];
        lp.server = server;
        lp.results.append(i);
    }
    // The one result that says most about each listener: the first not reachable (media samples
    // aside), else the first, as ProbeRun::worstResultOf chooses.
    for (auto it = d.listeners.begin(); it != d.listeners.end(); ++it) {
        ListenerProbe &lp = *it;
        lp.worst = lp.results.first();
        for (int i : lp.results) {
            const ProbeResult &result = r.results.at(i);
            if (!isReachable(result.status) && !result.target.mediaSample) {
                lp.worst = i;
                break;
            }
        }
        lp.verdict = d.verdicts.at(lp.worst);
        // Every certificate finding of the listener's results, not only the worst's.
        for (int i : lp.results)
            if (i != lp.worst)
                for (const TlsFinding &f : d.verdicts.at(i).tls)
                    if (std::none_of(lp.verdict.tls.cbegin(), lp.verdict.tls.cend(),
                                     [&f](const TlsFinding &g) { return g.text == f.text; }))
                        lp.verdict.tls.append(f);
        lp.down = isDownFromHere(lp.verdict.kind);
    }
    for (const DnsCheckResult &dns : r.dns)
        if (dns.status != DnsCheckResult::Status::Ok)
            ++d.counts.dnsProblems;

    // Scenario impact: what the snapshots say is down, and what is down from here.
    QSet<ListenerId> down;
    for (const ServerId &server : checks.servers())
        if (const CheckResult *check = checks.checkFor(server); check && check->ok())
            for (const ListenerVerdict &v : check->judgement.listeners)
                if (isDown(v.status))
                    down.insert(v.listener);
    for (auto it = d.listeners.cbegin(); it != d.listeners.cend(); ++it)
        if (it->down)
            down.insert(it.key());
    d.impact = analysis.impact(down);
    d.counts.brokenScenarios = int(d.impact.size());
    return d;
}

} // namespace edgemap
