#include "snapshot/wellknownports.h"

#include "core/ipaddress.h"

namespace edgemap {

namespace {

struct Entry
{
    Transport transport;
    int port;
    const char *name;
    const char *explanation;
};

constexpr int kRdpPort = 3389;

// Windows Server's own listeners; none of them belongs on an Edge's external interface.
constexpr Entry kWellKnown[] = {
        {Transport::Udp, 123, "NTP (Windows Time)",
         "the Windows Time service; harmless, but the external firewall need not pass it"},
        {Transport::Tcp, 135, "RPC endpoint mapper",
         "Windows RPC (svchost.exe, RpcSs); block it on the external firewall"},
        {Transport::Udp, 137, "NetBIOS name service",
         "legacy Windows naming; disable NetBIOS over TCP/IP on the external interface"},
        {Transport::Udp, 138, "NetBIOS datagram service",
         "legacy Windows browsing; disable NetBIOS over TCP/IP on the external interface"},
        {Transport::Tcp, 139, "NetBIOS session service",
         "legacy SMB over NetBIOS; disable NetBIOS over TCP/IP on the external interface"},
        {Transport::Tcp, 445, "SMB file sharing",
         "Windows file and printer sharing (System, PID 4); unbind it from the external interface"},
        {Transport::Tcp, kRdpPort, "Remote Desktop (RDP)",
         "Remote Desktop Services (svchost.exe, TermService); allow it from management "
         "networks only, never from the Internet"},
        {Transport::Udp, kRdpPort, "Remote Desktop (RDP over UDP)",
         "Remote Desktop Services' UDP transport; allow it from management networks only"},
        {Transport::Udp, 5353, "mDNS", "multicast DNS name resolution; not needed on an Edge"},
        {Transport::Udp, 5355, "LLMNR",
         "link-local multicast name resolution; not needed on an Edge (turn it off by policy)"},
        {Transport::Tcp, 5985, "WinRM (HTTP)",
         "Windows Remote Management / PowerShell remoting; allow it from management networks "
         "only"},
        {Transport::Tcp, 5986, "WinRM (HTTPS)",
         "Windows Remote Management / PowerShell remoting over TLS; allow it from management "
         "networks only"},
        {Transport::Tcp, 47001, "WinRM listener (HTTP.sys)",
         "Windows Remote Management's local listener (System, PID 4); block it on the external "
         "firewall"},
};

} // namespace

std::optional<WellKnownPort> wellKnownPort(Transport transport, int port)
{
    for (const Entry &e : kWellKnown)
        if (e.transport == transport && e.port == port)
            return WellKnownPort{e.transport, e.port, QString::fromLatin1(e.name),
                                 QString::fromLatin1(e.explanation)};
    return std::nullopt;
}

QString explainUnexpected(const UnexpectedListener &u)
{
    const std::optional<WellKnownPort> w = wellKnownPort(u.transport, u.port);
    if (!w)
        return {};
    return QStringLiteral("%1 is %2, a Windows service: %3")
            .arg(socketLabel(u.transport, u.port, u.port), w->name, w->explanation);
}

QString hardeningFinding(const UnexpectedListener &u)
{
    return hardeningFinding(u, u.address);
}

QString hardeningFinding(const UnexpectedListener &u, const QString &addresses)
{
    if (u.port != kRdpPort)
        return {};
    const std::optional<IpAddress> ip = IpAddress::parse(u.address);
    const QString where = ip && ip->isUnspecified()
                                  ? QStringLiteral("bound on all interfaces (%1)").arg(addresses)
                                  : QStringLiteral("bound on %1").arg(addresses);
    return QStringLiteral("Remote Desktop is reachable on the external interface (%1 %2): allow "
                          "it from management networks only and block it on the external "
                          "firewall")
            .arg(socketLabel(u.transport, u.port, u.port), where);
}

} // namespace edgemap
