#pragma once

#include "core/elementref.h"
#include "panes/keyedtablemodel.h"
#include "snapshot/findings.h"
#include "statusstyle.h"

#include <QList>

namespace edgemap {

class Document;
struct CheckResult;

// What is wrong, worst first, in the admin's words: services that listen nowhere (one finding
// each, instead of one "missing" per listener), expected listeners with a problem status
// (missing and wrong process/address, then exposed and unknown), hardening warnings (Remote
// Desktop on the external interface), scenarios they break, then the sockets no listener of the
// topology explains (well-known Windows ports explained). Each row refers to the thing to show
// (ElementRef).
//
// Built from Document::verdict() for the listeners and from the current check for scenarios and
// unexpected sockets. On every change of the topology and of the checks the rows are brought
// up to date in place (rows removed, inserted, moved or updated), so that the list keeps its
// selection and scroll while snapshots arrive.
class ProblemsModel : public KeyedTableModel
{
    Q_OBJECT

public:
    enum Column { StatusColumn, ProblemColumn, ServerColumn, ColumnCount };
    enum Role { RefRole = Qt::UserRole + 1, KindRole };
    enum class Kind { Listener, Scenario, Unexpected, Service, Hardening };
    // Why the list is what it is; the pane shows a message instead of an empty list.
    enum class State { NoSnapshot, SnapshotFailed, AllWell, Problems };

    explicit ProblemsModel(const Document &document, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    ElementRef refAt(int row) const;
    // Row of the first entry with this reference (for a listener of a service that is down, the
    // service's finding), -1 when none.
    int rowOf(const ElementRef &ref) const;

    State state() const { return m_state; }
    // What to show instead of the list (empty when there are rows to show).
    QString emptyMessage() const;
    // "1 service down, 2 listeners with problems, 1 broken scenario, 1 warning, 16 unexpected
    // sockets"
    QString summary() const;
    // Services down, listener problems (a down service's listeners not counted again: they are
    // its one finding) and broken scenarios: what the dock title counts. Warnings and unexpected
    // sockets are listed but not counted, as in `edgemap check` (they only fail it with
    // --strict).
    int problemCount() const
    {
        return m_counts.servicesDown + m_counts.otherProblems + m_counts.brokenScenarios;
    }
    int warningCount() const { return m_counts.warnings; }
    int unexpectedCount() const { return m_counts.unexpected; }
    // What the list holds, counted as countFindings counts a judgement (the rows of listeners
    // checked and OK are not counted here: `listeners` and `ok` stay 0).
    const FindingCounts &counts() const { return m_counts; }
    // "1 service down, 2 listeners with problems, ..." for any counts: the status bar says the
    // same as this pane.
    static QString summaryOf(const FindingCounts &counts);

    void setStatusPalette(StatusPalette palette);

Q_SIGNALS:
    // The problems or the unexpected sockets counted differently; `problems` is problemCount().
    void countChanged(int problems);
    // The rows, the state and the summary are up to date after a change of the document.
    void updated();

private:
    struct Entry
    {
        Kind kind = Kind::Listener;
        int rank = 0; // sort order: lower first
        QString text;
        QString toolTip;
        QString server;
        ElementRef ref;
        ListenerStatus status = ListenerStatus::NotChecked;

        QString key() const;
        bool operator==(const Entry &) const = default;
    };

    // The entries for the document as it is now; sets the counts and the state.
    QList<Entry> build();
    void addListenerProblems(QList<Entry> &entries);
    void addCheck(const CheckResult &check, QList<Entry> &entries);
    StatusStyle styleOf(const Entry &entry) const;

    const Document &m_document;
    QList<Entry> m_entries;
    State m_state = State::NoSnapshot;
    QString m_error;
    FindingCounts m_counts;
    StatusPalette m_palette;
};

} // namespace edgemap
