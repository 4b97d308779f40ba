#include "panes/problemsmodel.h"
#include "plaintooltip.h"

#include "core/ipaddress.h"
#include "document/document.h"
#include "probe/probediagnosis.h"
#include "reports/listenerrows.h"
#include "snapshot/diagnosis.h"
#include "snapshot/wellknownports.h"

#include <QGuiApplication>
#include <QPalette>

#include <algorithm>

namespace edgemap {

namespace {

// Sort ranks: what stops a service first, then what is merely risky, then the consequences,
// then the noise.
constexpr int kDownRank = 0;
constexpr int kRiskRank = 1;
constexpr int kScenarioRank = 2;
constexpr int kUnexpectedRank = 3;

// The checks the problems come from: the good one of each server, plus the latest result when
// it failed (for its error).
QList<const CheckResult *> checksOf(const Document &document)
{
    QList<const CheckResult *> checks;
    for (const auto &check : document.checks().inOrder(document.topology()))
        checks.append(check.get());
    const CheckResult *latest = document.checks().latest().get();
    if (latest && !checks.contains(latest))
        checks.append(latest);
    return checks;
}

QString where(const ListenerRow &row)
{
    return row.allInterfaces ? ProblemsModel::tr("all interfaces") : row.address;
}

QString socketOf(const ListenerRow &row)
{
    return ProblemsModel::tr("%1 on %2")
            .arg(socketLabel(row.transport, row.port, row.portEnd), where(row));
}

QString processOf(const UnexpectedListener &u)
{
    if (u.process.isEmpty())
        return u.pid >= 0 ? ProblemsModel::tr("PID %1").arg(u.pid) : QString();
    return u.pid >= 0 ? ProblemsModel::tr("%1, PID %2").arg(u.process).arg(u.pid) : u.process;
}

// The server's address a socket is bound to, or the server itself for 0.0.0.0 / [::] and for
// addresses the topology does not give this server.
ElementRef refOfBinding(const Topology &t, const ServerId &serverId, const QString &ip)
{
    const std::optional<IpAddress> bound = IpAddress::parse(ip);
    if (const EdgeServer *server = t.server(serverId)) {
        for (const NetInterface &nic : server->interfaces)
            for (const Address &a : nic.addresses) {
                const std::optional<IpAddress> own = IpAddress::parse(a.ip);
                if (a.ip == ip || (bound && own && bound->unmapped().sameHost(own->unmapped())))
                    return ElementRef::address(a.id);
            }
    }
    return ElementRef::server(serverId);
}

} // namespace

ProblemsModel::ProblemsModel(const Document &document, QObject *parent)
    : KeyedTableModel(parent)
    , m_document(document)
    , m_palette(statusPaletteFor(QGuiApplication::palette()))
{
    m_entries = build();
    const auto sync = [this] {
        const int before = problemCount();
        const int unexpectedBefore = unexpectedCount();
        const int warningsBefore = warningCount();
        QList<Entry> fresh = build();
        syncRows(m_entries, std::move(fresh), [](const Entry &e) { return e.key(); });
        if (problemCount() != before || unexpectedCount() != unexpectedBefore
            || warningCount() != warningsBefore)
            Q_EMIT countChanged(problemCount());
        Q_EMIT updated();
    };
    connect(&document, &Document::topologyReplaced, this, sync);
    connect(&document, &Document::structureChanged, this, sync);
    connect(&document, &Document::fieldChanged, this, sync);
    connect(&document, &Document::checksChanged, this, sync);
    connect(&document, &Document::probesChanged, this, sync);
}

QString ProblemsModel::Entry::key() const
{
    // One entry per listener, per down service, broken scenario and server, per unexpected
    // socket.
    QString key = QString::number(int(kind)) + QLatin1Char('|') + ref.toString() + QLatin1Char('|')
                  + server;
    if (kind == Kind::Unexpected || kind == Kind::Hardening || kind == Kind::Certificate)
        key += QLatin1Char('|') + text;
    return key;
}

QList<ProblemsModel::Entry> ProblemsModel::build()
{
    QList<Entry> entries;
    m_counts = {};
    m_fromHere = {};
    m_error.clear();
    const QList<const CheckResult *> checks = checksOf(m_document);
    bool anyOk = false;
    for (const CheckResult *check : checks) {
        if (check->ok()) {
            anyOk = true;
            addCheck(*check, entries);
        } else if (m_error.isEmpty()) {
            m_error = check->cancelled ? tr("Reading the snapshot was cancelled.")
                                       : check->error.toString();
        }
    }
    addListenerProblems(entries);
    addProbeProblems(m_document, entries, m_fromHere);
    m_anyOk = anyOk;
    std::stable_sort(entries.begin(), entries.end(),
                     [](const Entry &a, const Entry &b) { return a.rank < b.rank; });
    // A probe run's problems are shown without a snapshot too.
    const bool fromHere = m_fromHere.problems() + m_fromHere.certificateWarnings > 0;
    if (checks.isEmpty() && !fromHere)
        m_state = State::NoSnapshot;
    else if (!anyOk && !fromHere)
        m_state = State::SnapshotFailed;
    else
        m_state = entries.isEmpty() ? State::AllWell : State::Problems;
    return entries;
}

void ProblemsModel::addListenerProblems(QList<Entry> &entries)
{
    for (const ListenerRow &row : listenerRows(m_document.topology())) {
        const ListenerVerdict *v = m_document.checks().verdict(row.id);
        // A down service's listeners are its one finding (addCheck), not a row each.
        if (!v || !isProblem(v->status) || v->serviceDown)
            continue;
        Entry e;
        e.kind = Kind::Listener;
        e.status = v->status;
        e.rank = isDown(v->status) ? kDownRank : kRiskRank;
        const QString what = tr("%1 (%2, %3): %4")
                                     .arg(socketOf(row), serviceRole(row.serviceName),
                                          row.service.value(), displayName(v->status).toLower());
        e.text = v->detail.isEmpty() ? what : tr("%1 — %2").arg(what, v->detail);
        e.toolTip = row.purpose.isEmpty()
                            ? v->detail
                            : tr("%1\n\nWhy it exists: %2").arg(v->detail, row.purpose);
        e.server = row.server;
        e.ref = ElementRef::listener(row.id);
        entries.append(e);
        ++m_counts.otherProblems;
    }
}

void ProblemsModel::addProbeProblems(const Document &document, QList<Entry> &entries,
                                     FromHereCounts &counts)
{
    const ProbeDiagnosis &probes = document.probes();
    if (probes.isEmpty())
        return;
    const Topology &t = document.topology();
    for (const ListenerRow &row : listenerRows(t)) {
        const ListenerProbe *p = probes.of(row.id);
        if (!p)
            continue;
        const CombinedVerdict &v = p->verdict;
        const QString socket
                = tr("%1 (%2, %3)")
                          .arg(socketOf(row), serviceRole(row.serviceName), row.service.value());
        if (v.problem) {
            Entry e;
            e.kind = Kind::ProbeListener;
            e.probe = v.kind;
            e.rank = probeSeverity(v.kind) >= statusSeverity(ListenerStatus::Missing) ? kDownRank
                                                                                      : kRiskRank;
            e.text = tr("%1: from here, %2").arg(socket, v.words);
            e.toolTip = v.detail.isEmpty() ? v.words : tr("%1\n\n%2").arg(v.words, v.detail);
            e.server = row.server;
            e.ref = ElementRef::listener(row.id);
            entries.append(e);
            ++counts.listeners;
        }
        for (const TlsFinding &f : v.tls) {
            Entry e;
            e.kind = Kind::Certificate;
            e.error = f.severity == TlsFinding::Severity::Error;
            e.rank = kRiskRank;
            e.text = tr("%1: certificate: %2").arg(socket, f.text);
            e.toolTip = tr("Seen from here, in the TLS handshake with %1").arg(socketOf(row));
            e.server = row.server;
            e.ref = ElementRef::listener(row.id);
            entries.append(e);
            ++(e.error ? counts.certificateErrors : counts.certificateWarnings);
        }
    }
    // Scenarios the snapshots already report broken are their rows; the others are new.
    for (const ScenarioImpact &impact : probes.impact) {
        bool known = false;
        if (const CheckResult *check = document.checks().checkFor(impact.server);
            check && check->ok())
            for (const ScenarioVerdict &sv : check->judgement.scenarios)
                known = known || (sv.scenario == impact.scenario && !sv.ok);
        if (known)
            continue;
        QStringList blocked;
        for (const ListenerId &id : impact.brokenBy) {
            const ListenerProbe *p = probes.of(id);
            const Listener *l = t.listener(id);
            if (!p || !p->down || !l)
                continue;
            const Address *a = t.address(l->address);
            blocked.append(tr("%1 on %2")
                                   .arg(socketLabel(l->transport, l->port, l->portEnd),
                                        a ? a->ip : tr("all interfaces")));
        }
        if (blocked.isEmpty()) // down in the snapshot only: the snapshot's row says it
            continue;
        const Scenario *scenario = t.scenario(impact.scenario);
        const EdgeServer *server = t.server(impact.server);
        const QString serverName = server ? server->fqdn : impact.server.value();
        Entry e;
        e.kind = Kind::ProbeScenario;
        e.rank = kScenarioRank;
        e.text = tr("%1 cannot work from here on %2: blocked %3")
                         .arg(scenario ? scenario->name : impact.scenario.value(), serverName,
                              blocked.join(QStringLiteral(", ")));
        e.toolTip = scenario ? scenario->description : QString();
        e.server = serverName;
        e.ref = ElementRef::scenario(impact.scenario);
        entries.append(e);
        ++counts.brokenScenarios;
    }
}

ProblemsModel::FromHereCounts ProblemsModel::fromHereCountsOf(const Document &document)
{
    QList<Entry> entries;
    FromHereCounts counts;
    addProbeProblems(document, entries, counts);
    return counts;
}

void ProblemsModel::addCheck(const CheckResult &check, QList<Entry> &entries)
{
    const Topology &t = m_document.topology();
    const EdgeServer *server = t.server(check.server);
    const QString serverName = server ? server->fqdn : check.server.value();
    for (const ServiceDown &down : check.judgement.servicesDown) {
        Entry e;
        e.kind = Kind::Service;
        e.status = ListenerStatus::Missing;
        e.rank = kDownRank;
        e.text = down.text;
        QStringList sockets;
        for (const ListenerId &id : down.listeners)
            sockets.append(listenerLabel(t, id));
        e.toolTip = tr("%1\n\nIts listeners on this server, all missing: %2")
                            .arg(down.text, sockets.join(QStringLiteral("; ")));
        e.server = serverName;
        e.ref = ElementRef::service(down.service);
        entries.append(e);
        ++m_counts.servicesDown;
    }
    for (const ScenarioVerdict &sv : check.judgement.scenarios) {
        if (sv.ok)
            continue;
        const Scenario *scenario = t.scenario(sv.scenario);
        QStringList causes;
        for (const ListenerId &id : sv.brokenBy) {
            const Listener *l = t.listener(id);
            const Address *a = l ? t.address(l->address) : nullptr;
            if (!l)
                causes.append(id.value());
            else if (!t.isActive(*l))
                causes.append(tr("%1 on %2 (disabled)")
                                      .arg(socketLabel(l->transport, l->port, l->portEnd),
                                           a ? a->ip : tr("all interfaces")));
            else
                causes.append(tr("%1 on %2")
                                      .arg(socketLabel(l->transport, l->port, l->portEnd),
                                           a ? a->ip : tr("all interfaces")));
        }
        Entry e;
        e.kind = Kind::Scenario;
        e.rank = kScenarioRank;
        const QString name = scenario ? scenario->name : sv.scenario.value();
        e.text = causes.isEmpty()
                         ? tr("%1: broken").arg(name)
                         : tr("%1: broken by %2").arg(name, causes.join(QStringLiteral(", ")));
        QStringList reasons;
        for (const ListenerId &id : sv.brokenBy)
            reasons.append(breakReason(t, check.judgement, id));
        e.toolTip = scenario ? tr("%1\n\n%2")
                                       .arg(scenario->description, reasons.join(QLatin1Char('\n')))
                             : reasons.join(QLatin1Char('\n'));
        e.server = serverName;
        e.ref = ElementRef::scenario(sv.scenario);
        entries.append(e);
        ++m_counts.brokenScenarios;
    }
    // One row per socket: a port bound on both 0.0.0.0 and [::] is one.
    const QList<UnexpectedListener> &all = check.judgement.unexpected;
    for (const UnexpectedSocket &socket : groupUnexpected(all)) {
        const UnexpectedListener &u = all.at(socket.indexes.first());
        Entry e;
        e.kind = Kind::Unexpected;
        e.rank = kUnexpectedRank;
        const QString socketText
                = tr("%1 on %2")
                          .arg(socketLabel(u.transport, u.port, u.port), addressesOf(all, socket));
        const QString process = processOf(u);
        const QString what
                = process.isEmpty() ? socketText : tr("%1 (%2)").arg(socketText, process);
        const QString explained = explainUnexpected(u);
        e.text = explained.isEmpty()
                         ? tr("%1: unexpected — no listener of the topology explains it").arg(what)
                         : tr("%1: unexpected — %2").arg(what, explained);
        e.toolTip = tr("Bound on an external address or on all interfaces, but not in the "
                       "topology: close it, or model it if it is meant to be there.");
        if (!explained.isEmpty())
            e.toolTip = explained + QStringLiteral("\n\n") + e.toolTip;
        e.server = serverName;
        e.ref = refOfBinding(t, check.server, u.address);
        if (const QString finding = hardeningFinding(all, socket); !finding.isEmpty()) {
            e.kind = Kind::Hardening;
            e.rank = kRiskRank;
            e.text = tr("%1 (%2)").arg(finding, what);
            ++m_counts.warnings;
        } else {
            ++m_counts.unexpected;
        }
        entries.append(e);
    }
}

int ProblemsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int ProblemsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

StatusStyle ProblemsModel::styleOf(const Entry &entry) const
{
    switch (entry.kind) {
    case Kind::Listener:
        return statusStyle(entry.status, m_palette);
    case Kind::Scenario: {
        // A broken scenario looks like the missing listeners that break it, but says "Broken".
        StatusStyle style = statusStyle(ListenerStatus::Missing, m_palette);
        style.label = tr("Broken");
        return style;
    }
    case Kind::Service: {
        StatusStyle style = statusStyle(ListenerStatus::Missing, m_palette);
        style.label = tr("Service down");
        return style;
    }
    case Kind::Hardening: {
        StatusStyle style = statusStyle(ListenerStatus::Exposed, m_palette);
        style.label = tr("Warning");
        return style;
    }
    case Kind::ProbeListener:
        return probeStyle(entry.probe, m_palette);
    case Kind::Certificate: {
        StatusStyle style = statusStyle(
                entry.error ? ListenerStatus::Missing : ListenerStatus::Exposed, m_palette);
        style.label = tr("Certificate");
        return style;
    }
    case Kind::ProbeScenario: {
        StatusStyle style = statusStyle(ListenerStatus::Missing, m_palette);
        style.label = tr("Broken from here");
        return style;
    }
    case Kind::Unexpected:
        break;
    }
    return unexpectedStyle(m_palette);
}

QVariant ProblemsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Entry &e = m_entries[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == StatusColumn) {
            const StatusStyle style = styleOf(e);
            return QString(style.glyph + QLatin1Char(' ') + style.label);
        }
        return index.column() == ProblemColumn ? e.text : e.server;
    case Qt::ToolTipRole:
        return index.column() == ServerColumn ? QVariant() : QVariant(plainToolTip(e.toolTip));
    case Qt::BackgroundRole:
        return index.column() == StatusColumn ? QVariant(styleOf(e).fill) : QVariant();
    case Qt::ForegroundRole:
        return index.column() == StatusColumn ? QVariant(styleOf(e).text) : QVariant();
    case RefRole:
        return QVariant::fromValue(e.ref);
    case KindRole:
        return int(e.kind);
    default:
        return {};
    }
}

