#pragma once

// The raw socket tables of the operating system, as the native capture reads them, in plain
// standard C++ (no Qt): the Windows reader (nativecapture_windows.cpp) fills them from the IP
// Helper API and the service control manager, and nativecapture.h turns them into a Snapshot.
// Kept free of Qt so that the Win32 part compiles on its own (a syntax check with the MinGW
// cross compiler needs no Qt for Windows).

#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

namespace edgemap::nativecapture {

// MIB_TCP_STATE as Windows numbers it (MIB_TCP_STATE_CLOSED = 1 ... DELETE_TCB = 12).
enum class MibTcpState : std::uint32_t {
    Closed = 1,
    Listen = 2,
    SynSent = 3,
    SynReceived = 4,
    Established = 5,
    FinWait1 = 6,
    FinWait2 = 7,
    CloseWait = 8,
    Closing = 9,
    LastAck = 10,
    TimeWait = 11,
    DeleteTcb = 12,
    Reserved = 100, // MIB_TCP_STATE_RESERVED: Get-NetTCPConnection calls it Bound
};

// One row of GetExtendedTcpTable (TCP_TABLE_OWNER_PID_ALL), IPv4 or IPv6. Addresses are the
// bytes in network order (an IPv4 address in the first four), ports in host order.
struct TcpRow
{
    bool ipv6 = false;
    std::array<std::uint8_t, 16> local{};
    std::array<std::uint8_t, 16> remote{};
    std::uint32_t localScopeId = 0; // IPv6 zone index (link-local addresses), 0 when none
    std::uint32_t remoteScopeId = 0;
    std::uint16_t localPort = 0;
    std::uint16_t remotePort = 0;
    std::uint32_t state = 0; // a MibTcpState value (other values are kept and shown as unknown)
    std::uint32_t pid = 0;
};

// One row of GetExtendedUdpTable (UDP_TABLE_OWNER_PID): a bound endpoint, no remote side.
struct UdpRow
{
    bool ipv6 = false;
    std::array<std::uint8_t, 16> local{};
    std::uint32_t localScopeId = 0;
    std::uint16_t localPort = 0;
    std::uint32_t pid = 0;
};

// Everything one capture read, before it becomes a snapshot.
struct SystemTables
{
    std::vector<TcpRow> tcp; // IPv4 rows first, then IPv6 (the order netstat prints them in)
    std::vector<UdpRow> udp;
    // The full image path of each owning process that could be named. A PID missing here could
    // not be opened (access denied, or it exited meanwhile); netstat -b says "Can not obtain
    // ownership information" for those.
    std::unordered_map<std::uint32_t, std::wstring> imagePaths;
    // The running Win32 services each process hosts (svchost.exe hosts several), by short name,
    // in the order the service control manager lists them.
    std::unordered_map<std::uint32_t, std::vector<std::wstring>> services;
};

// What the platform reader returns: the tables, or why they could not be read (the failing
// call and its error code). A missing process name or service list is not an error.
struct ReadOutcome
{
    SystemTables tables;
    std::string error; // empty on success
};

// Whether this build can read the system's tables (Windows only).
bool platformCanRead();
// Reads the socket tables, the image names of their owners and the services in each owner.
// Blocking (tens of milliseconds on a busy Edge): call it off the GUI thread.
ReadOutcome readSystemTables();

// A port as the MIB rows hold it (a DWORD whose low two bytes in memory are the port in network
// order) in host order. Windows runs little-endian only; reading the bytes through memory keeps
// this right whatever the host.
inline std::uint16_t portFromMib(std::uint32_t dwPort)
{
    std::array<std::uint8_t, 4> b{};
    std::memcpy(b.data(), &dwPort, sizeof dwPort);
    return static_cast<std::uint16_t>((b[0] << 8) | b[1]);
}

// An IPv4 address as the MIB rows hold it (a DWORD in network byte order) as address bytes.
inline std::array<std::uint8_t, 16> ipv4FromMib(std::uint32_t dwAddr)
{
    std::array<std::uint8_t, 16> bytes{};
    std::memcpy(bytes.data(), &dwAddr, sizeof dwAddr);
    return bytes;
}

// The file name of an image path ("C:\Windows\System32\svchost.exe" gives "svchost.exe"), as
// netstat -b shows it.
inline std::wstring imageFileName(const std::wstring &path)
{
    const auto slash = path.find_last_of(L"\\/");
    return slash == std::wstring::npos ? path : path.substr(slash + 1);
}

} // namespace edgemap::nativecapture
