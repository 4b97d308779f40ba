// Where a snapshot came from: each kind's path or name, the label the status bar shows, the full
// text reports show (the same strings as before there was a type), equality and hashing by kind
// and name, and which kinds are live sources.
#include "snapshot/check.h"
#include "snapshot/snapshotsource.h"
#include "support/tst_source_util.h"

#include <QHash>
#include <QSet>
#include <QTest>

#include <memory>

using namespace edgemap;
using namespace Qt::StringLiterals;
using Kind = SnapshotSource::Kind;

class TstSnapshotSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void kinds_data();
    void kinds();
    void nullByDefault();
    void fileLabelIsTheFileName();
    void equalityIsKindAndName();
    void hashKeys();
    void checkResultCarriesTheSource();
    void metaType();
};

void TstSnapshotSource::kinds_data()
{
    QTest::addColumn<SnapshotSource>("source");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("live");
    QTest::addColumn<bool>("isFile");
    const QString path = u"/share/edge01/edge01-netstat.txt"_s;
    QTest::newRow("file") << SnapshotSource::file(path) << int(Kind::File) << path
                          << u"edge01-netstat.txt"_s << path << false << true;
    QTest::newRow("relative file")
            << SnapshotSource::file(u"snaps/edge01.txt"_s) << int(Kind::File)
            << u"snaps/edge01.txt"_s << u"edge01.txt"_s << u"snaps/edge01.txt"_s << false << true;
    QTest::newRow("watched file") << SnapshotSource::watchedFile(path) << int(Kind::WatchedFile)
                                  << path << u"edge01-netstat.txt"_s << path << true << true;
    QTest::newRow("clipboard") << SnapshotSource::clipboard() << int(Kind::Clipboard) << QString()
                               << u"clipboard"_s << u"clipboard"_s << false << false;
    QTest::newRow("dropped text") << SnapshotSource::droppedText() << int(Kind::DroppedText)
                                  << QString() << u"dropped text"_s << u"dropped text"_s << false
                                  << false;
    QTest::newRow("named") << SnapshotSource::named(u"first"_s) << int(Kind::Named) << QString()
                           << u"first"_s << u"first"_s << false << false;
    QTest::newRow("capture") << SnapshotSource::capture(u"ssh edge01"_s) << int(Kind::Capture)
                             << QString() << u"ssh edge01"_s << u"ssh edge01"_s << true << false;
    // A profile's name is a name, even when it looks like a path: no file name is cut out of it.
    QTest::newRow("capture named like a file")
            << SnapshotSource::capture(path) << int(Kind::Capture) << QString() << path << path
            << true << false;
    QTest::newRow("this computer") << SnapshotSource::thisComputer() << int(Kind::ThisComputer)
                                   << QString() << u"This computer (native capture)"_s
                                   << u"This computer (native capture)"_s << true << false;
}

void TstSnapshotSource::kinds()
{
    QFETCH(SnapshotSource, source);
    QFETCH(int, kind);
    QFETCH(QString, path);
    QFETCH(QString, label);
    QFETCH(QString, text);
    QFETCH(bool, live);
    QFETCH(bool, isFile);
    QCOMPARE(int(source.kind()), kind);
    QVERIFY(!source.isNull());
    QCOMPARE(source.path(), path);
    QCOMPARE(source.label(), label);
    QCOMPARE(source.text(), text);
    QCOMPARE(source.isLive(), live);
    QCOMPARE(source.isFile(), isFile);
}

void TstSnapshotSource::nullByDefault()
{
    const SnapshotSource none;
    QVERIFY(none.isNull());
    QCOMPARE(none.kind(), Kind::None);
    QVERIFY(!none.isLive());
    QVERIFY(!none.isFile());
    QCOMPARE(none.text(), QString());
    QCOMPARE(none.label(), QString());
    QCOMPARE(none, SnapshotSource());
    QVERIFY(none != SnapshotSource::named(QString()));
}

void TstSnapshotSource::fileLabelIsTheFileName()
{
    // What the status bar said before ("Reading edge01.txt…"): QFileInfo's file name.
    QCOMPARE(SnapshotSource::file(u"edge01.txt"_s).label(), u"edge01.txt"_s);
    QCOMPARE(SnapshotSource::watchedFile(u"/a/b/c.log"_s).label(), u"c.log"_s);
    QCOMPARE(SnapshotSource::file(u"/a/b/c.log"_s).text(), u"/a/b/c.log"_s);
}