QVariant ProblemsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case StatusColumn:
        return tr("Status");
    case ProblemColumn:
        return tr("Problem");
    case ServerColumn:
        return tr("Server");
    default:
        return {};
    }
}

ElementRef ProblemsModel::refAt(int row) const
{
    return row >= 0 && row < m_entries.size() ? m_entries[row].ref : ElementRef();
}

int ProblemsModel::rowOf(const ElementRef &ref) const
{
    for (int i = 0; i < m_entries.size(); ++i)
        if (m_entries[i].ref == ref)
            return i;
    // A listener of a service that is down has no row of its own: its service's finding.
    if (const ListenerId *listener = ref.as<ListenerId>())
        if (const ListenerVerdict *v = m_document.checks().verdict(*listener); v && v->serviceDown)
            if (const Listener *l = m_document.topology().listener(*listener))
                return rowOf(ElementRef::service(l->service));
    return -1;
}

QString ProblemsModel::emptyMessage() const
{
    switch (m_state) {
    case State::NoSnapshot:
        return tr("Load a snapshot to check the listeners (Snapshot ▸ Open Snapshot, %1).")
                .arg(QStringLiteral("Ctrl+Shift+O"));
    case State::SnapshotFailed:
        return tr("The snapshot could not be checked: %1").arg(m_error);
    case State::AllWell:
        if (!m_error.isEmpty()) // another server's snapshot failed; the checked ones are fine
            return tr("No problems: every expected listener is up. The last snapshot could not "
                      "be checked: %1")
                    .arg(m_error);
        return tr("No problems: every expected listener is up.");
    case State::Problems:
        break;
    }
    return {};
}

