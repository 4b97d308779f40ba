#pragma once

#include <QByteArray>

namespace edgemap {

// What a dropped, opened or pasted file is, told by content (never by file name): a topology
// file (JSON with "format" and "pools"), a deployment's topology to import (Get-CsTopology
// -AsXml, a Topology Builder file), a snapshot (anything the snapshot reader finds socket rows
// in), or neither.
enum class FileKind { Topology, TopologyExport, Snapshot, Unknown };

// `head` is the start of the file (the first 64 KiB are plenty).
FileKind classifyContent(const QByteArray &head);

} // namespace edgemap
