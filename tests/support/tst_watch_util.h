// Snapshot files for the tests of live sources: netstat text for a topology, and writing and
// replacing the file the way a scheduled task does.
#pragma once

#include "core/topology.h"
#include "support/tst_file_util.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QString>

namespace edgemap::watchtest {

// netstat -ano text in which every fixed listener of the topology is bound; `skipPort` is left out.
inline QByteArray snapshotFor(const Topology &t, int skipPort = 0)
{
    QByteArray text = "\r\nActive Connections\r\n\r\n  Proto  Local Address          Foreign "
                      "Address        State           PID\r\n";
    for (const Listener *l : t.allListeners()) {
        if (l->dynamic || l->port == skipPort)
            continue;
        const QByteArray ip = t.address(l->address)->ip.toLatin1();
        for (int port = l->port; port <= l->portEnd; ++port)
            text += (l->transport == Transport::Tcp ? "  TCP    " : "  UDP    ") + ip + ':'
                    + QByteArray::number(port)
                    + (l->transport == Transport::Tcp ? "    0.0.0.0:0    LISTENING    100\r\n"
                                                      : "    *:*    100\r\n");
    }
    return text;
}

using testfiles::writeFile;

// Replaces the file the way careful writers do: written elsewhere (NAME.tmp beside it), then
// renamed over the old file.
inline bool replaceFile(const QString &path, const QByteArray &bytes)
{
    const QFileInfo info(path);
    const QString temp = info.dir().filePath(info.completeBaseName() + QStringLiteral(".tmp"));
    return writeFile(temp, bytes) && QFile::remove(path) && QFile::rename(temp, path);
}

} // namespace edgemap::watchtest
