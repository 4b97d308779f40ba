#pragma once

#include "core/ids.h"
#include "snapshot/snapshotsource.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QWidget>

#include <functional>

class QLabel;
class QVBoxLayout;

namespace edgemap {

class Document;
struct CheckResult;
struct SnapshotDiff;
struct Topology;

// The loaded snapshots at a glance, one block per server in topology order: where each came from,
// when it was captured and loaded and how old it is now, what it is (host, format, encoding,
// rows), what the check found, and what changed since the server's previous snapshot. The last
// failed load is shown above the blocks until a later load succeeds. Observes the Document; the
// ages tick on a timer (every second while a snapshot is under a minute old, else every ten).
//
// Files dropped on the pane are announced with filesDropped (the window decides what they are).
class SnapshotPane : public QWidget
{
    Q_OBJECT

public:
    explicit SnapshotPane(const Document &document, QWidget *parent = nullptr);

    // The text of a server's block (one "Label: value" per line), empty when it has none.
    QString blockText(const ServerId &server) const;
    // The failed load's text, empty when the last load did not fail.
    QString errorText() const;
    // Whether the pane shows its "nothing loaded" hint.
    bool isShowingEmptyState() const;
    // The clock ages are measured against (tests fix it); the default is the system clock.
    void setClock(std::function<QDateTime()> clock);
    int ageInterval() const { return m_ageTimer.interval(); }

public Q_SLOTS:
    // What the code that feeds a source (a watched file, a capture profile) knows about it, e.g.
    // "stale: file deleted 3 min ago", shown on the block whose snapshot came from `source`
    // (CheckResult::source equal to it: a capture profile named like a watched file is not that
    // file). An empty state clears it.
    void setSourceState(const edgemap::SnapshotSource &source, const QString &state, bool stale);
    // A load that never reached the document (unreadable file, failed capture).
    void showLoadError(const edgemap::SnapshotSource &source, const QString &message);
    void refresh();

Q_SIGNALS:
    void filesDropped(const QStringList &paths);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    struct SourceState
    {
        QString text;
        bool stale = false;
    };
    void checkChanged();
    QLabel *blockLabel(const ServerId &server);

    const Document &m_document;
    std::function<QDateTime()> m_clock;
    QTimer m_ageTimer;
    QVBoxLayout *m_blocks = nullptr;
    QLabel *m_empty = nullptr;
    QLabel *m_error = nullptr;
    QHash<ServerId, QLabel *> m_labels;
    QHash<ServerId, QString> m_texts; // plain text of each block, for blockText()
    QHash<SnapshotSource, SourceState> m_sourceStates;
    const CheckResult *m_seenLatest = nullptr;
    QString m_errorText;
};

// The pieces of the pane, pure functions so that they can be tested without a widget.
namespace snapshotpane {

// "just now", "45 s ago", "2 min ago", "3 h ago", "2 days ago"; "in the future" for clock skew.
QString ageText(const QDateTime &then, const QDateTime &now);

struct Field
{
    QString label;
    QString value;
    bool warning = false; // drawn in the warning colour (problems, stale source)
};

// When the snapshot was taken: the capture header's time, else the file's modification time;
// invalid when neither is known. `how` says which.
QDateTime capturedAt(const CheckResult &check, QString *how = nullptr);

// One block's rows. `diff` is the unacknowledged comparison with the previous snapshot (null
// when there is none), `hasPrevious` whether the server had one at all.
QList<Field> blockFields(const Topology &topology, const CheckResult &check,
                         const SnapshotDiff *diff, bool hasPrevious, const QDateTime &now);

} // namespace snapshotpane

} // namespace edgemap
