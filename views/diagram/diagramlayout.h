#pragma once

#include "core/elementref.h"
#include "core/topology.h"
#include "snapshot/judgement.h"

#include <QHash>
#include <QList>
#include <QPolygonF>
#include <QRectF>
#include <QString>

namespace edgemap {

class Catalog;

// Where everything of the Edge diagram goes, computed from a topology alone: zones as columns
// (Internet | Perimeter | Internal), the firewalls as walls between them, pools stacked in the
// perimeter, each server with its external addresses on the left and its internal address on the
// right, listener chips on their address, service bands in the middle, peers in the outer
// columns and flows routed through lanes between the walls and the servers.
//
// Pure and deterministic: no QGraphicsItems and no fonts (sizes are fixed, text is elided when
// painted), so the same topology gives the same geometry on every build and every machine, and
// tests can check it without a scene. Cost is O(n log n) in the number of items.
//
// Every element has a key, unique in the layout and stable across builds ("chip:<listener id>"),
// which the scene uses to reuse its items when the geometry is computed again.
class DiagramLayout
{
public:
    struct ZoneBand
    {
        Zone zone = Zone::Internet;
        QRectF rect;
        QRectF titleRect;
    };
    struct Wall
    {
        Firewall firewall = Firewall::External;
        QRectF rect;
        QRectF titleRect;
    };
    struct PoolBox
    {
        PoolId pool;
        QRectF rect;
        QRectF titleRect;
    };
    struct ServerBox
    {
        ServerId server;
        QRectF rect;
        QRectF titleRect;
    };
    // An address of a server, or (empty address) the strip for sockets bound on all interfaces.
    struct AddressBlock
    {
        QString key;
        ServerId server;
        AddressId address;
        InterfaceSide side = InterfaceSide::External;
        QRectF rect;
        QRectF headerRect;
        bool unexpectedOnly = false; // the grid of unexpected sockets on no known address
    };
    // A listener chip, or a chip for an unexpected listener (unexpected >= 0: its index in the
    // unexpected list of the chip's server).
    struct Chip
    {
        QString key;
        ListenerId listener;
        int unexpected = -1;
        ServerId server;
        QString blockKey;
        InterfaceSide side = InterfaceSide::External;
        QRectF rect;
    };
    // A service inside a server box: a label in the middle column and one link per chip of the
    // service (external chips on the left, internal ones on the right).
    struct ServiceBand
    {
        QString key;
        ServerId server;
        ServiceId service;
        QRectF rect;
        QList<ListenerId> listeners;
        QList<QPolygonF> links; // chip edge -> label edge, one per listener, same order
    };
    struct PeerBox
    {
        PeerId peer;
        Zone zone = Zone::Internet;
        QRectF rect;
    };
    // One flow drawn for one server (flows with a pool end are drawn once per server). Its ends
    // say what it connects: a peer, a listener, or an address (flows the Edge opens from it).
    struct Route
    {
        QString key;
        FlowId flow;
        ServerId server;
        ElementRef from;
        ElementRef to;
        bool outbound = false; // opened by the Edge
        QPolygonF points;      // from the source to the target
        QString label;         // empty when the target chip already names the socket
        QRectF labelRect;
    };

    // The unexpected listeners of each judged server.
    using UnexpectedByServer = QHash<ServerId, QList<UnexpectedListener>>;

    DiagramLayout() = default;
    // Unexpected listeners are placed on their server's address they are bound to (or on its
    // all-interfaces strip); servers without a check have none.
    DiagramLayout(const Topology &topology, const Catalog &catalog,
                  const UnexpectedByServer &unexpected = {});

    QRectF bounds;
    QList<ZoneBand> zones;
    QList<Wall> walls;
    QList<PoolBox> pools;
    QList<ServerBox> servers;
    QList<AddressBlock> blocks;
    QList<Chip> chips;
    QList<ServiceBand> services;
    QList<PeerBox> peers;
    QList<Route> routes;

    // The rectangles text is drawn into (titles, headers, chip text, labels), for overlap tests.
    QList<QRectF> textRects() const;

    // Fixed sizes, shared with the items that paint inside these rectangles.
    static constexpr qreal kChipWidth = 156;
    static constexpr qreal kChipHeight = 42;
    static constexpr qreal kChipPadding = 5; // text inset inside a chip
    static constexpr qreal kBlockHeader = 46;
    static constexpr qreal kCompactChipHeight = 22; // unexpected sockets in the grid
    static constexpr qreal kLabelLine = 11;         // one line of a flow label
};

// Short role names for the narrow address headers ("Access", "Web Conf", "A/V").
QString shortName(AddressRole role);

} // namespace edgemap
