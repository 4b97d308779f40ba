#pragma once

#include "topology.h"

#include <QObject>
#include <QString>

namespace edgemap {

// The open topology and its file: the one object the GUI's views observe. It owns the model and
// announces every change through signals (the scene, tree and tables never poll it).
class Document : public QObject
{
    Q_OBJECT

public:
    explicit Document(Topology topology, QObject *parent = nullptr);

    const Topology &topology() const { return m_topology; }
    // Replaces the whole topology (open, new); clears the modified flag.
    void resetTopology(Topology topology, const QString &filePath);

    QString filePath() const { return m_filePath; }
    void setFilePath(const QString &path);

    bool isModified() const { return m_modified; }
    void setModified(bool modified);

Q_SIGNALS:
    void topologyReset();
    void filePathChanged(const QString &path);
    void modifiedChanged(bool modified);

private:
    Topology m_topology;
    QString m_filePath;
    bool m_modified = false;
};

} // namespace edgemap
