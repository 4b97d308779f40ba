// Which server a snapshot was taken on (matchServer), apart from judging it.
#include "snapshot/judgement.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace edgemap {

namespace {

QList<IpAddress> addressesOf(const EdgeServer &server)
{
    QList<IpAddress> out;
    for (const NetInterface &nic : server.interfaces)
        for (const Address &a : nic.addresses)
            if (const auto ip = IpAddress::parse(a.ip))
                out.append(*ip);
    return out;
}

// A distinct local address of a snapshot, in order of first appearance.
struct LocalAddress
{
    IpAddress ip;
    qsizetype rows = 0;
    bool named = false; // on a row that gives it as an address (netstat -n), not a host name
};

QList<LocalAddress> localAddresses(const Snapshot &s)
{
    QList<LocalAddress> out;
    QHash<IpAddress, qsizetype> position;
    qsizetype last = -1; // rows come in runs of the same address: skip the hash for those
    for (const SocketRow &r : s.rows) {
        if (last < 0 || !(out.at(last).ip == r.local)) {
            if (const auto it = position.constFind(r.local); it != position.cend()) {
                last = it.value();
            } else {
                last = out.size();
                position.insert(r.local, last);
                out.append({r.local, 0, false});
            }
        }
        LocalAddress &a = out[last];
        ++a.rows;
        a.named = a.named || !r.localIsName;
    }
    return out;
}

} // namespace

ServerMatch matchServer(const Topology &t, const Snapshot &s, const QString &override)
{
    QList<const EdgeServer *> servers;
    for (const EdgePool &p : t.pools)
        for (const EdgeServer &e : p.servers)
            servers.append(&e);
    const auto serverList = [&] {
        QStringList parts;
        for (const EdgeServer *e : servers) {
            QStringList ips;
            for (const NetInterface &nic : e->interfaces)
                for (const Address &a : nic.addresses)
                    ips.append(a.ip);
            parts.append(QStringLiteral("%1 (%2)").arg(e->fqdn, ips.join(QStringLiteral(", "))));
        }
        return parts.join(QStringLiteral("; "));
    };
    if (!override.isEmpty()) {
        for (const EdgeServer *e : servers)
            if (e->id.value() == override || e->fqdn.compare(override, Qt::CaseInsensitive) == 0
                || e->fqdn.section(QLatin1Char('.'), 0, 0).compare(override, Qt::CaseInsensitive)
                           == 0)
                return {e->id, {}};
        return {{},
                QStringLiteral("no server '%1' in the topology; servers: %2")
                        .arg(override, serverList())};
    }
    // A capture binds few local addresses, each on many rows: count rows per address once, then
    // match the few addresses, not every row, against every server.
    const QList<LocalAddress> locals = localAddresses(s);
    QHash<const EdgeServer *, qsizetype> hits;
    for (const EdgeServer *e : servers) {
        const QList<IpAddress> own = addressesOf(*e);
        for (const LocalAddress &a : locals)
            if (std::any_of(own.cbegin(), own.cend(),
                            [&](const IpAddress &ip) { return ip.sameHost(a.ip); }))
                hits[e] += a.rows;
    }
    const EdgeServer *best = nullptr;
    for (const EdgeServer *e : servers) {
        const bool hostMatches
                = !s.header.host.isEmpty()
                  && e->fqdn.section(QLatin1Char('.'), 0, 0)
                                     .compare(s.header.host.section(QLatin1Char('.'), 0, 0),
                                              Qt::CaseInsensitive)
                             == 0;
        if (hits.value(e) > 0
            && (!best || hits.value(e) > hits.value(best)
                || (hits.value(e) == hits.value(best) && hostMatches)))
            best = e;
    }
    if (best)
        return {best->id, {}};
    // No address of any server: the capture's own host name (EdgeMap's capture helpers write it)
    // still names the server; the verdicts will then say the addresses are wrong.
    const QString host = s.header.host.section(QLatin1Char('.'), 0, 0);
    for (const EdgeServer *e : servers)
        if (!host.isEmpty()
            && e->fqdn.section(QLatin1Char('.'), 0, 0).compare(host, Qt::CaseInsensitive) == 0)
            return {e->id, {}};
    // Only now, for the message: formatting every row's address costs more than the whole check.
    QSet<QString> seen;
    for (const LocalAddress &a : locals)
        if (a.named && !a.ip.isUnspecified() && !a.ip.isLoopback() && seen.size() < 12)
            seen.insert(a.ip.unmapped().toString());
    QStringList addresses(seen.cbegin(), seen.cend());
    addresses.sort();
    return {{},
            QStringLiteral("the snapshot matches no server of the topology: it shows the "
                           "addresses %1; the topology has %2")
                    .arg(addresses.isEmpty() ? QStringLiteral("(none)")
                                             : addresses.join(QStringLiteral(", ")),
                         serverList())};
}

} // namespace edgemap
