#include "io/error.h"

namespace edgemap {

QString Error::toString() const
{
    // "file:line:column", or "line 3, column 7" when the data has no file name.
    QString where = file;
    if (line > 0 && !file.isEmpty()) {
        where += QLatin1Char(':') + QString::number(line);
        if (column > 0)
            where += QLatin1Char(':') + QString::number(column);
    } else if (line > 0) {
        where = QStringLiteral("line %1").arg(line);
        if (column > 0)
            where += QStringLiteral(", column %1").arg(column);
    }
    if (!path.isEmpty())
        where += (where.isEmpty() ? QString() : QStringLiteral(": ")) + path;
    return where.isEmpty() ? message : where + QStringLiteral(": ") + message;
}

} // namespace edgemap
