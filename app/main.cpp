// EdgeMap entry point: a headless command (new, validate, show, ...) runs on a QCoreApplication;
// anything else opens the main window.
#include "appicon.h"
#include "cli/cli.h"
#include "cli/consoleio.h"
#include "document/document.h"
#include "io/topologyfile.h"
#include "window/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QGuiApplication>

#include <cstdlib>

namespace {

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("EdgeMap"));
    QCoreApplication::setApplicationName(QStringLiteral("EdgeMap"));
    QCoreApplication::setApplicationVersion(QStringLiteral(EDGEMAP_VERSION));
}

QStringList rawArguments(int argc, char **argv)
{
    QStringList out;
    for (int i = 0; i < argc; ++i)
        out.append(QString::fromLocal8Bit(argv[i]));
    return out;
}

// Platform code (X11/Wayland): without a display the GUI cannot start; say so plainly instead of
// letting the platform plugin abort with a cryptic message.
bool displayMissing()
{
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    return qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
           && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
#else
    return false;
#endif
}

int runGui(int argc, char **argv)
{
    if (displayMissing()) {
        edgemap::cli::printErr(QStringLiteral(
                "edgemap: no display found (DISPLAY and WAYLAND_DISPLAY are not set).\n"
                "Run it on a desktop session, or under a virtual display:  xvfb-run -a edgemap\n"
                "The commands (edgemap --help) work without a display.\n"));
        return edgemap::cli::BadInput;
    }
    QApplication app(argc, argv);
    setIdentity();
    QApplication::setWindowIcon(edgemap::applicationIcon());
    QGuiApplication::setDesktopFileName(edgemap::desktopFileId());
    QCommandLineParser parser;
    parser.setApplicationDescription(edgemap::cli::globalHelp());
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QStringLiteral("Topology file (or snapshot) to open."));
    const QCommandLineOption snapshot(QStringLiteral("snapshot"),
                                      QStringLiteral("Snapshot to check once the window is open."),
                                      QStringLiteral("FILE"));
    parser.addOption(snapshot);
    parser.process(app);

    edgemap::Document document(edgemap::topologyfile::defaultTopology());
    edgemap::MainWindow window(document);
    // Where it was, else maximised on a laptop or RDP screen and most of a large one.
    window.showPlaced();
    // Work lost in a crash comes first: the user may want it rather than the file named here.
    window.offerAutosave();
    // A topology export is imported off the GUI thread: the snapshot waits for it.
    const QString snapshotPath = parser.value(snapshot);
    window.openAll(parser.positionalArguments(), [&window, snapshotPath] {
        if (!snapshotPath.isEmpty())
            window.openSnapshot(snapshotPath);
    });
    return app.exec();
}

} // namespace

int main(int argc, char **argv)
{
    edgemap::consoleio::prepareStandardStreams();
    const QStringList arguments = rawArguments(argc, argv);
    if (edgemap::cli::isCommand(arguments)) {
        if (edgemap::cli::needsGuiPlatform(arguments)) {
            // PDF layout needs fonts, which come with a GUI platform; offscreen needs no display.
            // QGuiApplication is enough: `export` paints through DiagramRenderer, no widgets.
            // Windows' own platform needs no display and is the one that finds the system's
            // fonts (offscreen there finds none).
#ifndef Q_OS_WIN
            if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
                qputenv("QT_QPA_PLATFORM", "offscreen");
#endif
            QGuiApplication app(argc, argv);
            setIdentity();
            return edgemap::cli::run(QCoreApplication::arguments());
        }
        QCoreApplication app(argc, argv);
        setIdentity();
        return edgemap::cli::run(QCoreApplication::arguments());
    }
    return runGui(argc, argv);
}
