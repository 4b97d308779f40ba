#include "core/rules.h"

#include "core/ipaddress.h"
#include "core/topology.h"

#include <QCoreApplication>

namespace edgemap::rules {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edgemap::rules", text);
}

QString labelProblem(const QString &fqdn, const QString &label)
{
    if (label.isEmpty())
        return tr("'%1' is not a DNS name: it has an empty part between dots").arg(fqdn);
    if (label.size() > 63)
        return tr("'%1' is not a DNS name: '%2' is longer than 63 characters").arg(fqdn, label);
    for (const QChar c : label) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != u'-')
            return tr("'%1' is not a DNS name: it contains '%2' (letters, digits, hyphens and "
                      "dots only)")
                    .arg(fqdn, c);
    }
    if (label.startsWith(u'-') || label.endsWith(u'-'))
        return tr("'%1' is not a DNS name: a part cannot start or end with a hyphen").arg(fqdn);
    return {};
}

} // namespace

QString fqdnProblem(const QString &text)
{
    if (text.isEmpty())
        return tr("an FQDN is needed");
    if (text.size() > 253)
        return tr("'%1' is longer than 253 characters").arg(text);
    const QStringList labels = text.split(u'.');
    if (labels.size() < 2)
        return tr("'%1' is not fully qualified (add the domain, as in %1.contoso.com)").arg(text);
    for (const QString &label : labels)
        if (QString bad = labelProblem(text, label); !bad.isEmpty())
            return bad;
    return {};
}

QString serverAddressProblem(const QString &text)
{
    const auto ip = IpAddress::parse(text);
    if (!ip)
        return tr("'%1' is not an IPv4 or IPv6 address").arg(text);
    if (ip->isUnspecified() || ip->isLoopback())
        return tr("'%1' cannot be the address of a server interface").arg(text);
    return {};
}

QString peerAddressProblem(const QString &text)
{
    if (!Subnet::parse(text))
        return tr("'%1' is not an IP address or subnet (such as 10.0.0.0/8)").arg(text);
    return {};
}

QString addressUse(const Topology &t, const QString &text, const AddressId &except)
{
    const auto ip = IpAddress::parse(text);
    if (!ip)
        return {};
    const auto same = [&](const QString &other) {
        const auto parsed = IpAddress::parse(other);
        return parsed && parsed->sameHost(*ip);
    };
    for (const EdgePool &pool : t.pools)
        for (const EdgeServer &server : pool.servers)
            for (const NetInterface &nic : server.interfaces)
                for (const Address &a : nic.addresses) {
                    if (a.id == except)
                        continue;
                    if (same(a.ip))
                        return tr("address %1 (%2)").arg(a.id.value(), server.fqdn);
                    if (!a.natPublicIp.isEmpty() && same(a.natPublicIp))
                        return tr("the NAT public address of %1 (%2)")
                                .arg(a.id.value(), server.fqdn);
                }
    return {};
}

QString socketClash(const Topology &topology, const ListenerId &listener)
{
    const EdgeServer *server = topology.serverOfListener(listener);
    const Listener *edited = topology.listener(listener);
    if (!server || !edited)
        return {};
    const auto place = [&](const Listener &l) {
        const Address *a = l.address.isEmpty() ? nullptr : topology.address(l.address);
        return a ? a->ip : QCoreApplication::translate("rules", "all interfaces");
    };
    for (const Listener &other : server->listeners) {
        if (other.id == edited->id || other.transport != edited->transport)
            continue;
        const bool overlap = other.port <= edited->portEnd && edited->port <= other.portEnd;
        const bool sameAddress = other.address == edited->address || other.address.isEmpty()
                                 || edited->address.isEmpty();
        if (!overlap || !sameAddress)
            continue;
        return QCoreApplication::translate("rules", "%1 on %2 is already used by listener %3 (%4)")
                .arg(socketLabel(edited->transport, edited->port, edited->portEnd), place(*edited),
                     other.id.value(), other.service.value());
    }
    return {};
}

} // namespace edgemap::rules
