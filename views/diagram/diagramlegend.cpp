#include "diagram/diagramlegend.h"

#include "diagram/diagramrenderer.h"

#include <QPainter>

namespace edgemap {

DiagramLegend::DiagramLegend(QWidget *parent)
    : QWidget(parent)
    , m_style(DiagramStyle::forPalette(StatusPalette::Light))
{
    setObjectName(QStringLiteral("diagramLegend"));
    setAccessibleName(tr("Legend"));
    setAccessibleDescription(entries().join(QStringLiteral(", ")));
    resize(sizeHint());
}

void DiagramLegend::setDiagramStyle(const DiagramStyle &style)
{
    m_style = style;
    update();
}

QSize DiagramLegend::sizeForWidth(int availableWidth)
{
    return DiagramRenderer::legendSizeForWidth(availableWidth);
}

QStringList DiagramLegend::entries() const
{
    return entriesFor(m_style.palette);
}

QStringList DiagramLegend::entriesFor(StatusPalette palette)
{
    return DiagramRenderer::legendEntries(palette);
}

void DiagramLegend::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    paint(&p, size(), m_style);
}

void DiagramLegend::paint(QPainter *painter, const QSizeF &size, const DiagramStyle &style)
{
    DiagramRenderer(style).drawLegend(painter, size);
}

} // namespace edgemap
