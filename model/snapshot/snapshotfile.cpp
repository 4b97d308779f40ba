#include "snapshot/snapshotfile.h"

#include "snapshot/codepage.h"
#include "snapshot/netstatparser.h"
#include "snapshot/powershellsnapshot.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QStringDecoder>

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>

namespace edgemap::snapshotfile {

namespace {

constexpr qint64 kChunkBytes = 1024 * 1024;
// The start of a file that decides what it is (guessCodePage reads 256 KiB of it).
constexpr qint64 kHeadBytes = 256 * 1024;
// Rows reserved up front at most (the list still grows past it).
constexpr qsizetype kMaxReservedRows = 8'000'000;
// Rows that may be reserved whatever the rows seen so far say (32 MB of them): address space,
// not memory, until they are filled.
constexpr qsizetype kFreeReservedRows = 32 * 1024 * 1024 / qsizetype(sizeof(SocketRow));

enum class Encoding { Utf16LE, Utf16BE, Utf8Bom, Bytes };

struct Detected
{
    Encoding encoding = Encoding::Bytes;
    int bomBytes = 0;
    // For 8-bit text (Utf8Bom, Bytes): what the bytes are, and whether the text had to tell.
    CodePage page = CodePage::Utf8;
    bool guessed = false;
};

Detected detectEncoding(const QByteArray &head)
{
    const auto *p = reinterpret_cast<const unsigned char *>(head.constData());
    const qsizetype n = head.size();
    if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE)
        return {Encoding::Utf16LE, 2};
    if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF)
        return {Encoding::Utf16BE, 2};
    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
        return {Encoding::Utf8Bom, 3};
    // UTF-16 without a BOM: ASCII text has a zero in every other byte.
    qsizetype evenZeros = 0, oddZeros = 0;
    const qsizetype probe = std::min<qsizetype>(n, 4096) & ~qsizetype(1);
    for (qsizetype i = 0; i < probe; i += 2) {
        evenZeros += p[i] == 0;
        oddZeros += p[i + 1] == 0;
    }
    if (probe >= 8 && oddZeros * 10 > probe * 4 && evenZeros * 20 < probe)
        return {Encoding::Utf16LE, 0};
    if (probe >= 8 && evenZeros * 10 > probe * 4 && oddZeros * 20 < probe)
        return {Encoding::Utf16BE, 0};
    return {Encoding::Bytes, 0};
}

bool validUtf8(const QByteArray &bytes)
{
    if (std::all_of(bytes.cbegin(), bytes.cend(), [](char c) { return (c & 0x80) == 0; }))
        return true; // ASCII, the usual case: no need to decode

    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    // A multi-byte sequence cut at the end of the sample is not an error.
    const qsizetype cut = std::max<qsizetype>(0, bytes.size() - 4);
    qsizetype end = bytes.size();
    while (end > cut && (static_cast<unsigned char>(bytes[end - 1]) & 0xC0) == 0x80)
        --end;
    if (end > cut && static_cast<unsigned char>(bytes[end - 1]) >= 0xC0)
        --end;
    // decode() is lazy: only converting its result to a QString decodes (and sets hasError).
    const QString decoded = decoder.decode(QByteArrayView(bytes.constData(), end));
    Q_UNUSED(decoded);
    return !decoder.hasError();
}

QString decodeHead(const QByteArray &head, const Detected &detected)
{
    switch (detected.encoding) {
    case Encoding::Utf16LE:
        return QStringDecoder(QStringDecoder::Utf16LE).decode(head);
    case Encoding::Utf16BE:
        return QStringDecoder(QStringDecoder::Utf16BE).decode(head);
    case Encoding::Utf8Bom:
    case Encoding::Bytes:
        return decodeCodePage(head.cbegin(), head.cend(), detected.page);
    }
    return {};
}

