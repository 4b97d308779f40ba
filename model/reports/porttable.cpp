#include "reports/porttable.h"

#include "reports/listenerrows.h"
#include "reports/probecolumns.h"
#include "snapshot/check.h"

#include <QHash>

#include <algorithm>

namespace edgemap {

namespace {

bool rangesOverlap(int a, int aEnd, int b, int bEnd)
{
    return a <= std::max(b, bEnd) && b <= std::max(a, aEnd);
}

bool addressHasRole(const Topology &t, const AddressId &id, AddressRole role)
{
    const Address *a = t.address(id);
    return a && a->roles.contains(role);
}

// Whether a flow's destination is this listener: an endpoint the listener carries, or (for flows
// aimed at an address role) the listener's socket on an address with that role.
bool flowReaches(const Topology &t, const Flow &f, const PoolId &pool, const Listener &l)
{
    if (f.to.pool != pool)
        return false;
    if (f.to.kind == FlowEnd::Kind::Endpoint)
        return l.hasEndpoint(f.to.endpointKey);
    if (f.to.kind == FlowEnd::Kind::AddressRole)
        return f.transport == l.transport && addressHasRole(t, l.address, f.to.role)
               && rangesOverlap(f.port, f.portEnd, l.port, l.portEnd);
    return false;
}

QStringList connectingPeers(const Topology &t, const PoolId &pool, const Listener &l)
{
    QStringList names;
    for (const Flow &f : t.flows) {
        if (f.from.kind != FlowEnd::Kind::Peer || !flowReaches(t, f, pool, l))
            continue;
        const Peer *p = t.peer(f.from.peer);
        QString name = p ? p->name : f.from.peer.value();
        if (f.optional)
            name += QStringLiteral(" (optional)");
        if (!names.contains(name))
            names.append(name);
    }
    return names;
}

// The peers whose flows reach the socket. Without a flow (a listener the user added) the
// catalog's words say who; for the relay range they come first, as nobody connects to it unasked.
QString whoConnects(const ListenerRow &row, const QStringList &peers)
{
    const QString names = peers.join(QStringLiteral(", "));
    if (peers.isEmpty())
        return row.clients;
    if (row.dynamic && !row.clients.isEmpty())
        return QStringLiteral("%1; inbound also: %2").arg(row.clients, names);
    return names;
}

QString observedText(const ListenerVerdict &v)
{
    if (!v.observed)
        return {};
    const ObservedSocket &o = *v.observed;
    QString who = o.process.isEmpty() ? QString() : o.process;
    if (o.pid >= 0)
        who += who.isEmpty() ? QStringLiteral("PID %1").arg(o.pid)
                             : QStringLiteral(" (PID %1)").arg(o.pid);
    if (who.isEmpty())
        return o.address;
    return QStringLiteral("%1 on %2").arg(who, o.address);
}

void applyVerdict(PortTableRow &row, const ListenerVerdict &v)
{
    row.checked = true;
    row.status = v.status;
    row.detail = v.detail;
    row.observed = observedText(v);
    row.established = v.established;
}

QString addressText(const PortTableRow &r)
{
    return r.allInterfaces ? QStringLiteral("all interfaces (expected on %1)").arg(r.address)
                           : r.address;
}

QStringList rowCells(const PortTableRow &r, bool checked, bool probed)
{
    QString purpose = r.purpose;
    if (!r.enabled)
        purpose += QStringLiteral(" (disabled in the topology)");
    QStringList cells{r.server,
                      r.side == InterfaceSide::Internal ? QStringLiteral("Internal")
                                                        : QStringLiteral("External"),
                      r.addressRoles,
                      addressText(r),
                      r.natPublicIp,
                      transportLabel(r.transport),
                      portLabel(r.port, r.portEnd),
                      r.protocol,
                      r.service.value(),
                      r.serviceName,
                      r.executable,
                      r.whoConnects,
                      purpose};
    if (checked)
        cells << displayName(r.status) // NotChecked unless its server was judged
              << r.observed << (r.checked ? QString::number(r.established) : QString());
    if (probed)
        cells << r.probeWord << r.probeFinding;
    return cells;
}

} // namespace

QString transportLabel(Transport transport)
{
    return keyOf(transport).toUpper();
}

QString portLabel(int port, int portEnd)
{
    return portEnd > port ? QStringLiteral("%1-%2").arg(port).arg(portEnd) : QString::number(port);
}

PortTable buildPortTable(const Topology &t, const CheckResult *check)
{
    return buildPortTable(t, QList<const CheckResult *>{check});
}

PortTable buildPortTable(const Topology &t, const QList<const CheckResult *> &checks)
{
    PortTable table;
    table.topologyName = t.name;
    table.product = t.product;
    QHash<ServerId, const CheckResult *> byServer;
    for (const CheckResult *check : checks) {
        if (!check || !check->ok() || byServer.contains(check->judgement.server))
            continue;
        byServer.insert(check->judgement.server, check);
        table.checked = true;
        table.checkedServers.append(check->judgement.server);
        table.snapshotSources.append(check->source.text());
    }
    for (const ListenerRow &lr : listenerRows(t)) {
        const Listener *l = t.listener(lr.id);
        const EdgePool *pool = t.poolOfServer(lr.serverId);
        PortTableRow row;
        row.listener = lr.id;
        row.serverId = lr.serverId;
        row.server = lr.server;
        row.side = lr.side;
        row.addressRoles = lr.addressRoles;
        row.address = lr.address;
        row.natPublicIp = lr.natPublicIp;
        row.allInterfaces = lr.allInterfaces;
        row.transport = lr.transport;
        row.port = lr.port;
        row.portEnd = lr.portEnd;
        row.protocol = lr.protocol;
        row.service = lr.service;
        row.serviceName = lr.serviceName;
        row.executable = lr.executable;
        if (l && pool)
            row.connectingPeers = connectingPeers(t, pool->id, *l);
        row.whoConnects = whoConnects(lr, row.connectingPeers);
        row.purpose = lr.purpose;
        row.dynamic = lr.dynamic;
        row.enabled = lr.enabled;
        if (const CheckResult *check = byServer.value(lr.serverId))
            if (const ListenerVerdict *v = check->judgement.verdict(lr.id))
                applyVerdict(row, *v);
        table.rows.append(row);
    }
    return table;
}

void applyProbes(PortTable &table, const ProbeDiagnosis &probes)
{
    if (probes.isEmpty())
        return;
    table.probedFrom = probeRunText(*probes.run);
    table.probeSummary = probeSummaryText(probes);
    for (PortTableRow &row : table.rows) {
        const ProbeCells cells = probeCells(probes, row.listener);
        row.probeWord = cells.word;
        row.probeKey = cells.key;
        row.probeFinding = cells.finding;
    }
}

TableDocument portTableDocument(const PortTable &table)
{
    TableDocument doc;
    doc.title = QStringLiteral("Port table: %1").arg(table.topologyName);
    doc.facts.append({QStringLiteral("Product"), displayName(table.product)});
    // One line per checked server, named by its FQDN when there are several.
    for (qsizetype i = 0; i < table.snapshotSources.size(); ++i) {
        const auto row
                = std::find_if(table.rows.cbegin(), table.rows.cend(), [&](const PortTableRow &r) {
                      return r.serverId == table.checkedServers.at(i);
                  });
        const QString server
                = row != table.rows.cend() ? row->server : table.checkedServers.at(i).value();
        doc.facts.append({table.snapshotSources.size() == 1
                                  ? QStringLiteral("Snapshot")
                                  : QStringLiteral("Snapshot of %1").arg(server),
                          table.snapshotSources.at(i)});
    }
    const bool probed = !table.probedFrom.isEmpty();
    if (probed)
        doc.facts.append({QStringLiteral("Probed"), table.probedFrom});
    doc.paragraphs.append(QStringLiteral(
            "Every socket each Edge server is expected to listen on, per server and address. "
            "\"Who connects\" lists the peers whose flows reach the socket."));
    if (probed)
        doc.paragraphs.append(table.probeSummary
                              + QStringLiteral(" \"From here\" is what a probe from that "
                                               "computer found, joined with the snapshot."));
    const QStringList columns{QStringLiteral("Server"),     QStringLiteral("Interface"),
                              QStringLiteral("Role"),       QStringLiteral("Address"),
                              QStringLiteral("NAT public"), QStringLiteral("Transport"),
                              QStringLiteral("Port"),       QStringLiteral("Protocol"),
                              QStringLiteral("Service"),    QStringLiteral("Service name"),
                              QStringLiteral("Executable"), QStringLiteral("Who connects"),
                              QStringLiteral("Purpose")};
    for (const PortTableRow &r : table.rows) {
        if (doc.tables.isEmpty() || doc.tables.last().heading != r.server) {
            TextTable t;
            t.heading = r.server;
            t.columns = columns;
            if (table.checked) {
                t.columns << QStringLiteral("Status") << QStringLiteral("Observed")
                          << QStringLiteral("Established");
                t.statusColumn = int(columns.size());
                if (!table.checkedServers.contains(r.serverId))
                    t.note = QStringLiteral("No snapshot of this server was loaded: not "
                                            "checked.");
            }
            if (probed) {
                t.probeColumn = int(t.columns.size());
                t.columns << probeColumnNames();
            }
            doc.tables.append(t);
        }
        TextTable &t = doc.tables.last();
        t.rows.append(rowCells(r, table.checked, probed));
        if (table.checked)
            t.statusKeys.append(keyOf(r.status));
        if (probed)
            t.probeKeys.append(r.probeKey);
    }
    return doc;
}

} // namespace edgemap
