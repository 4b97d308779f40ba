// Editing the document: one undo entry per change, validation before anything changes, the
// modified flag following the undo stack, views told through topologyReplaced, fieldChanged and
// structureChanged.
#include "document/document.h"
#include "io/topologyfile.h"
#include "support/tst_checks_util.h"
#include "support/tst_field_util.h"
#include "support/tst_pool_util.h"

#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

using namespace edgemap;

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
                         QStringLiteral("other.txt")));
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

QTEST_GUILESS_MAIN(TstDocument)
#include "tst_document.moc"
