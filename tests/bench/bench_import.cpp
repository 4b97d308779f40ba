// What `edgemap import` costs on a large deployment's topology, measured in one run on one file:
//   - the floor: QXmlStreamReader reading every token of the same bytes (read from the file), the
//     least any import built on it can cost;
//   - the peer: Python's xml.etree.ElementTree parsing the same file, as the PowerShell or Python
//     scripts admins write around Get-CsTopology do (its interpreter start-up subtracted);
//   - in this process, the calls `edgemap import -o` makes: importTopologyFile, then the save;
//     the first call (which also reads the built-in catalog, as every `edgemap import` process
//     does) and the best of the later ones;
//   - the real `edgemap import FILE -o OUT --force` process (its start-up, measured with
//     `edgemap --version`, subtracted), and whether it agrees with the first in-process call.
// Times are CPU times (user + system; wait4 for processes on Linux), which a shared machine
// disturbs less than wall time; each is the best of --repeat runs.
//
// Usage: bench_import [TOPOLOGY.xml] [--repeat N] [--edgemap BINARY] [--sites N] [--members N]
//   Without TOPOLOGY, a published topology (Get-CsTopology -AsXml shape, UTF-16LE with BOM as
//   Windows PowerShell writes it) is generated: --sites sites (default 4), each with a Front End
//   pool of 8 servers, a Director pool, a Mediation pool and an Edge pool; the first site's Edge
//   pool has --members servers (default 12), the others 2.
#include "bench_heap_glibc.h"
#include "bench_process_posix.h"
#include "document/reimport.h"
#include "io/topologyfile.h"
#include "io/topologyimport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QXmlStreamReader>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>
#include <limits>

using namespace edgemap;
using namespace bench;

