// What a probe run will do, decided from the topology alone: which addresses each side probes
// (internal from inside; external, NAT public and names from outside; hairpin tests), what is
// never probed and why (the media range, disabled listeners), which ports get TLS with which
// name (never the A/V Edge's TCP 443), the filters, and the DNS records of each side. Planning
// opens no socket: nothing here needs a network.
#include "probe/probeplan.h"
#include "support/topologybuilder.h"

#include <QSet>
#include <QTest>

using namespace edgemap;
using namespace edgemap::testing;
using namespace Qt::StringLiterals;

namespace {

TemplateParams withNames(TemplateParams p)
{
    p.sipDomains = {u"contoso.com"_s};
    p.accessFqdn = u"sip.contoso.com"_s;
    p.webConfFqdn = u"webconf.contoso.com"_s;
    p.avFqdn = u"av.contoso.com"_s;
    return p;
}

// A three-IP pool of `members` behind NAT (or not), with the external FQDNs and a SIP domain.
Topology pool(int members, bool nat = true)
{
    const TemplateParams p = withNames(TopologyBuilder().nat(nat).members(members).params());
    TemplateResult r = buildTopology(p, Catalog::builtIn());
    if (!r.ok())
        qFatal("%s", qPrintable(r.error));
    return r.topology;
}

ProbePlan plan(const Topology &t, ProbeSide side,
               const std::function<void(ProbePlanOptions &)> &f = {})
{
    ProbePlanOptions o;
    o.side = side;
    if (f)
        f(o);
    return buildProbePlan(t, o);
}

// "edge01-int-tcp-5061@172.25.33.11:5061/tls" for each target (names: "name:FQDN:port/...").
QSet<QString> targets(const ProbePlan &p)
{
    QSet<QString> out;
    for (const ProbeTarget &t : p.targets) {
        const QString proto = t.protocol == ProbeProtocol::Tls      ? u"tls"_s
                              : t.protocol == ProbeProtocol::MsTurn ? u"msturn"_s
                                                                    : u"tcp"_s;
        out.insert(
                t.via == ProbeVia::Name
                        ? u"name:%1:%2/%3"_s.arg(t.name).arg(t.port).arg(proto)
                        : u"%1@%2:%3/%4"_s.arg(t.listener.value(), t.host).arg(t.port).arg(proto));
    }
    return out;
}

const ProbeTarget *targetOf(const ProbePlan &p, const QString &listener)
{
    for (const ProbeTarget &t : p.targets)
        if (t.listener.value() == listener)
            return &t;
    return nullptr;
}

QString skipReason(const ProbePlan &p, const QString &listener)
{
    for (const SkippedListener &s : p.skipped)
        if (s.listener.value() == listener)
            return s.reason;
    return {};
}

} // namespace

class TstProbePlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void catalogSaysWhichPortsPresentACertificate();
    void malformedProbeEntriesAreReported_data();
    void malformedProbeEntriesAreReported();
    void insideProbesTheInternalAddresses();
    void outsideProbesPublicAddressesAndNames();
    void outsideWithoutNatProbesTheExternalAddress();
    void hairpinTestsAreLabelled();
    void mediaRangeIsNeverAListener();
    void disabledListenersAreSkipped();
    void noTlsAndNoDns();
    void filters_data();
    void filters();
    void dnsRecordsOfEachSide();
};

// The ports the issue lists as presenting a certificate, and those that must not get TLS.
void TstProbePlan::catalogSaysWhichPortsPresentACertificate()
{
    const Catalog &c = Catalog::builtIn();
    const QStringList tls{
            u"access-client-sip"_s,   u"access-federation-sip"_s, u"webconf-external-psom"_s,
            u"access-internal-sip"_s, u"mras-internal"_s,         u"webconf-internal-psom"_s,
            u"cms-replication"_s,     u"skype-search"_s,          u"cls-agent"_s};
    for (const QString &key : tls) {
        for (const Catalog::EndpointDef *def : c.endpointDefs(key)) {
            QVERIFY2(def->probe == ProbeProtocol::Tls, qPrintable(key));
            QVERIFY2(def->tlsName != TlsName::None, qPrintable(key));
        }
    }
    // The A/V Edge's TCP 443 is MS-TURN in a pseudo-TLS framing; XMPP starts in the clear.
    for (const QString &key : {u"av-external-turn-tcp"_s, u"av-internal-turn-tcp"_s,
                               u"xmpp-external"_s, u"xmpp-internal"_s})
        QVERIFY2(c.endpoint(key)->probe == ProbeProtocol::Tcp, qPrintable(key));
    for (const QString &key : {u"av-external-turn-udp"_s, u"av-internal-turn-udp"_s})
        QVERIFY2(c.endpoint(key)->probe == ProbeProtocol::MsTurn, qPrintable(key));
    QCOMPARE(c.endpoint(u"access-client-sip"_s)->tlsName, TlsName::Published);
    QCOMPARE(c.endpoint(u"access-internal-sip"_s)->tlsName, TlsName::Pool);
    QCOMPARE(c.endpoint(u"webconf-internal-psom"_s)->tlsName, TlsName::Server);
}

