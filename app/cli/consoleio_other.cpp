// POSIX: terminals take UTF-8 bytes, and streams have no text mode: nothing to prepare.
#include "cli/consoleio.h"

namespace edgemap::consoleio {

void prepareStandardStreams() {}

bool writeToConsole(std::FILE *, const QString &)
{
    return false;
}

bool writeToConsole(std::FILE *, QByteArrayView)
{
    return false;
}

} // namespace edgemap::consoleio
