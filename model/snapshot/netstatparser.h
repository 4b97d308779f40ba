#pragma once

#include "snapshot/codepage.h"
#include "snapshot/snapshot.h"

#include <QHash>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace edgemap {

// Incremental parser for `netstat` text in every variant admins produce: -an, -ano, -anob, -abn
// (any switch order), localized titles, headers and state words, IPv4/IPv6, resolved names,
// Select-String "> " prefixes, "..." elision lines and repeated tables (netstat -ano 5).
//
// It never keys on English words: a row is a line whose first token is TCP/UDP (TCPv6/UDPv6)
// followed by address:port tokens; a TCP listener is a row whose foreign address is the wildcard
// (0.0.0.0:0, [::]:0). Lines that follow a row without a blank line are -b ownership lines.
//
// Feed it whole lines (without the line terminator) in order; it works on 8-bit text (ASCII,
// UTF-8, OEM code pages) or on UTF-16 code units without converting lines to QString.
class NetstatParser
{
public:
    NetstatParser();
    NetstatParser(const NetstatParser &) = delete; // m_lastNameKey points into m_nameIndex
    NetstatParser &operator=(const NetstatParser &) = delete;

    // How 8-bit lines are decoded where text is kept (-b names, headers, prompts).
    void setCodePage(CodePage page) { m_codePage = page; }
    void reserve(qsizetype rows);

    void addLine(const char *begin, const char *end, int lineNumber);
    void addLine(const char16_t *begin, const char16_t *end, int lineNumber);
    // A line that was cut because it was too long: counted as unrecognised.
    void addOverlongLine(int lineNumber);
    // A console prompt echoed `command` (a transcript): the rows so far are kept (the last
    // complete table of the previous command) and the next command's rows are added to them.
    // Prompt lines fed to addLine are recognised and handled the same way.
    void beginCommand(const QString &command);

    // Moves the result out: the last complete table (see tables), with counts.
    Snapshot finish(bool endedWithNewline);

    qsizetype rowCount() const { return m_rows.size(); }

private:
    template<class Char>
    void parseLine(const Char *begin, const Char *end, int lineNumber);
    template<class Char>
    bool parseRow(const Char *const *tokens, int count, int lineNumber);
    template<class Char>
    void parseHeaderLine(const Char *begin, const Char *end);
    template<class Char>
    void parseContinuation(const Char *const *tokens, int count, int lineNumber);
    template<class Char>
    QString decode(const Char *begin, const Char *end) const;
    int intern(const QString &text);
    template<class Char>
    int internName(const Char *begin, const Char *end);
    void flushComponents();
    void startTable();
    void commitTable();
    template<class Char>
    bool parsePrompt(const Char *begin, const Char *end);
    void unrecognised(int lineNumber);

    CodePage m_codePage = CodePage::Utf8;
    std::vector<char> m_narrow; // an ASCII line of UTF-16 input, narrowed
    QList<SocketRow> m_rows;
    QList<SocketRow> m_previousTable;
    QList<SocketRow> m_committed; // rows of earlier commands of a transcript
    QStringList m_commands;
    int m_transcriptLines = 0;
    QStringList m_strings;
    QHash<QString, int> m_stringIndex;
    // Process names by their undecoded code units.
    struct RawHash
    {
        using is_transparent = void;
        size_t operator()(std::string_view v) const { return std::hash<std::string_view>{}(v); }
    };
    std::unordered_map<std::string, int, RawHash, std::equal_to<>> m_nameIndex;
    std::string_view m_lastNameKey; // a key of m_nameIndex (node keys do not move)
    int m_lastName = -1;
    // The service lines of the row at m_pendingRow, joined once the row's -b lines end.
    qsizetype m_pendingRow = -1;
    QString m_pendingComponents;
    int m_tables = 0;
    int m_unrecognised = 0;
    int m_firstUnrecognised = 0;
    int m_preambleLines = 0;       // non-row lines since the last blank line, before a row
    bool m_afterBlank = true;      // at file start or after a blank line
    bool m_inContinuation = false; // the previous line was a row or one of its -b lines
    bool m_sawBLines = false;
    bool m_sawPids = false;
    bool m_sawUdp = false;
    bool m_sawTcp = false;
    SnapshotHeader m_header;
};

} // namespace edgemap
