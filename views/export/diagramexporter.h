#pragma once

#include "core/elementref.h"
#include "diagram/diagramlayout.h"
#include "diagram/diagramlook.h"
#include "export/pagefit.h"

#include <QByteArray>
#include <QDateTime>
#include <QImage>
#include <QPageLayout>
#include <QPageSize>
#include <QRectF>
#include <QSize>
#include <QString>

#include <optional>

class QMimeData;
class QPagedPaintDevice;
class QPainter;

namespace edgemap {

class Document;

// What an export highlights is an element: nothing (an invalid reference), a peer's paths, a
// listener's paths (and what it breaks when down) or a scenario's chain. Written "peer:ID",
// "listener:ID", "scenario:ID" or "none".
namespace exporthighlight {
// Parses the text form with ElementRef::parse; "" and "none" are no highlight. nullopt (and
// `error` set) for a kind that cannot be highlighted or a malformed reference.
std::optional<ElementRef> parse(const QString &text, QString *error);
// "peer:ID"...; "none" for no highlight.
QString toString(const ElementRef &highlight);
} // namespace exporthighlight

enum class ExportFormat { Svg, Png, Pdf, DrawIo };

// The format a file name asks for (".svg", ".png", ".pdf", ".drawio"); nullopt otherwise.
std::optional<ExportFormat> exportFormatForPath(const QString &path);

struct ExportOptions
{
    ExportFormat format = ExportFormat::Svg;
    QString title;        // empty: the topology's name
    QString author;       // empty: left out of the title block
    ElementRef highlight; // invalid: none
    int dpi = 150;        // PNG (and the clipboard image); 96 dpi is one pixel per diagram unit
    QPageSize::PageSizeId pageSize = QPageSize::A4;
    // PDF: nullopt (auto) takes the orientation that prints the diagram larger.
    std::optional<QPageLayout::Orientation> orientation;
    int tiles = 1; // PDF and print: 1 fits the diagram on one page, N tiles it over N
    // Pool members drawn in full under their pool's shape, as the view shows them (the window
    // passes the diagram's; `edgemap export --expand`).
    DiagramLayout::Expanded expanded;
    QDateTime exportedAt{}; // invalid: now (tests fix it)
};

// What a file export wrote: the error (naming the path) or the size of what was written.
struct ExportResult
{
    QString error;                                                 // empty on success
    QSize pixelSize;                                               // PNG: pixels; SVG: its viewBox
    int pages = 0;                                                 // PDF
    QPageLayout::Orientation orientation = QPageLayout::Landscape; // PDF: the one used
    // PDF: the printed size of the smallest text (pagefit::legibilityWarning words it).
    std::optional<pagefit::Legibility> legibility;
    bool ok() const { return error.isEmpty(); }
};

// The one diagram exporter behind File > Export Diagram, Print, Copy Diagram and
// `edgemap export`. It lays the diagram out from a DiagramInput (values: a topology copy, its
// path analysis and what the checks say) and draws it through DiagramRenderer with its own
// DiagramLook (light palette, no selection, no hover), so that nothing the user is doing on screen
// reaches the file; the highlight is applied only when the options ask for it. Every output is the
// same "sheet": a title block, the diagram and the legend, painted by one routine.
//
// No scene and no widgets: it runs in a worker thread and under a QGuiApplication (fonts; the
// offscreen platform will do). Files are written atomically: on failure the previous file is
// untouched, and nothing is ever written anywhere but the path given.
class DiagramExporter
{
public:
    DiagramExporter(DiagramInput input, ExportOptions options);
    // The document's diagram as it is now (diagramInputOf()).
    DiagramExporter(const Document &document, ExportOptions options);

    const ExportOptions &options() const { return m_options; }
    const DiagramLayout &layout() const { return m_layout; }
    const DiagramLook &look() const { return m_look; }
    // Empty when the options are usable; else why not (an unknown highlight id, named).
    QString highlightError() const { return m_highlightError; }

    // The whole sheet in diagram units (1/96 inch).
    QSizeF sheetSize() const;
    // Paints the sheet with its top left at the painter's origin, in diagram units.
    void paintSheet(QPainter *painter) const;
    // Paints the pages (fit or tiled) on a PDF writer or a printer: the shared print routine.
    // Returns the number of pages.
    int paintPages(QPagedPaintDevice *device) const;

    QByteArray svg() const;
    QImage image() const; // at options().dpi, white background; null when too large
    // The largest image EdgeMap renders: a PNG beyond it would take gigabytes (a 3-site topology
    // at 1200 dpi is ~4 gigapixels) and most viewers refuse sides over 32767 pixels.
    static constexpr int kMaxImageSide = 32767;
    static constexpr qint64 kMaxImagePixels = 100'000'000;
    static constexpr int kMinDpi = 24; // what the dialog and --dpi accept
    // The pixel size of image() at options().dpi.
    QSize imageSize() const;
    // Empty when image() fits the limits; else the size, the limits and the highest usable dpi.
    QString imageSizeError() const;
    QByteArray pdf(int *pages = nullptr) const;
    // The margins of PDF pages, in millimetres.
    static constexpr qreal kPageMargin = 10;
    // The title block's height on a sheet and on every page, in diagram units.
    static constexpr qreal kTitleHeight = 74;
    // The diagram's area on a page of `page` (diagram units): what the title block and the
    // legend (with the probe verdicts in `probes`) leave.
    static QSizeF diagramArea(const QSizeF &page, const QList<CombinedKind> &probes = {});
    // The diagram areas of a PDF page of `size` in both orientations.
    static pagefit::PageAreas pageAreas(QPageSize::PageSizeId size,
                                        const QList<CombinedKind> &probes = {});
    // The PDF's orientation and tiles for the options (the auto orientation resolved).
    pagefit::PageChoice pageChoice() const;
    // The printed size of the smallest text in the PDF, and the pages that would make it legible.
    pagefit::Legibility legibility() const;
    // For a PDF of a diagram of `bounds` with `options`: the warning when its smallest text prints
    // below pagefit::kLegiblePoints, with `tilesHint` ("--tiles %1", "%1 pages") naming the pages
    // to ask for; empty when legible or not a PDF. Cheap: the export dialog asks on every change.
    static QString legibilityWarning(const QRectF &bounds, const ExportOptions &options,
                                     const QString &tilesHint);
    QByteArray drawio() const;
    // The image and the SVG ("image/svg+xml") for the clipboard.
    QMimeData *mimeData() const;

    // Writes options().format to `path` atomically.
    ExportResult exportTo(const QString &path) const;

    // The title block's lines (title first), for the GUI and tests.
    QStringList titleLines() const;

private:
    static DiagramInput withAnalysis(DiagramInput input);
    QString applyHighlight();
    void paintTitleBlock(QPainter *painter, const QRectF &rect, const QString &pageNote) const;
    QSizeF legendSize() const;

    DiagramInput m_input;
    ExportOptions m_options;
    DiagramLayout m_layout;
    DiagramLook m_look;
    QString m_highlightError;
};

} // namespace edgemap
