#pragma once

#include "core/elementref.h"
#include "panes/keyedtablemodel.h"
#include "probe/probeverdict.h"
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
    // The last three come from Probe from Here: a listener that does not work from here, a
    // certificate finding, a scenario broken from here that no snapshot reports broken.
    enum class Kind {
        Listener,
        Scenario,
        Unexpected,
        Service,
        Hardening,
        ProbeListener,
        Certificate,
        ProbeScenario
    };
    // What the rows from the last probe run count.
    struct FromHereCounts
    {
        int listeners = 0;           // listeners whose verdict from here is a problem
        int certificateErrors = 0;   // certificate findings that are errors
        int certificateWarnings = 0; // ... and warnings
        int brokenScenarios = 0;     // broken from here, not already broken in a snapshot
        int problems() const { return listeners + certificateErrors + brokenScenarios; }
        friend bool operator==(const FromHereCounts &, const FromHereCounts &) = default;
    };
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
        return m_counts.servicesDown + m_counts.otherProblems + m_counts.brokenScenarios
               + m_fromHere.problems();
    }
    int warningCount() const { return m_counts.warnings + m_fromHere.certificateWarnings; }
    int unexpectedCount() const { return m_counts.unexpected; }
    // What the list holds, counted as countFindings counts a judgement (the rows of listeners
    // checked and OK are not counted here: `listeners` and `ok` stay 0).
    const FindingCounts &counts() const { return m_counts; }
    // The rows from the last probe run, counted.
    const FromHereCounts &fromHereCounts() const { return m_fromHere; }
    // The same for any document, as this pane would count them: for the status bar.
    static FromHereCounts fromHereCountsOf(const Document &document);
    // "1 service down, 2 listeners with problems, ..." for any counts: the status bar says the
    // same as this pane. With a probe run: "...; from here: 1 listener with a problem, 2
    // certificate findings, 1 broken scenario".
    static QString summaryOf(const FindingCounts &counts, const FromHereCounts &fromHere);
    // The "from here: ..." part alone; empty when the run found nothing.
    static QString fromHereSummary(const FromHereCounts &fromHere);

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
        CombinedKind probe = CombinedKind::NotProbed; // ProbeListener
        bool error = false;                           // Certificate: an error, not a warning

        QString key() const;
        bool operator==(const Entry &) const = default;
    };

    // The entries for the document as it is now; sets the counts and the state.
    QList<Entry> build();
    void addListenerProblems(QList<Entry> &entries);
    void addCheck(const CheckResult &check, QList<Entry> &entries);
    static QString snapshotSummaryOf(const FindingCounts &counts);
    static void addProbeProblems(const Document &document, QList<Entry> &entries,
                                 FromHereCounts &counts);
    StatusStyle styleOf(const Entry &entry) const;

    const Document &m_document;
    QList<Entry> m_entries;
    State m_state = State::NoSnapshot;
    QString m_error;
    FindingCounts m_counts;
    FromHereCounts m_fromHere;
    bool m_anyOk = false;
    StatusPalette m_palette;
};

} // namespace edgemap
