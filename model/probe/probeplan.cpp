#include "probe/probeplan.h"

#include <QRandomGenerator>
#include <QSet>

#include <algorithm>

namespace edgemap {

namespace {

// A range of fixed ports (the CLS agent's 50001-50003) is probed port by port up to this many;
// a longer one only on its first port.
constexpr int kMaxRangePorts = 16;

struct ProtocolOf
{
    ProbeProtocol protocol = ProbeProtocol::Tcp;
    TlsName tlsName = TlsName::None;
};

// How the catalog says the listener's endpoints are probed: TLS when any endpoint presents a
// certificate (one socket can carry two endpoints), MS-TURN when one speaks it. An endpoint the
// catalog does not know is probed with a plain connect.
ProtocolOf protocolOf(const Listener &l)
{
    ProtocolOf out;
    for (const Endpoint &e : l.endpoints) {
        const Catalog::EndpointDef *def = Catalog::builtIn().endpoint(e.key);
        if (!def || def->transport != l.transport)
            continue;
        if (def->probe == ProbeProtocol::Tls && out.protocol != ProbeProtocol::Tls)
            out = {def->probe, def->tlsName};
        else if (def->probe == ProbeProtocol::MsTurn)
            out.protocol = def->probe;
    }
    return out;
}

bool matches(const QString &filter, const QString &id, const QString &fqdn)
{
    return filter.isEmpty() || filter == id || filter.compare(fqdn, Qt::CaseInsensitive) == 0;
}

QString tlsNameOf(TlsName name, const EdgePool &pool, const EdgeServer &server, const Address *a)
{
    switch (name) {
    case TlsName::Published:
        return a ? a->fqdn : QString();
    case TlsName::Pool:
        return pool.fqdn;
    case TlsName::Server:
        return server.fqdn;
    case TlsName::None:
        break;
    }
    return {};
}

QString viaText(ProbeVia via)
{
    switch (via) {
    case ProbeVia::NatPublic:
        return QStringLiteral(" (NAT public address)");
    case ProbeVia::Hairpin:
        return QStringLiteral(" (hairpin test: the NAT public address from inside)");
    case ProbeVia::Name:
        return QStringLiteral(" (name)");
    case ProbeVia::Internal:
    case ProbeVia::External:
        break;
    }
    return {};
}

class Planner
{
public:
    Planner(const Topology &t, const ProbePlanOptions &o)
        : m_t(t)
        , m_o(o)
    {
        m_plan.options = o;
    }

    ProbePlan take() { return std::move(m_plan); }

    void server(const EdgePool &pool, const EdgeServer &server)
    {
        for (const Listener &l : server.listeners)
            listener(pool, server, l);
    }

    void names(const EdgePool &pool, const QList<const EdgeServer *> &servers);
    void dns(const QList<const EdgePool *> &pools, const QList<const EdgeServer *> &servers);

private:
    void listener(const EdgePool &pool, const EdgeServer &server, const Listener &l);
    void media(const EdgePool &pool, const EdgeServer &server, const Listener &l, const Address *a);
    void add(const EdgePool &pool, const EdgeServer &server, const Listener &l, const Address *a,
             ProbeVia via, const QString &host);
    void skip(const EdgeServer &server, const Listener &l, const QString &reason)
    {
        m_plan.skipped.append({l.id, server.id, reason});
    }

