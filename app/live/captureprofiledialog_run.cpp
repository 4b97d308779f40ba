// "Test now" in the capture profile dialog: run the selected profile once, read its output the
// way a loaded snapshot is read (off the GUI thread: it may be megabytes), and say what came back.
#include "live/captureprofiledialog.h"

#include "live/captureprofiles.h"
#include "snapshot/snapshotfile.h"

#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QtConcurrent/QtConcurrentRun>

namespace edgemap {

namespace {

QString summarise(const QByteArray &bytes, const QString &name)
{
    const snapshotfile::ReadResult read = snapshotfile::parse(bytes, name);
    const QString size = QLocale().formattedDataSize(bytes.size());
    if (!read.ok())
        return CaptureProfileDialog::tr("The command ran, but its output (%1) is not a snapshot "
                                        "EdgeMap can read:\n%2")
                .arg(size, read.error.toString());
    const Snapshot &s = *read.snapshot;
    QStringList lines;
    // Spelt out: without a translation loaded, tr()'s %n would show "row(s)".
    lines << (s.rows.size() == 1
                      ? CaptureProfileDialog::tr("1 socket row recognised")
                      : CaptureProfileDialog::tr("%1 socket rows recognised").arg(s.rows.size()))
          << CaptureProfileDialog::tr("Format: %1, %2 (%3)").arg(s.format, s.encoding, size);
    if (!s.header.host.isEmpty())
        lines << CaptureProfileDialog::tr("Host: %1").arg(s.header.host);
    if (!s.hasProcesses)
        lines << CaptureProfileDialog::tr("No process names (netstat -b or the PowerShell script "
                                          "would add them).");
    if (!s.hasUdp)
        lines << CaptureProfileDialog::tr("No UDP endpoints: UDP listeners will be unknown.");
    if (s.unrecognisedLines > 0)
        lines << CaptureProfileDialog::tr("Lines not recognised: %1, the first at line %2")
                         .arg(s.unrecognisedLines)
                         .arg(s.firstUnrecognisedLine);
    lines << CaptureProfileDialog::tr("Not loaded: start the capture from the Snapshot menu.");
    return lines.join(QLatin1Char('\n'));
}

} // namespace

bool CaptureProfileDialog::isTesting() const
{
    return m_testRunner.isRunning() || m_parse.isRunning();
}

QString CaptureProfileDialog::testResult() const
{
    return m_result->toPlainText();
}

void CaptureProfileDialog::testNow()
{
    if (isTesting()) {
        m_testRunner.stop();
        m_parse.cancel();
        m_result->setPlainText(tr("Stopped."));
        refreshState();
        return;
    }
    const int row = currentRow();
    if (row < 0 || !problemOf(row).isEmpty())
        return;
    CaptureProfile once = m_entries.at(row).profile;
    once.intervalSeconds = 0;
    const QString scriptProblem = captureprofiles::prepare(once);
    if (!scriptProblem.isEmpty()) {
        showTestFailure(scriptProblem);
        return;
    }
    m_result->setPlainText(tr("Running %1\u2026").arg(once.program));
    m_testRunner.start(once);
    refreshState();
}

void CaptureProfileDialog::showOutput(const QString &name, const QByteArray &bytes)
{
    m_result->setPlainText(tr("Reading the output\u2026"));
    m_parse.setFuture(QtConcurrent::run(summarise, bytes, name));
    refreshState();
}

void CaptureProfileDialog::showTestFailure(const QString &message)
{
    m_result->setPlainText(tr("Failed: %1").arg(message));
    refreshState();
    Q_EMIT testFinished();
}

} // namespace edgemap