bool isStructured(const QString &head)
{
    const QString text = head.trimmed();
    if (text.startsWith(QLatin1Char('[')) || text.startsWith(QLatin1Char('{'))
        || text.startsWith(QLatin1String("#TYPE")))
        return true;
    const QString firstLine = text.section(QLatin1Char('\n'), 0, 0);
    return firstLine.contains(QLatin1String("LocalAddress"));
}

QString encodingName(const Detected &detected)
{
    switch (detected.encoding) {
    case Encoding::Utf16LE:
        return QStringLiteral("utf-16le");
    case Encoding::Utf16BE:
        return QStringLiteral("utf-16be");
    case Encoding::Utf8Bom:
        return detected.page == CodePage::Utf8
                       ? QStringLiteral("utf-8-bom")
                       : codePageName(detected.page)
                                 .replace(QLatin1String("utf-8"), QLatin1String("utf-8-bom"));
    case Encoding::Bytes:
        return codePageName(detected.page);
    }
    return {};
}

const char *findUnit(const char *p, const char *end, char unit)
{
    const void *hit = std::memchr(p, unit, size_t(end - p));
    return hit ? static_cast<const char *>(hit) : end;
}

// std::find on 16-bit units is a scalar loop; memchr is vectorised. The unit's low byte is
// searched and each hit checked to be the whole unit (a CJK character may hold that byte).
const char16_t *findUnit(const char16_t *p, const char16_t *end, char16_t unit)
{
    if constexpr (std::endian::native != std::endian::little) {
        return std::find(p, end, unit);
    } else {
        const auto *base = reinterpret_cast<const unsigned char *>(p);
        const auto *b = base;
        const auto *e = reinterpret_cast<const unsigned char *>(end);
        while (b < e) {
            const auto *hit = static_cast<const unsigned char *>(
                    std::memchr(b, unit & 0xff, size_t(e - b)));
            if (!hit)
                return end;
            const std::ptrdiff_t offset = hit - base;
            if (offset % 2 == 0 && p[offset / 2] == unit)
                return p + offset / 2;
            b = hit + 1;
        }
        return end;
    }
}

// Splits a stream of code units into lines and hands them to the parser; keeps no more than one
// partial line between chunks, and skips (and counts) lines longer than kMaxLineBytes.
//
// Line ends: LF, CRLF, a run of CRs before LF (CR CR LF: text converted to CRLF twice) and a
// bare CR (Windows service logs). The next LF and the next CR are each found once per chunk
// position with a vectorised scan, so a file without LF costs no more than one with it. A CR run
// at the end of a chunk is decided when the next chunk shows what follows it.
template<class Char>
class LineFeeder
{
public:
    explicit LineFeeder(NetstatParser &parser)
        : m_parser(parser)
    {}

    // Returns how many units of `data` were consumed; the rest is a partial line to carry.
    qsizetype feed(const Char *data, qsizetype n, bool final)
    {
        const Char *p = data, *end = data + n;
        const Char *nextLf = data, *nextCr = data;
        bool lfValid = false, crValid = false;
        while (p != end) {
            if (!lfValid || nextLf < p)
                nextLf = findUnit(p, end, Char('\n')), lfValid = true;
            if (!crValid || nextCr < p)
                nextCr = findUnit(p, end, Char('\r')), crValid = true;
            const Char *eol = std::min(nextLf, nextCr);
            if (eol == end)
                break;
            const Char *next = eol + 1;
            int extraBlank = 0;
            if (*eol == '\r') {
                const Char *q = eol;
                while (q != end && *q == '\r')
                    ++q;
                if (q == end && !final)
                    break; // an LF may follow in the next chunk
                if (q != end && *q == '\n') {
                    ++m_styles[q - eol == 1 ? kCrLf : kCrCrLf];
                    next = q + 1;
                } else { // each bare CR ends a line; CR CR is a blank line
                    m_styles[kCr] += int(q - eol);
                    extraBlank = int(q - eol) - 1;
                    next = q;
                }
            } else {
                ++m_styles[kLf];
            }
            emitLine(p, eol);
            for (int i = 0; i < extraBlank; ++i)
                emitLine(eol, eol);
            p = next;
        }
        if (final && p != end) {
            if (!m_skipping && !tooLong(p, end))
                m_parser.addLine(p, end, m_line);
            else
                m_parser.addOverlongLine(m_line);
            m_endedWithNewline = false;
            return n;
        }
        if (final && m_skipping)
            m_parser.addOverlongLine(m_line);
        if (tooLong(p, end)) {
            m_skipping = true; // drop the partial line; count it when its end arrives
            return n;
        }
        return p - data;
    }

