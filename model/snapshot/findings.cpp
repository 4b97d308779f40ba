#include "snapshot/findings.h"

#include "core/ipaddress.h"
#include "snapshot/wellknownports.h"

#include <QHash>

#include <algorithm>
#include <numeric>

namespace edgemap {

namespace {

bool isWildcard(const QString &address)
{
    const std::optional<IpAddress> ip = IpAddress::parse(address);
    return ip && ip->isUnspecified();
}

} // namespace

QList<UnexpectedSocket> groupUnexpected(const QList<UnexpectedListener> &all,
                                        const QList<int> &among)
{
    QList<UnexpectedSocket> sockets;
    QHash<QString, qsizetype> wildcardSocket; // transport/port/pid/process -> index in `sockets`
    for (int i : among) {
        if (i < 0 || i >= all.size())
            continue;
        const UnexpectedListener &u = all.at(i);
        if (isWildcard(u.address)) {
            const QString key = QStringLiteral("%1/%2/%3/%4")
                                        .arg(keyOf(u.transport))
                                        .arg(u.port)
                                        .arg(u.pid)
                                        .arg(u.process.toLower());
            // Twins are one IPv4 and one IPv6 wildcard; a second 0.0.0.0 is a socket of its own.
            if (const auto it = wildcardSocket.constFind(key); it != wildcardSocket.cend()) {
                UnexpectedSocket &socket = sockets[*it];
                const bool v6 = u.address.contains(QLatin1Char(':'));
                const bool firstV6
                        = all.at(socket.indexes.first()).address.contains(QLatin1Char(':'));
                if (socket.indexes.size() == 1 && v6 != firstV6) {
                    socket.indexes.append(i);
                    continue;
                }
            }
            wildcardSocket.insert(key, sockets.size());
        }
        sockets.append(UnexpectedSocket{{i}});
    }
    return sockets;
}

QList<UnexpectedSocket> groupUnexpected(const QList<UnexpectedListener> &all)
{
    QList<int> every(all.size());
    std::iota(every.begin(), every.end(), 0);
    return groupUnexpected(all, every);
}

QString addressesOf(const QList<UnexpectedListener> &all, const UnexpectedSocket &socket)
{
    QStringList addresses;
    for (int i : socket.indexes) {
        const QString &a = all.at(i).address;
        addresses.append(a == QLatin1String("::") ? QStringLiteral("[::]") : a);
    }
    return addresses.join(QStringLiteral(" and "));
}

QString hardeningFinding(const QList<UnexpectedListener> &all, const UnexpectedSocket &socket)
{
    if (socket.indexes.isEmpty())
        return {};
    return hardeningFinding(all.at(socket.indexes.first()), addressesOf(all, socket));
}

FindingCounts &FindingCounts::operator+=(const FindingCounts &o)
{
    listeners += o.listeners;
    ok += o.ok;
    problemListeners += o.problemListeners;
    servicesDown += o.servicesDown;
    otherProblems += o.otherProblems;
    brokenScenarios += o.brokenScenarios;
    warnings += o.warnings;
    unexpected += o.unexpected;
    return *this;
}

FindingCounts countFindings(const Judgement &j)
{
    FindingCounts c;
    c.listeners = int(j.listeners.size());
    for (const ListenerVerdict &v : j.listeners) {
        if (!isProblem(v.status)) {
            ++c.ok;
            continue;
        }
        ++c.problemListeners;
        if (!v.serviceDown)
            ++c.otherProblems;
    }
    c.servicesDown = int(j.servicesDown.size());
    c.brokenScenarios = int(std::count_if(j.scenarios.cbegin(), j.scenarios.cend(),
                                          [](const ScenarioVerdict &s) { return !s.ok; }));
    for (const UnexpectedSocket &socket : groupUnexpected(j.unexpected)) {
        if (hardeningFinding(j.unexpected, socket).isEmpty())
            ++c.unexpected;
        else
            ++c.warnings;
    }
    return c;
}

} // namespace edgemap
