#pragma once

#include "core/topology.h"
#include "reports/tablewriters.h"
#include "snapshot/judgement.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace edgemap {

struct CheckResult;
struct ProbeDiagnosis;

// One listener of the port table: the socket, the service behind it, who connects to it (from the
// topology's flows) and, when a snapshot was judged for its server, what the snapshot showed.
struct PortTableRow
{
    ListenerId listener;
    ServerId serverId;
    QString server; // FQDN
    InterfaceSide side = InterfaceSide::Internal;
    QString addressRoles; // "Access Edge", "Internal"
    QString address;      // expected IP (the internal IP for an all-interfaces listener)
    QString natPublicIp;  // empty without NAT
    bool allInterfaces = false;
    Transport transport = Transport::Tcp;
    int port = 0;
    int portEnd = 0;
    QString protocol;
    ServiceId service;
    QString serviceName;
    QString executable;
    QStringList connectingPeers; // peer names of the flows that reach the listener
    QString whoConnects;         // those names, or the catalog's description without flows
    QString purpose;
    bool dynamic = false;
    bool enabled = true;

    bool checked = false; // a snapshot of this row's server was judged
    ListenerStatus status = ListenerStatus::NotChecked;
    QString detail;
    QString observed; // "RTCSrv.exe (PID 2216) on 172.25.33.10", empty when nothing was bound
    int established = 0;

    // Probe from Here (applyProbes): the verdict word, its key and the finding.
    QString probeWord;
    QString probeKey;
    QString probeFinding;
};

struct PortTable
{
    QString topologyName;
    Product product = Product::Lync2013;
    QList<PortTableRow> rows; // listenerRows order: pools, servers, internal before external
    bool checked = false;     // at least one server's snapshot was judged
    QList<ServerId> checkedServers;
    QStringList snapshotSources; // one per checked server, in the same order
    QString probedFrom;          // probeRunText() of the run applied; empty without one
    QString probeSummary;
};

// The port table of a topology. With a successful check, the rows of the judged server carry its
// verdicts; the other servers' rows stay NotChecked.
PortTable buildPortTable(const Topology &topology, const CheckResult *check = nullptr);
// The same with one check per server (a pool whose members were each captured): each server's
// rows carry its own check's verdicts. Failed checks are ignored.
PortTable buildPortTable(const Topology &topology, const QList<const CheckResult *> &checks);

// Adds a Probe from Here run's verdicts (joined with the checks): every row gets its "From here"
// word ("Not probed" for a listener the run did not reach), and the document two columns more.
void applyProbes(PortTable &table, const ProbeDiagnosis &probes);

// The port table as a document: one table per server (every table has the same columns, with the
// server in the first, so that CSV writes them as one).
TableDocument portTableDocument(const PortTable &table);

// "TCP", "UDP"; "443", "50000-59999": how the tables print a socket.
QString transportLabel(Transport transport);
QString portLabel(int port, int portEnd);

} // namespace edgemap
