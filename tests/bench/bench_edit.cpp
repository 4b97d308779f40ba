// What one edit costs in the window a user has, with a busy Edge's snapshot loaded: the before
// and after figures of issue 14 (edits announced per field instead of one topologyReset, and
// re-judging only for the fields a verdict reads).
//
// The window is MainWindow on a Document, shown (offscreen unless QT_QPA_PLATFORM says otherwise),
// with a four-server Edge pool opened from a file as File > Open does, and a 300,000-row
// peak-hour `netstat -anob` capture of edge01 loaded as File > Open Snapshot does (through the
// SnapshotController, read and judged off the GUI thread). Once the check is shown, it edits
// through Document::setField, as the property editor does, with the edited element selected and
// the Properties pane raised; each edit is repeated with alternating values so that each one is
// a change:
//   - the topology's name and a peer's name: fields no verdict reads (after issue 14 they must
//     not re-judge);
//   - the port of edge01's busiest listener: a field the verdicts read (it must re-judge).
// For each edit it reports
//   - sync: the time the GUI thread spends in setField: the model change and every view's
//     synchronous update (wall time, and the GUI thread's CPU time);
//   - stall: the longest gap between the ticks of a 1 ms timer on the GUI thread, from the edit
//     until the application is idle again. It includes the edit's own gap (setField, then the
//     repaints and deferred work it posted). Of that gap: the GUI thread's CPU time and its time
//     waiting for a CPU (Linux schedstat); the rest it was blocked. "later" is the longest gap
//     after the edit's own (a re-judged check landing, background summaries arriving);
//   - gap CPU: the most GUI-thread CPU time in one gap (what would stall an idle machine);
//     GUI CPU: the GUI thread's CPU time from the edit to idle;
//   - re-judge: whether the check shown for edge01 was replaced (a re-judge landed), and whether
//     the snapshot controller was busy right after the edit (one started);
//   - shown: from the edit to the first timer tick after the re-judged check reached the views
//     (their slots on the change have run and the repaints they posted come before that tick);
//   - idle: from the edit until the last background work (thread pool, snapshot controller) was
//     seen running (polled every 5 ms) or the re-judged check was shown, whichever is later; the
//     bench then waits for 300 ms of quiet before it stops watching.
// Floors, measured in the same run: setField on a bare Document (the same topology, no window,
// no snapshot), and the same watch with no edit (the timer's own gaps).
// Figures are medians over --repeat edits of each kind. On a shared machine compare the CPU
// columns: wall times there include waiting for a CPU (the load average is printed).
//
// Usage: bench_edit [CAPTURE] [--repeat N] [--rows N] [--verbose]
//   Without CAPTURE, scripts/make-busy-capture.py writes the capture of edge01 (--rows, default
//   300,000, UTF-16LE as PowerShell 5.1 saves it) into a temporary directory (needs python3).
#include "core/catalog.h"
#include "core/templates.h"
#include "document/document.h"
#include "document/topologyedit.h"
#include "io/topologyfile.h"
#include "live/snapshotcontroller.h"
#include "selection.h"
#include "snapshot/check.h"
#include "support/tst_settings_util.h"
#include "window/mainwindow.h"

#include <QApplication>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QLabel>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QThreadPool>
#include <QTimer>
#include <QTreeView>
#include <QUndoStack>
#include <QWindow>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#if defined(Q_OS_UNIX)
#include <time.h>
#endif
#if defined(Q_OS_LINUX)
#include <fcntl.h>
#include <unistd.h>
#endif

using namespace edgemap;

