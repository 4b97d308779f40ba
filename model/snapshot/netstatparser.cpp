#include "snapshot/netstatparser.h"

#include "snapshot/codepage.h"
#include "snapshot/hugepages.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <string_view>

namespace edgemap {

namespace {

constexpr int kMaxTokens = 12;
constexpr int kMaxPreambleLines = 3; // title and header (and one stray line) before the rows
// A process hosting more services than this many characters of names keeps the first ones.
constexpr qsizetype kMaxComponentChars = 4096;

// Space, tab, CR, VT, FF (and no-break space, seen in pasted text), by table for 8-bit text.
constexpr std::array<bool, 256> kSpaceTable = [] {
    std::array<bool, 256> table{};
    for (unsigned char c : {' ', '\t', '\r', '\v', '\f'})
        table[c] = true;
    table[0xa0] = true;
    return table;
}();

template<class Char>
bool isSpace(Char c)
{
    if constexpr (sizeof(Char) == 1)
        return kSpaceTable[static_cast<unsigned char>(c)];
    else
        return c < 256 && kSpaceTable[c];
}

// netstat pads its columns with long runs of spaces: skip them eight bytes at a time.
template<class Char>
const Char *skipSpaces(const Char *p, const Char *e)
{
    constexpr std::uint64_t kSpaces
            = sizeof(Char) == 1 ? 0x2020202020202020ull : 0x0020002000200020ull;
    constexpr size_t kPerWord = 8 / sizeof(Char);
    while (size_t(e - p) >= kPerWord) {
        std::uint64_t word;
        std::memcpy(&word, p, 8);
        if (word != kSpaces)
            break;
        p += kPerWord;
    }
    while (p != e && isSpace(*p))
        ++p;
    return p;
}

template<class Char>
bool isDigits(const Char *b, const Char *e)
{
    if (b == e || e - b > 10)
        return false;
    for (; b != e; ++b)
        if (*b < '0' || *b > '9')
            return false;
    return true;
}

// At most 10 digits (isDigits): fits in 64 bits on every platform, where long may not.
template<class Char>
std::int64_t toNumber(const Char *b, const Char *e)
{
    std::int64_t v = 0;
    for (; b != e; ++b)
        v = v * 10 + (*b - '0');
    return v;
}

// Copies an ASCII token into `out` (upper-cased when asked); false when it is not ASCII or too
// long, which no address, port or English state word is.
template<class Char>
bool toAscii(const Char *b, const Char *e, char *out, size_t capacity, bool upper = false)
{
    const auto n = size_t(e - b);
    if (n >= capacity)
        return false;
    for (size_t i = 0; i < n; ++i) {
        const auto c = b[i];
        if (c <= 0 || c >= 0x7f)
            return false;
        char ch = static_cast<char>(c);
        if (upper && ch >= 'a' && ch <= 'z')
            ch = static_cast<char>(ch - 'a' + 'A');
        out[i] = ch;
    }
    out[n] = '\0';
    return true;
}

template<class Char>
bool equalsAsciiNoCase(const Char *b, const Char *e, std::string_view word)
{
    if (size_t(e - b) != word.size())
        return false;
    for (size_t i = 0; i < word.size(); ++i) {
        auto c = b[i];
        if (c >= 'a' && c <= 'z')
            c = static_cast<Char>(c - 'a' + 'A');
        if (c != static_cast<unsigned char>(word[i]))
            return false;
    }
    return true;
}

// TCP, UDP, TCPv6, UDPv6 in any case; the first test rejects most other lines at once.
template<class Char>
bool isProtoToken(const Char *b, const Char *e)
{
    const auto n = e - b;
    if (n != 3 && n != 5)
        return false;
    const auto first = b[0] | 0x20;
    if (first != 't' && first != 'u')
        return false;
    return equalsAsciiNoCase(b, e, "TCP") || equalsAsciiNoCase(b, e, "UDP")
           || equalsAsciiNoCase(b, e, "TCPV6") || equalsAsciiNoCase(b, e, "UDPV6");
}

// Port names netstat prints without -n (from the Windows services file), for the ports an Edge
// cares about; anything else is kept as port 0.
int portFromName(std::string_view name)
{
    static constexpr std::pair<std::string_view, int> kNames[]
            = {{"http", 80},          {"https", 443},          {"domain", 53},
               {"sip", 5060},         {"sip-tls", 5061},       {"epmap", 135},
               {"microsoft-ds", 445}, {"ms-wbt-server", 3389}, {"netbios-ns", 137},
               {"netbios-dgm", 138},  {"netbios-ssn", 139},    {"ntp", 123},
               {"snmp", 161},         {"ldap", 389},           {"isakmp", 500},
               {"ipsec-msft", 4500},  {"llmnr", 5355},         {"ws-discovery", 3702},
               {"ssdp", 1900},        {"wsd", 5357},           {"ms-sql-m", 1434},
               {"ms-sql-s", 1433}};
    for (const auto &[n, port] : kNames)
        if (n == name)
            return port;
    return 0;
}

// A name from the services file ("https", "ms-wbt-server"): letters, digits, '-', '_', '.'.
bool isServiceWord(std::string_view word)
{
    if (word.empty() || word.size() > 32)
        return false;
    return std::all_of(word.begin(), word.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
               || c == '-' || c == '_' || c == '.';
    });
}

struct Endpoint
{
    IpAddress address;
    int port = 0;
    bool isName = false;   // a host name (netstat without -n)
    bool wildcard = false; // "*:*"
};

// "a.b.c.d:port" in one pass: the shape of nearly every row of a busy IPv4 server.
bool parseV4Endpoint(std::string_view t, Endpoint &ep)
{
    const char *p = t.data(), *e = p + t.size();
    std::uint32_t value = 0;
    for (int part = 0; part < 4; ++part) {
        const char *start = p;
        std::uint32_t octet = 0;
        while (p != e && unsigned(*p - '0') < 10u && p - start < 3)
            octet = octet * 10 + std::uint32_t(*p++ - '0');
        const char expected = part < 3 ? '.' : ':';
        if (p == start || p == e || *p != expected || octet > 255
            || (p - start > 1 && *start == '0'))
            return false;
        value = (value << 8) | octet;
        ++p;
    }
    const char *digits = p;
    int port = 0;
    while (p != e && unsigned(*p - '0') < 10u && p - digits < 5)
        port = port * 10 + (*p++ - '0');
    if (p != e || p == digits || port > 65535)
        return false;
    ep.address = IpAddress::v4(value);
    ep.port = port;
    return true;
}

std::optional<Endpoint> parseEndpoint(std::string_view t)
{
    Endpoint ep;
    if (parseV4Endpoint(t, ep))
        return ep;
    if (t == "*:*") {
        ep.wildcard = true;
        return ep;
    }
    std::string_view host, port;
    if (!t.empty() && t.front() == '[') {
        const size_t close = t.find(']');
        if (close == std::string_view::npos || close + 1 >= t.size() || t[close + 1] != ':')
            return std::nullopt;
        host = t.substr(1, close - 1);
        port = t.substr(close + 2);
    } else {
        const size_t colon = t.rfind(':');
        if (colon == std::string_view::npos)
            return std::nullopt;
        host = t.substr(0, colon);
        port = t.substr(colon + 1);
        if (host.find(':') != std::string_view::npos) // unbracketed IPv6 is not netstat
            return std::nullopt;
    }
    if (host.empty() || port.empty())
        return std::nullopt;
    if (port == "*")
        ep.port = 0;
    else if (std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        // "655350" is a bad port, not a service name
        if (port.size() > 5 || toNumber(port.data(), port.data() + port.size()) > 65535)
            return std::nullopt;
        ep.port = int(toNumber(port.data(), port.data() + port.size()));
    } else if (isServiceWord(port))
        ep.port = portFromName(port);
    else // NUL, control or other garbage where the port goes: not a row
        return std::nullopt;
    if (host == "*") {
        ep.address = IpAddress::v4(0);
        return ep;
    }
    if (auto ip = IpAddress::parse(host))
        ep.address = *ip;
    else
        ep.isName = true;
    return ep;
}

TcpState stateFromWord(std::string_view upper)
{
    static constexpr std::pair<std::string_view, TcpState> kWords[]
            = {{"LISTENING", TcpState::Listen},
               {"LISTEN", TcpState::Listen},
               {"ESTABLISHED", TcpState::Established},
               {"SYN_SENT", TcpState::SynSent},
               {"SYN_RECEIVED", TcpState::SynReceived},
               {"SYN_RCVD", TcpState::SynReceived},
               {"FIN_WAIT_1", TcpState::FinWait1},
               {"FIN_WAIT_2", TcpState::FinWait2},
               {"CLOSE_WAIT", TcpState::CloseWait},
               {"CLOSING", TcpState::Closing},
               {"LAST_ACK", TcpState::LastAck},
               {"TIME_WAIT", TcpState::TimeWait},
               {"CLOSED", TcpState::Closed},
               {"DELETE_TCB", TcpState::DeleteTcb},
               {"BOUND", TcpState::Bound},
               // German
               {"HERGESTELLT", TcpState::Established},
               {"WARTEND", TcpState::TimeWait},
               {"SCHLIESSEN_WARTEN", TcpState::CloseWait},
               {"FIN_WARTEN_1", TcpState::FinWait1},
               {"FIN_WARTEN_2", TcpState::FinWait2},
               {"SYN_GESENDET", TcpState::SynSent},
               {"SYN_EMPFANGEN", TcpState::SynReceived},
               {"GESCHLOSSEN", TcpState::Closed},
               // Spanish, Italian, Portuguese
               {"ESCUCHANDO", TcpState::Listen},
               {"ESTABLECIDO", TcpState::Established},
               {"STABILITO", TcpState::Established},
               {"ESTABELECIDA", TcpState::Established},
               {"ESCUTANDO", TcpState::Listen}};
    for (const auto &[word, state] : kWords)
        if (word == upper)
            return state;
    return TcpState::Unknown;
}

} // namespace

