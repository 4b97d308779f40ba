#pragma once

#include <QIcon>
#include <QList>
#include <QString>

namespace edgemap {

// The application's identity on the desktop: the window icon and the desktop file id. The icon
// is built from the PNG sizes compiled into edgemap_icons (PNG, not SVG: the Windows build has no
// Qt SVG image plugin); the id names the installed .desktop file, AppStream component and icon.
QList<int> applicationIconSizes();
QIcon applicationIcon();
QString desktopFileId();

} // namespace edgemap