namespace {

// ---- The model-to-view protocol as this benchmark uses it ----------------------------------
// The only lines that name the protocol (FieldRef, Selection, CheckSet, the controller's busy
// state), so that the before/after figures of issue 14 come from the same program otherwise.
namespace protocol {

FieldRef topologyName()
{
    return FieldRef::ofTopology(Field::TopologyName);
}
FieldRef peerName(const PeerId &peer)
{
    return {Field::PeerName, ElementRef::peer(peer)};
}
FieldRef listenerPort(const ListenerId &listener)
{
    return {Field::ListenerPort, ElementRef::listener(listener)};
}

// The check the views show for `server`; holding it keeps its identity unique, so that a
// different pointer later means that a re-judged check replaced it.
std::shared_ptr<const CheckResult> shownCheck(const Document &doc, const ServerId &server)
{
    for (const std::shared_ptr<const CheckResult> &c : doc.checks().inOrder(doc.topology()))
        if (c->server == server)
            return c;
    return nullptr;
}

// Calls `f` when the checks the views show change, after the views' own slots (connected
// earlier, when the window was built).
void onChecksChanged(Document &doc, QObject *context, std::function<void()> f)
{
    QObject::connect(&doc, &Document::checksChanged, context, std::move(f));
}

// Loads, compares or re-judges in flight.
bool controllerBusy(const MainWindow &window)
{
    return window.snapshots()->isBusy();
}

// Selects what the edit changes, as a user does before editing it in the Properties pane.
void select(MainWindow &window, const FieldRef &ref)
{
    // Nothing selected for the topology's own fields: the topology's own form.
    window.selection()->setCurrent(ref.element);
}

} // namespace protocol
// ---------------------------------------------------------------------------------------------

struct Args
{
    QString capture;
    int repeat = 6;
    int rows = 300000;
    bool verbose = false;
};

std::optional<Args> parseArgs(const QStringList &args)
{
    Args a;
    for (int i = 1; i < args.size(); ++i) {
        const QString &arg = args[i];
        const bool hasValue = i + 1 < args.size();
        if (arg == QLatin1String("--repeat") && hasValue)
            a.repeat = std::max(1, args[++i].toInt());
        else if (arg == QLatin1String("--rows") && hasValue)
            a.rows = std::max(1, args[++i].toInt());
        else if (arg == QLatin1String("--verbose"))
            a.verbose = true;
        else if (!arg.startsWith(QLatin1String("--")) && a.capture.isEmpty())
            a.capture = arg;
        else
            return std::nullopt;
    }
    return a;
}

// The default topology's design as a pool of `members` Edge servers: edge01 has the default's
// addresses (those of scripts/make-busy-capture.py), the others the next ones; peers as in the
// default (FQDNs and addresses, so that established connections are attributed).
Topology poolTopology(int members)
{
    const Topology defaults = topologyfile::defaultTopology();
    TemplateParams p;
    p.product = Product::Lync2013;
    p.name = QStringLiteral("Contoso Edge pool");
    p.poolFqdn = QStringLiteral("edgepool.contoso.local");
    p.sipDomains = defaults.sipDomains;
    p.accessFqdn = QStringLiteral("sip.contoso.com");
    p.webConfFqdn = QStringLiteral("webconf.contoso.com");
    p.avFqdn = QStringLiteral("av.contoso.com");
    p.nextHop = NextHopKind::Director;
    for (int n = 1; n <= members; ++n) {
        MemberParams m;
        m.fqdn = QStringLiteral("edge%1.contoso.local").arg(n, 2, 10, QLatin1Char('0'));
        m.internalIp = QStringLiteral("172.25.33.%1").arg(9 + n);
        for (int role = 1; role <= 3; ++role)
            m.externalIps.append(QStringLiteral("10.45.16.%1").arg(role * 10 + n - 1));
        m.accessPublicIp = QStringLiteral("203.0.113.%1").arg(9 + n);
        m.webConfPublicIp = QStringLiteral("203.0.113.%1").arg(19 + n);
        m.avPublicIp = QStringLiteral("203.0.113.%1").arg(29 + n);
        p.members.append(m);
    }
    TemplateResult r = buildTopology(p, Catalog::builtIn());
    if (!r.ok())
        qFatal("buildTopology: %s", qPrintable(r.error));
    for (Peer &peer : r.topology.peers)
        if (const Peer *d = defaults.peer(peer.id)) {
            peer.fqdn = d->fqdn;
            peer.addresses = d->addresses;
        }
    return r.topology;
}

double ms(qint64 ns)
{
    return double(ns) / 1e6;
}

double median(QList<double> values)
{
    if (values.isEmpty())
        return -1;
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n % 2 ? values.at(n / 2) : (values.at(n / 2 - 1) + values.at(n / 2)) / 2;
}

QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("n/a");
    return QString::fromLatin1(f.readAll().trimmed().split(' ').mid(0, 3).join(' '));
}

void spin(int msecs)
{
    QEventLoop loop;
    QTimer::singleShot(msecs, &loop, &QEventLoop::quit);
    loop.exec();
}

// Platform code: the CPU time of the calling thread in ns (-1 where unknown). On a shared machine
// a gap of the GUI thread's timer is either work on the GUI thread or waiting for a CPU that the
// workers (re-judging) and other processes hold; the thread's CPU time tells the two apart.
qint64 threadCpuNs()
{
#if defined(Q_OS_UNIX) && defined(CLOCK_THREAD_CPUTIME_ID)
    timespec t{};
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t) == 0)
        return qint64(t.tv_sec) * 1000000000 + t.tv_nsec;
