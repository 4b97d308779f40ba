#include "document.h"

namespace edgemap {

Document::Document(Topology topology, QObject *parent)
    : QObject(parent)
    , m_topology(std::move(topology))
{}

void Document::resetTopology(Topology topology, const QString &filePath)
{
    m_topology = std::move(topology);
    setFilePath(filePath);
    setModified(false);
    Q_EMIT topologyReset();
}

void Document::setFilePath(const QString &path)
{
    if (m_filePath == path)
        return;
    m_filePath = path;
    Q_EMIT filePathChanged(path);
}

void Document::setModified(bool modified)
{
    if (m_modified == modified)
        return;
    m_modified = modified;
    Q_EMIT modifiedChanged(modified);
}

} // namespace edgemap
