// What `edgemap check` costs on a busy Edge, measured in one run on one capture:
//   - the floor: a plain newline count over the same bytes, read from the file;
//   - in this process, the calls `edgemap check` makes: readAndJudge (read + decode + parse,
//     matchServer, judge), then the report, each stage also on its own;
//   - the real `edgemap check` process on the same file (wall and CPU time, peak memory), and
//     whether it agrees with the in-process figure within 20% (if not, this benchmark measures
//     something else than what users run);
//   - optionally node-netstat's win32 line parser on the same rows, whole process each.
// Each time is the best of --repeat runs (the machine may be shared). Reports rows/s, MB/s, the
// ratio to the floor, and peak memory against the file size.
//
// Usage: bench_snapshot [CAPTURE] [--rows-plain FILE] [--node-netstat MODULE_DIR] [--repeat N]
//                       [--edgemap BINARY] [--topology FILE]
//   Without CAPTURE, scripts/make-busy-capture.py writes a 300,000-row UTF-16LE capture (and its
//   plain rows) into a temporary directory. --node-netstat needs node and the node-netstat
//   package installed in MODULE_DIR (tests/bench/compare-node-netstat.sh does both).
#include "bench_heap_glibc.h"
#include "bench_process_posix.h"
#include "io/topologyfile.h"
#include "reports/checkreport.h"
#include "reports/tablewriters.h"
#include "snapshot/check.h"
#include "snapshot/judgement.h"
#include "snapshot/snapshotfile.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <functional>
#include <limits>

using namespace edgemap;
using namespace bench;

namespace {

struct Args
{
    QString capture;
    QString rowsPlain;
    QString nodeModules;
    QString edgemap = QStringLiteral(EDGEMAP_BINARY);
    QString topology
            = QStringLiteral(EDGEMAP_SOURCE_DIR "/resources/topologies/default.edgemap.json");
    int repeat = 5;
};

// Best wall time of `repeat` calls, in seconds; each starts from a trimmed heap, as a new
// process would.
double bestTime(int repeat, const std::function<void()> &work)
{
    double best = std::numeric_limits<double>::max();
    for (int i = 0; i < repeat; ++i) {
        bench::releaseFreedMemory();
        QElapsedTimer timer;
        timer.start();
        work();
        best = std::min(best, double(timer.nsecsElapsed()) / 1e9);
    }
    return best;
}

qint64 countNewlines(const QString &path)
{
    qint64 newlines = 0;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    QByteArray chunk(4 << 20, Qt::Uninitialized);
    for (qint64 n; (n = f.read(chunk.data(), chunk.size())) > 0;)
        newlines += std::count(chunk.cbegin(), chunk.cbegin() + n, '\n');
    return newlines;
}

QString reportText(const Topology &topology, const CheckResult &check)
{
    return QString::fromUtf8(tablewriters::markdown(checkReportDocument(topology, check)));
}

std::optional<Args> parseArgs(const QStringList &args)
{
    Args a;
    for (int i = 1; i < args.size(); ++i) {
        const QString &arg = args[i];
        const bool hasValue = i + 1 < args.size();
        if (arg == QLatin1String("--rows-plain") && hasValue)
            a.rowsPlain = args[++i];
        else if (arg == QLatin1String("--node-netstat") && hasValue)
            a.nodeModules = args[++i];
        else if (arg == QLatin1String("--repeat") && hasValue)
            a.repeat = std::max(1, args[++i].toInt());
        else if (arg == QLatin1String("--edgemap") && hasValue)
            a.edgemap = args[++i];
        else if (arg == QLatin1String("--topology") && hasValue)
            a.topology = args[++i];
        else if (!arg.startsWith(QLatin1String("--")) && a.capture.isEmpty())
            a.capture = arg;
        else
            return std::nullopt;
    }
    return a;
}

bool makeCapture(const QTemporaryDir &dir, Args &a)
{
    a.capture = dir.filePath(QStringLiteral("busy-netstat-anob.txt"));
    a.rowsPlain = dir.filePath(QStringLiteral("rows.txt"));
    const ProcessRun r
            = runProcess({QStringLiteral("python3"),
                          QStringLiteral(EDGEMAP_SOURCE_DIR "/scripts/make-busy-capture.py"),
                          a.capture, QStringLiteral("--rows-out"), a.rowsPlain});
    return r.exitCode == 0;
}

void line(const char *label, double seconds, double mb, qsizetype rows, double floor)
{
    std::printf("%-26s %7.3f s  %6.0f MB/s  %9.0f rows/s  %5.2fx the floor\n", label, seconds,
                mb / seconds, double(rows) / seconds, seconds / floor);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    bench::fixMallocThreshold();
    std::optional<Args> parsed = parseArgs(app.arguments());
    if (!parsed) {
        std::fprintf(stderr, "usage: bench_snapshot [CAPTURE] [--rows-plain FILE] "
                             "[--node-netstat MODULE_DIR] [--repeat N] [--edgemap BINARY] "
                             "[--topology FILE]\n");
        return 2;
    }
    Args a = *parsed;
    QTemporaryDir dir;
    if (a.capture.isEmpty() && !makeCapture(dir, a)) {
        std::fprintf(stderr, "scripts/make-busy-capture.py failed (needs python3)\n");
        return 2;
    }
    const auto topologyRead = topologyfile::load(a.topology);
    if (!topologyRead.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(topologyRead.error.toString()));
        return 2;
    }
    const Topology &topology = *topologyRead.topology;
    const qint64 size = QFile(a.capture).size();
    const double mb = double(size) / 1e6;

