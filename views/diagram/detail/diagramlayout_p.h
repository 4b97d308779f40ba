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
inline constexpr qreal kPoolPad = 9;
inline constexpr qreal kPoolTitle = 38; // title and subtitle lines
inline constexpr qreal kPoolGap = 30;
inline constexpr qreal kServerPad = 8;
inline constexpr qreal kServerTitle = 28;
inline constexpr qreal kServerGap = 18;
inline constexpr qreal kBlockInset = 6;
inline constexpr qreal kBlockGap = 8;
inline constexpr qreal kChipGap = 4;
inline constexpr qreal kMiddleMargin = 10; // each side of the service bands
inline constexpr qreal kBandWidth = 120;   // at least
inline constexpr qreal kBandHeight = 34;
inline constexpr qreal kBandGap = 6;
inline constexpr qreal kPeerMargin = 6;  // each side of a peer box in its column
inline constexpr qreal kPeerWidth = 150; // at least
inline constexpr qreal kPeerHeight = 46;
inline constexpr qreal kPeerGap = 16;
inline constexpr qreal kWall = 16;
inline constexpr qreal kLane = 8;
inline constexpr qreal kLaneMargin = 8;
inline constexpr qreal kPanelGap = 40; // between site panels
inline constexpr qreal kTableGap = 10; // above a member table and an expanded member
inline constexpr qreal kOutboundOffset = 6;
inline constexpr qreal kMargin = 16;
} // namespace metrics

// Widths that follow the texts of the topology (see DiagramLayout::textWidth), shared by every
// pool and site panel so that the columns line up.
struct Widths
{
    qreal chip = DiagramLayout::kChipWidth;
    qreal block = DiagramLayout::kChipWidth + 2 * metrics::kBlockInset;
    qreal band = metrics::kBandWidth;
    qreal middle = metrics::kBandWidth + 2 * metrics::kMiddleMargin;
    qreal server = 0; // 2 pads + 2 blocks + middle, or a member table when wider
    qreal peer[2] = {metrics::kPeerWidth, metrics::kPeerWidth}; // Internet, internal column
    bool probeLine = false; // listener chips have a fourth line for the Probe from Here verdict
    qreal pool() const { return server + 2 * metrics::kPoolPad; }
    qreal peerColumn(int c) const { return peer[c] + 2 * metrics::kPeerMargin; }
};
Widths measureWidths(const Topology &topology);

// Moves everything placed in `layout` (and its bounds) by `d`.
void translateLayout(DiagramLayout &layout, const QPointF &d);

// A pool's member table: the column titles, a member's cells, the column widths (glyph, each
// title's column, status).
QStringList memberTitles(const EdgePool &pool);
QStringList memberCells(const EdgePool &pool, const EdgeServer &server);
QList<qreal> memberColumnWidths(const EdgePool &pool);

class DiagramLayoutBuilder
{
public:
    DiagramLayoutBuilder(DiagramLayout &out, const Topology &topology, const Catalog &catalog,
                         const DiagramLayout::UnexpectedByServer &unexpected,
                         const DiagramLayout::Expanded &expanded, const Widths &widths);
    // One panel: everything of the topology (a site's part of it, for several sites).
    void run();
    // Several sites: one panel each, placed in a grid (diagramlayout_sites.cpp).
    static void runSites(DiagramLayout &out, const Topology &topology, const Catalog &catalog,
                         const Widths &widths, const DiagramLayout::UnexpectedByServer &unexpected,
                         const DiagramLayout::Expanded &expanded);

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
    qreal layoutServerBody(const EdgeServer &server, qreal top);
    qreal layoutSide(const EdgeServer &server, InterfaceSide side, qreal x, qreal y);
    qreal layoutBlock(const EdgeServer &server, const Address *address, InterfaceSide side,
                      QList<const Listener *> listeners, qreal x, qreal y);
    QList<const Listener *> orderInternal(const EdgeServer &server,
                                          QList<const Listener *> listeners) const;
    QList<int> unexpectedOn(const EdgeServer &server, const Address *address) const;
    const QList<UnexpectedListener> &unexpectedOf(const ServerId &server) const;
    qreal layoutServices(const EdgeServer &server, qreal top);
    qreal layoutUnexpectedGrid(const EdgeServer &server, qreal y);
    qreal blockHeader(const Address *address) const;
    QString chipKey(const Listener &listener) const;
    qsizetype chipOf(const ListenerId &listener) const; // in the server body being laid out

    // diagramlayout_pools.cpp: a pool of several members drawn once
    qreal layoutSharedPool(const EdgePool &pool, qreal y);
    qreal layoutMemberTables(qreal y);
    qreal layoutMemberTable(const EdgePool &pool, qreal y);
    QList<ListenerId> membersOf(const Listener &listener) const;

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
    const DiagramLayout::Expanded &m_expanded;
    Widths m_w;
    // While a pool's shared shape is laid out: the pool, and per member its listeners by shape
    // signature (see shapeSignature).
    const EdgePool *m_sharedPool = nullptr;
    QList<QHash<QString, ListenerId>> m_memberShapes;
    QList<const EdgePool *> m_tablePools; // shared pools, whose member tables go under the zones

    QHash<QString, qsizetype> m_chipOfListener; // listener id -> chips index, for flows
    QHash<QString, qsizetype> m_localChip;      // the same, in the body being laid out
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
