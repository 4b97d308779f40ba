#pragma once
// Platform code for the benchmarks: a program run as a user runs it (its wall and CPU time and
// peak memory, from wait4 on Linux; wall time through QProcess elsewhere), and this process's
// peak memory (Linux /proc).

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStringList>

#include <cstring>
#include <limits>
#include <vector>

#ifdef Q_OS_LINUX
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
extern char **environ;
#endif

namespace edgemap::bench {

// Platform code: peak resident set size of this process (Linux: VmHWM), and resetting it.
inline qint64 statusKb(const char *key)
{
#ifdef Q_OS_LINUX
    QFile status(QStringLiteral("/proc/self/status"));
    if (status.open(QIODevice::ReadOnly))
        for (const QByteArray &line : status.readAll().split('\n'))
            if (line.startsWith(key))
                return line.mid(qsizetype(std::strlen(key)))
                        .trimmed()
                        .split(' ')
                        .first()
                        .toLongLong();
#else
    Q_UNUSED(key);
#endif
    return -1;
}

inline void resetPeakRss()
{
#ifdef Q_OS_LINUX
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    if (f.open(QIODevice::WriteOnly))
        f.write("5");
#endif
}

struct ProcessRun
{
    double wall = 0;  // seconds
    double cpu = 0;   // user + system seconds
    qint64 rssKb = 0; // peak resident
    int exitCode = -1;
};

// Platform code: runs a program with stdout and stderr discarded and returns its own resource use
// (wait4), not that of every child so far.
inline ProcessRun runProcess(const QStringList &argv)
{
    ProcessRun run;
#ifdef Q_OS_LINUX
    QList<QByteArray> bytes;
    std::vector<char *> args;
    for (const QString &a : argv)
        bytes.append(a.toLocal8Bit());
    for (QByteArray &b : bytes)
        args.push_back(b.data());
    args.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    QElapsedTimer timer;
    timer.start();
    pid_t pid = 0;
    const int spawned = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0)
        return run;
    int status = 0;
    rusage usage{};
    if (wait4(pid, &status, 0, &usage) != pid)
        return run;
    run.wall = double(timer.nsecsElapsed()) / 1e9;
    run.cpu = double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
              + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    run.rssKb = usage.ru_maxrss;
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
#else
    QElapsedTimer timer;
    timer.start();
    QProcess p;
    p.setStandardOutputFile(QProcess::nullDevice());
    p.start(argv.first(), argv.mid(1));
    p.waitForFinished(-1);
    run.wall = run.cpu = double(timer.nsecsElapsed()) / 1e9;
    run.exitCode = p.exitCode();
#endif
    return run;
}

// A spawned child starts with this process's peak RSS as its own (Linux keeps the high-water mark
// across exec): processes run while this one is small, each after resetting its peak.
inline ProcessRun bestOf(int repeat, const QStringList &argv)
{
    ProcessRun best;
    best.wall = std::numeric_limits<double>::max();
    for (int i = 0; i < repeat; ++i) {
        resetPeakRss();
        const ProcessRun r = runProcess(argv);
        if (r.wall < best.wall)
            best = r;
    }
    return best;
}

} // namespace edgemap::bench
