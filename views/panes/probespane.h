#pragma once

#include "statusstyle.h"

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTabWidget;
class QTableView;
class QTextBrowser;
class QTreeWidget;

namespace edgemap {

class Document;
class ProbeTableModel;

// The "Probes" dock pane: the last probe run's facts (from which computer and addresses, when,
// which side, which resolver, how long each probe waited), its progress and Cancel while it
// runs, every probe with its verdict (a click selects the listener everywhere), the details of
// the probe selected (the certificate, the MS-TURN answer, the findings), the DNS checks and
// what was not probed and why. Without a run it says what a run does and offers one.
class ProbesPane : public QWidget
{
    Q_OBJECT

public:
    explicit ProbesPane(const Document &document, QWidget *parent = nullptr);

    ProbeTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QString factsText() const;
    QString detailsText() const;
    QTabWidget *tabs() const { return m_tabs; }
    // "Probes (3)": the problems and certificate findings of the last run.
    QString title() const;

    void setStatusPalette(StatusPalette palette);

public Q_SLOTS:
    // A run started (`total` probes and look-ups), moved on, ended.
    void runStarted(int total);
    void runProgress(int done, int total);
    void runFinished();

Q_SIGNALS:
    void probeRequested();
    void cancelRequested();
    void titleChanged(const QString &title);

private:
    void reload();
    void showDetails();
    void activate(const QModelIndex &index);

    const Document &m_document;
    ProbeTableModel *m_model;
    QSortFilterProxyModel *m_sorted;
    QLabel *m_facts;
    QLabel *m_empty;
    QProgressBar *m_progress;
    QPushButton *m_probe;
    QPushButton *m_cancel;
    QStackedWidget *m_stack;
    QTabWidget *m_tabs;
    QTableView *m_view;
    QTextBrowser *m_details;
    QTreeWidget *m_dns;
    QTreeWidget *m_skipped;
};

} // namespace edgemap
