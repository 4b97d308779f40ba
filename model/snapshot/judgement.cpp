#include "snapshot/judgement.h"

#include "core/pathanalysis.h"
#include "snapshot/diagnosis.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <limits>
#include <span>
#include <vector>

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

constexpr int kPorts = 1 << 16;
constexpr int kSocketKeys = 2 * kPorts; // TCP ports, then UDP ports

int socketKey(Transport t, int port)
{
    return (t == Transport::Udp ? kPorts : 0) + port;
}

// IpAddress::sameHost against an address unmapped once, inline: it runs once per socket of a
// port, hundreds of thousands of times on a busy Edge.
bool sameHostAs(const IpAddress &ip, const IpAddress &unmappedHost)
{
    if (ip.family() == unmappedHost.family())
        return ip.addressWord(0) == unmappedHost.addressWord(0)
               && ip.addressWord(1) == unmappedHost.addressWord(1);
    return unmappedHost.isV4() && ip.isV4Mapped() && ip.unmapped().bytes() == unmappedHost.bytes();
}

IpAddress unmappedOf(const IpAddress &ip)
{
    return ip.isV6() ? ip.unmapped() : ip;
}

struct ServerAddress
{
    AddressId id;
    IpAddress ip;
    InterfaceSide side = InterfaceSide::Internal;
};

// What the judge needs of one server, resolved once.
struct ServerView
{
    const EdgeServer *server = nullptr;
    QList<ServerAddress> addresses;

    const IpAddress *ipOf(const AddressId &id) const
    {
        for (const ServerAddress &a : addresses)
            if (a.id == id)
                return &a.ip;
        return nullptr;
    }
    bool owns(const IpAddress &ip) const
    {
        return std::any_of(addresses.cbegin(), addresses.cend(),
                           [&](const ServerAddress &a) { return a.ip.sameHost(ip); });
    }
    bool isExternal(const IpAddress &ip) const
    {
        for (const ServerAddress &a : addresses)
            if (a.ip.sameHost(ip))
                return a.side == InterfaceSide::External;
        return false;
    }
};

ServerView viewOf(const EdgeServer &server)
{
    ServerView v;
    v.server = &server;
    for (const NetInterface &nic : server.interfaces)
        for (const Address &a : nic.addresses)
            if (const auto ip = IpAddress::parse(a.ip))
                v.addresses.append({a.id, *ip, nic.side});
    return v;
}

// Rows grouped by transport and local port by a counting sort: the rows on a port or a port
// range are one run, in port order and then row order, found without walking the range.
class PortIndex
{
public:
    template<class Pred>
    static PortIndex build(const Snapshot &s, Pred wanted)
    {
        PortIndex index;
        index.m_start.assign(kSocketKeys + 1, 0);
        for (const SocketRow &r : s.rows)
            if (wanted(r))
                ++index.m_start[socketKey(r.transport, r.localPort) + 1];
        for (int k = 0; k < kSocketKeys; ++k)
            index.m_start[k + 1] += index.m_start[k];
        index.m_rows.resize(size_t(index.m_start[kSocketKeys]));
        std::vector<int> next(index.m_start.cbegin(), index.m_start.cend() - 1);
        for (int i = 0; i < int(s.rows.size()); ++i) {
            const SocketRow &r = s.rows.at(i);
            if (wanted(r))
                index.m_rows[size_t(next[socketKey(r.transport, r.localPort)]++)] = i;
        }
        return index;
    }

    std::span<const int> rows(Transport t, int from, int to) const
    {
        from = std::max(from, 0);
        to = std::min(to, kPorts - 1);
        if (from > to)
            return {};
        const int begin = m_start[size_t(socketKey(t, from))];
        const int end = m_start[size_t(socketKey(t, to)) + 1];
        return std::span<const int>(m_rows).subspan(size_t(begin), size_t(end - begin));
    }

private:
    std::vector<int> m_start; // kSocketKeys + 1 offsets into m_rows
    std::vector<int> m_rows;
};

// The rows of a snapshot indexed by transport and port.
struct RowIndex
{
    PortIndex listening;   // TCP listen, every UDP endpoint
    PortIndex established; // TCP established
};

RowIndex indexRows(const Snapshot &s)
{
    return {PortIndex::build(s, [](const SocketRow &r) { return r.isListener(); }),
            PortIndex::build(s, [](const SocketRow &r) {
                return !r.isListener() && r.state == TcpState::Established;
            })};
}

