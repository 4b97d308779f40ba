#pragma once

// Private to the topology file implementation: what the reader and the cross-reference checks
// share. Not part of the model's public interface.

#include "core/topology.h"

#include <QString>

namespace edgemap::topologyfile::detail {

// A problem found while reading a topology: the JSON pointer of the offending value and what is
// wrong with it. The reader is a recursive descent over a fixed schema, so it throws this and
// parse() turns it into a Error at the boundary; nothing outside the file format sees it.
struct Problem
{
    QString path;
    QString message;
};

[[noreturn]] void fail(const QString &path, const QString &message);

// Checks what no single value shows: duplicate ids, duplicate IP addresses, dangling
// references and duplicate sockets; and the FQDNs, by the editor's rule (rules.h). The topology's
// values are valid one by one (the reader checked them), and the JSON pointers name the places
// save() writes them to. Throws Problem.
void checkTopology(const Topology &topology);

} // namespace edgemap::topologyfile::detail
