#include "itemactivation.h"

#include <QAbstractItemView>
#include <QEvent>
#include <QKeyEvent>

namespace edgemap {

namespace {

class EnterFilter : public QObject
{
public:
    EnterFilter(QAbstractItemView *view, std::function<void(const QModelIndex &)> activate)
        : QObject(view)
        , m_view(view)
        , m_activate(std::move(activate))
    {}

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == m_view && event->type() == QEvent::KeyPress) {
            const int key = static_cast<QKeyEvent *>(event)->key();
            if ((key == Qt::Key_Return || key == Qt::Key_Enter)
                && m_view->currentIndex().isValid()) {
                m_activate(m_view->currentIndex());
                return true;
            }
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QAbstractItemView *m_view;
    std::function<void(const QModelIndex &)> m_activate;
};

} // namespace

void onItemActivated(QAbstractItemView *view, std::function<void(const QModelIndex &)> activate)
{
    view->installEventFilter(new EnterFilter(view, activate));
    QObject::connect(view, &QAbstractItemView::clicked, view, std::move(activate));
}

} // namespace edgemap
