#pragma once

#include "snapshot/check.h"

#include <QList>
#include <QString>

namespace edgemap {

// What changed between two checks of the same topology, the way TCPView marks new and closed
// connections: listening sockets that appeared or disappeared, and listeners whose verdict
// changed. Established connections come and go all the time and are not compared.
struct SocketKey
{
    Transport transport = Transport::Tcp;
    QString address;
    int port = 0;
    QString process;
    friend bool operator==(const SocketKey &, const SocketKey &) = default;
    friend auto operator<=>(const SocketKey &a, const SocketKey &b)
    {
        if (a.transport != b.transport)
            return a.transport <=> b.transport;
        if (a.port != b.port)
            return a.port <=> b.port;
        if (const int c = a.address.compare(b.address); c != 0)
            return c <=> 0;
        return a.process.compare(b.process) <=> 0;
    }
};

struct StatusChange
{
    ListenerId listener;
    ListenerStatus before = ListenerStatus::NotChecked;
    ListenerStatus after = ListenerStatus::NotChecked;
};

struct SnapshotDiff
{
    QList<SocketKey> appeared;
    QList<SocketKey> disappeared;
    QList<StatusChange> statusChanges;
    bool isEmpty() const
    {
        return appeared.isEmpty() && disappeared.isEmpty() && statusChanges.isEmpty();
    }
    // Whether a listening socket on this address and port is new (any process: an unexpected
    // listener is named by its socket).
    bool hasAppeared(Transport transport, const QString &address, int port) const;
};

SnapshotDiff compareChecks(const CheckResult &before, const CheckResult &after);

// "was OK, now Missing": what the diagram's tooltips and the tree say about a changed verdict.
QString changeText(const StatusChange &change);
// "was OK", or "new" for a listener the previous snapshot did not judge: the short marker.
QString changeBadge(const StatusChange &change);

} // namespace edgemap
