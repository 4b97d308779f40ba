// A two-server Edge pool and snapshots of each member, for the tests of several snapshots at
// once: edge01 is the bundled sample, edge02 the same capture with edge02's addresses.
#pragma once

#include "core/catalog.h"
#include "core/templates.h"
#include "snapshot/check.h"
#include "support/tst_snapshot_util.h"

#include <QByteArray>
#include <QFile>
#include <QSignalSpy>
#include <QStringDecoder>
#include <QTemporaryDir>
#include <QtGlobal>

#include <memory>

namespace edgemap::pooltest {

inline MemberParams member(int n)
{
    MemberParams m;
    m.fqdn = QStringLiteral("edge%1.contoso.local").arg(n, 2, 10, QLatin1Char('0'));
    m.internalIp = QStringLiteral("172.25.33.%1").arg(9 + n);
    m.externalIps
            = {QStringLiteral("10.45.16.%1").arg(9 + n), QStringLiteral("10.45.16.%1").arg(19 + n),
               QStringLiteral("10.45.16.%1").arg(29 + n)};
    m.avPublicIp = QStringLiteral("203.0.113.%1").arg(29 + n);
    return m;
}

// Pool "edgepool.contoso.local" with edge01 (the sample's addresses) and edge02 (one higher).
inline Topology twoServerPool()
{
    TemplateParams p;
    p.name = QStringLiteral("Pool");
    p.poolFqdn = QStringLiteral("edgepool.contoso.local");
    p.members = {member(1), member(2)};
    TemplateResult r = buildTopology(p, Catalog::builtIn());
    if (!r.ok())
        qFatal("buildTopology: %s", qPrintable(r.error));
    return r.topology;
}

inline QString samplePath()
{
    return snapshottest::bundledSamplePath();
}

// The sample as text (it is UTF-16LE on disk, as netstat writes it through PowerShell).
inline QString sampleText()
{
    QFile f(samplePath());
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read the sample snapshot");
    QStringDecoder decode(QStringDecoder::Utf16LE);
    QString text = decode(f.readAll());
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    return text;
}

// The sample as edge02 would show it: every local address of edge01 moved to edge02's.
inline QString edge02Text(QString text = sampleText())
{
    for (const char *ip : {"172.25.33.", "10.45.16."})
        for (int last : {10, 20, 30})
            text.replace(QStringLiteral("%1%2:").arg(QLatin1String(ip)).arg(last),
                         QStringLiteral("%1%2:").arg(QLatin1String(ip)).arg(last + 1));
    return text;
}

// The text without the socket rows containing `needle`, and the process lines netstat -b
// writes under them (a listener that stopped).
inline QString without(const QString &text, const QString &needle)
{
    QStringList kept;
    bool skipping = false;
    for (const QString &line : text.split(u'\n')) {
        const QString t = line.trimmed();
        if (t.startsWith(QLatin1String("TCP ")) || t.startsWith(QLatin1String("UDP ")))
            skipping = line.contains(needle);
        if (!skipping)
            kept.append(line);
    }
    return kept.join(u'\n');
}

inline std::shared_ptr<const CheckResult> check(const Topology &t, const QString &text,
                                                const SnapshotSource &source)
{
    auto r = std::make_shared<const CheckResult>(readAndJudge(t, text.toUtf8(), source));
    if (!r->ok())
        qFatal("check failed: %s", qPrintable(r->error.toString()));
    return r;
}

// The same under a name of the test's choosing (SnapshotSource::named).
inline std::shared_ptr<const CheckResult> check(const Topology &t, const QString &text,
                                                const QString &name)
{
    return check(t, text, SnapshotSource::named(name));
}

// Writes `text` as UTF-8 to `name` in `dir` and returns its path.
inline QString writeText(const QTemporaryDir &dir, const QString &name, const QString &text)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(text.toUtf8()) < 0)
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

// Waits until `spy` has caught `count` signals (a load finished, for instance).
inline bool waitFor(QSignalSpy &spy, qsizetype count)
{
    while (spy.size() < count)
        if (!spy.wait(10000))
            return false;
    return true;
}

} // namespace edgemap::pooltest
