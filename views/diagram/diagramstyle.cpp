#include "diagram/diagramstyle.h"

namespace edgemap {

DiagramStyle DiagramStyle::forPalette(StatusPalette palette)
{
    DiagramStyle s;
    s.palette = palette;
    if (palette == StatusPalette::Dark) {
        s.background = QColor(0x1e, 0x22, 0x27);
        s.text = QColor(0xe8, 0xea, 0xed);
        s.mutedText = QColor(0xa0, 0xa8, 0xb0);
        s.zoneFill[0] = QColor(0x24, 0x2b, 0x36);
        s.zoneFill[1] = QColor(0x2d, 0x2a, 0x24);
        s.zoneFill[2] = QColor(0x22, 0x30, 0x2a);
        s.zoneTitle = QColor(0xc8, 0xcc, 0xd2);
        s.wallFill = QColor(0x8d, 0x4b, 0x3a);
        s.wallLine = QColor(0xd0, 0x8a, 0x70);
        s.poolFill = QColor(0x33, 0x33, 0x30);
        s.poolLine = QColor(0x80, 0x78, 0x68);
        s.serverFill = QColor(0x2a, 0x2e, 0x35);
        s.serverLine = QColor(0x9a, 0xa4, 0xb0);
        s.blockFill = QColor(0x31, 0x36, 0x3e);
        s.blockLine = QColor(0x6a, 0x74, 0x80);
        s.peerFill[0] = QColor(0x2c, 0x3e, 0x55);
        s.peerFill[1] = QColor(0x2b, 0x48, 0x3a);
        s.peerLine = QColor(0x9a, 0xb0, 0xc8);
        s.route = QColor(0xb0, 0xbc, 0xc8);
        s.routeOutbound = QColor(0xd0, 0xa0, 0x60);
        s.live = QColor(0x66, 0xbb, 0x6a);
        s.highlight = QColor(0x4f, 0xc3, 0xf7);
        s.badgeFill = QColor(0x4f, 0xc3, 0xf7);
        s.badgeText = QColor(0x10, 0x14, 0x18);
        return s;
    }
    s.background = Qt::white;
    s.text = QColor(0x21, 0x26, 0x2c);
    s.mutedText = QColor(0x5f, 0x6b, 0x76);
    s.zoneFill[0] = QColor(0xee, 0xf3, 0xfa);
    s.zoneFill[1] = QColor(0xfb, 0xf6, 0xec);
    s.zoneFill[2] = QColor(0xee, 0xf7, 0xf0);
    s.zoneTitle = QColor(0x45, 0x50, 0x5c);
    s.wallFill = QColor(0xd8, 0x8c, 0x6c);
    s.wallLine = QColor(0x9c, 0x4a, 0x2e);
    s.poolFill = QColor(0xf5, 0xec, 0xda);
    s.poolLine = QColor(0xb8, 0xa0, 0x78);
    s.serverFill = Qt::white;
    s.serverLine = QColor(0x5f, 0x6b, 0x76);
    s.blockFill = QColor(0xf4, 0xf6, 0xf8);
    s.blockLine = QColor(0xa8, 0xb2, 0xbc);
    s.peerFill[0] = QColor(0xdc, 0xe8, 0xf7);
    s.peerFill[1] = QColor(0xdc, 0xf0, 0xe2);
    s.peerLine = QColor(0x5a, 0x73, 0x8c);
    s.route = QColor(0x4a, 0x55, 0x60);
    s.routeOutbound = QColor(0xa0, 0x5a, 0x00);
    s.live = QColor(0x2e, 0x7d, 0x32);
    s.highlight = QColor(0x00, 0x72, 0xd6);
    s.badgeFill = QColor(0x00, 0x5c, 0xb0);
    s.badgeText = Qt::white;
    if (palette == StatusPalette::ColourBlind) {
        s.routeOutbound = QColor(0xd5, 0x5e, 0x00); // vermillion
        s.live = QColor(0x00, 0x00, 0x00);          // black: not the blue of OK, never green
        s.highlight = QColor(0xcc, 0x79, 0xa7);
        s.badgeFill = QColor(0x00, 0x00, 0x00);
    }
    return s;
}

QColor DiagramStyle::serviceColour(int index) const
{
    // Okabe-Ito hues: distinct for the common colour-vision deficiencies, fine for everyone.
    static constexpr QRgb kHues[]
            = {0xff0072b2, 0xffe69f00, 0xff009e73, 0xffcc79a7, 0xff56b4e9, 0xffd55e00, 0xff7f7f7f};
    constexpr int n = int(sizeof(kHues) / sizeof(kHues[0]));
    QColor c = QColor::fromRgba(kHues[((index % n) + n) % n]);
    if (palette == StatusPalette::Dark)
        c = c.lighter(125);
    return c;
}

QFont DiagramStyle::font(int pixelSize, bool bold)
{
    QFont f;
#ifdef Q_OS_WIN
    // The face every Windows desktop has, whatever the application font was set to; the
    // diagram's boxes are sized with DejaVu Sans's metrics (Debian's default), which is wider.
    // DejaVu Sans last: where neither is installed (Wine) it is the face the sizes are for,
    // rather than a wider serif fallback that would elide labels.
    f.setFamilies(
            {QStringLiteral("Segoe UI"), QStringLiteral("Tahoma"), QStringLiteral("DejaVu Sans")});
#endif
    f.setStyleHint(QFont::SansSerif); // where the family is missing (Wine), a sans face, not Times
    f.setPixelSize(pixelSize);
    f.setBold(bold);
    return f;
}

QPen DiagramStyle::pen(const QColor &colour, qreal width, Qt::PenStyle style)
{
    QPen p(colour, width, style);
    p.setCosmetic(true);
    return p;
}

} // namespace edgemap
