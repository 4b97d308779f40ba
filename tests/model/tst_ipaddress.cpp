#include "core/ipaddress.h"

#include <QTest>

using namespace edgemap;

class TstIpAddress : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesAndPrintsCanonically_data();
    void parsesAndPrintsCanonically();
    void rejectsMalformed_data();
    void rejectsMalformed();
    void classifies();
    void subnets_data();
    void subnets();
};

void TstIpAddress::parsesAndPrintsCanonically_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("v4") << QStringLiteral("172.25.33.10") << QStringLiteral("172.25.33.10");
    QTest::newRow("v4 zero") << QStringLiteral("0.0.0.0") << QStringLiteral("0.0.0.0");
    QTest::newRow("v6 any") << QStringLiteral("::") << QStringLiteral("::");
    QTest::newRow("v6 loopback") << QStringLiteral("::1") << QStringLiteral("::1");
    QTest::newRow("v6 upper case, full")
            << QStringLiteral("2001:0DB8:0000:0000:0000:0000:0000:0001")
            << QStringLiteral("2001:db8::1");
    QTest::newRow("v6 zone") << QStringLiteral("fe80::1c2d:3e4f:5a6b:7c8d%12")
                             << QStringLiteral("fe80::1c2d:3e4f:5a6b:7c8d%12");
    QTest::newRow("v6 mapped") << QStringLiteral("::ffff:172.25.33.10")
                               << QStringLiteral("::ffff:172.25.33.10");
    QTest::newRow("v6 longest zero run")
            << QStringLiteral("2001:db8:0:0:1:0:0:0") << QStringLiteral("2001:db8:0:0:1::");
    QTest::newRow("v6 single zero group not compressed")
            << QStringLiteral("2001:db8:0:1:1:1:1:1") << QStringLiteral("2001:db8:0:1:1:1:1:1");
}

void TstIpAddress::parsesAndPrintsCanonically()
{
    QFETCH(QString, text);
    QFETCH(QString, canonical);
    const auto ip = IpAddress::parse(text);
    QVERIFY2(ip.has_value(), qPrintable(text));
    QCOMPARE(ip->toString(), canonical);
    QCOMPARE(IpAddress::parse(canonical)->toString(), canonical);
}

void TstIpAddress::rejectsMalformed_data()
{
    QTest::addColumn<QString>("text");
    for (const char *bad :
         {"", "10.0.0.300", "10.0.0", "10.0.0.1.2", "010.0.0.1", " 10.0.0.1", "10.0.0.1 ",
          "1:2:3:4:5:6:7:8:9", "1::2::3", "fe80::asda:4124", "12345::", ":1", "1:", "[::1]", "::1%",
          "::1%a b", "10.0.0.1%3", "ABHÖREN", "*"})
        QTest::newRow(bad) << QString::fromUtf8(bad);
}

void TstIpAddress::rejectsMalformed()
{
    QFETCH(QString, text);
    QVERIFY(!IpAddress::parse(text).has_value());
}

void TstIpAddress::classifies()
{
    QVERIFY(IpAddress::parse(QStringLiteral("0.0.0.0"))->isUnspecified());
    QVERIFY(IpAddress::parse(QStringLiteral("::"))->isUnspecified());
    QVERIFY(!IpAddress::parse(QStringLiteral("::1"))->isUnspecified());
    QVERIFY(IpAddress::parse(QStringLiteral("127.0.0.1"))->isLoopback());
    QVERIFY(IpAddress::parse(QStringLiteral("::1"))->isLoopback());
    const auto mapped = IpAddress::parse(QStringLiteral("::ffff:10.0.0.1"));
    QVERIFY(mapped->isV4Mapped());
    QCOMPARE(mapped->unmapped().toString(), QStringLiteral("10.0.0.1"));
    QVERIFY(mapped->sameHost(*IpAddress::parse(QStringLiteral("10.0.0.1"))));
    QVERIFY(IpAddress::parse(QStringLiteral("fe80::1%12"))
                    ->sameHost(*IpAddress::parse(QStringLiteral("fe80::1"))));
    QVERIFY(!(*IpAddress::parse(QStringLiteral("fe80::1%12"))
              == *IpAddress::parse(QStringLiteral("fe80::1"))));
    QCOMPARE(IpAddress::v4(0x0A000001).toString(), QStringLiteral("10.0.0.1"));
}

void TstIpAddress::subnets_data()
{
    QTest::addColumn<QString>("subnet");
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("contained");
    QTest::newRow("v4 /24 in") << QStringLiteral("198.51.100.0/24")
                               << QStringLiteral("198.51.100.7") << true;
    QTest::newRow("v4 /24 out") << QStringLiteral("198.51.100.0/24")
                                << QStringLiteral("198.51.101.7") << false;
    QTest::newRow("v4 /20 odd bits")
            << QStringLiteral("172.16.16.0/20") << QStringLiteral("172.16.31.255") << true;
    QTest::newRow("v4 /20 odd bits out")
            << QStringLiteral("172.16.16.0/20") << QStringLiteral("172.16.32.0") << false;
    QTest::newRow("v4 host") << QStringLiteral("10.0.0.1") << QStringLiteral("10.0.0.1") << true;
    QTest::newRow("v4 host other")
            << QStringLiteral("10.0.0.1") << QStringLiteral("10.0.0.2") << false;
    QTest::newRow("v4 /0") << QStringLiteral("0.0.0.0/0") << QStringLiteral("203.0.113.9") << true;
    QTest::newRow("v4 mapped address")
            << QStringLiteral("10.0.0.0/8") << QStringLiteral("::ffff:10.1.2.3") << true;
    QTest::newRow("v6 /32") << QStringLiteral("2001:db8::/32") << QStringLiteral("2001:db8:1::5")
                            << true;
    QTest::newRow("v6 family mismatch")
            << QStringLiteral("2001:db8::/32") << QStringLiteral("10.0.0.1") << false;
}

void TstIpAddress::subnets()
{
    QFETCH(QString, subnet);
    QFETCH(QString, address);
    QFETCH(bool, contained);
    const auto s = Subnet::parse(subnet);
    QVERIFY(s.has_value());
    QCOMPARE(s->contains(*IpAddress::parse(address)), contained);
    QVERIFY(!Subnet::parse(QStringLiteral("10.0.0.0/33")).has_value());
    QVERIFY(!Subnet::parse(QStringLiteral("10.0.0.0/")).has_value());
    QVERIFY(!Subnet::parse(QStringLiteral("10.0.0.0/-1")).has_value());
    QVERIFY(!Subnet::parse(QStringLiteral("fe80::/10/3")).has_value());
}

QTEST_GUILESS_MAIN(TstIpAddress)
#include "tst_ipaddress.moc"
