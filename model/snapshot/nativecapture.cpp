#include "snapshot/nativecapture.h"

#include <QHash>
#include <QStringList>
#include <QSysInfo>

namespace edgemap::nativecapture {

namespace {

IpAddress addressOf(bool ipv6, const std::array<std::uint8_t, 16> &bytes, std::uint32_t scopeId)
{
    if (ipv6)
        return IpAddress::v6(bytes, scopeId);
    return IpAddress::v4((std::uint32_t(bytes[0]) << 24) | (std::uint32_t(bytes[1]) << 16)
                         | (std::uint32_t(bytes[2]) << 8) | std::uint32_t(bytes[3]));
}

// The process and component strings of each PID, interned once: a busy Edge has tens of
// thousands of rows and a handful of owners.
class Owners
{
public:
    Owners(const SystemTables &tables, Snapshot &s)
        : m_tables(tables)
        , m_snapshot(s)
    {}

    void apply(SocketRow &row, std::uint32_t pid)
    {
        auto it = m_byPid.constFind(pid);
        if (it == m_byPid.cend())
            it = m_byPid.insert(pid, lookUp(pid));
        row.pid = std::int32_t(pid);
        row.process = it->first;
        row.components = it->second;
    }

private:
    std::pair<int, int> lookUp(std::uint32_t pid)
    {
        int process = -1;
        if (const auto image = m_tables.imagePaths.find(pid); image != m_tables.imagePaths.end())
            process = intern(QString::fromStdWString(imageFileName(image->second)));
        int components = -1;
        if (const auto services = m_tables.services.find(pid);
            services != m_tables.services.end()) {
            QStringList names;
            for (const std::wstring &name : services->second)
                names.append(QString::fromStdWString(name));
            components = intern(names.join(QStringLiteral(", ")));
        }
        return {process, components};
    }

    int intern(const QString &text)
    {
        if (text.isEmpty())
            return -1;
        const auto it = m_index.constFind(text);
        if (it != m_index.cend())
            return it.value();
        m_snapshot.strings.append(text);
        const int index = int(m_snapshot.strings.size() - 1);
        m_index.insert(text, index);
        return index;
    }

    const SystemTables &m_tables;
    Snapshot &m_snapshot;
    QHash<std::uint32_t, std::pair<int, int>> m_byPid;
    QHash<QString, int> m_index;
};

} // namespace

bool isAvailable()
{
    return platformCanRead();
}

TcpState stateFromMib(std::uint32_t state)
{
    switch (MibTcpState(state)) {
    case MibTcpState::Closed:
        return TcpState::Closed;
    case MibTcpState::Listen:
        return TcpState::Listen;
    case MibTcpState::SynSent:
        return TcpState::SynSent;
    case MibTcpState::SynReceived:
        return TcpState::SynReceived;
    case MibTcpState::Established:
        return TcpState::Established;
    case MibTcpState::FinWait1:
        return TcpState::FinWait1;
    case MibTcpState::FinWait2:
        return TcpState::FinWait2;
    case MibTcpState::CloseWait:
        return TcpState::CloseWait;
    case MibTcpState::Closing:
        return TcpState::Closing;
    case MibTcpState::LastAck:
        return TcpState::LastAck;
    case MibTcpState::TimeWait:
        return TcpState::TimeWait;
    case MibTcpState::DeleteTcb:
        return TcpState::DeleteTcb;
    case MibTcpState::Reserved:
        return TcpState::Bound;
    }
    return TcpState::Unknown;
}

Snapshot toSnapshot(const SystemTables &tables, const CaptureInfo &info)
{
    Snapshot s;
    s.format = QStringLiteral("native");
    s.encoding = QStringLiteral("none (system tables)");
    s.header.host = info.host;
    s.header.time = info.time;
    s.header.tool = QStringLiteral("edgemap native capture");
    // Both tables are always read, with owners: an empty one means no such sockets.
    s.hasTcp = true;
    s.hasUdp = true;
    s.hasPids = true;
    s.hasProcesses = true;
    s.rows.reserve(qsizetype(tables.tcp.size() + tables.udp.size()));
    Owners owners(tables, s);
    std::int32_t line = 0;
    for (const TcpRow &t : tables.tcp) {
        SocketRow row;
        row.transport = Transport::Tcp;
        row.local = addressOf(t.ipv6, t.local, t.localScopeId);
        row.remote = addressOf(t.ipv6, t.remote, t.remoteScopeId);
        row.localPort = t.localPort;
        row.remotePort = t.remotePort;
        row.state = stateFromMib(t.state);
        row.line = ++line;
        owners.apply(row, t.pid);
        s.rows.append(row);
    }
    for (const UdpRow &u : tables.udp) {
        SocketRow row;
        row.transport = Transport::Udp;
        row.local = addressOf(u.ipv6, u.local, u.localScopeId);
        row.localPort = u.localPort;
        row.line = ++line;
        owners.apply(row, u.pid);
        s.rows.append(row);
    }
    return s;
}

snapshotfile::ReadResult capture(const QString &label)
{
    const QDateTime time = QDateTime::currentDateTimeUtc();
    ReadOutcome read = readSystemTables();
    snapshotfile::ReadResult result;
    if (!read.error.empty()) {
        result.error = Error::inFile(label, QString::fromStdString(read.error));
        return result;
    }
    result.snapshot = toSnapshot(read.tables, {QSysInfo::machineHostName(), time});
    return result;
}

} // namespace edgemap::nativecapture
