// SnapshotPane: the text of one snapshot's block, as pure functions of the check.
#include "panes/snapshotpane.h"

#include "snapshot/check.h"
#include "snapshot/findings.h"
#include "snapshot/snapshotdiff.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>

namespace edgemap::snapshotpane {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("edgemap::SnapshotPane", text, disambiguation, n);
}

QString timeText(const QDateTime &time)
{
    return QLocale().toString(time.toLocalTime(), QLocale::ShortFormat);
}

int establishedCount(const Snapshot &s)
{
    return int(std::count_if(s.rows.cbegin(), s.rows.cend(),
                             [](const SocketRow &r) { return r.state == TcpState::Established; }));
}

QString changesText(const SnapshotDiff *diff, bool hasPrevious)
{
    if (!hasPrevious)
        return tr("first snapshot of this server");
    if (!diff)
        return tr("seen (acknowledged)");
    if (diff->isEmpty())
        return tr("none");
    return tr("%1 appeared, %2 disappeared, %3")
            .arg(diff->appeared.size())
            .arg(diff->disappeared.size())
            .arg(diff->statusChanges.size() == 1
                         ? tr("1 status change")
                         : tr("%1 status changes").arg(diff->statusChanges.size()));
}

} // namespace

QString ageText(const QDateTime &then, const QDateTime &now)
{
    const qint64 s = then.secsTo(now);
    if (s < -60)
        return tr("in the future (clocks differ)");
    if (s < 10)
        return tr("just now");
    if (s < 60)
        return tr("%1 s ago").arg(s);
    if (s < 3600)
        return tr("%1 min ago").arg(s / 60);
    if (s < 86400)
        return tr("%1 h ago").arg(s / 3600);
    return s < 2 * 86400 ? tr("1 day ago") : tr("%1 days ago").arg(s / 86400);
}

QDateTime capturedAt(const CheckResult &check, QString *how)
{
    if (check.snapshot.header.time.isValid()) {
        if (how)
            *how = tr("from the capture header");
        return check.snapshot.header.time;
    }
    if (check.fileModified.isValid()) { // recorded when read: the pane never touches the file
        if (how)
            *how = tr("file time");
        return check.fileModified;
    }
    return {};
}

QList<Field> blockFields(const Topology &topology, const CheckResult &check,
                         const SnapshotDiff *diff, bool hasPrevious, const QDateTime &now)
{
    const Snapshot &s = check.snapshot;
    const EdgeServer *server = topology.server(check.server);
    QList<Field> f;
    f.append({tr("Source"), check.source.text()});
    QString how;
    const QDateTime captured = capturedAt(check, &how);
    f.append({tr("Captured"), captured.isValid() ? tr("%1 (%2)").arg(timeText(captured), how)
                                                 : tr("unknown (no capture header, not a file)")});
    f.append({tr("Loaded"), timeText(check.loadedAt)});
    f.append({tr("Age"), ageText(captured.isValid() ? captured : check.loadedAt, now)});
    f.append({tr("Host"), s.header.host.isEmpty() ? tr("not recorded") : s.header.host});
    f.append({tr("Server"), server ? server->fqdn : check.server.value()});
    f.append({tr("Format"), s.format});
    f.append({tr("Encoding"), s.encoding});
    f.append({tr("Rows"), QString::number(s.rows.size())});
    f.append({tr("Unrecognised lines"), QString::number(s.unrecognisedLines),
              s.unrecognisedLines > 0});
    // Only when the reader had to assume something: a transcript, a filter, odd line ends.
    if (const QStringList assumed = readAssumptions(s); !assumed.isEmpty())
        f.append({tr("Assumed"), assumed.join(QStringLiteral("; ")), !s.filter.isEmpty()});
    f.append({tr("Established"),
              QString::number(check.established >= 0 ? check.established : establishedCount(s))});
    const int problems = check.judgement.problemCount();
    f.append({tr("Summary"),
              tr("%1 OK, %2 problems, %3 unexpected")
                      .arg(int(check.judgement.listeners.size()) - problems)
                      .arg(problems)
                      .arg(groupUnexpected(check.judgement.unexpected).size()),
              problems > 0});
    f.append({tr("Changes"), changesText(diff, hasPrevious), diff && !diff->isEmpty()});
    return f;
}

} // namespace edgemap::snapshotpane