    // The same limit whether a line ends inside the chunk, at the end of the data or later.
    static bool tooLong(const Char *b, const Char *e)
    {
        return (e - b) * qsizetype(sizeof(Char)) > kMaxLineBytes;
    }

    bool endedWithNewline() const { return m_endedWithNewline; }

    // "lf", "crlf", "cr", "cr-cr-lf", or "mixed (...)" naming each style seen.
    QString lineEnds() const
    {
        static const char *const kNames[] = {"lf", "crlf", "cr-cr-lf", "cr"};
        QStringList seen;
        for (int i = 0; i < kStyles; ++i)
            if (m_styles[i] > 0)
                seen.append(QLatin1String(kNames[i]));
        if (seen.size() <= 1)
            return seen.isEmpty() ? QString() : seen.constFirst();
        return QStringLiteral("mixed (%1)").arg(seen.join(QStringLiteral(", ")));
    }

private:
    enum Style { kLf, kCrLf, kCrCrLf, kCr, kStyles };

    void emitLine(const Char *b, const Char *e)
    {
        if (m_skipping || tooLong(b, e)) {
            m_skipping = false;
            m_parser.addOverlongLine(m_line);
        } else {
            m_parser.addLine(b, e, m_line);
        }
        if (m_line < std::numeric_limits<int>::max()) // line numbers past 2^31-1 stay there
            ++m_line;
    }

    NetstatParser &m_parser;
    int m_line = 1;
    bool m_skipping = false;
    bool m_endedWithNewline = true;
    int m_styles[kStyles] = {};
};

// How much to read next: a chunk, or what is left of a device of known size (a 2 KB snapshot
// on the clipboard does not allocate 4 MB); at least 1 so that the end is a read of nothing.
qint64 nextReadSize(const QIODevice &device)
{
    if (device.isSequential() || device.size() == 0) // a pipe; a /proc file states no size
        return kChunkBytes;
    return std::clamp<qint64>(device.size() - device.pos(), 1, kChunkBytes);
}

void swapBytes(char *data, qsizetype n)
{
    for (qsizetype i = 0; i + 1 < n; i += 2)
        std::swap(data[i], data[i + 1]);
}

