#pragma once

// Private to the topology file implementation: the cursor the reader walks the JSON with, and
// the small generic readers built on it. Not part of the model's public interface.

#include "io/detail/topologyfile_check.h"
#include "io/detail/topologyfile_json.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <initializer_list>
#include <optional>

namespace edgemap::topologyfile::detail {

// A JSON value together with its JSON pointer, so that every failure names its place.
class Node
{
public:
    Node(const Json &value, QString path)
        : m_value(&value)
        , m_path(std::move(path))
    {}

    const QString &path() const { return m_path; }
    bool isObject() const { return m_value->is_object(); }
    QString typeName() const { return describeType(*m_value); }
    [[noreturn]] void fail(const QString &message) const { detail::fail(m_path, message); }

    // Requires an object whose keys are all in `allowed`: strict, so that a misspelt optional
    // key is reported instead of silently ignored.
    void expectObject(std::initializer_list<const char *> allowed) const;
    bool has(const char *key) const { return m_value->contains(key); }
    Node at(const char *key) const;
    std::optional<Node> find(const char *key) const;
    QList<Node> elements() const;

    QString string() const;
    QString id() const; // a non-empty string
    bool boolean() const;
    // An integer in [min, max]; `outOfRange` words the failure, "%1" being the value.
    int integer(int min, int max, const QString &outOfRange) const;

private:
    QString child(const QString &token) const { return m_path + QLatin1Char('/') + token; }
    QString expected(const char *what) const
    {
        return QStringLiteral("expected %1, found %2")
                .arg(QLatin1String(what), describeType(*m_value));
    }

    const Json *m_value; // a pointer, so that QList<Node> can assign
    QString m_path;
};

// The accepted spellings of an enum, from the model's own key table (values are contiguous).
template<class E>
QStringList enumKeys()
{
    QStringList keys;
    for (int i = 0;; ++i) {
        const QString key = keyOf(static_cast<E>(i));
        if (key.isEmpty())
            return keys;
        keys.append(key);
    }
}

template<class E>
E readEnum(const Node &n, std::optional<E> (*fromString)(const QString &), const char *what)
{
    const QString text = n.string();
    if (const std::optional<E> value = fromString(text))
        return *value;
    n.fail(QStringLiteral("unknown %1 '%2' (accepted: %3)")
                   .arg(QLatin1String(what), text, enumKeys<E>().join(QStringLiteral(", "))));
}

template<class T>
QList<T> readList(const Node &n, T (*read)(const Node &))
{
    QList<T> out;
    for (const Node &element : n.elements())
        out.append(read(element));
    return out;
}

} // namespace edgemap::topologyfile::detail