void TstSnapshotSource::equalityIsKindAndName()
{
    const QString path = u"/share/edge01.txt"_s;
    QCOMPARE(SnapshotSource::file(path), SnapshotSource::file(path));
    QCOMPARE(SnapshotSource::clipboard(), SnapshotSource::clipboard());
    QCOMPARE(SnapshotSource::thisComputer(), SnapshotSource::thisComputer());
    QVERIFY(SnapshotSource::file(path) != SnapshotSource::file(u"/share/edge02.txt"_s));
    // The same text, different origins: never one source.
    QVERIFY(SnapshotSource::file(path) != SnapshotSource::watchedFile(path));
    QVERIFY(SnapshotSource::capture(path) != SnapshotSource::watchedFile(path));
    QVERIFY(SnapshotSource::named(u"clipboard"_s) != SnapshotSource::clipboard());
    QVERIFY(SnapshotSource::capture(u"This computer (native capture)"_s)
            != SnapshotSource::thisComputer());
    QVERIFY(SnapshotSource::droppedText() != SnapshotSource::clipboard());
}

void TstSnapshotSource::hashKeys()
{
    const QString path = u"/share/edge01.txt"_s;
    QHash<SnapshotSource, int> states;
    states.insert(SnapshotSource::watchedFile(path), 1);
    states.insert(SnapshotSource::capture(path), 2);
    states.insert(SnapshotSource::file(path), 3);
    states.insert(SnapshotSource::clipboard(), 4);
    states.insert(SnapshotSource::clipboard(), 5); // replaces
    QCOMPARE(states.size(), 4);
    QCOMPARE(states.value(SnapshotSource::watchedFile(path)), 1);
    QCOMPARE(states.value(SnapshotSource::capture(path)), 2);
    QCOMPARE(states.value(SnapshotSource::file(path)), 3);
    QCOMPARE(states.value(SnapshotSource::clipboard()), 5);
    QVERIFY(!states.contains(SnapshotSource::droppedText()));
    QCOMPARE(qHash(SnapshotSource::capture(u"x"_s), 7), qHash(SnapshotSource::capture(u"x"_s), 7));
    const QSet<SnapshotSource> set{SnapshotSource::file(path), SnapshotSource::file(path)};
    QCOMPARE(set.size(), 1);
}

void TstSnapshotSource::checkResultCarriesTheSource()
{
    // A result labels itself with its source, and its errors name the source's text, as they
    // named the bare string before.
    const Topology empty;
    const CheckResult r = readAndJudge(empty, QByteArray("this is not netstat\n"),
                                       SnapshotSource::capture(u"ssh edge01"_s));
    QCOMPARE(r.source, SnapshotSource::capture(u"ssh edge01"_s));
    QVERIFY(!r.ok());
    QVERIFY2(r.error.toString().startsWith(u"ssh edge01"_s), qPrintable(r.error.toString()));
    QCOMPARE(CheckResult().source, SnapshotSource());

    const CheckResult file = readAndJudge(empty, u"/nonexistent/edge01.txt"_s);
    QCOMPARE(file.source, SnapshotSource::file(u"/nonexistent/edge01.txt"_s));
    QVERIFY2(file.error.toString().contains(u"/nonexistent/edge01.txt"_s),
             qPrintable(file.error.toString()));
}

void TstSnapshotSource::metaType()
{
    // Signals carry it (SnapshotController, LiveSources): QVariant round trip, for QSignalSpy.
    const SnapshotSource source = SnapshotSource::watchedFile(u"/a.txt"_s);
    const QVariant v = QVariant::fromValue(source);
    QCOMPARE(v.value<SnapshotSource>(), source);
    QCOMPARE(sourcetest::sourceAt(QVariantList{v}, 0), source);
    // What QCOMPARE prints when two differ (support/tst_source_util.h).
    const std::unique_ptr<char[]> text(toString(source));
    QCOMPARE(QString::fromUtf8(text.get()), u"SnapshotSource(WatchedFile, \"/a.txt\")"_s);
}

QTEST_GUILESS_MAIN(TstSnapshotSource)
#include "tst_snapshotsource.moc"