ReadResult streamNetstat(QIODevice &device, const QString &label, QByteArray head,
                         const Detected &detected, const Progress &progress)
{
    NetstatParser parser;
    parser.setCodePage(detected.page);
    const bool wide
            = detected.encoding == Encoding::Utf16LE || detected.encoding == Encoding::Utf16BE;
    const qint64 total = device.size();
    qsizetype reserved = 0; // rows
    LineFeeder<char16_t> wideFeeder(parser);
    LineFeeder<char> byteFeeder(parser);

    // One buffer for the whole read: a chunk plus the partial line carried to the next one. It
    // is allocated once (a fresh 4 MB allocation per chunk cost a page fault per 4 KB), and the
    // carry is moved to its front. A file smaller than a chunk (or a capture in memory) gets a
    // buffer of its own size: a small input must not cost 4 MB of fresh pages.
    QByteArray buffer;
    qsizetype capacity = kChunkBytes + kMaxLineBytes + 64;
    if (!device.isSequential() && device.size() > 0)
        capacity = std::min<qsizetype>(capacity, head.size() + device.size() - device.pos() + 64);
    buffer.reserve(std::max<qsizetype>(capacity, head.size()) + 1);
    buffer.append(head.constData() + detected.bomBytes, head.size() - detected.bomBytes);
    head = QByteArray();
    qint64 done = detected.bomBytes + buffer.size();
    const auto dropFront = [&buffer](qsizetype n) {
        std::memmove(buffer.data(), buffer.constData() + n, size_t(buffer.size() - n));
        buffer.resize(buffer.size() - n);
    };
    bool oddByte = false;
    // The end is where a read returns nothing, not where size() says: a pipe or a /proc file
    // has no size, and stopping at its first chunk would drop the rest without a word.
    bool final = false;
    const auto readMore = [&](qint64 limit) {
        const qsizetype carry = buffer.size();
        const qint64 want = std::min(nextReadSize(device), std::max<qint64>(limit, 1));
        buffer.resize(carry + want); // within the capacity reserved above
        const qint64 got = device.read(buffer.data() + carry, want);
        if (got < 0)
            return false;
        buffer.resize(carry + got);
        done += got;
        final = got == 0;
        return true;
    };
    const auto readError = [&] {
        return ReadResult{
                std::nullopt,
                Error::inFile(label, QStringLiteral("read error: %1").arg(device.errorString()))};
    };
    // The head holds what detection needed: the first chunk is filled before it is parsed, so
    // that the row estimate below is made from megabytes of rows.
    if (buffer.size() < kChunkBytes && !readMore(kChunkBytes - buffer.size()))
        return readError();
    while (true) {
        qsizetype usable = buffer.size();
        if (wide) {
            usable &= ~qsizetype(1);
            if (final && usable != buffer.size())
                oddByte = true; // truncated UTF-16: the last byte is half a character
            if (detected.encoding == Encoding::Utf16BE)
                swapBytes(buffer.data(), usable);
            const qsizetype units = wideFeeder.feed(
                    reinterpret_cast<const char16_t *>(buffer.constData()), usable / 2, final);
            if (detected.encoding == Encoding::Utf16BE)
                swapBytes(buffer.data() + units * 2, usable - units * 2); // carry stays raw
            dropFront(final ? buffer.size() : units * 2);
        } else {
            dropFront(byteFeeder.feed(buffer.constData(), usable, final));
        }
        const qsizetype rows = parser.rowCount();
        // Rows still to come, from the density seen so far (a file that grows while it is read
        // may have more, and the list then grows as lists do); a pipe (no size) may hold as
        // many again.
        const double remaining = total > 0
                                         ? double(rows) / double(std::max<qint64>(done, 1))
                                                   * double(std::max<qint64>(total - done, 0)) * 1.1
                                         : double(rows);
        if (!final && rows > 0 && double(rows) + remaining > double(reserved)) {
            // Reserve for the whole capture, so a million-row capture is copied once or twice
            // while it grows, not at every doubling. Never more than 16 times the rows seen
            // (or 32 MB), so a file of rows and then a hole (or junk) cannot ask for gigabytes
            // up front.
            reserved = qsizetype(std::min({double(rows) + remaining,
                                           std::max(double(rows) * 16.0, double(kFreeReservedRows)),
                                           double(std::max(kMaxReservedRows, rows))}));
            parser.reserve(reserved);
        }
        if (progress && !progress(done, std::max(total, done)))
            return {std::nullopt, Error::inFile(label, QStringLiteral("cancelled")), true};
        if (final)
            break;
        if (done > kMaxStreamedBytes)
            return {std::nullopt,
                    Error::inFile(
                            label,
                            QStringLiteral(
                                    "more than %1 MB of text: larger than any netstat capture "
                                    "EdgeMap reads")
                                    .arg(kMaxStreamedBytes / (1024 * 1024)))};
        if (!readMore(kChunkBytes))
            return readError();
    }
    const bool endedWithNewline
            = wide ? wideFeeder.endedWithNewline() : byteFeeder.endedWithNewline();
    Snapshot s = parser.finish(endedWithNewline);
    s.encoding = encodingName(detected);
    s.lineEnds = wide ? wideFeeder.lineEnds() : byteFeeder.lineEnds();
    if (oddByte)
        ++s.unrecognisedLines;
    return {std::move(s), {}};
}

