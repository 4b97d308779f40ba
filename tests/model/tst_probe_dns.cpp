// The DNS checks and the name targets against a resolver the test starts on loopback: dnsmasq
// (from Debian's dnsmasq-base, which scripts/setup-deps.sh installs) answering for contoso.test
// on 127.79.53.1. Qt 6.4's QDnsLookup asks a named resolver on port 53 only, so the test needs
// to bind port 53 (root, or net.ipv4.ip_unprivileged_port_start at 53 or below); it skips with
// the reason otherwise. Records: SRV _sip._tls right, _sipfederationtls._tcp to the wrong host,
// _xmpp-server._tcp missing; sip.contoso.test with edge01's public address but not edge02's;
// webconf.contoso.test missing; av.contoso.test with a wrong address.
#include "support/tst_probe_util.h"

#include <QStandardPaths>
#include <QTest>

using namespace edgemap;
using namespace edgemap::probetest;
using namespace edgemap::testing;
using namespace Qt::StringLiterals;

namespace {

constexpr int kBlock = 79;
const QString kResolver = u"127.79.53.1"_s;

// A two-member pool with XMPP, behind NAT: public addresses 127.79.3.x.
Topology loopbackPool()
{
    TemplateParams p
            = TopologyBuilder().addresses(loopbackPlan(kBlock)).nat().xmpp().members(2).params();
    p.sipDomains = {u"contoso.test"_s};
    p.accessFqdn = u"sip.contoso.test"_s;
    p.webConfFqdn = u"webconf.contoso.test"_s;
    p.avFqdn = u"av.contoso.test"_s;
    p.poolFqdn = u"edgepool.contoso.local"_s;
    TemplateResult r = buildTopology(p, Catalog::builtIn());
    if (!r.ok())
        qFatal("%s", qPrintable(r.error));
    return r.topology;
}

class Dnsmasq
{
public:
    // Starts dnsmasq with the test's records; error() says why it did not start.
    explicit Dnsmasq(const QStringList &records)
    {
        const QString program = QStandardPaths::findExecutable(
                u"dnsmasq"_s, {u"/usr/sbin"_s, u"/sbin"_s, u"/usr/local/sbin"_s});
        if (program.isEmpty()) {
            m_error = u"dnsmasq is not installed (scripts/setup-deps.sh installs dnsmasq-base)"_s;
            return;
        }
        const QString user = qEnvironmentVariable("USER", u"root"_s);
        QStringList args{u"--keep-in-foreground"_s,
                         u"--conf-file=/dev/null"_s,
                         u"--listen-address="_s + kResolver,
                         u"--bind-interfaces"_s,
                         u"--port=53"_s,
                         u"--no-resolv"_s,
                         u"--no-hosts"_s,
                         u"--pid-file="_s,
                         u"--user="_s + user,
                         u"--log-facility=-"_s,
                         u"--local=/contoso.test/"_s,
                         u"--local=/contoso.local/"_s};
        args += records;
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(program, args);
        QString log;
        for (int i = 0; i < 50 && !log.contains(u"started, version"_s); ++i) {
            if (m_process.state() == QProcess::NotRunning)
                break;
            m_process.waitForReadyRead(100);
            log += QString::fromLocal8Bit(m_process.readAll());
        }
        if (!log.contains(u"started, version"_s) || m_process.state() == QProcess::NotRunning)
            m_error = u"dnsmasq did not start on %1:53 (binding port 53 needs root or "
                      "net.ipv4.ip_unprivileged_port_start <= 53; Qt 6.4 asks a named resolver "
                      "on port 53 only): %2"_s.arg(kResolver, log.trimmed());
    }
    ~Dnsmasq()
    {
        m_process.terminate();
        m_process.waitForFinished(3000);
    }
    QString error() const { return m_error; }

private:
    QProcess m_process;
    QString m_error;
};

QStringList records()
{
    return {u"--srv-host=_sip._tls.contoso.test,sip.contoso.test,443,0,0"_s,
            u"--srv-host=_sipfederationtls._tcp.contoso.test,edge.contoso.test,5061,0,0"_s,
            u"--host-record=sip.contoso.test,127.79.3.11"_s,
            u"--host-record=av.contoso.test,127.79.3.99"_s,
            u"--host-record=edge01.contoso.local,127.79.1.11"_s,
            u"--host-record=edge02.contoso.local,127.79.1.12"_s,
            u"--host-record=edgepool.contoso.local,127.79.1.11"_s};
}

// "STATUS TYPE NAME TARGET" of each DNS check.
QStringList checked(const ProbeRun &run)
{
    QStringList out;
    for (const DnsCheckResult &d : run.dns)
        out.append(u"%1 %2 %3 %4"_s.arg(keyOf(d.status), d.expected.type, d.expected.name,
                                        d.expected.target));
    out.sort();
    return out;
}

} // namespace

class TstProbeDns : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void externalRecords();
    void internalRecords();
    void namesAreResolvedThenProbed();
    void aResolverThatDoesNotAnswer();

