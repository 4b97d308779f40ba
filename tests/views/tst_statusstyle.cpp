// The status colours as the admin reads them: every word readable on its chip in every palette,
// every glyph readable on the window's background, and in the colour-blind palette no two
// statuses (nor OK, the selection and "connections seen") sharing a colour.
#include "diagram/diagramstyle.h"
#include "statusstyle.h"

#include <QTest>

#include <cmath>

using namespace edgemap;
using namespace Qt::StringLiterals;

namespace {

const QList<ListenerStatus> kStatuses
        = {ListenerStatus::NotChecked,   ListenerStatus::Ok,           ListenerStatus::Missing,
           ListenerStatus::WrongProcess, ListenerStatus::WrongAddress, ListenerStatus::Exposed,
           ListenerStatus::Dynamic,      ListenerStatus::Unknown};

// WCAG 2 relative luminance and contrast ratio.
double luminance(const QColor &c)
{
    const auto channel = [](double v) {
        return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QString name(StatusPalette p)
{
    return p == StatusPalette::Light  ? u"light"_s
           : p == StatusPalette::Dark ? u"dark"_s
                                      : u"colour-blind"_s;
}

} // namespace

class TstStatusStyle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wordsAndGlyphsAreReadable_data();
    void wordsAndGlyphsAreReadable();
    void colourBlindColoursAreDistinct();
};

void TstStatusStyle::wordsAndGlyphsAreReadable_data()
{
    QTest::addColumn<StatusPalette>("palette");
    for (StatusPalette p : {StatusPalette::Light, StatusPalette::Dark, StatusPalette::ColourBlind})
        QTest::newRow(qPrintable(name(p))) << p;
}

void TstStatusStyle::wordsAndGlyphsAreReadable()
{
    QFETCH(StatusPalette, palette);
    // The background a glyph sits on in the tree and the diagram of that palette.
    const QColor background = DiagramStyle::forPalette(palette).background;
    QList<StatusStyle> styles;
    for (ListenerStatus s : kStatuses)
        styles.append(statusStyle(s, palette));
    styles.append(unexpectedStyle(palette));
    // The Probe from Here badges: every verdict, with its own glyph and word.
    QCOMPARE(allCombinedKinds().size(), int(CombinedKind::MediaOpen) + 1);
    for (CombinedKind kind : allCombinedKinds()) {
        const StatusStyle probe = probeStyle(kind, palette);
        QVERIFY2(!probe.glyph.isEmpty() && probe.label == displayName(kind),
                 qPrintable(displayName(kind)));
        styles.append(probe);
    }
    for (const StatusStyle &s : styles) {
        // The word on its chip or cell: WCAG AA for normal text.
        QVERIFY2(contrast(s.text, s.fill) >= 4.5,
                 qPrintable(u"%1: text on fill %2:1"_s.arg(s.label).arg(contrast(s.text, s.fill))));
        // The glyph drawn in the border colour on the window: WCAG AA for graphics.
        QVERIFY2(contrast(s.border, background) >= 3.0,
                 qPrintable(u"%1: glyph on background %2:1"_s.arg(s.label).arg(
                         contrast(s.border, background))));
    }
}

void TstStatusStyle::colourBlindColoursAreDistinct()
{
    // Under the common colour-vision deficiencies the glyph and word tell statuses apart; the
    // colour must too, so no two statuses share a chip colour (wrong process and wrong address
    // once did).
    QSet<QRgb> fills, borders;
    for (ListenerStatus s : kStatuses) {
        if (s == ListenerStatus::Unknown) // neutral grey, as "not checked" is
            continue;
        const StatusStyle style = statusStyle(s, StatusPalette::ColourBlind);
        QVERIFY2(!fills.contains(style.fill.rgb()), qPrintable(style.label));
        QVERIFY2(!borders.contains(style.border.rgb()), qPrintable(style.label));
        fills.insert(style.fill.rgb());
        borders.insert(style.border.rgb());
    }
    // OK, the highlighted path and the routes with connections seen: three colours.
    const DiagramStyle d = DiagramStyle::forPalette(StatusPalette::ColourBlind);
    const QColor ok = statusStyle(ListenerStatus::Ok, StatusPalette::ColourBlind).border;
    QVERIFY(ok != d.live);
    QVERIFY(ok != d.highlight);
    QVERIFY(d.live != d.highlight);
}

QTEST_GUILESS_MAIN(TstStatusStyle)
#include "tst_statusstyle.moc"
