#pragma once

#include "diagram/diagramlayout.h"
#include "diagram/diagramlook.h"
#include "diagram/diagramstyle.h"

#include <QPolygonF>
#include <QRectF>
#include <QSizeF>
#include <QStringList>

class QPainter;

namespace edgemap {

// Paints the Edge diagram with a QPainter from a DiagramLayout and a DiagramLook: no scene, no
// items, no widgets (QtGui only), so it runs in any thread on a QImage, an SvgWriter, a
// QPdfWriter or a QPrinter. Tiled's MapRenderer pattern: the scene's items delegate their
// paint() to the element functions below, and the exporter paints the whole diagram with
// drawDiagram(); both draw the same pixels.
//
// Element functions paint in the element's local coordinates (its top left at the origin), as
// an item does; `strong` is the highlighted (or selected) look.
class DiagramRenderer
{
public:
    enum class Box { Zone, Wall, Pool, Server, Address };

    // `style` must outlive the renderer.
    explicit DiagramRenderer(const DiagramStyle &style)
        : m_style(style)
    {}

    const DiagramStyle &style() const { return m_style; }

    // The part `source` of the diagram (scene units) scaled into `target` (painter units),
    // keeping the aspect ratio and clipped to `target`: the background, then every element in
    // stacking order (zones, walls, pools, servers, address blocks, routes, chips, service
    // bands, peers, hop badges) at its place, with the look's highlight and dimming.
    void drawDiagram(QPainter *painter, const DiagramLayout &layout, const DiagramLook &look,
                     const QRectF &target, const QRectF &source) const;

    void drawBox(QPainter *painter, Box kind, const QRectF &rect, const QRectF &titleRect,
                 const BoxLook &look, int zoneIndex, bool selected) const;
    void drawChip(QPainter *painter, const QRectF &rect, const ChipLook &look, bool strong) const;
    void drawService(QPainter *painter, const QRectF &rect, const QList<QPolygonF> &links,
                     const ServiceLook &look, bool strong) const;
    void drawPeer(QPainter *painter, const QRectF &rect, bool internet, const PeerLook &look,
                  bool strong) const;
    // A pool's member table (frame, title, column titles; scene coordinates) and one of its
    // rows (local coordinates).
    void drawMemberTable(QPainter *painter, const DiagramLayout::MemberTable &table,
                         const BoxLook &look) const;
    void drawMemberRow(QPainter *painter, const QRectF &rect, const QStringList &cells,
                       const QList<qreal> &columnX, const MemberLook &member, bool expanded,
                       bool strong) const;
    // Routes are drawn in scene coordinates (a route item stays at the origin).
    void drawRoute(QPainter *painter, const QPolygonF &points, const QString &label,
                   const QRectF &labelRect, bool outbound, bool live, bool strong) const;
    // Centred on the origin.
    // `broken`: the chain breaks at this hop.
    void drawHopBadge(QPainter *painter, int number, bool broken = false) const;

    // The legend: every status (colour, glyph and word), the unexpected chip, the kinds of
    // flow line, and the Probe from Here verdicts in `probes` (those the diagram shows),
    // flowing into as many rows as `size` (from legendSizeForWidth) needs.
    void drawLegend(QPainter *painter, const QSizeF &size,
                    const QList<CombinedKind> &probes = {}) const;
    static QSize legendSizeForWidth(int availableWidth, const QList<CombinedKind> &probes = {});
    static QStringList legendEntries(StatusPalette palette, const QList<CombinedKind> &probes = {});

    // How a chip's status is drawn (glyph, word, colours).
    static StatusStyle chipStatusStyle(const ChipLook &look, StatusPalette palette);
    // Level of detail: false when text of this pixel size would be too small to read on screen
    // (on paper, always true); primary text (names, sockets, statuses, addresses) stays down to
    // a smaller size than secondary.
    static bool readable(const QPainter *painter, qreal pixelSize, bool primary = false);
    static constexpr qreal kPrimaryPixels = 3.5;
    static constexpr qreal kSecondaryPixels = 5.5;
    // While one lives, texts this thread's renderers had to elide are appended to `log`.
    class ElisionRecorder
    {
    public:
        explicit ElisionRecorder(QStringList *log);
        ~ElisionRecorder();
        ElisionRecorder(const ElisionRecorder &) = delete;
        ElisionRecorder &operator=(const ElisionRecorder &) = delete;

    private:
        QStringList *m_previous;
    };
    // The opacity of a dimmed element while something else is highlighted.
    static constexpr qreal kDimmedOpacity = 0.22;
    // Where a hop badge goes on an element whose rectangle is `target` (scene coordinates).
    static QPointF hopBadgePosition(const QRectF &target, int slot);

private:
    void drawWall(QPainter *painter, const QRectF &rect) const;
    void drawBoxTitle(QPainter *painter, Box kind, const QRectF &rect, const QRectF &titleRect,
                      const BoxLook &look) const;
    void drawMemberStrip(QPainter *painter, const QRectF &rect,
                         const QList<ListenerStatus> &members) const;
    qreal drawChangeBadge(QPainter *painter, const QRectF &rect, const QString &badge) const;
    void drawProbeLine(QPainter *painter, const QRectF &line, const ChipLook &chip) const;
    // A Probe from Here badge: `text` centred on a pill in the verdict's colours (the chips'
    // probe line and the legend's probe entries).
    static void drawPill(QPainter *painter, const QRectF &pill, const StatusStyle &style,
                         const QString &text);
    void drawElements(QPainter *painter, const DiagramLayout &layout,
                      const DiagramLook &look) const;

    const DiagramStyle &m_style;
};

} // namespace edgemap
