// Which fields the property editor shows for a reference, and how typed text becomes a value.
#include "editing/propertyeditor_p.h"

#include "core/ipaddress.h"
#include "core/rules.h"
#include "document/topologyops.h"
#include "panes/topologytreetext.h"
#include "statusstyle.h"

#include <QCoreApplication>
#include <QLabel>

namespace edgemap::propertyform {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edgemap::PropertyEditor", text);
}

FieldSpec field(Field f, const ElementRef &element, Input input, const QString &label,
                const QString &section = {})
{
    return FieldSpec{FieldRef{f, element}, input, label, section};
}

void addAddressFields(FormSpec &form, const Address &a, const QString &section)
{
    const ElementRef id = ElementRef::address(a.id);
    form.fields << field(Field::AddressIp, id, Input::Ip, tr("IP address"), section)
                << field(Field::AddressNatIp, id, Input::OptionalIp, tr("NAT public IP"), section)
                << field(Field::AddressFqdn, id, Input::OptionalFqdn, tr("FQDN"), section);
}

void serverForm(FormSpec &form, const Topology &t, const ServerId &id)
{
    const EdgeServer *server = t.server(id);
    if (!server)
        return;
    form.exists = true;
    form.title = tr("Edge server %1").arg(server->fqdn);
    form.fields << field(Field::ServerFqdn, ElementRef::server(id), Input::Fqdn, tr("Server FQDN"));
    form.addMemberTo = t.poolOfServer(id)->id;
    form.removableMember = id;
}

void interfaceForm(FormSpec &form, const Topology &t, const InterfaceRef &ref)
{
    const EdgeServer *server = t.server(ref.server);
    if (!server)
        return;
    for (const NetInterface &nic : server->interfaces) {
        if (nic.side != ref.side)
            continue;
        form.exists = true;
        form.title = tr("%1 of %2").arg(treetext::interfaceName(ref.side), server->fqdn);
        for (const Address &a : nic.addresses)
            addAddressFields(form, a, tr("%1 (%2)").arg(a.id.value(), rolesText(a.roles)));
    }
}

void listenerForm(FormSpec &form, const Topology &t, const ListenerId &id)
{
    const Listener *l = t.listener(id);
    if (!l)
        return;
    form.exists = true;
    form.title = tr("Listener %1").arg(id.value());
    const ElementRef element = ElementRef::listener(id);
    form.fields << field(Field::ListenerPort, element, Input::Port,
                         l->isRange() ? tr("First port") : tr("Port"))
                << field(Field::ListenerEnabled, element, Input::Flag, tr("Enabled"));
    if (l->isRange())
        form.note = tr("A range of %1 ports: moving the first port moves the whole range.")
                            .arg(l->portEnd - l->port + 1);
}

void peerForm(FormSpec &form, const Topology &t, const PeerId &id)
{
    const Peer *peer = t.peer(id);
    if (!peer)
        return;
    form.exists = true;
    form.title = tr("Peer: %1").arg(displayName(peer->kind));
    form.fields << field(Field::PeerName, ElementRef::peer(id), Input::Text, tr("Name"))
                << field(Field::PeerAddresses, ElementRef::peer(id), Input::AddressList,
                         tr("Addresses"));
    form.note = tr("Addresses are IPs or subnets (10.0.0.0/8), separated by commas; they tell "
                   "which peer a connection in a snapshot comes from.");
    form.addPeer = true;
    form.removablePeer = id;
}

void topologyForm(FormSpec &form)
{
    form.exists = true;
    form.title = tr("Topology");
    form.fields << field(Field::TopologyName, {}, Input::Text, tr("Name"))
                << field(Field::SipDomains, {}, Input::DomainList, tr("SIP domains"));
    form.note = tr("SIP domains are separated by commas, the default SIP domain first; the "
                   "certificate requests and DNS records are generated from them.");
}

} // namespace

