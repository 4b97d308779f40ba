#include "reports/probecolumns.h"

#include "probe/probeplan.h"

namespace edgemap {

ProbeCells probeCells(const ProbeDiagnosis &probes, const ListenerId &listener)
{
    ProbeCells cells;
    const ListenerProbe *p = probes.of(listener);
    if (!p) {
        cells.word = displayName(CombinedKind::NotProbed);
        cells.key = keyOf(CombinedKind::NotProbed);
        cells.finding = QStringLiteral("not probed from here");
        return cells;
    }
    const CombinedVerdict &v = p->verdict;
    cells.word = displayName(v.kind);
    cells.key = keyOf(v.kind);
    QStringList parts{v.words};
    for (const TlsFinding &f : v.tls)
        parts.append(QStringLiteral("certificate: %1").arg(f.text));
    parts.removeAll(QString());
    cells.finding = parts.join(QStringLiteral("; "));
    cells.problem = v.needsAttention();
    return cells;
}

QString probeRunText(const ProbeRun &run)
{
    QString from = run.hostName;
    if (!run.localAddresses.isEmpty())
        from += QStringLiteral(" (%1)").arg(run.localAddresses.join(QStringLiteral(", ")));
    QString text = QStringLiteral("%1, from %2, %3; resolver %4; timeout %5 ms")
                           .arg(keyOf(run.side), from,
                                run.started.isValid() ? run.started.toUTC().toString(Qt::ISODate)
                                                      : QStringLiteral("?"),
                                run.resolver)
                           .arg(run.timeoutMs);
    if (run.cancelled)
        text += QStringLiteral("; cancelled before the end");
    else if (run.timedOut)
        text += QStringLiteral("; stopped at the run's timeout");
    return text;
}

QString probeSummaryText(const ProbeDiagnosis &probes)
{
    const ProbeCounts &c = probes.counts;
    return QStringLiteral("From here: %1 probes, %2 reachable, %3 with problems, %4 certificate "
                          "findings, %5 DNS problems; %6 scenarios cannot work from here.")
            .arg(c.probes)
            .arg(c.reachable)
            .arg(c.problems)
            .arg(c.tlsFindings)
            .arg(c.dnsProblems)
            .arg(c.brokenScenarios);
}

QStringList probeColumnNames()
{
    return {QStringLiteral("From here"), QStringLiteral("Probe finding")};
}

} // namespace edgemap