NetstatParser::NetstatParser() = default;

void NetstatParser::reserve(qsizetype rows)
{
    m_rows.reserve(rows);
    adviseHugePages(m_rows.constData(), size_t(m_rows.capacity()) * sizeof(SocketRow));
}

void NetstatParser::addLine(const char *begin, const char *end, int lineNumber)
{
    parseLine(begin, end, lineNumber);
}

void NetstatParser::addLine(const char16_t *begin, const char16_t *end, int lineNumber)
{
    // Nearly every line of a UTF-16 capture is ASCII: narrowed (a loop the compiler vectorises)
    // it takes the 8-bit path, which reads half the bytes. Lines with other characters (a
    // localised header, a Japanese -b line) stay UTF-16.
    const auto n = size_t(end - begin);
    if (m_narrow.size() < n)
        m_narrow.resize(std::max(n, m_narrow.size() * 2));
    char *out = m_narrow.data();
    char16_t high = 0;
    for (size_t i = 0; i < n; ++i) {
        high |= begin[i];
        out[i] = char(begin[i]);
    }
    if (high < 0x80)
        parseLine<char>(out, out + n, lineNumber);
    else
        parseLine(begin, end, lineNumber);
}

void NetstatParser::addOverlongLine(int lineNumber)
{
    unrecognised(lineNumber);
    m_inContinuation = false;
    m_afterBlank = false;
}

