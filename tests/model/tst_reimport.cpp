// Re-import: a topology file brought up to date with a new import of the deployment. What changed
// is listed in the admin's words; the deployment's facts come from the import, the user's (names,
// peer address ranges, switched-off listeners and services, peers added by hand) stay; ids of what
// both have stay, so that snapshots still refer to them; the result is valid and one undo step.
#include "document/document.h"
#include "document/reimport.h"
#include "document/topologyops.h"
#include "io/topologyfile.h"
#include "support/topologybuilder.h"
#include "support/tst_topologyimport_util.h"

#include <QTest>
#include <QUndoStack>

using namespace edgemap;
using namespace edgemap::testing;
using namespace Qt::StringLiterals;

namespace {

EdgeServer *serverNamed(Topology &t, const QString &fqdn)
{
    for (EdgePool &p : t.pools)
        for (EdgeServer &s : p.servers)
            if (s.fqdn == fqdn)
                return &s;
    return nullptr;
}

Address *addressWithRole(EdgeServer &s, AddressRole role)
{
    for (NetInterface &nic : s.interfaces)
        for (Address &a : nic.addresses)
            if (a.roles.contains(role))
                return &a;
    return nullptr;
}

Listener *listenerWith(EdgeServer &s, const QString &endpointKey)
{
    for (Listener &l : s.listeners)
        if (l.hasEndpoint(endpointKey))
            return &l;
    return nullptr;
}

QStringList texts(const QList<DeploymentChange> &changes)
{
    QStringList out;
    for (const DeploymentChange &c : changes)
        out.append(c.text());
    return out;
}

} // namespace

class TstReimport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameDeploymentChangesNothing();
    void deploymentChangesAreListed();
    void userFactsAreKept();
    void poolsAddedAndRemoved();
    void oneUndoStep();
    void changesBetweenTwoImports();
    void importedPeerMatchedByItsPool();
};

void TstReimport::sameDeploymentChangesNothing()
{
    const Topology t = TopologyBuilder().members(2).build();
    const ReimportResult r = reimport(t, t);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY2(r.changes.isEmpty(), qPrintable(texts(r.changes).join(u'\n')));
    QCOMPARE(r.topology, t);
}

void TstReimport::deploymentChangesAreListed()
{
    const Topology current = TopologyBuilder().members(3).build();
    // The deployment now: edge03 gone, edge04 new, edge02's Access Edge renumbered and behind
    // NAT, the A/V Edge's TCP 443 on 442 (as one real topology has it), XMPP federation enabled,
    // another SIP domain.
    Topology imported = TopologyBuilder().members(2).xmpp().sipDomains({u"fabrikam.com"_s}).build();
    {
        Topology four = TopologyBuilder().members(4).build();
        imported.pools.first().servers.append(*serverNamed(four, u"edge04.contoso.local"_s));
    }
    EdgeServer *edge02 = serverNamed(imported, u"edge02.contoso.local"_s);
    Address *access = addressWithRole(*edge02, AddressRole::Access);
    const QString oldAccess = access->ip;
    access->ip = u"192.0.2.112"_s;
    access->natPublicIp = u"203.0.113.112"_s;
    for (EdgeServer &s : imported.pools.first().servers)
        if (Listener *av = listenerWith(s, u"av-external-turn-tcp"_s))
            av->port = av->portEnd = 442;
    QVERIFY(topologyfile::validate(imported).message.isEmpty());

    const ReimportResult r = reimport(current, imported);
    QVERIFY2(r.ok(), qPrintable(r.error));
    const QStringList changes = texts(r.changes);
    const auto has = [&](const QString &text) {
        return changes.contains(text) ? true
                                      : (qWarning("missing: %s\nin:\n%s", qPrintable(text),
                                                  qPrintable(changes.join(u'\n'))),
                                         false);
    };
    QVERIFY(has(u"topology: SIP domains none → fabrikam.com"_s));
    const QString pool = current.pools.first().fqdn;
    QVERIFY(has(u"edge04.contoso.local: member of %1 added"_s.arg(pool)));
    QVERIFY(has(u"edge03.contoso.local: no longer a member of %1; removed"_s.arg(pool)));
    QVERIFY(has(u"edge02.contoso.local: Access Edge address %1 → 192.0.2.112"_s.arg(oldAccess)));
    QVERIFY(has(u"edge02.contoso.local: Access Edge address now behind NAT 203.0.113.112"_s));
    QVERIFY(has(u"edge01.contoso.local: TCP 443 (RTCMEDIARELAY) moved to TCP 442"_s));
    QCOMPARE(changes.filter(u"moved to TCP 442"_s).size(), 2); // edge04 is new: added, not moved
    QVERIFY(!changes.filter(u"edge01.contoso.local: TCP 5269"_s).isEmpty()); // XMPP added

    // The merged topology is the deployment: its members, addresses and ports.
    Topology merged = r.topology;
    QStringList members;
    for (const EdgeServer &s : merged.pools.first().servers)
        members.append(s.fqdn);
    QCOMPARE(members, (QStringList{u"edge01.contoso.local"_s, u"edge02.contoso.local"_s,
                                   u"edge04.contoso.local"_s}));
    QCOMPARE(addressWithRole(*serverNamed(merged, u"edge02.contoso.local"_s), AddressRole::Access)
                     ->natPublicIp,
             u"203.0.113.112"_s);
    // The file's ids for what both have; the new member's own, unique.
    const EdgeServer *before = current.server(ServerId(u"edge02"_s));
    QVERIFY(before);
    QCOMPARE(serverNamed(merged, u"edge02.contoso.local"_s)->id, before->id);
    QCOMPARE(addressWithRole(*serverNamed(merged, u"edge02.contoso.local"_s), AddressRole::Access)
                     ->id,
             addressWithRole(
                     *serverNamed(const_cast<Topology &>(current), u"edge02.contoso.local"_s),
                     AddressRole::Access)
                     ->id);
    QVERIFY(topologyfile::validate(merged).message.isEmpty());
}

