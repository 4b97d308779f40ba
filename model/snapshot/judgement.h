#pragma once

#include "core/topology.h"
#include "snapshot/snapshot.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

namespace edgemap {

class PathAnalysis;

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

// The distinct remote addresses of a listener's established connections. A busy Edge has tens
// of thousands and most readers want only how many, so they are kept as values and sorted (in
// address order) and formatted only for the part that is asked for as text.
class RemoteAddresses
{
public:
    RemoteAddresses() = default;
    explicit RemoteAddresses(QList<IpAddress> distinct)
        : m_addresses(std::move(distinct))
    {}

    qsizetype size() const { return m_addresses.size(); }
    bool isEmpty() const { return m_addresses.isEmpty(); }
    // In no particular order.
    const QList<IpAddress> &addresses() const { return m_addresses; }
    // The addresses from `pos` in address order, at most `n` of them (all when negative), as text.
    QStringList mid(qsizetype pos, qsizetype n = -1) const;
    QStringList toStringList() const { return mid(0); }
    // The lowest address as text; empty when there are none.
    QString first() const { return mid(0, 1).value(0); }
    QString join(const QString &separator) const { return toStringList().join(separator); }

private:
    QList<IpAddress> m_addresses;
};

struct ListenerVerdict
{
    ListenerId listener;
    ListenerStatus status = ListenerStatus::NotChecked;
    QString detail; // the reason, in the admin's terms
    std::optional<ObservedSocket> observed;
    int established = 0;
    RemoteAddresses remoteAddresses;
    QList<PeerId> remotePeers; // peers those addresses belong to
    int relayTcp = 0;          // dynamic ranges: allocated relay ports
    int relayUdp = 0;
    // Every listener of its service on this server is missing: the finding is the service's
    // (Judgement::servicesDown), and `detail` points to it.
    bool serviceDown = false;
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

// A service that listens nowhere on the server: every one of its (active, fixed-port) listeners
// is missing and no socket of its executable is listening. One finding instead of one "missing"
// per listener.
struct ServiceDown
{
    ServiceId service;
    QList<ListenerId> listeners; // the service's listeners on the server, all missing
    // "Web Conferencing Edge (RTCDATAPROXY, DataProxy.exe) is not listening anywhere on
    // edge01.contoso.com: the service looks stopped; start it"
    QString text;
};

// A snapshot judged against the topology, for one server.
struct Judgement
{
    ServerId server;
    QList<ListenerVerdict> listeners; // in listenerRows order
    QList<UnexpectedListener> unexpected;
    QList<ScenarioVerdict> scenarios;
    QList<ServiceDown> servicesDown;
    // Where each listener's verdict is in `listeners`, filled by judge(): a topology of 100,000
    // listeners is looked up once per listener. A stale entry is detected, not trusted.
    QHash<ListenerId, qsizetype> positions;

    const ListenerVerdict *verdict(const ListenerId &id) const;
    // Listeners with a problem status (a down service's listeners included).
    int problemCount() const;
    // The finding a listener's service is down by, nullptr when its service is not down.
    const ServiceDown *serviceDownOf(const ListenerId &id) const;
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

// Judges the snapshot, taken on `server`, against the topology. The scenario verdicts read
// `analysis`, the topology's path analysis (PathAnalysis::describes(topology)): one per topology,
// shared by every snapshot judged against it (the Document's, or one per command line run).
Judgement judge(const Topology &topology, const PathAnalysis &analysis, const Snapshot &snapshot,
                const ServerId &server);
// The same with a path analysis of its own, built for this one call (tests, benchmarks).
Judgement judge(const Topology &topology, const Snapshot &snapshot, const ServerId &server);

} // namespace edgemap