void NetstatParser::unrecognised(int lineNumber)
{
    if (m_unrecognised++ == 0)
        m_firstUnrecognised = lineNumber;
}

template<class Char>
void NetstatParser::parseLine(const Char *b, const Char *e, int lineNumber)
{
    while (e != b && isSpace(e[-1]))
        --e;
    while (b != e && isSpace(*b))
        ++b;
    if (b != e && *b == '>') { // PowerShell Select-String marks matching lines with "> "
        ++b;
        while (b != e && isSpace(*b))
            ++b;
    }
    if (m_rows.isEmpty() && m_tables == 0 && e - b > 2 && *b == '#') {
        parseHeaderLine(b, e);
        return;
    }
    if (b == e) {
        m_afterBlank = true;
        m_inContinuation = false;
        m_preambleLines = 0;
        return;
    }
    std::array<const Char *, 2 * kMaxTokens> tokens{};
    int count = 0;
    for (const Char *p = b; p != e && count < kMaxTokens;) {
        const Char *start = p;
        while (p != e && !isSpace(*p))
            ++p;
        tokens[size_t(2 * count)] = start;
        tokens[size_t(2 * count + 1)] = p;
        ++count;
        p = skipSpaces(p, e);
    }
    const Char *t0 = tokens[0], *t0e = tokens[1];
    if (isProtoToken(t0, t0e)) {
        // A proto token with too few fields ("TCP" alone) is a broken row, never a -b line.
        if (count >= 3 && parseRow(tokens.data(), count, lineNumber)) {
            m_inContinuation = true;
            m_afterBlank = false;
            m_preambleLines = 0;
        } else {
            unrecognised(lineNumber);
            m_inContinuation = false;
        }
        return;
    }
    if (parsePrompt(b, e))
        return;
    bool dots = true; // "..." elision lines from pasted excerpts
    for (const Char *p = b; p != e && dots; ++p)
        dots = *p == '.' || isSpace(*p);
    if (dots)
        return;
    if (m_inContinuation && !m_afterBlank) {
        parseContinuation(tokens.data(), count, lineNumber);
        return;
    }
    if (m_afterBlank || m_preambleLines > 0) { // title and header of a table
        if (m_preambleLines == 0 && !m_rows.isEmpty())
            startTable();
        m_afterBlank = false;
        if (++m_preambleLines <= kMaxPreambleLines)
            return;
    }
    unrecognised(lineNumber);
}

