// DiagramExporter: its own layout and look, the sheet (title block, diagram, legend), SVG, PNG,
// the clipboard and atomic files. Pages (PDF, print) are in diagramexporter_pages.cpp, draw.io
// in diagramexporter_drawio.cpp.
#include "export/diagramexporter.h"

#include "core/catalog.h"
#include "core/pathanalysis.h"
#include "diagram/diagramhighlighter.h"
#include "diagram/diagramrenderer.h"
#include "document/document.h"
#include "export/svgwriter.h"
#include "io/savefile.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QMimeData>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace edgemap {

namespace {

constexpr qreal kMargin = 24;
constexpr qreal kGap = 14;
constexpr qreal kMinContentWidth = 640;

QString tr(const char *text)
{
    return QCoreApplication::translate("edgemap::DiagramExporter", text);
}

QString utc(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

} // namespace

std::optional<ElementRef> exporthighlight::parse(const QString &text, QString *error)
{
    if (text.isEmpty() || text == QLatin1String("none"))
        return ElementRef();
    const std::optional<ElementRef> ref = ElementRef::parse(text);
    if (ref
        && (ref->kind() == ElementRef::Kind::Peer || ref->kind() == ElementRef::Kind::Listener
            || ref->kind() == ElementRef::Kind::Scenario))
        return ref;
    if (error)
        *error = tr("'%1' is not a highlight: use peer:ID, listener:ID, scenario:ID or none")
                         .arg(text);
    return std::nullopt;
}

QString exporthighlight::toString(const ElementRef &highlight)
{
    return highlight.isValid() ? highlight.toString() : QStringLiteral("none");
}

std::optional<ExportFormat> exportFormatForPath(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("svg"))
        return ExportFormat::Svg;
    if (suffix == QLatin1String("png"))
        return ExportFormat::Png;
    if (suffix == QLatin1String("pdf"))
        return ExportFormat::Pdf;
    if (suffix == QLatin1String("drawio"))
        return ExportFormat::DrawIo;
    return std::nullopt;
}

DiagramExporter::DiagramExporter(DiagramInput input, ExportOptions options)
    : m_input(withAnalysis(std::move(input)))
    , m_options(std::move(options))
    , m_layout(m_input.topology, Catalog::builtIn(), m_input.checks.unexpectedByServer(),
               m_options.expanded, m_input.checks.probeRun)
    // Printed and exported diagrams are light whatever the screen uses.
    , m_look(lookFor(m_input, m_layout, StatusPalette::Light))
{
    if (!m_options.exportedAt.isValid())
        m_options.exportedAt = QDateTime::currentDateTimeUtc();
    m_options.dpi = std::clamp(m_options.dpi, 24, 1200);
    m_options.tiles = std::clamp(m_options.tiles, 1, 64);
    m_highlightError = applyHighlight();
}

DiagramExporter::DiagramExporter(const Document &document, ExportOptions options)
    : DiagramExporter(diagramInputOf(document.state()), std::move(options))
{}

// The input's analysis is the document's (diagramInputOf): an export of the state the GUI shows
// highlights with the graph the GUI has, built once for both. A hand-made input gets its own.
DiagramInput DiagramExporter::withAnalysis(DiagramInput input)
{
    if (!input.analysis)
        input.analysis = std::make_shared<const PathAnalysis>(input.topology, Catalog::builtIn());
    return input;
}

