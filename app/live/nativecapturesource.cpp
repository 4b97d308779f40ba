#include "live/nativecapturesource.h"

#include "live/captureprofiles.h"
#include "live/snapshotcontroller.h"
#include "live/sourcestate.h"
#include "snapshot/nativecapture.h"

#include <QAction>
#include <QActionGroup>
#include <QMenu>

#include <algorithm>

namespace edgemap {

bool NativeCaptureSource::isAvailable()
{
    return nativecapture::isAvailable();
}

QString NativeCaptureSource::sourceLabel()
{
    return tr("This computer (native capture)");
}

QList<int> NativeCaptureSource::refreshChoices()
{
    return {captureprofiles::kMinInterval, 15, 60, 5 * 60};
}

NativeCaptureSource::NativeCaptureSource(SnapshotController &controller, QObject *parent,
                                         CaptureFunction capture)
    : QObject(parent)
    , m_controller(controller)
    , m_capture(capture ? std::move(capture) : CaptureFunction(&nativecapture::capture))
    , m_captureAction(new QAction(tr("Capture &This Computer"), this))
    , m_refreshGroup(new QActionGroup(this))
{
    m_captureAction->setObjectName(QStringLiteral("captureThisComputerAction"));
    m_captureAction->setStatusTip(tr("Read the sockets, their processes and services of this "
                                     "computer directly (no netstat) and check them"));
    connect(m_captureAction, &QAction::triggered, this, &NativeCaptureSource::captureNow);

    QAction *off = new QAction(tr("&Off"), this);
    off->setObjectName(QStringLiteral("refreshThisComputerOff"));
    connect(off, &QAction::triggered, this, &NativeCaptureSource::stopRefreshing);
    m_refreshActions.append(off);
    for (int seconds : refreshChoices()) {
        QAction *every = new QAction(tr("Every %1").arg(sourcestate::duration(seconds)), this);
        every->setObjectName(QStringLiteral("refreshThisComputer%1").arg(seconds));
        connect(every, &QAction::triggered, this, [this, seconds] { startRefreshing(seconds); });
        m_refreshActions.append(every);
    }
    for (QAction *a : std::as_const(m_refreshActions)) {
        a->setCheckable(true);
        m_refreshGroup->addAction(a);
    }

    connect(&m_timer, &QTimer::timeout, this, [this] { run(false); });
    // Only the answers to our own requests count: the user may open a file meanwhile.
    connect(&controller, &SnapshotController::finished, this, [this](const QString &source) {
        if (m_loading && source == sourceLabel())
            loadEnded(QString());
    });
    connect(&controller, &SnapshotController::failed, this,
            [this](const QString &source, const QString &message) {
                if (m_loading && source == sourceLabel())
                    loadEnded(message);
            });
    connect(&controller, &SnapshotController::cancelled, this, [this](const QString &source) {
        if (source == sourceLabel())
            m_loading = false; // cancelled from the status bar; the next tick tries again
    });
    updateActions();
}

NativeCaptureSource::~NativeCaptureSource() = default;

void NativeCaptureSource::populateMenu(QMenu *menu)
{
    menu->addAction(m_captureAction);
    QMenu *refresh = menu->addMenu(tr("&Refresh This Computer"));
    refresh->setObjectName(QStringLiteral("refreshThisComputerMenu"));
    refresh->addActions(m_refreshActions);
}

void NativeCaptureSource::captureNow()
{
    run(true);
}

void NativeCaptureSource::startRefreshing(int seconds)
{
    seconds = std::clamp(seconds, captureprofiles::kMinInterval, captureprofiles::kMaxInterval);
    m_refreshSeconds = seconds;
    m_lastGood = {};
    m_error.clear();
    m_timer.start(m_intervalOverrideMs > 0 ? m_intervalOverrideMs : seconds * 1000);
    updateActions();
    emitState();
    run(false);
}

void NativeCaptureSource::stopRefreshing()
{
    if (!isRefreshing())
        return;
    m_timer.stop();
    m_refreshSeconds = 0;
    updateActions();
    const QString source = sourceLabel();
    Q_EMIT stateChanged(source, QString(), false);
    Q_EMIT sourceStopped(source);
}

void NativeCaptureSource::run(bool userAsked)
{
    if (m_loading) {
        // The capture under way answers this request too; never two at once.
        m_userAsked = m_userAsked || userAsked;
        return;
    }
    m_loading = true;
    m_userAsked = userAsked;
    const QString label = sourceLabel();
    m_controller.openRead(label, [capture = m_capture, label] { return capture(label); });
}

void NativeCaptureSource::loadEnded(const QString &error)
{
    const bool userAsked = m_userAsked;
    m_loading = false;
    m_userAsked = false;
    m_error = error;
    if (error.isEmpty())
        m_lastGood = QDateTime::currentDateTimeUtc();
    if (isRefreshing())
        emitState();
    if (!error.isEmpty() && userAsked)
        Q_EMIT errorOccurred(tr("Cannot capture this computer: %1").arg(error));
}

void NativeCaptureSource::emitState()
{
    bool stale = false;
    const QString state = sourcestate::captureState(m_refreshSeconds, m_error, m_lastGood, &stale);
    Q_EMIT stateChanged(sourceLabel(), state, stale);
}

void NativeCaptureSource::updateActions()
{
    const QList<int> choices = refreshChoices();
    const auto index = choices.indexOf(m_refreshSeconds);
    if (isRefreshing() && index < 0) { // an interval the menu does not offer: none is checked
        m_refreshGroup->setExclusive(false);
        for (QAction *a : std::as_const(m_refreshActions))
            a->setChecked(false);
        m_refreshGroup->setExclusive(true);
        return;
    }
    m_refreshActions.at(index + 1)->setChecked(true); // index -1: Off
}

} // namespace edgemap
