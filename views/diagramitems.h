#pragma once

#include "diagramstyle.h"
#include "elementref.h"
#include "judgement.h"

#include <QGraphicsItem>
#include <QPolygonF>
#include <QRectF>
#include <QString>
#include <QStringList>

namespace edgemap {

// Items of the Edge diagram. They hold geometry (from DiagramLayout) and the text to show (set
// by DiagramScene); how they look comes from the scene's DiagramStyle and the shared status
// style table. Emphasis (highlighted, dimmed) is view state set by the scene.
class DiagramItem : public QGraphicsItem
{
public:
    enum class Emphasis { Normal, Highlighted, Dimmed };

    explicit DiagramItem(const DiagramStyle &style);

    void setEmphasis(Emphasis emphasis);
    Emphasis emphasis() const { return m_emphasis; }

    // What the tree calls this item; invalid for decoration (zones, walls, routes, badges).
    void setRef(const ElementRef &ref) { m_ref = ref; }
    ElementRef ref() const { return m_ref; }
    // The layout key the item was made for.
    void setKey(const QString &key) { m_key = key; }
    QString key() const { return m_key; }

protected:
    const DiagramStyle &style() const { return m_style; }
    // Level of detail: false when text of this pixel size would be too small to read.
    static bool readable(const QPainter *painter, qreal pixelSize);
    static void drawText(QPainter *painter, const QRectF &rect, const QString &text,
                         const QFont &font, const QColor &colour,
                         Qt::Alignment align = Qt::AlignLeft | Qt::AlignVCenter);

private:
    const DiagramStyle &m_style;
    Emphasis m_emphasis = Emphasis::Normal;
    ElementRef m_ref;
    QString m_key;
};

// A rectangle with a title: zones, walls, pools, servers and address blocks.
class BoxItem : public DiagramItem
{
public:
    enum Kind { ZoneKind, WallKind, PoolKind, ServerKind, AddressKind };
    enum { ZoneType = UserType + 1, WallType, PoolType, ServerType, AddressType };

    BoxItem(Kind kind, const DiagramStyle &style);
    int type() const override { return int(ZoneType) + int(m_kind); }
    Kind kind() const { return m_kind; }

    // `rect` and `titleRect` in scene coordinates; the item moves to rect's top left.
    void setGeometry(const QRectF &rect, const QRectF &titleRect);
    void setTitle(const QString &title, const QString &subtitle = {});
    void setZoneIndex(int index) { m_zoneIndex = index; } // fill of a zone: 0, 1 or 2
    QString title() const { return m_title; }
    QString subtitle() const { return m_subtitle; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    void paintWall(QPainter *painter) const;
    void paintTitle(QPainter *painter) const;

    Kind m_kind;
    QRectF m_rect;
    QRectF m_titleRect; // local
    QString m_title;
    QString m_subtitle;
    int m_zoneIndex = 0;
};

// A listener chip (or an unexpected listener's chip): socket, protocol, status glyph and word,
// established connections, and a "changed" mark (outline and a badge such as "was OK" or "new")
// when it differs from the server's previous snapshot.
class ChipItem : public DiagramItem
{
public:
    enum { Type = UserType + 6 };
    explicit ChipItem(const DiagramStyle &style);
    int type() const override { return Type; }

    void setGeometry(const QRectF &rect);
    void setText(const QString &socket, const QString &protocol);
    void setUnexpected(bool unexpected);
    bool isUnexpected() const { return m_unexpected; }
    void setStatus(ListenerStatus status, int established);
    ListenerStatus status() const { return m_status; }
    int established() const { return m_established; }
    QString socketText() const { return m_socket; }
    // An empty badge clears the mark; `description` is the tooltip's sentence about it.
    void setChange(const QString &badge, const QString &description);
    bool isChanged() const { return !m_changeBadge.isEmpty(); }
    QString changeBadge() const { return m_changeBadge; }
    QString changeDescription() const { return m_changeDescription; }
    // The status as drawn (glyph and word), for tests and accessibility.
    StatusStyle statusLook() const;

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QRectF m_rect;
    QString m_socket;
    QString m_protocol;
    bool m_unexpected = false;
    ListenerStatus m_status = ListenerStatus::NotChecked;
    int m_established = 0;
    QString m_changeBadge;
    QString m_changeDescription;

    qreal paintChangeBadge(QPainter *painter) const;
};

// A service inside a server box: its name and executable, linked to each of its chips.
class ServiceItem : public DiagramItem
{
public:
    enum { Type = UserType + 7 };
    explicit ServiceItem(const DiagramStyle &style);
    int type() const override { return Type; }

    void setGeometry(const QRectF &rect, const QList<QPolygonF> &links);
    void setText(const QString &name, const QString &executable, int colourIndex);

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QRectF m_rect;            // local
    QList<QPolygonF> m_links; // local
    QString m_name;
    QString m_executable;
    int m_colour = 0;
};

// A peer: remote users, partners, the Director, the Front End pool, internal clients.
class PeerItem : public DiagramItem
{
public:
    enum { Type = UserType + 8 };
    explicit PeerItem(const DiagramStyle &style);
    int type() const override { return Type; }

    void setGeometry(const QRectF &rect, bool internet);
    void setText(const QString &name, const QString &detail);
    QString name() const { return m_name; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QRectF m_rect;
    bool m_internet = true;
    QString m_name;
    QString m_detail;
};

// A flow: an arrow along the layout's route, dashed when the Edge opens it, drawn in the live
// colour when the snapshot saw established connections from its peer.
class RouteItem : public DiagramItem
{
public:
    enum { Type = UserType + 9 };
    explicit RouteItem(const DiagramStyle &style);
    int type() const override { return Type; }

    void setGeometry(const QPolygonF &points, const QString &label, const QRectF &labelRect);
    void setOutbound(bool outbound) { m_outbound = outbound; }
    bool isOutbound() const { return m_outbound; }
    void setLive(bool live);
    bool isLive() const { return m_live; }
    QString label() const { return m_label; }
    QPolygonF points() const { return m_points; }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QPolygonF m_points; // scene coordinates (the item stays at the origin)
    QString m_label;
    QRectF m_labelRect;
    bool m_outbound = false;
    bool m_live = false;
};

// The number of a scenario hop, pinned to the item that carries the hop.
class HopBadgeItem : public DiagramItem
{
public:
    enum { Type = UserType + 10 };
    HopBadgeItem(const DiagramStyle &style, int number);
    int type() const override { return Type; }
    int number() const { return m_number; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    int m_number;
};

} // namespace edgemap
