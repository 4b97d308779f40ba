// The standard streams of the command line, the same bytes on every platform. On Windows a
// console shows UTF-16 (WriteConsoleW), whatever its code page; a pipe or a file gets UTF-8 with
// the line ends as written, in binary mode, so `edgemap export -o - > x.pdf` is not corrupted by
// CR insertion. Elsewhere both are plain UTF-8 writes.
#pragma once

#include <QByteArrayView>
#include <QString>

#include <cstdio>

namespace edgemap::consoleio {

// Once, before anything is written: binary mode for stdout and stderr where that exists.
void prepareStandardStreams();

// Writes `text` to `stream` when it is an interactive console that needs a wide write (Windows);
// returns false, having written nothing, when the caller should write UTF-8 bytes itself.
bool writeToConsole(std::FILE *stream, const QString &text);

// The same for UTF-8 bytes (a table or a report going to stdout); decoded only for a console.
bool writeToConsole(std::FILE *stream, QByteArrayView utf8);

} // namespace edgemap::consoleio
