#include "live/nativecapturesource.h"

#include "live/captureprofiles.h"
#include "live/snapshotcontroller.h"
#include "live/sourcestate.h"
#include "snapshot/nativecapture.h"

#include <algorithm>

namespace edgemap {

bool NativeCaptureSource::isAvailable()
{
    return nativecapture::isAvailable();
}

NativeCaptureSource::NativeCaptureSource(SnapshotController &controller, QObject *parent,
                                         CaptureFunction capture)
    : QObject(parent)
    , m_controller(controller)
    , m_capture(capture ? std::move(capture) : CaptureFunction(&nativecapture::capture))
{
    connect(&m_timer, &QTimer::timeout, this, [this] { run(false); });
    // Only the answers to our own requests count: the user may open a file meanwhile.
    connect(&controller, &SnapshotController::finished, this, [this](const SnapshotSource &source) {
        if (m_loading && source == SnapshotSource::thisComputer())
            loadEnded(QString());
    });
    connect(&controller, &SnapshotController::failed, this,
            [this](const SnapshotSource &source, const QString &message) {
                if (m_loading && source == SnapshotSource::thisComputer())
                    loadEnded(message);
            });
    connect(&controller, &SnapshotController::cancelled, this,
            [this](const SnapshotSource &source) {
                if (source == SnapshotSource::thisComputer())
                    m_loading = false; // cancelled from the status bar; the next tick tries again
            });
}

NativeCaptureSource::~NativeCaptureSource() = default;

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
    Q_EMIT refreshChanged();
    emitState();
    run(false);
}

void NativeCaptureSource::stopRefreshing()
{
    if (!isRefreshing())
        return;
    m_timer.stop();
    m_refreshSeconds = 0;
    Q_EMIT refreshChanged();
    const SnapshotSource source = SnapshotSource::thisComputer();
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
    const SnapshotSource source = SnapshotSource::thisComputer();
    m_controller.openRead(source,
                          [capture = m_capture, label = source.text()] { return capture(label); });
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
    Q_EMIT stateChanged(SnapshotSource::thisComputer(), state, stale);
}

} // namespace edgemap