#endif
    return -1;
}

// Platform code (Linux): the time the calling thread has spent runnable but waiting for a CPU, in
// ns (schedstat's run delay), -1 where unknown. `fd` is /proc/thread-self/schedstat, kept open.
qint64 runQueueNs(int fd)
{
#if defined(Q_OS_LINUX)
    char buf[128];
    const ssize_t n = fd >= 0 ? pread(fd, buf, sizeof buf - 1, 0) : -1;
    if (n > 0) {
        buf[n] = 0;
        unsigned long long onCpu = 0;
        unsigned long long waiting = 0;
        if (std::sscanf(buf, "%llu %llu", &onCpu, &waiting) == 2)
            return qint64(waiting);
    }
#else
    Q_UNUSED(fd);
#endif
    return -1;
}

// The ticks of a 1 ms timer on the GUI thread: a gap between two is a time the window could not
// answer. Each tick also records the GUI thread's CPU time and its time waiting for a CPU.
class Watchdog
{
public:
    explicit Watchdog(const QElapsedTimer &clock)
        : m_clock(clock)
    {
#if defined(Q_OS_LINUX)
        m_schedstat = open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC);
#endif
        m_ticks.reserve(1 << 18);
        m_cpu.reserve(1 << 18);
        m_wait.reserve(1 << 18);
        m_timer.setInterval(1);
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, [this] { tick(); });
    }
    ~Watchdog()
    {
#if defined(Q_OS_LINUX)
        if (m_schedstat >= 0)
            close(m_schedstat);
#endif
    }
    Watchdog(const Watchdog &) = delete;
    Watchdog &operator=(const Watchdog &) = delete;
    void start()
    {
        m_ticks.clear();
        m_cpu.clear();
        m_wait.clear();
        tick();
        m_timer.start();
    }
    void stop()
    {
        tick(); // the gap still open counts
        m_timer.stop();
    }
    const std::vector<qint64> &ticks() const
    {
        return m_ticks;
    }
    const std::vector<qint64> &cpu() const
    {
        return m_cpu;
    }
    const std::vector<qint64> &wait() const
    {
        return m_wait;
    }

private:
    void tick()
    {
        m_ticks.push_back(m_clock.nsecsElapsed());
        m_cpu.push_back(threadCpuNs());
        m_wait.push_back(runQueueNs(m_schedstat));
    }

    int m_schedstat = -1;
    const QElapsedTimer &m_clock;
    QTimer m_timer;
    std::vector<qint64> m_ticks;
    std::vector<qint64> m_cpu;
    std::vector<qint64> m_wait;
};

struct Figure
{
    double sync = 0;      // ms in setField
    double syncCpu = 0;   // GUI-thread CPU time in setField (ms)
    double stall = 0;     // longest tick gap from the edit to idle, its own gap included
    double later = 0;     // longest tick gap after the edit's own
    double stallWait = 0; // of the longest gap, the GUI thread's time waiting for a CPU (ms)
    double stallCpu = 0;  // of the longest gap, the GUI thread's CPU time (ms)
    double gapCpu = 0;    // the most GUI-thread CPU time in one tick gap (ms)
    double cpu = 0;       // GUI-thread CPU time from the edit to idle (ms)
    bool started = false; // the snapshot controller was busy right after the edit
    int rejudged = 0;     // times the shown check was replaced
    double shown = -1;    // ms to the first tick after the re-judged check reached the views
    double idle = 0;      // ms to the last background work seen or the re-judged check shown
};

struct Bench
{
    QElapsedTimer clock;
    Document *doc = nullptr;
    MainWindow *window = nullptr;
    ServerId server;
    std::shared_ptr<const CheckResult> lastShown;
    int replaced = 0;
    qint64 replacedAt = -1;

    bool busy() const
    {
        return QThreadPool::globalInstance()->activeThreadCount() > 0
               || protocol::controllerBusy(*window);
    }

    void watchChecks()
    {
        lastShown = protocol::shownCheck(*doc, server);
        protocol::onChecksChanged(*doc, window, [this] {
            auto now = protocol::shownCheck(*doc, server);
            if (now && now != lastShown) {
                ++replaced;
                replacedAt = clock.nsecsElapsed();
            }
            lastShown = std::move(now);
        });
    }