// The line-end style of in-memory text, named like LineFeeder::lineEnds().
QString describeLineEnds(const QString &text)
{
    int lf = 0, crlf = 0, crcrlf = 0, cr = 0;
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        if (text.at(i) == u'\n') {
            ++lf;
        } else if (text.at(i) == u'\r') {
            qsizetype q = i;
            while (q < n && text.at(q) == u'\r')
                ++q;
            if (q < n && text.at(q) == u'\n')
                ++(q - i == 1 ? crlf : crcrlf);
            else
                cr += int(q - i);
            i = q < n && text.at(q) == u'\n' ? q : q - 1;
        }
    }
    QStringList seen;
    const std::pair<int, const char *> styles[]
            = {{lf, "lf"}, {crlf, "crlf"}, {crcrlf, "cr-cr-lf"}, {cr, "cr"}};
    for (const auto &[count, name] : styles)
        if (count > 0)
            seen.append(QLatin1String(name));
    if (seen.size() <= 1)
        return seen.isEmpty() ? QString() : seen.constFirst();
    return QStringLiteral("mixed (%1)").arg(seen.join(QStringLiteral(", ")));
}

// The rest of the device after `bytes`, up to kMaxStructuredBytes in all; false when there is
// more. Reads until a read returns nothing, whatever size() says (0 for a pipe).
bool readRestBounded(QIODevice &device, QByteArray &bytes)
{
    while (bytes.size() <= kMaxStructuredBytes) {
        const qsizetype want = qsizetype(
                std::min<qint64>(nextReadSize(device), kMaxStructuredBytes + 1 - bytes.size()));
        const qsizetype at = bytes.size();
        bytes.resize(at + want);
        const qint64 got = device.read(bytes.data() + at, want);
        bytes.resize(at + std::max<qint64>(got, 0));
        if (got <= 0)
            return true;
    }
    return false;
}

Error tooLarge(const QString &label, const QString &what)
{
    return Error::inFile(label, QStringLiteral("%1 larger than %2 MB is more than EdgeMap reads")
                                        .arg(what)
                                        .arg(kMaxStructuredBytes / (1024 * 1024)));
}

ReadResult readStructured(QIODevice &device, const QString &label, QByteArray bytes,
                          const Detected &detected)
{
    if (!readRestBounded(device, bytes))
        return {std::nullopt, tooLarge(label, QStringLiteral("a PowerShell export"))};
    bytes.remove(0, detected.bomBytes);
    const QString text = decodeHead(bytes, detected);
    bytes = QByteArray(); // the text is all that is read from now on
    ReadResult r;
    Snapshot s;
    r.error = powershell::parse(text, label, s);
    if (!r.error.isError()) {
        s.encoding = encodingName(detected);
        s.lineEnds = describeLineEnds(text);
        r.snapshot = std::move(s);
    }
    return r;
}

// The filter of the first echoed command that has one, else of the "# command:" header.
QString filterOfCapture(const Snapshot &s)
{
    for (const QString &command : s.commands)
        if (const QString filter = filterOf(command); !filter.isEmpty())
            return filter;
    return filterOf(s.header.command);
}

bool isPowerShellCommand(const QString &command)
{
    return command.contains(QLatin1String("Get-NetTCPConnection"), Qt::CaseInsensitive)
           || command.contains(QLatin1String("Get-NetUDPEndpoint"), Qt::CaseInsensitive);
}

