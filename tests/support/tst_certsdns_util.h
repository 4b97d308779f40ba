// Shared by the certificate and DNS tests: the topologies a user makes with `edgemap new`
// (external FQDNs and SIP domains set), and a strict CSV reader to read the CSV back.
#pragma once

#include "support/tst_csv_util.h"

#include "core/templates.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QTest>

#include <optional>
#include <utility>

namespace certsdnstest {

using csvtest::parseCsv;

using namespace edgemap;

// Member n (1-based): edgeNN.contoso.local, internal 172.25.33.(9+n), external 192.0.2.x or, with
// NAT, 10.45.16.x translated to 203.0.113.x (Microsoft's example, one number per member).
inline MemberParams member(int n, int externalIps, bool nat)
{
    MemberParams m;
    m.fqdn = QStringLiteral("edge%1.contoso.local").arg(n, 2, 10, QLatin1Char('0'));
    m.internalIp = QStringLiteral("172.25.33.%1").arg(9 + n);
    const QString prefix = nat ? QStringLiteral("10.45.16.") : QStringLiteral("192.0.2.");
    for (int i = 0; i < externalIps; ++i)
        m.externalIps.append(prefix + QString::number(10 * (i + 1) + n - 1));
    if (nat) {
        const auto publicIp = [&](int i) {
            return QStringLiteral("203.0.113.%1").arg(10 * (i + 1) + n - 1);
        };
        m.accessPublicIp = publicIp(0);
        if (externalIps == 3) {
            m.webConfPublicIp = publicIp(1);
            m.avPublicIp = publicIp(2);
        }
    }
    return m;
}

// "three-ip" (Lync 2013), "single-ip" (Lync 2013), "nat-pool2" (SfB 2019, two members behind
// NAT, pool edgepool.contoso.local), "xmpp" (SfB 2015 with XMPP), "domains" (three SIP domains),
// "missing" (no external FQDN, no SIP domain). All but the last publish sip.contoso.com,
// webconf.contoso.com and av.contoso.com, with the SIP domain contoso.com.
inline TemplateParams params(const QString &name)
{
    TemplateParams p;
    p.name = QStringLiteral("Contoso (%1)").arg(name);
    p.product = Product::Lync2013;
    p.sipDomains = {QStringLiteral("contoso.com")};
    p.accessFqdn = QStringLiteral("sip.contoso.com");
    p.webConfFqdn = QStringLiteral("webconf.contoso.com");
    p.avFqdn = QStringLiteral("av.contoso.com");
    p.members = {member(1, 3, false)};
    if (name == QLatin1String("single-ip")) {
        p.members = {member(1, 1, false)};
    } else if (name == QLatin1String("nat-pool2")) {
        p.product = Product::SfB2019;
        p.poolFqdn = QStringLiteral("edgepool.contoso.local");
        p.members = {member(1, 3, true), member(2, 3, true)};
    } else if (name == QLatin1String("xmpp")) {
        p.product = Product::SfB2015;
        p.xmpp = true;
    } else if (name == QLatin1String("domains")) {
        p.sipDomains = {QStringLiteral("contoso.com"), QStringLiteral("fabrikam.com"),
                        QStringLiteral("litwareinc.com")};
    } else if (name == QLatin1String("missing")) {
        p.sipDomains.clear();
        p.accessFqdn.clear();
        p.webConfFqdn.clear();
        p.avFqdn.clear();
    }
    return p;
}

inline Topology build(const TemplateParams &p)
{
    const TemplateResult r = buildTopology(p);
    if (!r.ok())
        qFatal("template %s: %s", qPrintable(p.name), qPrintable(r.error));
    return r.topology;
}

inline Topology topology(const QString &name)
{
    return build(params(name));
}

inline QStringList topologyNames()
{
    return {QStringLiteral("three-ip"), QStringLiteral("single-ip"), QStringLiteral("nat-pool2"),
            QStringLiteral("xmpp"),     QStringLiteral("domains"),   QStringLiteral("missing")};
}

// Sets the FQDN of every external address of every server (a name typed into the file).
inline void setExternalFqdns(Topology &t, const QString &fqdn)
{
    for (EdgePool &pool : t.pools)
        for (EdgeServer &s : pool.servers)
            for (NetInterface &nic : s.interfaces)
                if (nic.side == InterfaceSide::External)
                    for (Address &a : nic.addresses)
                        a.fqdn = fqdn;
}

} // namespace certsdnstest
