// Native capture on Windows: the socket tables with their owning PIDs from the IP Helper API,
// the image of each owner, and the services each owner hosts from the service control manager.
// No netstat, no PowerShell, no temporary file. Free of Qt (see nativecapture_tables.h).
#include "snapshot/nativecapture_tables.h"

#ifndef NOMINMAX
#define NOMINMAX
#endif
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
// winsock2.h before windows.h, and ws2tcpip.h before iphlpapi.h (the IPv6 row types): in
// separate blocks, so that sorting the includes keeps this order.
#include <winsock2.h>
#include <ws2tcpip.h>

#include <windows.h>

#include <iphlpapi.h>
#include <tlhelp32.h>

#include <algorithm>
#include <cstddef>
#include <string>
#include <unordered_set>
#include <vector>

namespace edgemap::nativecapture {

namespace {

// A busy Edge has tens of thousands of sockets (about 40 bytes each in IPv4, 56 in IPv6).
constexpr DWORD kFirstTableBytes = 256 * 1024;
// The table grows between the call that reports the size and the one that fills it; a few
// rounds settle it, and a table that keeps outgrowing its buffer is a failure, not a hang.
constexpr int kMaxTableAttempts = 8;

struct Handle
{
    HANDLE h = nullptr;
    ~Handle()
    {
        if (h && h != INVALID_HANDLE_VALUE)
            CloseHandle(h);
    }
};

struct ServiceManager
{
    SC_HANDLE h = nullptr;
    ~ServiceManager()
    {
        if (h)
            CloseServiceHandle(h);
    }
};

std::string failure(const char *call, const char *family, DWORD code)
{
    return std::string(call) + " (" + family + ") failed with Windows error "
           + std::to_string(code);
}

// Calls `get(buffer, &size)` until the buffer holds the whole table. Returns the last result.
template<class Get>
DWORD readTable(std::vector<unsigned char> &buffer, Get get)
{
    DWORD size = kFirstTableBytes;
    for (int attempt = 0; attempt < kMaxTableAttempts; ++attempt) {
        buffer.resize(size);
        DWORD needed = size;
        const DWORD rc = get(buffer.data(), &needed);
        if (rc != ERROR_INSUFFICIENT_BUFFER)
            return rc;
        size = needed + needed / 4 + 4096; // room for the sockets opened meanwhile
    }
    return ERROR_INSUFFICIENT_BUFFER;
}

// The rows of a MIB_*TABLE_OWNER_PID in `buffer`, copied out (the table's row array is declared
// with one element; reading past it through the declared type is what compilers warn about).
template<class Table, class Row>
std::vector<Row> rowsOf(const std::vector<unsigned char> &buffer)
{
    DWORD count = 0;
    std::memcpy(&count, buffer.data(), sizeof count);
    const size_t offset = offsetof(Table, table);
    const size_t fits = buffer.size() > offset ? (buffer.size() - offset) / sizeof(Row) : 0;
    std::vector<Row> rows(std::min<size_t>(count, fits));
    if (!rows.empty())
        std::memcpy(rows.data(), buffer.data() + offset, rows.size() * sizeof(Row));
    return rows;
}

std::array<std::uint8_t, 16> bytesOf(const UCHAR (&address)[16])
{
    std::array<std::uint8_t, 16> bytes{};
    std::memcpy(bytes.data(), address, bytes.size());
    return bytes;
}

std::string readTcp(ULONG family, std::vector<TcpRow> &out)
{
    std::vector<unsigned char> buffer;
    const DWORD rc = readTable(buffer, [family](void *data, DWORD *size) {
        return GetExtendedTcpTable(data, size, TRUE, family, TCP_TABLE_OWNER_PID_ALL, 0);
    });
    const bool v6 = family == AF_INET6;
    if (rc != NO_ERROR)
        return failure("GetExtendedTcpTable", v6 ? "IPv6" : "IPv4", rc);
    if (!v6) {
        for (const MIB_TCPROW_OWNER_PID &r :
             rowsOf<MIB_TCPTABLE_OWNER_PID, MIB_TCPROW_OWNER_PID>(buffer)) {
            TcpRow row;
            row.local = ipv4FromMib(r.dwLocalAddr);
            row.remote = ipv4FromMib(r.dwRemoteAddr);
            row.localPort = portFromMib(r.dwLocalPort);
            row.remotePort = portFromMib(r.dwRemotePort);
            row.state = r.dwState;
            row.pid = r.dwOwningPid;
            out.push_back(row);
        }
        return {};
    }
    for (const MIB_TCP6ROW_OWNER_PID &r :
         rowsOf<MIB_TCP6TABLE_OWNER_PID, MIB_TCP6ROW_OWNER_PID>(buffer)) {
        TcpRow row;
        row.ipv6 = true;
        row.local = bytesOf(r.ucLocalAddr);
        row.remote = bytesOf(r.ucRemoteAddr);
        row.localScopeId = r.dwLocalScopeId;
        row.remoteScopeId = r.dwRemoteScopeId;
        row.localPort = portFromMib(r.dwLocalPort);
        row.remotePort = portFromMib(r.dwRemotePort);
        row.state = r.dwState;
        row.pid = r.dwOwningPid;
        out.push_back(row);
    }
    return {};
}

std::string readUdp(ULONG family, std::vector<UdpRow> &out)
{
    std::vector<unsigned char> buffer;
    const DWORD rc = readTable(buffer, [family](void *data, DWORD *size) {
        return GetExtendedUdpTable(data, size, TRUE, family, UDP_TABLE_OWNER_PID, 0);
    });
    const bool v6 = family == AF_INET6;
    if (rc != NO_ERROR)
        return failure("GetExtendedUdpTable", v6 ? "IPv6" : "IPv4", rc);
    if (!v6) {
        for (const MIB_UDPROW_OWNER_PID &r :
             rowsOf<MIB_UDPTABLE_OWNER_PID, MIB_UDPROW_OWNER_PID>(buffer)) {
            UdpRow row;
            row.local = ipv4FromMib(r.dwLocalAddr);
            row.localPort = portFromMib(r.dwLocalPort);
            row.pid = r.dwOwningPid;
            out.push_back(row);
        }
        return {};
    }
    for (const MIB_UDP6ROW_OWNER_PID &r :
         rowsOf<MIB_UDP6TABLE_OWNER_PID, MIB_UDP6ROW_OWNER_PID>(buffer)) {
        UdpRow row;
        row.ipv6 = true;
        row.local = bytesOf(r.ucLocalAddr);
        row.localScopeId = r.dwLocalScopeId;
        row.localPort = portFromMib(r.dwLocalPort);
        row.pid = r.dwOwningPid;
        out.push_back(row);
    }
    return {};
}

// The full image path, or empty when the process cannot be opened (another user's process
// without elevation, a protected process, or one that exited since the table was read).
std::wstring imagePathOf(DWORD pid)
{
    Handle process{OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, pid)};
    if (!process.h)
        return {};
    std::wstring path;
    for (DWORD capacity = MAX_PATH; capacity <= 32768; capacity *= 4) {
        path.resize(capacity);
        DWORD size = capacity;
        if (QueryFullProcessImageNameW(process.h, 0, path.data(), &size)) {
            path.resize(size);
            return path;
        }
        if (GetLastError() != ERROR_INSUFFICIENT_BUFFER)
            break;
    }
    return {};
}

// Executable names of processes that could not be opened, from the process list (which needs
// no access to the process): netstat -b needs elevation, this capture names owners without it.
void nameFromProcessList(std::unordered_set<std::uint32_t> &unnamed,
                         std::unordered_map<std::uint32_t, std::wstring> &names)
{
    if (unnamed.empty())
        return;
    Handle list{CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0)};
    if (list.h == INVALID_HANDLE_VALUE)
        return;
    PROCESSENTRY32W entry{};
    entry.dwSize = sizeof entry;
    for (BOOL more = Process32FirstW(list.h, &entry); more; more = Process32NextW(list.h, &entry))
        if (unnamed.erase(entry.th32ProcessID) > 0)
            names.emplace(entry.th32ProcessID, std::wstring(entry.szExeFile));
}