void TstProbePlan::malformedProbeEntriesAreReported_data()
{
    QTest::addColumn<QByteArray>("endpoint");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown probe")
            << QByteArray(R"("probe":"telnet")") << u"unknown probe 'telnet'"_s;
    QTest::newRow("TLS without a name")
            << QByteArray(R"("probe":"tls")") << u"tls_name must be published, pool or server"_s;
    QTest::newRow("name without TLS")
            << QByteArray(R"("tls_name":"pool")") << u"has a tls_name but no TLS probe"_s;
    QTest::newRow("MS-TURN over TCP")
            << QByteArray(R"("probe":"msturn")") << u"an MS-TURN probe is over UDP"_s;
}

void TstProbePlan::malformedProbeEntriesAreReported()
{
    QFETCH(QByteArray, endpoint);
    QFETCH(QString, message);
    const QByteArray json = R"({"products":[],"services":[],"endpoints":[{"key":"e",)"
                            R"("service":"S","role":"internal","transport":"tcp","port":1,)"
                            R"("protocol":"x","purpose":"y",)"
                            + endpoint + R"(}],"relays":[],"flows":[],"scenarios":[]})";
    QString error;
    QVERIFY(!Catalog::fromJson(json, &error).has_value());
    QVERIFY2(error.contains(message), qPrintable(error));
}

void TstProbePlan::insideProbesTheInternalAddresses()
{
    const ProbePlan p = plan(pool(1), ProbeSide::Inside);
    QVERIFY(!p.error.isError());
    const QSet<QString> want{
            u"edge01-int-tcp-5061@172.25.33.11:5061/tls"_s,
            u"edge01-int-tcp-5062@172.25.33.11:5062/tls"_s,
            u"edge01-int-tcp-8057@172.25.33.11:8057/tls"_s,
            u"edge01-int-udp-3478@172.25.33.11:3478/msturn"_s,
            u"edge01-int-tcp-443@172.25.33.11:443/tcp"_s, // MS-TURN over TCP: never TLS
            u"edge01-int-tcp-4443@172.25.33.11:4443/tls"_s,
            u"edge01-int-tcp-50001-50003@172.25.33.11:50001/tls"_s, // three fixed ports
            u"edge01-int-tcp-50001-50003@172.25.33.11:50002/tls"_s,
            u"edge01-int-tcp-50001-50003@172.25.33.11:50003/tls"_s,
    };
    QCOMPARE(targets(p), want);
    // The name clients ask for: the pool's internal FQDN, or the member's own.
    QCOMPARE(targetOf(p, u"edge01-int-tcp-5061"_s)->tlsName, u"edge01.contoso.local"_s);
    QCOMPARE(targetOf(p, u"edge01-int-tcp-8057"_s)->tlsName, u"edge01.contoso.local"_s);
    QVERIFY(!targetOf(p, u"edge01-int-tcp-5061"_s)->externalInterface);
    QVERIFY(skipReason(p, u"edge01-access-tcp-443"_s).contains(u"probed from outside"_s));
    // The internal A record of the member (which is the pool's FQDN too).
    QCOMPARE(p.dnsChecks.size(), 1);
    QCOMPARE(p.dnsChecks.first().name, u"edge01.contoso.local"_s);
}

// Outside, behind NAT: the public addresses (the private ones are not routable from the
// Internet), and each published name once per socket.
void TstProbePlan::outsideProbesPublicAddressesAndNames()
{
    const ProbePlan p = plan(pool(2), ProbeSide::Outside);
    const QSet<QString> got = targets(p);
    for (const QString &t :
         {u"edge01-access-tcp-443@203.0.113.11:443/tls"_s,
          u"edge01-access-tcp-5061@203.0.113.11:5061/tls"_s,
          u"edge01-webconf-tcp-443@203.0.113.31:443/tls"_s,
          u"edge01-av-udp-3478@203.0.113.51:3478/msturn"_s,
          u"edge01-av-tcp-443@203.0.113.51:443/tcp"_s,
          u"edge02-access-tcp-443@203.0.113.12:443/tls"_s, u"name:sip.contoso.com:443/tls"_s,
          u"name:sip.contoso.com:5061/tls"_s, u"name:webconf.contoso.com:443/tls"_s,
          u"name:av.contoso.com:3478/msturn"_s, u"name:av.contoso.com:443/tcp"_s})
        QVERIFY2(got.contains(t), qPrintable(t));
    QCOMPARE(got.size(), 2 * 5 + 5); // five sockets per member, five names for the pool
    const ProbeTarget *access = targetOf(p, u"edge01-access-tcp-443"_s);
    QCOMPARE(access->via, ProbeVia::NatPublic);
    QCOMPARE(access->tlsName, u"sip.contoso.com"_s);
    QVERIFY(access->externalInterface);
    QVERIFY(access->label.contains(u"NAT public address"_s));
    QVERIFY(skipReason(p, u"edge01-int-tcp-5061"_s).contains(u"probed from inside"_s));
    QVERIFY(skipReason(p, u"edge01-int-tcp-4443"_s).contains(u"bound on all interfaces"_s)
            || skipReason(p, u"edge01-int-tcp-4443"_s).contains(u"internal interface"_s));
}

