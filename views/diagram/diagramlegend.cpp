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

void DiagramLegend::setProbeKinds(const QList<CombinedKind> &kinds)
{
    if (kinds == m_probeKinds)
        return;
    m_probeKinds = kinds;
    setAccessibleDescription(entries().join(QStringLiteral(", ")));
    update();
}

QSize DiagramLegend::sizeFor(int availableWidth) const
{
    return sizeForWidth(availableWidth, m_probeKinds);
}

QSize DiagramLegend::sizeForWidth(int availableWidth, const QList<CombinedKind> &probes)
{
    return DiagramRenderer::legendSizeForWidth(availableWidth, probes);
}

QStringList DiagramLegend::entries() const
{
    return entriesFor(m_style.palette, m_probeKinds);
}

QStringList DiagramLegend::entriesFor(StatusPalette palette, const QList<CombinedKind> &probes)
{
    return DiagramRenderer::legendEntries(palette, probes);
}

void DiagramLegend::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    paint(&p, size(), m_style, m_probeKinds);
}

void DiagramLegend::paint(QPainter *painter, const QSizeF &size, const DiagramStyle &style,
                          const QList<CombinedKind> &probes)
{
    DiagramRenderer(style).drawLegend(painter, size, probes);
}

} // namespace edgemap
