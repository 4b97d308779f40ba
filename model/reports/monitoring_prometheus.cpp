// The node_exporter textfile format of a check (monitoring.h).
#include "reports/monitoring.h"

#include <utility>

namespace edgemap::monitoring {

namespace {

using Labels = QList<std::pair<QString, QString>>;

// One metric family: its HELP and TYPE lines come first, then every sample of it, so that no
// sample of a metric is ever separated from the others (the format requires them together).
class Family
{
public:
    Family(QString &out, const char *name, const char *help)
        : m_out(out)
        , m_name(QLatin1String(name))
    {
        m_out += QStringLiteral("# HELP %1 %2\n# TYPE %1 gauge\n").arg(m_name, QLatin1String(help));
    }

    void sample(const Labels &labels, qint64 value)
    {
        QString line = m_name;
        if (!labels.isEmpty()) {
            QStringList parts;
            for (const auto &[name, v] : labels)
                parts.append(QStringLiteral("%1=\"%2\"").arg(name, escapeLabelValue(v)));
            line += QLatin1Char('{') + parts.join(QLatin1Char(',')) + QLatin1Char('}');
        }
        m_out += line + QLatin1Char(' ') + QString::number(value) + QLatin1Char('\n');
    }

private:
    QString &m_out;
    QString m_name;
};

Labels listenerLabels(const QString &server, const ListenerRow &r)
{
    return {{QStringLiteral("server"), server},
            {QStringLiteral("listener"), r.id.value()},
            {QStringLiteral("service"), r.service.value()},
            {QStringLiteral("address"), r.address},
            {QStringLiteral("transport"), edgemap::keyOf(r.transport)},
            {QStringLiteral("port"), r.portEnd > r.port
                                             ? QStringLiteral("%1-%2").arg(r.port).arg(r.portEnd)
                                             : QString::number(r.port)}};
}

void checkFamilies(QString &out, bool success, const QDateTime &now)
{
    Family(out, "edgemap_check_success",
           "1 when every snapshot was read and matched to a server of the topology, else 0 "
           "(the other edgemap metrics are then absent).")
            .sample({}, success ? 1 : 0);
    Family(out, "edgemap_check_timestamp_seconds",
           "When the check ran, in seconds since the epoch.")
            .sample({}, now.toSecsSinceEpoch());
}

struct ServerData
{
    QString server;
    QList<JudgedListener> listeners;
    ServerFigures figures;
};

void listenerFamilies(QString &out, const QList<ServerData> &servers)
{
    Family status(out, "edgemap_listener_status",
                  "Verdict on each expected listener: 1 for its status, 0 for the others "
                  "(ok, missing, wrong-process, wrong-address, exposed, dynamic, unknown).");
    for (const ServerData &s : servers)
        for (const JudgedListener &l : s.listeners)
            for (const ListenerStatus st : kCheckedStatuses) {
                Labels labels = listenerLabels(s.server, l.row);
                labels.append({QStringLiteral("status"), edgemap::keyOf(st)});
                status.sample(labels, l.verdict.status == st ? 1 : 0);
            }
    Family established(out, "edgemap_listener_established_connections",
                       "Established connections to each expected listener in the snapshot.");
    for (const ServerData &s : servers)
        for (const JudgedListener &l : s.listeners)
            established.sample(listenerLabels(s.server, l.row), l.verdict.established);
}

void serverFamilies(QString &out, const QList<ServerData> &servers, const QDateTime &now)
{
    const auto byServer = [&](const char *name, const char *help, auto value) {
        Family f(out, name, help);
        for (const ServerData &s : servers)
            f.sample({{QStringLiteral("server"), s.server}}, value(s.figures));
    };
    byServer("edgemap_expected_listeners", "Listeners the topology expects on the server.",
             [](const ServerFigures &f) { return f.expected; });
    byServer("edgemap_problem_listeners",
             "Expected listeners that are neither ok nor dynamic (missing, wrong-process, "
             "wrong-address, exposed, unknown).",
             [](const ServerFigures &f) { return f.problems; });
    byServer("edgemap_unexpected_listeners",
             "Listeners on an external address or on all interfaces that no listener of the "
             "topology explains.",
             [](const ServerFigures &f) { return f.unexpected; });
    Family relay(out, "edgemap_relay_ports",
                 "Ports the A/V media relay has allocated in its dynamic range, per transport.");
    for (const ServerData &s : servers) {
        relay.sample({{QStringLiteral("server"), s.server},
                      {QStringLiteral("transport"), QStringLiteral("tcp")}},
                     s.figures.relayTcp);
        relay.sample({{QStringLiteral("server"), s.server},
                      {QStringLiteral("transport"), QStringLiteral("udp")}},
                     s.figures.relayUdp);
    }
    // A snapshot whose capture time nobody knows has no sample rather than a made-up one.
    Family captured(out, "edgemap_snapshot_capture_timestamp_seconds",
                    "When the snapshot was taken (its header, else the file's modification "
                    "time), in seconds since the epoch.");
    for (const ServerData &s : servers)
        if (s.figures.captured.isValid())
            captured.sample({{QStringLiteral("server"), s.server}},
                            s.figures.captured.toSecsSinceEpoch());
    Family age(out, "edgemap_snapshot_age_seconds",
               "Age of the snapshot when the check ran: alert when the capture job stops.");
    for (const ServerData &s : servers)
        if (s.figures.captured.isValid())
            age.sample({{QStringLiteral("server"), s.server}}, s.figures.captured.secsTo(now));
}

} // namespace

QString escapeLabelValue(const QString &value)
{
    QString out;
    out.reserve(value.size());
    for (const QChar c : value) {
        if (c == QLatin1Char('\\'))
            out += QStringLiteral("\\\\");
        else if (c == QLatin1Char('"'))
            out += QStringLiteral("\\\"");
        else if (c == QLatin1Char('\n'))
            out += QStringLiteral("\\n");
        else
            out += c;
    }
    return out;
}

QString prometheus(const Topology &topology, const QList<CheckResult> &checks, const QDateTime &now)
{
    const QList<ListenerRow> rows = listenerRows(topology);
    QList<ServerData> servers;
    for (const CheckResult &c : checks) {
        ServerData s{{}, judgedListeners(rows, c.judgement), {}};
        s.figures = figuresOf(topology, c, s.listeners);
        s.server = s.figures.server;
        servers.append(std::move(s));
    }
    QString out;
    checkFamilies(out, true, now);
    listenerFamilies(out, servers);
    serverFamilies(out, servers, now);
    return out;
}

QString prometheusFailed(const QDateTime &now)
{
    QString out;
    checkFamilies(out, false, now);
    return out;
}

} // namespace edgemap::monitoring
