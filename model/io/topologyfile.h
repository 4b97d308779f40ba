#pragma once

#include "core/topology.h"
#include "io/error.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace edgemap {

// The *.edgemap.json topology file format (see README, "Topology file format").
//
// Reading validates everything a later layer relies on: syntax (with line and column), types,
// enum values, IP addresses, port ranges, duplicate ids, duplicate sockets and dangling
// references (with the JSON pointer of the offending value). Writing is atomic (SaveFile): a
// failed save leaves the previous file untouched. Load -> save -> load is lossless.
namespace topologyfile {

// The newest format this version reads and writes. Format 3 added the import keys and a peer's
// members; a topology without them is still written as format 2 (see README).
inline constexpr int kFormatVersion = 3;
// Real topologies are a few hundred kilobytes; anything past this is not a topology file.
inline constexpr qint64 kMaxFileSize = 16 * 1024 * 1024;

struct ReadResult
{
    std::optional<Topology> topology;
    Error error;
    bool ok() const { return topology.has_value(); }
};

// Parses and validates JSON bytes; `fileName` only labels error messages.
ReadResult parse(const QByteArray &bytes, const QString &fileName = {});
// Reads a file (refuses files over kMaxFileSize before reading them).
ReadResult load(const QString &path);

// Validates a topology held in memory (the same checks as parse, with JSON pointers into the
// form save() would write). Returns an empty error when valid.
Error validate(const Topology &topology);

QByteArray serialize(const Topology &topology);
// Atomic write; returns an empty error on success.
Error save(const Topology &topology, const QString &path);

// The embedded default topology (resource :/edgemap/topologies/default.edgemap.json).
Topology defaultTopology();

} // namespace topologyfile
} // namespace edgemap
