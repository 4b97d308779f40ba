#pragma once

#include "core/elementref.h"
#include "statusstyle.h"

#include <QWidget>

class QLabel;
class QStackedWidget;
class QTreeView;

namespace edgemap {

class Document;
class ProblemsModel;
class Selection;

// The problems of the current check as a dock pane: a one-line summary over the list, worst
// first; a click or Enter on a row makes its element the document's Selection, and a selection
// made elsewhere selects its first problem. Without rows it
// says why instead: no snapshot yet (and how to load one), the snapshot failed (its error), or
// everything is up.
class ProblemsPane : public QWidget
{
    Q_OBJECT

public:
    explicit ProblemsPane(const Document &document, QWidget *parent = nullptr);

    ProblemsModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    // The text shown above the list, or instead of it when there are no rows.
    QString message() const;
    bool isShowingMessage() const;

    // For the dock title: "Problems (3)".
    int problemCount() const;
    QString title() const;

    void setStatusPalette(StatusPalette palette);

Q_SIGNALS:
    void countChanged(int problems);

private:
    void activate(const QModelIndex &index);
    void showState();
    void follow(const ElementRef &ref);

    Selection *m_selection = nullptr;
    ProblemsModel *m_model = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_empty = nullptr;
    QTreeView *m_view = nullptr;
    QStackedWidget *m_stack = nullptr;
    // The row the user was on, kept across a rebuild; unexpected sockets of one server share
    // their reference, so the text tells them apart.
};

} // namespace edgemap