void TstProbePlan::outsideWithoutNatProbesTheExternalAddress()
{
    const ProbePlan p = plan(pool(1, false), ProbeSide::Outside);
    const ProbeTarget *access = targetOf(p, u"edge01-access-tcp-5061"_s);
    QVERIFY(access);
    QCOMPARE(access->via, ProbeVia::External);
    QCOMPARE(access->host, u"192.0.2.11"_s);
}

void TstProbePlan::hairpinTestsAreLabelled()
{
    const ProbePlan p
            = plan(pool(1), ProbeSide::Inside, [](ProbePlanOptions &o) { o.hairpin = true; });
    const ProbeTarget *access = targetOf(p, u"edge01-access-tcp-443"_s);
    QVERIFY(access);
    QCOMPARE(access->via, ProbeVia::Hairpin);
    QCOMPARE(access->host, u"203.0.113.11"_s);
    QVERIFY2(access->label.contains(u"hairpin test"_s), qPrintable(access->label));
    // Without NAT there is no public address to loop back.
    const ProbePlan plain = plan(pool(1, false), ProbeSide::Inside,
                                 [](ProbePlanOptions &o) { o.hairpin = true; });
    QVERIFY(!targetOf(plain, u"edge01-access-tcp-443"_s));
}

void TstProbePlan::mediaRangeIsNeverAListener()
{
    const Topology t = pool(1);
    const ProbePlan p = plan(t, ProbeSide::Outside);
    QVERIFY(!targetOf(p, u"edge01-av-tcp-50000-59999"_s));
    QVERIFY(!targetOf(p, u"edge01-av-udp-50000-59999"_s));
    QVERIFY(skipReason(p, u"edge01-av-tcp-50000-59999"_s).contains(u"allocated per call"_s));
    // With the sample: one TCP port of the range, on the public address; never the UDP range.
    const ProbePlan sampled
            = plan(t, ProbeSide::Outside, [](ProbePlanOptions &o) { o.mediaSample = true; });
    const ProbeTarget *sample = targetOf(sampled, u"edge01-av-tcp-50000-59999"_s);
    QVERIFY(sample);
    QVERIFY(sample->mediaSample);
    QVERIFY(sample->port >= 50000 && sample->port <= 59999);
    QCOMPARE(sample->host, u"203.0.113.51"_s);
    QVERIFY(!targetOf(sampled, u"edge01-av-udp-50000-59999"_s));
    // A chosen port, and no sample from inside (the range is on the external interface).
    const ProbePlan chosen = plan(t, ProbeSide::Outside, [](ProbePlanOptions &o) {
        o.mediaSample = true;
        o.mediaPort = 51234;
    });
    QCOMPARE(targetOf(chosen, u"edge01-av-tcp-50000-59999"_s)->port, 51234);
    const ProbePlan inside
            = plan(t, ProbeSide::Inside, [](ProbePlanOptions &o) { o.mediaSample = true; });
    QVERIFY(!targetOf(inside, u"edge01-av-tcp-50000-59999"_s));
}

void TstProbePlan::disabledListenersAreSkipped()
{
    Topology t = pool(1);
    for (EdgePool &pool : t.pools)
        for (Listener &l : pool.servers[0].listeners)
            if (l.id.value() == u"edge01-int-tcp-5062"_s)
                l.enabled = false;
    for (Service &s : t.services)
        if (s.id.value() == u"RTCDATAPROXY"_s)
            s.enabled = false;
    const ProbePlan p = plan(t, ProbeSide::Inside);
    QVERIFY(!targetOf(p, u"edge01-int-tcp-5062"_s));
    QVERIFY(!targetOf(p, u"edge01-int-tcp-8057"_s)); // its service is disabled
    QVERIFY(skipReason(p, u"edge01-int-tcp-5062"_s).contains(u"disabled"_s));
    QVERIFY(skipReason(p, u"edge01-int-tcp-8057"_s).contains(u"disabled"_s));
}

