#pragma once

#include "snapshot/judgement.h"

#include <QList>
#include <QString>

namespace edgemap {

// One unexpected socket as an admin counts it. The same port bound by the same process on both
// wildcards (0.0.0.0 and [::]) is one socket listening on IPv4 and IPv6: one chip in the diagram,
// one row in Problems, one line in a report, one in every count. Any other socket is its own.
struct UnexpectedSocket
{
    QList<int> indexes; // into the judgement's `unexpected`, in its order; the first stands for all
    bool bothFamilies() const { return indexes.size() > 1; }
};

// The sockets `all` holds, in the order of their first binding.
QList<UnexpectedSocket> groupUnexpected(const QList<UnexpectedListener> &all);
// The same for the bindings at `among` (indexes into `all`).
QList<UnexpectedSocket> groupUnexpected(const QList<UnexpectedListener> &all,
                                        const QList<int> &among);
// "0.0.0.0 and [::]", or the one address.
QString addressesOf(const QList<UnexpectedListener> &all, const UnexpectedSocket &socket);
// hardeningFinding for the socket, naming every address it is bound to; empty when none.
QString hardeningFinding(const QList<UnexpectedListener> &all, const UnexpectedSocket &socket);

// The counts every summary of checks shows: the status bar, the Problems pane, the snapshot
// pane, `edgemap check` and the report. One definition, so that they never disagree.
struct FindingCounts
{
    int listeners = 0;        // expected listeners judged
    int ok = 0;               // of them fine (OK or a dynamic range)
    int problemListeners = 0; // of them with a problem, a down service's included
    int servicesDown = 0;
    int otherProblems = 0; // listeners with a problem whose service is not down
    int brokenScenarios = 0;
    int warnings = 0;   // unexpected sockets that are a hardening finding (RDP outside)
    int unexpected = 0; // the other unexpected sockets
    int unexpectedSockets() const { return warnings + unexpected; }

    FindingCounts &operator+=(const FindingCounts &other);
    friend bool operator==(const FindingCounts &, const FindingCounts &) = default;
};

FindingCounts countFindings(const Judgement &judgement);

} // namespace edgemap
