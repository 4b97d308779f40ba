// SvgPaintEngine: the document, the painter state as groups and clip paths, and the primitives.
// Attribute values (pens, brushes, gradients, fonts, numbers) are in svgpaintengine_style.cpp.
#include "export/svgpaintengine.h"

#include "export/svgwriter.h"

#include <QImage>
#include <QPixmap>
#include <QRegion>

#include <algorithm>
#include <cmath>
#include <optional>

namespace edgemap {

namespace {

const QString kSvgNamespace = QStringLiteral("http://www.w3.org/2000/svg");
const QString kXlinkNamespace = QStringLiteral("http://www.w3.org/1999/xlink");

// XML 1.0 cannot hold C0 controls (other than tab and line breaks), lone surrogates or U+FFFE/F;
// QXmlStreamWriter would write them and leave a file no reader accepts.
QString xmlSafe(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            out.append(c);
            out.append(text.at(++i));
            continue;
        }
        const char16_t u = c.unicode();
        const bool bad = (u < 0x20 && u != u'\t' && u != u'\n' && u != u'\r') || c.isSurrogate()
                         || u == 0xFFFE || u == 0xFFFF;
        out.append(bad ? QChar(0xFFFD) : c);
    }
    return out;
}

// A path that is an axis-aligned rectangle (what QPainter::setClipRect and addRect make).
std::optional<QRectF> asRect(const QPainterPath &path)
{
    const int n = path.elementCount();
    if (n != 4 && n != 5)
        return std::nullopt;
    QPointF p[5];
    for (int i = 0; i < n; ++i) {
        const QPainterPath::Element e = path.elementAt(i);
        if (e.type != (i == 0 ? QPainterPath::MoveToElement : QPainterPath::LineToElement))
            return std::nullopt;
        p[i] = e;
    }
    if (n == 5 && p[4] != p[0])
        return std::nullopt;
    const bool horizontalFirst = p[0].y() == p[1].y() && p[1].x() == p[2].x()
                                 && p[2].y() == p[3].y() && p[3].x() == p[0].x();
    const bool verticalFirst = p[0].x() == p[1].x() && p[1].y() == p[2].y() && p[2].x() == p[3].x()
                               && p[3].y() == p[0].y();
    if (!horizontalFirst && !verticalFirst)
        return std::nullopt;
    return QRectF(p[0], p[2]).normalized();
}

QString attribute(const QList<std::pair<QString, QString>> &attributes, QLatin1String name)
{
    for (const auto &[key, value] : attributes)
        if (key == name)
            return value;
    return {};
}

} // namespace

SvgPaintEngine::SvgPaintEngine()
    : QPaintEngine(PrimitiveTransform | PixmapTransform | LinearGradientFill | RadialGradientFill
                   | AlphaBlend | Antialiasing | BrushStroke | ConstantOpacity | PainterPaths
                   | ObjectBoundingModeGradients | PatternTransform)
{}

bool SvgPaintEngine::begin(QPaintDevice *device)
{
    m_writer = static_cast<SvgWriter *>(device);
    m_writer->m_error.clear();
    QIODevice *out = m_writer->m_device;
    if (!out) {
        m_buffer.close();
        m_writer->m_data.clear();
        m_buffer.setBuffer(&m_writer->m_data);
        m_buffer.open(QIODevice::WriteOnly);
        out = &m_buffer;
    } else if (!out->isOpen() && !out->open(QIODevice::WriteOnly)) {
        m_writer->m_error = QStringLiteral("cannot open the output: %1").arg(out->errorString());
        return false;
    } else if (!out->isWritable()) {
        m_writer->m_error = QStringLiteral("the output is not open for writing");
        return false;
    }
    m_pen = QPen();
    m_brush = QBrush();
    m_transform = QTransform();
    m_opacity = 1;
    m_hasClip = m_clipEnabled = m_clipOpen = m_styleOpen = false;
    m_clipDirty = m_styleDirty = true;
    m_openClip.clear();
    m_pendingClip.clear();
    m_clipIds.clear();
    m_gradientIds.clear();
    m_nextId = 1;

    m_xml.setDevice(out);
    m_xml.setAutoFormatting(true);
    m_xml.setAutoFormattingIndent(1);
    m_xml.writeStartDocument();
    m_xml.writeStartElement(QStringLiteral("svg"));
    m_xml.writeDefaultNamespace(kSvgNamespace);
    m_xml.writeNamespace(kXlinkNamespace, QStringLiteral("xlink"));
    m_xml.writeAttribute(QStringLiteral("version"), QStringLiteral("1.1"));
    const QSize size = m_writer->size();
    const auto length = [this](int pixels) {
        if (m_writer->sizeUnit() == SvgWriter::Unit::Pixels)
            return QString::number(pixels);
        return QString(formatNumber(pixels * 25.4 / m_writer->resolution(), 6) + u"mm");
    };
    m_xml.writeAttribute(QStringLiteral("width"), length(size.width()));
    m_xml.writeAttribute(QStringLiteral("height"), length(size.height()));
    const QRectF box = m_writer->viewBox();
    m_xml.writeAttribute(QStringLiteral("viewBox"),
                         QStringLiteral("%1 %2 %3 %4")
                                 .arg(formatNumber(box.x(), 3), formatNumber(box.y(), 3),
                                      formatNumber(box.width(), 3), formatNumber(box.height(), 3)));
    if (!m_writer->title().isEmpty())
        m_xml.writeTextElement(QStringLiteral("title"), xmlSafe(m_writer->title()));
    if (!m_writer->description().isEmpty())
        m_xml.writeTextElement(QStringLiteral("desc"), xmlSafe(m_writer->description()));
    return true;
}

