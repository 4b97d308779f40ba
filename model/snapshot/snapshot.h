#pragma once

#include "core/ipaddress.h"
#include "core/topology.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>

namespace edgemap {

// TCP connection states, independent of the language netstat printed them in.
enum class TcpState : std::uint8_t {
    None, // UDP rows have no state
    Listen,
    Established,
    SynSent,
    SynReceived,
    FinWait1,
    FinWait2,
    CloseWait,
    Closing,
    LastAck,
    TimeWait,
    Closed,
    DeleteTcb,
    Bound,
    Unknown, // a state word we do not know (rows are still kept)
};

QString keyOf(TcpState state);

// One socket of a snapshot. Kept small: a busy Edge has tens of thousands of them and the
// benchmark reads a million.
struct SocketRow
{
    IpAddress local;
    IpAddress remote; // null for UDP (*:*) and for unresolved names
    std::uint16_t localPort = 0;
    std::uint16_t remotePort = 0;
    Transport transport = Transport::Tcp;
    TcpState state = TcpState::None;
    bool localIsName = false;     // netstat without -n printed a host name, not an address
    std::int32_t pid = -1;        // -1 when the capture has no PID column
    std::int32_t process = -1;    // index into Snapshot::strings, -1 when unknown
    std::int32_t components = -1; // index into Snapshot::strings ("RpcSs"), -1 when none
    std::int32_t line = 0;        // 1-based line in the source

    // A listening TCP socket, or any UDP endpoint (UDP has no listen state).
    bool isListener() const { return transport == Transport::Udp || state == TcpState::Listen; }
};

static_assert(sizeof(IpAddress) == 24);

// What EdgeMap's own capture helper writes at the top of a snapshot (all optional).
struct SnapshotHeader
{
    QString host;
    QDateTime time; // UTC
    QString command;
    QString tool; // "edgemap-capture 1"
};

// A parsed snapshot: the sockets bound on one server at one moment.
struct Snapshot
{
    QString format;   // "netstat", "netstat-b", "get-nettcpconnection-table", ...
    QString encoding; // "utf-16le", "utf-8", "utf-8-bom", "cp850", "cp932 (shift_jis)", ...
    // The encoding was guessed from the words of the text (a legacy code page, or UTF-8
    // mojibake), not known from a BOM or from the bytes being UTF-8 or UTF-16.
    bool encodingGuessed = false;
    QString lineEnds; // "lf", "crlf", "cr", "cr-cr-lf" or "mixed (...)"; empty when one line
    // A console transcript: prompt lines skipped, and the commands they echoed, in order.
    int transcriptLines = 0;
    QStringList commands;
    // The filter the capture's output went through ("findstr :5", "Where-Object LocalPort -eq
    // 5061"), from an echoed command or the "# command:" header; empty when unfiltered.
    QString filter;
    SnapshotHeader header;
    QList<SocketRow> rows;
    QStringList strings; // process and component names, interned
    int unrecognisedLines = 0;
    int firstUnrecognisedLine = 0;
    int tables = 1; // tables seen (netstat -ano 5 repeats them); rows are the last
    bool hasPids = false;
    bool hasProcesses = false; // -b or an OwningProcess name column
    bool hasUdp = false;       // the capture includes UDP endpoints at all
    bool hasTcp = false;

    QString processName(const SocketRow &row) const
    {
        return row.process >= 0 ? strings.at(row.process) : QString();
    }
    QString componentNames(const SocketRow &row) const
    {
        return row.components >= 0 ? strings.at(row.components) : QString();
    }
};

// What the reader assumed about an unusual capture, one phrase each, for the snapshot facts
// (check's text header, the Snapshot pane): "2 console prompt lines skipped", "filtered by
// findstr :5", "line ends: cr". Empty for an ordinary capture.
QStringList readAssumptions(const Snapshot &s);

// The command of a console prompt line ("PS C:\Users\admin> Get-NetTCPConnection" gives
// "Get-NetTCPConnection", "C:\>netstat -ano" gives "netstat -ano", "C:\>" gives ""), or nullopt
// when the line is not a prompt.
std::optional<QString> promptCommand(QStringView line);

// The filter part of a capture command: everything after the first pipe into findstr, find,
// Select-String (sls), Where-Object (where, ?); empty when the output was not filtered.
QString filterOf(const QString &command);

// What a listener's row would look like in the capture: the row's transport and port, and the
// text of its line in each form the listener may take (one per acceptable local address).
struct ExpectedRow
{
    Transport transport = Transport::Tcp;
    int port = 0;
    QStringList texts;
};

// Whether `filter` (Snapshot::filter) would have let the row through. Literal findstr /
// Select-String patterns are matched against the row texts (a row shows only if every text
// matches, as the capture may hold any of them); Where-Object on LocalPort, State or Protocol
// is evaluated; anything else is not understood and gives false: a missing row then proves
// nothing.
bool filterCouldShow(const QString &filter, const ExpectedRow &row);

} // namespace edgemap
