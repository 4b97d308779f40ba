// DiagramScene: the "changed" marks, like TCPView's new and closed connections: a chip whose
// verdict differs from its server's previous snapshot, or an unexpected socket that was not in
// it, gets an outline and a badge; the tooltip says what changed.
#include "diagram/diagramscene.h"

namespace edgemap {

// The marks are part of the look (applyChecks() in diagramlook.cpp), shared with the exports.
void DiagramScene::markChanges()
{
    applyLook();
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
