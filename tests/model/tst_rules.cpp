// The field rules (rules.h): what the editor, the wizard and the file checker all refuse, and
// that the file checker refuses exactly what the editor refuses.
#include "core/rules.h"
#include "io/topologyfile.h"

#include <QTest>

using namespace edgemap;
using namespace Qt::StringLiterals;

class TstRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fqdn_data();
    void fqdn();
    void fileRefusesWhatTheEditorRefuses_data();
    void fileRefusesWhatTheEditorRefuses();
    void serverAddress_data();
    void serverAddress();
    void peerAddress();
    void addressUse();
    void socketClashNamesTheOtherListener();
};

void TstRules::fqdn_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("problem"); // a fragment; empty: accepted
    QTest::newRow("plain") << u"edge01.contoso.local"_s << QString();
    QTest::newRow("digits and inner hyphens") << u"edge-01.x1.contoso.com"_s << QString();
    QTest::newRow("upper case") << u"EDGE01.Contoso.COM"_s << QString();
    QTest::newRow("63 characters in a part") << QString(63, u'a') + u".contoso.com"_s << QString();
    QTest::newRow("empty") << QString() << u"an FQDN is needed"_s;
    QTest::newRow("one part") << u"edge01"_s << u"'edge01' is not fully qualified"_s;
    QTest::newRow("trailing dot") << u"edge01.contoso.local."_s << u"empty part between dots"_s;
    QTest::newRow("two dots") << u"edge01..local"_s << u"empty part between dots"_s;
    QTest::newRow("64 characters in a part")
            << QString(64, u'a') + u".contoso.com"_s << u"is longer than 63 characters"_s;
    QTest::newRow("over 253 characters") << QString(QString(60, u'a') + u'.').repeated(5) + u"com"_s
                                         << u"is longer than 253 characters"_s;
    QTest::newRow("underscore") << u"edge_01.contoso.local"_s << u"contains '_'"_s;
    QTest::newRow("space") << u"edge 01.contoso.local"_s << u"contains ' '"_s;
    QTest::newRow("non-ASCII letter") << u"\u00e9dge.contoso.local"_s << u"contains '\u00e9'"_s;
    QTest::newRow("leading hyphen") << u"-edge.contoso.local"_s << u"start or end with a hyphen"_s;
    QTest::newRow("trailing hyphen") << u"edge.contoso-.local"_s << u"start or end with a hyphen"_s;
}

void TstRules::fqdn()
{
    QFETCH(QString, text);
    QFETCH(QString, problem);
    const QString found = rules::fqdnProblem(text);
    if (problem.isEmpty()) {
        QVERIFY2(found.isEmpty(), qPrintable(found));
        return;
    }
    QVERIFY2(found.contains(problem), qPrintable(found));
    if (!text.isEmpty() && text.size() <= 253 && text.contains(u'.'))
        QVERIFY2(found.startsWith(u"'%1' is not a DNS name"_s.arg(text)), qPrintable(found));
}

void TstRules::fileRefusesWhatTheEditorRefuses_data()
{
    fqdn_data();
}

void TstRules::fileRefusesWhatTheEditorRefuses()
{
    QFETCH(QString, text);
    const QString editor = rules::fqdnProblem(text);
    // A server's and a pool's FQDN are required, so the file refuses what the editor refuses,
    // with the editor's words, at the value's pointer.
    Topology server = topologyfile::defaultTopology();
    server.pools[0].servers[0].fqdn = text;
    const Error e = topologyfile::validate(server);
    QCOMPARE(e.isError(), !editor.isEmpty());
    if (e.isError()) {
        QCOMPARE(e.message, editor);
        QCOMPARE(e.path, u"/pools/0/servers/0/fqdn"_s);
    }
    Topology pool = topologyfile::defaultTopology();
    pool.pools[0].fqdn = text;
    QCOMPARE(topologyfile::validate(pool).message, editor);
    // An address's FQDN is optional: empty is fine, anything else follows the rule.
    Topology address = topologyfile::defaultTopology();
    address.pools[0].servers[0].interfaces[0].addresses[0].fqdn = text;
    QCOMPARE(topologyfile::validate(address).message, text.isEmpty() ? QString() : editor);
}

