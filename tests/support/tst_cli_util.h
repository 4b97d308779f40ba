// The command-line tests' way to run the real edgemap binary as a user does (without a display)
// and the files they give it: the bundled topology and sample, and a snapshot of all listeners.
#pragma once

#include "io/topologyfile.h"
#include "reports/listenerrows.h"
#include "support/tst_snapshot_util.h"

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <utility>

namespace edgemap::clitest {

// What a run left: its exit code (-1 when it did not finish in time, -2 when it crashed) and its
// standard output as the bytes it wrote.
struct RawRun
{
    int exitCode = -1;
    QByteArray out;
    QString err;
};

inline RawRun runEdgemapRaw(const QStringList &arguments)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // Commands must not need a display, not even for the PDF.
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(EDGEMAP_BINARY), arguments);
    if (!p.waitForFinished(60000))
        return {};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2, p.readAllStandardOutput(),
            QString::fromUtf8(p.readAllStandardError())};
}

// The same with the standard output as text.
struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

inline Run runEdgemap(const QStringList &arguments)
{
    RawRun r = runEdgemapRaw(arguments);
    return {r.exitCode, QString::fromUtf8(r.out), std::move(r.err)};
}

inline const QString kTopology
        = QStringLiteral(EDGEMAP_TEST_DATA "/../../resources/topologies/default.edgemap.json");
inline const QString kSample = snapshottest::bundledSamplePath();

// The socket rows netstat -anob would show for edge01 of `topologyPath` with every expected
// listener bound by its executable (no header: the callers write their own).
inline QString allListeningRows(const QString &topologyPath = kTopology)
{
    const topologyfile::ReadResult t = topologyfile::load(topologyPath);
    QString text;
    int pid = 2000;
    for (const ListenerRow &row : listenerRows(*t.topology)) {
        if (row.dynamic)
            continue;
        const QString line
                = row.transport == Transport::Tcp
                          ? QStringLiteral("  TCP    %1:%2  0.0.0.0:0  LISTENING  %3\r\n")
                          : QStringLiteral("  UDP    %1:%2  *:*  %3\r\n");
        text += line.arg(row.address).arg(row.port).arg(++pid)
                + QStringLiteral(" [%1]\r\n").arg(row.executable);
    }
    return text;
}

} // namespace edgemap::clitest
