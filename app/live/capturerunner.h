#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTimer>

namespace edgemap {

class SnapshotController;

// A user-defined capture command: a program and its arguments, run without a shell (so nothing
// in them is interpreted), e.g. `ssh edge01 netstat -ano` or `pwsh -File Get-EdgeMapSnapshot.ps1`.
// Profiles live in the user's settings, never in topology or snapshot files.
struct CaptureProfile
{
    QString name;
    QString program;
    QStringList arguments;
    int intervalSeconds = 0; // 0: run once
    int timeoutSeconds = 60;
    friend bool operator==(const CaptureProfile &, const CaptureProfile &) = default;
};

// Runs a capture profile (once or at its interval) and feeds its standard output to the
// SnapshotController as SnapshotSource::capture(profile name) (without one, only hands the output
// over: "Test now" in the profile dialog). A run that fails to start, times out, exits non-zero or
// prints too much is reported with the reason (and what the program wrote to standard error); the
// document keeps its last good check. A run never overlaps the previous one, and stop() reports
// nothing.
class CaptureRunner : public QObject
{
    Q_OBJECT

public:
    explicit CaptureRunner(SnapshotController &controller, QObject *parent = nullptr);
    explicit CaptureRunner(QObject *parent = nullptr);
    ~CaptureRunner() override;

    void start(const CaptureProfile &profile);
    void stop();
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    // Runs are scheduled at the profile's interval (until stop()).
    bool isScheduled() const { return m_interval.isActive(); }
    const CaptureProfile &profile() const { return m_profile; }
    // Tests: run every `ms` milliseconds instead of the profile's interval; 0: the profile's.
    void setIntervalOverride(int ms) { m_intervalOverrideMs = ms; }

    // Standard output larger than this is refused (a capture is a few megabytes at most).
    static constexpr qint64 kMaxOutputBytes = 256ll * 1024 * 1024;

Q_SIGNALS:
    void output(const QString &profileName, const QByteArray &bytes); // a run succeeded
    void captured(const QString &profileName); // output handed to the controller
    void failed(const QString &profileName, const QString &message);

private:
    void runOnce();
    void processFinished(int exitCode, QProcess::ExitStatus status);
    void fail(const QString &message);

    SnapshotController *m_controller = nullptr;
    CaptureProfile m_profile;
    QProcess m_process;
    QTimer m_interval;
    QTimer m_timeout;
    QByteArray m_output;
    bool m_tooLarge = false;
    bool m_timedOut = false;
    bool m_stopping = false;
    int m_intervalOverrideMs = 0;
};

} // namespace edgemap
