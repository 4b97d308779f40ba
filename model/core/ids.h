#pragma once

#include <QHash>
#include <QString>

#include <functional>

namespace edgemap {

// A small strong type over a string id, so that a ServerId cannot be passed where a ListenerId is
// expected. Ids are the keys the file format uses; they are stable across load and save and are
// what every layer above the model (scene, undo commands, CLI) holds instead of pointers.
template<class Tag>
class Id
{
public:
    Id() = default;
    explicit Id(QString value)
        : m_value(std::move(value))
    {}

    const QString &value() const { return m_value; }
    bool isEmpty() const { return m_value.isEmpty(); }

    friend bool operator==(const Id &a, const Id &b) = default;
    friend auto operator<=>(const Id &a, const Id &b) { return a.m_value.compare(b.m_value) <=> 0; }
    friend size_t qHash(const Id &id, size_t seed = 0) noexcept { return qHash(id.m_value, seed); }

private:
    QString m_value;
};

using PoolId = Id<struct PoolTag>;
using ServerId = Id<struct ServerTag>;
using AddressId = Id<struct AddressTag>;
using ListenerId = Id<struct ListenerTag>;
using ServiceId = Id<struct ServiceTag>;
using PeerId = Id<struct PeerTag>;
using FlowId = Id<struct FlowTag>;
using ScenarioId = Id<struct ScenarioTag>;

} // namespace edgemap

template<class Tag>
struct std::hash<edgemap::Id<Tag>>
{
    size_t operator()(const edgemap::Id<Tag> &id) const noexcept { return qHash(id.value()); }
};
