#pragma once

#include "statusstyle.h"

#include <QColor>
#include <QFont>
#include <QPen>

namespace edgemap {

// How the diagram's frame looks (zones, walls, boxes, lines, text) for one palette: the small
// style object every item paints with, so that item classes hold geometry and text only.
// Status colours come from the shared status style table (statusstyle.h), never from here.
struct DiagramStyle
{
    StatusPalette palette = StatusPalette::Light;
    QColor background;
    QColor text;
    QColor mutedText;
    QColor zoneFill[3]; // Internet, Perimeter, Internal
    QColor zoneTitle;
    QColor wallFill;
    QColor wallLine;
    QColor poolFill;
    QColor poolLine;
    QColor serverFill;
    QColor serverLine;
    QColor blockFill;
    QColor blockLine;
    QColor peerFill[2]; // Internet, internal
    QColor peerLine;
    QColor route;
    QColor routeOutbound;
    QColor live; // a flow on which the snapshot saw established connections
    QColor highlight;
    QColor badgeFill;
    QColor badgeText;

    static DiagramStyle forPalette(StatusPalette palette);
    // One hue per service (by its index in the topology) for the service bands.
    QColor serviceColour(int index) const;

    // Fonts in pixels, so that text size is part of the deterministic geometry.
    static QFont font(int pixelSize, bool bold = false);
    // A cosmetic pen: hairlines stay one device pixel wide at every zoom.
    static QPen pen(const QColor &colour, qreal width = 1, Qt::PenStyle style = Qt::SolidLine);
};

} // namespace edgemap