bool SvgPaintEngine::end()
{
    closeStyleGroup();
    closeClipGroup();
    m_xml.writeEndElement(); // svg
    m_xml.writeEndDocument();
    QIODevice *out = m_xml.device();
    if (m_xml.hasError() && m_writer->m_error.isEmpty())
        m_writer->m_error = QStringLiteral("cannot write the SVG: %1").arg(out->errorString());
    m_xml.setDevice(nullptr);
    if (out == &m_buffer)
        m_buffer.close();
    return m_writer->m_error.isEmpty();
}

void SvgPaintEngine::updateState(const QPaintEngineState &painterState)
{
    const DirtyFlags flags = painterState.state();
    if (flags & DirtyTransform)
        m_transform = painterState.transform();
    if (flags & DirtyPen)
        m_pen = painterState.pen();
    if (flags & DirtyBrush)
        m_brush = painterState.brush();
    if (flags & DirtyOpacity)
        m_opacity = painterState.opacity();
    if (flags & (DirtyTransform | DirtyPen | DirtyBrush | DirtyOpacity))
        m_styleDirty = true;
    if (flags & (DirtyClipPath | DirtyClipRegion | DirtyClipEnabled))
        updateClip(painterState);
}

// QPainter hands a clip in the logical coordinates of the transform it was set under (also when
// restore() replays the clips of a state); it is kept in device coordinates from then on.
void SvgPaintEngine::updateClip(const QPaintEngineState &painterState)
{
    const DirtyFlags flags = painterState.state();
    m_clipDirty = true;
    if (flags & DirtyClipEnabled)
        m_clipEnabled = painterState.isClipEnabled();
    if (!(flags & (DirtyClipPath | DirtyClipRegion)))
        return;
    const QTransform &t = painterState.transform();
    const bool axisAligned = t.type() <= QTransform::TxScale;
    Clip clip;
    std::optional<QRectF> rect;
    QPainterPath path;
    if (flags & DirtyClipPath) {
        path = painterState.clipPath();
        rect = asRect(path);
    } else {
        const QRegion region = painterState.clipRegion();
        if (region.rectCount() == 1 || region.isEmpty())
            rect = QRectF(region.boundingRect());
        else
            path.addRegion(region);
    }
    if (rect && axisAligned) {
        clip.rect = t.mapRect(*rect);
    } else {
        if (rect)
            path.addRect(*rect);
        clip.isRect = false;
        clip.path = t.map(path);
    }
    setClip(clip, painterState.clipOperation());
}

void SvgPaintEngine::setClip(const Clip &clip, Qt::ClipOperation operation)
{
    if (operation == Qt::NoClip) {
        m_hasClip = false;
        return;
    }
    m_clipEnabled = true;
    if (operation == Qt::ReplaceClip || !m_hasClip) {
        m_clip = clip;
        m_hasClip = true;
        return;
    }
    if (m_clip.isRect && clip.isRect) {
        m_clip.rect = m_clip.rect.intersected(clip.rect);
        return;
    }
    const auto toPath = [](const Clip &c) {
        if (!c.isRect)
            return c.path;
        QPainterPath p;
        p.addRect(c.rect);
        return p;
    };
    m_clip.path = toPath(m_clip).intersected(toPath(clip));
    m_clip.isRect = false;
}

