#include "core/elementref.h"

#include <QCoreApplication>

namespace edgemap {

namespace {

constexpr char16_t kSeparator = u':';

QString tr(const char *text)
{
    return QCoreApplication::translate("edgemap::ElementRef", text);
}

QString groupText(const GroupRef &group)
{
    switch (group.kind) {
    case GroupRef::Kind::Services:
        return QStringLiteral("services");
    case GroupRef::Kind::Peers:
        return QStringLiteral("peers");
    case GroupRef::Kind::Scenarios:
        return QStringLiteral("scenarios");
    case GroupRef::Kind::AllInterfaces:
        return group.server.value() + QStringLiteral("/all-interfaces");
    }
    return {};
}

std::optional<GroupRef> parseGroup(const QString &id)
{
    if (id == u"services")
        return GroupRef{GroupRef::Kind::Services, {}};
    if (id == u"peers")
        return GroupRef{GroupRef::Kind::Peers, {}};
    if (id == u"scenarios")
        return GroupRef{GroupRef::Kind::Scenarios, {}};
    const QString suffix = QStringLiteral("/all-interfaces");
    if (id.endsWith(suffix) && id.size() > suffix.size())
        return GroupRef{GroupRef::Kind::AllInterfaces, ServerId(id.chopped(suffix.size()))};
    return std::nullopt;
}

const QList<ElementRef::Kind> &namedKinds()
{
    using K = ElementRef::Kind;
    static const QList<K> kinds{K::Pool,    K::Server, K::Interface, K::Address,  K::Listener,
                                K::Service, K::Peer,   K::Flow,      K::Scenario, K::Group};
    return kinds;
}

} // namespace

QString ElementRef::keyOf(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return {};
    case Kind::Pool:
        return QStringLiteral("pool");
    case Kind::Server:
        return QStringLiteral("server");
    case Kind::Interface:
        return QStringLiteral("interface");
    case Kind::Address:
        return QStringLiteral("address");
    case Kind::Listener:
        return QStringLiteral("listener");
    case Kind::Service:
        return QStringLiteral("service");
    case Kind::Peer:
        return QStringLiteral("peer");
    case Kind::Flow:
        return QStringLiteral("flow");
    case Kind::Scenario:
        return QStringLiteral("scenario");
    case Kind::Group:
        return QStringLiteral("group");
    }
    return {};
}

QString ElementRef::toString() const
{
    if (!isValid())
        return {};
    return keyOf(kind()) + kSeparator + idText();
}

QString ElementRef::idText() const
{
    return std::visit(
            [](const auto &v) -> QString {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, std::monostate>)
                    return {};
                else if constexpr (std::is_same_v<T, InterfaceRef>)
                    return v.server.value() + u'/' + edgemap::keyOf(v.side);
                else if constexpr (std::is_same_v<T, GroupRef>)
                    return groupText(v);
                else
                    return v.value();
            },
            m_id);
}

std::optional<ElementRef> ElementRef::parse(const QString &text, QString *error)
{
    auto fail = [error](const QString &message) -> std::optional<ElementRef> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    const qsizetype colon = text.indexOf(kSeparator);
    const QString kindText = colon < 0 ? text : text.left(colon);
    const QString id = colon < 0 ? QString() : text.mid(colon + 1);
    std::optional<Kind> kind;
    for (Kind k : namedKinds())
        if (keyOf(k) == kindText)
            kind = k;
    if (!kind) {
        QStringList known;
        for (Kind k : namedKinds())
            known << keyOf(k);
        return fail(tr("unknown element kind \"%1\" in \"%2\" (expected KIND:ID, KIND one of %3)")
                            .arg(kindText, text, known.join(QStringLiteral(", "))));
    }
    if (id.isEmpty())
        return fail(tr("\"%1\" names no id (expected %2:ID)").arg(text, kindText));
    switch (*kind) {
    case Kind::None:
        break;
    case Kind::Pool:
        return pool(PoolId(id));
    case Kind::Server:
        return server(ServerId(id));
    case Kind::Interface: {
        const qsizetype slash = id.lastIndexOf(u'/');
        const auto side = slash > 0 ? interfaceSideFromString(id.mid(slash + 1)) : std::nullopt;
        if (!side)
            return fail(tr("\"%1\" is not SERVER/internal or SERVER/external").arg(id));
        return netInterface(ServerId(id.left(slash)), *side);
    }
    case Kind::Address:
        return address(AddressId(id));
    case Kind::Listener:
        return listener(ListenerId(id));
    case Kind::Service:
        return service(ServiceId(id));
    case Kind::Peer:
        return peer(PeerId(id));
    case Kind::Flow:
        return flow(FlowId(id));
    case Kind::Scenario:
        return scenario(ScenarioId(id));
    case Kind::Group:
        if (const auto g = parseGroup(id))
            return group(*g);
        return fail(tr("unknown group \"%1\" (expected services, peers, scenarios or "
                       "SERVER/all-interfaces)")
                            .arg(id));
    }
    return std::nullopt;
}

