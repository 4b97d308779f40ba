#include "document/topologyedit.h"

#include <QCoreApplication>

namespace edgemap {

namespace {

template<class T, class IdT>
T *findIn(QList<T> &list, const IdT &id)
{
    for (T &x : list)
        if (x.id == id)
            return &x;
    return nullptr;
}

EdgeServer *serverById(Topology &t, const ServerId &id)
{
    for (EdgePool &p : t.pools)
        if (EdgeServer *s = findIn(p.servers, id))
            return s;
    return nullptr;
}

Address *addressById(Topology &t, const AddressId &id)
{
    for (EdgePool &p : t.pools)
        for (EdgeServer &s : p.servers)
            for (NetInterface &nic : s.interfaces)
                if (Address *a = findIn(nic.addresses, id))
                    return a;
    return nullptr;
}

Listener *listenerById(Topology &t, const ListenerId &id)
{
    for (EdgePool &p : t.pools)
        for (EdgeServer &s : p.servers)
            if (Listener *l = findIn(s.listeners, id))
                return l;
    return nullptr;
}

// Resolves the field to a pointer to its storage in a (mutable) topology; the const overload of
// readField reuses it on a copy-free const_cast, as nothing is written through it there.
struct Slot
{
    QString *text = nullptr;
    QStringList *list = nullptr;
    bool *flag = nullptr;
    Listener *listener = nullptr; // ports
};

Slot slotOf(Topology &t, const FieldRef &ref)
{
    if (!ref.isValid())
        return {};
    const ElementRef &e = ref.element;
    switch (ref.field) {
    case Field::TopologyName:
        return {&t.name};
    case Field::SipDomains:
        return {nullptr, &t.sipDomains};
    case Field::PoolFqdn:
        if (EdgePool *p = findIn(t.pools, *e.as<PoolId>()))
            return {&p->fqdn};
        break;
    case Field::ServerFqdn:
        if (EdgeServer *s = serverById(t, *e.as<ServerId>()))
            return {&s->fqdn};
        break;
    case Field::AddressIp:
    case Field::AddressNatIp:
    case Field::AddressFqdn:
        if (Address *a = addressById(t, *e.as<AddressId>()))
            return {ref.field == Field::AddressIp      ? &a->ip
                    : ref.field == Field::AddressNatIp ? &a->natPublicIp
                                                       : &a->fqdn};
        break;
    case Field::ListenerPort:
        if (Listener *l = listenerById(t, *e.as<ListenerId>()))
            return {nullptr, nullptr, nullptr, l};
        break;
    case Field::ListenerEnabled:
        if (Listener *l = listenerById(t, *e.as<ListenerId>()))
            return {nullptr, nullptr, &l->enabled};
        break;
    case Field::ServiceEnabled:
        if (Service *s = findIn(t.services, *e.as<ServiceId>()))
            return {nullptr, nullptr, &s->enabled};
        break;
    case Field::PeerName:
    case Field::PeerAddresses:
        if (Peer *p = findIn(t.peers, *e.as<PeerId>()))
            return ref.field == Field::PeerName ? Slot{&p->name} : Slot{nullptr, &p->addresses};
        break;
    }
    return {};
}

} // namespace

ElementRef::Kind holderKind(Field field)
{
    using K = ElementRef::Kind;
    switch (field) {
    case Field::TopologyName:
    case Field::SipDomains:
        return K::None;
    case Field::PoolFqdn:
        return K::Pool;
    case Field::ServerFqdn:
        return K::Server;
    case Field::AddressIp:
    case Field::AddressNatIp:
    case Field::AddressFqdn:
        return K::Address;
    case Field::ListenerPort:
    case Field::ListenerEnabled:
        return K::Listener;
    case Field::ServiceEnabled:
        return K::Service;
    case Field::PeerName:
    case Field::PeerAddresses:
        return K::Peer;
    }
    return K::None;
}

bool affectsJudgement(Field field)
{
    switch (field) {
    case Field::TopologyName:
    case Field::PoolFqdn:
    case Field::PeerName:
    case Field::AddressFqdn:
    case Field::AddressNatIp:
    case Field::SipDomains:
        return false;
    case Field::ServerFqdn:
    case Field::AddressIp:
    case Field::ListenerPort:
    case Field::ListenerEnabled:
    case Field::ServiceEnabled:
    case Field::PeerAddresses:
        return true;
    }
    return true;
}

bool affectsPathAnalysis(Field field)
{
    switch (field) {
    case Field::ListenerEnabled:
    case Field::ServiceEnabled:
        return true;
    case Field::TopologyName:
    case Field::PoolFqdn:
    case Field::ServerFqdn:
    case Field::AddressIp:
    case Field::AddressNatIp:
    case Field::AddressFqdn:
    case Field::ListenerPort:
    case Field::PeerName:
    case Field::PeerAddresses:
    case Field::SipDomains:
        return false;
    }
    return true;
}

std::optional<QVariant> readField(const Topology &topology, const FieldRef &ref)
{
    const Slot s = slotOf(const_cast<Topology &>(topology), ref);
    if (s.text)
        return QVariant(*s.text);
    if (s.list)
        return QVariant(*s.list);
    if (s.flag)
        return QVariant(*s.flag);
    if (s.listener)
        return QVariant(s.listener->port);
    return std::nullopt;
}

bool writeField(Topology &topology, const FieldRef &ref, const QVariant &value)
{
    const Slot s = slotOf(topology, ref);
    if (s.text && value.typeId() == QMetaType::QString)
        *s.text = value.toString();
    else if (s.list && value.typeId() == QMetaType::QStringList)
        *s.list = value.toStringList();
    else if (s.flag && value.typeId() == QMetaType::Bool)
        *s.flag = value.toBool();
    else if (s.listener && value.typeId() == QMetaType::Int) {
        const int length = s.listener->portEnd - s.listener->port;
        s.listener->port = value.toInt();
        s.listener->portEnd = value.toInt() + length;
    } else
        return false;
    return true;
}

QString describe(const FieldRef &ref)
{
    const auto tr = [](const char *text) {
        return QCoreApplication::translate("edgemap::Field", text);
    };
    const QString id = ref.element.idText();
    switch (ref.field) {
    case Field::TopologyName:
        return tr("topology name");
    case Field::PoolFqdn:
        return tr("pool FQDN of %1").arg(id);
    case Field::ServerFqdn:
        return tr("server FQDN of %1").arg(id);
    case Field::AddressIp:
        return tr("address %1").arg(id);
    case Field::AddressNatIp:
        return tr("NAT public address of %1").arg(id);
    case Field::AddressFqdn:
        return tr("FQDN of %1").arg(id);
    case Field::ListenerPort:
        return tr("port of %1").arg(id);
    case Field::ListenerEnabled:
        return tr("listener %1 on/off").arg(id);
    case Field::ServiceEnabled:
        return tr("service %1 on/off").arg(id);
    case Field::PeerName:
        return tr("name of peer %1").arg(id);
    case Field::PeerAddresses:
        return tr("addresses of peer %1").arg(id);
    case Field::SipDomains:
        return tr("SIP domains");
    }
    return {};
}

} // namespace edgemap
