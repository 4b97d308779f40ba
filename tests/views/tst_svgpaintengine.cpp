// SvgWriter: what QPainter draws on it comes out as SVG that looks like the same drawing on a
// QImage (rendered back with Qt SVG and compared pixel by pixel), with real <text> elements, an
// escaped title, and the size and units asked for; and the exported diagram as a whole.
#include "diagram/diagramlegend.h"
#include "document/document.h"
#include "export/diagramexporter.h"
#include "export/svgwriter.h"
#include "io/topologyfile.h"

#include <QApplication>
#include <QBuffer>
#include <QDir>
#include <QImage>
#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <QProcess>
#include <QRadialGradient>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <functional>

using namespace edgemap;

namespace {

using Paint = std::function<void(QPainter &)>;
constexpr QSize kCanvas(240, 180);

QByteArray svgOf(const Paint &paint, const QSize &size = kCanvas)
{
    SvgWriter writer;
    writer.setSize(size);
    writer.setTitle(QStringLiteral("test"));
    QPainter painter(&writer);
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    paint(painter);
    painter.end();
    return writer.data();
}

QImage white(const QSize &size)
{
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    return image;
}

QImage rasterOf(const Paint &paint, const QSize &size = kCanvas)
{
    QImage image = white(size);
    QPainter painter(&image);
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing
                           | QPainter::SmoothPixmapTransform);
    paint(painter);
    return image;
}

QImage rendered(const QByteArray &svg, const QSize &size)
{
    QImage image = white(size);
    QSvgRenderer renderer(svg);
    if (!renderer.isValid())
        return {};
    QPainter painter(&image);
    renderer.render(&painter, QRectF(QPointF(0, 0), QSizeF(size)));
    return image;
}

// librsvg (rsvg-convert, Debian's librsvg2-bin) as a second renderer: what GNOME, Inkscape's
// import and many converters use, and unlike Qt SVG 6.4 it applies clip paths. Null when it is
// not installed.
QImage renderedByRsvg(const QByteArray &svg, const QSize &size)
{
    const QString rsvg = QStandardPaths::findExecutable(QStringLiteral("rsvg-convert"));
    if (rsvg.isEmpty())
        return {};
    QProcess p;
    p.start(rsvg, {QStringLiteral("-w"), QString::number(size.width()), QStringLiteral("-h"),
                   QString::number(size.height()), QStringLiteral("-b"), QStringLiteral("white"),
                   QStringLiteral("-f"), QStringLiteral("png")});
    p.write(svg);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return QImage(QSize(1, 1), QImage::Format_RGB32); // fails the comparison
    return QImage::fromData(p.readAllStandardOutput(), "PNG");
}

// The share of pixels where any channel differs by more than a quarter of its range:
// antialiasing along an edge moves less than that, a missing or misplaced shape more.
double differingShare(const QImage &a, const QImage &b)
{
    if (a.size() != b.size() || a.isNull())
        return 1.0;
    const QImage x = a.convertToFormat(QImage::Format_RGB32);
    const QImage y = b.convertToFormat(QImage::Format_RGB32);
    qint64 differing = 0;
    for (int row = 0; row < x.height(); ++row) {
        const auto *p = reinterpret_cast<const QRgb *>(x.constScanLine(row));
        const auto *q = reinterpret_cast<const QRgb *>(y.constScanLine(row));
        for (int col = 0; col < x.width(); ++col) {
            const int d = std::max({std::abs(qRed(p[col]) - qRed(q[col])),
                                    std::abs(qGreen(p[col]) - qGreen(q[col])),
                                    std::abs(qBlue(p[col]) - qBlue(q[col]))});
            if (d > 64)
                ++differing;
        }
    }
    return double(differing) / (double(x.width()) * x.height());
}

double inkShare(const QImage &image)
{
    return differingShare(image, white(image.size()));
}

struct TextElement
{
    QString text;
    QXmlStreamAttributes attributes;
};

QList<TextElement> textElements(const QByteArray &svg)
{
    QList<TextElement> texts;
    QXmlStreamReader xml(svg);
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == QLatin1String("text")) {
            TextElement t;
            t.attributes = xml.attributes();
            t.text = xml.readElementText();
            texts.append(t);
        }
    }
    if (xml.hasError())
        texts.append({QStringLiteral("XML error: ") + xml.errorString(), {}});
    return texts;
}

