#pragma once

#include <QList>
#include <QObject>

class QAction;
class QActionGroup;
class QMenu;

namespace edgemap {

class NativeCaptureSource;

// The window's entries for Capture This Computer (live/nativecapturesource.h): Capture This
// Computer, and Refresh This Computer ▸ Off / Every 5 s / …, the running interval checked. The
// entries stay owned by this object and follow the source's state.
class NativeCaptureMenu : public QObject
{
    Q_OBJECT

public:
    // The intervals the Refresh menu offers, in seconds.
    static QList<int> refreshChoices();

    explicit NativeCaptureMenu(NativeCaptureSource &source, QObject *parent = nullptr);
    ~NativeCaptureMenu() override;

    // Adds the entries to the Snapshot menu.
    void populateMenu(QMenu *menu);
    QAction *captureAction() const { return m_captureAction; }

private:
    void updateActions();

    NativeCaptureSource &m_source;
    QAction *m_captureAction;
    QActionGroup *m_refreshGroup;
    QList<QAction *> m_refreshActions; // Off, then one per refreshChoices()
};

} // namespace edgemap
