// What a selection change costs the details pane on a 12-server Edge pool: the HTML of a
// listener's details (detailshtml::forRef, which lists the scenarios the listener breaks when it
// is down, from the topology's path analysis), and the whole DetailsView following the
// document's selection from one listener to another (the HTML and QTextBrowser laying it out).
//
// The details read the Document's path analysis, built once per topology change; for
// comparison the bench also renders with a new analysis per render (what every selection change
// cost before the Document owned one), and times building the analysis itself.
//
// Usage: bench_details [repeats]   (default 51; the median is reported)
#include "core/pathanalysis.h"
#include "document/document.h"
#include "panes/detailshtml.h"
#include "panes/detailsview.h"
#include "selection.h"
#include "support/topologybuilder.h"

#include <QApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>

using namespace edgemap;

namespace {

template<class F>
double medianMs(int repeats, F &&run)
{
    QList<double> times;
    for (int i = 0; i < repeats; ++i) {
        QElapsedTimer timer;
        timer.start();
        run(i);
        times.append(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    return times.at(times.size() / 2);
}

// The listeners of the pool with this endpoint, one per member.
QList<ListenerId> listenersWith(const Topology &t, const QString &endpoint)
{
    QList<ListenerId> out;
    for (const Listener *l : t.allListeners())
        if (l->hasEndpoint(endpoint))
            out.append(l->id);
    return out;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int repeats = argc > 1 ? std::max(1, atoi(argv[1])) : 51;

    Document doc(testing::TopologyBuilder().members(12).build());
    const Topology &t = doc.topology();
    const QList<ListenerId> sip = listenersWith(t, QStringLiteral("access-client-sip"));
    if (sip.size() < 2) {
        std::fprintf(stderr, "the pool has no two access-client-sip listeners\n");
        return 1;
    }
    const auto ref = [&](int i) {
        return ElementRef::listener(sip.at(i % sip.size()));
    };

    const double build = medianMs(repeats, [&](int) { PathAnalysis(t).graphSize(); });
    qsizetype length = 0;
    const double perRender = medianMs(repeats, [&](int i) {
        length += detailshtml::forRef(t, PathAnalysis(t), ref(i)).size();
    });
    const double shared = medianMs(repeats, [&](int i) {
        length += detailshtml::forRef(t, *doc.analysis(), ref(i)).size();
    });

    DetailsView view(doc);
    view.resize(600, 800);
    view.show();
    Selection *selection = Selection::of(doc);
    const double follow = medianMs(repeats, [&](int i) { selection->setCurrent(ref(i)); });

    std::printf("12-server pool, %lld listeners, median of %d:\n"
                "  path analysis, built:                         %8.3f ms\n"
                "  listener details HTML, analysis per render:   %8.3f ms\n"
                "  listener details HTML, the document's:        %8.3f ms (%lld chars)\n"
                "  details view, selection change:               %8.3f ms\n",
                static_cast<long long>(t.allListeners().size()), repeats, build, perRender, shared,
                static_cast<long long>(length / (2 * repeats)), follow);
    return 0;
}
