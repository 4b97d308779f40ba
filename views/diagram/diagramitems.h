#pragma once

#include "core/elementref.h"
#include "diagram/diagramlook.h"
#include "diagram/diagramrenderer.h"
#include "diagram/diagramstyle.h"
#include "snapshot/judgement.h"

#include <QGraphicsItem>
#include <QPolygonF>
#include <QRectF>
#include <QString>
#include <QStringList>

#include <type_traits>

namespace edgemap {

// Items of the Edge diagram. They hold geometry (from DiagramLayout) and their part of the
// DiagramLook (set by DiagramScene), and keep hover and selection; their paint() is one call
// into DiagramRenderer with the scene's DiagramStyle, so that exports, which paint through the
// renderer with no scene, show the same pixels. Emphasis (highlighted, dimmed) is view state
// set by the scene.
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
    DiagramRenderer renderer() const { return DiagramRenderer(m_style); }

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
    void setTitle(const BoxLook &look) { setTitle(look.title, look.subtitle); }
    void setZoneIndex(int index) { m_zoneIndex = index; } // fill of a zone: 0, 1 or 2
    QString title() const { return m_look.title; }
    QString subtitle() const { return m_look.subtitle; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    Kind m_kind;
    QRectF m_rect;
    QRectF m_titleRect; // local
    BoxLook m_look;
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
    bool isUnexpected() const { return m_look.unexpected; }
    void setStatus(ListenerStatus status, int established);
    ListenerStatus status() const { return m_look.status; }
    int established() const { return m_look.established; }
    QString socketText() const { return m_look.socket; }
    // An empty badge clears the mark; `description` is the tooltip's sentence about it.
    void setChange(const QString &badge, const QString &description);
    bool isChanged() const { return !m_look.changeBadge.isEmpty(); }
    QString changeBadge() const { return m_look.changeBadge; }
    QString changeDescription() const { return m_look.changeDescription; }
    // All of the above at once.
    void setLook(const ChipLook &look);
    const ChipLook &look() const { return m_look; }
    // The status as drawn (glyph and word), for tests and accessibility.
    StatusStyle statusLook() const;

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QRectF m_rect;
    ChipLook m_look;
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
    // The texts and the status (a down service says so on its band).
    void setText(const ServiceLook &look);
    const ServiceLook &look() const { return m_look; }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QRectF m_rect;            // local
    QList<QPolygonF> m_links; // local
    ServiceLook m_look;
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
    void setText(const PeerLook &look) { setText(look.name, look.detail); }
    QString name() const { return m_look.name; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QRectF m_rect;
    bool m_internet = true;
    PeerLook m_look;
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
    HopBadgeItem(const DiagramStyle &style, int number, bool broken = false);
    int type() const override { return Type; }
    int number() const { return m_number; }
    bool isBroken() const { return m_broken; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    int m_number;
    bool m_broken;
};

// A row of a pool's member table: the member's status glyph, name, addresses and check
// summary. Selecting it selects the server; the scene expands the member on a double click.
class MemberRowItem : public DiagramItem
{
public:
    enum { Type = UserType + 11 };
    explicit MemberRowItem(const DiagramStyle &style);
    int type() const override { return Type; }

    void setGeometry(const DiagramLayout::MemberRow &row);
    void setLook(const MemberLook &look);
    const MemberLook &look() const { return m_look; }
    QStringList cells() const { return m_cells; }
    bool isExpanded() const { return m_expanded; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QRectF m_rect;
    QStringList m_cells;
    QList<qreal> m_columnX;
    bool m_expanded = false;
    MemberLook m_look;
};

// A pool's member table under the rows: frame, title and column titles (scene coordinates).
class MemberHeaderItem : public DiagramItem
{
public:
    enum { Type = UserType + 12 };
    explicit MemberHeaderItem(const DiagramStyle &style);
    int type() const override { return Type; }

    void setGeometry(const DiagramLayout::MemberTable &table);
    void setTitle(const BoxLook &look);
    QString title() const { return m_look.title; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    DiagramLayout::MemberTable m_table;
    BoxLook m_look;
};

// qgraphicsitem_cast for the diagram's items, by type(): DiagramItem (any of them), BoxItem (its
// five kinds) or one item class. nullptr for an item of another type.
template<class T>
T *diagramItemCast(QGraphicsItem *item)
{
    if (!item)
        return nullptr;
    const int type = item->type();
    bool ok = false;
    if constexpr (std::is_same_v<std::remove_const_t<T>, DiagramItem>)
        ok = type >= BoxItem::ZoneType && type <= MemberHeaderItem::Type;
    else if constexpr (std::is_same_v<std::remove_const_t<T>, BoxItem>)
        ok = type >= BoxItem::ZoneType && type <= BoxItem::AddressType;
    else
        ok = type == T::Type;
    return ok ? static_cast<T *>(item) : nullptr;
}

template<class T>
const T *diagramItemCast(const QGraphicsItem *item)
{
    return diagramItemCast<const T>(const_cast<QGraphicsItem *>(item));
}

} // namespace edgemap