// Sorted, disjoint port intervals: whether a port is in any of them in O(log n).
class PortSet
{
public:
    void add(int from, int to) { m_ranges.push_back({from, to}); }
    void seal()
    {
        std::sort(m_ranges.begin(), m_ranges.end());
        std::vector<std::pair<int, int>> merged;
        for (const auto &r : m_ranges)
            if (!merged.empty() && r.first <= merged.back().second + 1)
                merged.back().second = std::max(merged.back().second, r.second);
            else
                merged.push_back(r);
        m_ranges = std::move(merged);
    }
    bool contains(int port) const
    {
        auto it = std::upper_bound(m_ranges.cbegin(), m_ranges.cend(),
                                   std::pair{port, std::numeric_limits<int>::max()});
        return it != m_ranges.cbegin() && std::prev(it)->second >= port;
    }

private:
    std::vector<std::pair<int, int>> m_ranges;
};

// The ports the server's listeners cover, per transport: for any address (an unspecified
// socket is explained by any listener on its port), for listeners bound on all interfaces, and
// per address of the server.
struct Coverage
{
    PortSet anyListener[2];
    PortSet allInterfaces[2];
    QList<PortSet> perAddress[2]; // parallel to ServerView::addresses

    bool explains(const ServerView &view, const SocketRow &r) const
    {
        const int t = int(r.transport);
        if (r.local.isUnspecified())
            return anyListener[t].contains(r.localPort);
        if (allInterfaces[t].contains(r.localPort))
            return true;
        for (qsizetype a = 0; a < view.addresses.size(); ++a)
            if (view.addresses.at(a).ip.sameHost(r.local)
                && perAddress[t].at(a).contains(r.localPort))
                return true;
        return false;
    }
};

