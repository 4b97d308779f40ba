#pragma once

#include "core/topology.h"
#include "snapshot/judgement.h"

#include <QList>
#include <QString>

namespace edgemap {

class CheckSet;
struct Snapshot;

// The diagnosis read from a judgement, shared by the Problems list, the check report, the
// command line and the details: a service that is down as one finding, and why a scenario
// breaks (which hop, which listener, in what state).

// A Windows service's role without the product ("Lync Server Web Conferencing Edge" gives
// "Web Conferencing Edge").
QString serviceRole(const QString &displayName);
// "Web Conferencing Edge (RTCDATAPROXY, DataProxy.exe)"; the id when the topology lacks it.
QString serviceLabel(const Topology &topology, const ServiceId &service);

// Finds the services that listen nowhere on the judged server (every active, fixed-port listener
// missing, and no listening socket of the executable at all), fills `judgement.servicesDown` and
// marks their listeners' verdicts (serviceDown, a detail that points to the finding). Called by
// judge().
void diagnoseServices(const Topology &topology, const Snapshot &snapshot, Judgement &judgement);

// "TCP 8057 on 172.25.33.10 (RTCDATAPROXY)"; "all interfaces" for a listener bound on all.
QString listenerLabel(const Topology &topology, const ListenerId &listener);
// Why a down (or disabled) listener breaks a scenario, in the admin's words: "listener TCP 8057
// on 172.25.33.10 (RTCDATAPROXY) is disabled", "TCP 443 on 10.45.16.20 (RTCDATAPROXY) is
// missing: the service RTCDATAPROXY is down", "... is wrong process: bound by ...".
QString breakReason(const Topology &topology, const Judgement &judgement,
                    const ListenerId &listener);

// Where a broken scenario's chain breaks: a hop (its index in Scenario::hops) all of whose
// listeners are down, or a required endpoint (hop -1), with the listeners that break it.
struct HopBreak
{
    int hop = -1;
    QList<ListenerId> listeners;
};
// `server` is the server the verdict is of (Judgement::server).
QList<HopBreak> hopBreaks(const Topology &topology, const ServerId &server,
                          const ScenarioVerdict &verdict);

// A scenario's verdict on every server that has a check and on which it applies, in the
// topology's server order: what the scenario chooser marks and the details pane lists.
struct ServerScenarioVerdict
{
    ServerId server;
    const Judgement *judgement = nullptr; // valid as long as the CheckSet
    ScenarioVerdict verdict;
};
QList<ServerScenarioVerdict> scenarioVerdicts(const Topology &topology, const CheckSet &checks,
                                              const ScenarioId &scenario);

} // namespace edgemap
