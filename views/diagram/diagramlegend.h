#pragma once

#include "diagram/diagramstyle.h"

#include <QWidget>

class QPainter;

namespace edgemap {

// The diagram's legend: every listener status (colour, glyph and word, from the shared status
// style table), the unexpected-listener chip and the kinds of flow line. A strip that floats
// over the bottom of the diagram, its entries flowing into as many rows as the width needs; it
// can be hidden.
class DiagramLegend : public QWidget
{
    Q_OBJECT

public:
    explicit DiagramLegend(QWidget *parent = nullptr);

    void setDiagramStyle(const DiagramStyle &style);
    QSize sizeHint() const override { return sizeForWidth(800); }
    // The words shown, in order (for tests and accessibility).
    QStringList entries() const;

    // The legend's drawing, shared with the diagram exporter so that files show the same
    // glyphs, words and colours as the screen. `size` comes from sizeForWidth(), the size for
    // a given available width.
    static QSize sizeForWidth(int availableWidth);
    static QStringList entriesFor(StatusPalette palette);
    static void paint(QPainter *painter, const QSizeF &size, const DiagramStyle &style);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    DiagramStyle m_style;
};

} // namespace edgemap
