// Synthetic socket tables for the native capture tests: the tables an Edge of the default
// topology (edge01: 172.25.33.10 internal, 10.45.16.10 / .20 / .30 external) would report, built
// the way the Windows reader fills them.
#pragma once

#include "core/ipaddress.h"
#include "snapshot/nativecapture_tables.h"

#include <QString>

namespace nativetest {

using edgemap::nativecapture::MibTcpState;
using edgemap::nativecapture::SystemTables;
using edgemap::nativecapture::TcpRow;
using edgemap::nativecapture::UdpRow;

inline std::array<std::uint8_t, 16> bytes(const char *address)
{
    const auto ip = edgemap::IpAddress::parse(std::string_view(address));
    std::array<std::uint8_t, 16> out{};
    if (!ip)
        return out;
    if (ip->isV4())
        std::copy_n(ip->bytes().begin(), 4, out.begin());
    else
        out = ip->bytes();
    return out;
}

inline bool isV6(const char *address)
{
    return std::string_view(address).find(':') != std::string_view::npos;
}

inline TcpRow tcp(const char *local, std::uint16_t port, const char *remote,
                  std::uint16_t remotePort, MibTcpState state, std::uint32_t pid,
                  std::uint32_t scopeId = 0)
{
    TcpRow r;
    r.ipv6 = isV6(local);
    r.local = bytes(local);
    r.remote = bytes(remote);
    r.localScopeId = scopeId;
    r.localPort = port;
    r.remotePort = remotePort;
    r.state = std::uint32_t(state);
    r.pid = pid;
    return r;
}

inline TcpRow listen(const char *local, std::uint16_t port, std::uint32_t pid)
{
    return tcp(local, port, isV6(local) ? "::" : "0.0.0.0", 0, MibTcpState::Listen, pid);
}

inline UdpRow udp(const char *local, std::uint16_t port, std::uint32_t pid,
                  std::uint32_t scopeId = 0)
{
    UdpRow r;
    r.ipv6 = isV6(local);
    r.local = bytes(local);
    r.localScopeId = scopeId;
    r.localPort = port;
    r.pid = pid;
    return r;
}

// PIDs of the edge01 tables.
enum Pid : std::uint32_t {
    kSystem = 4,
    kRtcSrv = 2216,
    kMras = 2380,
    kMediaRelay = 3104,
    kReplica = 2760,
    kSvchost = 1016,
    kDenied = 5555, // a process the capture was not allowed to open
};

// edge01 with every service running except the Web Conferencing Edge (DataProxy.exe), as the
// bundled sample has it; plus the Windows sockets every server has (RPC on 135 and SMB on 445 on
// all interfaces, IPv4 and IPv6 twins), a TIME_WAIT row of PID 0, a link-local IPv6 UDP socket,
// and a listener of a process that could not be opened.
inline SystemTables edge01Tables()
{
    SystemTables t;
    t.tcp = {
            listen("0.0.0.0", 135, kSvchost),
            listen("0.0.0.0", 445, kSystem),
            listen("172.25.33.10", 443, kMediaRelay),
            listen("172.25.33.10", 4443, kReplica),
            listen("172.25.33.10", 5061, kRtcSrv),
            listen("172.25.33.10", 5062, kMras),
            tcp("172.25.33.10", 5061, "172.25.40.10", 52311, MibTcpState::Established, kRtcSrv),
            tcp("172.25.33.10", 4443, "172.25.40.22", 61022, MibTcpState::TimeWait, 0),
            listen("10.45.16.10", 443, kRtcSrv),
            listen("10.45.16.10", 5061, kRtcSrv),
            listen("10.45.16.20", 8080, kDenied),
            listen("10.45.16.30", 443, kMediaRelay),
            listen("::", 135, kSvchost),
            listen("::", 445, kSystem),
    };
    t.udp = {
            udp("172.25.33.10", 3478, kMediaRelay),
            udp("10.45.16.30", 3478, kMediaRelay),
            udp("fe80::1c2d:3e4f:5a6b:7c8d", 1900, kSvchost, 12),
    };
    t.imagePaths = {
            {kRtcSrv,
             L"C:\\Program Files\\Skype for Business Server 2015\\Server\\Core\\RTCSrv.exe"},
            {kMras,
             L"C:\\Program Files\\Skype for Business Server 2015\\Server\\Core\\MRASSvc.exe"},
            {kMediaRelay,
             L"C:\\Program Files\\Skype for Business Server 2015\\Server\\Core\\MediaRelaySvc.exe"},
            {kReplica, L"C:\\Program Files\\Skype for Business Server "
                       L"2015\\Server\\Core\\ReplicaReplicatorAgent.exe"},
            {kSvchost, L"C:\\Windows\\System32\\svchost.exe"},
    };
    t.services = {
            {kSvchost, {L"RpcEptMapper", L"RpcSs"}},
            {kRtcSrv, {L"RTCSRV"}},
            {kMras, {L"RTCMRAUTH"}},
            {kMediaRelay, {L"RTCMEDIARELAY"}},
            {kReplica, {L"REPLICA"}},
    };
    return t;
}

} // namespace nativetest
