#include "snapshot/diagnosis.h"

#include "snapshot/checkset.h"
#include "snapshot/snapshot.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace edgemap {

namespace {

// The executables (lower case) that own a listening socket anywhere in the snapshot. Process
// names are interned, so the rows are walked once and only the distinct names compared.
QSet<QString> listeningExecutables(const Snapshot &s)
{
    QSet<int> indices;
    for (const SocketRow &r : s.rows)
        if (r.process >= 0 && r.isListener())
            indices.insert(r.process);
    QSet<QString> out;
    for (int i : std::as_const(indices))
        out.insert(s.strings.at(i).toLower());
    return out;
}

} // namespace

QString serviceRole(const QString &displayName)
{
    for (const QString &prefix :
         {QStringLiteral("Lync Server "), QStringLiteral("Skype for Business Server ")})
        if (displayName.startsWith(prefix))
            return displayName.mid(prefix.size());
    return displayName;
}

QString serviceLabel(const Topology &t, const ServiceId &id)
{
    const Service *s = t.service(id);
    if (!s)
        return id.value();
    const QString role = serviceRole(s->displayName);
    return role.isEmpty() ? QStringLiteral("%1 (%2)").arg(s->id.value(), s->executable)
                          : QStringLiteral("%1 (%2, %3)").arg(role, s->id.value(), s->executable);
}

void diagnoseServices(const Topology &t, const Snapshot &s, Judgement &j)
{
    const EdgeServer *server = t.server(j.server);
    if (!server)
        return;
    QHash<ServiceId, QList<ListenerId>> missing;
    QSet<ServiceId> working; // some listener is not missing (up, wrong, unknown...)
    for (const Listener &l : server->listeners) {
        if (!t.isActive(l) || l.dynamic)
            continue;
        const ListenerVerdict *v = j.verdict(l.id);
        if (v && v->status == ListenerStatus::Missing)
            missing[l.service].append(l.id);
        else
            working.insert(l.service);
    }
    if (missing.isEmpty())
        return;
    const QSet<QString> listening = listeningExecutables(s);
    for (const Service &service : t.services) {
        const auto it = missing.constFind(service.id);
        if (it == missing.cend() || working.contains(service.id)
            || listening.contains(service.executable.toLower()))
            continue;
        ServiceDown down{service.id, it.value(),
                         QStringLiteral("%1 is not listening anywhere on %2: the service looks "
                                        "stopped; start it")
                                 .arg(serviceLabel(t, service.id), server->fqdn)};
        for (const ListenerId &id : down.listeners) {
            const auto pos = j.positions.constFind(id);
            if (pos == j.positions.cend())
                continue;
            ListenerVerdict &v = j.listeners[pos.value()];
            v.serviceDown = true;
            v.detail = QStringLiteral("%1; the service is down: %2 is not listening anywhere on "
                                      "this server")
                               .arg(v.detail, service.id.value());
        }
        j.servicesDown.append(down);
    }
}

const ServiceDown *Judgement::serviceDownOf(const ListenerId &id) const
{
    for (const ServiceDown &d : servicesDown)
        if (d.listeners.contains(id))
            return &d;
    return nullptr;
}

QString listenerLabel(const Topology &t, const ListenerId &id)
{
    const Listener *l = t.listener(id);
    if (!l)
        return id.value();
    const Address *a = l->address.isEmpty() ? nullptr : t.address(l->address);
    return QStringLiteral("%1 on %2 (%3)")
            .arg(socketLabel(l->transport, l->port, l->portEnd),
                 a                      ? a->ip
                 : l->address.isEmpty() ? QStringLiteral("all interfaces")
                                        : l->address.value(),
                 l->service.value());
}

QString breakReason(const Topology &t, const Judgement &j, const ListenerId &id)
{
    const QString label = listenerLabel(t, id);
    const Listener *l = t.listener(id);
    if (l && !l->enabled)
        return QStringLiteral("listener %1 is disabled").arg(label);
    if (l && !t.isActive(*l))
        return QStringLiteral("listener %1 is disabled (its service %2 is disabled)")
                .arg(label, l->service.value());
    const ListenerVerdict *v = j.verdict(id);
    if (!v)
        return label;
    if (v->serviceDown)
        return QStringLiteral("%1 is missing: the service %2 is down")
                .arg(label, l ? l->service.value() : QString());
    const QString status = displayName(v->status).toLower();
    return v->detail.isEmpty() ? QStringLiteral("%1 is %2").arg(label, status)
                               : QStringLiteral("%1 is %2: %3").arg(label, status, v->detail);
}

QList<HopBreak> hopBreaks(const Topology &t, const ServerId &server, const ScenarioVerdict &verdict)
{
    QList<HopBreak> out;
    const Scenario *s = t.scenario(verdict.scenario);
    const EdgeServer *e = t.server(server);
    if (!s || !e || verdict.ok)
        return out;
    // The server's listeners that carry any of the keys, disabled ones included (as the
    // analysis counts them: a disabled listener is down).
    const auto carriers = [&](const QStringList &keys) {
        QList<ListenerId> ids;
        for (const Listener &l : e->listeners)
            if (std::any_of(keys.cbegin(), keys.cend(),
                            [&](const QString &k) { return l.hasEndpoint(k); }))
                ids.append(l.id);
        return ids;
    };
    for (int i = 0; i < s->hops.size(); ++i) {
        if (s->hops.at(i).kind != ScenarioHop::Kind::Endpoints)
            continue;
        const QList<ListenerId> alternatives = carriers(s->hops.at(i).endpointKeys);
        if (!alternatives.isEmpty()
            && std::all_of(alternatives.cbegin(), alternatives.cend(),
                           [&](const ListenerId &id) { return verdict.brokenBy.contains(id); }))
            out.append({i, alternatives});
    }
    HopBreak required{-1, {}};
    for (const ListenerId &id : carriers(s->requiredEndpoints))
        if (verdict.brokenBy.contains(id))
            required.listeners.append(id);
    if (!required.listeners.isEmpty())
        out.append(required);
    return out;
}

QList<ServerScenarioVerdict> scenarioVerdicts(const Topology &t, const CheckSet &checks,
                                              const ScenarioId &scenario)
{
    QList<ServerScenarioVerdict> out;
    for (const auto &check : checks.inOrder(t))
        for (const ScenarioVerdict &v : check->judgement.scenarios)
            if (v.scenario == scenario)
                out.append({check->judgement.server, &check->judgement, v});
    return out;
}

} // namespace edgemap
