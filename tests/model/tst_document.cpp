// Editing the document: one undo entry per change, validation before anything changes, the
// modified flag following the undo stack, views told through topologyReplaced, fieldChanged and
// structureChanged.
#include "core/pathanalysis.h"
#include "document/document.h"
#include "io/topologyfile.h"
#include "support/tst_checks_util.h"
#include "support/tst_field_util.h"
#include "support/tst_pool_util.h"

#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

using namespace edgemap;

namespace {

struct FieldEdit
{
    Field field;
    QString id;
    QVariant value;
};

// One valid edit of each field of the default topology.
QList<FieldEdit> oneEditPerField()
{
    return {
            {Field::TopologyName, {}, QStringLiteral("Renamed")},
            {Field::PoolFqdn, QStringLiteral("pool1"), QStringLiteral("edgepool2.contoso.local")},
            {Field::ServerFqdn, QStringLiteral("edge01"), QStringLiteral("edge-a.contoso.local")},
            {Field::AddressIp, QStringLiteral("edge01-access"), QStringLiteral("192.0.2.110")},
            {Field::AddressNatIp, QStringLiteral("edge01-av"), QString()},
            {Field::AddressFqdn, QStringLiteral("edge01-access"),
             QStringLiteral("meet.contoso.com")},
            {Field::ListenerPort, QStringLiteral("edge01-int-tcp-5062"), 5063},
            {Field::ListenerEnabled, QStringLiteral("edge01-int-tcp-8057"), false},
            {Field::ServiceEnabled, QStringLiteral("RTCDATAPROXY"), false},
            {Field::PeerName, QStringLiteral("director"), QStringLiteral("Director pool")},
            {Field::PeerAddresses, QStringLiteral("director"),
             QStringList{QStringLiteral("172.25.40.0/24")}},
            {Field::SipDomains, {}, QStringList{QStringLiteral("fabrikam.com")}},
    };
}

} // namespace

class TstDocument : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void editUndoRedo_data();
    void editUndoRedo();
    void invalidEditsAreRefused_data();
    void invalidEditsAreRefused();
    void modifiedFollowsTheUndoStack();
    void structuralEditUndoRedo();
    void neverSavedStaysModifiedThroughUndo();
    void invalidStructuralEditIsRefused();
    void oneCheckPerServer();
    void failedResultOnlyBecomesTheLatest();
    void secondCheckIsComparedWithTheFirst();
    void editsKeepChecksButNotThoseOfRemovedServers();
    void mergeKeepsWhatLandedMeanwhile();
    void aCopyKeepsItsVerdictsWhenTheOriginalMovesOn();
    void analysisFollowsTheFieldsItReads_data();
    void analysisFollowsTheFieldsItReads();
    void everyFieldIsCoveredOnce();
    void analysisIsReplacedByStructureAndTopologyChanges();
    void stateCarriesTheAnalysisOfThatState();
    void analysisIsBuiltOnFirstUse();
};

void TstDocument::editUndoRedo_data()
{
    QTest::addColumn<int>("field");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QVariant>("value");
    QTest::newRow("name") << int(Field::TopologyName) << QString()
                          << QVariant(QStringLiteral("Fabrikam"));
    QTest::newRow("server fqdn") << int(Field::ServerFqdn) << QStringLiteral("edge01")
                                 << QVariant(QStringLiteral("edge-a.fabrikam.local"));
    QTest::newRow("address") << int(Field::AddressIp) << QStringLiteral("edge01-access")
                             << QVariant(QStringLiteral("192.0.2.110"));
    QTest::newRow("nat") << int(Field::AddressNatIp) << QStringLiteral("edge01-av")
                         << QVariant(QString());
    QTest::newRow("port") << int(Field::ListenerPort) << QStringLiteral("edge01-int-tcp-5062")
                          << QVariant(5063);
    QTest::newRow("listener off") << int(Field::ListenerEnabled)
                                  << QStringLiteral("edge01-int-tcp-8057") << QVariant(false);
    QTest::newRow("service off") << int(Field::ServiceEnabled) << QStringLiteral("RTCDATAPROXY")
                                 << QVariant(false);
    QTest::newRow("peer addresses") << int(Field::PeerAddresses) << QStringLiteral("director")
                                    << QVariant(QStringList{QStringLiteral("172.25.40.0/24")});
}