    // Runs the event loop until nothing has been busy (and no check changed) for `quietMs`
    // since `from`, with `until` true; returns when the last activity was seen.
    qint64 settle(qint64 from, int quietMs, const std::function<bool()> &until = {})
    {
        qint64 last = from;
        QEventLoop loop;
        QTimer poll;
        poll.setInterval(5);
        QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
            const qint64 now = clock.nsecsElapsed();
            if (busy() || (until && !until()))
                last = now;
            last = std::max(last, replacedAt);
            if (now - last >= qint64(quietMs) * 1000000 || now - from > 600'000'000'000LL)
                loop.quit();
        });
        poll.start();
        loop.exec();
        return last;
    }

    Figure measure(const std::function<void()> &edit)
    {
        Watchdog dog(clock);
        dog.start();
        spin(50); // ticks before the edit
        const int replacedBefore = replaced;
        replacedAt = -1;
        const qint64 t0 = clock.nsecsElapsed();
        const qint64 cpu0 = threadCpuNs();
        edit();
        const qint64 t1 = clock.nsecsElapsed();
        Figure f;
        f.sync = ms(t1 - t0);
        f.syncCpu = ms(threadCpuNs() - cpu0);
        f.started = protocol::controllerBusy(*window);
        const qint64 idle = settle(t1, 300);
        dog.stop();
        const std::vector<qint64> &cpu = dog.cpu();
        const std::vector<qint64> &wait = dog.wait();
        f.idle = ms(idle - t0);
        f.rejudged = replaced - replacedBefore;
        const std::vector<qint64> &ticks = dog.ticks();
        // The first tick after the edit closes the edit's own gap.
        const auto first = std::upper_bound(ticks.begin(), ticks.end(), t1);
        for (auto it = std::max(first, ticks.begin() + 1); it != ticks.end(); ++it) {
            const double gap = ms(*it - *(it - 1));
            const auto i = std::size_t(it - ticks.begin());
            if (gap > f.stall) {
                f.stall = gap;
                f.stallWait = ms(wait[i] - wait[i - 1]);
                f.stallCpu = ms(cpu[i] - cpu[i - 1]);
            }
            if (it != first)
                f.later = std::max(f.later, gap);
            f.gapCpu = std::max(f.gapCpu, ms(cpu[i] - cpu[i - 1]));
        }
        // To the tick closest to idle (the settling's own polls after it are not the edit's).
        const auto end = std::upper_bound(ticks.begin(), ticks.end(), idle);
        f.cpu = ms(cpu[std::size_t(std::min(end, ticks.end() - 1) - ticks.begin())] - cpu0);
        if (f.rejudged > 0 && replacedAt >= 0) {
            const auto shown = std::upper_bound(ticks.begin(), ticks.end(), replacedAt);
            f.shown = ms((shown == ticks.end() ? ticks.back() : *shown) - t0);
            f.idle = std::max(f.idle, f.shown);
        }
        return f;
    }
};

struct Edit
{
    QString label;
    FieldRef ref;
    QVariant a; // the value before
    QVariant b; // the other value
};