namespace {

struct Args
{
    QString topology;
    QString edgemap = QStringLiteral(EDGEMAP_BINARY);
    int repeat = 7;
    int sites = 4;
    int members = 12;
};

std::optional<Args> parseArgs(const QStringList &args)
{
    Args a;
    for (int i = 1; i < args.size(); ++i) {
        const QString &arg = args[i];
        const bool hasValue = i + 1 < args.size();
        if (arg == QLatin1String("--repeat") && hasValue)
            a.repeat = std::max(1, args[++i].toInt());
        else if (arg == QLatin1String("--edgemap") && hasValue)
            a.edgemap = args[++i];
        else if (arg == QLatin1String("--sites") && hasValue)
            a.sites = std::clamp(args[++i].toInt(), 1, 50);
        else if (arg == QLatin1String("--members") && hasValue)
            a.members = std::clamp(args[++i].toInt(), 1, 12);
        else if (!arg.startsWith(QLatin1String("--")) && a.topology.isEmpty())
            a.topology = arg;
        else
            return std::nullopt;
    }
    return a;
}

// The Edge service's ports as a Skype for Business Server 2015 deployment with one external
// address per member configures them (shared/reference/inputs.md 1.2).
QString edgePorts(const QString &fqdn)
{
    const QString ext = QStringLiteral("ConfiguredFqdn=\"%1\" ").arg(fqdn);
    const auto port = [](const QString &owner, const QString &usage, const QString &side,
                         int number, const QString &protocol, const QString &extra = {}) {
        return QStringLiteral("        <Port Owner=\"urn:component:%1\" Usage=\"%2\" "
                              "InterfaceSide=\"%3\" InterfaceNumber=\"1\" Port=\"%4\" "
                              "Protocol=\"%5\" UrlPath=\"/\" AuthorizesRequests=\"false\" %6/>\n")
                .arg(owner, usage, side)
                .arg(number)
                .arg(protocol, extra);
    };
    const QString in = QStringLiteral("Internal");
    const QString out = QStringLiteral("External");
    return port(QStringLiteral("AccessEdge"), QStringLiteral("SipServer"), in, 5061,
                QStringLiteral("Mtls"))
           + port(QStringLiteral("AccessEdge"), QStringLiteral("SipClient"), out, 443,
                  QStringLiteral("Tls"), ext)
           + port(QStringLiteral("AccessEdge"), QStringLiteral("SipServer"), out, 5061,
                  QStringLiteral("Mtls"), ext)
           + port(QStringLiteral("DataEdge"), QStringLiteral("PsomServer"), in, 8057,
                  QStringLiteral("Mtls"))
           + port(QStringLiteral("DataEdge"), QStringLiteral("PsomClient"), out, 444,
                  QStringLiteral("Tls"), ext)
           + port(QStringLiteral("MediaRelayAuthenticationEdge"), QStringLiteral("SipServer"), in,
                  5062, QStringLiteral("Mtls"), QStringLiteral("GruuType=\"MRAS\" "))
           + port(QStringLiteral("MediaRelayEdge"), QStringLiteral("TURNServer"), in, 443,
                  QStringLiteral("Tcp"))
           + port(QStringLiteral("MediaRelayEdge"), QStringLiteral("TURNServer"), out, 443,
                  QStringLiteral("Tcp"), ext)
           + port(QStringLiteral("MediaRelayEdge"), QStringLiteral("TURNServer"), in, 3478,
                  QStringLiteral("Udp"))
           + port(QStringLiteral("MediaRelayEdge"), QStringLiteral("TURNServer"), out, 3478,
                  QStringLiteral("Udp"), ext)
           + port(QStringLiteral("MediaRelayEdge"), QStringLiteral("MediaCommunication"), out,
                  50000, QStringLiteral("TcpOrUdp"), ext + QStringLiteral("Range=\"10000\" "))
           + port(QStringLiteral("SkypeSearchProxy"), QStringLiteral("WebServer"), in, 4443,
                  QStringLiteral("Mtls"));
}

QString machines(const QString &prefix, int count, const QString &sides, int subnet)
{
    QString out;
    for (int m = 1; m <= count; ++m) {
        out += QStringLiteral("      <Machine OrdinalInCluster=\"%1\" Fqdn=\"%2%3.contoso.com\" "
                              "FaultDomain=\"%2%3.contoso.com\" UpgradeDomain=\"%2%3."
                              "contoso.com\">\n")
                       .arg(m)
                       .arg(prefix)
                       .arg(m, 2, 10, QLatin1Char('0'));
        for (const QString &side : sides.split(QLatin1Char(','))) {
            const QString ip = side == QLatin1String("External")
                                       ? QStringLiteral("203.0.%1.%2").arg(subnet).arg(10 + m)
                               : side == QLatin1String("Internal")
                                       ? QStringLiteral("10.%1.0.%2").arg(subnet).arg(10 + m)
                                       : QStringLiteral("0.0.0.0");
            out += QStringLiteral("        <NetInterface InterfaceSide=\"%1\" "
                                  "InterfaceNumber=\"1\" IPAddress=\"%2\" />\n")
                           .arg(side, ip);
        }
        out += QStringLiteral("      </Machine>\n");
    }
    return out;
}

QString service(int site, const QString &role, int cluster, const QString &dependsOn,
                const QString &ports, const QString &extra = {})
{
    QString deps;
    for (const QString &d : dependsOn.split(QLatin1Char(','), Qt::SkipEmptyParts))
        deps += QStringLiteral("        <Dependency Usage=\"Default\">\n          <ServiceId "
                               "SiteId=\"%1\" RoleName=\"%2\" Instance=\"1\" />\n        "
                               "</Dependency>\n")
                        .arg(site)
                        .arg(d);
    return QStringLiteral("    <Service RoleVersion=\"1\" ServiceVersion=\"7\">\n      <ServiceId "
                          "SiteId=\"%1\" RoleName=\"%2\" Instance=\"1\" />\n      <DependsOn>\n"
                          "%3      </DependsOn>\n      <InstalledOn>\n        <ClusterId "
                          "SiteId=\"%1\" Number=\"%4\" />\n      </InstalledOn>\n      <Ports "
                          "xmlns=\"urn:schema:Microsoft.Rtc.Management.Deploy.ServiceRoles."
                          "2008\">\n%5      </Ports>\n%6    </Service>\n")
            .arg(site)
            .arg(role, deps)
            .arg(cluster)
            .arg(ports, extra);
}

QString registrarPorts()
{
    return QStringLiteral("        <Port Owner=\"urn:component:Registrar\" Usage=\"SipServer\" "
                          "InterfaceSide=\"Primary\" InterfaceNumber=\"1\" Port=\"5061\" "
                          "Protocol=\"Mtls\" UrlPath=\"/\" AuthorizesRequests=\"false\" />\n");
}

// A published topology of `sites` sites, as Get-CsTopology -AsXml writes it for a large
// enterprise: per site a Front End pool (8 servers, with its web, user and conferencing
// services), a Director pool, a Mediation pool and an Edge pool.
QByteArray generateTopology(int sites, int firstEdgeMembers)
{
    QString clusters, services, siteList;
    for (int s = 1; s <= sites; ++s) {
        const QString code = QStringLiteral("s%1").arg(s);
        siteList += QStringLiteral("    <CentralSite SiteId=\"%1\">\n      <Name>Site %1</Name>\n"
                                   "      <Location City=\"City %1\" CountryCode=\"NL\" />\n"
                                   "    </CentralSite>\n")
                            .arg(s);
        const auto cluster = [&](int number, const QString &fqdn, const QString &body) {
            clusters += QStringLiteral("    <Cluster RequiresReplication=\"true\" "
                                       "RequiresSetup=\"true\" Fqdn=\"%1\">\n      <ClusterId "
                                       "SiteId=\"%2\" Number=\"%3\" />\n%4    </Cluster>\n")
                                .arg(fqdn)
                                .arg(s)
                                .arg(number)
                                .arg(body);
        };
        cluster(1, code + QStringLiteral("-fe.contoso.com"),
                machines(code + QStringLiteral("-fe"), 8, QStringLiteral("Primary"), s));
        cluster(2, code + QStringLiteral("-dir.contoso.com"),
                machines(code + QStringLiteral("-dir"), 2, QStringLiteral("Primary"), s));
        cluster(3, code + QStringLiteral("-med.contoso.com"),
                machines(code + QStringLiteral("-med"), 2, QStringLiteral("Primary,Pstn"), s));
        const QString edge = code + QStringLiteral("-edge.contoso.com");
        cluster(4, edge,
                machines(code + QStringLiteral("-edge"), s == 1 ? firstEdgeMembers : 2,
                         QStringLiteral("Internal,External"), s));
        const QString director = QStringLiteral("      <RegistrarService xmlns=\"urn:schema:"
                                                "Microsoft.Rtc.Management.Deploy.ServiceRoles."
                                                "2008\" IsDirector=\"%1\" />\n");
        services += service(s, QStringLiteral("Registrar"), 1, QStringLiteral("EdgeServer"),
                            registrarPorts(), director.arg(QStringLiteral("false")));
        services += service(s, QStringLiteral("Registrar"), 2, QString(), registrarPorts(),
                            director.arg(QStringLiteral("true")));
        for (const QString &role :
             {QStringLiteral("UserServices"), QStringLiteral("WebServices"),
              QStringLiteral("ConfServices"), QStringLiteral("ApplicationServer"),
              QStringLiteral("MonitoringServer"), QStringLiteral("ArchivingServer")})
            services += service(s, role, 1, QStringLiteral("Registrar"), registrarPorts());
        services += service(s, QStringLiteral("MediationServer"), 3, QStringLiteral("Registrar"),
                            registrarPorts());
        services += service(s, QStringLiteral("EdgeServer"), 4, QStringLiteral("Registrar"),
                            edgePorts(QStringLiteral("sip%1.contoso.com").arg(s)));
    }
    services += service(1, QStringLiteral("CentralMgmt"), 1, QString(), QString());
    const QString xml
            = QStringLiteral("<?xml version=\"1.0\" encoding=\"utf-16\"?>\n<Topology xmlns=\"urn:"
                             "schema:Microsoft.Rtc.Management.Deploy.Topology.2008\" Signature="
                             "\"0f0e0d0c-0b0a-4909-8807-060504030201\">\n  <InternalDomains "
                             "AllowAllDomains=\"false\" DefaultDomain=\"contoso.com\">\n    "
                             "<InternalDomain Name=\"contoso.com\" Authoritative=\"false\" "
                             "AllowSubDomains=\"false\" />\n  </InternalDomains>\n  <Sites>\n%1"
                             "  </Sites>\n  <Clusters>\n%2  </Clusters>\n  <Services>\n%3  "
                             "</Services>\n</Topology>\n")
                      .arg(siteList, clusters, services);
    // Windows PowerShell's redirection writes UTF-16LE with a BOM.
    QStringEncoder encoder(QStringConverter::Utf16LE, QStringConverter::Flag::WriteBom);
    return encoder(xml);
}

// CPU time of one call, in seconds (std::clock: this process's user + system time).
double cpuTime(const std::function<void()> &work)
{
    releaseFreedMemory();
    const std::clock_t start = std::clock();
    work();
    return double(std::clock() - start) / CLOCKS_PER_SEC;
}

// Best CPU time of `repeat` calls; each starts from a trimmed heap, as a new process would.
double bestTime(int repeat, const std::function<void()> &work)
{
    double best = std::numeric_limits<double>::max();
    for (int i = 0; i < repeat; ++i)
        best = std::min(best, cpuTime(work));
    return best;
}

// The floor: every token of the file through QXmlStreamReader, nothing kept.
qint64 readTokens(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    QXmlStreamReader reader(f.readAll());
    qint64 elements = 0;
    while (!reader.atEnd())
        if (reader.readNext() == QXmlStreamReader::StartElement)
            ++elements;
    return reader.hasError() ? -1 : elements;
}

void line(const char *label, double seconds, double floor)
{
    std::printf("%-44s %8.2f ms  %6.2fx the floor\n", label, seconds * 1e3, seconds / floor);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    fixMallocThreshold();
    std::optional<Args> parsed = parseArgs(app.arguments());
    if (!parsed) {
        std::fprintf(stderr, "usage: bench_import [TOPOLOGY.xml] [--repeat N] [--edgemap BINARY] "
                             "[--sites N] [--members N]\n");
        return 2;
    }
    Args a = *parsed;
    QTemporaryDir dir;
    if (a.topology.isEmpty()) {
        a.topology = dir.filePath(QStringLiteral("topology.xml"));
        QFile f(a.topology);
        if (!f.open(QIODevice::WriteOnly) || f.write(generateTopology(a.sites, a.members)) < 0) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(a.topology));
            return 2;
        }
    }
    const QString out = dir.filePath(QStringLiteral("out.edgemap.json"));
    const double kb = double(QFile(a.topology).size()) / 1024;

    // The real thing, a process per run, before anything is loaded here.
    const ProcessRun startup = bestOf(a.repeat, {a.edgemap, QStringLiteral("--version")});
    const ProcessRun cli = bestOf(a.repeat, {a.edgemap, QStringLiteral("import"), a.topology,
                                             QStringLiteral("-o"), out, QStringLiteral("--force")});
    if (cli.exitCode != 0) {
        std::fprintf(stderr, "%s import failed (exit %d)\n", qPrintable(a.edgemap), cli.exitCode);
        return 2;
    }
    // The peer, timed inside its own process as ours is below (CPU time, best of N).
    double peerParse = -1;
    {
        QProcess python;
        python.start(QStringLiteral("python3"),
                     {QStringLiteral("-c"),
                      QStringLiteral("import sys, time, xml.etree.ElementTree as ET\n"
                                     "best = min((lambda t: (ET.parse(sys.argv[1]).getroot(), "
                                     "time.process_time() - t)[1])(time.process_time()) "
                                     "for _ in range(int(sys.argv[2])))\nprint(best)"),
                      a.topology, QString::number(a.repeat)});
        if (python.waitForFinished(120000) && python.exitCode() == 0)
            peerParse = python.readAllStandardOutput().trimmed().toDouble();
    }

    // The first import and save in this process, as a new `edgemap import` process makes them.
    const QString saved = dir.filePath(QStringLiteral("saved.edgemap.json"));
    const auto importAndSave = [&] {
        const topologyimport::ImportResult r = topologyimport::importTopologyFile(a.topology);
        if (r.ok())
            (void)topologyfile::save(*r.topology, saved);
    };
    const double first = cpuTime(importAndSave);
    qint64 elements = 0;
    const double floor = bestTime(a.repeat, [&] { elements = readTokens(a.topology); });
    if (elements < 0) {
        std::fprintf(stderr, "%s is not well-formed XML\n", qPrintable(a.topology));
        return 2;
    }
    topologyimport::ImportResult result;
    const double import = bestTime(a.repeat, [&] {
        result = {};
        result = topologyimport::importTopologyFile(a.topology);
    });
    if (!result.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(result.error.toString()));
        return 2;
    }
    const double whole = bestTime(a.repeat, importAndSave);

    // File > Import Topology Changes runs reimport() on the GUI thread: the same deployment a
    // member smaller, against the topology imported above.
    double merge = -1;
    qsizetype changes = 0;
    if (a.members > 1) {
        const topologyimport::ImportResult later
                = topologyimport::importTopologyXml(generateTopology(a.sites, a.members - 1));
        if (later.ok())
            merge = bestTime(a.repeat, [&] {
                changes = reimport(*result.topology, *later.topology).changes.size();
            });
    }

    int servers = 0;
    for (const EdgePool &pool : result.topology->pools)
        servers += int(pool.servers.size());
    std::printf("bench_import: %s, %.0f KiB, %lld elements: %lld Edge pools, %d Edge servers\n",
                qPrintable(a.topology), kb, static_cast<long long>(elements),
                static_cast<long long>(result.topology->pools.size()), servers);
    std::printf("CPU times, best of %d:\n", a.repeat);
    line("floor: QXmlStreamReader, every token", floor, floor);
    line("importTopologyFile (in process)", import, floor);
    line("import + save (what `edgemap import -o` calls)", whole, floor);
    line("  the first import + save (catalog read too)", first, floor);
    const double cliWork = std::max(0.0, cli.cpu - startup.cpu);
    std::printf("%-44s %8.2f ms  (start-up %.2f ms: `edgemap --version`; wall %.2f ms)\n",
                "`edgemap import -o` process", cli.cpu * 1e3, startup.cpu * 1e3, cli.wall * 1e3);
    line("  the process less its start-up", cliWork, floor);
    if (merge >= 0)
        std::printf("%-44s %8.2f ms  (changes listed: %lld; on the GUI thread)\n",
                    "reimport: the pool one member smaller", merge * 1e3,
                    static_cast<long long>(changes));
    if (peerParse >= 0) {
        line("peer: Python ElementTree parse (in process)", peerParse, floor);
        std::printf("importTopologyFile is %.2fx the peer's bare parse\n",
                    import / std::max(peerParse, 1e-6));
    } else {
        std::printf("peer: python3 is not available\n");
    }
    // The benchmark times what users run: the process less its start-up must be close to the
    // first in-process call (within 30 %, or 5 ms: process CPU times come in 1-4 ms ticks).
    const double gap = std::abs(cliWork - first);
    const bool agrees = gap <= std::max(0.3 * first, 0.005);
    std::printf("process and in-process figures %s (difference %.2f ms)\n",
                agrees ? "agree" : "DISAGREE", gap * 1e3);
    return agrees ? 0 : 1;
}
