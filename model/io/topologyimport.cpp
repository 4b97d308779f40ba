// The entry points of the topology import and its summary text. Reading the document lives in
// detail/topologyimport_xml.cpp, planning each Edge pool in detail/topologyimport_pool.cpp,
// building the topology in detail/topologyimport_build.cpp and detail/topologyimport_mark.cpp.

#include "io/topologyimport.h"

#include "io/detail/topologyimport_p.h"

#include <QFile>
#include <QFileInfo>

namespace edgemap::topologyimport {

namespace {

using detail::Problem;

QString mebibytes(qint64 bytes)
{
    return QString::number(double(bytes) / (1024.0 * 1024.0), 'f', 1);
}

Error located(const QString &label, const detail::Place &at, const QString &message)
{
    return Error::at(label, at.line, at.column, message);
}

ImportResult failure(const QString &label, const QString &message)
{
    ImportResult result;
    result.error = Error::inFile(label, message);
    return result;
}

// An EdgeMap topology or a snapshot given where a topology export is expected is common enough
// to be named.
void refuseOtherFiles(const QByteArray &bytes)
{
    const QByteArray head = bytes.left(64).trimmed();
    if (head.startsWith('{') || head.startsWith("\xEF\xBB\xBF{"))
        detail::fail({1, 1}, QStringLiteral("not a topology export: this is JSON (an EdgeMap "
                                            "topology file? open it instead of importing it)"));
}

} // namespace

ImportResult importTopologyXml(const QByteArray &bytes, const ImportOptions &options)
{
    return importTopologyXml(bytes, options, Catalog::builtIn());
}

ImportResult importTopologyXml(const QByteArray &bytes, const ImportOptions &options,
                               const Catalog &catalog)
{
    if (bytes.isEmpty())
        return failure(options.label,
                       QStringLiteral("the file is empty; export the topology with "
                                      "Get-CsTopology -AsXml | Out-File topology.xml"));
    if (bytes.size() > kMaxFileSize)
        return failure(options.label,
                       QStringLiteral("refused: the file is %1 MiB; a topology export is at "
                                      "most %2 MiB")
                               .arg(mebibytes(bytes.size()))
                               .arg(kMaxFileSize / (1024 * 1024)));
    detail::Warnings warnings;
    ImportResult result;
    try {
        refuseOtherFiles(bytes);
        const detail::XmlDocument document = detail::readDocument(bytes);
        result = detail::importDocument(document, options, catalog, warnings);
    } catch (const Problem &problem) {
        result = ImportResult();
        result.error = located(options.label, problem.at, problem.message);
    }
    for (const Problem &w : warnings.all())
        result.warnings.append(located(options.label, w.at, w.message));
    return result;
}

ImportResult importTopologyFile(const QString &path, const ImportOptions &options)
{
    ImportOptions opts = options;
    if (opts.label.isEmpty())
        opts.label = path;
    if (QFileInfo(path).isDir())
        return failure(opts.label, QStringLiteral("cannot open the file: it is a directory"));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return failure(opts.label,
                       QStringLiteral("cannot open the file: %1").arg(file.errorString()));
    if (file.size() > kMaxFileSize)
        return failure(opts.label, QStringLiteral("refused: the file is %1 MiB; a topology "
                                                  "export is at most %2 MiB")
                                           .arg(mebibytes(file.size()))
                                           .arg(kMaxFileSize / (1024 * 1024)));
    // One byte past the limit: a device or a growing file may report a smaller size.
    const QByteArray bytes = file.read(kMaxFileSize + 1);
    if (file.error() != QFileDevice::NoError)
        return failure(opts.label,
                       QStringLiteral("cannot read the file: %1").arg(file.errorString()));
    return importTopologyXml(bytes, opts);
}

bool looksLikeTopologyXml(const QByteArray &head)
{
    return detail::hasTopologyRoot(head);
}

QString ImportSummary::text(const QList<Error> &warnings) const
{
    QString out = QStringLiteral("Imported from %1: %2\n").arg(shape, product);
    for (const Pool &pool : pools) {
        out += QStringLiteral("\nEdge pool %1 (site %2): %3 server(s), %4%5\n")
                       .arg(pool.fqdn, pool.site)
                       .arg(pool.servers.size())
                       .arg(pool.layout,
                            pool.xmpp ? QStringLiteral(", XMPP federation") : QString());
        for (const Server &s : pool.servers)
            out += QStringLiteral("  %1  internal %2  external %3\n")
                           .arg(s.fqdn, s.internalAddress,
                                s.externalAddresses.join(QStringLiteral(", ")));
        out += QStringLiteral("  Next hop: %1\n").arg(pool.nextHop);
        if (!pool.frontEnds.isEmpty())
            out += QStringLiteral("  Front End pools using it: %1\n")
                           .arg(pool.frontEnds.join(QStringLiteral(", ")));
        if (!pool.externalFqdns.isEmpty())
            out += QStringLiteral("  External FQDNs: %1\n")
                           .arg(pool.externalFqdns.join(QStringLiteral(", ")));
        out += pool.nonDefaultPorts.isEmpty()
                       ? QStringLiteral("  Ports: the defaults for this layout\n")
                       : QStringLiteral("  Ports not at their default:\n    %1\n")
                                 .arg(pool.nonDefaultPorts.join(QStringLiteral("\n    ")));
    }
    if (!skipped.isEmpty())
        out += QStringLiteral("\nOther Edge pools, not imported: %1\n")
                       .arg(skipped.join(QStringLiteral(", ")));
    if (!notTaken.isEmpty())
        out += QStringLiteral("\nNot imported:\n  %1\n").arg(notTaken.join(QStringLiteral("\n  ")));
    if (!warnings.isEmpty()) {
        out += QStringLiteral("\nWarnings:\n");
        for (const Error &w : warnings)
            out += QStringLiteral("  %1\n").arg(w.toString());
    }
    return out;
}

} // namespace edgemap::topologyimport
