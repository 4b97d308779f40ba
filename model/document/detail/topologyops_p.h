#pragma once

#include "document/topologyops.h"

// Shared by the topologyops_*.cpp files only.
namespace edgemap::topologyops::detail {

QString tr(const char *text);
EditResult refused(const QString &reason);
// The edited copy if it is a valid topology, else the validator's reason.
EditResult finished(Topology topology, const QString &newId = {});
EdgePool *mutablePool(Topology &t, const PoolId &id);

} // namespace edgemap::topologyops::detail
