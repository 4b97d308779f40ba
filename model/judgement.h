#pragma once

#include "snapshot.h"
#include "topology.h"

#include <QList>
#include <QString>

#include <optional>

namespace edgemap {

// The verdict on one expected listener. Every status has a colour and a glyph in the views;
// NotChecked is what everything is before a snapshot is loaded.
enum class ListenerStatus {
    NotChecked,
    Ok,
    Missing,
    WrongProcess,
    WrongAddress,
    Exposed,
    Dynamic,
    Unknown,
};

QString keyOf(ListenerStatus status); // "ok", "missing", "wrong-process", ...
QString displayName(ListenerStatus status);
// Ok and Dynamic are fine; every other checked status is a problem.
bool isProblem(ListenerStatus status);
// The listener does not work (for scenario impact): missing, wrong process, wrong address.
bool isDown(ListenerStatus status);

struct ObservedSocket
{
    QString address;
    int pid = -1;
    QString process;
};

struct ListenerVerdict
{
    ListenerId listener;
    ListenerStatus status = ListenerStatus::NotChecked;
    QString detail; // the reason, in the admin's terms
    std::optional<ObservedSocket> observed;
    int established = 0;
    QStringList remoteAddresses; // distinct, sorted
    QList<PeerId> remotePeers;   // peers those addresses belong to
    int relayTcp = 0;            // dynamic ranges: allocated relay ports
    int relayUdp = 0;
};

struct UnexpectedListener
{
    QString address;
    Transport transport = Transport::Tcp;
    int port = 0;
    int pid = -1;
    QString process;
};

struct ScenarioVerdict
{
    ScenarioId scenario;
    bool ok = true;
    QList<ListenerId> brokenBy;
};

// A snapshot judged against the topology, for one server.
struct Judgement
{
    ServerId server;
    QList<ListenerVerdict> listeners; // in listenerRows order
    QList<UnexpectedListener> unexpected;
    QList<ScenarioVerdict> scenarios;

    const ListenerVerdict *verdict(const ListenerId &id) const;
    int problemCount() const;
};

struct ServerMatch
{
    ServerId server;
    QString error; // no or ambiguous match, with the addresses seen and the servers known
    bool ok() const { return error.isEmpty(); }
};

// Which server of the topology the snapshot was taken on: the one whose addresses its sockets
// are bound to (the capture's host name breaks ties). `override` (a server id or FQDN) wins.
ServerMatch matchServer(const Topology &topology, const Snapshot &snapshot,
                        const QString &override = {});

Judgement judge(const Topology &topology, const Snapshot &snapshot, const ServerId &server);

} // namespace edgemap
