#include "reports/monitoring.h"

#include <algorithm>

namespace edgemap::monitoring {

namespace {

QString fqdnOf(const Topology &topology, const ServerId &id)
{
    const EdgeServer *server = topology.server(id);
    return server ? server->fqdn : id.value();
}

int statusIndex(ListenerStatus status)
{
    const auto it = std::find(kCheckedStatuses.begin(), kCheckedStatuses.end(), status);
    return it == kCheckedStatuses.end() ? -1 : int(it - kCheckedStatuses.begin());
}

// Everything one server contributes to the outputs, computed once.
struct Judged
{
    const CheckResult *check = nullptr;
    QList<JudgedListener> listeners;
    ServerFigures figures;
};

QList<Judged> judgedServers(const Topology &topology, const QList<CheckResult> &checks)
{
    const QList<ListenerRow> rows = listenerRows(topology);
    QList<Judged> out;
    for (const CheckResult &c : checks) {
        Judged j{&c, judgedListeners(rows, c.judgement), {}};
        j.figures = figuresOf(topology, c, j.listeners);
        out.append(std::move(j));
    }
    return out;
}

// Text in the plugin output must not contain the perfdata separator or break the line.
QString pluginText(QString text)
{
    text.replace(QLatin1Char('|'), QLatin1Char('/'));
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    text.remove(QLatin1Char('\r'));
    return text;
}

// 'label'=value[UOM];warn;crit;min;max with no thresholds: the state does not follow a count.
QString perfItem(const QString &label, qint64 value, const QString &uom = {},
                 std::optional<qint64> max = std::nullopt)
{
    QString item = QStringLiteral("%1=%2%3;;;0").arg(perfLabel(label)).arg(value).arg(uom);
    if (max)
        item += QLatin1Char(';') + QString::number(*max);
    return item;
}

QStringList perfData(const ServerFigures &f, const QString &prefix, const QDateTime &now)
{
    QStringList items
            = {perfItem(prefix + QStringLiteral("listeners_ok"), f.ok, {}, f.expected),
               perfItem(prefix + QStringLiteral("listeners_problems"), f.problems, {}, f.expected),
               perfItem(prefix + QStringLiteral("unexpected"), f.unexpected),
               perfItem(prefix + QStringLiteral("established"), f.established),
               perfItem(prefix + QStringLiteral("relay_ports"), qint64(f.relayTcp) + f.relayUdp)};
    if (f.captured.isValid())
        items.append(perfItem(prefix + QStringLiteral("snapshot_age"), f.captured.secsTo(now),
                              QStringLiteral("s")));
    return items;
}

ServerFigures totalOf(const QList<Judged> &servers)
{
    ServerFigures t;
    for (const Judged &j : servers) {
        const ServerFigures &f = j.figures;
        t.expected += f.expected;
        t.ok += f.ok;
        t.problems += f.problems;
        t.unexpected += f.unexpected;
        t.established += f.established;
        t.relayTcp += f.relayTcp;
        t.relayUdp += f.relayUdp;
        for (size_t i = 0; i < t.byStatus.size(); ++i)
            t.byStatus[i] += f.byStatus[i];
        // The oldest capture is the one that decides whether the data is stale.
        if (f.captured.isValid() && (!t.captured.isValid() || f.captured < t.captured))
            t.captured = f.captured;
    }
    return t;
}

QString problemCounts(const ServerFigures &f)
{
    QStringList parts;
    for (size_t i = 0; i < kCheckedStatuses.size(); ++i)
        if (f.byStatus[i] > 0 && isProblem(kCheckedStatuses[i]))
            parts.append(QStringLiteral("%1 %2")
                                 .arg(f.byStatus[i])
                                 .arg(edgemap::keyOf(kCheckedStatuses[i])));
    return parts.join(QStringLiteral(", "));
}

QString summaryOf(const QList<Judged> &servers, const ServerFigures &total)
{
    const QString where = servers.size() == 1 ? servers.constFirst().figures.server
                                              : QStringLiteral("%1 servers").arg(servers.size());
    QString text = total.problems == 0
                           ? QStringLiteral("%1 of %2 listeners OK on %3")
                                     .arg(total.ok)
                                     .arg(total.expected)
                                     .arg(where)
                           : QStringLiteral("%1 of %2 listeners with problems on %3 (%4)")
                                     .arg(total.problems)
                                     .arg(total.expected)
                                     .arg(where, problemCounts(total));
    text += QStringLiteral(", %1 unexpected").arg(total.unexpected);
    return pluginText(text);
}

QString problemLine(const QString &server, const JudgedListener &l)
{
    const ListenerRow &r = l.row;
    return pluginText(QStringLiteral("%1: %2 %3 %4 on %5 (%6): %7")
                              .arg(keyOf(pluginStateOf(l.verdict.status)), server,
                                   displayName(l.verdict.status).toUpper(),
                                   socketLabel(r.transport, r.port, r.portEnd), r.address,
                                   r.service.value(), l.verdict.detail));
}

QString unexpectedLine(const QString &server, const UnexpectedListener &u)
{
    return pluginText(
            QStringLiteral("%1: %2 UNEXPECTED %3 on %4%5")
                    .arg(keyOf(PluginState::Warning), server,
                         socketLabel(u.transport, u.port, u.port), u.address,
                         u.process.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(u.process)));
}

} // namespace

QList<JudgedListener> judgedListeners(const QList<ListenerRow> &rows, const Judgement &judgement)
{
    QList<JudgedListener> out;
    for (const ListenerRow &row : rows)
        if (row.serverId == judgement.server)
            if (const ListenerVerdict *v = judgement.verdict(row.id))
                out.append({row, *v});
    return out;
}

QDateTime capturedAt(const CheckResult &check)
{
    if (check.snapshot.header.time.isValid())
        return check.snapshot.header.time;
    return check.fileModified;
}

ServerFigures figuresOf(const Topology &topology, const CheckResult &check,
                        const QList<JudgedListener> &listeners)
{
    ServerFigures f;
    f.server = fqdnOf(topology, check.judgement.server);
    f.source = check.source.text();
    f.expected = int(listeners.size());
    for (const JudgedListener &l : listeners) {
        const ListenerVerdict &v = l.verdict;
        if (isProblem(v.status))
            ++f.problems;
        else
            ++f.ok;
        if (const int i = statusIndex(v.status); i >= 0)
            ++f.byStatus[size_t(i)];
        f.established += v.established;
        if (l.row.dynamic) {
            // The TCP and UDP media ranges are two listeners; each counts its own transport.
            if (l.row.transport == Transport::Tcp)
                f.relayTcp += v.relayTcp;
            else
                f.relayUdp += v.relayUdp;
        }
    }
    f.unexpected = int(check.judgement.unexpected.size());
    f.captured = capturedAt(check);
    return f;
}

QString keyOf(PluginState state)
{
    switch (state) {
    case PluginState::Ok:
        return QStringLiteral("OK");
    case PluginState::Warning:
        return QStringLiteral("WARNING");
    case PluginState::Critical:
        return QStringLiteral("CRITICAL");
    case PluginState::Unknown:
        break;
    }
    return QStringLiteral("UNKNOWN");
}

PluginState pluginStateOf(ListenerStatus status)
{
    if (isDown(status))
        return PluginState::Critical;
    return isProblem(status) ? PluginState::Warning : PluginState::Ok;
}

QString perfLabel(const QString &label)
{
    QString quoted = label;
    quoted.replace(QLatin1Char('\''), QStringLiteral("''"));
    return QLatin1Char('\'') + pluginText(quoted) + QLatin1Char('\'');
}

PluginOutput nagios(const Topology &topology, const QList<CheckResult> &checks, bool strict,
                    const QDateTime &now)
{
    const QList<Judged> servers = judgedServers(topology, checks);
    const ServerFigures total = totalOf(servers);
    PluginState state = PluginState::Ok;
    QStringList critical;
    QStringList warnings;
    for (const Judged &j : servers) {
        for (const JudgedListener &l : j.listeners) {
            const PluginState s = pluginStateOf(l.verdict.status);
            state = std::max(state, s);
            if (s == PluginState::Critical)
                critical.append(problemLine(j.figures.server, l));
            else if (s == PluginState::Warning)
                warnings.append(problemLine(j.figures.server, l));
        }
        if (strict)
            for (const UnexpectedListener &u : j.check->judgement.unexpected) {
                state = std::max(state, PluginState::Warning);
                warnings.append(unexpectedLine(j.figures.server, u));
            }
    }
    QStringList perf = perfData(total, {}, now);
    if (servers.size() > 1)
        for (const Judged &j : servers)
            perf += perfData(j.figures, j.figures.server + QStringLiteral("::"), now);
    // Critical problems first: a console that shows a few lines shows those.
    QString text = QStringLiteral("EDGEMAP %1 - %2 | %3\n")
                           .arg(keyOf(state), summaryOf(servers, total), perf.join(u' '));
    for (const QString &line : critical + warnings)
        text += line + QLatin1Char('\n');
    return {state, text};
}

PluginOutput nagiosUnknown(const QStringList &errors)
{
    QString text = QStringLiteral("EDGEMAP UNKNOWN - %1\n")
                           .arg(pluginText(errors.value(0, QStringLiteral("no result"))));
    for (qsizetype i = 1; i < errors.size(); ++i)
        text += pluginText(errors.at(i)) + QLatin1Char('\n');
    return {PluginState::Unknown, text};
}

} // namespace edgemap::monitoring
