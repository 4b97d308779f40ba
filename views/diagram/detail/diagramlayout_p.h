#pragma once

// Internal to the diagram layout: the builder that diagramlayout.cpp (servers, addresses, chips,
// services) and diagramlayout_routes.cpp (peers, flows, lanes, walls, zones) share.
#include "diagram/diagramlayout.h"

#include <QHash>
#include <QList>
#include <QString>

namespace edgemap {

// Sizes of the diagram, in scene units (pixels at 100 %).
namespace metrics {
inline constexpr qreal kTop = 44; // below the zone titles
inline constexpr qreal kPoolPad = 12;
inline constexpr qreal kPoolTitle = 26;
inline constexpr qreal kPoolGap = 30;
inline constexpr qreal kServerPad = 10;
inline constexpr qreal kServerTitle = 28;
inline constexpr qreal kServerGap = 18;
inline constexpr qreal kBlockInset = 6;
inline constexpr qreal kBlockWidth = DiagramLayout::kChipWidth + 2 * kBlockInset;
inline constexpr qreal kBlockGap = 8;
inline constexpr qreal kChipGap = 4;
inline constexpr qreal kMiddle = 124;
inline constexpr qreal kBandWidth = 110;
inline constexpr qreal kBandHeight = 34;
inline constexpr qreal kBandGap = 6;
inline constexpr qreal kServerWidth = 2 * kServerPad + 2 * kBlockWidth + kMiddle;
inline constexpr qreal kPoolWidth = kServerWidth + 2 * kPoolPad;
inline constexpr qreal kPeerColumn = 196;
inline constexpr qreal kPeerWidth = 176;
inline constexpr qreal kPeerHeight = 46;
inline constexpr qreal kPeerGap = 16;
inline constexpr qreal kWall = 16;
inline constexpr qreal kLane = 8;
inline constexpr qreal kLaneMargin = 10;
inline constexpr qreal kCharWidth = 5.3; // flow label font, generous so that nothing clips
inline constexpr qreal kOutboundOffset = 6;
inline constexpr qreal kMargin = 16;
} // namespace metrics

class DiagramLayoutBuilder
{
public:
    DiagramLayoutBuilder(DiagramLayout &out, const Topology &topology, const Catalog &catalog,
                         const DiagramLayout::UnexpectedByServer &unexpected);
    void run();

private:
    // What a flow connects on one server, before it has coordinates.
    struct RouteSpec
    {
        FlowId flow;
        ServerId server;
        PeerId peer;
        qsizetype chip = -1;  // target or source chip
        qsizetype block = -1; // address header, for flows from or to an address role
        bool outbound = false;
        InterfaceSide side = InterfaceSide::External;
        QString socket; // "TCP 53", when the route needs a label of its own
        qsizetype trunk = -1;
    };
    struct Trunk
    {
        PeerId peer;
        InterfaceSide side = InterfaceSide::External;
        bool outbound = false;
        qreal top = 0;
        qreal bottom = 0;
        int lane = 0;
    };
    struct PeerToPeer
    {
        FlowId flow;
        PeerId from;
        PeerId to;
        int lane = 0;
    };

    // diagramlayout.cpp
    qreal layoutPool(const EdgePool &pool, qreal y);
    qreal layoutServer(const EdgeServer &server, qreal y);
    qreal layoutSide(const EdgeServer &server, InterfaceSide side, qreal x, qreal y);
    qreal layoutBlock(const EdgeServer &server, const Address *address, InterfaceSide side,
                      QList<const Listener *> listeners, qreal x, qreal y);
    QList<const Listener *> orderInternal(const EdgeServer &server,
                                          QList<const Listener *> listeners) const;
    QList<int> unexpectedOn(const EdgeServer &server, const Address *address) const;
    const QList<UnexpectedListener> &unexpectedOf(const ServerId &server) const;
    qreal layoutServices(const EdgeServer &server, qreal top);
    qreal layoutUnexpectedGrid(const EdgeServer &server, qreal y);
    void shiftPools(qreal dx);

    // diagramlayout_routes.cpp
    void collectRoutes();
    void addSpecs(const Flow &flow);
    void placePeers(qreal top);
    void assignLanes();
    void mergeLabels();
    void placeColumns();
    void buildRoutes();
    void buildPeerToPeer(bool withRoutes);
    void buildFrame();
    QPointF anchor(const RouteSpec &spec, qreal dy) const;
    qreal anchorY(const RouteSpec &spec) const;

    DiagramLayout &m_out;
    const Topology &m_topology;
    const Catalog &m_catalog;
    const DiagramLayout::UnexpectedByServer &m_unexpected;

    QHash<QString, qsizetype> m_chipOfListener; // listener id -> chips index
    QHash<QString, qsizetype> m_blockOfAddress; // address id -> blocks index
    QList<RouteSpec> m_specs;
    QList<Trunk> m_trunks;
    QList<PeerToPeer> m_p2p;
    QHash<qsizetype, QStringList> m_labels; // spec index -> label lines
    int m_lanes[2] = {0, 0};                // per side: External, Internal
    qreal m_labelWidth[2] = {0, 0};
    int m_p2pLanes[2] = {0, 0}; // per peer column: Internet, Internal
    qreal m_poolLeft = 0;
    qreal m_poolRight = 0;
    qreal m_wallX[2] = {0, 0};
    qreal m_columnX[2] = {0, 0}; // peer columns' left edges
    qreal m_contentBottom = 0;
};

} // namespace edgemap