Coverage coverageOf(const ServerView &view)
{
    Coverage c;
    for (QList<PortSet> &sets : c.perAddress)
        sets.resize(view.addresses.size());
    for (const Listener &l : view.server->listeners) {
        const int t = int(l.transport);
        c.anyListener[t].add(l.port, l.portEnd);
        if (l.address.isEmpty()) {
            c.allInterfaces[t].add(l.port, l.portEnd);
            continue;
        }
        for (qsizetype a = 0; a < view.addresses.size(); ++a)
            if (view.addresses.at(a).id == l.address) {
                c.perAddress[t][a].add(l.port, l.portEnd);
                break; // ipOf: the first address with the id
            }
    }
    for (int t = 0; t < 2; ++t) {
        c.anyListener[t].seal();
        c.allInterfaces[t].seal();
        for (PortSet &set : c.perAddress[t])
            set.seal();
    }
    return c;
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

// The sockets the server's listeners expect, to tell another listener's legitimate socket on a
// port (443 is bound three times) from a culprit. Built once per judgement: single-port
// listeners by port (with their address and executables), port ranges as port sets.
class Expectations
{
public:
    Expectations(const Topology &t, const ServerView &view)
        : m_topology(t)
        , m_view(view)
    {
        for (const Listener &l : view.server->listeners) {
            if (!t.isActive(l))
                continue;
            if (l.portEnd > l.port)
                m_ranges[int(l.transport)].add(l.port, l.portEnd);
            else
                m_single[socketKey(l.transport, l.port)].append(&l);
        }
        for (PortSet &set : m_ranges)
            set.seal();
    }

    // Whether a listener other than `self` expects the row: bound where it is, by its process
    // (or a process the capture does not name).
    bool expectsOther(const SocketRow &r, const QString &process, const Listener &self) const
    {
        if (self.portEnd == self.port && m_ranges[int(r.transport)].contains(r.localPort))
            return true;
        const auto it = m_single.constFind(socketKey(r.transport, r.localPort));
        if (it == m_single.cend())
            return false;
        for (const Listener *o : it.value()) {
            if (o == &self)
                continue;
            const IpAddress *ip = o->address.isEmpty() ? nullptr : m_view.ipOf(o->address);
            if (!o->address.isEmpty() && !(ip && ip->sameHost(r.local)))
                continue;
            if (process.isEmpty() || processMatches(process, m_topology.service(o->service), *o))
                return true;
        }
        return false;
    }

private:
    const Topology &m_topology;
    const ServerView &m_view;
    QHash<int, QList<const Listener *>> m_single;
    PortSet m_ranges[2];
};

struct Context
{
    const Topology &t;
    const Snapshot &s;
    const ServerView &server;
    const RowIndex &index;
    QList<std::pair<PeerId, Subnet>> peerSubnets;
    Expectations expectations;
};

// The distinct local ports of the rows that pass `keep`, ascending (runs are in port order).
template<class Keep>
std::vector<int> distinctPorts(const Snapshot &s, std::span<const int> run, Keep keep)
{
    std::vector<int> ports;
    for (int i : run) {
        const SocketRow &r = s.rows.at(i);
        if (keep(r) && (ports.empty() || ports.back() != r.localPort))
            ports.push_back(r.localPort);
    }
    return ports;
}

qsizetype unionSize(const std::vector<int> &a, const std::vector<int> &b)
{
    qsizetype n = 0;
    auto i = a.cbegin(), j = b.cbegin();
    while (i != a.cend() || j != b.cend()) {
        ++n;
        if (j == b.cend() || (i != a.cend() && *i < *j))
            ++i;
        else if (i == a.cend() || *j < *i)
            ++j;
        else
            ++i, ++j;
    }
    return n;
}

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
    const IpAddress host = expected ? expected->unmapped() : IpAddress();
    const auto onAddress = [&](const SocketRow &r) {
        return !expected || sameHostAs(r.local, host);
    };
    const std::vector<int> listening
            = distinctPorts(c.s, c.index.listening.rows(l.transport, l.port, l.portEnd), onAddress);
    const std::vector<int> established
            = l.transport == Transport::Tcp ? distinctPorts(
                      c.s, c.index.established.rows(l.transport, l.port, l.portEnd), onAddress)
                                            : std::vector<int>();
    const int count = int(unionSize(listening, established));
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
    const std::span<const int> rows = c.index.listening.rows(l.transport, l.port, l.portEnd);
    // On the server's other addresses only a plausible culprit counts: the expected process
    // (a wrong address) or one the capture does not name (it may be). Another listener's
    // legitimate socket on the same port (443 is bound three times) is never blamed.
    const SocketRow *onExpected = nullptr, *wildcard = nullptr, *elsewhere = nullptr,
                    *unnamed = nullptr;
    for (int i : rows) {
        const SocketRow &r = c.s.rows.at(i);
        if (expected && r.local.sameHost(*expected)) {
            onExpected = onExpected ? onExpected : &r;
        } else if (r.local.isUnspecified()
                   && (!expected || r.local.isV4() == expected->unmapped().isV4())) {
            wildcard = wildcard ? wildcard : &r;
        } else if (!elsewhere && c.server.owns(r.local)) {
            const QString process = ownerName(c.s, r);
            if (c.expectations.expectsOther(r, process, l))
                continue;
            if (process.isEmpty())
                unnamed = unnamed ? unnamed : &r;
            else if (processMatches(process, service, l))
                elsewhere = &r;
        }
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
        v.status = ListenerStatus::WrongAddress;
        v.observed = observe(c.s, *elsewhere);
        v.detail = QStringLiteral("%1 listens on %2 instead of %3")
                           .arg(exe, v.observed->address,
                                expected ? expected->toString() : QString());
        return;
    }
    if (unnamed) {
        const ObservedSocket o = observe(c.s, *unnamed);
        v.status = ListenerStatus::Missing;
        v.detail = QStringLiteral("nothing listening on %1; the port is bound on %2 by %3, "
                                  "which may be %4 on the wrong address")
                           .arg(expected ? expected->toString() : QStringLiteral("this server"),
                                o.address, ownerText(o), exe);
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
    const IpAddress host = expected ? expected->unmapped() : IpAddress();
    const auto rows = c.index.established.rows(l.transport, l.port, l.portEnd);
    remotes.reserve(qsizetype(rows.size()) / 2); // a busy relay: tens of thousands, few repeats
    QList<IpAddress> distinct;
    for (int i : rows) {
        const SocketRow &r = c.s.rows.at(i);
        if (expected ? !sameHostAs(r.local, host) : !c.server.owns(r.local))
            continue;
        ++v.established;
        if (r.remote.isNull())
            continue;
        const IpAddress remote = unmappedOf(r.remote);
        const qsizetype before = remotes.size();
        remotes.insert(remote);
        if (remotes.size() != before)
            distinct.append(remote); // in order of first sight; no walk of the set afterwards
    }
    // Attribute the distinct remote addresses (fewer) to peers, not every connection (many).
    QSet<PeerId> peers;
    for (const IpAddress &remote : std::as_const(distinct))
        for (const auto &[peer, subnet] : c.peerSubnets)
            if (subnet.contains(remote))
                peers.insert(peer);
    v.remoteAddresses = RemoteAddresses(std::move(distinct));
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
    if (!c.t.isActive(l)) {
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

QList<UnexpectedListener> findUnexpected(const Context &c)
{
    QList<UnexpectedListener> out;
    QSet<QString> seen;
    const Coverage coverage = coverageOf(c.server);
    for (const SocketRow &r : c.s.rows) {
        if (!r.isListener() || r.localIsName || r.local.isLoopback())
            continue;
        if (!r.local.isUnspecified() && !c.server.isExternal(r.local))
            continue;
        if (coverage.explains(c.server, r))
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

QList<ScenarioVerdict> judgeScenarios(const Topology &t, const PathAnalysis &analysis,
                                      const ServerId &server,
                                      const QList<ListenerVerdict> &verdicts)
{
    QSet<ListenerId> down;
    for (const ListenerVerdict &v : verdicts)
        if (isDown(v.status))
            down.insert(v.listener);
    const QList<ScenarioImpact> impact = analysis.impact(down);
    QList<ScenarioVerdict> out;
    for (const Scenario &s : t.scenarios) {
        ScenarioVerdict v{s.id, true, {}};
        bool applies = false;
        for (const ResolvedScenario &r : analysis.resolve(s.id))
            applies = applies || r.server == server;
        // A disabled listener the scenario needs takes it out of resolve() on this server; the
        // impact still has it, as broken by the disabled listener: broken, not gone.
        for (const ScenarioImpact &i : impact)
            if (i.scenario == s.id && i.server == server) {
                applies = true;
                v.ok = false;
                v.brokenBy = i.brokenBy;
            }
        if (applies)
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

QStringList RemoteAddresses::mid(qsizetype pos, qsizetype n) const
{
    const qsizetype size = m_addresses.size();
    pos = std::clamp<qsizetype>(pos, 0, size);
    const qsizetype end = n < 0 ? size : std::min(size, pos + n);
    const auto before = [](const IpAddress &a, const IpAddress &b) {
        return std::pair(a.family(), a.bytes()) < std::pair(b.family(), b.bytes());
    };
    std::vector<IpAddress> sorted(m_addresses.cbegin(), m_addresses.cend());
    std::partial_sort(sorted.begin(), sorted.begin() + end, sorted.end(), before);
    QStringList out;
    out.reserve(end - pos);
    for (qsizetype i = pos; i < end; ++i)
        out.append(sorted[size_t(i)].toString());
    return out;
}

const ListenerVerdict *Judgement::verdict(const ListenerId &id) const
{
    if (const auto it = positions.constFind(id); it != positions.cend()
                                                 && it.value() < listeners.size()
                                                 && listeners.at(it.value()).listener == id)
        return &listeners.at(it.value());
    // Not indexed (a judgement put together by hand, or changed since): look.
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
    return judge(t, PathAnalysis(t), s, serverId);
}

Judgement judge(const Topology &t, const PathAnalysis &analysis, const Snapshot &s,
                const ServerId &serverId)
{
    // The analysis must be of this topology (debug builds: the check compares whole inputs).
    Q_ASSERT(analysis.describes(t));
    Judgement j;
    j.server = serverId;
    const EdgeServer *server = t.server(serverId);
    if (!server)
        return j;
    const ServerView view = viewOf(*server);
    const RowIndex index = indexRows(s);
    const Context c{t, s, view, index, peerSubnets(t), Expectations(t, view)};
    j.listeners.reserve(server->listeners.size());
    j.positions.reserve(server->listeners.size());
    for (const Listener &l : server->listeners) {
        if (!j.positions.contains(l.id)) // the first, as a search would find
            j.positions.insert(l.id, j.listeners.size());
        j.listeners.append(judgeListener(c, l));
    }
    diagnoseServices(t, s, j);
    j.unexpected = findUnexpected(c);
    j.scenarios = judgeScenarios(t, analysis, serverId, j.listeners);
    return j;
}

} // namespace edgemap
