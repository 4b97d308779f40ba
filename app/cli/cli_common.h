// What the commands that read a topology and judge a snapshot share: the --server option, and
// reading their inputs with the error printed the same way by each.
#pragma once

#include "io/topologyfile.h"
#include "snapshot/check.h"

#include <QCommandLineOption>
#include <QString>

#include <optional>

namespace edgemap::cli {

// --server NAME: the server a snapshot was taken on, when its addresses do not tell.
QCommandLineOption serverOption();

// Reads and validates a topology file. On failure prints the error to stderr and returns
// nothing: the command then returns BadInput.
std::optional<Topology> loadTopology(const QString &path);

// Reads the snapshot file and judges it against `topology`, as readAndJudge does. On failure prints
// the error to stderr and returns nothing: the command then returns BadInput. Without `analysis`
// (the topology's path analysis, when the command has one already) it builds its own.
std::optional<CheckResult> checkSnapshot(const Topology &topology, const QString &snapshotPath,
                                         const QString &server);
std::optional<CheckResult> checkSnapshot(const Topology &topology, const PathAnalysis &analysis,
                                         const QString &snapshotPath, const QString &server);

} // namespace edgemap::cli
