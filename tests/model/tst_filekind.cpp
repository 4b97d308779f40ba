// Drag and drop / Open tell topology files from snapshots by content, not by name.
#include "snapshot/filekind.h"

#include <QFile>
#include <QTest>

using namespace edgemap;

namespace {

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TstFileKind : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void classify_data();
    void classify();
};

void TstFileKind::classify_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("kind");
    const QString src = QStringLiteral(EDGEMAP_SOURCE_DIR);
    QTest::newRow("default topology")
            << readFile(src + QStringLiteral("/resources/topologies/default.edgemap.json"))
            << int(FileKind::Topology);
    QTest::newRow("topology with BOM")
            << QByteArray("\xEF\xBB\xBF{\"format\": 1, \"pools\": []}") << int(FileKind::Topology);
    QTest::newRow("UTF-16 netstat sample")
            << readFile(src + QStringLiteral("/resources/samples/edge01-netstat-anob.txt"))
            << int(FileKind::Snapshot);
    QTest::newRow("pasted netstat")
            << QByteArray("  TCP    192.0.2.10:443   0.0.0.0:0   LISTENING   2216\n")
            << int(FileKind::Snapshot);
    QTest::newRow("capture JSON") << QByteArray(
            R"({"edgemap_snapshot": 1, "host": "EDGE01", "format": 1, "pools": 0,)"
            R"( "tcp": [{"LocalAddress": "192.0.2.10", "LocalPort": 443, "RemoteAddress": "0.0.0.0",)"
            R"( "RemotePort": 0, "State": "Listen", "OwningProcess": 4}], "udp": []})")
                                  << int(FileKind::Snapshot);
    QTest::newRow("ConvertTo-Json")
            << QByteArray(R"([{"LocalAddress": "::", "LocalPort": 135, "RemoteAddress": "::",)"
                          R"( "RemotePort": 0, "State": 2}])")
            << int(FileKind::Snapshot);
    const QString imports = src + QStringLiteral("/tests/data/import/");
    const QByteArray published
            = readFile(imports + QStringLiteral("ibenbouzid_lab_V3_DefaultTopology_Skype.xml"));
    QTest::newRow("Get-CsTopology -AsXml") << published << int(FileKind::TopologyExport);
    QTest::newRow("Get-CsTopology -AsXml | Out-File (UTF-16LE)")
            << QByteArray("\xFF\xFE")
                       + QByteArray(
                               reinterpret_cast<const char *>(QString::fromUtf8(published).utf16()),
                               published.size() * 2)
            << int(FileKind::TopologyExport);
    QTest::newRow("Topology Builder")
            << readFile(imports + QStringLiteral("sfbautomatedlab_Contoso.tbxml"))
            << int(FileKind::TopologyExport);
    QTest::newRow("other XML") << QByteArray("<?xml version=\"1.0\"?><Project><Item/></Project>")
                               << int(FileKind::Unknown);
    QTest::newRow("other JSON") << QByteArray(R"({"name": "not ours"})") << int(FileKind::Unknown);
    QTest::newRow("prose") << QByteArray("Dear admin,\nplease find attached...\n")
                           << int(FileKind::Unknown);
    QTest::newRow("binary") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)
                            << int(FileKind::Unknown);
    QTest::newRow("empty") << QByteArray() << int(FileKind::Unknown);
}

void TstFileKind::classify()
{
    QFETCH(QByteArray, content);
    QFETCH(int, kind);
    QCOMPARE(int(classifyContent(content)), kind);
}

QTEST_GUILESS_MAIN(TstFileKind)
#include "tst_filekind.moc"
