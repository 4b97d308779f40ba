#pragma once

#include "core/ids.h"
#include "core/topology.h"

#include <QHash>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>
#include <variant>

namespace edgemap {

// An interface has no id of its own: it is the internal or external side of one server.
struct InterfaceRef
{
    ServerId server;
    InterfaceSide side = InterfaceSide::Internal;

    friend bool operator==(const InterfaceRef &, const InterfaceRef &) = default;
    friend size_t qHash(const InterfaceRef &ref, size_t seed = 0) noexcept
    {
        return qHashMulti(seed, ref.server, static_cast<int>(ref.side));
    }
};

// The nodes that group elements without being one: the top-level Services, Peers and Scenarios
// nodes, and a server's "all interfaces" node (its listeners bound to 0.0.0.0 by design).
struct GroupRef
{
    enum class Kind { Services, Peers, Scenarios, AllInterfaces };
    Kind kind = Kind::Services;
    ServerId server; // AllInterfaces only

    friend bool operator==(const GroupRef &, const GroupRef &) = default;
    friend size_t qHash(const GroupRef &ref, size_t seed = 0) noexcept
    {
        return qHashMulti(seed, static_cast<int>(ref.kind), ref.server);
    }
};

// One element of a topology, named by its kind and typed id: what the tree, the diagram, the
// details, the property editor, the selection and the CLI's --highlight all hold. It survives a
// reload and an undo (ids are stable) and never points into a Topology.
//
// The text form is "kind:id" ("listener:ext-access-443", "interface:edge01/external",
// "group:services", "group:edge01/all-interfaces"); parse() is the only code that reads it back.
class ElementRef
{
public:
    enum class Kind {
        None,
        Pool,
        Server,
        Interface,
        Address,
        Listener,
        Service,
        Peer,
        Flow,
        Scenario,
        Group
    };

    ElementRef() = default;
    static ElementRef pool(PoolId id) { return ElementRef(std::move(id)); }
    static ElementRef server(ServerId id) { return ElementRef(std::move(id)); }
    static ElementRef netInterface(ServerId server, InterfaceSide side)
    {
        return ElementRef(InterfaceRef{std::move(server), side});
    }
    static ElementRef address(AddressId id) { return ElementRef(std::move(id)); }
    static ElementRef listener(ListenerId id) { return ElementRef(std::move(id)); }
    static ElementRef service(ServiceId id) { return ElementRef(std::move(id)); }
    static ElementRef peer(PeerId id) { return ElementRef(std::move(id)); }
    static ElementRef flow(FlowId id) { return ElementRef(std::move(id)); }
    static ElementRef scenario(ScenarioId id) { return ElementRef(std::move(id)); }
    static ElementRef group(GroupRef group) { return ElementRef(std::move(group)); }
    static ElementRef servicesGroup() { return group({GroupRef::Kind::Services, {}}); }
    static ElementRef peersGroup() { return group({GroupRef::Kind::Peers, {}}); }
    static ElementRef scenariosGroup() { return group({GroupRef::Kind::Scenarios, {}}); }
    static ElementRef allInterfaces(ServerId server)
    {
        return group({GroupRef::Kind::AllInterfaces, std::move(server)});
    }

    Kind kind() const { return static_cast<Kind>(m_id.index()); }
    bool isValid() const { return kind() != Kind::None; }

    // The typed id, or nullptr when the reference is of another kind:
    // `if (const ListenerId *id = ref.as<ListenerId>())`.
    template<class T>
    const T *as() const
    {
        return std::get_if<T>(&m_id);
    }

    // "listener:ext-access-443"; empty for an invalid reference.
    QString toString() const;
    // The id part alone ("ext-access-443", "edge01/external"), for messages that already say
    // the kind; empty for an invalid reference.
    QString idText() const;
    // The text form back; nullopt, with `error` naming what is wrong, for an unknown kind, an
    // empty id, or an interface without a side.
    static std::optional<ElementRef> parse(const QString &text, QString *error = nullptr);
    // "listener", "pool"...: the kind's word in the text form.
    static QString keyOf(Kind kind);

    friend bool operator==(const ElementRef &, const ElementRef &) = default;
    friend size_t qHash(const ElementRef &ref, size_t seed = 0) noexcept { return ref.hash(seed); }

private:
    size_t hash(size_t seed) const noexcept;
    using Variant = std::variant<std::monostate, PoolId, ServerId, InterfaceRef, AddressId,
                                 ListenerId, ServiceId, PeerId, FlowId, ScenarioId, GroupRef>;
    template<class T>
    explicit ElementRef(T id)
        : m_id(std::move(id))
    {}
    Variant m_id;
};

// Whether the element exists in `topology` (groups: the top-level ones always, a server's
// all-interfaces node while the server exists).
bool exists(const Topology &topology, const ElementRef &ref);

// The element's parent as the tree shows it: listener -> address (or the server's all-interfaces
// node) -> interface -> server -> pool; service, peer and scenario -> their group. An invalid
// reference when it has none or does not exist in `topology`.
ElementRef parentOf(const Topology &topology, const ElementRef &ref);

// The element and its ancestors, nearest first, as they are in `topology`: what a selection
// falls back along when the element disappears.
QList<ElementRef> lineageOf(const Topology &topology, const ElementRef &ref);

} // namespace edgemap

Q_DECLARE_METATYPE(edgemap::ElementRef)

template<>
struct std::hash<edgemap::ElementRef>
{
    size_t operator()(const edgemap::ElementRef &ref) const noexcept { return qHash(ref); }
};