// A console transcript with a PowerShell command in it: the netstat reader cannot stream it.
bool isPowerShellTranscript(const QString &head)
{
    for (const QStringView line : powershell::splitLines(head))
        if (const auto command = promptCommand(line); command && isPowerShellCommand(*command))
            return true;
    return false;
}

// Adds `from`'s rows to `into`, re-interning names; `lineOffset` makes segment lines file lines.
void mergeInto(Snapshot &into, Snapshot &&from, int lineOffset)
{
    QHash<QString, int> index;
    for (qsizetype i = 0; i < into.strings.size(); ++i)
        index.insert(into.strings.at(i), int(i));
    const auto remap = [&](std::int32_t &i) {
        if (i < 0)
            return;
        const QString &text = from.strings.at(i);
        auto it = index.constFind(text);
        if (it == index.cend()) {
            into.strings.append(text);
            it = index.insert(text, int(into.strings.size() - 1));
        }
        i = it.value();
    };
    for (SocketRow row : std::as_const(from.rows)) {
        row.line += lineOffset;
        remap(row.process);
        remap(row.components);
        into.rows.append(row);
    }
    if (from.unrecognisedLines > 0 && into.unrecognisedLines == 0)
        into.firstUnrecognisedLine = from.firstUnrecognisedLine + lineOffset;
    into.unrecognisedLines += from.unrecognisedLines;
    into.hasPids = into.hasPids || from.hasPids;
    into.hasProcesses = into.hasProcesses || from.hasProcesses;
    into.hasUdp = into.hasUdp || from.hasUdp;
    into.hasTcp = into.hasTcp || from.hasTcp;
}

// A copied console window with PowerShell output: split at each prompt line and read each
// command's output with the reader the command names, netstat output through one parser (so
// `netstat -ano 5` repeats still work), then merge the rows.
ReadResult readTranscript(QIODevice &device, const QString &label, QByteArray bytes,
                          const Detected &detected)
{
    if (!readRestBounded(device, bytes))
        return {std::nullopt, tooLarge(label, QStringLiteral("a console transcript"))};
    bytes.remove(0, detected.bomBytes);
    const QString text = decodeHead(bytes, detected);
    const QList<QStringView> lines = powershell::splitLines(text);
    NetstatParser parser;
    QList<std::pair<Snapshot, int>> tables; // PowerShell segments and their first line - 1
    QStringList commands, formats;
    int prompts = 0;
    const auto flush = [&](const QString &command, qsizetype from, qsizetype to) {
        QString joined;
        for (qsizetype i = from; i < to; ++i) {
            if (i > from)
                joined += QLatin1Char('\n');
            joined += lines.at(i);
        }
        if (joined.trimmed().isEmpty() && !isPowerShellCommand(command))
            return;
        if (isPowerShellCommand(command)
            || (!command.contains(QLatin1String("netstat"), Qt::CaseInsensitive)
                && isStructured(joined))) {
            Snapshot part;
            if (!joined.trimmed().isEmpty() && !powershell::parse(joined, label, part).isError()) {
                formats.append(part.format);
                tables.append({std::move(part), int(from)});
            } else if (!joined.trimmed().isEmpty()) {
                part.unrecognisedLines = int(to - from);
                part.firstUnrecognisedLine = 1;
                tables.append({std::move(part), int(from)});
            }
            return;
        }
        parser.beginCommand(QString());
        for (qsizetype i = from; i < to; ++i) {
            const QStringView line = lines.at(i);
            const auto *b = reinterpret_cast<const char16_t *>(line.utf16());
            parser.addLine(b, b + line.size(), int(i) + 1);
        }
    };
    QString command;
    qsizetype start = 0;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const auto next = promptCommand(lines.at(i));
        if (!next)
            continue;
        flush(command, start, i);
        ++prompts;
        command = *next;
        if (!command.isEmpty())
            commands.append(command);
        start = i + 1;
    }
    flush(command, start, lines.size());
    Snapshot s = parser.finish(true);
    if (!s.rows.isEmpty())
        formats.prepend(s.format);
    for (auto &[part, offset] : tables)
        mergeInto(s, std::move(part), offset);
    formats.removeDuplicates();
    s.format = formats.isEmpty() ? QStringLiteral("transcript") : formats.join(QLatin1Char('+'));
    s.encoding = encodingName(detected);
    s.lineEnds = describeLineEnds(text);
    s.transcriptLines = prompts;
    s.commands = commands;
    return {std::move(s), {}};
}

