#include "statusstyle.h"

#include <QObject>
#include <QPalette>

namespace edgemap {

namespace {

struct Entry
{
    ListenerStatus status;
    const char16_t *glyph;
    // fill, border, text for the light, dark and colour-blind-safe palettes
    QRgb light[3];
    QRgb dark[3];
    QRgb colourBlind[3];
};

// Colour-blind-safe entries use the Okabe-Ito palette (blue, vermillion, orange, bluish green,
// reddish purple, sky blue), which stays distinct under the common red-green deficiencies; the
// outlines (the glyph's colour) are darkened where needed for 3:1 on white (WCAG graphics).
constexpr Entry kEntries[] = {
        {ListenerStatus::NotChecked,
         u"\u2013",
         {0xffeceff1, 0xff78909c, 0xff37474f},
         {0xff37474f, 0xff78909c, 0xffeceff1},
         {0xffeceff1, 0xff78909c, 0xff37474f}},
        {ListenerStatus::Ok,
         u"\u2713",
         {0xffc8e6c9, 0xff2e7d32, 0xff1b5e20},
         {0xff1b5e20, 0xff66bb6a, 0xffe8f5e9},
         {0xffcce3f5, 0xff0072b2, 0xff00395a}},
        {ListenerStatus::Missing,
         u"\u2717",
         {0xffffcdd2, 0xffc62828, 0xffb71c1c},
         {0xff7f1d1d, 0xffef5350, 0xffffebee},
         {0xfff7d5c0, 0xffd55e00, 0xff6b2f00}},
        {ListenerStatus::WrongProcess,
         u"\u2260",
         {0xffffe0b2, 0xffef6c00, 0xff8a3c00},
         {0xff6d3a00, 0xffffa726, 0xfffff3e0},
         {0xfffbe8c2, 0xffb07800, 0xff5c4000}},
        {ListenerStatus::WrongAddress,
         u"\u21c4",
         {0xffffe0b2, 0xffef6c00, 0xff8a3c00},
         {0xff6d3a00, 0xffffa726, 0xfffff3e0},
         // bluish green: not the orange of a wrong process, for those who cannot tell by glyph
         {0xffc4e9dc, 0xff009e73, 0xff003d2c}},
        {ListenerStatus::Exposed,
         u"\u25ce",
         {0xffffecb3, 0xffa67800, 0xff6d4c00},
         {0xff5c4a00, 0xffffca28, 0xfffff8e1},
         {0xfff2d7e6, 0xffcc79a7, 0xff5e2448}},
        {ListenerStatus::Dynamic,
         u"\u223f",
         {0xffbbdefb, 0xff1565c0, 0xff0d47a1},
         {0xff0d3b66, 0xff64b5f6, 0xffe3f2fd},
         {0xffd9eefb, 0xff2f8fc4, 0xff1a4a66}},
        {ListenerStatus::Unknown,
         u"?",
         {0xffe0e0e0, 0xff757575, 0xff212121},
         {0xff424242, 0xffbdbdbd, 0xfff5f5f5},
         {0xffe0e0e0, 0xff757575, 0xff212121}},
};

} // namespace

StatusStyle statusStyle(ListenerStatus status, StatusPalette palette)
{
    for (const Entry &e : kEntries) {
        if (e.status != status)
            continue;
        const QRgb *c = palette == StatusPalette::Dark          ? e.dark
                        : palette == StatusPalette::ColourBlind ? e.colourBlind
                                                                : e.light;
        return {QColor::fromRgba(c[0]), QColor::fromRgba(c[1]), QColor::fromRgba(c[2]),
                QString::fromUtf16(e.glyph), displayName(status)};
    }
    return {};
}

StatusStyle unexpectedStyle(StatusPalette palette)
{
    // Purple in light and dark; the colour-blind palette keeps the reddish purple for exposed
    // and uses black-on-yellow here.
    static constexpr QRgb kColours[3][3] = {{0xffe1bee7, 0xff7b1fa2, 0xff4a148c},
                                            {0xff4a148c, 0xffce93d8, 0xfff3e5f5},
                                            {0xfffff3a0, 0xff000000, 0xff000000}};
    const QRgb *c = kColours[palette == StatusPalette::Dark          ? 1
                             : palette == StatusPalette::ColourBlind ? 2
                                                                     : 0];
    return {QColor::fromRgba(c[0]), QColor::fromRgba(c[1]), QColor::fromRgba(c[2]),
            QStringLiteral("!"), QObject::tr("Unexpected")};
}

StatusPalette statusPaletteFor(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128 ? StatusPalette::Dark
                                                             : StatusPalette::Light;
}

QString statusText(ListenerStatus status)
{
    const StatusStyle s = statusStyle(status, StatusPalette::Light);
    return s.glyph + QLatin1Char(' ') + s.label;
}

int statusSeverity(ListenerStatus status)
{
    switch (status) {
    case ListenerStatus::Missing:
        return 7;
    case ListenerStatus::WrongProcess:
        return 6;
    case ListenerStatus::WrongAddress:
        return 5;
    case ListenerStatus::Exposed:
        return 4;
    case ListenerStatus::Unknown:
        return 3;
    case ListenerStatus::Dynamic:
        return 2;
    case ListenerStatus::Ok:
        return 1;
    case ListenerStatus::NotChecked:
        break;
    }
    return 0;
}

namespace {

struct ProbeEntry
{
    CombinedKind kind;
    ListenerStatus colours; // the listener status whose colours it takes
    const char16_t *glyph;
    int severity;
};

constexpr ProbeEntry kProbeEntries[] = {
        {CombinedKind::NotProbed, ListenerStatus::NotChecked, u"\u2013", 0},
        {CombinedKind::Unresolved, ListenerStatus::Unknown, u"?", 3},
        {CombinedKind::Reachable, ListenerStatus::Ok, u"\u2713", 1},
        {CombinedKind::Refused, ListenerStatus::Missing, u"\u2717", 7},
        {CombinedKind::NoAnswer, ListenerStatus::Missing, u"\u2298", 7},
        {CombinedKind::Working, ListenerStatus::Ok, u"\u2713", 1},
        {CombinedKind::Blocked, ListenerStatus::Missing, u"\u2298", 7},
        {CombinedKind::NotListening, ListenerStatus::Missing, u"\u2717", 7},
        {CombinedKind::WrongAddress, ListenerStatus::WrongAddress, u"\u21c4", 5},
        {CombinedKind::DownPathUnknown, ListenerStatus::Missing, u"\u2717", 7},
        {CombinedKind::WrongProcess, ListenerStatus::WrongProcess, u"\u2260", 6},
        {CombinedKind::ReachableUnbound, ListenerStatus::Exposed, u"!", 4},
        {CombinedKind::MediaExpected, ListenerStatus::Ok, u"\u2713", 1},
        {CombinedKind::MediaFiltered, ListenerStatus::Exposed, u"\u2298", 4},
        {CombinedKind::MediaOpen, ListenerStatus::Dynamic, u"\u223f", 2},
};

const ProbeEntry *probeEntry(CombinedKind kind)
{
    for (const ProbeEntry &e : kProbeEntries)
        if (e.kind == kind)
            return &e;
    return nullptr;
}

} // namespace

StatusStyle probeStyle(CombinedKind kind, StatusPalette palette)
{
    const ProbeEntry *e = probeEntry(kind);
    if (!e)
        return {};
    StatusStyle style = statusStyle(e->colours, palette);
    style.glyph = QString::fromUtf16(e->glyph);
    style.label = displayName(kind);
    return style;
}

QString probeText(CombinedKind kind)
{
    const StatusStyle s = probeStyle(kind, StatusPalette::Light);
    return s.glyph + QLatin1Char(' ') + s.label;
}

int probeSeverity(CombinedKind kind)
{
    const ProbeEntry *e = probeEntry(kind);
    return e ? e->severity : 0;
}

} // namespace edgemap
