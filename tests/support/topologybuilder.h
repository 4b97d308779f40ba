// A test fixture that builds an Edge topology the way a user does in the New Topology wizard
// (through buildTopology and the catalog), in one expression:
//
//     Topology t = TopologyBuilder().members(2).xmpp().build();
//     Topology t = TopologyBuilder().product(Product::SfB2015).singleIp().nat().members(1).build();
//     Topology t = TopologyBuilder().members(4).site(2).members(4).build(); // two pools, two sites
//
// Members are numbered from 1 and get addresses from the address plan: the internal address
// `internalPrefix` + (internalBase + n), and the external ones from `externalPrefix`, one per
// role, `externalStride` apart (Access, Web Conferencing, A/V). With NAT every external address
// is translated to the same host number under `publicPrefix`. A test that needs other addresses
// sets the plan or adds a MemberParams of its own.
#pragma once

#include "core/catalog.h"
#include "core/templates.h"

#include <QList>
#include <QString>
#include <QtGlobal>

namespace edgemap::testing {

struct AddressPlan
{
    QString internalPrefix = QStringLiteral("172.25.33.");
    int internalBase = 10;
    QString externalPrefix = QStringLiteral("192.0.2.");
    int externalBase = 10;
    int externalStride = 20;
    QString publicPrefix = QStringLiteral("203.0.113.");
};

class TopologyBuilder
{
public:
    TopologyBuilder() { m_current.name = QStringLiteral("Contoso"); }

    TopologyBuilder &product(Product p)
    {
        m_current.product = p;
        return *this;
    }
    TopologyBuilder &name(const QString &name)
    {
        m_current.name = name;
        return *this;
    }
    TopologyBuilder &addresses(const AddressPlan &plan)
    {
        m_plan = plan;
        return *this;
    }
    // One external address per member (the single-IP layout) instead of three.
    TopologyBuilder &singleIp(bool on = true)
    {
        m_singleIp = on;
        return *this;
    }
    // Every external address translated by NAT to a public one (with one external address, the
    // A/V public address as Topology Builder asks for it).
    TopologyBuilder &nat(bool on = true)
    {
        m_nat = on;
        return *this;
    }
    TopologyBuilder &xmpp(bool on = true)
    {
        m_current.xmpp = on;
        return *this;
    }
    TopologyBuilder &publicIm(bool on = true)
    {
        m_current.publicIm = on;
        return *this;
    }
    TopologyBuilder &nextHop(NextHopKind kind)
    {
        m_current.nextHop = kind;
        return *this;
    }
    TopologyBuilder &poolFqdn(const QString &fqdn)
    {
        m_current.poolFqdn = fqdn;
        return *this;
    }
    TopologyBuilder &sipDomains(const QStringList &domains)
    {
        m_current.sipDomains = domains;
        return *this;
    }
    // Adds `count` members numbered on from the ones already added (in every pool).
    TopologyBuilder &members(int count)
    {
        for (int i = 0; i < count; ++i)
            m_current.members.append(memberParams(++m_numbered));
        return *this;
    }
    TopologyBuilder &member(const MemberParams &m)
    {
        m_current.members.append(m);
        return *this;
    }
    // Starts the next pool, in site `number` ("Site N", pool edgepoolN.contoso.local); the
    // members added before it form the previous pool. The new pool keeps the product and options.
    TopologyBuilder &site(int number)
    {
        finishPool();
        m_current.members.clear();
        m_current.site = QStringLiteral("Site %1").arg(number);
        m_current.poolFqdn = QStringLiteral("edgepool%1.contoso.local").arg(number);
        return *this;
    }

    // The member `n` of the address plan, as members() adds it.
    MemberParams memberParams(int n) const
    {
        MemberParams m;
        m.fqdn = QStringLiteral("edge%1.contoso.local").arg(n, 2, 10, QLatin1Char('0'));
        m.internalIp = m_plan.internalPrefix + QString::number(m_plan.internalBase + n);
        const int roles = m_singleIp ? 1 : 3;
        QStringList publics;
        for (int i = 0; i < roles; ++i) {
            const int host = m_plan.externalBase + n + m_plan.externalStride * i;
            m.externalIps.append(m_plan.externalPrefix + QString::number(host));
            publics.append(m_plan.publicPrefix + QString::number(host));
        }
        if (m_nat && roles == 3) {
            m.accessPublicIp = publics[0];
            m.webConfPublicIp = publics[1];
            m.avPublicIp = publics[2];
        } else if (m_nat) {
            m.avPublicIp = publics[0];
        }
        return m;
    }

    // The parameters of the pool being built (the last one).
    TemplateParams params() const { return m_current; }

    // The topology; a template error is a broken fixture and stops the test program.
    Topology build() const
    {
        QList<TemplateParams> pools = m_finished;
        pools.append(m_current);
        if (pools.first().members.isEmpty())
            qFatal("TopologyBuilder: no members (call members())");
        TemplateResult r = buildTopology(pools.first(), Catalog::builtIn());
        if (!r.ok())
            qFatal("TopologyBuilder: %s", qPrintable(r.error));
        for (qsizetype i = 1; i < pools.size(); ++i) {
            const QString error = addPool(r.topology, pools[i], Catalog::builtIn());
            if (!error.isEmpty())
                qFatal("TopologyBuilder: %s", qPrintable(error));
        }
        return r.topology;
    }

private:
    void finishPool()
    {
        if (!m_current.members.isEmpty())
            m_finished.append(m_current);
    }

    TemplateParams m_current;
    QList<TemplateParams> m_finished;
    AddressPlan m_plan;
    bool m_singleIp = false;
    bool m_nat = false;
    int m_numbered = 0;
};

} // namespace edgemap::testing
