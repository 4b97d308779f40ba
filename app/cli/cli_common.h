// What the commands share besides their options: reading a topology or judging a snapshot with
// the error printed the same way by each, and reporting bad usage.
#pragma once

#include "io/topologyfile.h"
#include "snapshot/check.h"

#include <QString>

#include <optional>

namespace edgemap::cli {

// Prints "edgemap COMMAND: message" and a pointer to --help; returns BadInput.
int usageError(const QString &command, const QString &message);

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
