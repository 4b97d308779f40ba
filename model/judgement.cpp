#include "judgement.h"

#include "pathanalysis.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace edgemap {

namespace {

struct StatusText
{
    ListenerStatus status;
    const char *key;
    const char *name;
};

constexpr StatusText kStatusText[] = {
        {ListenerStatus::NotChecked, "not-checked", "Not checked"},
        {ListenerStatus::Ok, "ok", "OK"},
        {ListenerStatus::Missing, "missing", "Missing"},
        {ListenerStatus::WrongProcess, "wrong-process", "Wrong process"},
        {ListenerStatus::WrongAddress, "wrong-address", "Wrong address"},
        {ListenerStatus::Exposed, "exposed", "Exposed"},
        {ListenerStatus::Dynamic, "dynamic", "Dynamic"},
        {ListenerStatus::Unknown, "unknown", "Unknown"},
};

quint32 socketKey(Transport t, int port)
{
    return (quint32(t) << 16) | quint32(port);
}

// What the judge needs of one server, resolved once.
struct ServerView
{
    const EdgeServer *server = nullptr;
    QList<std::pair<AddressId, IpAddress>> addresses;
    IpAddress internal;

    const IpAddress *ipOf(const AddressId &id) const
    {
        for (const auto &[aid, ip] : addresses)
            if (aid == id)
                return &ip;
        return nullptr;
    }
    bool owns(const IpAddress &ip) const
    {
        return std::any_of(addresses.cbegin(), addresses.cend(),
                           [&](const auto &a) { return a.second.sameHost(ip); });
    }
    bool isExternal(const IpAddress &ip, const Topology &t) const
    {
        for (const auto &[aid, a] : addresses)
            if (a.sameHost(ip))
                return t.interfaceOfAddress(aid)->side == InterfaceSide::External;
        return false;
    }
};

ServerView viewOf(const Topology &t, const EdgeServer &server)
{
    ServerView v;
    v.server = &server;
    for (const NetInterface &nic : server.interfaces)
        for (const Address &a : nic.addresses)
            if (const auto ip = IpAddress::parse(a.ip)) {
                v.addresses.append({a.id, *ip});
                if (nic.side == InterfaceSide::Internal && v.internal.isNull())
                    v.internal = *ip;
            }
    Q_UNUSED(t);
    return v;
}

// The rows of a snapshot indexed by transport and port, built in one pass.
struct RowIndex
{
    QHash<quint32, QList<int>> listening;   // TCP listen, every UDP endpoint
    QHash<quint32, QList<int>> established; // TCP established
};

RowIndex indexRows(const Snapshot &s)
{
    RowIndex index;
    for (int i = 0; i < s.rows.size(); ++i) {
        const SocketRow &r = s.rows.at(i);
        if (r.isListener())
            index.listening[socketKey(r.transport, r.localPort)].append(i);
        else if (r.state == TcpState::Established)
            index.established[socketKey(r.transport, r.localPort)].append(i);
    }
    return index;
}

QList<int> rowsInRange(const QHash<quint32, QList<int>> &index, Transport t, int from, int to)
{
    QList<int> out;
    for (int p = from; p <= to; ++p)
        if (const auto it = index.constFind(socketKey(t, p)); it != index.cend())
            out.append(it.value());
    return out;
}

// The owning process's name; PID 4 is the System process on every Windows version (netstat -b
// says it cannot obtain ownership information for it, -ano gives only the PID): HTTP.sys and
// SMB sockets belong to it.
QString ownerName(const Snapshot &s, const SocketRow &row)
{
    QString name = s.processName(row);
    if (name.isEmpty() && row.pid == 4)
        name = QStringLiteral("System");
    return name;
}

bool processMatches(const QString &process, const Service *service, const Listener &l)
{
    if (service && process.compare(service->executable, Qt::CaseInsensitive) == 0)
        return true;
    return std::any_of(l.alsoAccepted.cbegin(), l.alsoAccepted.cend(), [&](const QString &e) {
        return process.compare(e, Qt::CaseInsensitive) == 0;
    });
}

ObservedSocket observe(const Snapshot &s, const SocketRow &row)
{
    return {row.localIsName ? QStringLiteral("(name)") : row.local.toString(), row.pid,
            ownerName(s, row)};
}

QString ownerText(const ObservedSocket &o)
{
    if (!o.process.isEmpty())
        return o.pid >= 0 ? QStringLiteral("%1 (PID %2)").arg(o.process).arg(o.pid) : o.process;
    return o.pid >= 0 ? QStringLiteral("PID %1").arg(o.pid) : QStringLiteral("an unknown process");
}

struct Context
{
    const Topology &t;
    const Snapshot &s;
    const ServerView &server;
    const RowIndex &index;
    QList<std::pair<PeerId, Subnet>> peerSubnets;
};

QList<std::pair<PeerId, Subnet>> peerSubnets(const Topology &t)
{
    QList<std::pair<PeerId, Subnet>> out;
    for (const Peer &p : t.peers)
        for (const QString &a : p.addresses)
            if (const auto subnet = Subnet::parse(a))
                out.append({p.id, *subnet});
    return out;
}

void judgeDynamic(const Context &c, const Listener &l, const IpAddress *expected,
                  ListenerVerdict &v)
{
    v.status = ListenerStatus::Dynamic;
    // Ports, not sockets: a TCP relay port shows up listening and again per connection on it.
    QSet<int> ports;
    const auto countOn = [&](const QHash<quint32, QList<int>> &idx) {
        for (int i : rowsInRange(idx, l.transport, l.port, l.portEnd))
            if (!expected || c.s.rows.at(i).local.sameHost(*expected))
                ports.insert(c.s.rows.at(i).localPort);
    };
    countOn(c.index.listening);
    if (l.transport == Transport::Tcp)
        countOn(c.index.established);
    const int count = int(ports.size());
    (l.transport == Transport::Tcp ? v.relayTcp : v.relayUdp) = count;
    v.detail = QStringLiteral("allocated on demand; %1 %2 relay port(s) in use on %3")
                       .arg(count)
                       .arg(l.transport == Transport::Tcp ? QStringLiteral("TCP")
                                                          : QStringLiteral("UDP"),
                            expected ? expected->toString() : QStringLiteral("this server"));
}

void judgeBound(const Context &c, const Listener &l, const IpAddress *expected, ListenerVerdict &v)
{
    const Service *service = c.t.service(l.service);
    const QString exe = service ? service->executable : l.service.value();
    const QList<int> rows = rowsInRange(c.index.listening, l.transport, l.port, l.portEnd);
    const SocketRow *onExpected = nullptr, *wildcard = nullptr, *elsewhere = nullptr;
    const auto ownedByService = [&](const SocketRow *r) {
        const QString process = ownerName(c.s, *r);
        return !process.isEmpty() && processMatches(process, service, l);
    };
    for (int i : rows) {
        const SocketRow &r = c.s.rows.at(i);
        if (expected && r.local.sameHost(*expected))
            onExpected = onExpected ? onExpected : &r;
        else if (r.local.isUnspecified()
                 && (!expected || r.local.isV4() == expected->unmapped().isV4()))
            wildcard = wildcard ? wildcard : &r;
        // The same port on other addresses is often another service's (443 is bound three
        // times); prefer the row of the expected process, which makes it a wrong address.
        else if (c.server.owns(r.local)
                 && (!elsewhere || (!ownedByService(elsewhere) && ownedByService(&r))))
            elsewhere = &r;
    }
    const SocketRow *found = onExpected ? onExpected : wildcard;
    if (found) {
        v.observed = observe(c.s, *found);
        const QString owner = ownerText(*v.observed);
        if (!v.observed->process.isEmpty() && !processMatches(v.observed->process, service, l)) {
            v.status = ListenerStatus::WrongProcess;
            v.detail = QStringLiteral("bound by %1, expected %2").arg(owner, exe);
        } else if (onExpected || l.allInterfacesOk || !expected) {
            v.status = ListenerStatus::Ok;
            v.detail = onExpected ? QStringLiteral("listening, owned by %1").arg(owner)
                                  : QStringLiteral("listening on all interfaces (%1), owned by %2")
                                            .arg(v.observed->address, owner);
        } else {
            v.status = ListenerStatus::Exposed;
            v.detail = QStringLiteral("bound on all interfaces (%1) by %2: reachable on every "
                                      "address, expected on %3 only")
                               .arg(v.observed->address, owner, expected->toString());
        }
        return;
    }
    if (elsewhere) {
        const ObservedSocket o = observe(c.s, *elsewhere);
        if (!o.process.isEmpty() && processMatches(o.process, service, l)) {
            v.status = ListenerStatus::WrongAddress;
            v.observed = o;
            v.detail = QStringLiteral("%1 listens on %2 instead of %3")
                               .arg(exe, o.address, expected ? expected->toString() : QString());
            return;
        }
        v.status = ListenerStatus::Missing;
        v.detail = QStringLiteral("nothing listening on %1; the port is bound on %2 by %3")
                           .arg(expected ? expected->toString() : QStringLiteral("this server"),
                                o.address, ownerText(o));
        return;
    }
    v.status = ListenerStatus::Missing;
    v.detail = QStringLiteral("nothing listening on %1 %2 (service %3, %4)")
                       .arg(socketLabel(l.transport, l.port, l.portEnd),
                            expected ? expected->toString() : QStringLiteral("any address"),
                            l.service.value(), exe);
}

void countEstablished(const Context &c, const Listener &l, const IpAddress *expected,
                      ListenerVerdict &v)
{
    if (l.transport != Transport::Tcp)
        return;
    QSet<IpAddress> remotes;
    for (int i : rowsInRange(c.index.established, l.transport, l.port, l.portEnd)) {
        const SocketRow &r = c.s.rows.at(i);
        if (expected ? !r.local.sameHost(*expected) : !c.server.owns(r.local))
            continue;
        ++v.established;
        if (!r.remote.isNull())
            remotes.insert(r.remote.unmapped());
    }
    // Attribute the distinct remote addresses (few) to peers, not every connection (many).
    QSet<PeerId> peers;
    for (const IpAddress &remote : remotes) {
        v.remoteAddresses.append(remote.toString());
        for (const auto &[peer, subnet] : c.peerSubnets)
            if (subnet.contains(remote))
                peers.insert(peer);
    }
    v.remoteAddresses.sort();
    for (const Peer &p : c.t.peers)
        if (peers.contains(p.id))
            v.remotePeers.append(p.id);
}

// How the listener's row would read in the capture, in each form that satisfies it (on its
// address or on all interfaces), for matching a findstr / Select-String pattern against it.
ExpectedRow expectedRow(const Context &c, const Listener &l, const IpAddress *expected)
{
    ExpectedRow row{l.transport, l.port, {}};
    if (l.portEnd > l.port)
        return row; // a range: which port's row the filter needed is unknown
    const bool v6 = expected && expected->isV6() && !expected->isV4Mapped();
    const QString port = QString::number(l.port);
    const QString wildcard = v6 ? QStringLiteral("[::]") : QStringLiteral("0.0.0.0");
    // Without an expected address any address satisfies it: "?" matches no pattern text.
    const QString own = expected ? (v6 ? QStringLiteral("[%1]").arg(expected->toString())
                                       : expected->unmapped().toString())
                                 : QStringLiteral("?");
    const bool netstat = c.s.format.startsWith(QLatin1String("netstat"));
    for (const QString &address : {own, wildcard}) {
        if (!netstat) // Get-NetTCPConnection / Get-NetUDPEndpoint table columns
            row.texts.append(
                    l.transport == Transport::Tcp
                            ? QStringLiteral("%1 %2 0.0.0.0 0 Listen")
                                      .arg(address.mid(v6 ? 1 : 0).chopped(v6 ? 1 : 0), port)
                            : QStringLiteral("%1 %2").arg(address, port));
        else if (l.transport == Transport::Tcp)
            row.texts.append(
                    QStringLiteral("TCP %1:%2 %3:0 LISTENING").arg(address, port, wildcard));
        else
            row.texts.append(QStringLiteral("UDP %1:%2 *:*").arg(address, port));
    }
    return row;
}

// A filtered capture (findstr, Select-String, Where-Object) proves nothing about rows its filter
// could not have shown: such a listener is unknown, not missing.
void applyFilter(const Context &c, const Listener &l, const IpAddress *expected, ListenerVerdict &v)
{
    const bool absent = v.status == ListenerStatus::Missing
                        || (v.status == ListenerStatus::Unknown && !v.observed);
    if (c.s.filter.isEmpty() || !absent || filterCouldShow(c.s.filter, expectedRow(c, l, expected)))
        return;
    v.status = ListenerStatus::Unknown;
    v.detail = QStringLiteral("not in this filtered capture (%1)").arg(c.s.filter);
}

ListenerVerdict judgeListener(const Context &c, const Listener &l)
{
    ListenerVerdict v;
    v.listener = l.id;
    const Service *service = c.t.service(l.service);
    if (!l.enabled || (service && !service->enabled)) {
        v.detail = QStringLiteral("disabled in the topology");
        return v;
    }
    const IpAddress *expected = l.address.isEmpty() ? nullptr : c.server.ipOf(l.address);
    const bool transportSeen = l.transport == Transport::Udp ? c.s.hasUdp : c.s.hasTcp;
    if (!transportSeen) { // e.g. netstat -p tcp: saying "0 relay ports" or "missing" would lie
        v.status = ListenerStatus::Unknown;
        v.detail = QStringLiteral("the snapshot has no %1 sockets at all, so it cannot tell")
                           .arg(l.transport == Transport::Udp ? QStringLiteral("UDP")
                                                              : QStringLiteral("TCP"));
    } else if (l.dynamic) {
        judgeDynamic(c, l, expected, v);
    } else {
        judgeBound(c, l, expected, v);
    }
    applyFilter(c, l, expected, v);
    countEstablished(c, l, expected, v);
    return v;
}

bool explained(const EdgeServer &server, const ServerView &view, const SocketRow &r)
{
    for (const Listener &l : server.listeners) {
        if (l.transport != r.transport || !l.containsPort(r.localPort))
            continue;
        if (r.local.isUnspecified() || l.address.isEmpty())
            return true;
        if (const IpAddress *ip = view.ipOf(l.address); ip && ip->sameHost(r.local))
            return true;
    }
    return false;
}

QList<UnexpectedListener> findUnexpected(const Context &c)
{
    QList<UnexpectedListener> out;
    QSet<QString> seen;
    for (const SocketRow &r : c.s.rows) {
        if (!r.isListener() || r.localIsName || r.local.isLoopback())
            continue;
        if (!r.local.isUnspecified() && !c.server.isExternal(r.local, c.t))
            continue;
        if (explained(*c.server.server, c.server, r))
            continue;
        UnexpectedListener u{r.local.toString(), r.transport, r.localPort, r.pid,
                             ownerName(c.s, r)};
        const QString key
                = QStringLiteral("%1|%2|%3").arg(u.address).arg(int(u.transport)).arg(u.port);
        if (!seen.contains(key)) {
            seen.insert(key);
            out.append(u);
        }
    }
    std::sort(out.begin(), out.end(), [](const UnexpectedListener &a, const UnexpectedListener &b) {
        return std::tie(a.port, a.transport, a.address) < std::tie(b.port, b.transport, b.address);
    });
    return out;
}

QList<ScenarioVerdict> judgeScenarios(const Topology &t, const ServerId &server,
                                      const QList<ListenerVerdict> &verdicts)
{
    QSet<ListenerId> down;
    for (const ListenerVerdict &v : verdicts)
        if (isDown(v.status))
            down.insert(v.listener);
    const PathAnalysis analysis(t);
    const QList<ScenarioImpact> impact = analysis.impact(down);
    QList<ScenarioVerdict> out;
    for (const Scenario &s : t.scenarios) {
        ScenarioVerdict v{s.id, true, {}};
        bool applies = false;
        for (const ResolvedScenario &r : analysis.resolve(s.id))
            applies = applies || r.server == server;
        if (!applies)
            continue;
        for (const ScenarioImpact &i : impact)
            if (i.scenario == s.id && i.server == server) {
                v.ok = false;
                v.brokenBy = i.brokenBy;
            }
        out.append(v);
    }
    return out;
}

} // namespace