void TstDocument::editUndoRedo()
{
    QFETCH(int, field);
    QFETCH(QString, id);
    QFETCH(QVariant, value);
    const Topology t = topologyfile::defaultTopology();
    Document doc(t);
    const FieldRef ref = fieldOf(Field(field), id);
    const QVariant before = *readField(doc.topology(), ref);
    QSignalSpy changed(&doc, &Document::fieldChanged);
    QSignalSpy structure(&doc, &Document::structureChanged);
    QSignalSpy replaced(&doc, &Document::topologyReplaced);
    const Error e = doc.setField(ref, value);
    QVERIFY2(!e.isError(), qPrintable(e.toString()));
    QCOMPARE(*readField(doc.topology(), ref), value);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().first().value<FieldRef>(), ref);
    QCOMPARE(doc.undoStack()->count(), 1);
    QVERIFY(doc.undoStack()->undoText().startsWith(QStringLiteral("Change ")));
    doc.undoStack()->undo();
    QCOMPARE(*readField(doc.topology(), ref), before);
    QCOMPARE(doc.topology(), t);
    doc.undoStack()->redo();
    QCOMPARE(*readField(doc.topology(), ref), value);
    // Undo and redo are the same one-field change; nothing else is announced.
    QCOMPARE(changed.size(), 3);
    QCOMPARE(changed.last().first().value<FieldRef>(), ref);
    QCOMPARE(structure.size(), 0);
    QCOMPARE(replaced.size(), 0);
}

void TstDocument::invalidEditsAreRefused_data()
{
    QTest::addColumn<int>("field");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<QString>("message");
    QTest::newRow("bad IP") << int(Field::AddressIp) << QStringLiteral("edge01-access")
                            << QVariant(QStringLiteral("192.0.2.300"))
                            << QStringLiteral("'192.0.2.300' is not an IPv4 or IPv6 address");
    QTest::newRow("duplicate address")
            << int(Field::AddressIp) << QStringLiteral("edge01-access")
            << QVariant(QStringLiteral("10.45.16.20")) << QStringLiteral("10.45.16.20");
    QTest::newRow("duplicate socket")
            << int(Field::ListenerPort) << QStringLiteral("edge01-access-tcp-443") << QVariant(5061)
            << QStringLiteral("is already used by listener edge01-access-tcp-5061 (RTCSRV)");
    QTest::newRow("port out of range")
            << int(Field::ListenerPort) << QStringLiteral("edge01-int-tcp-5062") << QVariant(70000)
            << QStringLiteral("out of range");
    QTest::newRow("missing element")
            << int(Field::ServerFqdn) << QStringLiteral("edge99") << QVariant(QStringLiteral("x"))
            << QStringLiteral("does not exist");
    QTest::newRow("wrong type") << int(Field::ListenerEnabled)
                                << QStringLiteral("edge01-int-tcp-5062")
                                << QVariant(QStringLiteral("yes"))
                                << QStringLiteral("cannot take the value");
}

void TstDocument::invalidEditsAreRefused()
{
    QFETCH(int, field);
    QFETCH(QString, id);
    QFETCH(QVariant, value);
    QFETCH(QString, message);
    const Topology t = topologyfile::defaultTopology();
    Document doc(t);
    QSignalSpy reset(&doc, &Document::fieldChanged);
    const Error e = doc.setField(fieldOf(Field(field), id), value);
    QVERIFY(e.isError());
    QVERIFY2(e.toString().contains(message), qPrintable(e.toString()));
    QCOMPARE(doc.topology(), t);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(doc.undoStack()->count(), 0);
    QVERIFY(!doc.isModified());
}

