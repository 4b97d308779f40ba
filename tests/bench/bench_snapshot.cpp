// Snapshot reading speed and memory: generates a netstat -anob capture of N sockets (default
// 1,000,000) as Windows PowerShell 5.1 writes it (UTF-16LE with BOM, CRLF), then measures, in one
// run and single-threaded:
//   - the lower bound: a plain newline count over the same bytes, read from the file;
//   - read + decode + parse (snapshotfile::load);
//   - judge against the default topology;
// and reports rows/s, MB/s and the peak resident memory against the file size.
//
// Usage: bench_snapshot [rows] [--keep FILE] [--rows-out FILE]
//   --rows-out writes the generated socket rows (plain ASCII lines) for parser comparisons.
#include "judgement.h"
#include "snapshotfile.h"
#include "topologyfile.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <cstdio>
#include <cstring>

namespace {

// Platform code: peak resident set size of this process, in bytes (Linux: VmHWM).
qint64 peakRss()
{
#ifdef Q_OS_LINUX
    QFile status(QStringLiteral("/proc/self/status"));
    if (status.open(QIODevice::ReadOnly))
        for (const QByteArray &line : status.readAll().split('\n'))
            if (line.startsWith("VmHWM:"))
                return line.mid(6).trimmed().split(' ').first().toLongLong() * 1024;
#endif
    return -1;
}

QByteArray rowText(int i)
{
    // A busy Edge: mostly established relay and SIP connections, some listeners and UDP relays.
    const int kind = i % 10;
    const int a = 1 + (i / 250) % 250, b = 1 + i % 250;
    char buf[160];
    if (kind < 6)
        std::snprintf(buf, sizeof buf,
                      "  TCP    10.45.16.30:%-5d       203.0.%d.%d:%-5d     ESTABLISHED     "
                      "3104\r\n [MediaRelaySvc.exe]\r\n",
                      50000 + i % 10000, a % 255, b, 1024 + i % 60000);
    else if (kind < 8)
        std::snprintf(buf, sizeof buf,
                      "  TCP    10.45.16.10:443         198.51.%d.%d:%-5d    ESTABLISHED     "
                      "2216\r\n [RTCSrv.exe]\r\n",
                      a % 255, b, 1024 + i % 60000);
    else if (kind < 9)
        std::snprintf(buf, sizeof buf,
                      "  UDP    10.45.16.30:%-5d       *:*                                    "
                      "3104\r\n [MediaRelaySvc.exe]\r\n",
                      50000 + i % 10000);
    else
        std::snprintf(buf, sizeof buf,
                      "  TCP    [2001:db8::%x]:%d  [2001:db8:1::%x]:%d  TIME_WAIT       0\r\n",
                      i % 65536, 1024 + i % 60000, (i / 7) % 65536, 443);
    return QByteArray(buf);
}

bool writeSnapshot(const QString &path, int rows, const QString &rowsOut)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    QFile plain(rowsOut);
    if (!rowsOut.isEmpty() && !plain.open(QIODevice::WriteOnly))
        return false;
    QByteArray text = "\r\nActive Connections\r\n\r\n  Proto  Local Address          Foreign "
                      "Address        State           PID\r\n";
    f.write("\xff\xfe", 2);
    for (int i = 0; i < rows; ++i) {
        const QByteArray row = rowText(i);
        text += row;
        if (!rowsOut.isEmpty())
            plain.write(row.left(row.indexOf('\r')) + '\n');
        if (text.size() > (1 << 20) || i + 1 == rows) {
            const QString s = QString::fromLatin1(text);
            f.write(reinterpret_cast<const char *>(s.utf16()), s.size() * 2);
            text.clear();
        }
    }
    return true;
}

double seconds(qint64 ns)
{
    return double(ns) / 1e9;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int rows = 1'000'000;
    QString keep, rowsOut;
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--keep") && i + 1 < args.size())
            keep = args[++i];
        else if (args[i] == QLatin1String("--rows-out") && i + 1 < args.size())
            rowsOut = args[++i];
        else
            rows = args[i].toInt();
    }
    QTemporaryDir dir;
    const QString path = keep.isEmpty() ? dir.filePath(QStringLiteral("snapshot.txt")) : keep;
    if (!writeSnapshot(path, rows, rowsOut)) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
        return 2;
    }
    const qint64 size = QFile(path).size();
    const qint64 rssBefore = peakRss();

    QElapsedTimer timer;
    timer.start();
    qint64 newlines = 0;
    {
        QFile f(path);
        f.open(QIODevice::ReadOnly);
        QByteArray chunk;
        while (!(chunk = f.read(4 << 20)).isEmpty())
            newlines += chunk.count('\n');
    }
    const qint64 countNs = timer.nsecsElapsed();

    timer.restart();
    const auto result = edgemap::snapshotfile::load(path);
    const qint64 parseNs = timer.nsecsElapsed();
    if (!result.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(result.error.toString()));
        return 2;
    }
    timer.restart();
    const edgemap::Topology topology = edgemap::topologyfile::defaultTopology();
    const auto judgement
            = edgemap::judge(topology, *result.snapshot, topology.pools.first().servers.first().id);
    const qint64 judgeNs = timer.nsecsElapsed();
    const qint64 rss = peakRss();

    const double mb = double(size) / (1024.0 * 1024.0);
    const double total = seconds(parseNs + judgeNs);
    std::printf("rows generated         %d (%lld lines)\n", rows, static_cast<long long>(newlines));
    std::printf("file                   %.1f MB, UTF-16LE with BOM, CRLF, netstat -anob\n", mb);
    std::printf("rows parsed            %lld (%d unrecognised lines)\n",
                static_cast<long long>(result.snapshot->rows.size()),
                result.snapshot->unrecognisedLines);
    std::printf("newline count (bound)  %.3f s  %.0f MB/s\n", seconds(countNs),
                mb / seconds(countNs));
    std::printf("read+decode+parse      %.3f s  %.0f MB/s  %.0f rows/s\n", seconds(parseNs),
                mb / seconds(parseNs), double(rows) / seconds(parseNs));
    std::printf("judge                  %.3f s  (%lld listeners, %lld unexpected)\n",
                seconds(judgeNs), static_cast<long long>(judgement.listeners.size()),
                static_cast<long long>(judgement.unexpected.size()));
    std::printf("end to end             %.3f s  %.0f MB/s  %.0f rows/s\n", total, mb / total,
                double(rows) / total);
    if (!rowsOut.isEmpty()) {
        // The same socket rows as plain "netstat -ano" lines (ASCII, no -b lines): what
        // tests/bench/node-netstat-compare.js feeds node-netstat's win32 parser.
        // Parse only: the bytes are read first, as the node script reads its file before timing.
        QFile file(rowsOut);
        file.open(QIODevice::ReadOnly);
        const QByteArray bytes = file.readAll();
        timer.restart();
        const auto plain = edgemap::snapshotfile::parse(bytes, rowsOut);
        const qint64 plainNs = timer.nsecsElapsed();
        std::printf("parse only, plain rows %.3f s  %.0f rows/s  (%s)\n", seconds(plainNs),
                    double(plain.ok() ? plain.snapshot->rows.size() : 0) / seconds(plainNs),
                    qPrintable(rowsOut));
    }
    if (rss > 0)
        std::printf("peak RSS               %.1f MB (%.2fx the file; %.1f MB before reading)\n",
                    double(rss) / (1024.0 * 1024.0), double(rss) / double(size),
                    double(rssBefore) / (1024.0 * 1024.0));
    return 0;
}