// The id of the <clipPath> for the current clip (empty: no clip). A new one is defined by
// writeClipDefinition() once the groups of the previous clip are closed.
QString SvgPaintEngine::clipId()
{
    if (!m_hasClip || !m_clipEnabled)
        return {};
    const QRectF r = m_clip.rect.isValid() ? m_clip.rect : QRectF();
    const QString key
            = m_clip.isRect ? QStringLiteral("R%1,%2,%3,%4")
                                      .arg(formatNumber(r.x(), 3), formatNumber(r.y(), 3),
                                           formatNumber(r.width(), 3), formatNumber(r.height(), 3))
                            : pathData(m_clip.path, 3);
    if (const auto it = m_clipIds.constFind(key); it != m_clipIds.cend())
        return *it;
    const QString id = QStringLiteral("clip%1").arg(m_nextId++);
    m_clipIds.insert(key, id);
    m_pendingClip = key;
    return id;
}

void SvgPaintEngine::writeClipDefinition(const QString &id)
{
    const QString key = std::exchange(m_pendingClip, QString());
    m_xml.writeStartElement(QStringLiteral("defs"));
    m_xml.writeStartElement(QStringLiteral("clipPath"));
    m_xml.writeAttribute(QStringLiteral("id"), id);
    if (m_clip.isRect) {
        const QRectF r = m_clip.rect.isValid() ? m_clip.rect : QRectF();
        m_xml.writeEmptyElement(QStringLiteral("rect"));
        m_xml.writeAttribute(QStringLiteral("x"), formatNumber(r.x(), 3));
        m_xml.writeAttribute(QStringLiteral("y"), formatNumber(r.y(), 3));
        m_xml.writeAttribute(QStringLiteral("width"), formatNumber(r.width(), 3));
        m_xml.writeAttribute(QStringLiteral("height"), formatNumber(r.height(), 3));
    } else {
        m_xml.writeEmptyElement(QStringLiteral("path"));
        m_xml.writeAttribute(QStringLiteral("d"), key);
        if (m_clip.path.fillRule() == Qt::OddEvenFill)
            m_xml.writeAttribute(QStringLiteral("clip-rule"), QStringLiteral("evenodd"));
    }
    m_xml.writeEndElement(); // clipPath
    m_xml.writeEndElement(); // defs
}

// Opens the groups the current state needs, reusing the open ones where they fit: a shape needs
// the clip, transform, pen and brush; text and images bring their own paint and need only the
// clip and the transform.
void SvgPaintEngine::beginPrimitive(Need need)
{
    if (m_clipDirty) {
        m_clipDirty = false;
        const QString id = clipId();
        if (id != m_openClip) {
            closeStyleGroup();
            closeClipGroup();
            m_openClip = id;
            if (!m_pendingClip.isEmpty())
                writeClipDefinition(id);
            if (!id.isEmpty()) {
                m_xml.writeStartElement(QStringLiteral("g"));
                m_xml.writeAttribute(QStringLiteral("clip-path"),
                                     QStringLiteral("url(#%1)").arg(id));
                m_clipOpen = true;
            }
        }
    }
    if (m_styleDirty) {
        m_styleDirty = false;
        rebuildStyle();
    }
    if (need == Need::Shape) {
        if (m_styleOpen && m_openStyle == m_shapeStyle)
            return;
        closeStyleGroup();
        m_xml.writeStartElement(QStringLiteral("g"));
        writeAttributes(m_shapeStyle);
        m_styleOpen = true;
        m_openStyle = m_shapeStyle;
        m_openTransform = m_transformValue;
        return;
    }
    const QString open = m_styleOpen ? m_openTransform : QString();
    if (open == m_transformValue)
        return;
    closeStyleGroup();
    if (m_transformValue.isEmpty())
        return;
    m_xml.writeStartElement(QStringLiteral("g"));
    m_xml.writeAttribute(QStringLiteral("transform"), m_transformValue);
    m_styleOpen = true;
    m_openStyle = {{QStringLiteral("transform"), m_transformValue}};
    m_openTransform = m_transformValue;
}