void TstReimport::userFactsAreKept()
{
    Topology current = TopologyBuilder().members(2).build();
    current.name = u"Contoso Edge, as the firewall team knows it"_s;
    for (Peer &p : current.peers)
        if (p.kind == PeerKind::RemoteUsers)
            p.addresses = {u"198.51.100.0/24"_s};
    const topologyops::EditResult partner = topologyops::addPeer(
            current, u"Partner VPN"_s, PeerKind::FederatedPartners, {u"203.0.113.200"_s});
    QVERIFY2(partner.ok(), qPrintable(partner.error));
    current = partner.topology;
    Listener *replica = listenerWith(current.pools.first().servers.first(), u"cms-replication"_s);
    QVERIFY(replica);
    replica->enabled = false;
    for (Service &s : current.services)
        if (s.id.value() == u"RTCMRAUTH"_s)
            s.enabled = false;
    QVERIFY(topologyfile::validate(current).message.isEmpty());

    const ReimportResult r = reimport(current, TopologyBuilder().members(2).build());
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY2(r.changes.isEmpty(), qPrintable(texts(r.changes).join(u'\n')));
    QCOMPARE(r.topology.name, current.name);
    QCOMPARE(r.topology.peers, current.peers);
    QCOMPARE(r.topology.listener(replica->id)->enabled, false);
    QCOMPARE(r.topology.service(ServiceId(u"RTCMRAUTH"_s))->enabled, false);
    QCOMPARE(r.topology, current);
}

void TstReimport::poolsAddedAndRemoved()
{
    const Topology current = TopologyBuilder().members(2).site(2).members(2).build();
    const Topology imported = TopologyBuilder().members(2).site(3).members(1).build();
    const ReimportResult r = reimport(current, imported);
    QVERIFY2(r.ok(), qPrintable(r.error));
    const QStringList changes = texts(r.changes);
    QVERIFY2(changes.contains(u"edgepool3.contoso.local: Edge pool added (Site 3, 1 servers)"_s),
             qPrintable(changes.join(u'\n')));
    QVERIFY2(changes.contains(u"edgepool2.contoso.local: Edge pool no longer in the deployment; "
                              "removed"_s),
             qPrintable(changes.join(u'\n')));
    QCOMPARE(r.topology.pools.size(), 2);
    QCOMPARE(r.topology.pools.first().id, current.pools.first().id);
    // Every flow and next hop points at a pool and peer of the merged topology.
    for (const Flow &f : r.topology.flows)
        for (const FlowEnd &end : {f.from, f.to}) {
            if (!end.pool.isEmpty())
                QVERIFY2(r.topology.pool(end.pool), qPrintable(end.pool.value()));
            if (!end.peer.isEmpty())
                QVERIFY2(r.topology.peer(end.peer), qPrintable(end.peer.value()));
        }
}

// Applied through the document: one undo entry, which brings the file's topology back.
void TstReimport::oneUndoStep()
{
    const Topology current = TopologyBuilder().members(2).build();
    Document doc(current);
    const ReimportResult r = reimport(current, TopologyBuilder().members(3).build());
    QVERIFY2(r.ok(), qPrintable(r.error));
    const int before = doc.undoStack()->count();
    QVERIFY(!doc.applyEdit(u"Import topology changes"_s, r.topology).isError());
    QCOMPARE(doc.undoStack()->count(), before + 1);
    QCOMPARE(doc.topology().pools.first().servers.size(), 3);
    doc.undoStack()->undo();
    QCOMPARE(doc.topology(), current);
}

