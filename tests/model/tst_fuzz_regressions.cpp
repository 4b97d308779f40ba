// Replays every input under tests/data/fuzz-regressions/<target>/ (crashes and hangs the fuzz
// targets in tests/fuzz found, and hand-made hostile inputs) through the entry point of that
// target, exactly as the target feeds it: each must give a result or an error that says what is
// wrong, never a crash. Runs in the normal build and under the sanitizers.
#include "io/topologyfile.h"
#include "io/topologyimport.h"
#include "snapshot/filekind.h"
#include "snapshot/snapshotfile.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QTest>

#include <functional>

using namespace edgemap;
using namespace Qt::StringLiterals;

namespace {

const QString kRegressions = QStringLiteral(EDGEMAP_TEST_DATA "/fuzz-regressions");

// What a target gets back from its reader: a result, or an error message.
struct Outcome
{
    bool ok = false;
    QString error;
};

Outcome readSnapshot(const QByteArray &bytes)
{
    const snapshotfile::ReadResult r = snapshotfile::parse(bytes, u"regression"_s);
    return {r.ok(), r.error.message};
}

// The same transformations as the targets in tests/fuzz (see the comment atop each target).
const QHash<QString, std::function<Outcome(const QByteArray &)>> &entryPoints()
{
    static const QHash<QString, std::function<Outcome(const QByteArray &)>> points{
            {u"fuzz_netstat_utf16le"_s,
             [](const QByteArray &b) {
                 return readSnapshot(QByteArray("\xFF\xFE") + b);
             }},
            {u"fuzz_netstat_utf8"_s,
             [](const QByteArray &b) {
                 return readSnapshot(QByteArray("\xEF\xBB\xBF") + b);
             }},
            {u"fuzz_netstat_oem"_s,
             [](const QByteArray &b) {
                 return readSnapshot(b + QByteArray("\r\n\xFF\r\n"));
             }},
            {u"fuzz_powershell"_s, readSnapshot},
            {u"fuzz_capture_json"_s, readSnapshot},
            {u"fuzz_topology"_s,
             [](const QByteArray &b) {
                 const topologyfile::ReadResult r = topologyfile::parse(b, u"regression"_s);
                 return Outcome{r.ok(), r.error.message};
             }},
            {u"fuzz_topologyimport"_s,
             [](const QByteArray &b) {
                 const topologyimport::ImportResult r
                         = topologyimport::importTopologyXml(b, {u"regression"_s, {}, {}});
                 // As the target checks too: an imported topology is a valid one.
                 if (r.ok() && topologyfile::validate(*r.topology).isError())
                     return Outcome{false, QString()};
                 return Outcome{r.ok(), r.error.message};
             }},
            {u"fuzz_filekind"_s,
             [](const QByteArray &b) {
                 // Every answer is valid; what matters is that there is one.
                 const FileKind kind = classifyContent(b);
                 return Outcome{kind != FileKind::Unknown, u"unknown content"_s};
             }},
    };
    return points;
}

} // namespace

class TstFuzzRegressions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyFolderIsATarget();
    void replay_data();
    void replay();
};

// A folder named after no target would be skipped silently; one per target keeps each covered.
void TstFuzzRegressions::everyFolderIsATarget()
{
    const QStringList folders = QDir(kRegressions).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &folder : folders)
        QVERIFY2(entryPoints().contains(folder), qPrintable(u"no fuzz target named "_s + folder));
    for (auto it = entryPoints().cbegin(); it != entryPoints().cend(); ++it)
        QVERIFY2(!QDir(kRegressions + u'/' + it.key()).entryList(QDir::Files).isEmpty(),
                 qPrintable(u"no regression inputs for "_s + it.key()));
}

void TstFuzzRegressions::replay_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("path");
    const QStringList folders = QDir(kRegressions).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &folder : folders) {
        const QDir dir(kRegressions + u'/' + folder);
        for (const QString &file : dir.entryList(QDir::Files | QDir::Hidden, QDir::Name))
            QTest::newRow(qPrintable(folder + u'/' + file)) << folder << dir.filePath(file);
    }
}

void TstFuzzRegressions::replay()
{
    QFETCH(QString, target);
    QFETCH(QString, path);
    QFile file(path);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.errorString()));
    const QByteArray bytes = file.readAll();

    const auto point = entryPoints().constFind(target);
    QVERIFY(point != entryPoints().cend());
    const Outcome outcome = (*point)(bytes);
    QVERIFY2(outcome.ok || !outcome.error.trimmed().isEmpty(),
             "the reader failed without saying why");
}

QTEST_GUILESS_MAIN(TstFuzzRegressions)
#include "tst_fuzz_regressions.moc"