void TstDocument::modifiedFollowsTheUndoStack()
{
    Document doc(topologyfile::defaultTopology());
    QSignalSpy modified(&doc, &Document::modifiedChanged);
    QVERIFY(!doc.setField({Field::TopologyName, {}}, QStringLiteral("A")).isError());
    QVERIFY(doc.isModified());
    doc.undoStack()->undo();
    QVERIFY(!doc.isModified());
    doc.undoStack()->redo();
    QVERIFY(doc.isModified());
    doc.setModified(false); // saved
    QVERIFY(!doc.isModified());
    QVERIFY(!doc.setField({Field::TopologyName, {}}, QStringLiteral("B")).isError());
    QVERIFY(doc.isModified());
    doc.undoStack()->undo(); // back to the saved state
    QVERIFY(!doc.isModified());
    QCOMPARE(modified.size(), 6);
}

void TstDocument::structuralEditUndoRedo()
{
    const Topology original = topologyfile::defaultTopology();
    Document doc(original);
    Topology edited = original;
    QVERIFY(!edited.peers.isEmpty());
    Peer added = edited.peers.first();
    added.id = PeerId(QStringLiteral("partner-b"));
    added.name = QStringLiteral("Partner B");
    edited.peers.append(added);
    QSignalSpy reset(&doc, &Document::structureChanged);
    QSignalSpy field(&doc, &Document::fieldChanged);
    QSignalSpy replaced(&doc, &Document::topologyReplaced);
    const Error e = doc.applyEdit(QStringLiteral("Add peer"), edited);
    QVERIFY2(!e.isError(), qPrintable(e.toString()));
    QCOMPARE(doc.topology(), edited);
    QVERIFY(doc.isModified());
    QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Add peer"));
    QCOMPARE(reset.size(), 1);
    doc.undoStack()->undo();
    QCOMPARE(doc.topology(), original);
    QVERIFY(doc.topology().peer(added.id) == nullptr);
    QVERIFY(!doc.isModified());
    doc.undoStack()->redo();
    QCOMPARE(doc.topology(), edited);
    // The same topology again changes nothing and adds no undo entry.
    QVERIFY(!doc.applyEdit(QStringLiteral("Nothing"), edited).isError());
    QCOMPARE(doc.undoStack()->count(), 1);
    QCOMPARE(reset.size(), 3);
    QCOMPARE(field.size(), 0);
    QCOMPARE(replaced.size(), 0);
    // Another topology is neither an edit nor undoable.
    doc.resetTopology(original, {});
    QCOMPARE(replaced.size(), 1);
    QCOMPARE(reset.size(), 3);
    QCOMPARE(doc.undoStack()->count(), 0);
}

void TstDocument::neverSavedStaysModifiedThroughUndo()
{
    // A topology the wizard just made: nothing on disk, so undoing the first edit must not make
    // it look saved (closing would then lose it without a question).
    Document doc(topologyfile::defaultTopology());
    doc.setModified(true);
    QVERIFY(!doc.setField({Field::TopologyName, {}}, QStringLiteral("A")).isError());
    doc.undoStack()->undo();
    QVERIFY(doc.isModified());
    doc.undoStack()->redo();
    QVERIFY(doc.isModified());
    doc.setModified(false); // saved now
    doc.undoStack()->undo();
    QVERIFY(doc.isModified());
    doc.undoStack()->redo();
    QVERIFY(!doc.isModified());
}

void TstDocument::invalidStructuralEditIsRefused()
{
    const Topology original = topologyfile::defaultTopology();
    Document doc(original);
    Topology edited = original;
    // Two peers with one id: the file could not be read back.
    edited.peers.append(edited.peers.first());
    const Error e = doc.applyEdit(QStringLiteral("Duplicate"), edited);
    QVERIFY(e.isError());
    QVERIFY2(e.message.contains(edited.peers.first().id.value()), qPrintable(e.toString()));
    QCOMPARE(doc.topology(), original);
    QCOMPARE(doc.undoStack()->count(), 0);
    QVERIFY(!doc.isModified());
}