void SvgPaintEngine::closeStyleGroup()
{
    if (!m_styleOpen)
        return;
    m_xml.writeEndElement();
    m_styleOpen = false;
    m_openStyle.clear();
    m_openTransform.clear();
}

void SvgPaintEngine::closeClipGroup()
{
    if (m_clipOpen)
        m_xml.writeEndElement();
    m_clipOpen = false;
}

void SvgPaintEngine::drawRects(const QRectF *rects, int rectCount)
{
    beginPrimitive(Need::Shape);
    for (int i = 0; i < rectCount; ++i) {
        const QRectF r = rects[i].normalized();
        m_xml.writeEmptyElement(QStringLiteral("rect"));
        m_xml.writeAttribute(QStringLiteral("x"), number(r.x()));
        m_xml.writeAttribute(QStringLiteral("y"), number(r.y()));
        m_xml.writeAttribute(QStringLiteral("width"), number(r.width()));
        m_xml.writeAttribute(QStringLiteral("height"), number(r.height()));
    }
}

void SvgPaintEngine::drawLines(const QLineF *lines, int lineCount)
{
    if (lineCount <= 0)
        return;
    beginPrimitive(Need::Shape);
    QString d;
    for (int i = 0; i < lineCount; ++i) {
        d += u'M';
        appendPoint(d, lines[i].p1());
        d += u'L';
        appendPoint(d, lines[i].p2());
    }
    m_xml.writeEmptyElement(QStringLiteral("path"));
    m_xml.writeAttribute(QStringLiteral("d"), d);
}

void SvgPaintEngine::drawEllipse(const QRectF &rect)
{
    beginPrimitive(Need::Shape);
    const QRectF r = rect.normalized();
    m_xml.writeEmptyElement(QStringLiteral("ellipse"));
    m_xml.writeAttribute(QStringLiteral("cx"), number(r.center().x()));
    m_xml.writeAttribute(QStringLiteral("cy"), number(r.center().y()));
    m_xml.writeAttribute(QStringLiteral("rx"), number(r.width() / 2));
    m_xml.writeAttribute(QStringLiteral("ry"), number(r.height() / 2));
}

void SvgPaintEngine::drawPath(const QPainterPath &path)
{
    if (path.isEmpty())
        return;
    beginPrimitive(Need::Shape);
    m_xml.writeEmptyElement(QStringLiteral("path"));
    m_xml.writeAttribute(QStringLiteral("d"), pathData(path, m_decimals));
    // SVG fills nonzero by default, QPainterPath odd-even.
    if (path.fillRule() == Qt::OddEvenFill && m_brush.style() != Qt::NoBrush)
        m_xml.writeAttribute(QStringLiteral("fill-rule"), QStringLiteral("evenodd"));
}

void SvgPaintEngine::drawPolygon(const QPointF *points, int pointCount, PolygonDrawMode mode)
{
    if (pointCount <= 0)
        return;
    beginPrimitive(Need::Shape);
    QString list;
    for (int i = 0; i < pointCount; ++i) {
        if (i > 0)
            list += u' ';
        appendPoint(list, points[i]);
    }
    const bool polyline = mode == PolylineMode;
    m_xml.writeEmptyElement(polyline ? QStringLiteral("polyline") : QStringLiteral("polygon"));
    m_xml.writeAttribute(QStringLiteral("points"), list);
    if (polyline) {
        if (m_brush.style() != Qt::NoBrush) // QPainter never fills a polyline
            m_xml.writeAttribute(QStringLiteral("fill"), QStringLiteral("none"));
    } else if (mode == OddEvenMode && m_brush.style() != Qt::NoBrush) {
        m_xml.writeAttribute(QStringLiteral("fill-rule"), QStringLiteral("evenodd"));
    }
}