void TstProbePlan::noTlsAndNoDns()
{
    const ProbePlan p = plan(pool(1), ProbeSide::Outside, [](ProbePlanOptions &o) {
        o.tls = false;
        o.dns = false;
    });
    for (const ProbeTarget &t : p.targets) {
        QVERIFY(t.protocol != ProbeProtocol::Tls);
        QVERIFY(t.via != ProbeVia::Name); // names need DNS
        QVERIFY(t.tlsName.isEmpty());
    }
    QVERIFY(p.dnsChecks.isEmpty());
}

void TstProbePlan::filters_data()
{
    QTest::addColumn<QString>("server");
    QTest::addColumn<QString>("pool");
    QTest::addColumn<QStringList>("servers"); // probed; empty: an error
    QTest::newRow("all") << QString() << QString()
                         << QStringList{u"edge01"_s, u"edge02"_s, u"edge03"_s};
    QTest::newRow("server id") << u"edge02"_s << QString() << QStringList{u"edge02"_s};
    QTest::newRow("server FQDN, any case")
            << u"EDGE01.contoso.local"_s << QString() << QStringList{u"edge01"_s};
    QTest::newRow("pool FQDN") << QString() << u"edgepool2.contoso.local"_s
                               << QStringList{u"edge03"_s};
    QTest::newRow("unknown server") << u"edge09"_s << QString() << QStringList();
    QTest::newRow("server outside the pool")
            << u"edge01"_s << u"edgepool2.contoso.local"_s << QStringList();
    QTest::newRow("unknown pool") << QString() << u"nopool"_s << QStringList();
}

void TstProbePlan::filters()
{
    QFETCH(QString, server);
    QFETCH(QString, pool);
    QFETCH(QStringList, servers);
    const Topology t = TopologyBuilder().members(2).site(2).members(1).build();
    const ProbePlan p = plan(t, ProbeSide::Inside, [&](ProbePlanOptions &o) {
        o.server = server;
        o.pool = pool;
    });
    QCOMPARE(p.error.isError(), servers.isEmpty());
    if (servers.isEmpty()) {
        QVERIFY(p.targets.isEmpty());
        QVERIFY2(p.error.message.contains(u"no Edge"_s), qPrintable(p.error.message));
        return;
    }
    QSet<QString> probed;
    for (const ProbeTarget &target : p.targets)
        probed.insert(target.server.value());
    QCOMPARE(probed, QSet<QString>(servers.cbegin(), servers.cend()));
}

// Outside: the public records (A records of the external FQDNs to the public addresses, one
// per member; the SRV records of the SIP domain). Inside: the internal A records.
void TstProbePlan::dnsRecordsOfEachSide()
{
    const Topology t = pool(2);
    const auto records = [](const ProbePlan &p) {
        QSet<QString> out;
        for (const DnsRecord &r : p.dnsChecks)
            out.insert(u"%1 %2 %3 %4"_s.arg(r.type, r.name, r.target).arg(r.port));
        return out;
    };
    const QSet<QString> outside = records(plan(t, ProbeSide::Outside));
    for (const QString &r :
         {u"A sip.contoso.com 203.0.113.11 0"_s, u"A sip.contoso.com 203.0.113.12 0"_s,
          u"A av.contoso.com 203.0.113.52 0"_s, u"SRV _sip._tls.contoso.com sip.contoso.com 443"_s,
          u"SRV _sipfederationtls._tcp.contoso.com sip.contoso.com 5061"_s})
        QVERIFY2(outside.contains(r), qPrintable(r));
    QVERIFY(!outside.contains(u"SRV _xmpp-server._tcp.contoso.com sip.contoso.com 5269"_s));
    const QSet<QString> inside = records(plan(t, ProbeSide::Inside));
    QVERIFY(inside.contains(u"A edge01.contoso.local 172.25.33.11 0"_s));
    QVERIFY(inside.contains(u"A edge02.contoso.local 172.25.33.12 0"_s));
    for (const QString &r : inside)
        QVERIFY2(!r.startsWith(u"SRV"_s), qPrintable(r));
    // With --server, that member's records (and the pool's SRV records).
    const QSet<QString> one = records(
            plan(t, ProbeSide::Outside, [](ProbePlanOptions &o) { o.server = u"edge02"_s; }));
    QVERIFY(one.contains(u"A sip.contoso.com 203.0.113.12 0"_s));
    QVERIFY(!one.contains(u"A sip.contoso.com 203.0.113.11 0"_s));
    QVERIFY(one.contains(u"SRV _sip._tls.contoso.com sip.contoso.com 443"_s));
}

QTEST_GUILESS_MAIN(TstProbePlan)
#include "tst_probeplan.moc"
