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

void Document::setCheck(std::shared_ptr<const CheckResult> check)
{
    m_check = std::move(check);
    Q_EMIT checkChanged();
}

const ListenerVerdict *Document::verdict(const ListenerId &listener) const
{
    if (!m_check || !m_check->ok())
        return nullptr;
    return m_check->judgement.verdict(listener);
}

} // namespace edgemap