FormSpec formFor(const Topology &t, const ElementRef &ref)
{
    FormSpec form;
    if (!ref.isValid()) {
        topologyForm(form);
        return form;
    }
    using K = ElementRef::Kind;
    switch (ref.kind()) {
    case K::None:
    case K::Flow:
        break;
    case K::Pool:
        if (const EdgePool *pool = t.pool(*ref.as<PoolId>())) {
            form.exists = true;
            form.title = tr("Edge pool %1").arg(pool->fqdn);
            form.fields << field(Field::PoolFqdn, ref, Input::Fqdn, tr("Pool FQDN"));
            form.addMemberTo = pool->id;
        }
        break;
    case K::Server:
        serverForm(form, t, *ref.as<ServerId>());
        break;
    case K::Interface:
        interfaceForm(form, t, *ref.as<InterfaceRef>());
        break;
    case K::Address:
        if (const Address *a = t.address(*ref.as<AddressId>())) {
            form.exists = true;
            form.title = tr("Address %1 (%2)").arg(a->id.value(), rolesText(a->roles));
            addAddressFields(form, *a, {});
            form.note = tr("Leave the NAT public IP empty when the address is not translated.");
        }
        break;
    case K::Listener:
        listenerForm(form, t, *ref.as<ListenerId>());
        break;
    case K::Service:
        if (const Service *s = t.service(*ref.as<ServiceId>())) {
            form.exists = true;
            form.title = tr("Service %1 (%2)").arg(s->displayName, s->id.value());
            form.fields << field(Field::ServiceEnabled, ref, Input::Flag, tr("Enabled"));
        }
        break;
    case K::Peer:
        peerForm(form, t, *ref.as<PeerId>());
        break;
    case K::Scenario:
        if (const Scenario *s = t.scenario(*ref.as<ScenarioId>())) {
            form.exists = true;
            form.title = tr("Scenario: %1").arg(s->name);
            form.note = tr("Scenarios come from the product catalog; they are not edited here.");
        }
        break;
    case K::Group:
        if (ref == ElementRef::peersGroup()) {
            form.exists = true;
            form.title = tr("Peers");
            form.addPeer = true;
        } else {
            topologyForm(form);
        }
        break;
    }
    return form;
}

QString problemOf(Input input, const QString &raw)
{
    const QString text = raw.trimmed();
    switch (input) {
    case Input::Fqdn:
        return rules::fqdnProblem(text);
    case Input::OptionalFqdn:
        return text.isEmpty() ? QString() : rules::fqdnProblem(text);
    case Input::Ip:
        return rules::serverAddressProblem(text);
    case Input::OptionalIp:
        return text.isEmpty() ? QString() : rules::serverAddressProblem(text);
    case Input::AddressList:
        for (const QString &entry : topologyops::splitAddressList(text))
            if (QString bad = rules::peerAddressProblem(entry); !bad.isEmpty())
                return bad;
        return {};
    case Input::DomainList:
        // The same words as the file's check, which Document::setField runs on commit (and
        // which also refuses a domain listed twice).
        for (const QString &entry : topologyops::splitAddressList(text))
            if (!isDomainName(entry))
                return tr("'%1' is not a domain name").arg(entry);
        return {};
    case Input::Text:
        return text.isEmpty() ? tr("a name is needed") : QString();
    case Input::Port:
    case Input::Flag:
        break;
    }
    return {};
}

QString conflictOf(const Topology &t, const FieldSpec &spec, const QString &raw)
{
    const QString text = raw.trimmed();
    if ((spec.input != Input::Ip && spec.input != Input::OptionalIp) || text.isEmpty())
        return {};
    const AddressId *self = spec.ref.element.as<AddressId>();
    if (const QString use = rules::addressUse(t, text, self ? *self : AddressId()); !use.isEmpty())
        return tr("%1 is already used by %2").arg(text, use);
    return {};
}

QVariant valueOf(Input input, const QString &raw)
{
    const QString text = raw.trimmed();
    switch (input) {
    case Input::Ip:
    case Input::OptionalIp:
        if (const auto ip = IpAddress::parse(text))
            return ip->toString(); // "2001:DB8::A" is stored as the file writes it
        return text;
    case Input::AddressList: {
        QStringList list;
        for (const QString &entry : topologyops::splitAddressList(text)) {
            const auto subnet = Subnet::parse(entry);
            list.append(subnet ? subnet->toString() : entry);
        }
        return list;
    }
    case Input::DomainList:
        return topologyops::splitAddressList(text);
    default:
        return text;
    }
}

QString textOf(Input input, const QVariant &value)
{
    if (input == Input::AddressList || input == Input::DomainList)
        return value.toStringList().join(QStringLiteral(", "));
    return value.toString();
}

QLabel *makeProblemLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setVisible(false);
    return label;
}

void showProblem(QLabel *label, const QString &problem)
{
    if (!label)
        return;
    // The colour of a missing listener, from the shared status table (light and dark palettes);
    // the text says what is wrong, so the colour is never the only cue.
    const StatusStyle style
            = statusStyle(ListenerStatus::Missing, statusPaletteFor(label->palette()));
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, style.border);
    label->setPalette(palette);
    label->setText(problem);
    label->setVisible(!problem.isEmpty());
}

} // namespace edgemap::propertyform
