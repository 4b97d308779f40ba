#pragma once

#include "diagram/diagramstyle.h"
#include "probe/probeverdict.h"

#include <QWidget>

class QPainter;

namespace edgemap {

// The diagram's legend: every listener status (colour, glyph and word, from the shared status
// style table), the unexpected-listener chip, the kinds of flow line and, after a Probe from
// Here run, the probe verdicts the diagram shows. A strip that floats
// over the bottom of the diagram, its entries flowing into as many rows as the width needs; it
// can be hidden.
class DiagramLegend : public QWidget
{
    Q_OBJECT

public:
    explicit DiagramLegend(QWidget *parent = nullptr);

    void setDiagramStyle(const DiagramStyle &style);
    // The probe verdicts on the diagram's chips (DiagramLook::probeKinds); none before a run.
    void setProbeKinds(const QList<CombinedKind> &kinds);
    QList<CombinedKind> probeKinds() const { return m_probeKinds; }
    QSize sizeHint() const override { return sizeFor(800); }
    // The legend's size with its current entries in `availableWidth` (0: a single column).
    QSize sizeFor(int availableWidth) const;
    // The words shown, in order (for tests and accessibility).
    QStringList entries() const;

    // The legend's drawing, shared with the diagram exporter so that files show the same
    // glyphs, words and colours as the screen. `size` comes from sizeForWidth(), the size for
    // a given available width.
    static QSize sizeForWidth(int availableWidth, const QList<CombinedKind> &probes = {});
    static QStringList entriesFor(StatusPalette palette, const QList<CombinedKind> &probes = {});
    static void paint(QPainter *painter, const QSizeF &size, const DiagramStyle &style,
                      const QList<CombinedKind> &probes = {});

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    DiagramStyle m_style;
    QList<CombinedKind> m_probeKinds;
};

} // namespace edgemap
