// DiagramScene: the "changed" marks, like TCPView's new and closed connections: a chip whose
// verdict differs from its server's previous snapshot, or an unexpected socket that was not in
// it, gets an outline and a badge; the tooltip says what changed.
#include "diagramscene.h"

#include "document.h"

namespace edgemap {

void DiagramScene::markChanges()
{
    for (auto it = m_chips.cbegin(); it != m_chips.cend(); ++it) {
        const StatusChange *change = m_document.checks().changeOf(ListenerId(it.key()));
        if (change)
            it.value()->setChange(
                    changeBadge(*change),
                    tr("Changed since the previous snapshot: %1").arg(changeText(*change)));
        else
            it.value()->setChange({}, {});
    }
    for (auto it = m_unexpectedOf.cbegin(); it != m_unexpectedOf.cend(); ++it) {
        const SnapshotDiff *diff = m_document.checks().changesFor(it->server);
        const UnexpectedListener &u = it->socket;
        if (diff && diff->hasAppeared(u.transport, u.address, u.port))
            it.key()->setChange(tr("new"), tr("New since the previous snapshot of this server."));
        else
            it.key()->setChange({}, {});
    }
}

QList<ChipItem *> DiagramScene::changedChips() const
{
    QList<ChipItem *> result;
    for (const DiagramLayout::Chip &c : m_layout.chips)
        if (auto *chip = static_cast<ChipItem *>(m_items.value(c.key)); chip && chip->isChanged())
            result.append(chip);
    return result;
}

} // namespace edgemap