QString DiagramExporter::applyHighlight()
{
    const Topology &t = m_input.topology;
    const ElementRef &h = m_options.highlight;
    if (!h.isValid())
        return {};
    if (exists(t, h)) {
        const PathAnalysis &analysis = *m_input.analysis;
        DiagramHighlighter highlighter;
        highlighter.setLayout(t, m_layout);
        if (const PeerId *peer = h.as<PeerId>()) {
            highlighter.highlightPeer(analysis, *peer);
        } else if (const ListenerId *listener = h.as<ListenerId>()) {
            const ChipLook chip = m_look.chips.value(highlighter.chipKey(*listener));
            highlighter.highlightListener(analysis, *listener, isDown(chip.status));
        } else if (const ScenarioId *scenario = h.as<ScenarioId>()) {
            highlighter.highlightScenario(analysis, *scenario, m_input.checks.verdicts);
        }
        m_look.highlighted = highlighter.highlighted();
        m_look.badges = highlighter.badges();
        return {};
    }
    // Name what does exist, so that a typo can be fixed without another command.
    QString typed;
    QStringList ids;
    if (const PeerId *peer = h.as<PeerId>()) {
        typed = peer->value();
        for (const Peer &p : t.peers)
            ids.append(p.id.value());
    } else if (const ScenarioId *scenario = h.as<ScenarioId>()) {
        typed = scenario->value();
        for (const Scenario &sc : t.scenarios)
            ids.append(sc.id.value());
    } else if (const ListenerId *listener = h.as<ListenerId>()) {
        typed = listener->value();
        for (const Listener *l : t.allListeners())
            ids.append(l->id.value());
    }
    // The ones that share the most leading characters with what was typed come first.
    const auto common = [&typed](const QString &id) {
        qsizetype n = 0;
        while (n < id.size() && n < typed.size() && id.at(n) == typed.at(n))
            ++n;
        return n;
    };
    std::stable_sort(ids.begin(), ids.end(),
                     [&](const QString &a, const QString &b) { return common(a) > common(b); });
    const QString kind = ElementRef::keyOf(h.kind());
    if (ids.isEmpty())
        return tr("no %1 '%2': the topology has no %1s").arg(kind, typed);
    constexpr qsizetype kShown = 8;
    QString known = ids.mid(0, kShown).join(QStringLiteral(", "));
    if (ids.size() > kShown)
        known += h.kind() == ElementRef::Kind::Listener
                         ? tr(" and %1 more (edgemap show --format json lists them)")
                                   .arg(ids.size() - kShown)
                         : tr(" and %1 more").arg(ids.size() - kShown);
    return tr("no %1 '%2' in the topology; %1 ids: %3").arg(kind, typed, known);
}

QStringList DiagramExporter::titleLines() const
{
    const Topology &t = m_input.topology;
    const QString title = m_options.title.isEmpty() ? t.name : m_options.title;
    QString product = displayName(t.product);
    QStringList servers;
    CaptureTime captured; // the latest of the servers' snapshots
    for (const DiagramChecks::Server &check : m_input.checks.servers) {
        const EdgeServer *server = t.server(check.server);
        servers.append(server ? server->fqdn : check.server.value());
        if (check.captured.time.isValid()
            && (!captured.time.isValid() || check.captured.time > captured.time))
            captured = check.captured;
    }
    if (!servers.isEmpty()) {
        // Up to two servers by name; a pool's dozen would run off the page: how many of how many.
        qsizetype total = 0;
        for (const EdgePool &pool : t.pools)
            total += pool.servers.size();
        if (servers.size() <= 2)
            product += tr(" · Snapshot of %1").arg(servers.join(QStringLiteral(", ")));
        else if (servers.size() == total)
            product += tr(" · Snapshots of all %1 servers").arg(total);
        else
            product += tr(" · Snapshots of %1 of %2 servers").arg(servers.size()).arg(total);
        if (const QString when = captureTimeText(captured, utc(captured.time)); !when.isEmpty())
            product += QStringLiteral(", ") + when;
    } else {
        product += tr(" · Design (no snapshot)");
    }
    QString exported = tr("Exported %1").arg(utc(m_options.exportedAt));
    if (!m_options.author.isEmpty())
        exported += tr(" by %1").arg(m_options.author);
    if (m_options.highlight.isValid() && m_highlightError.isEmpty())
        exported += tr(" · Highlight: %1").arg(exporthighlight::toString(m_options.highlight));
    return {title, product, exported};
}

QSizeF DiagramExporter::legendSize() const
{
    const qreal width = std::max(m_layout.bounds.width(), kMinContentWidth);
    return DiagramRenderer::legendSizeForWidth(int(width), m_look.probeKinds);
}

