#pragma once

// Private to the topology import: what its steps share. The document read
// (topologyimport_xml.h) is indexed with its references resolved (Index), each Edge pool is
// planned from its cluster and services (planPool, topologyimport_pool.cpp), and the topology
// is built from the plans with the template builder (topologyimport_build.cpp).

#include "core/catalog.h"
#include "core/templates.h"
#include "io/detail/topologyimport_xml.h"
#include "io/topologyimport.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

namespace edgemap::topologyimport::detail {

// What the import assumed or left aside, with the place in the file it is about.
class Warnings
{
public:
    void add(Place at, const QString &message);
    const QList<Problem> &all() const { return m_all; }

private:
    QList<Problem> m_all;
    QSet<QString> m_seen; // each message once: a pool of twelve says "0.0.0.0" once per server
};

// The document with its references resolved. Building it checks them: a service installed on
// a cluster, or depending on a service, that the document does not have is a Problem.
struct Index
{
    explicit Index(const XmlDocument &document);

    const XmlDocument &doc;
    QHash<QString, qsizetype> clusters;           // cluster key -> position
    QHash<QString, qsizetype> services;           // service key -> position
    QList<qsizetype> clusterOf;                   // per service: its cluster's position
    QHash<qsizetype, QList<qsizetype>> installed; // cluster position -> its services
    QHash<QString, QList<qsizetype>> dependents;  // service key -> the services depending on it

    QString siteName(const XmlCluster &cluster) const;
    // The service with this role on a cluster, -1 when it has none.
    qsizetype serviceOn(qsizetype cluster, QStringView role) const;
    // "Front End", "Director", "Mediation", ...: what a pool is, for messages.
    QString poolKind(qsizetype cluster) const;
    // The FQDN of each machine of a cluster (the cluster's for a <Machine /> without one).
    QStringList machineFqdns(qsizetype cluster) const;
};

// A Port of the Edge (or ManagementServices) service, its values checked.
struct PortUse
{
    const XmlPort *port = nullptr;
    QString id; // "AccessEdge/SipClient/external:1": the listener's import key
    InterfaceSide side = InterfaceSide::Internal;
    int number = 1;
    QList<Transport> transports; // both for TcpOrUdp
    int first = 0;
    int last = 0;
};

// One Edge pool as the template builder will build it, and what the builder then adds.
struct PoolPlan
{
    qsizetype cluster = -1;
    qsizetype edgeService = -1;
    Place at;              // the EdgeServer service's, for what is said about the pool as a whole
    TemplateParams params; // peers are set by the builder
    QHash<QString, QString> origins; // endpoint key -> PortUse::id of the port it came from
    QList<PortUse> extraPorts;       // ports no catalog endpoint takes: listeners of their own
    QList<int> externalNumbers;      // InterfaceNumber of each external address, in order
    int internalNumber = 1;
    QStringList nonDefaultPorts;
};

// Plans the Edge pool on `cluster` whose EdgeServer service is `edgeService`: its members,
// addresses (by InterfaceNumber), NAT, external FQDNs, and each Port mapped to a catalog
// endpoint of `product` (features as given). Throws Problem where the pool cannot be modelled.
PoolPlan planPool(const Index &index, qsizetype cluster, qsizetype edgeService, Product product,
                  const QSet<QString> &features, const Catalog &catalog, Warnings &warnings);

// The component of a Port's Owner: "AccessEdge" of "urn:component:AccessEdge".
QString componentOf(const QString &owner);

// `text` with only ASCII letters (lower case only unless `upperCase`), digits and the characters
// of `punctuation` kept: an id made from a name. Not QRegularExpression: the import runs on a
// worker thread, and with MinGW a thread that matched a QRegularExpression faults as it ends (its
// per-thread JIT stack is a thread_local; see ProbeRunner::start).
QString idCharacters(const QString &text, bool upperCase, QLatin1StringView punctuation);

// What the template builder cannot know, for the pool at `pool` built from `plan`: the import
// keys of what came from the file, and a listener for each port no catalog endpoint takes.
void addImported(Topology &topology, qsizetype pool, const PoolPlan &plan, const Catalog &catalog,
                 Warnings &warnings);
// The summary of one imported pool: its servers, addresses, layout, FQDNs and ports.
void describePool(const EdgePool &pool, const PoolPlan &plan, ImportSummary::Pool &summary);
// The imported topology passes the topology file's checks, or a Problem says where (at the Edge
// service of the pool concerned) and why.
void checkImported(const Topology &topology, const XmlDocument &document,
                   const QList<PoolPlan> &plans);
// What a topology document never holds and EdgeMap adds from the catalog, said once.
void noteNotTaken(const Topology &topology, QStringList &notTaken);

// Builds the topology of the Edge pools the options select. Throws Problem.
ImportResult importDocument(const XmlDocument &document, const ImportOptions &options,
                            const Catalog &catalog, Warnings &warnings);

} // namespace edgemap::topologyimport::detail