void printFigure(const char *what, const Figure &f)
{
    std::printf("    %-4s sync %7.2f (CPU %7.2f)  stall %7.2f (CPU %7.2f, waiting %7.2f, later "
                "%7.2f)  GUI "
                "CPU: gap %7.2f, "
                "all %7.2f  "
                "re-judge %s%s  shown %7.1f  idle %7.1f ms\n",
                what, f.sync, f.syncCpu, f.stall, f.stallCpu, f.stallWait, f.later, f.gapCpu, f.cpu,
                f.rejudged ? "yes" : "no ", f.started ? " (started)" : "", f.shown, f.idle);
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const std::optional<Args> parsed = parseArgs(app.arguments());
    if (!parsed) {
        std::fprintf(stderr, "usage: bench_edit [CAPTURE] [--repeat N] [--rows N] [--verbose]\n");
        return 2;
    }
    Args a = *parsed;
    QTemporaryDir dir;
    testutil::isolateUserFiles(dir); // settings, recent files and autosave copies
    const QString loadBefore = loadAverage();
    if (a.capture.isEmpty()) {
        a.capture = dir.filePath(QStringLiteral("busy-netstat-anob.txt"));
        QProcess make;
        make.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        make.start(QStringLiteral("python3"),
                   {QStringLiteral(EDGEMAP_SOURCE_DIR "/scripts/make-busy-capture.py"), a.capture,
                    QStringLiteral("--rows"), QString::number(a.rows)});
        if (!make.waitForFinished(-1) || make.exitCode() != 0) {
            std::fprintf(stderr, "scripts/make-busy-capture.py failed (needs python3)\n");
            return 2;
        }
    }
    const Topology topology = poolTopology(4);
    const QString topologyPath = dir.filePath(QStringLiteral("pool.edgemap.json"));
    if (const Error e = topologyfile::save(topology, topologyPath); e.isError()) {
        std::fprintf(stderr, "%s\n", qPrintable(e.toString()));
        return 2;
    }

    Bench bench;
    bench.clock.start();
    Document doc(topologyfile::defaultTopology());
    MainWindow window(doc);
    bench.doc = &doc;
    bench.window = &window;
    window.setInteractive(false);
    window.resize(1366, 768);
    window.show();
    bench.settle(bench.clock.nsecsElapsed(), 200,
                 [&] { return window.windowHandle() && window.windowHandle()->isExposed(); });

    // File > Open, then File > Open Snapshot, until the check is shown and everything settled.
    if (!window.openFile(topologyPath)) {
        std::fprintf(stderr, "cannot open the topology: %s\n", qPrintable(window.lastError()));
        return 2;
    }
    bench.server = ServerId(QStringLiteral("edge01"));
    if (!doc.topology().server(bench.server)) {
        std::fprintf(stderr, "the pool has no edge01\n");
        return 2;
    }
    const qint64 loadStart = bench.clock.nsecsElapsed();
    window.openSnapshot(a.capture);
    const qint64 loaded = bench.settle(
            loadStart, 500, [&] { return protocol::shownCheck(doc, bench.server) != nullptr; });
    const double loadMs = ms(loaded - loadStart);
    const auto check = protocol::shownCheck(doc, bench.server);
    if (!check || !check->ok()) {
        std::fprintf(stderr, "the capture was not judged on edge01: %s\n",
                     qPrintable(window.lastError()));
        return 2;
    }
    const auto *summary = window.findChild<QLabel *>(QStringLiteral("checkSummary"));

    // The listener with the most established connections, and a free port to move it to.
    const ListenerVerdict *busiest = nullptr;
    for (const ListenerVerdict &v : check->judgement.listeners) {
        const Listener *l = doc.topology().listener(v.listener);
        if (l && !l->dynamic && !l->isRange() && (!busiest || v.established > busiest->established))
            busiest = &v;
    }
    if (!busiest) {
        std::fprintf(stderr, "no listener of edge01 has a verdict\n");
        return 2;
    }
    const Listener moved = *doc.topology().listener(busiest->listener);
    Document bare(topology); // the floor: no window, no snapshot
    int otherPort = 0;
    for (int p = moved.port + 1; p < 65536 && !otherPort; ++p)
        if (!bare.setField(protocol::listenerPort(moved.id), p).isError()) {
            otherPort = p;
            bare.undoStack()->undo();
        }
    const PeerId peer(QStringLiteral("front-end"));
    const QList<Edit> edits{
            {QStringLiteral("topology name"), protocol::topologyName(), topology.name,
             QString(topology.name + QStringLiteral(" (renamed)"))},
            {QStringLiteral("peer name"), protocol::peerName(peer), topology.peer(peer)->name,
             QString(topology.peer(peer)->name + QStringLiteral(" (renamed)"))},
            {QStringLiteral("listener port"), protocol::listenerPort(moved.id), moved.port,
             otherPort},
    };

    std::printf("Qt %s, platform %s, %d hardware threads, load average %s (start)\n", qVersion(),
                qPrintable(QGuiApplication::platformName()), QThread::idealThreadCount(),
                qPrintable(loadBefore));
    std::printf("capture %s: %lld rows judged on %s, loaded and shown in %.0f ms\n",
                qPrintable(a.capture), static_cast<long long>(check->snapshot.rows.size()),
                qPrintable(check->server.value()), loadMs);
    std::printf("  window shows: %s\n", summary ? qPrintable(summary->text()) : "(no summary)");
    std::printf("topology: %lld pools, %lld servers, %lld listeners, %lld peers, %lld flows\n",
                static_cast<long long>(topology.pools.size()),
                static_cast<long long>(topology.pools.first().servers.size()),
                static_cast<long long>(topology.allListeners().size()),
                static_cast<long long>(topology.peers.size()),
                static_cast<long long>(topology.flows.size()));
    std::printf("port edit: %s (%s %d, %d established) <-> %d\n", qPrintable(moved.id.value()),
                qPrintable(keyOf(moved.transport)), moved.port, busiest->established, otherPort);
    std::printf("median of %d edits each\n\n", a.repeat);

    bench.watchChecks();
    window.propertiesDock()->raise();

    struct Row
    {
        QString label;
        QList<Figure> figures;
        QList<double> floor; // setField on the bare document

        double med(double Figure::*field) const
        {
            QList<double> values;
            for (const Figure &f : figures)
                if (f.*field >= 0)
                    values.append(f.*field);
            return median(values);
        }
        int count(bool (*test)(const Figure &)) const
        {
            return int(std::count_if(figures.begin(), figures.end(), test));
        }
    };
    // No edit, over the same wait: the watchdog's own floor.
    Row idle{QStringLiteral("no edit"), {}, {}};
    if (a.verbose)
        std::printf("%s\n", qPrintable(idle.label));
    for (int i = 0; i < a.repeat; ++i) {
        idle.figures.append(bench.measure([] {}));
        if (a.verbose)
            printFigure(qPrintable(QStringLiteral("#%1").arg(i + 1)), idle.figures.last());
    }

    QList<Row> rows;
    for (const Edit &e : edits) {
        Row row{e.label, {}, {}};
        if (a.verbose)
            std::printf("%s\n", qPrintable(e.label));
        for (int i = 0; i < a.repeat; ++i) {
            const QVariant value = i % 2 == 0 ? e.b : e.a;
            QElapsedTimer floorTimer;
            floorTimer.start();
            const Error bareError = bare.setField(e.ref, value);
            row.floor.append(ms(floorTimer.nsecsElapsed()));
            protocol::select(window, e.ref);
            bench.settle(bench.clock.nsecsElapsed(), 100);
            Error error;
            const Figure f = bench.measure([&] { error = doc.setField(e.ref, value); });
            if (error.isError() || bareError.isError()) {
                std::fprintf(stderr, "%s refused: %s\n", qPrintable(e.label),
                             qPrintable((error.isError() ? error : bareError).toString()));
                return 1;
            }
            if (a.verbose)
                printFigure(qPrintable(QStringLiteral("#%1").arg(i + 1)), f);
            row.figures.append(f);
        }
        rows.append(row);
    }
    rows.append(idle);

    std::printf("\n%-14s %8s %8s %8s %8s %8s %8s %8s %8s %9s %8s %8s %8s\n", "median, ms", "sync",
                "sync CPU", "stall", "its CPU", "waiting", "later", "gap CPU", "GUI CPU",
                "re-judge", "shown", "idle", "floor");
    for (const Row &r : rows) {
        const int rejudged = r.count([](const Figure &f) { return f.rejudged > 0; });
        const int started = r.count([](const Figure &f) { return f.started; });
        const auto text = [](double v, int decimals) {
            return v < 0 ? QStringLiteral("-") : QString::number(v, 'f', decimals);
        };
        std::printf(
                "%-14s %8.2f %8.2f %8.2f %8.2f %8.2f %8.2f %8.2f %8.2f %4d/%-4d %8s %8.1f %8s\n",
                qPrintable(r.label), r.med(&Figure::sync), r.med(&Figure::syncCpu),
                r.med(&Figure::stall), r.med(&Figure::stallCpu), r.med(&Figure::stallWait),
                r.med(&Figure::later), r.med(&Figure::gapCpu), r.med(&Figure::cpu), rejudged,
                int(r.figures.size()), qPrintable(text(r.med(&Figure::shown), 1)),
                r.med(&Figure::idle), qPrintable(text(median(r.floor), 3)));
        if (started != rejudged)
            std::printf("%-14s (the snapshot controller was busy right after %d of them)\n", "",
                        started);
    }
    std::printf(
            "sync: in setField (wall, GUI-thread CPU); stall: the longest gap of the GUI thread's "
            "1 ms timer\n  to idle; its CPU: the GUI thread's CPU time in that gap; waiting: its "
            "time "
            "waiting for a CPU\n  (Linux schedstat), the rest of the gap it was blocked;\n  later: "
            "the longest gap after the edit's own; gap CPU: the most "
            "GUI-thread CPU in one gap;\n  GUI CPU: all of it to idle; re-judge: edits after which "
            "the check shown for %s was replaced;\n  shown: to the first tick after that; floor: "
            "setField on a bare Document (same topology,\n  no window, no snapshot)\n",
            qPrintable(bench.server.value()));
    std::printf("load average %s (end)\n", qPrintable(loadAverage()));
    const auto after = protocol::shownCheck(doc, bench.server);
    return after && after->ok() ? 0 : 1;
}
