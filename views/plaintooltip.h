#pragma once

#include <QString>
#include <QTextDocument>

namespace edgemap {

// A tooltip made of text from the user's files (process names, snapshot details, file paths)
// always goes out as escaped rich text. Qt guesses rich text from the first line of a plain
// tooltip, so a crafted ProcessName such as <img src="file://host/share/x.png"> would otherwise be
// rendered, and on Windows the image load is an outbound SMB connection.
inline QString plainToolTip(const QString &text)
{
    return text.isEmpty() ? QString() : Qt::convertFromPlainText(text, Qt::WhiteSpaceNormal);
}

} // namespace edgemap