void TstDocument::oneCheckPerServer()
{
    using namespace pooltest;
    Document doc(twoServerPool());
    const ServerId edge01(QStringLiteral("edge01"));
    const ServerId edge02(QStringLiteral("edge02"));
    QVERIFY(doc.checks().isEmpty());
    QSignalSpy changed(&doc, &Document::checksChanged);
    // edge02 first: checks() still follows the topology's order.
    const auto b = check(doc.topology(), edge02Text(), QStringLiteral("b.txt"));
    const auto a = check(doc.topology(), sampleText(), QStringLiteral("a.txt"));
    QCOMPARE(b->server, edge02);
    QCOMPARE(a->server, edge01);
    deliverCheck(doc, b);
    deliverCheck(doc, a);
    QCOMPARE(changed.size(), 2);
    QCOMPARE(doc.checks().inOrder(doc.topology()),
             (QList<std::shared_ptr<const CheckResult>>{a, b}));
    QCOMPARE(doc.checks().checkFor(edge01), a.get());
    QCOMPARE(doc.checks().checkFor(edge02), b.get());
    QCOMPARE(doc.checks().latest().get(), a.get()); // the most recent
    // Each listener's verdict comes from its own server's check.
    QCOMPARE(doc.checks().verdict(ListenerId(QStringLiteral("edge01-int-tcp-8057")))->status,
             ListenerStatus::Missing);
    QCOMPARE(doc.checks().verdict(ListenerId(QStringLiteral("edge02-int-tcp-5061")))->status,
             ListenerStatus::Ok);
    QCOMPARE(doc.checks().verdict(ListenerId(QStringLiteral("edge02-int-tcp-5061"))),
             b->judgement.verdict(ListenerId(QStringLiteral("edge02-int-tcp-5061"))));
    QVERIFY(!doc.checks().hasChanges()); // nothing to compare with yet
    QVERIFY(!doc.checks().changesFor(edge01));

    doc.setChecks({});
    QVERIFY(doc.checks().isEmpty());
    QVERIFY(!doc.checks().latest().get());
    QVERIFY(!doc.checks().verdict(ListenerId(QStringLiteral("edge02-int-tcp-5061"))));
}

void TstDocument::failedResultOnlyBecomesTheLatest()
{
    using namespace pooltest;
    Document doc(twoServerPool());
    const auto a = check(doc.topology(), sampleText(), QStringLiteral("a.txt"));
    deliverCheck(doc, a);
    auto unmatched = std::make_shared<const CheckResult>(
            readAndJudge(doc.topology(),
                         QByteArray("  Proto  Local Address  Foreign Address  State  PID\r\n"
                                    "  TCP    10.9.9.9:5061   0.0.0.0:0   LISTENING   2216\r\n"),
                         SnapshotSource::named(QStringLiteral("other.txt"))));
    QVERIFY(!unmatched->ok());
    deliverCheck(doc, unmatched);
    QCOMPARE(doc.checks().latest().get(), unmatched.get()); // for the UI to show the error
    QCOMPARE(doc.checks().servers().size(), 1);
    QCOMPARE(doc.checks().checkFor(ServerId(QStringLiteral("edge01"))), a.get());
    QVERIFY(doc.checks().verdict(ListenerId(QStringLiteral("edge01-int-tcp-5061"))));
}

void TstDocument::secondCheckIsComparedWithTheFirst()
{
    using namespace pooltest;
    Document doc(twoServerPool());
    const ServerId edge01(QStringLiteral("edge01"));
    const ListenerId replication(QStringLiteral("edge01-int-tcp-4443"));
    const auto first = check(doc.topology(), sampleText(), QStringLiteral("first"));
    const auto stopped
            = check(doc.topology(), without(sampleText(), QStringLiteral("172.25.33.10:4443 ")),
                    QStringLiteral("second"));
    deliverCheck(doc, first);
    deliverCheck(doc, check(doc.topology(), edge02Text(), QStringLiteral("edge02")));
    QSignalSpy changes(&doc, &Document::checksChanged);
    deliverCheck(doc, stopped);
    QCOMPARE(changes.size(), 1);
    QCOMPARE(doc.checks().checkFor(edge01), stopped.get());
    QCOMPARE(doc.checks().previousCheckFor(edge01), first.get());
    const SnapshotDiff *diff = doc.checks().changesFor(edge01);
    QVERIFY(diff);
    QCOMPARE(diff->disappeared.size(), 1);
    QCOMPARE(diff->disappeared.first().port, 4443);
    QVERIFY(doc.checks().changeOf(replication));
    QCOMPARE(doc.checks().changeOf(replication)->before, ListenerStatus::Ok);
    QCOMPARE(doc.checks().changeOf(replication)->after, ListenerStatus::Missing);
    QCOMPARE(changeText(*doc.checks().changeOf(replication)),
             QStringLiteral("was OK, now Missing"));
    QVERIFY(!doc.checks().changesFor(ServerId(QStringLiteral("edge02")))); // its own first snapshot
    QVERIFY(doc.checks().hasChanges());

    doc.setChecks(doc.checks().acknowledged());
    QCOMPARE(changes.size(), 2);
    QVERIFY(!doc.checks().hasChanges());
    QVERIFY(!doc.checks().changeOf(replication));
    QVERIFY(!doc.checks().changesFor(edge01));

    // The listener comes back: the next comparison is against the one before, not the first.
    deliverCheck(doc, first);
    QCOMPARE(doc.checks().changeOf(replication)->before, ListenerStatus::Missing);
    QCOMPARE(doc.checks().changeOf(replication)->after, ListenerStatus::Ok);
    QCOMPARE(doc.checks().changesFor(edge01)->appeared.size(), 1);
}

