#pragma once

#include "core/pathanalysis.h"
#include "core/topology.h"
#include "diagram/diagramlayout.h"
#include "diagram/diagramstyle.h"
#include "document/documentstate.h"
#include "probe/probeverdict.h"
#include "snapshot/capturetime.h"
#include "snapshot/judgement.h"
#include "snapshot/snapshotdiff.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <memory>

namespace edgemap {

class Document;

// What the diagram reads from the checks, and nothing more: the verdict and the change mark of
// each listener, and per checked server its unexpected sockets (with whether each appeared since
// the previous snapshot) and when it was captured. A value, so that an export worker can hold
// it with no document behind it.
struct DiagramChecks
{
    struct Server
    {
        ServerId server;
        QList<UnexpectedListener> unexpected;
        QList<bool> appeared;          // per unexpected socket: new since the previous snapshot
        QList<ServiceId> servicesDown; // services that listen nowhere on the server
        CaptureTime captured;          // the header's time, else the file's (captureTimeOf)
    };
    QList<Server> servers; // the good checks, in topology order
    QHash<ListenerId, ListenerVerdict> verdicts;
    QHash<ListenerId, StatusChange> changes; // unacknowledged verdict changes
    // Probe from Here: whether a run is loaded (listener chips get their probe line), and each
    // probed listener's verdict.
    bool probeRun = false;
    QHash<ListenerId, CombinedVerdict> probes;

    const Server *server(const ServerId &id) const;
    // The unexpected sockets of each checked server, as DiagramLayout places them.
    DiagramLayout::UnexpectedByServer unexpectedByServer() const;
};

// What a diagram is drawn from: a copy of the topology, its path analysis (for highlights and
// tooltips) and what its checks say.
struct DiagramInput
{
    Topology topology;
    // The state's analysis (DocumentState::analysis): the one the document holds. Null in an
    // input made by hand: DiagramExporter then makes its own.
    std::shared_ptr<const PathAnalysis> analysis;
    DiagramChecks checks;
};

// The one place that reads a document's state for the diagram (export workers call it on their
// own copy of the state, off the GUI thread).
DiagramInput diagramInputOf(const DocumentState &state);

// How one element looks: the texts and state an item holds and the renderer draws.
struct BoxLook
{
    QString title;
    QString subtitle; // address blocks: one line per '\n'
};

struct ChipLook
{
    QString socket;
    QString protocol;
    bool unexpected = false;
    ListenerStatus status = ListenerStatus::NotChecked; // a shared chip: its worst member's
    // A pool shape's shared chip: each member's status (NotChecked also for a member without
    // the listener) and who is not OK ("Missing on edge03", "OK on all 4").
    QList<ListenerStatus> members;
    QString membersSummary;
    int established = 0;
    QString changeBadge; // empty: unchanged
    QString changeDescription;
    // Probe from Here: the second badge; a shared chip shows its worst member's verdict.
    bool probeLine = false; // a run is loaded: the chip has its probe line
    bool probed = false;    // the run probed this listener (a shared chip: a member)
    CombinedKind probe = CombinedKind::NotProbed;
};

struct ServiceLook
{
    QString name;
    QString executable;
    int colour = 0; // the service's index in the topology
    // The worst verdict of the band's listeners; `down` when the service listens nowhere on the
    // server (Judgement::servicesDown): the band then says so.
    ListenerStatus status = ListenerStatus::NotChecked;
    bool down = false;
    QString downText; // "down", or on a pool's shape "down on edge03" / "down on 2 of 4"

    friend bool operator==(const ServiceLook &, const ServiceLook &) = default;
};

// A row of a pool's member table: the worst status of the member's listeners and a summary
// ("OK", "2 missing", "not checked", "+ 3 unexpected").
struct MemberLook
{
    ListenerStatus status = ListenerStatus::NotChecked;
    QString summary;
};

struct PeerLook
{
    QString name;
    QString detail;
};

// The number of a scenario hop pinned to a chip or a peer; `slot` counts the badges before it
// on the same element.
struct HopBadge
{
    int number = 0;
    QString target; // layout key
    int slot = 0;
    bool broken = false; // the chain breaks here: every listener that could carry the hop is down
};

// How the whole diagram looks over a DiagramLayout, by layout key: the palette, every text, the
// statuses, change marks and live flows, and the highlight (when `highlighted` is not empty,
// chips, peers, routes and service bands outside it are dimmed). A value: built once, painted by
// DiagramRenderer into any QPainter, read by the draw.io writer.
struct DiagramLook
{
    DiagramStyle style;
    QHash<QString, BoxLook> boxes; // zones, walls, pools, servers, address blocks
    QHash<QString, ChipLook> chips;
    QHash<QString, ServiceLook> services;
    QHash<QString, PeerLook> peers;
    QHash<QString, MemberLook> members; // member rows, by key
    QSet<QString> liveRoutes;
    QSet<QString> highlighted;
    // The Probe from Here verdicts on the chips, worst first, for the legend.
    QList<CombinedKind> probeKinds;
    QList<HopBadge> badges;
};

// The look of `layout` (made from `input`) in `palette`, without a highlight.
DiagramLook lookFor(const DiagramInput &input, const DiagramLayout &layout,
                    StatusPalette palette = StatusPalette::Light);
// The status part alone: the chips' verdicts and change marks, and the live routes, for a
// re-colouring that keeps the texts.
void applyChecks(DiagramLook &look, const DiagramInput &input, const DiagramLayout &layout);

} // namespace edgemap
