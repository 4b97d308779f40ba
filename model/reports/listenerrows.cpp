#include "reports/listenerrows.h"

#include <algorithm>

namespace edgemap {

namespace {

QString joined(const QList<Endpoint> &endpoints, QString Endpoint::*field, const QString &sep)
{
    QStringList parts;
    for (const Endpoint &e : endpoints)
        if (!(e.*field).isEmpty() && !parts.contains(e.*field))
            parts.append(e.*field);
    return parts.join(sep);
}

ListenerRow makeRow(const Topology &t, const EdgeServer &server, const Listener &l)
{
    ListenerRow row;
    row.id = l.id;
    row.serverId = server.id;
    row.server = server.fqdn;
    row.side = t.sideOfListener(l);
    row.allInterfaces = l.address.isEmpty();
    const Address *a = row.allInterfaces ? internalAddress(server) : t.address(l.address);
    if (a) {
        row.address = a->ip;
        row.addressRoles = rolesText(a->roles);
        row.natPublicIp = a->natPublicIp;
    }
    row.transport = l.transport;
    row.port = l.port;
    row.portEnd = l.portEnd;
    row.protocol = l.protocols().join(QStringLiteral(" / "));
    row.purpose = joined(l.endpoints, &Endpoint::purpose, QStringLiteral("; "));
    row.clients = joined(l.endpoints, &Endpoint::clients, QStringLiteral("; "));
    row.service = l.service;
    if (const Service *s = t.service(l.service)) {
        row.serviceName = s->displayName;
        row.executable = s->executable;
    }
    row.enabled = t.isActive(l);
    row.dynamic = l.dynamic;
    return row;
}

int addressOrdinal(const EdgeServer &server, const AddressId &id)
{
    int n = 0;
    for (const NetInterface &nic : server.interfaces)
        for (const Address &a : nic.addresses) {
            if (a.id == id)
                return n;
            ++n;
        }
    return -1; // all interfaces first
}

} // namespace

const Address *internalAddress(const EdgeServer &server)
{
    for (const NetInterface &nic : server.interfaces)
        if (nic.side == InterfaceSide::Internal && !nic.addresses.isEmpty())
            return &nic.addresses.first();
    return nullptr;
}

QList<ListenerRow> listenerRows(const Topology &t)
{
    QList<ListenerRow> rows;
    for (const EdgePool &pool : t.pools) {
        for (const EdgeServer &server : pool.servers) {
            // Internal before external, then by address as configured, transport and port.
            QList<std::pair<std::tuple<int, int, int, int>, ListenerRow>> keyed;
            for (const Listener &l : server.listeners) {
                ListenerRow row = makeRow(t, server, l);
                const std::tuple key{int(row.side), addressOrdinal(server, l.address),
                                     int(row.transport), row.port};
                keyed.append({key, std::move(row)});
            }
            std::stable_sort(keyed.begin(), keyed.end(),
                             [](const auto &a, const auto &b) { return a.first < b.first; });
            for (auto &entry : keyed)
                rows.append(std::move(entry.second));
        }
    }
    return rows;
}

} // namespace edgemap
