// `edgemap probe` as text: the run's facts, then per server each probe with its verdict (the
// problems first), the names as a client resolves them, the DNS records, what was not probed.
#include "cli/cli_probe_report.h"

#include <algorithm>
#include <functional>

namespace edgemap::cli {

namespace {

QString iso(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODate) : QStringLiteral("?");
}

QString header(const ProbeReport &report)
{
    const ProbeRun &run = report.run;
    QString out = QStringLiteral("Probe from %1: %2 (%3), %4; resolver: %5; timeout %6 ms, %7 at "
                                 "a time\n")
                          .arg(keyOf(run.side), run.hostName,
                               run.localAddresses.join(QStringLiteral(", ")), iso(run.started),
                               run.resolver)
                          .arg(run.timeoutMs)
                          .arg(run.parallel);
    for (const CheckResult &c : report.checks)
        out += QStringLiteral("Snapshot of %1: %2\n").arg(c.server.value(), c.source.text());
    if (run.cancelled)
        out += QStringLiteral("The run was cancelled: the probes not finished are marked.\n");
    if (run.timedOut)
        out += QStringLiteral("The run's overall timeout passed: the probes not finished are "
                              "marked.\n");
    return out;
}

QString certificateLine(const TlsFacts &tls)
{
    if (!tls.certificate)
        return QStringLiteral("certificate: none shown (%1)").arg(tls.failure);
    const CertificateFacts &c = *tls.certificate;
    QString line = QStringLiteral("certificate: subject %1; SANs %2; issuer %3; valid until %4 "
                                  "(%5 days)")
                           .arg(c.subject,
                                c.sans.isEmpty() ? QStringLiteral("none")
                                                 : c.sans.join(QStringLiteral(", ")),
                                c.issuer, iso(c.notAfter))
                           .arg(c.daysToExpiry);
    if (!c.keyAlgorithm.isEmpty())
        line += QStringLiteral("; %1 %2 bits").arg(c.keyAlgorithm).arg(c.keyBits);
    if (tls.completed)
        line += QStringLiteral("; %1").arg(tls.protocol);
    return line;
}

QString resultLines(const ProbeReport &report, qsizetype i)
{
    const ProbeResult &r = report.run.results.at(i);
    const CombinedVerdict &v = report.verdicts.at(i);
    const ProbeTarget &t = r.target;
    const QString where = t.via == ProbeVia::Name ? QStringLiteral("%1 → %2").arg(
                                  t.name, r.address.isEmpty() ? QStringLiteral("?") : r.address)
                                                  : r.address;
    QString out = QStringLiteral("  %1 %2 %3 %4 %5\n")
                          .arg(displayName(v.kind).toUpper(), -20)
                          .arg(socketLabel(t.transport, t.port, t.port), -10)
                          .arg(where, -16)
                          .arg(t.service.value(), -14)
                          .arg(v.words);
    const QString indent(24, QLatin1Char(' '));
    QString facts = v.detail;
    if (t.via == ProbeVia::Hairpin)
        facts = QStringLiteral("hairpin test; ") + facts;
    out += indent + facts + QLatin1Char('\n');
    if (r.tls)
        out += indent + certificateLine(*r.tls) + QLatin1Char('\n');
    for (const TlsFinding &f : v.tls)
        out += indent + keyOf(f.severity).toUpper() + QStringLiteral(": ") + f.text
               + QLatin1Char('\n');
    return out;
}

// The indexes of `results` to print under one heading, problems first, each group in plan
// order.
QList<qsizetype> ordered(const ProbeReport &report, const std::function<bool(qsizetype)> &wanted)
{
    QList<qsizetype> out;
    for (qsizetype i = 0; i < report.run.results.size(); ++i)
        if (wanted(i))
            out.append(i);
    std::stable_sort(out.begin(), out.end(), [&](qsizetype a, qsizetype b) {
        return report.isProblem(a) && !report.isProblem(b);
    });
    return out;
}

QString serverSections(const ProbeReport &report)
{
    QString out;
    for (const EdgePool &pool : report.topology.pools)
        for (const EdgeServer &server : pool.servers) {
            const QList<qsizetype> rows = ordered(report, [&](qsizetype i) {
                return report.run.results.at(i).target.server == server.id;
            });
            if (rows.isEmpty())
                continue;
            out += QStringLiteral("\n%1 (pool %2)\n").arg(server.fqdn, pool.fqdn);
            for (qsizetype i : rows)
                out += resultLines(report, i);
        }
    const QList<qsizetype> names = ordered(report, [&](qsizetype i) {
        return report.run.results.at(i).target.via == ProbeVia::Name;
    });
    if (!names.isEmpty()) {
        out += QStringLiteral("\nNames, resolved and probed as a client does:\n");
        for (qsizetype i : names)
            out += resultLines(report, i);
    }
    return out;
}

QString dnsSection(const ProbeReport &report)
{
    if (report.run.dns.isEmpty())
        return {};
    QString out = QStringLiteral("\nDNS records (%1 resolver):\n").arg(report.run.resolver);
    for (const DnsCheckResult &d : report.run.dns)
        out += QStringLiteral("  %1 %2 %3 %4\n")
                       .arg(displayName(d.status).toUpper(), -14)
                       .arg(d.expected.type, -5)
                       .arg(d.expected.name, -36)
                       .arg(d.detail);
    return out;
}

QString skippedSection(const ProbeReport &report)
{
    if (report.run.skipped.isEmpty())
        return {};
    QString out = QStringLiteral("\nNot probed:\n");
    for (const SkippedListener &s : report.run.skipped) {
        const Listener *l = report.topology.listener(s.listener);
        const Address *a
                = l && !l->address.isEmpty() ? report.topology.address(l->address) : nullptr;
        out += QStringLiteral("  %1 %2 on %3 (%4): %5\n")
                       .arg(s.server.value(),
                            l ? socketLabel(l->transport, l->port, l->portEnd) : QString(),
                            a ? a->ip : QStringLiteral("all interfaces"),
                            l ? l->service.value() : QString(), s.reason);
    }
    return out;
}

QString summary(const ProbeReport &report)
{
    qsizetype reachable = 0, problems = 0, dnsProblems = 0;
    for (qsizetype i = 0; i < report.run.results.size(); ++i) {
        reachable += isReachable(report.run.results.at(i).status);
        problems += report.isProblem(i);
    }
    for (const DnsCheckResult &d : report.run.dns)
        dnsProblems += d.status != DnsCheckResult::Status::Ok;
    return QStringLiteral("\n%1 probes: %2 reachable, %3 with problems; %4 DNS records: %5 with "
                          "problems; %6 listeners not probed\n")
            .arg(report.run.results.size())
            .arg(reachable)
            .arg(problems)
            .arg(report.run.dns.size())
            .arg(dnsProblems)
            .arg(report.run.skipped.size());
}

} // namespace

QString probeText(const ProbeReport &report)
{
    return header(report) + serverSections(report) + dnsSection(report) + skippedSection(report)
           + summary(report);
}

} // namespace edgemap::cli