private:
    std::unique_ptr<Dnsmasq> m_dns;
};

void TstProbeDns::initTestCase()
{
    m_dns = std::make_unique<Dnsmasq>(records());
    if (!m_dns->error().isEmpty())
        QSKIP(qPrintable(m_dns->error()));
}

void TstProbeDns::cleanupTestCase()
{
    m_dns.reset();
}

void TstProbeDns::externalRecords()
{
    Topology t = loopbackPool();
    ProbePlanOptions plan;
    plan.side = ProbeSide::Outside;
    disableAll(t); // the DNS checks only
    ProbeOptions options;
    options.timeoutMs = 3000;
    options.resolver = kResolver;
    const ProbeRun run = probe(t, plan, options);
    QCOMPARE(run.resolver, kResolver);
    const QStringList want{
            u"missing A webconf.contoso.test 127.79.3.31"_s,
            u"missing A webconf.contoso.test 127.79.3.32"_s,
            u"missing SRV _xmpp-server._tcp.contoso.test sip.contoso.test"_s,
            u"ok A sip.contoso.test 127.79.3.11"_s,
            u"ok SRV _sip._tls.contoso.test sip.contoso.test"_s,
            u"wrong-address A av.contoso.test 127.79.3.51"_s,
            u"wrong-address A av.contoso.test 127.79.3.52"_s,
            u"wrong-address A sip.contoso.test 127.79.3.12"_s,
            u"wrong-target SRV _sipfederationtls._tcp.contoso.test sip.contoso.test"_s,
    };
    QCOMPARE(checked(run), want);
    for (const DnsCheckResult &d : run.dns) {
        if (d.expected.name == u"_sipfederationtls._tcp.contoso.test"_s) {
            QCOMPARE(d.answers, QStringList{u"0 0 5061 edge.contoso.test"_s});
            QVERIFY2(d.detail.contains(u"points to 0 0 5061 edge.contoso.test, expected "
                                       "sip.contoso.test port 5061"_s),
                     qPrintable(d.detail));
        }
        if (d.expected.name == u"sip.contoso.test"_s && d.expected.target.endsWith(u".12"_s))
            QVERIFY2(d.detail.contains(u"resolves to 127.79.3.11, not 127.79.3.12"_s),
                     qPrintable(d.detail));
    }
}

void TstProbeDns::internalRecords()
{
    Topology t = loopbackPool();
    disableAll(t);
    ProbePlanOptions plan;
    plan.side = ProbeSide::Inside;
    ProbeOptions options;
    options.resolver = kResolver;
    const ProbeRun run = probe(t, plan, options);
    const QStringList want{
            u"ok A edge01.contoso.local 127.79.1.11"_s, u"ok A edge02.contoso.local 127.79.1.12"_s,
            u"ok A edgepool.contoso.local 127.79.1.11"_s,
            u"wrong-address A edgepool.contoso.local 127.79.1.12"_s, // a member not in the pool
    };
    QCOMPARE(checked(run), want);
}

// Outside, a published name is resolved as a client does and its first address probed, with
// the name as SNI.
void TstProbeDns::namesAreResolvedThenProbed()
{
    Topology t = loopbackPool();
    disableAll(t);
    OpenPort sip(u"127.79.3.11"_s);
    place(t, u"edge01-access-tcp-5061"_s, sip.port());
    ProbePlanOptions plan;
    plan.side = ProbeSide::Outside;
    plan.tls = false;
    ProbeOptions options;
    options.resolver = kResolver;
    const ProbeRun run = probe(t, plan, options);
    const ProbeResult *name = nullptr;
    for (const ProbeResult &r : run.results)
        if (r.target.via == ProbeVia::Name && r.target.name == u"sip.contoso.test"_s)
            name = &r;
    QVERIFY(name);
    QCOMPARE(name->status, ProbeStatus::Open);
    QCOMPARE(name->address, u"127.79.3.11"_s);
    QCOMPARE(name->resolved, QStringList{u"127.79.3.11"_s});
    QVERIFY2(name->detail.startsWith(u"sip.contoso.test resolves to 127.79.3.11; open"_s),
             qPrintable(name->detail));
    QVERIFY(sip.connections() >= 2); // the public address, then the name
}

// A resolver address where nothing answers: each check fails after its timeout.
void TstProbeDns::aResolverThatDoesNotAnswer()
{
    Topology t = loopbackPool();
    disableAll(t);
    ProbePlanOptions plan;
    plan.side = ProbeSide::Inside;
    ProbeOptions options;
    options.resolver = u"127.79.53.2"_s;
    options.timeoutMs = 700;
    const ProbeRun run = probe(t, plan, options);
    QVERIFY(!run.dns.isEmpty());
    for (const DnsCheckResult &d : run.dns)
        QVERIFY2(d.status == DnsCheckResult::Status::Failed, qPrintable(d.detail));
}

QTEST_GUILESS_MAIN(TstProbeDns)
#include "tst_probe_dns.moc"
