#pragma once

// Helpers of tst_topologyfile: fixtures, JSON edits that derive invalid files from a valid one,
// template parameters, and a way to make the disk "full". Included by tst_topologyfile.cpp only.

#include "core/templates.h"
#include "io/topologyfile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <optional>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/resource.h>
#endif

namespace edgemap::tst {

using namespace Qt::StringLiterals;

inline QString dataPath(const QString &name)
{
    return QStringLiteral(EDGEMAP_TEST_DATA "/topology/") + name;
}

inline QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// The hand-written fixture every invalid variant below is derived from.
inline QByteArray contosoBytes()
{
    return readFile(dataPath(u"contoso.edgemap.json"_s));
}

inline Topology contoso()
{
    const topologyfile::ReadResult r = topologyfile::parse(contosoBytes());
    if (!r.ok())
        qFatal("fixture does not load: %s", qPrintable(r.error.toString()));
    return *r.topology;
}

inline QJsonValue jsonValue(const QString &text)
{
    return QJsonDocument::fromJson('[' + text.toUtf8() + ']').array().at(0);
}

inline QJsonValue valueAt(QJsonValue node, const QString &pointer)
{
    for (const QString &token : pointer.split(u'/', Qt::SkipEmptyParts))
        node = node.isArray() ? node.toArray().at(token.toInt()) : node.toObject().value(token);
    return node;
}

// Sets (value) or removes (nullopt) the value at the JSON pointer given as tokens.
inline QJsonValue withEdit(const QJsonValue &node, QStringList tokens,
                           const std::optional<QJsonValue> &v)
{
    if (tokens.isEmpty())
        return *v;
    const QString head = tokens.takeFirst();
    if (node.isArray()) {
        QJsonArray a = node.toArray();
        const auto i = head.toInt();
        if (tokens.isEmpty() && !v)
            a.removeAt(i);
        else if (i == a.size())
            a.append(withEdit(QJsonValue(), tokens, v));
        else
            a[i] = withEdit(a.at(i), tokens, v);
        return a;
    }
    QJsonObject o = node.toObject();
    if (tokens.isEmpty() && !v)
        o.remove(head);
    else
        o[head] = withEdit(o.value(head), tokens, v);
    return o;
}

// Applies edits to a JSON text: "/pointer=json" sets a value, "/pointer=@/other" copies one,
// "/pointer" alone removes it.
inline QByteArray edited(const QByteArray &json, const QStringList &edits)
{
    QJsonValue root = QJsonDocument::fromJson(json).object();
    for (const QString &edit : edits) {
        const QString pointer = edit.section(u'=', 0, 0);
        const QString text = edit.section(u'=', 1);
        std::optional<QJsonValue> value;
        if (text.startsWith(u'@'))
            value = valueAt(root, text.mid(1));
        else if (edit.contains(u'='))
            value = jsonValue(text);
        root = withEdit(root, pointer.split(u'/', Qt::SkipEmptyParts), value);
    }
    return QJsonDocument(root.toObject()).toJson();
}

inline void verifyMessage(const Error &error, const QStringList &fragments)
{
    for (const QString &fragment : fragments)
        QVERIFY2(error.message.contains(fragment),
                 qPrintable(u"'%1' not in '%2'"_s.arg(fragment, error.toString())));
}

inline MemberParams member(int n, int externalIps)
{
    MemberParams m;
    m.fqdn = u"edge%1.contoso.local"_s.arg(n, 2, 10, QLatin1Char('0'));
    m.internalIp = u"172.25.33.%1"_s.arg(10 + n);
    for (int i = 0; i < externalIps; ++i)
        m.externalIps.append(u"192.0.2.%1"_s.arg(10 + n + 20 * i));
    m.avPublicIp = u"203.0.113.%1"_s.arg(30 + n);
    return m;
}

inline TemplateParams templateParams(Product product, int members, int externalIps)
{
    TemplateParams p;
    p.product = product;
    p.name = u"Contoso"_s;
    p.accessFqdn = u"sip.contoso.com"_s;
    for (int i = 1; i <= members; ++i)
        p.members.append(member(i, externalIps));
    return p;
}

#ifdef Q_OS_UNIX
// Makes every write past `bytes` fail with EFBIG, as a full disk would, even for root.
class FileSizeLimit
{
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        getrlimit(RLIMIT_FSIZE, &m_saved);
        m_handler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit = m_saved;
        limit.rlim_cur = bytes;
        setrlimit(RLIMIT_FSIZE, &limit);
    }
    ~FileSizeLimit()
    {
        setrlimit(RLIMIT_FSIZE, &m_saved);
        std::signal(SIGXFSZ, m_handler);
    }
    FileSizeLimit(const FileSizeLimit &) = delete;
    FileSizeLimit &operator=(const FileSizeLimit &) = delete;

private:
    rlimit m_saved{};
    void (*m_handler)(int) = nullptr;
};
#endif

} // namespace edgemap::tst