void TstRules::serverAddress_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("problem");
    QTest::newRow("IPv4") << u"10.45.16.20"_s << QString();
    QTest::newRow("IPv6") << u"2001:db8::1"_s << QString();
    QTest::newRow("not an address") << u"10.45.16"_s << u"is not an IPv4 or IPv6 address"_s;
    QTest::newRow("subnet") << u"10.0.0.0/8"_s << u"is not an IPv4 or IPv6 address"_s;
    QTest::newRow("unspecified") << u"0.0.0.0"_s << u"cannot be the address of a server"_s;
    QTest::newRow("loopback") << u"127.0.0.1"_s << u"cannot be the address of a server"_s;
    QTest::newRow("IPv6 loopback") << u"::1"_s << u"cannot be the address of a server"_s;
}

void TstRules::serverAddress()
{
    QFETCH(QString, text);
    QFETCH(QString, problem);
    const QString found = rules::serverAddressProblem(text);
    QCOMPARE(found.isEmpty(), problem.isEmpty());
    QVERIFY2(found.contains(problem), qPrintable(found));
}

void TstRules::peerAddress()
{
    QVERIFY(rules::peerAddressProblem(u"10.0.0.0/8"_s).isEmpty());
    QVERIFY(rules::peerAddressProblem(u"192.0.2.7"_s).isEmpty());
    QVERIFY(rules::peerAddressProblem(u"10.1"_s).contains(u"is not an IP address or subnet"_s));
}

void TstRules::addressUse()
{
    const Topology t = topologyfile::defaultTopology();
    const Address &first = t.pools[0].servers[0].interfaces[0].addresses[0];
    const QString fqdn = t.pools[0].servers[0].fqdn;
    QCOMPARE(rules::addressUse(t, first.ip), u"address %1 (%2)"_s.arg(first.id.value(), fqdn));
    // The address being edited may keep its own value.
    QCOMPARE(rules::addressUse(t, first.ip, first.id), QString());
    QCOMPARE(rules::addressUse(t, u"192.0.2.250"_s), QString());
    QCOMPARE(rules::addressUse(t, u"not an address"_s), QString());
}

void TstRules::socketClashNamesTheOtherListener()
{
    const Topology t = topologyfile::defaultTopology();
    const auto withPort = [&t](const QString &id, int port) {
        Topology changed = t;
        for (EdgePool &p : changed.pools)
            for (EdgeServer &s : p.servers)
                for (Listener &l : s.listeners)
                    if (l.id.value() == id)
                        l.port = l.portEnd = port;
        return changed;
    };
    const QString internal5061 = u"edge01-int-tcp-5061"_s;
    QVERIFY(t.listener(ListenerId(internal5061)));
    QCOMPARE(rules::socketClash(t, ListenerId(internal5061)), QString());
    // Whichever of the two comes first in the file, the edited one names the other: 5061 is
    // before 5062 in the file, 4443 after both.
    const struct
    {
        QString edited;
        int port;
        QString holder;
    } cases[] = {{u"edge01-int-tcp-5061"_s, 5062, u"edge01-int-tcp-5062"_s},
                 {u"edge01-int-tcp-5062"_s, 5061, u"edge01-int-tcp-5061"_s},
                 {u"edge01-int-tcp-4443"_s, 5061, u"edge01-int-tcp-5061"_s}};
    for (const auto &c : cases) {
        const QString clash = rules::socketClash(withPort(c.edited, c.port), ListenerId(c.edited));
        QVERIFY2(clash.startsWith(
                         u"TCP %1 on 172.25.33.10 is already used by listener %2"_s.arg(c.port).arg(
                                 c.holder)),
                 qPrintable(clash));
    }
    // The same port on another address: no clash.
    const QString access = u"edge01-access-tcp-443"_s;
    QCOMPARE(rules::socketClash(withPort(access, 5062), ListenerId(access)), QString());
}

QTEST_GUILESS_MAIN(TstRules)
#include "tst_rules.moc"
