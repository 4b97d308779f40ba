#pragma once

#include <QBrush>
#include <QBuffer>
#include <QHash>
#include <QList>
#include <QPaintEngine>
#include <QPainterPath>
#include <QPen>
#include <QRectF>
#include <QString>
#include <QTransform>
#include <QXmlStreamWriter>

#include <utility>

namespace edgemap {

class SvgWriter;

// The paint engine behind SvgWriter (only SvgWriter creates one). Each QPainter call becomes one
// SVG element in the painter's logical coordinates. The state goes on groups: consecutive
// primitives under the same clip share one <g clip-path> (in device coordinates), and inside it
// those with the same transform, pen and brush share one <g transform fill stroke ...>, so a
// state change that draws nothing writes nothing. Painter opacity multiplies into fill- and
// stroke-opacity per element, as QPainter applies it per primitive.
//
// Declines pattern and texture brushes, conical and extended radial gradients and perspective
// transforms: QPainter then rasterises those primitives and hands the result to drawImage(),
// so they still look right (as embedded images). Composition modes and the opaque background
// mode are ignored (SVG 1.1 has no equivalent; EdgeMap's drawings use neither).
class SvgPaintEngine final : public QPaintEngine
{
public:
    SvgPaintEngine();

    bool begin(QPaintDevice *device) override;
    bool end() override;
    Type type() const override { return QPaintEngine::SVG; }
    void updateState(const QPaintEngineState &painterState) override;

    using QPaintEngine::drawEllipse;
    using QPaintEngine::drawLines;
    using QPaintEngine::drawPolygon;
    using QPaintEngine::drawRects;
    void drawRects(const QRectF *rects, int rectCount) override;
    void drawLines(const QLineF *lines, int lineCount) override;
    void drawEllipse(const QRectF &rect) override;
    void drawPath(const QPainterPath &path) override;
    void drawPolygon(const QPointF *points, int pointCount, PolygonDrawMode mode) override;
    void drawTextItem(const QPointF &p, const QTextItem &textItem) override;
    void drawPixmap(const QRectF &r, const QPixmap &pm, const QRectF &sr) override;
    void drawImage(const QRectF &r, const QImage &image, const QRectF &sr,
                   Qt::ImageConversionFlags flags = Qt::AutoColor) override;

private:
    using Attributes = QList<std::pair<QString, QString>>;
    // The clip in device coordinates; a rectangle kept as one so that rectangles intersect
    // exactly and write as <rect>.
    struct Clip
    {
        bool isRect = true;
        QRectF rect;
        QPainterPath path;
    };
    enum class Need { Shape, TransformOnly };

    void updateClip(const QPaintEngineState &painterState);
    void setClip(const Clip &clip, Qt::ClipOperation operation);
    void beginPrimitive(Need need);
    void openClipGroup();
    void closeStyleGroup();
    void closeClipGroup();
    QString clipId();
    void writeClipDefinition(const QString &id);
    void rebuildStyle();

    // svgpaintengine_style.cpp: attribute values.
    void addPenAttributes(Attributes &attributes);
    void addBrushAttributes(Attributes &attributes);
    QString paintServer(const QBrush &brush); // a colour or url(#id) of a gradient it defines
    QString gradientId(const QBrush &brush);
    QString fontFamily(const QFont &font);
    // Numbers with at most `decimals` decimals, trailing zeros dropped.
    static QString formatNumber(qreal value, int decimals);
    QString number(qreal value) const { return formatNumber(value, m_decimals); }
    void appendPoint(QString &out, const QPointF &point) const;
    static QString pathData(const QPainterPath &path, int decimals);
    void writeAttributes(const Attributes &attributes);
    void writeTextPaint(const QString &fill, qreal alpha);
    void writeImage(const QRectF &target, const QImage &image);

    SvgWriter *m_writer = nullptr;
    QBuffer m_buffer;
    QXmlStreamWriter m_xml;

    QPen m_pen;
    QBrush m_brush;
    QTransform m_transform;
    qreal m_opacity = 1;
    qreal m_scale = 1; // of m_transform: what turns device pixels into user units
    int m_decimals = 3;
    Clip m_clip;
    bool m_hasClip = false;
    bool m_clipEnabled = false;
    bool m_clipDirty = true;
    bool m_styleDirty = true;

    Attributes m_shapeStyle; // what a group for shapes needs, transform first
    QString m_transformValue;
    bool m_clipOpen = false;
    QString m_openClip;
    bool m_styleOpen = false;
    Attributes m_openStyle;
    QString m_openTransform;
    QHash<QString, QString> m_clipIds;     // device path data -> id
    QString m_pendingClip;                 // the key of a clip not defined yet
    QHash<QString, QString> m_gradientIds; // definition -> id
    QHash<QString, QString> m_families;    // QFont::key() -> font-family
    int m_nextId = 1;
};

} // namespace edgemap
