#include "window/nativecapturemenu.h"

#include "live/captureprofiles.h"
#include "live/nativecapturesource.h"
#include "live/sourcestate.h"

#include <QAction>
#include <QActionGroup>
#include <QMenu>

namespace edgemap {

QList<int> NativeCaptureMenu::refreshChoices()
{
    return {captureprofiles::kMinInterval, 15, 60, 5 * 60};
}

NativeCaptureMenu::NativeCaptureMenu(NativeCaptureSource &source, QObject *parent)
    : QObject(parent)
    , m_source(source)
    , m_captureAction(new QAction(tr("Capture &This Computer"), this))
    , m_refreshGroup(new QActionGroup(this))
{
    m_captureAction->setObjectName(QStringLiteral("captureThisComputerAction"));
    m_captureAction->setStatusTip(tr("Read the sockets, their processes and services of this "
                                     "computer directly (no netstat) and check them"));
    connect(m_captureAction, &QAction::triggered, &m_source, &NativeCaptureSource::captureNow);

    QAction *off = new QAction(tr("&Off"), this);
    off->setObjectName(QStringLiteral("refreshThisComputerOff"));
    connect(off, &QAction::triggered, &m_source, &NativeCaptureSource::stopRefreshing);
    m_refreshActions.append(off);
    for (int seconds : refreshChoices()) {
        QAction *every = new QAction(tr("Every %1").arg(sourcestate::duration(seconds)), this);
        every->setObjectName(QStringLiteral("refreshThisComputer%1").arg(seconds));
        connect(every, &QAction::triggered, this,
                [this, seconds] { m_source.startRefreshing(seconds); });
        m_refreshActions.append(every);
    }
    for (QAction *a : std::as_const(m_refreshActions)) {
        a->setCheckable(true);
        m_refreshGroup->addAction(a);
    }
    connect(&m_source, &NativeCaptureSource::refreshChanged, this,
            &NativeCaptureMenu::updateActions);
    updateActions();
}

NativeCaptureMenu::~NativeCaptureMenu() = default;

void NativeCaptureMenu::populateMenu(QMenu *menu)
{
    menu->addAction(m_captureAction);
    QMenu *refresh = menu->addMenu(tr("&Refresh This Computer"));
    refresh->setObjectName(QStringLiteral("refreshThisComputerMenu"));
    refresh->addActions(m_refreshActions);
}

void NativeCaptureMenu::updateActions()
{
    const QList<int> choices = refreshChoices();
    const auto index = choices.indexOf(m_source.refreshSeconds());
    if (m_source.isRefreshing() && index < 0) { // an interval the menu does not offer
        m_refreshGroup->setExclusive(false);
        for (QAction *a : std::as_const(m_refreshActions))
            a->setChecked(false);
        m_refreshGroup->setExclusive(true);
        return;
    }
    m_refreshActions.at(index + 1)->setChecked(true); // index -1: Off
}

} // namespace edgemap
