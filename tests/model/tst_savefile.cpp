// SaveFile, the one file writer: a save replaces the file completely or not at all, and a failed
// one says why, names the path, and leaves the previous file and nothing else behind.
#include "io/savefile.h"
#include "support/tst_topologyfile_util.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using namespace edgemap;
using namespace Qt::StringLiterals;

class TstSaveFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void saveReplacesCompletely();
    void failedSaveKeepsTheOldFile_data();
    void failedSaveKeepsTheOldFile();
    void nothingCommittedAfterAFailedWrite();
    void withoutCommitNothingChanges();
};

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
}

} // namespace

void TstSaveFile::saveReplacesCompletely()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"out.csv"_s);
    QVERIFY(!SaveFile::save(path, "old contents that are longer\n").isError());
    QVERIFY(!SaveFile::save(path, "new\n").isError());
    QCOMPARE(readAll(path), QByteArray("new\n"));
    QCOMPARE(entries(dir.path()), QStringList{u"out.csv"_s});
}

void TstSaveFile::failedSaveKeepsTheOldFile_data()
{
    QTest::addColumn<QString>("failure");
    QTest::addColumn<QString>("reason");
    QTest::newRow("read-only target") << u"read-only-file"_s << u"the file is read-only"_s;
    QTest::newRow("directory as target") << u"directory"_s << u"it is a directory"_s;
    QTest::newRow("directory missing") << u"missing-dir"_s << QString();
    QTest::newRow("read-only directory") << u"read-only-dir"_s << u"ermission"_s;
    QTest::newRow("disk full while writing") << u"size-limit"_s << u"large"_s;
}

void TstSaveFile::failedSaveKeepsTheOldFile()
{
    QFETCH(QString, failure);
    QFETCH(QString, reason);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString old = dir.filePath(u"site.md"_s);
    const QByteArray oldBytes = "precious\n";
    QVERIFY(writeFile(old, oldBytes));
    const QByteArray newBytes(64 * 1024, 'x');
    QString path = old;
    Error e;
    if (failure == u"read-only-file"_s) {
        // Refused even for an administrator, whom the rename would let through.
        QVERIFY(QFile::setPermissions(old, QFileDevice::ReadOwner | QFileDevice::ReadUser));
        e = SaveFile::save(path, newBytes);
        QFile::setPermissions(old, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    } else if (failure == u"directory"_s) {
        path = dir.filePath(u"folder"_s);
        QVERIFY(QDir(dir.path()).mkdir(u"folder"_s));
        e = SaveFile::save(path, newBytes);
        QVERIFY(QFileInfo(path).isDir());
    } else if (failure == u"missing-dir"_s) {
        path = dir.filePath(u"no/such/dir/out.csv"_s);
        e = SaveFile::save(path, newBytes);
        QVERIFY(!QFile::exists(path));
    } else if (failure == u"read-only-dir"_s) {
#ifdef Q_OS_UNIX
        if (geteuid() == 0)
            QSKIP("root writes into read-only directories");
#else
        QSKIP("Windows ignores the read-only attribute of folders (an ACL would be needed)");
#endif
        QVERIFY(QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::ExeOwner));
        e = SaveFile::save(path, newBytes);
        QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    } else {
#ifdef Q_OS_UNIX
        const tst::FileSizeLimit limit(1024);
        e = SaveFile::save(path, newBytes);
#else
        QSKIP("needs RLIMIT_FSIZE");
#endif
    }
    QVERIFY(e.isError());
    const QString message = e.toString();
    QVERIFY2(message.startsWith(u"cannot write '%1': "_s.arg(path)), qPrintable(message));
    QVERIFY2(message.contains(reason), qPrintable(message));
    QCOMPARE(readAll(old), oldBytes);
    // No temporary file, no partial file.
    QStringList expected{u"site.md"_s};
    if (failure == u"directory"_s)
        expected.prepend(u"folder"_s);
    QCOMPARE(entries(dir.path()), expected);
}

void TstSaveFile::nothingCommittedAfterAFailedWrite()
{
#ifndef Q_OS_UNIX
    QSKIP("needs RLIMIT_FSIZE");
#else
    QTemporaryDir dir;
    const QString path = dir.filePath(u"out.prom"_s);
    QVERIFY(writeFile(path, "old\n"));
    SaveFile file(path);
    QVERIFY(file.open());
    {
        const tst::FileSizeLimit limit(16);
        QVERIFY(!file.write(QByteArray(4096, 'x')));
    }
    QVERIFY(!file.errorString().isEmpty());
    // A later write or commit does not turn the failure into a truncated file.
    QVERIFY(!file.write("more"));
    QVERIFY(!file.commit());
    QCOMPARE(readAll(path), QByteArray("old\n"));
    QCOMPARE(entries(dir.path()), QStringList{u"out.prom"_s});
#endif
}

void TstSaveFile::withoutCommitNothingChanges()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"out.csv"_s);
    QVERIFY(writeFile(path, "old\n"));
    {
        SaveFile file(path);
        QVERIFY(file.open());
        QVERIFY(file.write("new\n"));
    } // abandoned, as when the caller gives up half way
    QCOMPARE(readAll(path), QByteArray("old\n"));
    QCOMPARE(entries(dir.path()), QStringList{u"out.csv"_s});
}

QTEST_GUILESS_MAIN(TstSaveFile)
#include "tst_savefile.moc"