QImage checkerImage()
{
    QImage image(16, 12, QImage::Format_ARGB32);
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            image.setPixelColor(x, y,
                                (x / 4 + y / 4) % 2 ? QColor(200, 30, 30) : QColor(20, 90, 200));
    return image;
}

} // namespace

Q_DECLARE_METATYPE(Paint)
Q_DECLARE_METATYPE(edgemap::SvgWriter::Unit)

class TstSvgPaintEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void primitivesLookLikeTheRaster_data();
    void primitivesLookLikeTheRaster();
    void clipsAreDefinedAndReferenced();
    void comparisonSeesAMisplacedShape();
    void textIsTextWithItsFont();
    void titleAndDescriptionAreEscaped();
    void documentHasTheRequestedSize_data();
    void documentHasTheRequestedSize();
    void writesToADeviceAndReportsFailure();
    void diagramHasEveryChipAsTextAndLooksLikeThePng();
};

void TstSvgPaintEngine::primitivesLookLikeTheRaster_data()
{
    QTest::addColumn<Paint>("paint");
    QTest::addColumn<bool>("clips"); // Qt SVG 6.4 ignores clip-path: only librsvg can show it
    QTest::newRow("rects, solid and semi-transparent fill") << Paint([](QPainter &p) {
        p.fillRect(QRectF(10, 10, 100, 60), QColor(40, 120, 200));
        p.setPen(QPen(Qt::black, 3));
        p.setBrush(QColor(220, 40, 40, 128));
        p.drawRects(QList<QRectF>{{60, 40, 120, 80}, {150, 20, 60, 140}});
    }) << false;
    QTest::newRow("rounded rect, ellipse, semi-transparent pen") << Paint([](QPainter &p) {
        p.setPen(QPen(QColor(0, 0, 0, 100), 6));
        p.setBrush(QColor(30, 160, 90));
        p.drawRoundedRect(QRectF(15, 15, 120, 90), 14, 14);
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(QColor(200, 60, 0), 4));
        p.drawEllipse(QRectF(100, 60, 120, 100));
    }) << false;
    QTest::newRow("path with curves and a hole, odd-even and winding") << Paint([](QPainter &p) {
        QPainterPath path;
        path.addEllipse(QRectF(20, 20, 140, 140));
        path.addRect(QRectF(60, 60, 60, 60));
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(90, 40, 160));
        p.drawPath(path); // odd-even: the square is a hole
        QPainterPath wave(QPointF(150, 150));
        wave.cubicTo(QPointF(170, 20), QPointF(200, 200), QPointF(230, 40));
        wave.setFillRule(Qt::WindingFill);
        p.setPen(QPen(Qt::darkGreen, 3));
        p.setBrush(Qt::NoBrush);
        p.drawPath(wave);
    }) << false;
    QTest::newRow("polyline, polygons, lines, caps and joins") << Paint([](QPainter &p) {
        p.setBrush(QColor(250, 200, 0));
        p.setPen(QPen(Qt::black, 8, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.drawPolyline(QPolygonF({{20, 160}, {60, 100}, {100, 160}, {140, 100}}));
        p.setPen(QPen(Qt::blue, 8, Qt::SolidLine, Qt::FlatCap, Qt::MiterJoin));
        p.drawPolygon(QPolygonF({{150, 20}, {230, 40}, {190, 90}}), Qt::WindingFill);
        p.setPen(QPen(Qt::red, 10, Qt::SolidLine, Qt::SquareCap, Qt::BevelJoin));
        p.drawLine(QPointF(20, 20), QPointF(120, 20));
        p.drawPolygon(QPolygonF({{20, 50}, {120, 50}, {70, 90}}), Qt::OddEvenFill);
    }) << false;
    QTest::newRow("dashed pens, cosmetic and not") << Paint([](QPainter &p) {
        p.setPen(QPen(Qt::black, 4, Qt::DashLine));
        p.drawLine(QPointF(10, 30), QPointF(230, 30));
        p.setPen(QPen(Qt::darkRed, 3, Qt::DashDotLine, Qt::FlatCap));
        p.drawLine(QPointF(10, 70), QPointF(230, 70));
        QPen custom(Qt::darkBlue, 5, Qt::CustomDashLine, Qt::FlatCap);
        custom.setDashPattern({3, 1, 1, 1});
        custom.setDashOffset(2);
        p.setPen(custom);
        p.drawRect(QRectF(20, 100, 200, 60));
        QPen cosmetic(Qt::black, 2, Qt::DashLine);
        cosmetic.setCosmetic(true);
        p.scale(2, 2);
        p.setPen(cosmetic);
        p.drawLine(QPointF(10, 45), QPointF(110, 45));
    }) << false;
    QTest::newRow("transforms: translate, rotate, scale, shear") << Paint([](QPainter &p) {
        p.translate(120, 90);
        p.rotate(30);
        p.setPen(QPen(Qt::black, 2));
        p.setBrush(QColor(0, 150, 150));
        p.drawRect(QRectF(-50, -30, 100, 60));
        p.resetTransform();
        p.setTransform(QTransform(1, 0, 0.5, 1, 0, 0).scale(1.5, 0.8));
        p.setBrush(QColor(200, 100, 0));
        p.drawEllipse(QRectF(10, 140, 40, 40));
    }) << false;
    QTest::newRow("cosmetic pens stay thin under a scale") << Paint([](QPainter &p) {
        p.scale(6, 6);
        QPen hair(Qt::black, 1.5);
        hair.setCosmetic(true);
        p.setPen(hair);
        p.setBrush(Qt::NoBrush);
        p.drawRect(QRectF(3, 3, 30, 20));
        p.setPen(QPen(Qt::red, 0.5)); // scales: 3 device pixels
        p.drawLine(QPointF(3, 27), QPointF(35, 27));
    }) << false;
    QTest::newRow("clip rect, clip path, transformed clip, restore") << Paint([](QPainter &p) {
        p.save();
        p.setClipRect(QRectF(20.5, 20.5, 80, 60));
        p.fillRect(QRectF(0, 0, 240, 180), QColor(40, 40, 200));
        p.restore();
        p.save();
        QPainterPath circle;
        circle.addEllipse(QPointF(170, 60), 45, 45);
        p.setClipPath(circle);
        p.fillRect(QRectF(100, 0, 140, 180), QColor(200, 40, 40));
        p.restore();
        p.save();
        p.translate(60, 130);
        p.rotate(20);
        p.setClipRect(QRectF(-40, -20, 80, 40));
        p.setClipRect(QRectF(0, -40, 80, 80), Qt::IntersectClip);
        p.fillRect(QRectF(-100, -100, 200, 200), QColor(0, 140, 60));
        p.restore();
        p.fillRect(QRectF(200, 150, 30, 20), Qt::black); // unclipped after restore
    }) << true;
    QTest::newRow("painter opacity") << Paint([](QPainter &p) {
        p.setPen(QPen(Qt::black, 6));
        p.setBrush(QColor(0, 0, 255));
        p.drawRect(QRectF(20, 20, 120, 120));
        p.setOpacity(0.35);
        p.setBrush(QColor(255, 0, 0, 200));
        p.drawEllipse(QRectF(80, 50, 140, 110));
    }) << false;
    QTest::newRow("linear and radial gradients") << Paint([](QPainter &p) {
        QLinearGradient linear(QPointF(10, 0), QPointF(110, 0));
        linear.setColorAt(0, Qt::red);
        linear.setColorAt(1, QColor(0, 0, 255, 128));
        p.setPen(Qt::NoPen);
        p.setBrush(linear);
        p.drawRect(QRectF(10, 10, 100, 160));
        QRadialGradient radial(QPointF(175, 90), 55);
        radial.setColorAt(0, Qt::yellow);
        radial.setColorAt(1, Qt::darkGreen);
        p.setBrush(radial);
        p.drawEllipse(QPointF(175, 90), 55, 55);
    }) << false;
    QTest::newRow("images and pixmaps") << Paint([](QPainter &p) {
        const QImage image = checkerImage();
        p.drawImage(QRectF(10, 10, 96, 72), image);
        p.drawPixmap(QRectF(130, 20, 80, 80), QPixmap::fromImage(image), QRectF(4, 0, 8, 8));
        p.translate(60, 120);
        p.rotate(-15);
        p.drawImage(QRectF(0, 0, 64, 48), image);
    }) << false;
    QTest::newRow("text in fonts, weights and colours") << Paint([](QPainter &p) {
        QFont big;
        big.setPixelSize(28);
        big.setBold(true);
        p.setFont(big);
        p.setPen(QColor(20, 60, 160));
        p.drawText(QRectF(10, 10, 220, 40), Qt::AlignLeft | Qt::AlignVCenter,
                   QStringLiteral("Edge 443"));
        QFont italic;
        italic.setPixelSize(20);
        italic.setItalic(true);
        p.setFont(italic);
        p.setPen(QColor(160, 30, 30));
        p.drawText(QRectF(10, 60, 220, 30), Qt::AlignCenter, QStringLiteral("TCP 5061 & <SIP>"));
        p.translate(30, 170);
        p.rotate(-10);
        QFont small;
        small.setPixelSize(16);
        p.setFont(small);
        p.setPen(Qt::black);
        p.drawText(QPointF(0, 0), QStringLiteral("rotated  text"));
    }) << false;
}

void TstSvgPaintEngine::primitivesLookLikeTheRaster()
{
    QFETCH(Paint, paint);
    QFETCH(bool, clips);
    const QImage expected = rasterOf(paint);
    QVERIFY2(inkShare(expected) > 0.03, "the drawing must not be (nearly) blank");
    const QByteArray svg = svgOf(paint);
    // librsvg rasterises glyphs with its own hinting: text differs in a few more pixels there.
    const auto compare = [&](const QImage &actual, const char *renderer, double bound) {
        const double share = differingShare(expected, actual);
        if (share >= bound) {
            expected.save(QDir::temp().filePath(QStringLiteral("expected.png")));
            actual.save(QDir::temp().filePath(QStringLiteral("actual.png")));
        }
        return share < bound ? QString()
                             : QStringLiteral("%1: %2% of the pixels differ; SVG:\n%3")
                                       .arg(QLatin1String(renderer))
                                       .arg(share * 100, 0, 'f', 2)
                                       .arg(QString::fromUtf8(svg));
    };
    if (!clips) {
        const QString qt = compare(rendered(svg, kCanvas), "Qt SVG", 0.01);
        QVERIFY2(qt.isEmpty(), qPrintable(qt));
    }
    const QImage byRsvg = renderedByRsvg(svg, kCanvas);
    if (byRsvg.isNull()) {
        if (clips)
            QSKIP("rsvg-convert (librsvg2-bin) is not installed: nothing here renders clip paths");
        return;
    }
    const QString rsvg = compare(byRsvg, "librsvg", 0.02);
    QVERIFY2(rsvg.isEmpty(), qPrintable(rsvg));
}

// Clips are written in device coordinates, as <clipPath> definitions the clipped group refers
// to, whatever the transform was when they were set; restore() ends them.
void TstSvgPaintEngine::clipsAreDefinedAndReferenced()
{
    const QByteArray svg = svgOf([](QPainter &p) {
        p.save();
        p.translate(10, 20);
        p.scale(2, 2);
        p.setClipRect(QRectF(5, 5, 40, 30));
        p.fillRect(QRectF(0, 0, 100, 100), Qt::red);
        p.restore();
        p.fillRect(QRectF(0, 0, 10, 10), Qt::blue);
    });
    QXmlStreamReader xml(svg);
    QString defined;
    QStringList clippedFills;
    QString clip;
    int depth = 0;
    int clipDepth = -1;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isEndElement() && --depth < clipDepth) {
            clipDepth = -1;
            clip.clear();
        }
        if (!xml.isStartElement())
            continue;
        ++depth;
        const QXmlStreamAttributes a = xml.attributes();
        if (xml.name() == QLatin1String("clipPath"))
            defined = a.value(QStringLiteral("id")).toString();
        if (xml.name() == QLatin1String("rect") && !defined.isEmpty() && clipDepth < 0
            && clippedFills.isEmpty())
            QCOMPARE(QStringList({a.value(QStringLiteral("x")).toString(),
                                  a.value(QStringLiteral("y")).toString(),
                                  a.value(QStringLiteral("width")).toString(),
                                  a.value(QStringLiteral("height")).toString()}),
                     QStringList({QStringLiteral("20"), QStringLiteral("30"), QStringLiteral("80"),
                                  QStringLiteral("60")}));
        if (a.hasAttribute(QStringLiteral("clip-path"))) {
            clip = a.value(QStringLiteral("clip-path")).toString();
            clipDepth = depth;
        }
        if (xml.name() == QLatin1String("g") && a.hasAttribute(QStringLiteral("fill")))
            clippedFills.append(a.value(QStringLiteral("fill")).toString() + u'@' + clip);
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(!defined.isEmpty());
    QCOMPARE(clippedFills, QStringList({QStringLiteral("#ff0000@url(#%1)").arg(defined),
                                        QStringLiteral("#0000ff@")}));
}