QString ProblemsModel::fromHereSummary(const FromHereCounts &h)
{
    QStringList parts;
    if (h.listeners > 0)
        parts.append(h.listeners == 1 ? tr("1 listener with a problem")
                                      : tr("%1 listeners with problems").arg(h.listeners));
    const int certificates = h.certificateErrors + h.certificateWarnings;
    if (certificates > 0)
        parts.append(certificates == 1 ? tr("1 certificate finding")
                                       : tr("%1 certificate findings").arg(certificates));
    if (h.brokenScenarios > 0)
        parts.append(h.brokenScenarios == 1 ? tr("1 broken scenario")
                                            : tr("%1 broken scenarios").arg(h.brokenScenarios));
    return parts.isEmpty() ? QString() : tr("from here: %1").arg(parts.join(QStringLiteral(", ")));
}

QString ProblemsModel::summaryOf(const FindingCounts &c, const FromHereCounts &fromHere)
{
    QString text = snapshotSummaryOf(c);
    if (const QString probes = fromHereSummary(fromHere); !probes.isEmpty())
        text += QStringLiteral("; ") + probes;
    return text;
}

QString ProblemsModel::snapshotSummaryOf(const FindingCounts &c)
{
    QStringList parts;
    if (c.servicesDown > 0)
        parts.append(c.servicesDown == 1 ? tr("1 service down")
                                         : tr("%1 services down").arg(c.servicesDown));
    if (c.otherProblems > 0)
        parts.append(c.otherProblems == 1 ? tr("1 listener with a problem")
                                          : tr("%1 listeners with problems").arg(c.otherProblems));
    if (c.brokenScenarios > 0)
        parts.append(c.brokenScenarios == 1 ? tr("1 broken scenario")
                                            : tr("%1 broken scenarios").arg(c.brokenScenarios));
    if (c.servicesDown + c.otherProblems + c.brokenScenarios == 0)
        parts.append(tr("every expected listener is up"));
    if (c.warnings > 0)
        parts.append(c.warnings == 1 ? tr("1 warning") : tr("%1 warnings").arg(c.warnings));
    if (c.unexpected > 0)
        parts.append(c.unexpected == 1 ? tr("1 unexpected socket")
                                       : tr("%1 unexpected sockets").arg(c.unexpected));
    return parts.join(QStringLiteral(", "));
}

QString ProblemsModel::summary() const
{
    if (m_state != State::Problems)
        return emptyMessage();
    // Without a snapshot checked, only what the probe run found.
    QString text = m_anyOk ? summaryOf(m_counts, m_fromHere) : fromHereSummary(m_fromHere);
    // Other servers' checks still hold; the failed snapshot must not go unnoticed.
    if (!m_error.isEmpty())
        text += QStringLiteral(", ")
                + tr("the last snapshot could not be checked: %1").arg(m_error);
    return text;
}

void ProblemsModel::setStatusPalette(StatusPalette palette)
{
    if (palette == m_palette)
        return;
    m_palette = palette;
    if (!m_entries.isEmpty())
        Q_EMIT dataChanged(index(0, StatusColumn), index(rowCount() - 1, StatusColumn),
                           {Qt::BackgroundRole, Qt::ForegroundRole});
}

} // namespace edgemap
