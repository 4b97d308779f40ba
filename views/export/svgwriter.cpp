#include "export/svgwriter.h"

#include "export/svgpaintengine.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace edgemap {

SvgWriter::SvgWriter()
    : m_engine(std::make_unique<SvgPaintEngine>())
{}

SvgWriter::~SvgWriter() = default;

QRectF SvgWriter::viewBox() const
{
    return m_viewBox.isValid() ? m_viewBox : QRectF(QPointF(0, 0), QSizeF(m_size));
}

void SvgWriter::setResolution(int dpi)
{
    m_resolution = std::max(1, dpi);
}

QPaintEngine *SvgWriter::paintEngine() const
{
    return m_engine.get();
}

int SvgWriter::metric(PaintDeviceMetric metric) const
{
    const auto mm = [this](int pixels) {
        return int(std::lround(pixels * 25.4 / m_resolution));
    };
    switch (metric) {
    case PdmWidth:
        return m_size.width();
    case PdmHeight:
        return m_size.height();
    case PdmWidthMM:
        return mm(m_size.width());
    case PdmHeightMM:
        return mm(m_size.height());
    case PdmNumColors:
        return std::numeric_limits<int>::max();
    case PdmDepth:
        return 32;
    case PdmDpiX:
    case PdmDpiY:
    case PdmPhysicalDpiX:
    case PdmPhysicalDpiY:
        return m_resolution;
    case PdmDevicePixelRatio:
        return 1;
    case PdmDevicePixelRatioScaled:
        return int(devicePixelRatioFScale());
    }
    return QPaintDevice::metric(metric);
}

} // namespace edgemap
