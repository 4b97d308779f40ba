#include "appicon.h"

#include <QSize>

namespace edgemap {

QList<int> applicationIconSizes()
{
    return {EDGEMAP_ICON_SIZES};
}

QIcon applicationIcon()
{
    QIcon icon;
    for (const int size : applicationIconSizes())
        icon.addFile(QStringLiteral(":/edgemap/icons/edgemap-%1.png").arg(size), QSize(size, size));
    return icon;
}

QString desktopFileId()
{
    return QStringLiteral(EDGEMAP_DESKTOP_ID);
}

} // namespace edgemap