// The comparison above can fail: a shape moved by a few pixels is caught.
void TstSvgPaintEngine::comparisonSeesAMisplacedShape()
{
    const auto at = [](qreal x) {
        return Paint([x](QPainter &p) {
            p.setPen(QPen(Qt::black, 2));
            p.setBrush(QColor(0, 120, 0));
            p.drawRect(QRectF(x, 40, 100, 100));
        });
    };
    QVERIFY(differingShare(rasterOf(at(20)), rendered(svgOf(at(20)), kCanvas)) < 0.01);
    QVERIFY(differingShare(rasterOf(at(20)), rendered(svgOf(at(26)), kCanvas)) > 0.02);
}

void TstSvgPaintEngine::textIsTextWithItsFont()
{
    const QByteArray svg = svgOf([](QPainter &p) {
        QFont bold;
        bold.setPixelSize(17);
        bold.setBold(true);
        p.setFont(bold);
        p.setPen(QColor(0x12, 0x34, 0x56));
        p.drawText(QPointF(10, 30), QStringLiteral("UDP 3478 & <STUN>"));
        QFont italic;
        italic.setPixelSize(11);
        italic.setItalic(true);
        p.setFont(italic);
        p.setPen(QColor(255, 0, 0, 128));
        p.drawText(QPointF(10, 60), QStringLiteral("two  spaces"));
        p.setOpacity(0.5);
        QFont points;
        points.setPointSize(12); // 16 pixels at 96 dpi
        p.setFont(points);
        p.drawText(QPointF(10, 90), QStringLiteral("points"));
    });
    QVERIFY2(!svg.contains("<path"), "text must never become outlines");
    const QList<TextElement> texts = textElements(svg);
    QCOMPARE(texts.size(), 3);
    QCOMPARE(texts.at(0).text, QStringLiteral("UDP 3478 & <STUN>"));
    QVERIFY(svg.contains("UDP 3478 &amp; &lt;STUN&gt;"));
    const QXmlStreamAttributes &a = texts.at(0).attributes;
    QCOMPARE(a.value(QStringLiteral("font-size")).toString(), QStringLiteral("17"));
    QCOMPARE(a.value(QStringLiteral("font-weight")).toString(), QStringLiteral("700"));
    QCOMPARE(a.value(QStringLiteral("fill")).toString(), QStringLiteral("#123456"));
    QCOMPARE(a.value(QStringLiteral("x")).toString(), QStringLiteral("10"));
    QCOMPARE(a.value(QStringLiteral("y")).toString(), QStringLiteral("30"));
    QCOMPARE(
            a.value(QStringLiteral("http://www.w3.org/XML/1998/namespace"), QStringLiteral("space"))
                    .toString(),
            QStringLiteral("preserve"));
    const QString family = a.value(QStringLiteral("font-family")).toString();
    QVERIFY2(family.startsWith(QFontInfo(QFont()).family()), qPrintable(family));
    QVERIFY2(family.endsWith(QLatin1String("sans-serif")), qPrintable(family));

    QCOMPARE(texts.at(1).text, QStringLiteral("two  spaces"));
    const QXmlStreamAttributes &b = texts.at(1).attributes;
    QCOMPARE(b.value(QStringLiteral("font-size")).toString(), QStringLiteral("11"));
    QCOMPARE(b.value(QStringLiteral("font-style")).toString(), QStringLiteral("italic"));
    QVERIFY(!b.hasAttribute(QStringLiteral("font-weight"))); // normal
    QCOMPARE(b.value(QStringLiteral("fill")).toString(), QStringLiteral("#ff0000"));
    QCOMPARE(b.value(QStringLiteral("fill-opacity")).toString(), QStringLiteral("0.502"));

    const QXmlStreamAttributes &c = texts.at(2).attributes;
    QCOMPARE(c.value(QStringLiteral("font-size")).toString(), QStringLiteral("16"));
    QCOMPARE(c.value(QStringLiteral("fill-opacity")).toString(), QStringLiteral("0.251"));
}