// "PS C:\Users\admin> ..." or "C:\>netstat -ano": a copied console window. Only lines that
// start like a prompt are decoded, so rows never pay for this.
template<class Char>
bool NetstatParser::parsePrompt(const Char *b, const Char *e)
{
    if (e - b < 3)
        return false;
    const bool ps = b[0] == 'P' && b[1] == 'S' && b[2] == ' ';
    const bool drive
            = ((b[0] | 0x20) >= 'a' && (b[0] | 0x20) <= 'z') && b[1] == ':' && b[2] == '\\';
    if (!ps && !drive)
        return false;
    const std::optional<QString> command = promptCommand(decode(b, e));
    if (!command)
        return false;
    ++m_transcriptLines;
    beginCommand(*command);
    return true;
}

void NetstatParser::beginCommand(const QString &command)
{
    if (!command.isEmpty())
        m_commands.append(command);
    commitTable();
    m_afterBlank = true;
    m_inContinuation = false;
    m_preambleLines = 0;
}

// The previous command's output is complete (a prompt follows it): keep its last full table.
void NetstatParser::commitTable()
{
    flushComponents();
    const bool lastIncomplete = !m_previousTable.isEmpty()
                                && (m_rows.isEmpty() || m_rows.size() * 2 < m_previousTable.size());
    m_committed.append(lastIncomplete ? m_previousTable : m_rows);
    m_previousTable.clear();
    m_rows.clear();
}

// "# host: EDGE01", "# time: 2026-11-24T10:00:00Z", "# command: netstat -anob" written by
// EdgeMap's capture helpers above the netstat output.
template<class Char>
void NetstatParser::parseHeaderLine(const Char *b, const Char *e)
{
    const QString line = decode(b + 1, e).trimmed();
    const qsizetype colon = line.indexOf(QLatin1Char(':'));
    if (colon < 0) {
        if (line.startsWith(QLatin1String("edgemap-snapshot")))
            m_header.tool = line;
        return;
    }
    const QString key = line.left(colon).trimmed().toLower();
    const QString value = line.mid(colon + 1).trimmed();
    if (key == QLatin1String("host"))
        m_header.host = value;
    else if (key == QLatin1String("time"))
        m_header.time = QDateTime::fromString(value, Qt::ISODate).toUTC();
    else if (key == QLatin1String("command"))
        m_header.command = value;
}