Error noRows(const QString &label, const Snapshot &s)
{
    QString message = QStringLiteral(
            "no netstat or PowerShell socket rows found: expected netstat -ano / -anob output "
            "(lines like 'TCP  172.25.33.10:5061  0.0.0.0:0  LISTENING  2216'), or "
            "Get-NetTCPConnection / Get-NetUDPEndpoint output");
    if (s.unrecognisedLines > 0)
        message += QStringLiteral(" (%1 unrecognised lines, the first at line %2)")
                           .arg(s.unrecognisedLines)
                           .arg(s.firstUnrecognisedLine);
    return Error::at(label, s.firstUnrecognisedLine, 0, message);
}

} // namespace

ReadResult read(QIODevice &device, const QString &label, const Progress &progress)
{
    // What detection reads: the encoding, the code page, the kind of capture.
    QByteArray head = device.read(std::min(nextReadSize(device), kHeadBytes));
    if (head.isEmpty() && !device.atEnd())
        return {std::nullopt,
                Error::inFile(label, QStringLiteral("read error: %1").arg(device.errorString()))};
    if (head.trimmed().isEmpty() && device.atEnd())
        return {std::nullopt, Error::inFile(label, QStringLiteral("the snapshot is empty"))};
    Detected detected = detectEncoding(head);
    if (detected.encoding == Encoding::Bytes || detected.encoding == Encoding::Utf8Bom) {
        const QByteArray text = head.mid(detected.bomBytes);
        const CodePageGuess guess
                = guessCodePage(text, detected.encoding == Encoding::Utf8Bom || validUtf8(text));
        detected.page = guess.page;
        detected.guessed = guess.guessed;
    }
    const QString headText = decodeHead(head.left(64 * 1024).mid(detected.bomBytes), detected);
    ReadResult r = isPowerShellTranscript(headText)
                           ? readTranscript(device, label, std::move(head), detected)
                   : isStructured(headText)
                           ? readStructured(device, label, std::move(head), detected)
                           : streamNetstat(device, label, std::move(head), detected, progress);
    if (r.ok())
        r.snapshot->encodingGuessed = detected.guessed;
    if (r.ok() && r.snapshot->rows.isEmpty())
        return {std::nullopt, noRows(label, *r.snapshot)};
    if (r.ok())
        r.snapshot->filter = filterOfCapture(*r.snapshot);
    return r;
}

ReadResult load(const QString &path, const Progress &progress)
{
    // Opening a named pipe blocks until a writer comes, and a device never ends: only regular
    // files are snapshots (a /proc-like file of no stated size is still read to its end).
    const QFileInfo info(path);
    if (info.exists() && info.isDir())
        return {std::nullopt,
                Error::inFile(path, QStringLiteral("is a folder, not a snapshot file"))};
    if (info.exists() && !info.isFile())
        return {std::nullopt,
                Error::inFile(
                        path,
                        QStringLiteral(
                                "is not a regular file (a named pipe, socket or device): save "
                                "the capture to a file and open that"))};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {std::nullopt,
                Error::inFile(path, QStringLiteral("cannot open: %1").arg(file.errorString()))};
    return read(file, path, progress);
}

ReadResult parse(const QByteArray &bytes, const QString &label)
{
    QByteArray copy = bytes;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    return read(buffer, label);
}

} // namespace edgemap::snapshotfile
