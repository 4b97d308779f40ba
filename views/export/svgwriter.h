#pragma once

#include <QByteArray>
#include <QPaintDevice>
#include <QRectF>
#include <QSize>
#include <QString>

#include <memory>

class QIODevice;

namespace edgemap {

class SvgPaintEngine;

// A paint device that writes what a QPainter draws as an SVG 1.1 document: shapes, transforms,
// clip paths, dashed and semi-transparent pens and brushes, gradients, real <text> elements
// (selectable and searchable, never turned into paths) and images as embedded PNG. EdgeMap's own
// rather than QSvgGenerator because the Windows build has no Qt SVG module: one code path on
// every platform.
//
// The painter's coordinates are the document's user units: size() is the painting area,
// viewBox() the part of it the document shows (all of it unless set), and the document's width
// and height are size() in sizeUnit(), millimetres computed from resolution(). Set everything
// before QPainter::begin(); the document is complete after QPainter::end(). It goes to the
// output device when one is set (opened for writing if it is not open), else into data().
class SvgWriter : public QPaintDevice
{
public:
    enum class Unit { Millimetres, Pixels };

    SvgWriter();
    ~SvgWriter() override;
    SvgWriter(const SvgWriter &) = delete;
    SvgWriter &operator=(const SvgWriter &) = delete;

    QSize size() const { return m_size; }
    void setSize(const QSize &size) { m_size = size; }
    QRectF viewBox() const;
    void setViewBox(const QRectF &viewBox) { m_viewBox = viewBox; }
    int resolution() const { return m_resolution; } // dots per inch; 96 by default
    void setResolution(int dpi);
    Unit sizeUnit() const { return m_unit; }
    void setSizeUnit(Unit unit) { m_unit = unit; }
    QString title() const { return m_title; }
    void setTitle(const QString &title) { m_title = title; }
    QString description() const { return m_description; }
    void setDescription(const QString &description) { m_description = description; }

    QIODevice *outputDevice() const { return m_device; }
    void setOutputDevice(QIODevice *device) { m_device = device; } // not owned
    // The document, when no output device is set.
    QByteArray data() const { return m_data; }
    // Empty when the last painting wrote a complete document; else why not.
    QString errorString() const { return m_error; }

    QPaintEngine *paintEngine() const override;

protected:
    int metric(PaintDeviceMetric metric) const override;

private:
    friend class SvgPaintEngine;

    QSize m_size{100, 100};
    QRectF m_viewBox;
    int m_resolution = 96;
    Unit m_unit = Unit::Millimetres;
    QString m_title;
    QString m_description;
    QIODevice *m_device = nullptr;
    QByteArray m_data;
    QString m_error;
    std::unique_ptr<SvgPaintEngine> m_engine;
};

} // namespace edgemap
