// Export speed: the 3 sites x 12 Edge servers topology written as SVG, PNG at 150 dpi, PDF (one
// page and 4 tiles) and draw.io, each through a fresh DiagramExporter (its own layout and look) as
// File > Export Diagram and `edgemap export` do. Reports the median time and the output size.
//
// Usage: bench_export [repeats]   (default 3; the median is reported)
#include "document/document.h"
#include "export/diagramexporter.h"
#include "support/tst_diagram_util.h"

#include <QApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>

using namespace edgemap;

namespace {

struct Figure
{
    double ms = 0;
    qsizetype bytes = 0;
};

template<class F>
Figure measure(int repeats, F &&run)
{
    QList<double> times;
    qsizetype bytes = 0;
    for (int i = 0; i < repeats; ++i) {
        QElapsedTimer timer;
        timer.start();
        bytes = run();
        times.append(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    return {times.at(times.size() / 2), bytes};
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int repeats = argc > 1 ? std::max(1, atoi(argv[1])) : 3;

    Document doc(testing::sites(3, 12));
    const auto options = [](ExportFormat format, int tiles = 1) {
        ExportOptions o;
        o.format = format;
        o.dpi = 150;
        o.tiles = tiles;
        return o;
    };
    const Figure scene = measure(repeats, [&] {
        return qsizetype(DiagramExporter(doc, options(ExportFormat::Svg)).sheetSize().width());
    });
    const Figure svg = measure(
            repeats, [&] { return DiagramExporter(doc, options(ExportFormat::Svg)).svg().size(); });
    QSize pixels;
    const Figure png = measure(repeats, [&] {
        const QImage image = DiagramExporter(doc, options(ExportFormat::Png)).image();
        pixels = image.size();
        return image.sizeInBytes();
    });
    const Figure pdf = measure(
            repeats, [&] { return DiagramExporter(doc, options(ExportFormat::Pdf)).pdf().size(); });
    const Figure tiled = measure(repeats, [&] {
        return DiagramExporter(doc, options(ExportFormat::Pdf, 4)).pdf().size();
    });
    const Figure drawio = measure(repeats, [&] {
        return DiagramExporter(doc, options(ExportFormat::DrawIo)).drawio().size();
    });
    std::printf("3 x 12 servers, %lld listeners (median of %d)\n",
                static_cast<long long>(doc.topology().allListeners().size()), repeats);
    std::printf("  exporter (own scene) %8.1f ms\n", scene.ms);
    std::printf("  SVG                  %8.1f ms  %9lld bytes\n", svg.ms,
                static_cast<long long>(svg.bytes));
    std::printf("  PNG 150 dpi (render) %8.1f ms  %d x %d pixels\n", png.ms, pixels.width(),
                pixels.height());
    std::printf("  PDF, one page        %8.1f ms  %9lld bytes\n", pdf.ms,
                static_cast<long long>(pdf.bytes));
    std::printf("  PDF, 4 tiles         %8.1f ms  %9lld bytes\n", tiled.ms,
                static_cast<long long>(tiled.bytes));
    std::printf("  draw.io              %8.1f ms  %9lld bytes\n", drawio.ms,
                static_cast<long long>(drawio.bytes));
    return 0;
}
