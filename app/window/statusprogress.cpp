#include "window/statusprogress.h"

#include <QHBoxLayout>
#include <QProgressBar>
#include <QToolButton>

#include <algorithm>

namespace edgemap {

StatusProgress::StatusProgress(const QString &format, const QString &cancelText, QWidget *parent)
    : QWidget(parent)
    , m_bar(new QProgressBar(this))
    , m_cancel(new QToolButton(this))
{
    m_bar->setMaximumWidth(180);
    m_bar->setFormat(format);
    m_bar->setTextVisible(true);
    m_cancel->setText(cancelText);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    connect(m_cancel, &QToolButton::clicked, this, &StatusProgress::cancelRequested);
    hide();
}

void StatusProgress::setRunning(bool running)
{
    setVisible(running);
}

bool StatusProgress::isRunning() const
{
    return !isHidden();
}

void StatusProgress::setProgress(int done, int total)
{
    m_bar->setMaximum(std::max(1, total));
    m_bar->setValue(std::clamp(done, 0, std::max(1, total)));
}

} // namespace edgemap
