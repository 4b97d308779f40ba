// Topologies for the diagram tests and the diagram benchmark: the templates a user starts from.
#pragma once

#include "core/catalog.h"
#include "core/templates.h"
#include "io/topologyfile.h"
#include "probe/proberesult.h"

#include <QtGlobal>

namespace edgemap::testing {

// A Probe from Here run made by hand: `blocked` listeners timed out, `working` ones took the
// connection; no other listener was probed.
inline ProbeRun probeRunOf(const Topology &t, const QList<ListenerId> &blocked,
                           const QList<ListenerId> &working)
{
    ProbeRun run;
    const auto add = [&](const ListenerId &id, ProbeStatus status) {
        ProbeResult r;
        r.target.listener = id;
        if (const EdgeServer *server = t.serverOfListener(id))
            r.target.server = server->id;
        r.status = status;
        run.results.append(r);
    };
    for (const ListenerId &id : blocked)
        add(id, ProbeStatus::TimedOut);
    for (const ListenerId &id : working)
        add(id, ProbeStatus::Open);
    return run;
}

inline MemberParams member(int n, bool singleIp)
{
    MemberParams m;
    m.fqdn = QStringLiteral("edge%1.contoso.local").arg(n, 2, 10, QLatin1Char('0'));
    m.internalIp = QStringLiteral("172.25.33.%1").arg(10 + n);
    if (singleIp) {
        m.externalIps = {QStringLiteral("192.0.2.%1").arg(10 + n)};
    } else {
        m.externalIps = {QStringLiteral("192.0.2.%1").arg(10 + n),
                         QStringLiteral("192.0.2.%1").arg(100 + n),
                         QStringLiteral("192.0.2.%1").arg(200 + n)};
        m.avPublicIp = QStringLiteral("203.0.113.%1").arg(10 + n);
    }
    return m;
}

inline TemplateParams params(int servers, bool singleIp = false, bool xmpp = false, int site = 1)
{
    TemplateParams p;
    p.product = Product::Lync2013;
    p.name = QStringLiteral("Test");
    p.site = QStringLiteral("Site %1").arg(site);
    p.poolFqdn = QStringLiteral("edgepool%1.contoso.local").arg(site);
    p.xmpp = xmpp;
    for (int n = 1; n <= servers; ++n) {
        MemberParams m = member(n + 20 * (site - 1), singleIp);
        p.members.append(m);
    }
    return p;
}

inline Topology build(const TemplateParams &p)
{
    TemplateResult r = buildTopology(p);
    if (!r.ok())
        qFatal("buildTopology: %s", qPrintable(r.error));
    return r.topology;
}

// `sites` pools of `servers` each.
inline Topology sites(int sites, int servers)
{
    Topology t = build(params(servers));
    for (int s = 2; s <= sites; ++s) {
        const QString error = addPool(t, params(servers, false, false, s), Catalog::builtIn());
        if (!error.isEmpty())
            qFatal("addPool: %s", qPrintable(error));
    }
    return t;
}

} // namespace edgemap::testing
