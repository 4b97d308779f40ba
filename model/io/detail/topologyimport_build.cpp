// Building the topology of an imported document: which Edge pools, which product, the peers
// around each pool (next hop, Front End pools, CMS, XMPP gateway), the pools themselves through
// the template builder, then what the template cannot know: the import keys and the ports the
// catalog has no endpoint for.

#include "io/detail/topologyimport_p.h"

#include "core/rules.h"
#include "io/topologyfile.h"

#include <algorithm>

namespace edgemap::topologyimport::detail {

namespace {

// An import of more Edge pools than this is refused (use --pool or --site): each adds its
// flows, and no deployment has this many.
constexpr qsizetype kMaxEdgePools = 100;

struct EdgeRef
{
    qsizetype cluster = -1;
    qsizetype service = -1;
};

QList<EdgeRef> edgePools(const Index &index)
{
    QList<EdgeRef> out;
    QSet<qsizetype> seen;
    for (qsizetype s = 0; s < index.doc.services.size(); ++s)
        if (index.doc.services[s].role.compare(QLatin1String("EdgeServer"), Qt::CaseInsensitive)
                    == 0
            && !seen.contains(index.clusterOf[s])) {
            seen.insert(index.clusterOf[s]);
            out.append({index.clusterOf[s], s});
        }
    return out;
}

[[noreturn]] void failNoEdge(const Index &index)
{
    constexpr qsizetype kNamed = 12; // a message, not a listing of a huge document
    const qsizetype count = index.doc.clusters.size();
    QStringList pools;
    for (qsizetype c = 0; c < std::min(count, kNamed); ++c)
        pools.append(QStringLiteral("%1 (%2)").arg(index.doc.clusters[c].fqdn, index.poolKind(c)));
    if (count > kNamed)
        pools.append(QStringLiteral("and %1 more").arg(count - kNamed));
    fail({}, pools.isEmpty()
                     ? QStringLiteral("no Edge pool in this topology; it has no pools at all")
                     : QStringLiteral("no Edge pool in this topology; it has pools: %1")
                               .arg(pools.join(QStringLiteral(", "))));
}

QString poolText(const Index &index, const EdgeRef &e)
{
    return QStringLiteral("%1 (site %2)")
            .arg(index.doc.clusters[e.cluster].fqdn, index.siteName(index.doc.clusters[e.cluster]));
}

// The pools the options name; the others go to `skipped`.
QList<EdgeRef> selectPools(const Index &index, const QList<EdgeRef> &all,
                           const ImportOptions &options, QStringList &skipped)
{
    QList<EdgeRef> out;
    for (const EdgeRef &e : all) {
        const XmlCluster &c = index.doc.clusters[e.cluster];
        const bool wanted
                = (options.poolFqdn.isEmpty()
                   || c.fqdn.compare(options.poolFqdn, Qt::CaseInsensitive) == 0)
                  && (options.site.isEmpty()
                      || index.siteName(c).compare(options.site, Qt::CaseInsensitive) == 0);
        if (wanted)
            out.append(e);
        else
            skipped.append(poolText(index, e));
    }
    if (out.isEmpty()) {
        QStringList pools;
        for (const EdgeRef &e : all)
            pools.append(poolText(index, e));
        fail({},
             QStringLiteral("no Edge pool matches %1; the Edge pools are: %2")
                     .arg(options.poolFqdn.isEmpty() ? QStringLiteral("site '%1'").arg(options.site)
                                                     : QStringLiteral("'%1'").arg(options.poolFqdn),
                          pools.join(QStringLiteral(", "))));
    }
    if (out.size() > kMaxEdgePools)
        fail({}, QStringLiteral("refused: %1 Edge pools; EdgeMap imports at most %2 at a time "
                                "(choose some with --pool or --site)")
                         .arg(out.size())
                         .arg(kMaxEdgePools));
    return out;
}

// ServiceVersion is the product's version number in the topology (Get-CsService shows it as
// Version). What supports each value (README, "Importing a deployed topology"):
//   7  Skype for Business Server 2015: both real samples (shared/samples/topology), which also
//      carry the SkypeSearchProxy port that only 2015 and later have. Observed.
//   8  Skype for Business Server 2019: a public SfB 2019 deployment script and an independent
//      Topology Builder save of SfB 2019 (shared/reference/inputs.md 1.1 and 5). Observed.
//   6  Lync Server 2013, 5 Lync Server 2010: inferred (one number per release before 7); no
//      file of either was found, so importing one says so.
//   9 and later: a newer release than 2019, taken as Subscription Edition (assumed; its port
//      set is 2019's in the catalog). Subscription Edition itself may well report 8, which
//      imports as 2019: the same ports.
// RoleVersion is the version of a role's schema (EdgeServer 2, ManagementServices 1 in both
// samples), not of the product; it is not used.
struct Version
{
    Product product = Product::SfB2015;
    QString text;    // "Skype for Business Server 2015 (ServiceVersion 7)"
    QString warning; // the assumption, when there is one
};

Version versionOf(const XmlService &edge)
{
    bool ok = false;
    const int v = edge.serviceVersion.toInt(&ok);
    Version out;
    if (!ok) {
        out.warning = QStringLiteral("the EdgeServer service has no ServiceVersion ('%1'); "
                                     "taken as Skype for Business Server 2015")
                              .arg(edge.serviceVersion);
    } else if (v < 5) {
        out.product = Product::Lync2010;
        out.warning = QStringLiteral("ServiceVersion %1 is older than Lync Server 2010 (5), the "
                                     "first with such a topology; taken as Lync Server 2010")
                              .arg(v);
    } else if (v <= 6) {
        out.product = v == 6 ? Product::Lync2013 : Product::Lync2010;
        out.warning = QStringLiteral("ServiceVersion %1 taken as %2: inferred from the version "
                                     "numbers of later releases, not seen in a real file")
                              .arg(v)
                              .arg(displayName(out.product));
    } else if (v >= 9) {
        out.product = Product::SfBSE;
        out.warning = QStringLiteral("ServiceVersion %1 is newer than Skype for Business Server "
                                     "2019 (8); taken as Subscription Edition")
                              .arg(v);
    } else {
        out.product = v == 7 ? Product::SfB2015 : Product::SfB2019;
    }
    out.text = QStringLiteral("%1 (ServiceVersion %2)")
                       .arg(displayName(out.product), edge.serviceVersion.isEmpty()
                                                              ? QStringLiteral("none")
                                                              : edge.serviceVersion);
    return out;
}

// The newest product of the selected pools: one topology has one product.
Version chooseProduct(const Index &index, const QList<EdgeRef> &pools, Warnings &warnings)
{
    Version chosen;
    QStringList texts;
    for (qsizetype i = 0; i < pools.size(); ++i) {
        const XmlService &edge = index.doc.services[pools[i].service];
        const Version v = versionOf(edge);
        if (!v.warning.isEmpty())
            warnings.add(edge.at, v.warning);
        if (i == 0 || int(v.product) > int(chosen.product))
            chosen = v;
        if (!texts.contains(v.text))
            texts.append(v.text);
    }
    if (texts.size() > 1)
        warnings.add({},
                     QStringLiteral("the Edge pools are of different versions (%1); all are "
                                    "modelled as %2")
                             .arg(texts.join(QStringLiteral(", ")), displayName(chosen.product)));
    return chosen;
}

QStringList sipDomains(const XmlDocument &doc, Warnings &warnings)
{
    QStringList names = doc.domains;
    if (!doc.defaultDomain.isEmpty()) {
        names.removeAll(doc.defaultDomain);
        names.prepend(doc.defaultDomain);
    }
    QStringList out;
    for (const QString &name : names) {
        if (!isDomainName(name)) {
            warnings.add(
                    {},
                    QStringLiteral("SIP domain '%1' is not a domain name; not imported").arg(name));
            continue;
        }
        if (!out.contains(name, Qt::CaseInsensitive))
            out.append(name);
    }
    return out;
}

bool hasXmppPorts(const XmlService &edge)
{
    return std::any_of(edge.ports.cbegin(), edge.ports.cend(), [](const XmlPort &p) {
        return componentOf(p.owner).compare(QLatin1String("XmppFederationProxy"),
                                            Qt::CaseInsensitive)
               == 0;
    });
}

// The peers made for the pools around the Edge pools, one per cluster for the whole topology.
class PeerBook
{
public:
    PeerBook(const Index &index, Topology &topology, Warnings &warnings)
        : m_index(index)
        , m_topology(topology)
        , m_warnings(warnings)
        , m_cms(cmsCluster())
        , m_xmppGateways(xmppGateways())
    {}