// Two imports of the same deployment, months apart (the written Director fixture and the same
// file changed as importtest::poolDirectorLater says): every change in the admin's words, the
// user's facts kept, the Director that left the deployment removed.
void TstReimport::changesBetweenTwoImports()
{
    using namespace importtest;
    const ImportResult first = importFile(u"written_pool-director.tbxml"_s);
    QVERIFY2(first.ok(), qPrintable(first.error.toString()));
    Topology current = *first.topology;
    current.name = u"Contoso Edge (firewall change 4711)"_s;
    Peer *fe = nullptr;
    for (Peer &p : current.peers)
        if (p.fqdn == u"fepool.contoso.net"_s)
            fe = &p;
    QVERIFY(fe);
    fe->addresses = {u"10.0.10.0/24"_s};
    const PeerId feId = fe->id;
    const ImportResult later = importTopologyXml(poolDirectorLater(), {});
    QVERIFY2(later.ok(), qPrintable(later.error.toString()));

    const ReimportResult r = reimport(current, *later.topology);
    QVERIFY2(r.ok(), qPrintable(r.error));
    const QStringList expected{
            u"fepool.contoso.net: server fe04.contoso.net added"_s,
            u"dirpool.contoso.net: Director no longer in the deployment; removed"_s,
            u"edgepool.contoso.net: next hop dirpool.contoso.net → fepool.contoso.net"_s,
            u"edge01.contoso.net: TCP 444 (RTCDATAPROXY) moved to TCP 4444"_s,
            u"edge02.contoso.net: Internal address 172.16.1.12 → 172.16.1.22"_s,
            u"edge02.contoso.net: TCP 444 (RTCDATAPROXY) moved to TCP 4444"_s,
            u"edge03.contoso.net: TCP 444 (RTCDATAPROXY) moved to TCP 4444"_s,
            u"edge04.contoso.net: no longer a member of edgepool.contoso.net; removed"_s,
    };
    QCOMPARE(texts(r.changes), expected);

    const Topology &merged = r.topology;
    QCOMPARE(merged.name, current.name);
    const Peer *mergedFe = merged.peer(feId);
    QVERIFY(mergedFe);
    QCOMPARE(mergedFe->addresses, QStringList{u"10.0.10.0/24"_s});
    QVERIFY(mergedFe->members.contains(u"fe04.contoso.net"_s));
    QCOMPARE(merged.pools.first().nextHop, feId);
    QVERIFY(!peerWithFqdn(merged, u"dirpool.contoso.net"_s));
    QCOMPARE(merged.pools.first().servers.size(), 3);
    // Snapshots of edge02 still refer to its ids; its address is the deployment's.
    const EdgeServer *edge02 = merged.server(current.pools.first().servers.at(1).id);
    QVERIFY(edge02);
    QVERIFY2(addressesOf(*edge02).join(u'\n').contains(u"172.16.1.22"_s),
             qPrintable(addressesOf(*edge02).join(u'\n')));
    QVERIFY(topologyfile::validate(merged).message.isEmpty());
    // Imported again from the same file: nothing more to change.
    const ReimportResult again = reimport(merged, *later.topology);
    QVERIFY2(again.changes.isEmpty(), qPrintable(texts(again.changes).join(u'\n')));
}

// A peer an import made is found by the pool it came from even when its kind changed (the Front
// End pool that now holds the CMS); a peer of the same kind the user added by hand is kept and
// said, never removed.
void TstReimport::importedPeerMatchedByItsPool()
{
    Topology current = TopologyBuilder().members(1).build();
    Peer fromImport{PeerId(u"fe"_s),       PeerKind::FrontEndPool, u"Front End pool"_s,
                    u"fe.contoso.local"_s, {u"10.1.0.0/24"_s},     {u"fe01.contoso.local"_s},
                    u"fe.contoso.local"_s};
    Peer byHand{PeerId(u"legacy"_s),
                PeerKind::FrontEndPool,
                u"Legacy pool"_s,
                u"legacy.contoso.local"_s,
                {u"10.2.0.0/24"_s},
                {},
                {}};
    current.peers.append(fromImport);
    current.peers.append(byHand);
    Topology imported = TopologyBuilder().members(1).build();
    Peer now = fromImport;
    now.id = PeerId(u"fe-imported"_s);
    now.kind = PeerKind::CmsMaster;
    now.addresses.clear();
    now.members.append(u"fe02.contoso.local"_s);
    imported.peers.append(now);

    const ReimportResult r = reimport(current, imported);
    QVERIFY2(r.ok(), qPrintable(r.error));
    const QStringList changes = texts(r.changes);
    QVERIFY2(changes.contains(u"fe.contoso.local: now a %1 (was a %2)"_s.arg(
                     displayName(PeerKind::CmsMaster), displayName(PeerKind::FrontEndPool))),
             qPrintable(changes.join(u'\n')));
    QVERIFY2(changes.contains(u"fe.contoso.local: server fe02.contoso.local added"_s),
             qPrintable(changes.join(u'\n')));
    QVERIFY2(changes.contains(u"legacy.contoso.local: %1 added by hand, not in the deployment; "
                              "kept"_s.arg(displayName(PeerKind::FrontEndPool))),
             qPrintable(changes.join(u'\n')));
    const Peer *fe = r.topology.peer(PeerId(u"fe"_s));
    QVERIFY(fe);
    QCOMPARE(fe->kind, PeerKind::CmsMaster);
    QCOMPARE(fe->addresses, QStringList{u"10.1.0.0/24"_s});
    QVERIFY(r.topology.peer(PeerId(u"legacy"_s)));
    QVERIFY(!r.topology.peer(PeerId(u"fe-imported"_s)));
}

QTEST_GUILESS_MAIN(TstReimport)
#include "tst_reimport.moc"
