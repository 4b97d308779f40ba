#pragma once

#include "probe/probeverdict.h"
#include "snapshot/judgement.h"

#include <QColor>
#include <QString>

class QPalette;

namespace edgemap {

// How a listener status looks, in one table that the tree, the diagram, the legend, the tables
// and every export share. Colour is never the only cue: each status also has a glyph and a word.
enum class StatusPalette { Light, Dark, ColourBlind };

struct StatusStyle
{
    QColor fill;   // chip / cell background
    QColor border; // chip outline, and the colour of the glyph on a neutral background
    QColor text;   // text on `fill`
    QString glyph; // one character: ✓ ✗ ≠ ⇄ ◎ ∿ ? –
    QString label; // "OK", "Missing", ...
};

StatusStyle statusStyle(ListenerStatus status, StatusPalette palette);
// A socket the snapshot shows that the topology does not expect (the diagram's and the legend's
// "unexpected" chips): its own colour, glyph "!" and word, so that it never reads as a verdict.
StatusStyle unexpectedStyle(StatusPalette palette);
// Light or Dark from the widget palette's window colour (Qt 6.4 has no colour-scheme API).
StatusPalette statusPaletteFor(const QPalette &palette);
// "✗ Missing"
QString statusText(ListenerStatus status);
// How bad a status is, for sorting and for the worst of several: Missing highest, then wrong
// process, wrong address, exposed, unknown, dynamic, OK; not checked 0.
int statusSeverity(ListenerStatus status);

// How a probe verdict looks (the second badge on a chip, the probe columns, the Probes pane):
// the colours of the listener status it is closest to, a glyph of its own where the status's
// would mislead (⊘ blocked), and the verdict's word (displayName(CombinedKind)).
StatusStyle probeStyle(CombinedKind kind, StatusPalette palette);
// "⊘ Blocked"
QString probeText(CombinedKind kind);
// How bad a verdict is, on the scale of statusSeverity: blocked and not listening as missing;
// working as OK; not probed 0.
int probeSeverity(CombinedKind kind);

} // namespace edgemap
