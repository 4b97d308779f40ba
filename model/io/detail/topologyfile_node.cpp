#include "io/detail/topologyfile_node.h"

#include <algorithm>
#include <cstdint>
#include <limits>

namespace edgemap::topologyfile::detail {

void Node::expectObject(std::initializer_list<const char *> allowed) const
{
    if (!m_value->is_object())
        fail(expected("an object"));
    for (const auto &[key, value] : m_value->items()) {
        if (std::find_if(allowed.begin(), allowed.end(),
                         [&k = key](const char *a) { return k == a; })
            != allowed.end())
            continue;
        QStringList names;
        for (const char *a : allowed)
            names.append(QLatin1String(a));
        const QString name = QString::fromStdString(key);
        detail::fail(child(pointerToken(name)),
                     QStringLiteral("unknown key '%1' (expected one of: %2)")
                             .arg(name, names.join(QStringLiteral(", "))));
    }
}

Node Node::at(const char *key) const
{
    const auto it = m_value->find(key);
    if (it == m_value->end())
        detail::fail(child(QLatin1String(key)),
                     QStringLiteral("missing required key '%1'").arg(QLatin1String(key)));
    return Node(*it, child(QLatin1String(key)));
}

std::optional<Node> Node::find(const char *key) const
{
    const auto it = m_value->find(key);
    if (it == m_value->end())
        return std::nullopt;
    return Node(*it, child(QLatin1String(key)));
}

QList<Node> Node::elements() const
{
    if (!m_value->is_array())
        fail(expected("an array"));
    QList<Node> out;
    out.reserve(static_cast<qsizetype>(m_value->size()));
    for (std::size_t i = 0; i < m_value->size(); ++i)
        out.append(Node((*m_value)[i], child(QString::number(i))));
    return out;
}

QString Node::string() const
{
    if (!m_value->is_string())
        fail(expected("a string"));
    return QString::fromStdString(m_value->get_ref<const std::string &>());
}

QString Node::id() const
{
    QString text = string();
    if (text.isEmpty())
        fail(QStringLiteral("must not be empty"));
    return text;
}

bool Node::boolean() const
{
    if (!m_value->is_boolean())
        fail(expected("true or false"));
    return m_value->get<bool>();
}

int Node::integer(int min, int max, const QString &outOfRange) const
{
    if (!m_value->is_number_integer()) {
        if (m_value->is_number())
            fail(QStringLiteral("expected an integer, found %1")
                         .arg(QString::fromStdString(m_value->dump())));
        fail(expected("an integer"));
    }
    const bool tooLarge
            = m_value->is_number_unsigned()
              && m_value->get<std::uint64_t>() > std::uint64_t(std::numeric_limits<int>::max());
    if (tooLarge || m_value->get<std::int64_t>() < min || m_value->get<std::int64_t>() > max)
        fail(outOfRange.arg(QString::fromStdString(m_value->dump())));
    return m_value->get<int>();
}

void fail(const QString &path, const QString &message)
{
    throw Problem{path, message};
}

} // namespace edgemap::topologyfile::detail