// PID 0 (TIME_WAIT rows) and PID 4 (the System process: HTTP.sys, SMB) have no image file;
// netstat -b cannot name their owner either.
bool hasImage(std::uint32_t pid)
{
    return pid != 0 && pid != 4;
}

void readImages(SystemTables &t)
{
    std::unordered_set<std::uint32_t> pids;
    for (const TcpRow &r : t.tcp)
        pids.insert(r.pid);
    for (const UdpRow &r : t.udp)
        pids.insert(r.pid);
    std::unordered_set<std::uint32_t> unnamed;
    for (std::uint32_t pid : pids) {
        if (!hasImage(pid))
            continue;
        std::wstring path = imagePathOf(pid);
        if (path.empty())
            unnamed.insert(pid);
        else
            t.imagePaths.emplace(pid, std::move(path));
    }
    nameFromProcessList(unnamed, t.imagePaths);
}

// The running Win32 services by hosting process. Not being allowed to list them leaves the
// map empty: the rows and their processes are still right.
void readServices(SystemTables &t)
{
    ServiceManager scm{OpenSCManagerW(nullptr, nullptr, SC_MANAGER_ENUMERATE_SERVICE)};
    if (!scm.h)
        return;
    std::vector<unsigned char> buffer(64 * 1024);
    DWORD resume = 0;
    for (;;) {
        DWORD needed = 0;
        DWORD count = 0;
        const BOOL ok = EnumServicesStatusExW(scm.h, SC_ENUM_PROCESS_INFO, SERVICE_WIN32,
                                              SERVICE_ACTIVE, buffer.data(), DWORD(buffer.size()),
                                              &needed, &count, &resume, nullptr);
        const DWORD error = ok ? ERROR_SUCCESS : GetLastError();
        if (!ok && error != ERROR_MORE_DATA)
            return;
        // The names point into `buffer`: take them before it is used again.
        const auto *entries = reinterpret_cast<const ENUM_SERVICE_STATUS_PROCESSW *>(buffer.data());
        for (DWORD i = 0; i < count; ++i) {
            const DWORD pid = entries[i].ServiceStatusProcess.dwProcessId;
            if (pid != 0 && entries[i].lpServiceName)
                t.services[pid].emplace_back(entries[i].lpServiceName);
        }
        if (ok)
            return;
        if (count == 0 && needed <= buffer.size())
            return; // no progress: give up rather than loop
        if (needed > buffer.size())
            buffer.resize(needed);
    }
}

} // namespace

bool platformCanRead()
{
    return true;
}

ReadOutcome readSystemTables()
{
    ReadOutcome out;
    for (ULONG family : {ULONG(AF_INET), ULONG(AF_INET6)}) {
        if (std::string error = readTcp(family, out.tables.tcp); !error.empty()) {
            out.error = std::move(error);
            return out;
        }
    }
    for (ULONG family : {ULONG(AF_INET), ULONG(AF_INET6)}) {
        if (std::string error = readUdp(family, out.tables.udp); !error.empty()) {
            out.error = std::move(error);
            return out;
        }
    }
    readImages(out.tables);
    readServices(out.tables);
    return out;
}

} // namespace edgemap::nativecapture
