#pragma once

#include "ids.h"
#include "topology.h"

#include <QHash>
#include <QMetaType>
#include <QString>

namespace edgemap {

// A stable reference to one thing the views show, built from the model's id strings so that it
// survives a reload and can be shared between the tree, the details and (later) the diagram.
//
// Interfaces have no id of their own: they are "<server id>/internal" or "<server id>/external".
// Groups are the top-level "services", "peers" and "scenarios" nodes and the per-server
// "<server id>/all-interfaces" node. A default-constructed TreeRef refers to nothing.
struct TreeRef
{
    enum Kind { Pool, Server, Interface, Address, Listener, Service, Peer, Scenario, Group };

    Kind kind = Group;
    QString id;

    bool isValid() const { return !id.isEmpty(); }

    static TreeRef pool(const PoolId &id) { return {Pool, id.value()}; }
    static TreeRef server(const ServerId &id) { return {Server, id.value()}; }
    static TreeRef netInterface(const ServerId &server, InterfaceSide side)
    {
        return {Interface, server.value() + u'/' + keyOf(side)};
    }
    static TreeRef address(const AddressId &id) { return {Address, id.value()}; }
    static TreeRef listener(const ListenerId &id) { return {Listener, id.value()}; }
    static TreeRef service(const ServiceId &id) { return {Service, id.value()}; }
    static TreeRef peer(const PeerId &id) { return {Peer, id.value()}; }
    static TreeRef scenario(const ScenarioId &id) { return {Scenario, id.value()}; }
    static TreeRef allInterfaces(const ServerId &server)
    {
        return {Group, server.value() + QStringLiteral("/all-interfaces")};
    }
    static TreeRef servicesGroup() { return {Group, QStringLiteral("services")}; }
    static TreeRef peersGroup() { return {Group, QStringLiteral("peers")}; }
    static TreeRef scenariosGroup() { return {Group, QStringLiteral("scenarios")}; }

    friend bool operator==(const TreeRef &, const TreeRef &) = default;
    friend size_t qHash(const TreeRef &ref, size_t seed = 0) noexcept
    {
        return qHashMulti(seed, static_cast<int>(ref.kind), ref.id);
    }
};

} // namespace edgemap

Q_DECLARE_METATYPE(edgemap::TreeRef)
