#pragma once

#include <QString>

namespace edgemap {

// Where and what went wrong while reading or writing a file. Errors are values: every loader
// returns one instead of throwing or logging, and the GUI and the CLI show toString().
struct LoadError
{
    QString file;    // path as the user gave it, may be empty for in-memory data
    int line = 0;    // 1-based, 0 when unknown
    int column = 0;  // 1-based, 0 when unknown
    QString path;    // JSON pointer such as /pools/0/servers/1, empty when not applicable
    QString message; // what is wrong, in the user's terms

    bool isError() const { return !message.isEmpty(); }
    // "file:line:column: message" or "file: /json/pointer: message"
    QString toString() const;
};

} // namespace edgemap
