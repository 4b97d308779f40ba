#pragma once

#include "core/elementref.h"
#include "core/topology.h"
#include "snapshot/judgement.h"

#include <QHash>
#include <QList>
#include <QPolygonF>
#include <QRectF>
#include <QSet>
#include <QString>
#include <QStringList>

namespace edgemap {

class Catalog;

// Where everything of the Edge diagram goes, computed from a topology alone: zones as columns
// (Internet | Perimeter | Internal), the firewalls as walls between them, pools stacked in the
// perimeter, each server with its external addresses on the left and its internal address on the
// right, listener chips on their address, service bands in the middle, peers in the outer
// columns and flows routed through lanes between the walls and the servers.
//
// A pool of several servers is drawn once: its members share one shape (the same listeners on
// different addresses), so the shape's chips are shared chips carrying each member's listener,
// and a member table below it lists each member's addresses. Flows go to the shared shape, once
// per pool. A member the user expands gets its full server drawing under the table.
//
// Several sites are drawn as panels side by side (or in a grid close to a landscape page), each
// with its own zones, walls, peers and flows; a peer several sites talk to appears in each.
//
// Pure and deterministic: no QGraphicsItems and no fonts. Boxes are sized from the length of
// the texts that decide them (addresses, FQDNs, service names) with a generous width per
// character, so that nothing needs eliding; the same topology gives the same geometry on every
// machine, and tests can check it without a scene. Cost is O(n log n) in the number of items.
//
// Every element has a key, unique in the layout and stable across builds ("chip:<listener id>"),
// which the scene uses to reuse its items when the geometry is computed again.
class DiagramLayout
{
public:
    struct ZoneBand
    {
        QString key; // zoneKey(zone), plus "@site" when there are several site panels
        QString site;
        Zone zone = Zone::Internet;
        QRectF rect;
        QRectF titleRect;
    };
    struct Wall
    {
        QString key;
        Firewall firewall = Firewall::External;
        QRectF rect;
        QRectF titleRect;
    };
    struct PoolBox
    {
        PoolId pool;
        QRectF rect;
        QRectF titleRect;
        QRectF subtitleRect; // site, members, load balancing, next hop: the line under the title
        bool shared = false; // several members drawn as one shape
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
        bool shared = false;         // a pool shape's block: each member has its own address
        int headerLines = 3;         // title, address, FQDN, and the NAT address when there is one
    };
    // A listener chip, or a chip for an unexpected listener (unexpected >= 0: its index in the
    // unexpected list of the chip's server; `twins` the indexes of the same socket bound on the
    // other all-interfaces address, 0.0.0.0 beside [::], drawn as one chip). A pool shape's
    // shared chip has `listener` from its first member and `members`: each member's listener of
    // the same shape, in member order (empty id: that member has none).
    struct Chip
    {
        QString key;
        ListenerId listener;
        QList<ListenerId> members;
        int unexpected = -1;
        QList<int> twins;
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
    // A pool's member table: a header row and one row per member (its addresses, and the
    // member's check summary painted from the look). Column texts decide the column widths, so
    // they live here: cells[0] is the server's name, then one cell per column title.
    struct MemberTable
    {
        QString key; // "members:<pool id>"
        PoolId pool;
        QRectF rect;
        QRectF titleRect; // "Members of edge pool ..."
        QRectF headerRect;
        QStringList titles;
        QList<qreal> columnX; // left edge of each column, relative to rect.left(); last: status
    };
    struct MemberRow
    {
        QString key; // "member:<server id>"
        PoolId pool;
        ServerId server;
        QRectF rect;
        QStringList cells;
        QList<qreal> columnX; // the table's
        bool expanded = false;
    };
    struct PeerBox
    {
        QString key; // peerKey(peer), plus "@site" when there are several site panels
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

    // Members of a pool drawn in full under the pool's shape.
    using Expanded = QSet<ServerId>;

    DiagramLayout() = default;
    // Unexpected listeners are placed on their server's address they are bound to (or on its
    // all-interfaces strip); servers without a check have none. In a shared pool they show on
    // an expanded member only. With `probeLine`, listener chips are a line taller for the
    // Probe from Here verdict (the document has a probe run).
    DiagramLayout(const Topology &topology, const Catalog &catalog,
                  const UnexpectedByServer &unexpected = {}, const Expanded &expanded = {},
                  bool probeLine = false);

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
    QList<MemberTable> memberTables;
    QList<MemberRow> memberRows;

    // The rectangles text is drawn into (titles, headers, chip text, labels), for overlap tests.
    QList<QRectF> textRects() const;

    // Fixed sizes, shared with the items that paint inside these rectangles.
    static constexpr qreal kChipWidth = 156;
    static constexpr qreal kChipHeight = 42;
    static constexpr qreal kChipPadding = 5; // text inset inside a chip
    static constexpr qreal kBlockHeader = 46;
    static constexpr qreal kCompactChipHeight = 22; // unexpected sockets in the grid
    static constexpr qreal kLabelLine = 11;         // one line of a flow label
    static constexpr qreal kMemberStrip = 7;        // a shared chip's row of member cells
    static constexpr qreal kProbeLine = 15;         // a chip's Probe from Here badge
    static constexpr qreal kHeaderLine = 13;        // one line of an address block's header
    static constexpr qreal kMemberRow = 14;         // one row of a member table
    // The width of a text at a pixel size, from the advance widths of DejaVu Sans (Debian's
    // default face and the widest of the faces the renderer meets: Segoe UI and Arial are
    // narrower), plus 4 % for hinting: a box sized with it holds its text on every platform,
    // and the layout stays free of fonts.
    static qreal textWidth(const QString &text, qreal pixelSize = 10, bool bold = false);
    // An address block's title: its roles ("Access + Web Conf + A/V", "Internal").
    static QString addressTitle(const Address &address);
    // How an address reads: its IP, or "0.0.0.0 (not pinned)" for one the topology leaves to
    // the server (as an import of a lab topology brings it).
    static QString addressText(const Address &address);
};

// Layout keys of pools and servers, and the single-site keys of zones, walls and peers (their
// records carry the key, which has "@site" added when there are several site panels).
QString zoneKey(Zone zone);
QString wallKey(Firewall firewall);
QString poolKey(const PoolId &id);
QString serverKey(const ServerId &id);
QString peerKey(const PeerId &id);

// A chip's protocol line: the protocol names without their descriptions ("RTP/SRTP" for
// "RTP/SRTP (relayed media)"), and "· dynamic" for a port from the media range. The full
// text is in the tooltip and the tables.
QString chipProtocols(const Listener &listener);

// An unexpected socket's chip texts: the socket ("TCP 135", "· IPv4+6" when its [::] twin
// shares the chip) and the process ("svchost.exe (PID 884)").
QString unexpectedSocketText(const UnexpectedListener &socket, bool withTwin);
QString unexpectedProcessText(const UnexpectedListener &socket);

// Short role names for the narrow address headers ("Access", "Web Conf", "A/V").
QString shortName(AddressRole role);

} // namespace edgemap