// A Windows service's short name as -b prints it below the process ("RpcSs", "W32Time",
// "Dnscache"): ASCII. A one-word line in another script is the unknown-owner message of a
// language written without spaces ("所有者情報を取得できません"), not a service.
template<class Char>
bool isServiceName(const Char *b, const Char *e)
{
    for (; b != e; ++b)
        if (*b <= ' ' || *b >= 0x7f || *b == '[' || *b == ']')
            return false;
    return true;
}

// A token as 8-bit text: 8-bit input is used in place; UTF-16 is narrowed into `buffer` (false
// when it is not ASCII, which no address, port or English state word is).
template<class Char>
bool asciiView(const Char *b, const Char *e, char (&buffer)[80], std::string_view &out)
{
    if constexpr (std::is_same_v<Char, char>) {
        Q_UNUSED(buffer);
        out = std::string_view(b, size_t(e - b));
        return true;
    } else {
        if (!toAscii(b, e, buffer, sizeof buffer))
            return false;
        out = std::string_view(buffer, size_t(e - b));
        return true;
    }
}

template<class Char>
bool NetstatParser::parseRow(const Char *const *t, int count, int lineNumber)
{
    char localBuffer[80], remoteBuffer[80];
    std::string_view localText, remoteText;
    if (!asciiView(t[2], t[3], localBuffer, localText)
        || !asciiView(t[4], t[5], remoteBuffer, remoteText))
        return false;
    const auto l = parseEndpoint(localText);
    const auto r = parseEndpoint(remoteText);
    if (!l || !r || l->wildcard)
        return false;
    flushComponents();
    SocketRow &row = m_rows.emplace_back();
    row.transport = (t[0][0] == 'T' || t[0][0] == 't') ? Transport::Tcp : Transport::Udp;
    row.local = l->address;
    row.localPort = std::uint16_t(l->port);
    row.localIsName = l->isName;
    row.remote = r->address;
    row.remotePort = std::uint16_t(r->port);
    row.line = lineNumber;
    int rest = count - 3;
    if (rest >= 1 && isDigits(t[2 * (count - 1)], t[2 * (count - 1) + 1])
        && toNumber(t[2 * (count - 1)], t[2 * (count - 1) + 1])
                   <= std::numeric_limits<std::int32_t>::max()
        && (row.transport == Transport::Udp || rest >= 2)) {
        row.pid = int(toNumber(t[2 * (count - 1)], t[2 * (count - 1) + 1]));
        m_sawPids = true;
        --rest;
    }
    if (row.transport == Transport::Udp) {
        if (rest > 0) { // UDP rows have no state
            m_rows.removeLast();
            return false;
        }
        m_sawUdp = true;
        return true;
    }
    m_sawTcp = true;
    const bool wildcardRemote = !r->isName && row.remote.isUnspecified() && r->port == 0;
    char word[40];
    if (wildcardRemote) {
        row.state = TcpState::Listen;
    } else if (rest == 1 && toAscii(t[6], t[7], word, sizeof word)) {
        const std::string_view text(word, size_t(t[7] - t[6]));
        row.state = stateFromWord(text); // netstat prints upper case; try that first
        if (row.state == TcpState::Unknown && toAscii(t[6], t[7], word, sizeof word, true))
            row.state = stateFromWord(text);
    } else {
        row.state = TcpState::Unknown;
    }
    return true;
}

template<class Char>
void NetstatParser::parseContinuation(const Char *const *t, int count, int lineNumber)
{
    Q_UNUSED(lineNumber);
    if (m_rows.isEmpty())
        return;
    SocketRow &row = m_rows.last();
    m_sawBLines = true;
    const Char *b = t[0], *e = t[2 * count - 1];
    if (count >= 1 && *b == '[' && e[-1] == ']') { // "[svchost.exe]"
        row.process = internName(b + 1, e - 1);
        return;
    }
    if (count == 1 && isServiceName(b, e)) { // a service in the process: "RpcSs", "TermService"
        // Joined when the row's -b lines end (flushComponents): interning every intermediate
        // join made a row with 30,000 service lines quadratic in time and memory.
        const qsizetype rowIndex = m_rows.size() - 1;
        if (m_pendingRow != rowIndex) {
            flushComponents();
            m_pendingRow = rowIndex;
        }
        if (m_pendingComponents.size() < kMaxComponentChars) {
            if (!m_pendingComponents.isEmpty())
                m_pendingComponents += QStringLiteral(", ");
            m_pendingComponents += decode(b, e);
        } else if (!m_pendingComponents.endsWith(u'…')) {
            m_pendingComponents += QStringLiteral(", …");
        }
    }
    // Otherwise "Can not obtain ownership information" in the capture's language, or
    // "-- unknown component(s) --": the owner is unknown, which the row already says.
}