void TstDocument::editsKeepChecksButNotThoseOfRemovedServers()
{
    using namespace pooltest;
    Document doc(twoServerPool());
    deliverCheck(doc, check(doc.topology(), sampleText(), QStringLiteral("a")));
    deliverCheck(doc, check(doc.topology(), edge02Text(), QStringLiteral("b")));
    QVERIFY(!doc.setField({Field::TopologyName, {}}, QStringLiteral("Renamed")).isError());
    QCOMPARE(doc.checks().servers().size(), 2);

    Topology smaller = doc.topology();
    smaller.pools.first().servers.removeLast();
    QSignalSpy changed(&doc, &Document::checksChanged);
    QVERIFY(!doc.applyEdit(QStringLiteral("Remove edge02"), smaller).isError());
    QCOMPARE(changed.size(), 1);
    QCOMPARE(doc.checks().servers().size(), 1);
    QVERIFY(!doc.checks().checkFor(ServerId(QStringLiteral("edge02"))));
    QVERIFY(!doc.checks().latest().get()); // the latest was edge02's
    QVERIFY(!doc.checks().verdict(ListenerId(QStringLiteral("edge02-int-tcp-5061"))));
    QVERIFY(doc.checks().checkFor(ServerId(QStringLiteral("edge01"))));
}

// A re-judging computed from `base` while a load landed on edge02: edge01 takes the re-judged
// check, edge02 keeps the newer load, and the latest stays the load's.
void TstDocument::mergeKeepsWhatLandedMeanwhile()
{
    using namespace pooltest;
    const Topology t = twoServerPool();
    const ServerId edge01(QStringLiteral("edge01"));
    const ServerId edge02(QStringLiteral("edge02"));
    const CheckSet base = CheckSet()
                                  .withCheck(check(t, sampleText(), QStringLiteral("a")), t)
                                  .withCheck(check(t, edge02Text(), QStringLiteral("b")), t);
    const auto rejudged01 = check(t, sampleText(), QStringLiteral("a again"));
    const auto rejudged02 = check(t, edge02Text(), QStringLiteral("b again"));
    const CheckSet next = base.withServer(edge01, rejudged01, nullptr, {}, false)
                                  .withServer(edge02, rejudged02, nullptr, {}, false)
                                  .withLatest(rejudged02);
    const auto landed = check(t, edge02Text(), QStringLiteral("b newer"));
    const CheckSet now = base.withCheck(landed, t);

    const CheckSet merged = now.merged(base, next);
    QCOMPARE(merged.checkFor(edge01), rejudged01.get());
    QCOMPARE(merged.checkFor(edge02), landed.get());
    QCOMPARE(merged.previousCheckFor(edge02), base.checkFor(edge02)); // the load's comparison
    QCOMPARE(merged.latest(), landed);
    QCOMPARE(merged.verdict(ListenerId(QStringLiteral("edge02-int-tcp-5061"))),
             landed->judgement.verdict(ListenerId(QStringLiteral("edge02-int-tcp-5061"))));
    // Nothing landed meanwhile: the re-judged set as it is.
    QCOMPARE(base.merged(base, next), next);
    // A server the re-judging dropped (it no longer matches) goes, unless a load replaced it.
    const CheckSet dropped = base.withServer(edge01, nullptr, nullptr, {}, false);
    QVERIFY(!base.merged(base, dropped).checkFor(edge01));
}

