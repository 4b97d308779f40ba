#include "reports/publishednames.h"

namespace edgemap {

QList<RoleAddress> addressesWithRole(const EdgePool &pool, AddressRole role)
{
    QList<RoleAddress> out;
    for (const EdgeServer &s : pool.servers)
        for (const NetInterface &nic : s.interfaces)
            for (const Address &a : nic.addresses)
                if (a.roles.contains(role))
                    out.append({&s, &a});
    return out;
}

QStringList publishedFqdns(const EdgePool &pool, AddressRole role)
{
    QStringList out;
    for (const RoleAddress &ra : addressesWithRole(pool, role)) {
        const QString fqdn = ra.address->fqdn.trimmed();
        if (!fqdn.isEmpty() && !out.contains(fqdn, Qt::CaseInsensitive))
            out.append(fqdn);
    }
    return out;
}

int endpointPort(const EdgePool &pool, const QString &key)
{
    for (const EdgeServer &s : pool.servers)
        for (const Listener &l : s.listeners)
            if (l.hasEndpoint(key))
                return l.port;
    return 0;
}

bool hasXmpp(const EdgePool &pool)
{
    return endpointPort(pool, QLatin1String(endpointkeys::kXmppExternal)) > 0;
}

bool isInDomain(const QString &name, const QString &domain)
{
    if (domain.isEmpty())
        return false;
    return name.compare(domain, Qt::CaseInsensitive) == 0
           || name.endsWith(QLatin1Char('.') + domain, Qt::CaseInsensitive);
}

QString fqdnLabel(AddressRole role)
{
    return QStringLiteral("%1 FQDN").arg(displayName(role));
}

QString whereToSetFqdn(AddressRole role)
{
    const char *option = role == AddressRole::Access    ? "--access-fqdn"
                         : role == AddressRole::WebConf ? "--webconf-fqdn"
                                                        : "--av-fqdn";
    return QStringLiteral("set the FQDN of each member's %1 address (Properties, or edgemap new "
                          "%2)")
            .arg(displayName(role), QLatin1String(option));
}

} // namespace edgemap
