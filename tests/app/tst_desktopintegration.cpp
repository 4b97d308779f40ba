// The desktop integration: the window icon compiled into the edgemap executable, and the Linux
// desktop files (the .desktop entry and the MIME type of topology files) agreeing with each other
// and with the id the application announces. The validators run as separate tests
// (desktop_file_validate, appstream_validate).
#include "appicon.h"

#include <QByteArray>
#include <QFile>
#include <QHash>
#include <QImage>
#include <QMimeDatabase>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const QString kSource = QStringLiteral(EDGEMAP_SOURCE_DIR "/resources");

QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

// The [Desktop Entry] keys of a .desktop file (one group is all ours has).
QHash<QString, QString> desktopEntry(const QString &path)
{
    QHash<QString, QString> keys;
    const QList<QByteArray> lines = readAll(path).split('\n');
    for (const QByteArray &line : lines) {
        const qsizetype eq = line.indexOf('=');
        if (eq > 0 && !line.startsWith('#'))
            keys.insert(QString::fromUtf8(line.left(eq)), QString::fromUtf8(line.mid(eq + 1)));
    }
    return keys;
}

} // namespace

class TestDesktopIntegration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void iconSize_data();
    void iconSize();
    void iconInExecutable();
    void windowIcon();
    void desktopEntryNamesIconAndType();
    void topologyFilesGetTheirType();

private:
    QTemporaryDir m_dataDir;
};

void TestDesktopIntegration::initTestCase()
{
    // The MIME type as installed: share/mime/packages/<id>.xml, found through XDG_DATA_DIRS
    // before the system's types (which give application/json, its parent).
    QVERIFY(m_dataDir.isValid());
    QVERIFY(QDir().mkpath(m_dataDir.filePath(QStringLiteral("mime/packages"))));
    QVERIFY(QFile::copy(
            kSource + QStringLiteral("/linux/%1.mime.xml").arg(edgemap::desktopFileId()),
            m_dataDir.filePath(
                    QStringLiteral("mime/packages/%1.xml").arg(edgemap::desktopFileId()))));
    const QByteArray system = qgetenv("XDG_DATA_DIRS");
    qputenv("XDG_DATA_DIRS", m_dataDir.path().toLocal8Bit() + ':'
                                     + (system.isEmpty() ? QByteArray("/usr/share") : system));
}

void TestDesktopIntegration::iconSize_data()
{
    QTest::addColumn<int>("size");
    for (const int size : edgemap::applicationIconSizes())
        QTest::addRow("%d px", size) << size;
}

// Every size is compiled in, is the PNG scripts/make-icons.sh wrote, and is drawn at its size.
void TestDesktopIntegration::iconSize()
{
    QFETCH(int, size);
    const QString resource = QStringLiteral(":/edgemap/icons/edgemap-%1.png").arg(size);
    QVERIFY2(QFile::exists(resource), qPrintable(resource));
    const QByteArray png = readAll(resource);
    QCOMPARE(png, readAll(kSource + QStringLiteral("/icons/edgemap-%1.png").arg(size)));
    const QImage image = QImage::fromData(png, "PNG");
    QCOMPARE(image.size(), QSize(size, size));
    QVERIFY(image.hasAlphaChannel());
}

// The executable users run carries the icon, not only this test: the PNG bytes are in it (rcc
// stores PNGs uncompressed, as compressing them gains next to nothing).
void TestDesktopIntegration::iconInExecutable()
{
    const QByteArray binary = readAll(QStringLiteral(EDGEMAP_BINARY));
    QVERIFY(!binary.isEmpty());
    for (const int size : {16, 256}) {
        const QByteArray png = readAll(kSource + QStringLiteral("/icons/edgemap-%1.png").arg(size));
        QVERIFY(!png.isEmpty());
        QVERIFY2(binary.contains(png), qPrintable(QStringLiteral("edgemap-%1.png").arg(size)));
    }
}

void TestDesktopIntegration::windowIcon()
{
    const QIcon icon = edgemap::applicationIcon();
    QVERIFY(!icon.isNull());
    QList<QSize> expected;
    for (const int size : edgemap::applicationIconSizes())
        expected.append(QSize(size, size));
    QCOMPARE(icon.availableSizes(), expected);
    // A size in between comes from the nearest larger drawing, not from nothing.
    QCOMPARE(icon.pixmap(QSize(40, 40)).size(), QSize(40, 40));
}

// The .desktop file is named by the id the window announces (setDesktopFileName), and names the
// installed icon (<id>.svg / <id>.png) and the MIME type of topology files.
void TestDesktopIntegration::desktopEntryNamesIconAndType()
{
    const QString id = edgemap::desktopFileId();
    const QString path = kSource + QStringLiteral("/linux/%1.desktop").arg(id);
    QVERIFY2(QFile::exists(path), qPrintable(path));
    const QHash<QString, QString> entry = desktopEntry(path);
    QCOMPARE(entry.value(QStringLiteral("Icon")), id);
    QCOMPARE(entry.value(QStringLiteral("Exec")), QStringLiteral("edgemap %f"));
    QCOMPARE(entry.value(QStringLiteral("MimeType")),
             QStringLiteral("application/x-edgemap-topology;"));
}

void TestDesktopIntegration::topologyFilesGetTheirType()
{
    const QMimeDatabase db;
    const QMimeType type = db.mimeTypeForFile(QStringLiteral("contoso.edgemap.json"),
                                              QMimeDatabase::MatchExtension);
    QCOMPARE(type.name(), QStringLiteral("application/x-edgemap-topology"));
    QVERIFY(type.inherits(QStringLiteral("application/json")));
    QCOMPARE(type.comment(), QStringLiteral("EdgeMap topology"));
    // Other JSON stays JSON.
    QCOMPARE(db.mimeTypeForFile(QStringLiteral("products.json"), QMimeDatabase::MatchExtension)
                     .name(),
             QStringLiteral("application/json"));
}

QTEST_MAIN(TestDesktopIntegration)
#include "tst_desktopintegration.moc"