size_t ElementRef::hash(size_t seed) const noexcept
{
    return std::visit(
            [&](const auto &v) -> size_t {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, std::monostate>)
                    return seed;
                else
                    return qHashMulti(seed, static_cast<int>(kind()), v);
            },
            m_id);
}

bool exists(const Topology &t, const ElementRef &ref)
{
    switch (ref.kind()) {
    case ElementRef::Kind::None:
        return false;
    case ElementRef::Kind::Pool:
        return t.pool(*ref.as<PoolId>());
    case ElementRef::Kind::Server:
        return t.server(*ref.as<ServerId>());
    case ElementRef::Kind::Interface: {
        const InterfaceRef &nic = *ref.as<InterfaceRef>();
        if (const EdgeServer *server = t.server(nic.server))
            for (const NetInterface &i : server->interfaces)
                if (i.side == nic.side)
                    return true;
        return false;
    }
    case ElementRef::Kind::Address:
        return t.address(*ref.as<AddressId>());
    case ElementRef::Kind::Listener:
        return t.listener(*ref.as<ListenerId>());
    case ElementRef::Kind::Service:
        return t.service(*ref.as<ServiceId>());
    case ElementRef::Kind::Peer:
        return t.peer(*ref.as<PeerId>());
    case ElementRef::Kind::Flow:
        return t.flow(*ref.as<FlowId>());
    case ElementRef::Kind::Scenario:
        return t.scenario(*ref.as<ScenarioId>());
    case ElementRef::Kind::Group: {
        const GroupRef &g = *ref.as<GroupRef>();
        return g.kind != GroupRef::Kind::AllInterfaces || t.server(g.server);
    }
    }
    return false;
}

ElementRef parentOf(const Topology &t, const ElementRef &ref)
{
    if (!exists(t, ref))
        return {};
    switch (ref.kind()) {
    case ElementRef::Kind::None:
    case ElementRef::Kind::Pool:
    case ElementRef::Kind::Flow:
        return {};
    case ElementRef::Kind::Server:
        return ElementRef::pool(t.poolOfServer(*ref.as<ServerId>())->id);
    case ElementRef::Kind::Interface:
        return ElementRef::server(ref.as<InterfaceRef>()->server);
    case ElementRef::Kind::Address: {
        const AddressId &id = *ref.as<AddressId>();
        return ElementRef::netInterface(t.serverOfAddress(id)->id, t.interfaceOfAddress(id)->side);
    }
    case ElementRef::Kind::Listener: {
        const ListenerId &id = *ref.as<ListenerId>();
        const Listener *listener = t.listener(id);
        if (!listener->address.isEmpty() && t.address(listener->address))
            return ElementRef::address(listener->address);
        return ElementRef::allInterfaces(t.serverOfListener(id)->id);
    }
    case ElementRef::Kind::Service:
        return ElementRef::servicesGroup();
    case ElementRef::Kind::Peer:
        return ElementRef::peersGroup();
    case ElementRef::Kind::Scenario:
        return ElementRef::scenariosGroup();
    case ElementRef::Kind::Group: {
        const GroupRef &g = *ref.as<GroupRef>();
        if (g.kind == GroupRef::Kind::AllInterfaces)
            return ElementRef::server(g.server);
        return {};
    }
    }
    return {};
}

QList<ElementRef> lineageOf(const Topology &t, const ElementRef &ref)
{
    QList<ElementRef> lineage;
    for (ElementRef r = exists(t, ref) ? ref : ElementRef(); r.isValid(); r = parentOf(t, r))
        lineage.append(r);
    return lineage;
}

} // namespace edgemap
