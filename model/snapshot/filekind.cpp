#include "snapshot/filekind.h"

#include "io/topologyimport.h"
#include "snapshot/snapshotfile.h"

#include <QRegularExpression>

namespace edgemap {

FileKind classifyContent(const QByteArray &head)
{
    QByteArray text = head;
    if (text.startsWith("\xEF\xBB\xBF"))
        text.remove(0, 3);
    const QByteArray trimmed = text.trimmed();
    // A topology file is UTF-8 JSON whose top-level object has "format" and "pools" keys.
    if (trimmed.startsWith('{')) {
        static const QRegularExpression pools(QStringLiteral(R"("pools"\s*:)"));
        static const QRegularExpression format(QStringLiteral(R"("format"\s*:)"));
        const QString s = QString::fromUtf8(trimmed.left(64 * 1024));
        if (pools.match(s).hasMatch() && format.match(s).hasMatch()
            && !s.contains(QLatin1String("\"edgemap_snapshot\"")))
            return FileKind::Topology;
    }
    // Before the snapshot reader, which finds no socket rows in XML anyway.
    if (topologyimport::looksLikeTopologyXml(head))
        return FileKind::TopologyExport;
    const snapshotfile::ReadResult r = snapshotfile::parse(head);
    return r.ok() ? FileKind::Snapshot : FileKind::Unknown;
}

} // namespace edgemap