// One <text> per run QPainter has laid out, at the baseline position it chose, in the font it
// measured with: the text stays text (selectable, searchable, translatable).
void SvgPaintEngine::drawTextItem(const QPointF &p, const QTextItem &textItem)
{
    const QString text = xmlSafe(textItem.text());
    if (text.isEmpty() || m_pen.style() == Qt::NoPen)
        return;
    beginPrimitive(Need::TransformOnly);
    const QFont font = textItem.font();
    const QTextItem::RenderFlags flags = textItem.renderFlags();
    const bool rtl = flags.testFlag(QTextItem::RightToLeft);
    m_xml.writeStartElement(QStringLiteral("text"));
    m_xml.writeAttribute(QStringLiteral("xml:space"), QStringLiteral("preserve"));
    m_xml.writeAttribute(QStringLiteral("x"), number(rtl ? p.x() + textItem.width() : p.x()));
    m_xml.writeAttribute(QStringLiteral("y"), number(p.y()));
    const QBrush paint = m_pen.brush();
    writeTextPaint(paintServer(paint),
                   (paint.style() == Qt::SolidPattern ? paint.color().alphaF() : 1.0) * m_opacity);
    m_xml.writeAttribute(QStringLiteral("font-family"), fontFamily(font));
    const qreal size = font.pixelSize() > 0 ? qreal(font.pixelSize())
                                            : font.pointSizeF() * m_writer->resolution() / 72.0;
    m_xml.writeAttribute(QStringLiteral("font-size"), formatNumber(size, 2));
    if (font.weight() != QFont::Normal)
        m_xml.writeAttribute(QStringLiteral("font-weight"), QString::number(font.weight()));
    if (font.style() != QFont::StyleNormal)
        m_xml.writeAttribute(QStringLiteral("font-style"), font.style() == QFont::StyleItalic
                                                                   ? QStringLiteral("italic")
                                                                   : QStringLiteral("oblique"));
    QStringList decoration;
    if (flags.testFlag(QTextItem::Underline))
        decoration.append(QStringLiteral("underline"));
    if (flags.testFlag(QTextItem::Overline))
        decoration.append(QStringLiteral("overline"));
    if (flags.testFlag(QTextItem::StrikeOut))
        decoration.append(QStringLiteral("line-through"));
    if (!decoration.isEmpty())
        m_xml.writeAttribute(QStringLiteral("text-decoration"), decoration.join(u' '));
    if (rtl) {
        m_xml.writeAttribute(QStringLiteral("direction"), QStringLiteral("rtl"));
        m_xml.writeAttribute(QStringLiteral("unicode-bidi"), QStringLiteral("embed"));
    }
    m_xml.writeCharacters(text);
    m_xml.writeEndElement();
}

// Text is filled with the pen; the group around it may carry a shape's fill opacity and stroke,
// which the text must not inherit.
void SvgPaintEngine::writeTextPaint(const QString &fill, qreal alpha)
{
    m_xml.writeAttribute(QStringLiteral("fill"), fill);
    if (alpha < 1 || !attribute(m_openStyle, QLatin1String("fill-opacity")).isEmpty())
        m_xml.writeAttribute(QStringLiteral("fill-opacity"), formatNumber(alpha, 3));
    const QString stroke = attribute(m_openStyle, QLatin1String("stroke"));
    if (!stroke.isEmpty() && stroke != QLatin1String("none"))
        m_xml.writeAttribute(QStringLiteral("stroke"), QStringLiteral("none"));
}

void SvgPaintEngine::drawPixmap(const QRectF &r, const QPixmap &pm, const QRectF &sr)
{
    const bool whole = sr == QRectF(pm.rect());
    writeImage(r, whole ? pm.toImage() : pm.copy(sr.toAlignedRect()).toImage());
}

void SvgPaintEngine::drawImage(const QRectF &r, const QImage &image, const QRectF &sr,
                               Qt::ImageConversionFlags)
{
    const bool whole = sr == QRectF(image.rect());
    writeImage(r, whole ? image : image.copy(sr.toAlignedRect()));
}

void SvgPaintEngine::writeImage(const QRectF &target, const QImage &image)
{
    if (image.isNull())
        return;
    beginPrimitive(Need::TransformOnly);
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    const QRectF r = target.normalized();
    m_xml.writeEmptyElement(QStringLiteral("image"));
    m_xml.writeAttribute(QStringLiteral("x"), number(r.x()));
    m_xml.writeAttribute(QStringLiteral("y"), number(r.y()));
    m_xml.writeAttribute(QStringLiteral("width"), number(r.width()));
    m_xml.writeAttribute(QStringLiteral("height"), number(r.height()));
    m_xml.writeAttribute(QStringLiteral("preserveAspectRatio"), QStringLiteral("none"));
    if (m_opacity < 1)
        m_xml.writeAttribute(QStringLiteral("opacity"), formatNumber(m_opacity, 3));
    m_xml.writeAttribute(kXlinkNamespace, QStringLiteral("href"),
                         QStringLiteral("data:image/png;base64,")
                                 + QString::fromLatin1(png.toBase64()));
}

} // namespace edgemap