    const Topology &m_t;
    const ProbePlanOptions &m_o;
    ProbePlan m_plan;
};

void Planner::listener(const EdgePool &pool, const EdgeServer &server, const Listener &l)
{
    const Address *a = l.address.isEmpty() ? nullptr : m_t.address(l.address);
    const InterfaceSide side = m_t.sideOfListener(l);
    const bool inside = m_o.side == ProbeSide::Inside;
    if (!m_t.isActive(l))
        return skip(server, l,
                    QStringLiteral("disabled in the topology (the listener or its service)"));
    if (l.dynamic)
        return media(pool, server, l, a);
    if (l.transport == Transport::Udp && protocolOf(l).protocol != ProbeProtocol::MsTurn)
        return skip(server, l,
                    QStringLiteral("UDP without a protocol the probe speaks: an "
                                   "unanswered datagram proves nothing"));
    if (!a) {
        // Bound on all interfaces by design (an internal service): its clients are inside.
        if (!inside)
            return skip(server, l,
                        QStringLiteral("bound on all interfaces for internal clients: "
                                       "probed from inside, on the internal address"));
        for (const NetInterface &nic : server.interfaces)
            if (nic.side == InterfaceSide::Internal)
                for (const Address &internal : nic.addresses)
                    add(pool, server, l, &internal, ProbeVia::Internal, internal.ip);
        return;
    }
    if (side == InterfaceSide::Internal) {
        if (inside)
            return add(pool, server, l, a, ProbeVia::Internal, a->ip);
        return skip(server, l, QStringLiteral("on the internal interface: probed from inside"));
    }
    if (!inside)
        return a->natPublicIp.isEmpty()
                       ? add(pool, server, l, a, ProbeVia::External, a->ip)
                       : add(pool, server, l, a, ProbeVia::NatPublic, a->natPublicIp);
    if (m_o.hairpin && !a->natPublicIp.isEmpty())
        return add(pool, server, l, a, ProbeVia::Hairpin, a->natPublicIp);
    skip(server, l, QStringLiteral("on the external interface: probed from outside"));
}

void Planner::media(const EdgePool &pool, const EdgeServer &server, const Listener &l,
                    const Address *a)
{
    const QString never = QStringLiteral("the media range is allocated per call: never probed as "
                                         "a listener");
    skip(server, l, never);
    const bool onSide
            = (m_t.sideOfListener(l) == InterfaceSide::Internal) == (m_o.side == ProbeSide::Inside);
    if (!m_o.mediaSample || !a || !onSide || l.transport != Transport::Tcp)
        return;
    const bool natted = m_o.side == ProbeSide::Outside && !a->natPublicIp.isEmpty();
    ProbeTarget t;
    t.listener = l.id;
    t.server = server.id;
    t.pool = pool.id;
    t.service = l.service;
    const bool external = m_t.sideOfListener(l) == InterfaceSide::External;
    t.via = natted ? ProbeVia::NatPublic : (external ? ProbeVia::External : ProbeVia::Internal);
    t.host = natted ? a->natPublicIp : a->ip;
    t.transport = l.transport;
    t.port = m_o.mediaPort >= l.port && m_o.mediaPort <= l.portEnd
                     ? m_o.mediaPort
                     : QRandomGenerator::global()->bounded(l.port, l.portEnd + 1);
    t.mediaSample = true;
    t.externalInterface = external;
    t.label = QStringLiteral("%1 on %2 (one port of the media range, %3)")
                      .arg(socketLabel(t.transport, t.port, t.port), t.host,
                           socketLabel(l.transport, l.port, l.portEnd));
    m_plan.targets.append(t);
}

void Planner::add(const EdgePool &pool, const EdgeServer &server, const Listener &l,
                  const Address *a, ProbeVia via, const QString &host)
{
    const ProtocolOf p = protocolOf(l);
    const int last = l.portEnd - l.port < kMaxRangePorts ? l.portEnd : l.port;
    for (int port = l.port; port <= last; ++port) {
        ProbeTarget t;
        t.listener = l.id;
        t.server = server.id;
        t.pool = pool.id;
        t.service = l.service;
        t.via = via;
        t.host = host;
        t.transport = l.transport;
        t.port = port;
        t.protocol = p.protocol == ProbeProtocol::Tls && !m_o.tls ? ProbeProtocol::Tcp : p.protocol;
        if (t.protocol == ProbeProtocol::Tls)
            t.tlsName = tlsNameOf(p.tlsName, pool, server, a);
        t.externalInterface = m_t.sideOfListener(l) == InterfaceSide::External;
        t.label = QStringLiteral("%1 on %2 (%3)%4")
                          .arg(socketLabel(t.transport, port, port), host, l.service.value(),
                               viaText(via));
        m_plan.targets.append(t);
    }
}

// Each FQDN an external address publishes, once per socket of the pool: resolved when the run
// starts and probed as a client would (the first address the name resolves to).
void Planner::names(const EdgePool &pool, const QList<const EdgeServer *> &servers)
{
    if (m_o.side != ProbeSide::Outside || !m_o.dns)
        return;
    QSet<QString> seen;
    for (const EdgeServer *server : servers) {
        if (m_t.poolOfServer(server->id) != &pool)
            continue;
        for (const Listener &l : server->listeners) {
            const Address *a = l.address.isEmpty() ? nullptr : m_t.address(l.address);
            if (!a || a->fqdn.isEmpty() || l.dynamic || !m_t.isActive(l)
                || m_t.sideOfListener(l) != InterfaceSide::External)
                continue;
            const ProtocolOf p = protocolOf(l);
            if (l.transport == Transport::Udp && p.protocol != ProbeProtocol::MsTurn)
                continue;
            const QString key = QStringLiteral("%1 %2").arg(
                    a->fqdn.toLower(), socketLabel(l.transport, l.port, l.port));
            if (seen.contains(key))
                continue;
            seen.insert(key);
            ProbeTarget t;
            t.pool = pool.id;
            t.service = l.service;
            t.via = ProbeVia::Name;
            t.name = a->fqdn;
            t.transport = l.transport;
            t.port = l.port;
            t.protocol = p.protocol == ProbeProtocol::Tls && !m_o.tls ? ProbeProtocol::Tcp
                                                                      : p.protocol;
            t.tlsName = t.protocol == ProbeProtocol::Tls ? a->fqdn : QString();
            t.externalInterface = true;
            t.label = QStringLiteral("%1 on %2 (%3)%4")
                              .arg(socketLabel(t.transport, t.port, t.port), t.name,
                                   l.service.value(), viaText(ProbeVia::Name));
            m_plan.targets.append(t);
        }
    }
}

bool targetsServer(const DnsRecord &r, const EdgeServer &server)
{
    if (r.name.compare(server.fqdn, Qt::CaseInsensitive) == 0)
        return true;
    for (const NetInterface &nic : server.interfaces)
        for (const Address &a : nic.addresses)
            if (r.target == a.ip || r.target == a.natPublicIp)
                return true;
    return false;
}

// The records of the probed side's view: outside the public ones (A records of the external
// FQDNs, the SRV records of every SIP domain), inside the internal ones (the pool and its
// members). With --server, the records that name the server or its addresses, and the SRV
// records of its pool.
void Planner::dns(const QList<const EdgePool *> &pools, const QList<const EdgeServer *> &servers)
{
    if (!m_o.dns)
        return;
    const DnsRecord::View view = m_o.side == ProbeSide::Outside ? DnsRecord::View::External
                                                                : DnsRecord::View::Internal;
    for (const DnsRecord &r : buildDnsPlan(m_t).records) {
        if (r.view != view || !r.writable || r.target.isEmpty())
            continue;
        if (!std::any_of(pools.cbegin(), pools.cend(),
                         [&](const EdgePool *p) { return p->id == r.pool; }))
            continue;
        if (!m_o.server.isEmpty() && r.type != QLatin1String("SRV")
            && !std::any_of(servers.cbegin(), servers.cend(),
                            [&](const EdgeServer *s) { return targetsServer(r, *s); }))
            continue;
        m_plan.dnsChecks.append(r);
    }
}

} // namespace

QString keyOf(ProbeSide side)
{
    return side == ProbeSide::Inside ? QStringLiteral("inside") : QStringLiteral("outside");
}

std::optional<ProbeSide> probeSideFromString(const QString &text)
{
    if (text == QLatin1String("inside"))
        return ProbeSide::Inside;
    if (text == QLatin1String("outside"))
        return ProbeSide::Outside;
    return std::nullopt;
}

QString keyOf(ProbeVia via)
{
    switch (via) {
    case ProbeVia::Internal:
        return QStringLiteral("internal");
    case ProbeVia::External:
        return QStringLiteral("external");
    case ProbeVia::NatPublic:
        return QStringLiteral("nat-public");
    case ProbeVia::Hairpin:
        return QStringLiteral("hairpin");
    case ProbeVia::Name:
        return QStringLiteral("name");
    }
    return {};
}

ProbePlan buildProbePlan(const Topology &topology, const ProbePlanOptions &options)
{
    QList<const EdgePool *> pools;
    QList<const EdgeServer *> servers;
    for (const EdgePool &pool : topology.pools) {
        if (!matches(options.pool, pool.id.value(), pool.fqdn))
            continue;
        pools.append(&pool);
        for (const EdgeServer &server : pool.servers)
            if (matches(options.server, server.id.value(), server.fqdn))
                servers.append(&server);
    }
    ProbePlan empty;
    empty.options = options;
    if (pools.isEmpty()) {
        empty.error = Error::plain(QStringLiteral("no Edge pool '%1' in the topology (give its id "
                                                  "or FQDN)")
                                           .arg(options.pool));
        return empty;
    }
    if (servers.isEmpty()) {
        empty.error = Error::plain(
                QStringLiteral("no Edge server '%1' in the topology%2 (give its id or FQDN)")
                        .arg(options.server, options.pool.isEmpty()
                                                     ? QString()
                                                     : QStringLiteral(" pool ") + options.pool));
        return empty;
    }
    Planner planner(topology, options);
    for (const EdgeServer *server : servers)
        planner.server(*topology.poolOfServer(server->id), *server);
    for (const EdgePool *pool : pools)
        planner.names(*pool, servers);
    planner.dns(pools, servers);
    return planner.take();
}

} // namespace edgemap