QSizeF DiagramExporter::sheetSize() const
{
    const QRectF bounds = m_layout.bounds;
    const qreal content = std::max({bounds.width(), kMinContentWidth, legendSize().width()});
    return {std::ceil(content + 2 * kMargin),
            std::ceil(2 * kMargin + kTitleHeight + kGap + bounds.height() + kGap
                      + legendSize().height())};
}

// Three lines: the title (with a page note on the right when tiled), what and when, who.
void DiagramExporter::paintTitleBlock(QPainter *painter, const QRectF &rect,
                                      const QString &pageNote) const
{
    const DiagramStyle &style = m_look.style;
    const QStringList lines = titleLines();
    painter->save();
    const QFont big = DiagramStyle::font(20, true);
    const QFont small = DiagramStyle::font(13);
    const qreal noteWidth
            = pageNote.isEmpty() ? 0 : QFontMetricsF(small).horizontalAdvance(pageNote) + 8;
    painter->setPen(style.text);
    painter->setFont(big);
    const QRectF titleRect(rect.left(), rect.top(), rect.width() - noteWidth, 30);
    painter->drawText(
            titleRect, Qt::AlignLeft | Qt::AlignVCenter,
            QFontMetricsF(big).elidedText(lines.at(0), Qt::ElideRight, titleRect.width()));
    painter->setFont(small);
    if (!pageNote.isEmpty())
        painter->drawText(QRectF(rect.right() - noteWidth, rect.top(), noteWidth, 30),
                          Qt::AlignRight | Qt::AlignVCenter, pageNote);
    painter->setPen(style.mutedText);
    for (int i = 1; i < lines.size(); ++i) {
        const QRectF line(rect.left(), rect.top() + 30 + (i - 1) * 18, rect.width(), 18);
        painter->drawText(
                line, Qt::AlignLeft | Qt::AlignVCenter,
                QFontMetricsF(small).elidedText(lines.at(i), Qt::ElideRight, line.width()));
    }
    painter->setPen(DiagramStyle::pen(style.blockLine));
    painter->drawLine(QPointF(rect.left(), rect.bottom() - 1),
                      QPointF(rect.right(), rect.bottom() - 1));
    painter->restore();
}

void DiagramExporter::paintSheet(QPainter *painter) const
{
    const QSizeF sheet = sheetSize();
    const QRectF bounds = m_layout.bounds;
    const qreal content = sheet.width() - 2 * kMargin;
    painter->save();
    painter->setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    painter->fillRect(QRectF(QPointF(0, 0), sheet), Qt::white);
    paintTitleBlock(painter, QRectF(kMargin, kMargin, content, kTitleHeight), {});
    const qreal top = kMargin + kTitleHeight + kGap;
    const QRectF target(kMargin + (content - bounds.width()) / 2, top, bounds.width(),
                        bounds.height());
    const DiagramRenderer renderer(m_look.style);
    renderer.drawDiagram(painter, m_layout, m_look, target, bounds);
    painter->translate(kMargin, target.bottom() + kGap);
    renderer.drawLegend(painter, legendSize(), m_look.probeKinds);
    painter->restore();
}

QByteArray DiagramExporter::svg() const
{
    const QSize size = sheetSize().toSize();
    SvgWriter writer;
    writer.setSize(size);
    // 96 dpi: one diagram unit is one CSS pixel, so the width and height are exact as pixels.
    writer.setResolution(96);
    writer.setSizeUnit(SvgWriter::Unit::Pixels);
    const QStringList lines = titleLines();
    writer.setTitle(lines.at(0));
    writer.setDescription(lines.mid(1).join(u'\n'));
    QPainter painter(&writer);
    paintSheet(&painter);
    painter.end();
    return writer.data();
}

QSize DiagramExporter::imageSize() const
{
    const qreal scale = m_options.dpi / 96.0;
    const QSizeF sheet = sheetSize();
    return {int(std::ceil(sheet.width() * scale)), int(std::ceil(sheet.height() * scale))};
}