void TstSvgPaintEngine::titleAndDescriptionAreEscaped()
{
    SvgWriter writer;
    writer.setTitle(QStringLiteral("Contoso & Fabrikam <edge> \"pool\""));
    writer.setDescription(QStringLiteral("Lync Server 2013\nExported by A&B"));
    QPainter painter(&writer);
    painter.drawLine(0, 0, 10, 10);
    QVERIFY(painter.end());
    const QByteArray svg = writer.data();
    QVERIFY(svg.contains("<title>Contoso &amp; Fabrikam &lt;edge&gt;"));
    QXmlStreamReader xml(svg);
    QStringList read;
    while (xml.readNextStartElement()) {
        if (xml.name() == QLatin1String("title") || xml.name() == QLatin1String("desc"))
            read.append(xml.readElementText());
        else if (xml.name() != QLatin1String("svg"))
            xml.skipCurrentElement();
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(read, QStringList({writer.title(), writer.description()}));
}

void TstSvgPaintEngine::documentHasTheRequestedSize_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<int>("dpi");
    QTest::addColumn<SvgWriter::Unit>("unit");
    QTest::addColumn<QRectF>("viewBox");
    QTest::addColumn<QString>("width");
    QTest::addColumn<QString>("height");
    QTest::addColumn<QString>("viewBoxText");
    QTest::newRow("mm at 96 dpi") << QSize(1282, 850) << 96 << SvgWriter::Unit::Millimetres
                                  << QRectF() << "339.195833mm"
                                  << "224.895833mm"
                                  << "0 0 1282 850";
    QTest::newRow("mm at 300 dpi")
            << QSize(300, 600) << 300 << SvgWriter::Unit::Millimetres << QRectF() << "25.4mm"
            << "50.8mm"
            << "0 0 300 600";
    QTest::newRow("pixels, own view box") << QSize(400, 200) << 96 << SvgWriter::Unit::Pixels
                                          << QRectF(-10, 5.5, 200, 100) << "400"
                                          << "200"
                                          << "-10 5.5 200 100";
}

