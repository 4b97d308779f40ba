#include "reports/checkreport.h"

#include "reports/listenerrows.h"
#include "reports/porttable.h"
#include "reports/probecolumns.h"
#include "snapshot/check.h"
#include "snapshot/diagnosis.h"
#include "snapshot/findings.h"
#include "snapshot/wellknownports.h"

#include <QHash>

namespace edgemap {

namespace {

struct Judged
{
    ListenerRow row;
    ListenerVerdict verdict;
};

QList<Judged> judgedRows(const Topology &t, const Judgement &j)
{
    QList<Judged> out;
    for (const ListenerRow &row : listenerRows(t))
        if (row.serverId == j.server)
            if (const ListenerVerdict *v = j.verdict(row.id))
                out.append({row, *v});
    return out;
}

QString observedText(const ListenerVerdict &v)
{
    if (!v.observed)
        return {};
    const ObservedSocket &o = *v.observed;
    QStringList parts;
    if (!o.process.isEmpty())
        parts.append(o.process);
    if (o.pid >= 0)
        parts.append(QStringLiteral("PID %1").arg(o.pid));
    return parts.isEmpty() ? o.address
                           : QStringLiteral("%1 on %2").arg(parts.join(u' '), o.address);
}

QString establishedText(const Topology &t, const ListenerVerdict &v)
{
    if (v.established == 0)
        return QStringLiteral("0");
    QStringList peers;
    for (const PeerId &p : v.remotePeers)
        peers.append(t.peer(p) ? t.peer(p)->name : p.value());
    QString text = QStringLiteral("%1 from %2 address(es)")
                           .arg(v.established)
                           .arg(v.remoteAddresses.size());
    if (!peers.isEmpty())
        text += QStringLiteral(": ") + peers.join(QStringLiteral(", "));
    return text;
}

TextTable listenerTable(const Topology &t, const QList<Judged> &rows, const QString &heading,
                        const ProbeDiagnosis *probes)
{
    TextTable table;
    table.heading = heading;
    table.columns = {
            QStringLiteral("Status"),    QStringLiteral("Role"),       QStringLiteral("Address"),
            QStringLiteral("Transport"), QStringLiteral("Port"),       QStringLiteral("Protocol"),
            QStringLiteral("Service"),   QStringLiteral("Executable"), QStringLiteral("Detail"),
            QStringLiteral("Observed"),  QStringLiteral("Established")};
    table.statusColumn = 0;
    for (const Judged &j : rows) {
        const ListenerRow &r = j.row;
        table.rows.append({displayName(j.verdict.status), r.addressRoles, r.address,
                           transportLabel(r.transport), portLabel(r.port, r.portEnd), r.protocol,
                           r.service.value(), r.executable, j.verdict.detail,
                           observedText(j.verdict), establishedText(t, j.verdict)});
        table.statusKeys.append(keyOf(j.verdict.status));
    }
    if (probes) {
        table.probeColumn = int(table.columns.size());
        table.columns << probeColumnNames();
        for (qsizetype i = 0; i < rows.size(); ++i) {
            const ProbeCells cells = probeCells(*probes, rows.at(i).row.id);
            table.rows[i] << cells.word << cells.finding;
            table.probeKeys.append(cells.key);
        }
    }
    return table;
}

// A down service's one row, in the listener table's columns: its ports, where it should listen.
QStringList serviceDownRow(const Topology &t, const ServiceDown &down, const QList<Judged> &rows)
{
    QStringList ports, addresses, protocols;
    for (const Judged &r : rows) {
        if (!down.listeners.contains(r.row.id))
            continue;
        const auto add = [](QStringList &list, const QString &value) {
            if (!value.isEmpty() && !list.contains(value))
                list.append(value);
        };
        add(ports, QStringLiteral("%1 %2").arg(transportLabel(r.row.transport),
                                               portLabel(r.row.port, r.row.portEnd)));
        add(addresses, r.row.address);
        add(protocols, r.row.protocol);
    }
    const Service *s = t.service(down.service);
    return {QStringLiteral("Service down"),
            s ? serviceRole(s->displayName) : QString(),
            addresses.join(QStringLiteral(", ")),
            QString(),
            ports.join(QStringLiteral(", ")),
            protocols.join(QStringLiteral(", ")),
            down.service.value(),
            s ? s->executable : QString(),
            down.text,
            QString(),
            QString()};
}

TextTable scenarioTable(const Topology &t, const Judgement &j, const QList<Judged> &rows)
{
    QHash<ListenerId, QString> labels;
    for (const Judged &r : rows)
        labels.insert(r.row.id, QStringLiteral("%1 %2 on %3 (%4)")
                                        .arg(transportLabel(r.row.transport),
                                             portLabel(r.row.port, r.row.portEnd), r.row.address,
                                             r.row.service.value()));
    TextTable table;
    table.heading = QStringLiteral("Scenarios");
    table.columns
            = {QStringLiteral("Scenario"), QStringLiteral("Status"), QStringLiteral("Broken by")};
    table.statusColumn = 1;
    for (const ScenarioVerdict &sv : j.scenarios) {
        const Scenario *s = t.scenario(sv.scenario);
        QStringList broken;
        for (const ListenerId &id : sv.brokenBy) {
            const Listener *l = t.listener(id);
            broken.append(l && !t.isActive(*l) ? breakReason(t, j, id)
                                               : labels.value(id, id.value()));
        }
        table.rows.append({s ? s->name : sv.scenario.value(),
                           sv.ok ? QStringLiteral("OK") : QStringLiteral("Broken"),
                           broken.join(QStringLiteral("; "))});
        table.statusKeys.append(sv.ok ? QStringLiteral("ok") : QStringLiteral("broken"));
    }
    if (table.rows.isEmpty())
        table.note = QStringLiteral("The topology has no scenarios on this server.");
    return table;
}

TextTable unexpectedTable(const Judgement &j)
{
    TextTable table;
    table.heading = QStringLiteral("Unexpected listeners");
    table.note = QStringLiteral("Bound on an external address or on all interfaces, and "
                                "explained by no listener of the topology.");
    table.columns = {QStringLiteral("Address"), QStringLiteral("Transport"),
                     QStringLiteral("Port"),    QStringLiteral("PID"),
                     QStringLiteral("Process"), QStringLiteral("What it is")};
    // One row per socket: a port bound on both 0.0.0.0 and [::] is one.
    for (const UnexpectedSocket &socket : groupUnexpected(j.unexpected)) {
        const UnexpectedListener &u = j.unexpected.at(socket.indexes.first());
        const std::optional<WellKnownPort> known = wellKnownPort(u.transport, u.port);
        table.rows.append({addressesOf(j.unexpected, socket), transportLabel(u.transport),
                           QString::number(u.port), u.pid >= 0 ? QString::number(u.pid) : QString(),
                           u.process,
                           known ? QStringLiteral("%1: %2").arg(known->name, known->explanation)
                                 : QString()});
    }
    if (table.rows.isEmpty())
        table.note = QStringLiteral("None.");
    return table;
}

void addFacts(TableDocument &doc, const Topology &t, const CheckResult &c, const QString &server)
{
    const Snapshot &s = c.snapshot;
    doc.facts = {{QStringLiteral("Topology"), t.name},
                 {QStringLiteral("Product"), displayName(t.product)},
                 {QStringLiteral("Server"), server},
                 {QStringLiteral("Snapshot"), c.source.text()}};
    if (!s.header.host.isEmpty())
        doc.facts.append({QStringLiteral("Host"), s.header.host});
    // The header's time, else the file's, said as such: never when EdgeMap read it.
    if (const CaptureTime captured = captureTimeOf(c); captured.isCapture()) {
        const QString note = basisNote(captured.basis);
        // A header's time as written (with its offset); the others in UTC, not local time.
        const QString time
                = (note.isEmpty() ? captured.time : captured.time.toUTC()).toString(Qt::ISODate);
        doc.facts.append({QStringLiteral("Captured"),
                          note.isEmpty() ? time : QStringLiteral("%1 (%2)").arg(time, note)});
    }
    if (!s.header.command.isEmpty())
        doc.facts.append({QStringLiteral("Command"), s.header.command});
    doc.facts.append({QStringLiteral("Format"), s.format});
    doc.facts.append({QStringLiteral("Encoding"), s.encoding});
    if (const QStringList assumed = readAssumptions(s); !assumed.isEmpty())
        doc.facts.append({QStringLiteral("Assumed"), assumed.join(QStringLiteral("; "))});
    doc.facts.append({QStringLiteral("Rows"), QString::number(s.rows.size())});
    doc.facts.append({QStringLiteral("Unrecognised lines"),
                      s.unrecognisedLines > 0 ? QStringLiteral("%1 (first at line %2)")
                                                        .arg(s.unrecognisedLines)
                                                        .arg(s.firstUnrecognisedLine)
                                              : QStringLiteral("0")});
    if (c.loadedAt.isValid())
        doc.facts.append({QStringLiteral("Checked"), c.loadedAt.toString(Qt::ISODate)});
}

} // namespace

namespace {

QString serverName(const Topology &t, const ServerId &id)
{
    const EdgeServer *server = t.server(id);
    return server ? server->fqdn : id.value();
}

} // namespace

TableDocument checkReportDocument(const Topology &t, const CheckResult &c,
                                  const ProbeDiagnosis *probes)
{
    if (probes && probes->isEmpty())
        probes = nullptr;
    const Judgement &j = c.judgement;
    const QString fqdn = serverName(t, j.server);
    TableDocument doc;
    doc.title = QStringLiteral("Check report: %1").arg(fqdn);
    addFacts(doc, t, c, fqdn);
    if (probes)
        doc.facts.append({QStringLiteral("Probed"), probeRunText(*probes->run)});

    const QList<Judged> rows = judgedRows(t, j);
    QList<Judged> problems;
    qsizetype problemListeners = 0;
    for (const Judged &r : rows) {
        problemListeners += isProblem(r.verdict.status);
        // A down service's listeners are its one row, not a row each; a listener fine in the
        // snapshot and not from here (blocked, a certificate finding) is a problem of its own.
        const bool fromHere = probes && probeCells(*probes, r.row.id).problem;
        if ((isProblem(r.verdict.status) && !r.verdict.serviceDown) || fromHere)
            problems.append(r);
    }
    const FindingCounts counts = countFindings(j);
    QString summary = QStringLiteral("%1 expected listeners: %2 OK, %3 with problems; %4 "
                                     "unexpected sockets; %5 of %6 scenarios broken.")
                              .arg(rows.size())
                              .arg(rows.size() - problemListeners)
                              .arg(problemListeners)
                              .arg(counts.unexpectedSockets())
                              .arg(counts.brokenScenarios)
                              .arg(j.scenarios.size());
    for (const ServiceDown &down : j.servicesDown)
        summary += QLatin1Char(' ') + down.text + QLatin1Char('.');
    for (const UnexpectedSocket &socket : groupUnexpected(j.unexpected))
        if (const QString finding = hardeningFinding(j.unexpected, socket); !finding.isEmpty())
            summary += QStringLiteral(" Warning: %1.").arg(finding);
    doc.paragraphs.append(summary);
    if (probes)
        doc.paragraphs.append(probeSummaryText(*probes));

    TextTable problemTable = listenerTable(t, problems, QStringLiteral("Problems"), probes);
    for (qsizetype i = 0; i < j.servicesDown.size(); ++i) {
        QStringList row = serviceDownRow(t, j.servicesDown.at(i), rows);
        if (probes) {
            row << QString() << QString();
            problemTable.probeKeys.insert(i, QString());
        }
        problemTable.rows.insert(i, row);
        problemTable.statusKeys.insert(i, keyOf(ListenerStatus::Missing));
    }
    for (const UnexpectedListener &u : j.unexpected)
        if (const QString finding = hardeningFinding(u); !finding.isEmpty()) {
            QStringList row{QStringLiteral("Warning"),
                            QString(),
                            u.address,
                            transportLabel(u.transport),
                            QString::number(u.port),
                            QString(),
                            QString(),
                            u.process,
                            finding,
                            QString(),
                            QString()};
            if (probes) {
                row << QString() << QString();
                problemTable.probeKeys.append(QString());
            }
            problemTable.rows.append(row);
            problemTable.statusKeys.append(keyOf(ListenerStatus::Exposed));
        }
    if (problemTable.rows.isEmpty())
        problemTable.note = QStringLiteral("None: every expected listener is OK or dynamic.");
    doc.tables.append(problemTable);
    doc.tables.append(listenerTable(t, rows, QStringLiteral("All listeners"), probes));
    doc.tables.append(scenarioTable(t, j, rows));
    doc.tables.append(unexpectedTable(j));
    return doc;
}

TableDocument checkReportDocument(const Topology &t, const QList<const CheckResult *> &checks,
                                  const ProbeDiagnosis *probes)
{
    if (checks.size() == 1)
        return checkReportDocument(t, *checks.constFirst(), probes);
    TableDocument doc;
    doc.title = QStringLiteral("Check report: %1").arg(t.name);
    for (const CheckResult *c : checks) {
        const TableDocument one = checkReportDocument(t, *c, probes);
        const QString fqdn = serverName(t, c->judgement.server);
        for (const auto &[key, value] : one.facts)
            doc.facts.append({QStringLiteral("%1: %2").arg(fqdn, key), value});
        for (const QString &p : one.paragraphs)
            doc.paragraphs.append(QStringLiteral("%1: %2").arg(fqdn, p));
        for (TextTable table : one.tables) {
            table.heading = QStringLiteral("%1: %2").arg(fqdn, table.heading);
            doc.tables.append(table);
        }
    }
    return doc;
}

} // namespace edgemap