    // Fills in plan.params.nextHop and plan.params.peers; notes pools it does not model.
    void assign(PoolPlan &plan, ImportSummary::Pool &summary, QStringList &notTaken);

private:
    QString peerFor(qsizetype cluster, PeerKind kind);
    QString newId(const QString &fqdn) const;
    QList<qsizetype> frontEndsUsing(const XmlService &edge, QStringList &notTaken) const;
    qsizetype cmsCluster() const;
    QList<qsizetype> xmppGateways() const;
    qsizetype xmppGateway(const QList<qsizetype> &frontEnds) const;

    const Index &m_index;
    Topology &m_topology;
    Warnings &m_warnings;
    QHash<qsizetype, QString> m_peers; // cluster -> peer id
    qsizetype m_cms = -1;              // the cluster holding the CMS, -1 when there is none
    QList<qsizetype> m_xmppGateways;   // clusters with the XMPP gateway's Port
};

QString PeerBook::newId(const QString &fqdn) const
{
    static const QStringList reserved{
            QStringLiteral("remote-users"),     QStringLiteral("federated-partners"),
            QStringLiteral("public-im"),        QStringLiteral("av-peers"),
            QStringLiteral("xmpp-partners"),    QStringLiteral("internet-services"),
            QStringLiteral("director"),         QStringLiteral("front-end"),
            QStringLiteral("internal-clients"), QStringLiteral("internal-dns")};
    QString base = fqdn.section(QLatin1Char('.'), 0, 0).toLower();
    base = idCharacters(base, false, QLatin1StringView("-"));
    if (base.isEmpty() || reserved.contains(base))
        base = QStringLiteral("pool-") + base;
    QString id = base;
    for (int n = 2; m_topology.peer(PeerId(id)); ++n)
        id = base + QLatin1Char('-') + QString::number(n);
    return id;
}

QString PeerBook::peerFor(qsizetype cluster, PeerKind kind)
{
    const XmlCluster &c = m_index.doc.clusters[cluster];
    const bool holdsCms = m_index.serviceOn(cluster, u"CentralMgmt") >= 0;
    QString name = kind == PeerKind::Director ? QStringLiteral("Director pool %1").arg(c.fqdn)
                   : kind == PeerKind::CmsMaster
                           ? QStringLiteral("Central Management Server pool %1").arg(c.fqdn)
                           : QStringLiteral("Front End pool %1").arg(c.fqdn);
    if (holdsCms && kind != PeerKind::CmsMaster)
        name += QStringLiteral(" (CMS)");
    if (const auto it = m_peers.constFind(cluster); it != m_peers.cend()) {
        // A CMS pool that turns out to be a Front End of another Edge pool is named as one.
        for (Peer &p : m_topology.peers)
            if (p.id.value() == *it && p.kind == PeerKind::CmsMaster && kind != p.kind) {
                p.kind = kind;
                p.name = name;
            }
        return *it;
    }
    Peer peer{PeerId(newId(c.fqdn)), kind, name, {}, {}};
    if (const QString bad = rules::fqdnProblem(c.fqdn); bad.isEmpty())
        peer.fqdn = c.fqdn;
    else
        m_warnings.add(
                c.at, QStringLiteral("pool %1: %2; kept as the peer's name only").arg(c.fqdn, bad));
    for (const QString &m : m_index.machineFqdns(cluster)) {
        if (const QString bad = rules::fqdnProblem(m); bad.isEmpty())
            peer.members.append(m);
        else
            m_warnings.add(c.at,
                           QStringLiteral("a server of pool %1: %2; not listed").arg(c.fqdn, bad));
    }
    peer.importKey = c.fqdn.toLower();
    m_topology.peers.append(peer);
    m_peers.insert(cluster, peer.id.value());
    return peer.id.value();
}

// The clusters whose Registrar (a Front End pool's, not a Director's) or other services depend
// on the Edge service: the Front End pools associated with it. Other pools using the Edge
// (a stand-alone Mediation pool) are noted, not modelled.
QList<qsizetype> PeerBook::frontEndsUsing(const XmlService &edge, QStringList &notTaken) const
{
    QList<qsizetype> out;
    for (const qsizetype s : m_index.dependents.value(edge.key)) {
        const qsizetype c = m_index.clusterOf[s];
        const qsizetype registrar = m_index.serviceOn(c, u"Registrar");
        if (registrar >= 0 && !m_index.doc.services[registrar].director) {
            if (!out.contains(c))
                out.append(c);
        } else if (registrar < 0) {
            const QString note = QStringLiteral("the %1 pool %2, which uses the Edge pool: not "
                                                "modelled as a peer")
                                         .arg(m_index.poolKind(c), m_index.doc.clusters[c].fqdn);
            if (!notTaken.contains(note))
                notTaken.append(note);
        }
    }
    return out;
}

qsizetype PeerBook::cmsCluster() const
{
    qsizetype found = -1;
    for (qsizetype s = 0; s < m_index.doc.services.size(); ++s) {
        const XmlService &service = m_index.doc.services[s];
        if (service.role.compare(QLatin1String("CentralMgmt"), Qt::CaseInsensitive) != 0)
            continue;
        if (service.cmsActive)
            return m_index.clusterOf[s];
        if (found < 0)
            found = m_index.clusterOf[s];
    }
    return found;
}

// The pools that can run the XMPP gateway: a service with the XmppFederation component's Port
// (the Front End's Registrar).
QList<qsizetype> PeerBook::xmppGateways() const
{
    QList<qsizetype> candidates;
    for (qsizetype s = 0; s < m_index.doc.services.size(); ++s) {
        const XmlService &service = m_index.doc.services[s];
        if (std::any_of(service.ports.cbegin(), service.ports.cend(), [](const XmlPort &p) {
                return componentOf(p.owner).compare(QLatin1String("XmppFederation"),
                                                    Qt::CaseInsensitive)
                       == 0;
            }))
            candidates.append(m_index.clusterOf[s]);
    }
    return candidates;
}

// The XMPP gateway of an Edge pool: among its Front End pools first.
qsizetype PeerBook::xmppGateway(const QList<qsizetype> &frontEnds) const
{
    for (const qsizetype c : frontEnds)
        if (m_xmppGateways.contains(c))
            return c;
    return m_xmppGateways.isEmpty() ? -1 : m_xmppGateways.first();
}

void PeerBook::assign(PoolPlan &plan, ImportSummary::Pool &summary, QStringList &notTaken)
{
    const XmlService &edge = m_index.doc.services[plan.edgeService];
    PoolPeers &peers = plan.params.peers;
    qsizetype nextHop = -1;
    for (const XmlDependency &d : edge.dependsOn) {
        const qsizetype s = m_index.services.value(d.service);
        if (m_index.doc.services[s].role.compare(QLatin1String("Registrar"), Qt::CaseInsensitive)
            == 0) {
            nextHop = m_index.clusterOf[s];
            plan.params.nextHop = m_index.doc.services[s].director ? NextHopKind::Director
                                                                   : NextHopKind::FrontEnd;
            break;
        }
    }
    QList<qsizetype> frontEnds = frontEndsUsing(edge, notTaken);
    if (nextHop < 0) {
        plan.params.nextHop = NextHopKind::FrontEnd;
        m_warnings.add(edge.at, QStringLiteral("the Edge pool %1 has no next hop (no dependency on "
                                               "a Registrar); its Front End pool stands in")
                                        .arg(summary.fqdn));
    } else if (plan.params.nextHop == NextHopKind::FrontEnd && !frontEnds.contains(nextHop)) {
        frontEnds.prepend(nextHop);
    }
    if (nextHop >= 0)
        peers.nextHop = peerFor(nextHop, plan.params.nextHop == NextHopKind::Director
                                                 ? PeerKind::Director
                                                 : PeerKind::FrontEndPool);
    if (frontEnds.isEmpty())
        m_warnings.add(edge.at, QStringLiteral("no Front End pool in the topology uses the Edge "
                                               "pool %1; an unnamed one stands in")
                                        .arg(summary.fqdn));
    for (const qsizetype c : frontEnds) {
        peers.frontEnds.append(peerFor(c, PeerKind::FrontEndPool));
        summary.frontEnds.append(m_index.doc.clusters[c].fqdn);
    }
    if (m_cms >= 0)
        peers.cms = peerFor(m_cms, PeerKind::CmsMaster);
    else
        m_warnings.add({}, QStringLiteral("no Central Management Server in the topology (no "
                                          "CentralMgmt service: a Topology Builder file not "
                                          "yet published?); CMS replication is drawn from the "
                                          "Front End pool"));
    if (plan.params.xmpp) {
        if (const qsizetype gateway = xmppGateway(frontEnds); gateway >= 0)
            peers.xmppGateway = peerFor(gateway, PeerKind::FrontEndPool);
    }
    summary.nextHop = nextHop < 0 ? QStringLiteral("none in the topology")
                                  : QStringLiteral("%1 pool %2")
                                            .arg(m_index.poolKind(nextHop),
                                                 m_index.doc.clusters[nextHop].fqdn);
}

} // namespace

ImportResult importDocument(const XmlDocument &document, const ImportOptions &options,
                            const Catalog &catalog, Warnings &warnings)
{
    const Index index(document);
    const QList<EdgeRef> all = edgePools(index);
    if (all.isEmpty())
        failNoEdge(index);
    ImportResult result;
    ImportSummary &summary = result.summary;
    summary.shape = document.shape == Shape::Published
                            ? QStringLiteral("a published topology (Get-CsTopology -AsXml)")
                    : document.shape == Shape::Builder
                            ? QStringLiteral("a Topology Builder file")
                            : QStringLiteral("a Topology Builder topology (PartialTopology)");
    const QList<EdgeRef> pools = selectPools(index, all, options, summary.skipped);
    const Version version = chooseProduct(index, pools, warnings);
    summary.product = version.text;
    Topology t;
    t.product = version.product;
    t.sipDomains = sipDomains(document, warnings);
    t.name = QStringLiteral("%1 Edge (imported)")
                     .arg(t.sipDomains.isEmpty() ? document.clusters[pools.first().cluster].fqdn
                                                 : t.sipDomains.first());
    QList<PoolPlan> plans;
    bool anyXmpp = false;
    for (const EdgeRef &e : pools) {
        const XmlService &edge = document.services[e.service];
        const bool xmpp = hasXmppPorts(edge)
                          && catalog.product(t.product).features.contains(QStringLiteral("xmpp"));
        if (hasXmppPorts(edge) && !xmpp)
            warnings.add(edge.at, QStringLiteral("the Edge pool has XMPP ports, but %1 has no "
                                                 "XMPP proxy on the Edge; imported as listeners "
                                                 "of their own")
                                          .arg(displayName(t.product)));
        anyXmpp = anyXmpp || xmpp;
        plans.append(planPool(index, e.cluster, e.service, t.product,
                              catalog.features(t.product, {xmpp, false}), catalog, warnings));
    }
    t.services = catalogServices(t.product, catalog.features(t.product, {anyXmpp, false}), catalog);
    PeerBook peers(index, t, warnings);
    for (PoolPlan &plan : plans) {
        ImportSummary::Pool pool;
        pool.fqdn = plan.params.poolFqdn;
        pool.site = plan.params.site;
        pool.xmpp = plan.params.xmpp;
        peers.assign(plan, pool, summary.notTaken);
        plan.params.sipDomains = t.sipDomains;
        if (const QString error = addPool(t, plan.params, catalog); !error.isEmpty())
            fail(document.clusters[plan.cluster].at,
                 QStringLiteral("Edge pool %1: %2").arg(pool.fqdn, error));
        addImported(t, t.pools.size() - 1, plan, catalog, warnings);
        describePool(t.pools.last(), plan, pool);
        summary.pools.append(pool);
    }
    checkImported(t, document, plans);
    noteNotTaken(t, summary.notTaken);
    result.topology = std::move(t);
    return result;
}

} // namespace edgemap::topologyimport::detail