void TstSvgPaintEngine::documentHasTheRequestedSize()
{
    QFETCH(QSize, size);
    QFETCH(int, dpi);
    QFETCH(SvgWriter::Unit, unit);
    QFETCH(QRectF, viewBox);
    SvgWriter writer;
    writer.setSize(size);
    writer.setResolution(dpi);
    writer.setSizeUnit(unit);
    if (viewBox.isValid())
        writer.setViewBox(viewBox);
    QCOMPARE(writer.width(), size.width());
    QCOMPARE(writer.logicalDpiY(), dpi);
    QPainter painter(&writer);
    painter.fillRect(QRect(QPoint(0, 0), size), Qt::red);
    painter.end();
    QXmlStreamReader xml(writer.data());
    QVERIFY(xml.readNextStartElement());
    QCOMPARE(xml.name().toString(), QStringLiteral("svg"));
    QCOMPARE(xml.namespaceUri().toString(), QStringLiteral("http://www.w3.org/2000/svg"));
    QCOMPARE(xml.attributes().value(QStringLiteral("version")).toString(), QStringLiteral("1.1"));
    QTEST(xml.attributes().value(QStringLiteral("width")).toString(), "width");
    QTEST(xml.attributes().value(QStringLiteral("height")).toString(), "height");
    QTEST(xml.attributes().value(QStringLiteral("viewBox")).toString(), "viewBoxText");
    while (!xml.atEnd())
        xml.readNext();
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QSvgRenderer renderer(writer.data());
    QVERIFY(renderer.isValid());
    QCOMPARE(renderer.viewBoxF(), writer.viewBox());
}

