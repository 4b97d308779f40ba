#pragma once

#include <QString>

namespace edgemap {

// Where and what went wrong while reading or writing a file. Errors are values: every loader
// returns one instead of throwing or logging, and the GUI and the CLI show toString().
struct Error
{
    QString file;    // path as the user gave it, may be empty for in-memory data
    int line = 0;    // 1-based, 0 when unknown
    int column = 0;  // 1-based, 0 when unknown
    QString path;    // JSON pointer such as /pools/0/servers/1, empty when not applicable
    QString message; // what is wrong, in the user's terms

    // Named constructors, so that no caller spells out the fields by position.
    // At a line (and column, 0 when unknown) of a text file.
    static Error at(const QString &file, int line, int column, const QString &message)
    {
        return {file, line, column, {}, message};
    }
    // At a JSON pointer (/pools/0/servers/1) inside a file.
    static Error inJson(const QString &file, const QString &pointer, const QString &message)
    {
        return {file, 0, 0, pointer, message};
    }
    // About a whole file: it cannot be opened, read or written.
    static Error inFile(const QString &file, const QString &message)
    {
        return {file, 0, 0, {}, message};
    }
    // With no location; the message says everything.
    static Error plain(const QString &message) { return {{}, 0, 0, {}, message}; }
    // The same error, also placed on a line (a record that has both a line and a pointer).
    Error onLine(int atLine, int atColumn = 0) const
    {
        Error e = *this;
        e.line = atLine;
        e.column = atColumn;
        return e;
    }

    bool isError() const { return !message.isEmpty(); }
    // "file:line:column: message" or "file: /json/pointer: message"
    QString toString() const;
};

} // namespace edgemap
