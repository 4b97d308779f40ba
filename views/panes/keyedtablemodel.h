#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QModelIndexList>
#include <QSet>

#include <algorithm>
#include <functional>
#include <utility>

namespace edgemap {

// A flat table whose rows each have a key (a listener, a scenario on a server...). When what the
// table shows changes, syncRows() brings the rows to their new list with the fewest model
// signals: rows whose key is gone are removed, new ones inserted at their place, survivors
// re-ordered (a layout change that keeps persistent indexes on their rows) and, where their
// content changed, updated. A view over it keeps its selection, current row and scroll, which a
// model reset would lose.
class KeyedTableModel : public QAbstractTableModel
{
public:
    using QAbstractTableModel::QAbstractTableModel;

protected:
    // Brings `rows` to `fresh`. `keyOf(row)` names a row; Row needs operator== to tell a changed
    // row. `changed` runs after each change of `rows`, before the views hear of it (a model that
    // keeps an index of its rows rebuilds it there). Keys repeated within either list (a file
    // that repeats an id) cannot be matched: the model is then reset.
    template<typename Row, typename KeyOf>
    void syncRows(QList<Row> &rows, QList<Row> fresh, KeyOf keyOf,
                  const std::function<void()> &changed = {})
    {
        using Key = std::decay_t<decltype(keyOf(std::declval<const Row &>()))>;
        const auto notify = [&] {
            if (changed)
                changed();
        };
        QHash<Key, int> freshRow;
        for (int i = 0; i < int(fresh.size()); ++i)
            freshRow.insert(keyOf(fresh[i]), i);
        QSet<Key> current;
        for (const Row &r : rows)
            current.insert(keyOf(r));
        if (freshRow.size() != fresh.size() || current.size() != rows.size()) {
            beginResetModel();
            rows = std::move(fresh);
            notify();
            endResetModel();
            return;
        }
        // 1. Rows whose key is gone, in runs from the end.
        for (int row = int(rows.size()) - 1; row >= 0;) {
            if (freshRow.contains(keyOf(rows[row]))) {
                --row;
                continue;
            }
            int first = row;
            while (first > 0 && !freshRow.contains(keyOf(rows[first - 1])))
                --first;
            beginRemoveRows({}, first, row);
            rows.remove(first, row - first + 1);
            notify();
            endRemoveRows();
            row = first - 1;
        }
        // 2. The survivors in their new order.
        const auto before = [&](const Row &a, const Row &b) {
            return freshRow.value(keyOf(a)) < freshRow.value(keyOf(b));
        };
        if (!std::is_sorted(rows.begin(), rows.end(), before)) {
            Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
            QList<Row> old = rows;
            std::stable_sort(rows.begin(), rows.end(), before);
            QHash<Key, int> newRow;
            for (int i = 0; i < int(rows.size()); ++i)
                newRow.insert(keyOf(rows[i]), i);
            notify();
            const QModelIndexList persistent = persistentIndexList();
            for (const QModelIndex &p : persistent)
                changePersistentIndex(p, index(newRow.value(keyOf(old[p.row()])), p.column()));
            Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
        }
        // 3. New rows at their place, in runs.
        for (int i = 0; i < int(fresh.size());) {
            if (current.contains(keyOf(fresh[i]))) {
                ++i;
                continue;
            }
            int last = i;
            while (last + 1 < int(fresh.size()) && !current.contains(keyOf(fresh[last + 1])))
                ++last;
            beginInsertRows({}, i, last);
            for (int k = i; k <= last; ++k)
                rows.insert(k, fresh[k]);
            notify();
            endInsertRows();
            i = last + 1;
        }
        // 4. Survivors whose content changed, in runs.
        const int columns = columnCount();
        for (int i = 0; i < int(fresh.size());) {
            if (rows[i] == fresh[i]) {
                ++i;
                continue;
            }
            int last = i;
            rows[i] = fresh[i];
            while (last + 1 < int(fresh.size()) && !(rows[last + 1] == fresh[last + 1])) {
                ++last;
                rows[last] = fresh[last];
            }
            notify();
            Q_EMIT dataChanged(index(i, 0), index(last, columns - 1));
            i = last + 1;
        }
    }
};

} // namespace edgemap
