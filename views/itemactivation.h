#pragma once

#include <QModelIndex>

#include <functional>

class QAbstractItemView;

namespace edgemap {

// Calls `activate` when the user activates a row of `view`: a click, or Enter / Return on the
// current row, on every platform. (QAbstractItemView::activated is a double click on some styles
// and a single click on others, where it fires together with clicked.) Selecting a row by other
// means (the keyboard's arrows, code) is not an activation. The handler lives as long as `view`.
void onItemActivated(QAbstractItemView *view, std::function<void(const QModelIndex &)> activate);

} // namespace edgemap
