#include "cli/cli_probe_report.h"

#include "probe/proberunner.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace edgemap::cli {

namespace {

using ordered_json = nlohmann::ordered_json;

std::string u8(const QString &s)
{
    return s.toStdString();
}

ordered_json orNull(const QString &s)
{
    return s.isEmpty() ? ordered_json() : ordered_json(u8(s));
}

ordered_json strings(const QStringList &list)
{
    ordered_json out = ordered_json::array();
    for (const QString &s : list)
        out.push_back(u8(s));
    return out;
}

QString iso(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODate) : QString();
}

QString protocolKey(ProbeProtocol p)
{
    switch (p) {
    case ProbeProtocol::Tls:
        return QStringLiteral("tls");
    case ProbeProtocol::MsTurn:
        return QStringLiteral("msturn");
    case ProbeProtocol::Tcp:
        break;
    }
    return QStringLiteral("tcp");
}

QString serverFqdn(const Topology &t, const ServerId &id)
{
    const EdgeServer *s = t.server(id);
    return s ? s->fqdn : id.value();
}

ordered_json certificateJson(const CertificateFacts &c)
{
    return {{"subject", u8(c.subject)},
            {"sans", strings(c.sans)},
            {"issuer", u8(c.issuer)},
            {"not_before", u8(iso(c.notBefore))},
            {"not_after", u8(iso(c.notAfter))},
            {"days_to_expiry", c.daysToExpiry},
            {"key_algorithm", orNull(c.keyAlgorithm)},
            {"key_bits", c.keyBits},
            {"public_key_sha256", orNull(c.publicKeySha256)},
            {"sha256", u8(c.sha256)},
            {"self_signed", c.selfSigned}};
}

ordered_json tlsJson(const std::optional<TlsFacts> &tls)
{
    if (!tls)
        return nullptr;
    return {{"peer_name", orNull(tls->peerName)},
            {"completed", tls->completed},
            {"protocol", orNull(tls->protocol)},
            {"cipher", orNull(tls->cipher)},
            {"handshake_ms", tls->handshakeMs},
            {"verification_errors", strings(tls->verificationErrors)},
            {"failure", orNull(tls->failure)},
            {"certificate",
             tls->certificate ? certificateJson(*tls->certificate) : ordered_json()}};
}

ordered_json turnJson(const std::optional<TurnFacts> &turn)
{
    if (!turn)
        return nullptr;
    return {{"tries", turn->tries},
            {"stray_replies", turn->strayReplies},
            {"response_type", turn->responseType},
            {"error_code", turn->errorCode},
            {"error_reason", orNull(turn->errorReason)}};
}

ordered_json findingsJson(const QList<TlsFinding> &findings)
{
    ordered_json out = ordered_json::array();
    for (const TlsFinding &f : findings)
        out.push_back({{"check", u8(keyOf(f.check))},
                       {"severity", u8(keyOf(f.severity))},
                       {"text", u8(f.text)}});
    return out;
}

ordered_json resultJson(const ProbeReport &report, qsizetype i)
{
    const ProbeResult &r = report.run.results.at(i);
    const ProbeTarget &t = r.target;
    ordered_json j;
    j["server"] = t.server.isEmpty() ? ordered_json()
                                     : ordered_json(u8(serverFqdn(report.topology, t.server)));
    j["pool"] = u8(t.pool.value());
    j["listener"] = t.listener.isEmpty() ? ordered_json() : ordered_json(u8(t.listener.value()));
    j["service"] = u8(t.service.value());
    j["address"] = orNull(r.address);
    j["via"] = u8(keyOf(t.via));
    j["name"] = orNull(t.name);
    j["resolved"] = strings(r.resolved);
    j["transport"] = u8(keyOf(t.transport));
    j["port"] = t.port;
    j["protocol"] = u8(protocolKey(t.protocol));
    j["media_sample"] = t.mediaSample;
    j["status"] = u8(keyOf(r.status));
    j["time_ms"] = r.elapsedMs;
    j["detail"] = u8(r.detail);
    j["local_address"] = orNull(r.localAddress);
    j["tls"] = tlsJson(r.tls);
    j["turn"] = turnJson(r.turn);
    j["findings"] = findingsJson(r.findings);
    if (report.withSnapshots()) {
        const CombinedVerdict &v = report.verdicts.at(i);
        j["verdict"] = {{"kind", u8(keyOf(v.kind))},
                        {"words", u8(v.words)},
                        {"detail", u8(v.detail)},
                        {"problem", v.problem},
                        {"snapshot_status", u8(keyOf(v.snapshot))}};
    }
    return j;
}

