#pragma once

#include "core/ids.h"
#include "snapshot/check.h"

#include <QFutureWatcher>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include <utility>

namespace edgemap {

class Document;

// The busiest remote addresses of one listener's established connections. A busy Edge's media
// relay has tens of thousands of distinct remote addresses: far more than a tooltip or the
// details pane can show, and laying them all out froze the window for seconds.
struct EstablishedSummary
{
    static constexpr int kTop = 8;
    QList<std::pair<QString, int>> top; // address and connections, busiest first, at most kTop
};

// "45120 established connections from 31002 addresses: 24.1.2.3 (312), … and 30994 more", in
// time independent of the number of addresses. Without a summary (not counted yet) the first
// addresses in order stand in for the busiest, without counts.
QString establishedText(const ListenerVerdict &v, const EstablishedSummary *summary);

// Counts each listener's established connections per remote address off the GUI thread whenever
// the document's checks change, and keeps the busiest few. One per document (of()), shared by
// every view of it, so the counting is done once per check.
class EstablishedSummaries : public QObject
{
    Q_OBJECT

public:
    // The document's summaries, created on first use as a child of the document.
    static EstablishedSummaries *of(const Document &document);

    // Null while counting and for listeners without established connections.
    const EstablishedSummary *summary(const ListenerId &listener) const;
    bool isCounting() const { return m_counting; }

Q_SIGNALS:
    // New summaries are in (after each change of the checks).
    void changed();

private:
    explicit EstablishedSummaries(const Document &document);
    void recount();

    const Document &m_document;
    QHash<ListenerId, EstablishedSummary> m_summaries;
    quint64 m_generation = 0;
    bool m_counting = false;
};

} // namespace edgemap