// A worker holds a copy while the GUI thread moves on: the copy's lookups stay valid.
void TstDocument::aCopyKeepsItsVerdictsWhenTheOriginalMovesOn()
{
    using namespace pooltest;
    const Topology t = twoServerPool();
    const ListenerId replication(QStringLiteral("edge01-int-tcp-4443"));
    CheckSet live = CheckSet().withCheck(check(t, sampleText(), QStringLiteral("first")), t);
    live = live.withCheck(
            check(t, without(sampleText(), QStringLiteral("172.25.33.10:4443 ")), u"second"_qs), t);
    const CheckSet copy = live;
    QVERIFY(copy.changeOf(replication));
    live = live.acknowledged();
    live = live.withCheck(check(t, sampleText(), QStringLiteral("third")), t);
    live = CheckSet();
    QCOMPARE(copy.changeOf(replication)->after, ListenerStatus::Missing);
    QCOMPARE(copy.verdict(replication)->status, ListenerStatus::Missing);
    QVERIFY(copy.hasChanges());
}

// Another path analysis exactly when the field is one it reads: the rule (affectsPathAnalysis)
// agrees with what the analysis takes from a topology (PathAnalysis::inputOf), and the document
// follows the rule on the edit, its undo and its redo.
void TstDocument::analysisFollowsTheFieldsItReads_data()
{
    QTest::addColumn<int>("field");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QVariant>("value");
    for (const FieldEdit &e : oneEditPerField())
        QTest::addRow("%s", qPrintable(describe(fieldOf(e.field, e.id))))
                << int(e.field) << e.id << e.value;
}

void TstDocument::analysisFollowsTheFieldsItReads()
{
    QFETCH(int, field);
    QFETCH(QString, id);
    QFETCH(QVariant, value);
    const bool reads = affectsPathAnalysis(Field(field));
    Document doc(topologyfile::defaultTopology());
    const Topology original = doc.topology();
    const std::shared_ptr<const PathAnalysis> before = doc.analysis();
    QVERIFY(before);
    // What the views see when they are told.
    std::shared_ptr<const PathAnalysis> announced;
    connect(&doc, &Document::fieldChanged, this, [&] { announced = doc.analysis(); });

    const Error e = doc.setField(fieldOf(Field(field), id), value);
    QVERIFY2(!e.isError(), qPrintable(e.toString()));
    QCOMPARE(PathAnalysis::inputOf(doc.topology()) == PathAnalysis::inputOf(original), !reads);
    const std::shared_ptr<const PathAnalysis> edited = doc.analysis();
    QCOMPARE(edited != before, reads);
    QCOMPARE(announced.get(), edited.get()); // replaced before the change was announced
    QVERIFY(edited->describes(doc.topology()));
    QVERIFY(before->describes(original)); // a holder of the old one still has the old topology's

    doc.undoStack()->undo();
    QCOMPARE(doc.analysis() == before, !reads);
    QCOMPARE(doc.analysis() != edited, reads);
    QVERIFY(doc.analysis()->describes(original));
    doc.undoStack()->redo();
    QVERIFY(doc.analysis()->describes(doc.topology()));
    QCOMPARE(doc.analysis() == before, !reads);
}

void TstDocument::everyFieldIsCoveredOnce()
{
    QList<int> fields;
    for (const FieldEdit &e : oneEditPerField())
        fields.append(int(e.field));
    std::sort(fields.begin(), fields.end());
    QList<int> all;
    for (int f = int(Field::TopologyName); f <= int(Field::SipDomains); ++f)
        all.append(f);
    QCOMPARE(fields, all);
    // The analysis reads the two enabled flags and nothing else that can be edited.
    QList<int> read;
    for (int f : std::as_const(all))
        if (affectsPathAnalysis(Field(f)))
            read.append(f);
    QCOMPARE(read, (QList<int>{int(Field::ListenerEnabled), int(Field::ServiceEnabled)}));
}

