// The imported document indexed, its references checked; and the warnings list.

#include "io/detail/topologyimport_p.h"

#include <array>
#include <utility>

namespace edgemap::topologyimport::detail {

void Warnings::add(Place at, const QString &message)
{
    if (m_seen.contains(message))
        return;
    m_seen.insert(message);
    m_all.append(Problem{at, message});
}

Index::Index(const XmlDocument &document)
    : doc(document)
{
    for (qsizetype i = 0; i < doc.clusters.size(); ++i) {
        const XmlCluster &c = doc.clusters[i];
        if (c.key.isEmpty() || c.key == QLatin1String(":"))
            fail(c.at,
                 QStringLiteral("cluster %1 has no identity (ClusterId or UniqueId)").arg(c.fqdn));
        if (clusters.contains(c.key))
            fail(c.at, QStringLiteral("two clusters have the identity '%1' (%2 and %3)")
                               .arg(c.key, doc.clusters[clusters.value(c.key)].fqdn, c.fqdn));
        clusters.insert(c.key, i);
    }
    for (qsizetype i = 0; i < doc.services.size(); ++i) {
        const XmlService &s = doc.services[i];
        if (s.key.isEmpty())
            fail(s.at, QStringLiteral("a %1 service has no identity (ServiceId or UniqueId)")
                               .arg(s.role.isEmpty() ? QStringLiteral("Service") : s.role));
        services.insert(s.key, i);
        QString cluster = s.installedOn;
        if (!clusters.contains(cluster))
            cluster = doc.sqlInstances.value(cluster);
        if (!clusters.contains(cluster))
            fail(s.at, s.installedOn.isEmpty()
                               ? QStringLiteral("the %1 service says nothing about where it is "
                                                "installed (no InstalledOn)")
                                         .arg(s.role)
                               : QStringLiteral("the %1 service is installed on '%2', which is "
                                                "not a cluster or SQL instance of this topology")
                                         .arg(s.role, s.installedOn));
        clusterOf.append(clusters.value(cluster));
        installed[clusters.value(cluster)].append(i);
    }
    for (qsizetype i = 0; i < doc.services.size(); ++i)
        for (const XmlDependency &d : doc.services[i].dependsOn) {
            if (!services.contains(d.service))
                fail(d.at, QStringLiteral("the %1 service depends on the service '%2', which this "
                                          "topology does not have")
                                   .arg(doc.services[i].role, d.service));
            dependents[d.service].append(i);
        }
}

QString Index::siteName(const XmlCluster &cluster) const
{
    const QString name = doc.siteNames.value(cluster.siteId);
    return name.isEmpty() ? QStringLiteral("Site %1").arg(cluster.siteId) : name;
}

qsizetype Index::serviceOn(qsizetype cluster, QStringView role) const
{
    for (const qsizetype s : installed.value(cluster))
        if (doc.services[s].role.compare(role, Qt::CaseInsensitive) == 0)
            return s;
    return -1;
}

QString Index::poolKind(qsizetype cluster) const
{
    if (const qsizetype registrar = serviceOn(cluster, u"Registrar"); registrar >= 0)
        return doc.services[registrar].director ? QStringLiteral("Director")
                                                : QStringLiteral("Front End");
    static const std::array<std::pair<const char16_t *, const char *>, 8> kinds{{
            {u"UserServices", "Front End"},
            {u"EdgeServer", "Edge"},
            {u"MediationServer", "Mediation"},
            {u"PstnGateway", "PSTN gateway"},
            {u"FileStore", "file store"},
            {u"WacService", "Office Web Apps"},
            {u"PersistentChatServer", "Persistent Chat"},
            {u"VideoInteropServer", "Video Interop"},
    }};
    for (const auto &[role, kind] : kinds)
        if (serviceOn(cluster, QStringView(role)) >= 0)
            return QLatin1String(kind);
    const QList<qsizetype> onCluster = installed.value(cluster);
    if (onCluster.isEmpty())
        return QStringLiteral("no services");
    // What is left holds databases (UserStore, CentralMgmtStore...): a SQL Server.
    return doc.services[onCluster.first()].role.endsWith(QLatin1String("Store"))
                   ? QStringLiteral("SQL Server")
                   : doc.services[onCluster.first()].role;
}

QStringList Index::machineFqdns(qsizetype cluster) const
{
    QStringList out;
    const XmlCluster &c = doc.clusters[cluster];
    for (const XmlMachine &m : c.machines)
        if (const QString fqdn = m.fqdn.isEmpty() ? c.fqdn : m.fqdn; !out.contains(fqdn))
            out.append(fqdn);
    return out;
}

} // namespace edgemap::topologyimport::detail