void TstSvgPaintEngine::writesToADeviceAndReportsFailure()
{
    QBuffer buffer;
    SvgWriter writer;
    writer.setOutputDevice(&buffer); // opened by the writer
    QPainter painter(&writer);
    painter.drawEllipse(QRectF(10, 10, 50, 50));
    QVERIFY(painter.end());
    QVERIFY(writer.errorString().isEmpty());
    QVERIFY(buffer.data().contains("<ellipse"));
    QVERIFY(writer.data().isEmpty());

    QBuffer readOnly;
    readOnly.open(QIODevice::ReadOnly);
    SvgWriter refused;
    refused.setOutputDevice(&readOnly);
    QPainter failing;
    QVERIFY(!failing.begin(&refused));
    QVERIFY(!refused.errorString().isEmpty());
}

// The real thing: the default topology's sheet. Every chip's socket and protocol is a <text>,
// and the SVG rendered looks like the PNG export at 96 dpi.
void TstSvgPaintEngine::diagramHasEveryChipAsTextAndLooksLikeThePng()
{
    Document doc(topologyfile::defaultTopology());
    ExportOptions options;
    options.dpi = 96;
    options.exportedAt = QDateTime(QDate(2024, 5, 1), QTime(9, 30), Qt::UTC);
    DiagramExporter exporter(doc, options);
    const QByteArray svg = exporter.svg();
    QVERIFY(!svg.contains("vector-effect")); // SVG 1.1 has none
    const QList<TextElement> texts = textElements(svg);
    QStringList strings;
    for (const TextElement &t : texts)
        strings.append(t.text);
    const auto shown = [&strings](const QString &label) {
        return std::any_of(strings.cbegin(), strings.cend(),
                           [&label](const QString &s) { return s.contains(label); });
    };
    int chips = 0;
    for (const Listener *l : doc.topology().allListeners()) {
        const QString socket = socketLabel(l->transport, l->port, l->portEnd);
        QVERIFY2(std::any_of(strings.cbegin(), strings.cend(),
                             [&socket](const QString &s) { return s.startsWith(socket); }),
                 qPrintable(socket));
        for (const Endpoint &e : l->endpoints)
            QVERIFY2(shown(e.protocol.left(4)), qPrintable(e.protocol));
        ++chips;
    }
    QVERIFY(chips > 10);
    for (const QString &word : DiagramLegend::entriesFor(StatusPalette::Light))
        QVERIFY2(strings.contains(word), qPrintable(word));
    QVERIFY(strings.contains(doc.topology().name));

    const QImage png = exporter.image();
    QCOMPARE(png.size(), exporter.sheetSize().toSize());
    const QImage drawn = rendered(svg, png.size());
    const double share = differingShare(png, drawn);
    if (share >= 0.01) {
        png.save(QStringLiteral("%1/diagram-expected.png").arg(QDir::tempPath()));
        drawn.save(QStringLiteral("%1/diagram-actual.png").arg(QDir::tempPath()));
    }
    QVERIFY2(share < 0.01, qPrintable(QStringLiteral("%1% of the pixels differ").arg(share * 100)));
    // librsvg lays text out with its own shaping and hinting: a looser bound, still one that a
    // missing box, line or label exceeds.
    if (const QImage byRsvg = renderedByRsvg(svg, png.size()); !byRsvg.isNull()) {
        const double rsvgShare = differingShare(png, byRsvg);
        QVERIFY2(rsvgShare < 0.03,
                 qPrintable(
                         QStringLiteral("librsvg: %1% of the pixels differ").arg(rsvgShare * 100)));
    }
}

QTEST_MAIN(TstSvgPaintEngine)
#include "tst_svgpaintengine.moc"