template<class Char>
QString NetstatParser::decode(const Char *b, const Char *e) const
{
    if constexpr (std::is_same_v<Char, char16_t>) {
        return QString(reinterpret_cast<const QChar *>(b), e - b);
    } else {
        return decodeCodePage(b, e, m_codePage);
    }
}

void NetstatParser::flushComponents()
{
    if (m_pendingRow >= 0 && m_pendingRow < m_rows.size())
        m_rows[m_pendingRow].components = intern(m_pendingComponents);
    m_pendingRow = -1;
    m_pendingComponents.clear();
}

// A process name from its bytes: the same bytes are decoded and interned once (a busy Edge has
// hundreds of thousands of "[RTCSrv.exe]" lines and a handful of names). Control characters
// (a NUL in a damaged file) become U+FFFD rather than staying in a name that is shown.
template<class Char>
int NetstatParser::internName(const Char *b, const Char *e)
{
    const std::string_view key(reinterpret_cast<const char *>(b), size_t(e - b) * sizeof(Char));
    if (m_lastName >= 0 && key == m_lastNameKey) // rows of one process come in runs
        return m_lastName;
    if (const auto it = m_nameIndex.find(key); it != m_nameIndex.end()) {
        m_lastNameKey = it->first;
        m_lastName = it->second;
        return it->second;
    }
    QString name = decode(b, e);
    for (QChar &c : name)
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            c = QChar::ReplacementCharacter;
    const int index = intern(name);
    m_lastNameKey = m_nameIndex.emplace(std::string(key), index).first->first;
    m_lastName = index;
    return index;
}

int NetstatParser::intern(const QString &text)
{
    const auto it = m_stringIndex.constFind(text);
    if (it != m_stringIndex.cend())
        return it.value();
    const int index = int(m_strings.size());
    m_strings.append(text);
    m_stringIndex.insert(text, index);
    return index;
}

void NetstatParser::startTable()
{
    flushComponents();
    m_previousTable = std::move(m_rows);
    m_rows = QList<SocketRow>();
    m_rows.reserve(m_previousTable.size());
    ++m_tables;
}

Snapshot NetstatParser::finish(bool endedWithNewline)
{
    flushComponents();
    Snapshot s;
    // netstat -ano 5 repeats the table; the last one may have been cut off by Ctrl+C. Use the
    // last table unless it is visibly incomplete (no final newline, or under half the previous).
    const bool lastIncomplete = !m_previousTable.isEmpty()
                                && (m_rows.isEmpty() || !endedWithNewline
                                    || m_rows.size() * 2 < m_previousTable.size());
    s.rows = lastIncomplete ? std::move(m_previousTable) : std::move(m_rows);
    if (!m_committed.isEmpty()) {
        m_committed.append(s.rows);
        s.rows = std::move(m_committed);
    }
    s.transcriptLines = m_transcriptLines;
    s.commands = m_commands;
    s.tables = m_tables + 1;
    s.strings = std::move(m_strings);
    s.unrecognisedLines = m_unrecognised;
    s.firstUnrecognisedLine = m_firstUnrecognised;
    s.hasPids = m_sawPids;
    s.hasProcesses = m_sawBLines;
    s.hasUdp = m_sawUdp;
    s.hasTcp = m_sawTcp;
    s.format = m_sawBLines ? QStringLiteral("netstat-b") : QStringLiteral("netstat");
    s.header = m_header;
    return s;
}

} // namespace edgemap
