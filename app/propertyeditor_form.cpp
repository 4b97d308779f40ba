// Which fields the property editor shows for a reference, and how typed text becomes a value.
#include "propertyeditor_p.h"

#include "ipaddress.h"
#include "rules.h"
#include "statusstyle.h"
#include "topologyops.h"
#include "topologytreetext.h"

#include <QCoreApplication>
#include <QLabel>

namespace edgemap::propertyform {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edgemap::PropertyEditor", text);
}

FieldSpec field(Field f, const QString &id, Input input, const QString &label,
                const QString &section = {})
{
    return FieldSpec{FieldRef{f, id}, input, label, section};
}

void addAddressFields(FormSpec &form, const Address &a, const QString &section)
{
    const QString id = a.id.value();
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
    form.fields << field(Field::ServerFqdn, id.value(), Input::Fqdn, tr("Server FQDN"));
    form.addMemberTo = t.poolOfServer(id)->id;
    form.removableMember = id;
    form.fallback = TreeRef::pool(form.addMemberTo);
}

void interfaceForm(FormSpec &form, const Topology &t, const QString &ref)
{
    const ServerId serverId(ref.section(u'/', 0, -2));
    const auto side = interfaceSideFromString(ref.section(u'/', -1));
    const EdgeServer *server = t.server(serverId);
    if (!server || !side)
        return;
    for (const NetInterface &nic : server->interfaces) {
        if (nic.side != *side)
            continue;
        form.exists = true;
        form.title = tr("%1 of %2").arg(treetext::interfaceName(*side), server->fqdn);
        for (const Address &a : nic.addresses)
            addAddressFields(form, a, tr("%1 (%2)").arg(a.id.value(), rolesText(a.roles)));
    }
    form.fallback = TreeRef::server(serverId);
}

void listenerForm(FormSpec &form, const Topology &t, const ListenerId &id)
{
    const Listener *l = t.listener(id);
    if (!l)
        return;
    form.exists = true;
    form.title = tr("Listener %1").arg(id.value());
    form.fields << field(Field::ListenerPort, id.value(), Input::Port,
                         l->isRange() ? tr("First port") : tr("Port"))
                << field(Field::ListenerEnabled, id.value(), Input::Flag, tr("Enabled"));
    if (l->isRange())
        form.note = tr("A range of %1 ports: moving the first port moves the whole range.")
                            .arg(l->portEnd - l->port + 1);
    form.fallback = TreeRef::server(t.serverOfListener(id)->id);
}

void peerForm(FormSpec &form, const Topology &t, const PeerId &id)
{
    const Peer *peer = t.peer(id);
    if (!peer)
        return;
    form.exists = true;
    form.title = tr("Peer: %1").arg(displayName(peer->kind));
    form.fields << field(Field::PeerName, id.value(), Input::Text, tr("Name"))
                << field(Field::PeerAddresses, id.value(), Input::AddressList, tr("Addresses"));
    form.note = tr("Addresses are IPs or subnets (10.0.0.0/8), separated by commas; they tell "
                   "which peer a connection in a snapshot comes from.");
    form.addPeer = true;
    form.removablePeer = id;
    form.fallback = TreeRef::peersGroup();
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

FormSpec formFor(const Topology &t, const TreeRef &ref)
{
    FormSpec form;
    if (!ref.isValid()) {
        topologyForm(form);
        return form;
    }
    switch (ref.kind) {
    case TreeRef::Pool:
        if (const EdgePool *pool = t.pool(PoolId(ref.id))) {
            form.exists = true;
            form.title = tr("Edge pool %1").arg(pool->fqdn);
            form.fields << field(Field::PoolFqdn, ref.id, Input::Fqdn, tr("Pool FQDN"));
            form.addMemberTo = pool->id;
        }
        break;
    case TreeRef::Server:
        serverForm(form, t, ServerId(ref.id));
        break;
    case TreeRef::Interface:
        interfaceForm(form, t, ref.id);
        break;
    case TreeRef::Address:
        if (const Address *a = t.address(AddressId(ref.id))) {
            form.exists = true;
            form.title = tr("Address %1 (%2)").arg(ref.id, rolesText(a->roles));
            addAddressFields(form, *a, {});
            form.note = tr("Leave the NAT public IP empty when the address is not translated.");
            form.fallback = TreeRef::server(t.serverOfAddress(a->id)->id);
        }
        break;
    case TreeRef::Listener:
        listenerForm(form, t, ListenerId(ref.id));
        break;
    case TreeRef::Service:
        if (const Service *s = t.service(ServiceId(ref.id))) {
            form.exists = true;
            form.title = tr("Service %1 (%2)").arg(s->displayName, ref.id);
            form.fields << field(Field::ServiceEnabled, ref.id, Input::Flag, tr("Enabled"));
            form.fallback = TreeRef::servicesGroup();
        }
        break;
    case TreeRef::Peer:
        peerForm(form, t, PeerId(ref.id));
        break;
    case TreeRef::Scenario:
        if (const Scenario *s = t.scenario(ScenarioId(ref.id))) {
            form.exists = true;
            form.title = tr("Scenario: %1").arg(s->name);
            form.note = tr("Scenarios come from the product catalog; they are not edited here.");
            form.fallback = TreeRef::scenariosGroup();
        }
        break;
    case TreeRef::Group:
        if (ref == TreeRef::peersGroup()) {
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
    if (const QString use = rules::addressUse(t, text, AddressId(spec.ref.id)); !use.isEmpty())
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
