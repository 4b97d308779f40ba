#include "panes/establishedsummary.h"

#include "document/document.h"

#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <memory>
#include <optional>

namespace edgemap {

namespace {

// What the worker needs of one listener, copied on the GUI thread: the topology may change
// while it counts.
struct Scope
{
    ListenerId id;
    int port = 0;
    int portEnd = 0;
    std::optional<IpAddress> expected; // none: any address of the server (all interfaces)
    QList<IpAddress> serverAddresses;
};

struct Job
{
    std::shared_ptr<const CheckResult> check; // immutable, shared with the document
    QList<Scope> scopes;
};

// The same connections the judge counted for the listener (judgement.cpp, countEstablished):
// established TCP rows on its port range and its address, or any address of its server.
bool counts(const Scope &s, const SocketRow &r)
{
    if (r.localPort < s.port || r.localPort > s.portEnd)
        return false;
    if (s.expected)
        return r.local.sameHost(*s.expected);
    return std::any_of(s.serverAddresses.cbegin(), s.serverAddresses.cend(),
                       [&](const IpAddress &a) { return a.sameHost(r.local); });
}

bool busier(const std::pair<IpAddress, int> &a, const std::pair<IpAddress, int> &b)
{
    if (a.second != b.second)
        return a.second > b.second;
    if (a.first.family() != b.first.family())
        return a.first.family() < b.first.family();
    return a.first.bytes() < b.first.bytes();
}

EstablishedSummary summarize(const QList<const SocketRow *> &rows, const Scope &scope)
{
    QHash<IpAddress, int> perRemote;
    for (const SocketRow *r : rows)
        if (!r->remote.isNull() && counts(scope, *r))
            ++perRemote[r->remote.unmapped()];
    std::vector<std::pair<IpAddress, int>> ranked;
    ranked.reserve(size_t(perRemote.size()));
    for (auto it = perRemote.cbegin(); it != perRemote.cend(); ++it)
        ranked.emplace_back(it.key(), it.value());
    const auto top = ranked.begin()
                     + std::min<std::ptrdiff_t>(EstablishedSummary::kTop, std::ssize(ranked));
    std::partial_sort(ranked.begin(), top, ranked.end(), busier);
    EstablishedSummary summary;
    for (auto it = ranked.begin(); it != top; ++it)
        summary.top.append({it->first.toString(), it->second});
    return summary;
}

QHash<ListenerId, EstablishedSummary> summarizeAll(const QList<Job> &jobs)
{
    QHash<ListenerId, EstablishedSummary> out;
    for (const Job &job : jobs) {
        QList<const SocketRow *> established;
        for (const SocketRow &r : job.check->snapshot.rows)
            if (r.transport == Transport::Tcp && r.state == TcpState::Established)
                established.append(&r);
        for (const Scope &scope : job.scopes)
            out.insert(scope.id, summarize(established, scope));
    }
    return out;
}

QList<IpAddress> addressesOf(const EdgeServer &server)
{
    QList<IpAddress> out;
    for (const NetInterface &nic : server.interfaces)
        for (const Address &a : nic.addresses)
            if (const auto ip = IpAddress::parse(a.ip))
                out.append(*ip);
    return out;
}

// Only the listeners worth a summary: those with more remote addresses than a line shows.
QList<Job> jobsOf(const Document &document)
{
    const Topology &t = document.topology();
    QList<Job> jobs;
    for (const std::shared_ptr<const CheckResult> &check :
         document.checks().inOrder(document.topology())) {
        const EdgeServer *server = check && check->ok() ? t.server(check->server) : nullptr;
        if (!server)
            continue;
        Job job{check, {}};
        const QList<IpAddress> serverAddresses = addressesOf(*server);
        for (const ListenerVerdict &v : check->judgement.listeners) {
            const Listener *l = t.listener(v.listener);
            if (!l || v.remoteAddresses.size() <= 1 || l->transport != Transport::Tcp)
                continue;
            Scope scope{l->id, l->port, std::max(l->port, l->portEnd), {}, serverAddresses};
            if (const Address *a = l->address.isEmpty() ? nullptr : t.address(l->address))
                scope.expected = IpAddress::parse(a->ip);
            job.scopes.append(scope);
        }
        if (!job.scopes.isEmpty())
            jobs.append(job);
    }
    return jobs;
}

} // namespace

QString establishedText(const ListenerVerdict &v, const EstablishedSummary *summary)
{
    const qsizetype distinct = v.remoteAddresses.size();
    QString text
            = v.established == 1
                      ? EstablishedSummaries::tr("1 established connection")
                      : EstablishedSummaries::tr("%1 established connections").arg(v.established);
    if (distinct == 0)
        return text;
    if (distinct == 1)
        return text + EstablishedSummaries::tr(" from %1").arg(v.remoteAddresses.first());
    QStringList shown;
    if (summary) {
        for (const auto &[address, connections] : summary->top)
            shown.append(EstablishedSummaries::tr("%1 (%2)").arg(address).arg(connections));
    } else {
        shown = v.remoteAddresses.mid(0, EstablishedSummary::kTop);
    }
    text += EstablishedSummaries::tr(" from %1 addresses").arg(distinct);
    text += summary ? EstablishedSummaries::tr(", the busiest: ") : QStringLiteral(": ");
    text += shown.join(QStringLiteral(", "));
    if (distinct > shown.size())
        text += EstablishedSummaries::tr(" and %1 more").arg(distinct - shown.size());
    return text;
}

EstablishedSummaries *EstablishedSummaries::of(const Document &document)
{
    if (auto *existing
        = document.findChild<EstablishedSummaries *>(QString(), Qt::FindDirectChildrenOnly))
        return existing;
    return new EstablishedSummaries(document);
}

EstablishedSummaries::EstablishedSummaries(const Document &document)
    // Owned by the document like an attached property: the views come and go, the summaries
    // belong to the checks. Parenting changes no state of the document.
    : QObject(const_cast<Document *>(&document))
    , m_document(document)
{
    connect(&document, &Document::checksChanged, this, &EstablishedSummaries::recount);
    connect(&document, &Document::topologyReplaced, this, &EstablishedSummaries::recount);
    connect(&document, &Document::structureChanged, this, &EstablishedSummaries::recount);
    // Counted per listener from the server's addresses: only what a verdict reads matters.
    connect(&document, &Document::fieldChanged, this, [this](const FieldRef &ref) {
        if (affectsJudgement(ref.field))
            recount();
    });
    recount();
}

const EstablishedSummary *EstablishedSummaries::summary(const ListenerId &listener) const
{
    const auto it = m_summaries.constFind(listener);
    return it == m_summaries.cend() ? nullptr : &it.value();
}

void EstablishedSummaries::recount()
{
    // Counts of an older check must not stand for the new one, even for a moment, and an older
    // count still running must never arrive.
    const quint64 generation = ++m_generation;
    const bool hadSummaries = !m_summaries.isEmpty();
    m_summaries.clear();
    m_counting = false;
    if (QList<Job> jobs = jobsOf(m_document); !jobs.isEmpty()) {
        m_counting = true;
        auto *watcher = new QFutureWatcher<QHash<ListenerId, EstablishedSummary>>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
            watcher->deleteLater();
            if (generation != m_generation)
                return;
            m_summaries = watcher->result();
            m_counting = false;
            Q_EMIT changed();
        });
        watcher->setFuture(
                QtConcurrent::run([jobs = std::move(jobs)] { return summarizeAll(jobs); }));
    }
    if (hadSummaries)
        Q_EMIT changed();
}

} // namespace edgemap