ordered_json dnsJson(const DnsCheckResult &d)
{
    const DnsRecord &e = d.expected;
    return {{"view", e.view == DnsRecord::View::External ? "external" : "internal"},
            {"pool", u8(e.pool.value())},
            {"name", u8(e.name)},
            {"type", u8(e.type)},
            {"expected", u8(e.target)},
            {"port", e.type == QLatin1String("SRV") ? ordered_json(e.port) : ordered_json()},
            {"status", u8(keyOf(d.status))},
            {"answers", strings(d.answers)},
            {"detail", u8(d.detail)},
            {"time_ms", d.elapsedMs}};
}

struct Counts
{
    qsizetype probed = 0, reachable = 0, problems = 0, tlsFindings = 0, dnsProblems = 0,
              notFinished = 0;
};

Counts countsOf(const ProbeReport &report)
{
    Counts c;
    for (qsizetype i = 0; i < report.run.results.size(); ++i) {
        const ProbeResult &r = report.run.results.at(i);
        const bool ended = r.status != ProbeStatus::NotProbed && r.status != ProbeStatus::Cancelled;
        c.probed += ended;
        c.notFinished += !ended;
        c.reachable += isReachable(r.status);
        c.problems += report.isProblem(i);
        c.tlsFindings += r.findings.size();
    }
    for (const DnsCheckResult &d : report.run.dns)
        c.dnsProblems += d.status != DnsCheckResult::Status::Ok;
    return c;
}

} // namespace

ProbeReport ProbeReport::of(const Topology &topology, const ProbeRun &run,
                            QList<CheckResult> checks)
{
    ProbeReport report{topology, run, true, true, std::move(checks), {}};
    for (const ProbeResult &r : run.results) {
        const Judgement *judgement = nullptr;
        for (const CheckResult &c : report.checks)
            if (c.judgement.server == r.target.server)
                judgement = &c.judgement;
        report.verdicts.append(combineWithJudgement(topology, r, judgement));
    }
    return report;
}

bool ProbeReport::isProblem(qsizetype result) const
{
    return verdicts.at(result).needsAttention();
}

bool ProbeReport::hasProblems() const
{
    if (run.cancelled || run.timedOut)
        return true;
    for (qsizetype i = 0; i < run.results.size(); ++i)
        if (isProblem(i))
            return true;
    return std::any_of(run.dns.cbegin(), run.dns.cend(), [](const DnsCheckResult &d) {
        return d.status != DnsCheckResult::Status::Ok;
    });
}

QString probeJson(const ProbeReport &report)
{
    const ProbeRun &run = report.run;
    ordered_json root;
    root["topology"]
            = {{"name", u8(report.topology.name)}, {"product", u8(keyOf(report.topology.product))}};
    root["probe"] = {{"side", u8(keyOf(run.side))},
                     {"host", u8(run.hostName)},
                     {"local_addresses", strings(run.localAddresses)},
                     {"started", u8(iso(run.started))},
                     {"finished", u8(iso(run.finished))},
                     {"resolver", u8(run.resolver)},
                     {"timeout_ms", run.timeoutMs},
                     {"parallel", run.parallel},
                     {"tls", report.tls},
                     {"dns", report.dns},
                     {"cancelled", run.cancelled},
                     {"timed_out", run.timedOut}};
    ordered_json snapshots = ordered_json::array();
    for (const CheckResult &c : report.checks)
        snapshots.push_back({{"file", u8(c.source.text())},
                             {"server", u8(serverFqdn(report.topology, c.server))}});
    root["snapshots"] = snapshots;
    const Counts c = countsOf(report);
    root["summary"] = {{"probed", c.probed},
                       {"reachable", c.reachable},
                       {"problems", c.problems},
                       {"tls_findings", c.tlsFindings},
                       {"not_finished", c.notFinished},
                       {"dns_checked", run.dns.size()},
                       {"dns_problems", c.dnsProblems},
                       {"not_probed", run.skipped.size()}};
    ordered_json listeners = ordered_json::array();
    ordered_json names = ordered_json::array();
    for (qsizetype i = 0; i < run.results.size(); ++i)
        (run.results.at(i).target.via == ProbeVia::Name ? names : listeners)
                .push_back(resultJson(report, i));
    root["listeners"] = listeners;
    root["names"] = names;
    ordered_json dns = ordered_json::array();
    for (const DnsCheckResult &d : run.dns)
        dns.push_back(dnsJson(d));
    root["dns"] = dns;
    ordered_json skipped = ordered_json::array();
    for (const SkippedListener &s : run.skipped)
        skipped.push_back({{"server", u8(serverFqdn(report.topology, s.server))},
                           {"listener", u8(s.listener.value())},
                           {"reason", u8(s.reason)}});
    root["skipped"] = skipped;
    return QString::fromStdString(root.dump(2)) + QLatin1Char('\n');
}

} // namespace edgemap::cli