QString DiagramExporter::imageSizeError() const
{
    const auto fits = [](const QSize &pixels) {
        return pixels.width() <= kMaxImageSide && pixels.height() <= kMaxImageSide
               && qint64(pixels.width()) * pixels.height() <= kMaxImagePixels;
    };
    const QSize pixels = imageSize();
    if (fits(pixels))
        return {};
    // The highest dpi that fits: estimated from the sheet, then lowered until the rounded-up
    // pixel size fits too.
    const QSizeF sheet = sheetSize();
    const auto sizeAt = [&sheet](int dpi) {
        return QSize(int(std::ceil(sheet.width() * dpi / 96.0)),
                     int(std::ceil(sheet.height() * dpi / 96.0)));
    };
    const qreal scale = std::min({kMaxImageSide / sheet.width(), kMaxImageSide / sheet.height(),
                                  std::sqrt(kMaxImagePixels / (sheet.width() * sheet.height()))});
    int maxDpi = std::min(m_options.dpi - 1, int(std::floor(96 * scale)));
    while (maxDpi >= kMinDpi && !fits(sizeAt(maxDpi)))
        --maxDpi;
    const QString what = tr("the image would be %1 x %2 pixels at %3 dpi, more than EdgeMap "
                            "renders (%4 pixels a side, %5 megapixels)")
                                 .arg(pixels.width())
                                 .arg(pixels.height())
                                 .arg(m_options.dpi)
                                 .arg(kMaxImageSide)
                                 .arg(kMaxImagePixels / 1'000'000);
    if (maxDpi < kMinDpi)
        return tr("%1; export SVG or PDF instead").arg(what);
    return tr("%1; choose %2 dpi or less, or export SVG or PDF").arg(what).arg(maxDpi);
}

QImage DiagramExporter::image() const
{
    if (!imageSizeError().isEmpty())
        return {};
    // Rendered at scale, not grabbed from the screen, so that text and lines stay crisp.
    const qreal scale = m_options.dpi / 96.0;
    QImage image(imageSize(), QImage::Format_ARGB32_Premultiplied);
    if (image.isNull()) // out of memory: the caller reports it
        return image;
    image.fill(Qt::white);
    const int dotsPerMeter = int(std::lround(m_options.dpi / 0.0254));
    image.setDotsPerMeterX(dotsPerMeter);
    image.setDotsPerMeterY(dotsPerMeter);
    QPainter painter(&image);
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing
                           | QPainter::SmoothPixmapTransform);
    painter.scale(scale, scale);
    paintSheet(&painter);
    painter.end();
    return image;
}

QMimeData *DiagramExporter::mimeData() const
{
    auto *data = new QMimeData;
    // A diagram too large for an image still goes out as SVG.
    if (const QImage picture = image(); !picture.isNull())
        data->setImageData(picture);
    data->setData(QStringLiteral("image/svg+xml"), svg());
    return data;
}

ExportResult DiagramExporter::exportTo(const QString &path) const
{
    ExportResult result;
    if (!m_highlightError.isEmpty()) {
        result.error = m_highlightError;
        return result;
    }
    QByteArray bytes;
    switch (m_options.format) {
    case ExportFormat::Svg:
        bytes = svg();
        result.pixelSize = sheetSize().toSize();
        break;
    case ExportFormat::Png: {
        if (const QString tooLarge = imageSizeError(); !tooLarge.isEmpty()) {
            result.error = tr("cannot write '%1': %2").arg(path, tooLarge);
            return result;
        }
        const QImage png = image();
        if (png.isNull()) {
            result.error = tr("cannot write '%1': not enough memory for a %2 x %3 pixel image")
                                   .arg(path)
                                   .arg(imageSize().width())
                                   .arg(imageSize().height());
            return result;
        }
        result.pixelSize = png.size();
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        if (!png.save(&buffer, "PNG")) {
            result.error = tr("cannot write '%1': the PNG could not be encoded").arg(path);
            return result;
        }
        break;
    }
    case ExportFormat::Pdf:
        bytes = pdf(&result.pages);
        result.orientation = pageChoice().orientation;
        result.legibility = legibility();
        break;
    case ExportFormat::DrawIo:
        bytes = drawio();
        break;
    }
    result.error = SaveFile::save(path, bytes).toString();
    return result;
}

} // namespace edgemap
