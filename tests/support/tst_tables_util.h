// Shared by the generated-table tests: the four template topologies the goldens are written for,
// and the golden-file comparison.
#pragma once

#include "core/templates.h"
#include "support/topologybuilder.h"

#include <QDir>
#include <QFile>
#include <QTest>

namespace tablestest {

using namespace edgemap;

inline MemberParams member(int n, int externalIps, bool nat)
{
    // Behind NAT every external address is private and translated symmetrically (Microsoft's
    // example: 10.45.16.x to public addresses); without NAT they are public themselves.
    edgemap::testing::AddressPlan plan;
    plan.internalBase = 9;
    plan.externalPrefix = nat ? QStringLiteral("10.45.16.") : QStringLiteral("192.0.2.");
    plan.externalBase = 9;
    plan.externalStride = 10;
    return edgemap::testing::TopologyBuilder()
            .addresses(plan)
            .singleIp(externalIps == 1)
            .nat(nat)
            .memberParams(n);
}

// The templates the goldens cover: three external IPs; a single IP (with XMPP and the Front End
// as next hop); one server behind NAT; a pool of two behind NAT (DNS load balanced). Products
// differ so that the goldens also show what each version has (Lync 2010: no CLS; SfB 2015: XMPP,
// Skype search).
inline Topology templateTopology(const QString &name)
{
    TemplateParams p;
    p.name = QStringLiteral("Contoso (%1)").arg(name);
    if (name == QLatin1String("three-ip")) {
        p.product = Product::Lync2013;
        p.members = {member(1, 3, false)};
    } else if (name == QLatin1String("single-ip")) {
        p.product = Product::SfB2015;
        p.xmpp = true;
        p.nextHop = NextHopKind::FrontEnd;
        p.members = {member(1, 1, false)};
    } else if (name == QLatin1String("nat")) {
        p.product = Product::Lync2010;
        p.members = {member(1, 3, true)};
    } else {
        p.product = Product::SfB2019;
        p.poolFqdn = QStringLiteral("edgepool.contoso.local");
        p.members = {member(1, 3, true), member(2, 3, true)};
    }
    const TemplateResult r = buildTopology(p);
    if (!r.ok())
        qFatal("template %s: %s", qPrintable(name), qPrintable(r.error));
    return r.topology;
}

inline QStringList templateNames()
{
    return {QStringLiteral("three-ip"), QStringLiteral("single-ip"), QStringLiteral("nat"),
            QStringLiteral("pool2")};
}

// Compares with tests/data/golden/<file>. EDGEMAP_UPDATE_GOLDEN=1 rewrites the golden instead:
// then read the diff, the goldens are the spec.
inline void compareGolden(const QByteArray &actual, const QString &file)
{
    const QString path = QStringLiteral(EDGEMAP_TEST_DATA "/golden/") + file;
    if (qEnvironmentVariableIntValue("EDGEMAP_UPDATE_GOLDEN") == 1) {
        QDir().mkpath(QStringLiteral(EDGEMAP_TEST_DATA "/golden"));
        QFile out(path);
        QVERIFY2(out.open(QIODevice::WriteOnly), qPrintable(path));
        out.write(actual);
        return;
    }
    QFile in(path);
    QVERIFY2(in.open(QIODevice::ReadOnly), qPrintable(path + QStringLiteral(" is missing")));
    const QByteArray expected = in.readAll();
    if (actual == expected)
        return;
    // The first differing line, so that the failure says what changed.
    const QList<QByteArray> a = actual.split('\n');
    const QList<QByteArray> e = expected.split('\n');
    for (qsizetype i = 0; i < std::max(a.size(), e.size()); ++i)
        if (a.value(i) != e.value(i))
            QFAIL(qPrintable(
                    QStringLiteral("%1:%2:\n  expected: %3\n  actual:   %4")
                            .arg(file)
                            .arg(i + 1)
                            .arg(QString::fromUtf8(e.value(i)), QString::fromUtf8(a.value(i)))));
}

} // namespace tablestest
