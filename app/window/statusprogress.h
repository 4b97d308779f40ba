#pragma once

#include <QWidget>

class QProgressBar;
class QToolButton;

namespace edgemap {

// A background job's progress in the status bar: a bar and its Cancel button, shown only while
// the job runs. Snapshot reading and probe runs each have one (SnapshotUi, ProbeActions), so
// that both can run at once and each can be cancelled on its own.
class StatusProgress : public QWidget
{
    Q_OBJECT

public:
    // `format`: the bar's text (QProgressBar::setFormat: "%p%", "Probing %v of %m");
    // `cancelText`: the button's.
    StatusProgress(const QString &format, const QString &cancelText, QWidget *parent = nullptr);

    // Shown or hidden; the caller sets the progress a new run starts from (setProgress).
    void setRunning(bool running);
    bool isRunning() const;
    // `done` of `total`; a total of 0 counts as 1.
    void setProgress(int done, int total);
    QProgressBar *bar() const { return m_bar; }
    QToolButton *cancelButton() const { return m_cancel; }

Q_SIGNALS:
    void cancelRequested();

private:
    QProgressBar *m_bar;
    QToolButton *m_cancel;
};

} // namespace edgemap