void TstDocument::analysisIsReplacedByStructureAndTopologyChanges()
{
    const Topology original = topologyfile::defaultTopology();
    Document doc(original);
    std::shared_ptr<const PathAnalysis> announced;
    connect(&doc, &Document::structureChanged, this, [&] { announced = doc.analysis(); });
    connect(&doc, &Document::topologyReplaced, this, [&] { announced = doc.analysis(); });
    std::shared_ptr<const PathAnalysis> last = doc.analysis();
    const auto replaced = [&] {
        const std::shared_ptr<const PathAnalysis> now = doc.analysis();
        const bool ok = now != last && announced == now && now->describes(doc.topology());
        last = now;
        return ok;
    };

    Topology edited = original;
    Peer added = edited.peers.first();
    added.id = PeerId(QStringLiteral("partner-b"));
    added.name = QStringLiteral("Partner B");
    edited.peers.append(added);
    QVERIFY(!doc.applyEdit(QStringLiteral("Add peer"), edited).isError());
    QVERIFY(replaced());
    doc.undoStack()->undo();
    QVERIFY(replaced());
    doc.undoStack()->redo();
    QVERIFY(replaced());
    doc.resetTopology(original, {});
    QVERIFY(replaced());

    // New checks change no topology: the same analysis.
    using namespace pooltest;
    Document pool(twoServerPool());
    const std::shared_ptr<const PathAnalysis> kept = pool.analysis();
    deliverCheck(pool, check(pool.topology(), sampleText(), QStringLiteral("a")));
    QCOMPARE(pool.analysis().get(), kept.get());
    pool.setChecks({});
    QCOMPARE(pool.analysis().get(), kept.get());
}

// A worker gets the state, and with it the analysis of that state: the document's own instance,
// which a later edit replaces in the document but not in the state the worker holds.
void TstDocument::stateCarriesTheAnalysisOfThatState()
{
    Document doc(topologyfile::defaultTopology());
    const DocumentState state = doc.state();
    QCOMPARE(state.analysis.get(), doc.analysis().get());
    QVERIFY(state.analysis->describes(state.topology));

    const FieldRef port = fieldOf(Field::ListenerPort, QStringLiteral("edge01-int-tcp-5062"));
    QVERIFY(!doc.setField(port, 5063).isError());
    QCOMPARE(doc.state().analysis.get(), state.analysis.get()); // a field it does not read
    QVERIFY(doc.state().analysis->describes(doc.topology()));

    const FieldRef flag = fieldOf(Field::ListenerEnabled, QStringLiteral("edge01-int-tcp-8057"));
    QVERIFY(!doc.setField(flag, false).isError());
    const DocumentState later = doc.state();
    QVERIFY(later.analysis != state.analysis);
    QVERIFY(later.analysis->describes(later.topology));
    QVERIFY(state.analysis->describes(state.topology)); // the earlier state is as it was
    QVERIFY(!state.analysis->describes(later.topology));

    // A document made from a state (an export in a worker) keeps the state's analysis.
    const Document copy(later);
    QCOMPARE(copy.analysis().get(), later.analysis.get());
}

void TstDocument::analysisIsBuiltOnFirstUse()
{
    Document doc(topologyfile::defaultTopology());
    const std::shared_ptr<const PathAnalysis> analysis = doc.analysis();
    // Edits and states build nothing: whoever first needs the graph builds it.
    QVERIFY(!doc.setField({Field::TopologyName, {}}, QStringLiteral("A")).isError());
    const DocumentState state = doc.state();
    QVERIFY(!analysis->isBuilt());
    QVERIFY(!state.analysis->scenariosBrokenBy(ListenerId(QStringLiteral("edge01-int-tcp-5061")))
                     .isEmpty());
    QVERIFY(analysis->isBuilt());
    QCOMPARE(doc.analysis().get(), analysis.get());
}

QTEST_GUILESS_MAIN(TstDocument)
#include "tst_document.moc"