    // The real thing, a process per run, as a user or a monitoring system runs it, before
    // anything big is loaded here; start-up alone (Qt and the GUI libraries load) is what the
    // in-process figure cannot include.
    const ProcessRun startup = bestOf(a.repeat, {a.edgemap, QStringLiteral("--version")});
    const ProcessRun cli
            = bestOf(a.repeat, {a.edgemap, QStringLiteral("check"), a.topology, a.capture});
    if (cli.exitCode != 0 && cli.exitCode != 1) {
        std::fprintf(stderr, "%s check failed (exit %d)\n", qPrintable(a.edgemap), cli.exitCode);
        return 2;
    }
    ProcessRun node;
    if (!a.nodeModules.isEmpty() && !a.rowsPlain.isEmpty()) {
        node = bestOf(a.repeat,
                      {QStringLiteral("node"),
                       QStringLiteral(EDGEMAP_SOURCE_DIR "/tests/bench/node-netstat-compare.js"),
                       a.nodeModules, a.rowsPlain});
        if (node.exitCode != 0) {
            std::fprintf(stderr, "node-netstat-compare.js failed (exit %d)\n", node.exitCode);
            return 2;
        }
    }

    // In this process: the floor, then what `edgemap check` calls, whole and by stage.
    qint64 newlines = 0;
    const double floor = bestTime(a.repeat, [&] { newlines = countNewlines(a.capture); });
    const qint64 rssBefore = statusKb("VmRSS:");
    resetPeakRss();
    CheckResult check;
    QString report;
    const double whole = bestTime(a.repeat, [&] {
        check = CheckResult();
        check = readAndJudge(topology, a.capture);
        report = reportText(topology, check);
    });
    const qint64 rssPeak = statusKb("VmHWM:");
    if (!check.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(check.error.toString()));
        return 2;
    }
    const qsizetype rows = check.snapshot.rows.size();
    snapshotfile::ReadResult read;
    const double readTime = bestTime(a.repeat, [&] {
        read = {};
        read = snapshotfile::load(a.capture);
    });
    ServerMatch match;
    const double matchTime
            = bestTime(a.repeat, [&] { match = matchServer(topology, *read.snapshot); });
    Judgement judgement;
    const double judgeTime = bestTime(
            a.repeat, [&] { judgement = judge(topology, *read.snapshot, match.server); });
    const double reportTime = bestTime(a.repeat, [&] { report = reportText(topology, check); });

    std::printf("capture                    %s\n", qPrintable(a.capture));
    std::printf("                           %.1f MB, %s, %s, %lld rows (%d unrecognised), %lld "
                "lines, server %s\n",
                mb, qPrintable(check.snapshot.encoding), qPrintable(check.snapshot.format),
                static_cast<long long>(rows), check.snapshot.unrecognisedLines,
                static_cast<long long>(newlines), qPrintable(check.server.value()));
    std::printf("best of %d runs each\n", a.repeat);
    line("newline count (floor)", floor, mb, rows, floor);
    line("check in process", whole, mb, rows, floor);
    line("  read+decode+parse", readTime, mb, rows, floor);
    line("  matchServer", matchTime, mb, rows, floor);
    line("  judge", judgeTime, mb, rows, floor);
    line("  report", reportTime, mb, rows, floor);
    if (rssPeak > 0)
        std::printf("peak RSS in process        %.1f MB (%.1f MB before; %.2fx the file)\n",
                    double(rssPeak) / 1024.0, double(rssBefore) / 1024.0,
                    double(rssPeak) * 1024.0 / double(size));

    line("edgemap check process", cli.wall, mb, rows, floor);
    std::printf("  CPU %.3f s, peak RSS %.1f MB (%.2fx the file)\n", cli.cpu,
                double(cli.rssKb) / 1024.0, double(cli.rssKb) * 1024.0 / double(size));
    std::printf("  start-up alone (--version) %.3f s wall, %.3f s CPU\n", startup.wall,
                startup.cpu);
    const auto agreement = [](double measured, double bench) {
        const double d = measured / bench - 1.0;
        return QStringLiteral("%1%2% (%3)")
                .arg(d >= 0 ? QStringLiteral("+") : QString())
                .arg(d * 100.0, 0, 'f', 0)
                .arg(std::abs(d) <= 0.2 ? QStringLiteral("agree within 20%")
                                        : QStringLiteral("DISAGREE by over 20%"));
    };
    std::printf("bench vs CLI               wall %s; CPU %s; CPU less start-up %s\n",
                qPrintable(agreement(cli.wall, whole)), qPrintable(agreement(cli.cpu, whole)),
                qPrintable(agreement(cli.cpu - startup.cpu, whole)));

    if (node.exitCode == 0) {
        line("node-netstat process", node.wall, mb, rows, floor);
        std::printf("  CPU %.3f s, peak RSS %.1f MB; edgemap check is %.1fx faster (wall), "
                    "%.1fx (CPU)\n",
                    node.cpu, double(node.rssKb) / 1024.0, node.wall / cli.wall,
                    node.cpu / cli.cpu);
    }
    return 0;
}
