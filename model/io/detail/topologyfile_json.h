#pragma once

// Private to the topology file implementation: the JSON text layer under topologyfile_read.cpp.
// Not part of the model's public interface (nlohmann_json is linked PRIVATE).

#include "io/error.h"

#include <QByteArray>
#include <QString>

#include <nlohmann/json.hpp>

namespace edgemap::topologyfile::detail {

using Json = nlohmann::json;

// Deeper than any valid topology (which nests 9 levels) by a wide margin, shallow enough that
// no later stage can run out of stack.
inline constexpr int kMaxNesting = 64;

// Turns the bytes of a file into a JSON value. Rejects, before parsing: empty input, UTF-16,
// binary data, invalid UTF-8 and nesting past kMaxNesting; then syntax errors (with line and
// column) and duplicate keys in an object (with the JSON pointer). A UTF-8 BOM is skipped.
// Returns an empty error on success; the caller fills in Error::file.
Error parseJsonText(const QByteArray &bytes, Json &out);

// 1-based line and column (in characters, not bytes) of a byte offset into UTF-8 text.
struct TextPosition
{
    int line = 1;
    int column = 1;
};
TextPosition positionAt(QByteArrayView text, qsizetype offset);

// One reference token of a JSON pointer, escaped ("a/b" -> "a~1b").
QString pointerToken(const QString &key);

// "a string", "a number", "an array", ... for "expected X, found Y" messages.
QString describeType(const Json &value);

} // namespace edgemap::topologyfile::detail
