// `netstat -anob` text written for a test: listening sockets, UDP binds and established
// connections with the process line under each, as Windows prints them, and a whole capture of a
// server with every listener the topology expects bound where it expects it.
#pragma once

#include "core/topology.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace edgemap::netstattest {

// A fixed PID per executable, so that a test can name the process that owns a socket.
inline int pidOf(const QString &exe)
{
    static const QHash<QString, int> pids{{QStringLiteral("RTCSrv.exe"), 2216},
                                          {QStringLiteral("MRASSvc.exe"), 2380},
                                          {QStringLiteral("MediaRelaySvc.exe"), 3104},
                                          {QStringLiteral("DataProxy.exe"), 2500},
                                          {QStringLiteral("ReplicaReplicatorAgent.exe"), 2760},
                                          {QStringLiteral("ClsAgent.exe"), 2904},
                                          {QStringLiteral("svchost.exe"), 1160},
                                          {QStringLiteral("System"), 4}};
    return pids.value(exe, 9999);
}

// A TCP socket listening on `ip`:`port` (an IPv6 address in brackets), owned by `exe`.
inline QString tcp(const QString &ip, int port, const QString &exe)
{
    return QStringLiteral("  TCP    %1:%2  0.0.0.0:0  LISTENING  %3\r\n [%4]\r\n")
            .arg(ip)
            .arg(port)
            .arg(pidOf(exe))
            .arg(exe);
}

inline QString udp(const QString &ip, int port, const QString &exe)
{
    return QStringLiteral("  UDP    %1:%2  *:*  %3\r\n [%4]\r\n")
            .arg(ip)
            .arg(port)
            .arg(pidOf(exe))
            .arg(exe);
}

inline QString established(const QString &ip, int port, const QString &remote, const QString &exe)
{
    return QStringLiteral("  TCP    %1:%2  %3  ESTABLISHED  %4\r\n [%5]\r\n")
            .arg(ip)
            .arg(port)
            .arg(remote)
            .arg(pidOf(exe))
            .arg(exe);
}

// netstat -anob of `server` with every active fixed-port listener bound where the topology says,
// by its service's executable, except the listener ids in `drop`; then `extra`.
inline QString capture(const Topology &t, const ServerId &server, const QStringList &drop = {},
                       const QString &extra = {})
{
    QString text = QStringLiteral("\r\nActive Connections\r\n\r\n  Proto  Local Address  Foreign "
                                  "Address  State  PID\r\n");
    for (const Listener &l : t.server(server)->listeners) {
        if (l.dynamic || !t.isActive(l) || drop.contains(l.id.value()))
            continue;
        const QString ip = t.address(l.address)->ip;
        const QString exe = t.service(l.service)->executable;
        text += l.transport == Transport::Tcp ? tcp(ip, l.port, exe) : udp(ip, l.port, exe);
    }
    return text + extra;
}

} // namespace edgemap::netstattest
