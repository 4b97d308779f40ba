#pragma once

#include <QByteArrayView>

#include <optional>

namespace edgemap {

// The byte offset of the first '[' or '{' (outside strings) that opens a level deeper than
// `maxDepth`, or nullopt. Run before handing untrusted JSON to a parser or walking its result
// recursively: a file of ten million '[' must be an error, not a stack overflow.
std::optional<qsizetype> firstTooDeep(QByteArrayView utf8, int maxDepth);

} // namespace edgemap