QString keyOf(ListenerStatus status)
{
    for (const auto &s : kStatusText)
        if (s.status == status)
            return QString::fromLatin1(s.key);
    return {};
}

QString displayName(ListenerStatus status)
{
    for (const auto &s : kStatusText)
        if (s.status == status)
            return QString::fromLatin1(s.name);
    return {};
}

bool isProblem(ListenerStatus status)
{
    return status != ListenerStatus::Ok && status != ListenerStatus::Dynamic
           && status != ListenerStatus::NotChecked;
}

bool isDown(ListenerStatus status)
{
    return status == ListenerStatus::Missing || status == ListenerStatus::WrongProcess
           || status == ListenerStatus::WrongAddress;
}

const ListenerVerdict *Judgement::verdict(const ListenerId &id) const
{
    for (const ListenerVerdict &v : listeners)
        if (v.listener == id)
            return &v;
    return nullptr;
}

int Judgement::problemCount() const
{
    return int(std::count_if(listeners.cbegin(), listeners.cend(),
                             [](const ListenerVerdict &v) { return isProblem(v.status); }));
}

Judgement judge(const Topology &t, const Snapshot &s, const ServerId &serverId)
{
    Judgement j;
    j.server = serverId;
    const EdgeServer *server = t.server(serverId);
    if (!server)
        return j;
    const ServerView view = viewOf(t, *server);
    const RowIndex index = indexRows(s);
    const Context c{t, s, view, index, peerSubnets(t)};
    for (const Listener &l : server->listeners)
        j.listeners.append(judgeListener(c, l));
    j.unexpected = findUnexpected(c);
    j.scenarios = judgeScenarios(t, serverId, j.listeners);
    return j;
}

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
    QHash<const EdgeServer *, int> hits;
    QSet<QString> seen;
    for (const EdgeServer *e : servers) {
        const ServerView view = viewOf(t, *e);
        for (const SocketRow &r : s.rows) {
            if (view.owns(r.local))
                ++hits[e];
        }
    }
    for (const SocketRow &r : s.rows)
        if (!r.localIsName && !r.local.isUnspecified() && !r.local.isLoopback() && seen.size() < 12)
            seen.insert(r.local.unmapped().toString());
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
    QStringList addresses(seen.cbegin(), seen.cend());
    addresses.sort();
    return {{},
            QStringLiteral("the snapshot matches no server of the topology: it shows the "
                           "addresses %1; the topology has %2 (use --server to choose)")
                    .arg(addresses.isEmpty() ? QStringLiteral("(none)")
                                             : addresses.join(QStringLiteral(", ")),
                         serverList())};
}

} // namespace edgemap
