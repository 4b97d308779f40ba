// SvgPaintEngine: attribute values for the painter state (pens, brushes, gradients, fonts) and
// the number and path formats.
#include "export/svgpaintengine.h"

#include "export/svgwriter.h"

#include <QFontInfo>
#include <QGradient>

#include <algorithm>
#include <cmath>

namespace edgemap {

namespace {

// A font family as CSS wants it: bare when it is plain words, else quoted.
QString cssFamily(QString name)
{
    const bool plain = !name.isEmpty() && std::all_of(name.cbegin(), name.cend(), [](QChar c) {
        return c.isLetter() || c == u' ' || c == u'-';
    });
    if (plain)
        return name;
    name.remove(u'\'').remove(u'"');
    return u'\'' + name + u'\'';
}

QString genericFamily(const QFont &font, const QFontInfo &info)
{
    if (info.fixedPitch() || font.styleHint() == QFont::Monospace
        || font.styleHint() == QFont::TypeWriter)
        return QStringLiteral("monospace");
    if (font.styleHint() == QFont::Serif)
        return QStringLiteral("serif");
    if (font.styleHint() == QFont::Cursive)
        return QStringLiteral("cursive");
    if (font.styleHint() == QFont::Fantasy)
        return QStringLiteral("fantasy");
    return QStringLiteral("sans-serif");
}

} // namespace

QString SvgPaintEngine::formatNumber(qreal value, int decimals)
{
    if (!std::isfinite(value))
        return QStringLiteral("0");
    const qreal rounded = std::round(value);
    if (std::abs(value - rounded) < 0.5 * std::pow(10.0, -decimals) && std::abs(rounded) < 1e15)
        return QString::number(qint64(rounded));
    QString s = QString::number(value, 'f', decimals);
    while (s.endsWith(u'0'))
        s.chop(1);
    if (s.endsWith(u'.'))
        s.chop(1);
    if (s == QLatin1String("-0"))
        s = QStringLiteral("0");
    return s;
}

void SvgPaintEngine::appendPoint(QString &out, const QPointF &point) const
{
    out += formatNumber(point.x(), m_decimals);
    out += u',';
    out += formatNumber(point.y(), m_decimals);
}

QString SvgPaintEngine::pathData(const QPainterPath &path, int decimals)
{
    QString d;
    d.reserve(path.elementCount() * 12);
    const auto point = [&d, decimals](const QPainterPath::Element &e) {
        d += formatNumber(e.x, decimals);
        d += u',';
        d += formatNumber(e.y, decimals);
    };
    for (int i = 0; i < path.elementCount(); ++i) {
        const QPainterPath::Element e = path.elementAt(i);
        switch (e.type) {
        case QPainterPath::MoveToElement:
            d += u'M';
            point(e);
            break;
        case QPainterPath::LineToElement:
            d += u'L';
            point(e);
            break;
        case QPainterPath::CurveToElement:
            d += u'C';
            point(e);
            break;
        case QPainterPath::CurveToDataElement:
            d += u' ';
            point(e);
            break;
        }
    }
    return d;
}

void SvgPaintEngine::writeAttributes(const Attributes &attributes)
{
    for (const auto &[name, value] : attributes)
        m_xml.writeAttribute(name, value);
}

// The group attributes of shapes drawn in the current state. Cosmetic pens are as wide as QPainter
// draws them at this transform (device pixels turned into user units), not vector-effect
// (SVG Tiny 1.2, not 1.1): the file then looks like the PNG and PDF exports at any zoom.
void SvgPaintEngine::rebuildStyle()
{
    const qreal det = std::abs(m_transform.determinant());
    m_scale = det > 1e-12 ? std::sqrt(det) : 1.0;
    // Enough decimals for a thousandth of a device pixel whatever the transform's scale.
    m_decimals = std::clamp(3 + int(std::ceil(std::log10(m_scale) - 1e-9)), 1, 9);
    m_transformValue.clear();
    if (!m_transform.isIdentity()) {
        const QTransform &t = m_transform;
        const auto g = [](qreal v) {
            return QString::number(v, 'g', 10);
        };
        m_transformValue = QStringLiteral("matrix(%1,%2,%3,%4,%5,%6)")
                                   .arg(g(t.m11()), g(t.m12()), g(t.m21()), g(t.m22()),
                                        formatNumber(t.dx(), 4), formatNumber(t.dy(), 4));
    }
    m_shapeStyle.clear();
    if (!m_transformValue.isEmpty())
        m_shapeStyle.append({QStringLiteral("transform"), m_transformValue});
    addBrushAttributes(m_shapeStyle);
    addPenAttributes(m_shapeStyle);
}

void SvgPaintEngine::addBrushAttributes(Attributes &attributes)
{
    if (m_brush.style() == Qt::NoBrush) {
        attributes.append({QStringLiteral("fill"), QStringLiteral("none")});
        return;
    }
    attributes.append({QStringLiteral("fill"), paintServer(m_brush)});
    const qreal alpha
            = (m_brush.style() == Qt::SolidPattern ? m_brush.color().alphaF() : 1.0) * m_opacity;
    if (alpha < 1)
        attributes.append({QStringLiteral("fill-opacity"), formatNumber(alpha, 3)});
}

void SvgPaintEngine::addPenAttributes(Attributes &attributes)
{
    const QBrush paint = m_pen.brush();
    if (m_pen.style() == Qt::NoPen || paint.style() == Qt::NoBrush) {
        attributes.append({QStringLiteral("stroke"), QStringLiteral("none")});
        return;
    }
    attributes.append({QStringLiteral("stroke"), paintServer(paint)});
    const qreal alpha
            = (paint.style() == Qt::SolidPattern ? paint.color().alphaF() : 1.0) * m_opacity;
    if (alpha < 1)
        attributes.append({QStringLiteral("stroke-opacity"), formatNumber(alpha, 3)});
    // Width 0 is a cosmetic one-pixel pen; dashes are in units of the width.
    qreal width = m_pen.widthF() > 0 ? m_pen.widthF() : 1.0;
    if (m_pen.isCosmetic())
        width /= m_scale;
    attributes.append({QStringLiteral("stroke-width"), number(width)});
    switch (m_pen.capStyle()) {
    case Qt::SquareCap:
        attributes.append({QStringLiteral("stroke-linecap"), QStringLiteral("square")});
        break;
    case Qt::RoundCap:
        attributes.append({QStringLiteral("stroke-linecap"), QStringLiteral("round")});
        break;
    default: // FlatCap: SVG's butt, the default
        break;
    }
    switch (m_pen.joinStyle()) {
    case Qt::BevelJoin:
        attributes.append({QStringLiteral("stroke-linejoin"), QStringLiteral("bevel")});
        break;
    case Qt::RoundJoin:
        attributes.append({QStringLiteral("stroke-linejoin"), QStringLiteral("round")});
        break;
    default: // MiterJoin, SvgMiterJoin: both limit the miter length in units of the width
        attributes.append({QStringLiteral("stroke-miterlimit"),
                           formatNumber(std::max<qreal>(1, m_pen.miterLimit()), 3)});
        break;
    }
    if (m_pen.style() == Qt::SolidLine)
        return;
    QList<qreal> pattern = m_pen.dashPattern();
    if (pattern.size() % 2) // QPainter drops an odd last entry; SVG would repeat the list
        pattern.removeLast();
    QStringList dashes;
    for (qreal v : std::as_const(pattern))
        dashes.append(number(std::max<qreal>(0, v) * width));
    if (!dashes.isEmpty())
        attributes.append({QStringLiteral("stroke-dasharray"), dashes.join(u',')});
    if (m_pen.dashOffset() != 0)
        attributes.append(
                {QStringLiteral("stroke-dashoffset"), number(m_pen.dashOffset() * width)});
}

// A solid colour as #rrggbb (its alpha goes into an opacity attribute); a linear or radial
// gradient as a reference to its definition. QPainter rasterises the brushes the engine does not
// declare, so any other style only reaches here as a colour.
QString SvgPaintEngine::paintServer(const QBrush &brush)
{
    switch (brush.style()) {
    case Qt::LinearGradientPattern:
    case Qt::RadialGradientPattern:
        return QStringLiteral("url(#%1)").arg(gradientId(brush));
    default:
        return brush.color().name(QColor::HexRgb);
    }
}

QString SvgPaintEngine::gradientId(const QBrush &brush)
{
    const QGradient *gradient = brush.gradient();
    const bool linear = gradient->type() == QGradient::LinearGradient;
    Attributes attributes;
    const auto add = [&attributes, this](const char *name, qreal value) {
        attributes.append({QLatin1String(name), number(value)});
    };
    if (linear) {
        const auto *l = static_cast<const QLinearGradient *>(gradient);
        add("x1", l->start().x());
        add("y1", l->start().y());
        add("x2", l->finalStop().x());
        add("y2", l->finalStop().y());
    } else {
        const auto *r = static_cast<const QRadialGradient *>(gradient);
        add("cx", r->center().x());
        add("cy", r->center().y());
        add("r", r->radius());
        add("fx", r->focalPoint().x());
        add("fy", r->focalPoint().y());
    }
    const bool objectBox = gradient->coordinateMode() == QGradient::ObjectBoundingMode
                           || gradient->coordinateMode() == QGradient::ObjectMode;
    attributes.append(
            {QStringLiteral("gradientUnits"),
             objectBox ? QStringLiteral("objectBoundingBox") : QStringLiteral("userSpaceOnUse")});
    if (gradient->spread() == QGradient::ReflectSpread)
        attributes.append({QStringLiteral("spreadMethod"), QStringLiteral("reflect")});
    else if (gradient->spread() == QGradient::RepeatSpread)
        attributes.append({QStringLiteral("spreadMethod"), QStringLiteral("repeat")});
    const QTransform &t = brush.transform();
    if (!t.isIdentity())
        attributes.append(
                {QStringLiteral("gradientTransform"), QStringLiteral("matrix(%1,%2,%3,%4,%5,%6)")
                                                              .arg(t.m11())
                                                              .arg(t.m12())
                                                              .arg(t.m21())
                                                              .arg(t.m22())
                                                              .arg(t.dx())
                                                              .arg(t.dy())});
    QString key = linear ? QStringLiteral("L") : QStringLiteral("R");
    for (const auto &[name, value] : std::as_const(attributes))
        key += name + u'=' + value + u';';
    for (const QGradientStop &stop : gradient->stops())
        key += QStringLiteral("%1:%2;").arg(stop.first).arg(stop.second.name(QColor::HexArgb));
    if (const auto it = m_gradientIds.constFind(key); it != m_gradientIds.cend())
        return *it;
    const QString id = QStringLiteral("gradient%1").arg(m_nextId++);
    m_gradientIds.insert(key, id);
    m_xml.writeStartElement(QStringLiteral("defs"));
    m_xml.writeStartElement(linear ? QStringLiteral("linearGradient")
                                   : QStringLiteral("radialGradient"));
    m_xml.writeAttribute(QStringLiteral("id"), id);
    writeAttributes(attributes);
    for (const QGradientStop &stop : gradient->stops()) {
        m_xml.writeEmptyElement(QStringLiteral("stop"));
        m_xml.writeAttribute(QStringLiteral("offset"), formatNumber(stop.first, 4));
        m_xml.writeAttribute(QStringLiteral("stop-color"), stop.second.name(QColor::HexRgb));
        if (stop.second.alpha() < 255)
            m_xml.writeAttribute(QStringLiteral("stop-opacity"),
                                 formatNumber(stop.second.alphaF(), 3));
    }
    m_xml.writeEndElement();
    m_xml.writeEndElement();
    return id;
}

// The family QPainter actually measured and drew with comes first, then the one asked for, then
// the generic family, so that a viewer without either still picks the right kind of face.
QString SvgPaintEngine::fontFamily(const QFont &font)
{
    const QString key = font.key();
    if (const auto it = m_families.constFind(key); it != m_families.cend())
        return *it;
    const QFontInfo info(font);
    QStringList families;
    const auto add = [&families](const QString &name) {
        const QString css = cssFamily(name);
        if (!name.isEmpty() && !families.contains(css))
            families.append(css);
    };
    add(info.family());
    for (const QString &requested : font.families())
        add(requested);
    add(genericFamily(font, info));
    const QString value = families.join(QStringLiteral(", "));
    m_families.insert(key, value);
    return value;
}

} // namespace edgemap
