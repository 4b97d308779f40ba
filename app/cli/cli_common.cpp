#include "cli/cli_common.h"

#include "cli/cli.h"
#include "core/pathanalysis.h"

#include <utility>

namespace edgemap::cli {

int usageError(const QString &command, const QString &message)
{
    printErr(QStringLiteral("edgemap %1: %2\nTry 'edgemap %1 --help'.\n").arg(command, message));
    return BadInput;
}

std::optional<Topology> loadTopology(const QString &path)
{
    topologyfile::ReadResult r = topologyfile::load(path);
    if (!r.ok()) {
        printErr(r.error.toString() + QLatin1Char('\n'));
        return std::nullopt;
    }
    return std::move(r.topology);
}

std::optional<CheckResult> checkSnapshot(const Topology &topology, const QString &snapshotPath,
                                         const QString &server)
{
    return checkSnapshot(topology, PathAnalysis(topology), snapshotPath, server);
}

std::optional<CheckResult> checkSnapshot(const Topology &topology, const PathAnalysis &analysis,
                                         const QString &snapshotPath, const QString &server)
{
    CheckResult r = readAndJudge(topology, analysis, snapshotPath, server);
    if (!r.ok()) {
        printErr(r.error.toString() + QLatin1Char('\n'));
        return std::nullopt;
    }
    return r;
}

} // namespace edgemap::cli
