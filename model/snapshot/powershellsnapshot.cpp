#include "snapshot/powershellsnapshot.h"

#include "io/jsonnesting.h"

#include <QHash>

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <vector>

namespace edgemap::powershell {

namespace {

using json = nlohmann::json;

// One object of the listing, whatever format it came in: property name -> text value.
struct Record
{
    QHash<QString, QString> values;
    int line = 0;
    QString pointer;      // JSON pointer of the object, for JSON input (which has no lines here)
    bool udpHint = false; // from the CSV #TYPE line or the EdgeMap "udp" array
};

// Each record is converted as soon as it is read (PowerShellReader::add): holding them all
// took more memory than the rows by an order of magnitude.
using RecordSink = std::function<void(const Record &)>;

// A Get-NetTCPConnection table has a dozen columns even with Format-Table *; a dash line with
// more is not a header (and would cost a value per column for every line that follows).
constexpr qsizetype kMaxTableColumns = 64;

std::optional<TcpState> stateFrom(const QString &text)
{
    bool numeric = false;
    const int n = text.toInt(&numeric);
    if (numeric) {
        static constexpr TcpState kMib[]
                = {TcpState::Unknown,  TcpState::Closed,      TcpState::Listen,
                   TcpState::SynSent,  TcpState::SynReceived, TcpState::Established,
                   TcpState::FinWait1, TcpState::FinWait2,    TcpState::CloseWait,
                   TcpState::Closing,  TcpState::LastAck,     TcpState::TimeWait,
                   TcpState::DeleteTcb};
        if (n >= 1 && n <= 12)
            return kMib[n];
        return n == 100 ? TcpState::Bound : TcpState::Unknown;
    }
    static const QHash<QString, TcpState> kNames{
            {QStringLiteral("closed"), TcpState::Closed},
            {QStringLiteral("listen"), TcpState::Listen},
            {QStringLiteral("synsent"), TcpState::SynSent},
            {QStringLiteral("synreceived"), TcpState::SynReceived},
            {QStringLiteral("established"), TcpState::Established},
            {QStringLiteral("finwait1"), TcpState::FinWait1},
            {QStringLiteral("finwait2"), TcpState::FinWait2},
            {QStringLiteral("closewait"), TcpState::CloseWait},
            {QStringLiteral("closing"), TcpState::Closing},
            {QStringLiteral("lastack"), TcpState::LastAck},
            {QStringLiteral("timewait"), TcpState::TimeWait},
            {QStringLiteral("deletetcb"), TcpState::DeleteTcb},
            {QStringLiteral("bound"), TcpState::Bound}};
    return kNames.value(text.trimmed().toLower(), TcpState::Unknown);
}

int intern(Snapshot &s, QHash<QString, int> &index, const QString &text)
{
    if (text.isEmpty())
        return -1;
    auto it = index.constFind(text);
    if (it != index.cend())
        return it.value();
    s.strings.append(text);
    index.insert(text, int(s.strings.size() - 1));
    return int(s.strings.size() - 1);
}

// Converts one record; an error names the record's line and the bad value.
Error addRecord(const Record &r, const QString &label, Snapshot &s, QHash<QString, int> &index)
{
    const auto value = [&](const char *key) {
        return r.values.value(QLatin1String(key)).trimmed();
    };
    SocketRow row;
    row.line = r.line;
    const auto local = IpAddress::parse(value("LocalAddress"));
    bool portOk = false;
    const int port = value("LocalPort").toInt(&portOk);
    if (!local || !portOk || port < 0 || port > 65535) {
        const QString message
                = QStringLiteral("not a socket: LocalAddress '%1', LocalPort '%2' (expected an IP "
                                 "address and a port number 0-65535)")
                          .arg(value("LocalAddress"), value("LocalPort"));
        return Error::inJson(label, r.pointer, message).onLine(r.line);
    }
    row.local = *local;
    row.localPort = std::uint16_t(port);
    const bool tcp = !r.udpHint && r.values.contains(QStringLiteral("RemoteAddress"));
    row.transport = tcp ? Transport::Tcp : Transport::Udp;
    if (tcp) {
        if (const auto remote = IpAddress::parse(value("RemoteAddress")))
            row.remote = *remote;
        row.remotePort = std::uint16_t(std::clamp(value("RemotePort").toInt(), 0, 65535));
        row.state = stateFrom(value("State")).value_or(TcpState::Unknown);
        s.hasTcp = true;
    } else {
        s.hasUdp = true;
    }
    bool pidOk = false;
    const int pid = value("OwningProcess").toInt(&pidOk);
    if (pidOk) {
        row.pid = pid;
        s.hasPids = true;
    }
    QString process = value("ProcessName");
    if (!process.isEmpty() && !process.contains(QLatin1Char('.'))
        && process != QLatin1String("System") && process != QLatin1String("Idle"))
        process += QStringLiteral(".exe"); // Get-Process names lack the extension netstat -b shows
    row.process = intern(s, index, process);
    row.components = intern(s, index, value("Services"));
    s.hasProcesses = s.hasProcesses || row.process >= 0;
    s.rows.append(row);
    return {};
}

// Reads the records of a JSON listing as the parser meets them (nlohmann's SAX interface), never
// building the document: a document of ConvertTo-Json output took 20 to 80 times the file's size.
// The shapes: an array of objects, one object (ConvertTo-Json unwraps a single result), or
// EdgeMap's capture object with "tcp" and "udp" arrays (or single objects). A record's value is
// the text of a string, integer or boolean; an array of them is joined with ", " (the services
// of a process); anything else is an empty value.
class RecordSax : public nlohmann::json_sax<json>
{
public:
    explicit RecordSax(const RecordSink &sink)
        : m_sink(sink)
    {}

    bool isEdgeMap() const { return m_edgeMap; }
    const SnapshotHeader &header() const { return m_header; }
    const QString &tool() const { return m_tool; }
    size_t errorByte() const { return m_errorByte; }
    const std::optional<QString> &syntaxError() const { return m_syntaxError; }
    bool isSyntax() const { return m_isSyntax; }

    // Called after a successful parse: the root object is the one record unless it is EdgeMap's
    // capture, whose tcp/udp records seen before "edgemap_snapshot" are delivered now.
    void finish()
    {
        if (m_edgeMap) {
            for (const Record &r : std::as_const(m_pending))
                m_sink(r);
        } else if (m_rootIsObject) {
            m_sink(m_root);
        }
    }

    bool null() override { return scalar(QString()); }
    bool boolean(bool v) override
    {
        return scalar(v ? QStringLiteral("True") : QStringLiteral("False"));
    }
    bool number_integer(number_integer_t v) override { return scalar(QString::number(v)); }
    bool number_unsigned(number_unsigned_t v) override { return scalar(QString::number(v)); }
    bool number_float(number_float_t, const string_t &) override
    {
        return scalar(QString()); // no socket property is fractional
    }
    bool string(string_t &v) override { return scalar(QString::fromStdString(v)); }
    bool binary(binary_t &) override { return scalar(QString()); }

    bool key(string_t &k) override
    {
        Frame &top = m_stack.back();
        top.key = k;
        return true;
    }

    bool start_object(std::size_t) override
    {
        Role role = Role::Other;
        if (m_stack.empty()) {
            role = Role::Record;
            m_rootIsObject = true;
            m_record = &m_root;
        } else if (isRecordPlace()) {
            role = Role::Record;
            m_current = Record();
            m_current.udpHint = m_rootIsObject && m_stack.front().key == "udp";
            m_current.pointer = pointer();
            m_record = &m_current;
        } else if (m_stack.back().role == Role::Record) {
            setValue(QString()); // an object where a value goes
        }
        m_stack.push_back({false, role, {}, 0});
        return true;
    }

    bool end_object() override
    {
        const bool record = m_stack.back().role == Role::Record;
        m_stack.pop_back();
        if (record && !m_stack.empty()) {
            if (m_edgeMap || !m_rootIsObject)
                m_sink(m_current);
            else
                m_pending.append(std::move(m_current));
            m_record = m_rootIsObject ? &m_root : nullptr;
        }
        return valueDone();
    }

    bool start_array(std::size_t) override
    {
        Role role = Role::Other;
        if (!m_stack.empty() && m_stack.back().role == Role::Record) {
            role = Role::Joined;
            m_joined.clear();
            m_joinedAny = false;
        }
        m_stack.push_back({true, role, {}, 0});
        return true;
    }

    bool end_array() override
    {
        const bool joined = m_stack.back().role == Role::Joined;
        m_stack.pop_back();
        if (joined)
            setValue(m_joined);
        return valueDone();
    }

    bool parse_error(std::size_t position, const std::string &,
                     const nlohmann::detail::exception &e) override
    {
        m_errorByte = position;
        m_syntaxError = QString::fromUtf8(e.what());
        m_isSyntax = e.id >= 100 && e.id < 200; // parse_error; 406 is a number out of range
        return false;
    }

private:
    enum class Role { Other, Record, Joined };
    struct Frame
    {
        bool array = false;
        Role role = Role::Other;
        std::string key;     // objects: the key of the value being read
        qsizetype index = 0; // arrays: the index of the value being read
    };

    // Where an object opening now is a record: an element of the root array, or (the value or
    // an element of) the root object's "tcp"/"udp".
    bool isRecordPlace() const
    {
        if (!m_rootIsObject)
            return m_stack.size() == 1;
        const std::string &rootKey = m_stack.front().key;
        if (rootKey != "tcp" && rootKey != "udp")
            return false;
        return m_stack.size() == 1 || (m_stack.size() == 2 && m_stack.back().array);
    }

    QString pointer() const
    {
        QString out;
        for (const Frame &f : m_stack)
            out += f.array ? QStringLiteral("/%1").arg(f.index)
                           : QStringLiteral("/") + QString::fromStdString(f.key);
        return out;
    }

    bool scalar(const QString &text)
    {
        if (m_stack.empty())
            return true; // a bare scalar: no records
        const Frame &top = m_stack.back();
        if (top.role == Role::Joined) {
            if (m_joinedAny)
                m_joined += QStringLiteral(", ");
            m_joined += text;
            m_joinedAny = true;
        } else if (top.role == Role::Record) {
            setValue(text);
            if (m_stack.size() == 1 && m_rootIsObject)
                header(top.key, text);
        }
        return valueDone();
    }

    // A value ended: the next element of an array has the next index.
    bool valueDone()
    {
        if (!m_stack.empty() && m_stack.back().array)
            ++m_stack.back().index;
        return true;
    }

    void setValue(const QString &text)
    {
        if (m_record && m_record->values.size() < kMaxTableColumns)
            m_record->values.insert(QString::fromStdString(m_stack.back().key), text);
    }

    void header(const std::string &key, const QString &text)
    {
        if (key == "edgemap_snapshot") {
            m_edgeMap = true;
            m_tool = text;
        } else if (key == "host") {
            m_header.host = text;
        } else if (key == "time") {
            m_header.time = QDateTime::fromString(text, Qt::ISODate).toUTC();
        } else if (key == "command") {
            m_header.command = text;
        }
    }

    const RecordSink &m_sink;
    std::vector<Frame> m_stack;
    Record *m_record = nullptr; // the record whose values are being read
    Record m_root, m_current;
    QList<Record> m_pending; // tcp/udp records seen before "edgemap_snapshot"
    QString m_joined, m_tool;
    bool m_joinedAny = false;
    bool m_rootIsObject = false;
    bool m_edgeMap = false;
    size_t m_errorByte = 0;
    std::optional<QString> m_syntaxError;
    bool m_isSyntax = true;
    SnapshotHeader m_header;
};

// nlohmann's messages read "[json.exception.parse_error.101] parse error at line 2, column 15:
// syntax error while parsing value - invalid literal; last read: '...'"; keep what was expected
// (the location is reported separately).
QString jsonReason(QString what)
{
    if (const qsizetype dash = what.indexOf(QLatin1String(" - ")); dash >= 0)
        what.remove(0, dash + 3);
    else if (const qsizetype bracket = what.indexOf(QLatin1String("] ")); bracket >= 0)
        what.remove(0, bracket + 2);
    if (const qsizetype lastRead = what.indexOf(QLatin1String("; last read:")); lastRead >= 0)
        what.truncate(lastRead);
    if (what == QLatin1String("invalid literal"))
        what = QStringLiteral("invalid value (expected a string, a number, an object, an array, "
                              "true, false or null)");
    return what;
}

Error errorAt(const QString &label, const QByteArray &utf8, size_t byte, const QString &message)
{
    const auto offset = qsizetype(std::min<size_t>(byte, size_t(utf8.size())));
    const QByteArray before = utf8.left(offset);
    const int line = int(before.count('\n')) + 1;
    const int column = int(offset - (before.lastIndexOf('\n') + 1));
    return Error::at(label, line, std::max(column, 1), message);
}

// nlohmann's parser is iterative, but copying and walking the result recurse: refuse nesting
// that could exhaust the stack (a file of a million '[') before parsing. Socket listings are
// 2 to 4 levels deep; ConvertTo-Json never writes more than 101.
constexpr int kMaxNesting = 128;

Error parseJson(const QString &text, const QString &label, Snapshot &s, const RecordSink &sink)
{
    const QByteArray utf8 = text.toUtf8();
    if (const auto at = firstTooDeep(utf8, kMaxNesting))
        return errorAt(label, utf8, size_t(*at) + 1, // counted like nlohmann's byte: one past
                       QStringLiteral("JSON nested too deeply (more than %1 levels of arrays and "
                                      "objects); expected a list of sockets")
                               .arg(kMaxNesting));
    // Records are converted as they come; a syntax error later discards them (the caller
    // returns the error).
    RecordSax sax(sink);
    const bool ok = json::sax_parse(utf8.constBegin(), utf8.constEnd(), &sax,
                                    json::input_format_t::json, true, false);
    if (!ok && sax.syntaxError())
        return errorAt(label, utf8, sax.errorByte(),
                       (sax.isSyntax() ? QStringLiteral("JSON syntax error: ")
                                       : QStringLiteral("JSON error: "))
                               + jsonReason(*sax.syntaxError()));
    if (!ok)
        return Error::inFile(label, QStringLiteral("JSON error"));
    sax.finish();
    if (sax.isEdgeMap()) {
        s.format = QStringLiteral("edgemap-json");
        s.header = sax.header();
        s.header.tool = QStringLiteral("edgemap-snapshot %1").arg(sax.tool());
    } else {
        s.format = QStringLiteral("powershell-json");
    }
    return {};
}

QStringList splitCsvLine(QStringView line)
{
    QStringList fields;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < line.size() && line.at(i + 1) == u'"') {
                field += c;
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            fields.append(field);
            field.clear();
        } else {
            field += c;
        }
    }
    fields.append(field);
    return fields;
}

void parseCsv(const QList<QStringView> &lines, Snapshot &s, const RecordSink &sink)
{
    s.format = QStringLiteral("powershell-csv");
    QStringList header;
    bool udp = false;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QStringView line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        if (line.startsWith(QLatin1String("#TYPE"))) {
            udp = line.contains(QLatin1String("UDPEndpoint"), Qt::CaseInsensitive);
            header.clear();
            continue;
        }
        const QStringList fields = splitCsvLine(line);
        if (fields.contains(QStringLiteral("LocalAddress"))) {
            header = fields.size() <= kMaxTableColumns ? fields : QStringList();
            continue;
        }
        Record r;
        r.line = int(i) + 1;
        r.udpHint = udp;
        for (qsizetype f = 0; f < header.size() && f < fields.size(); ++f)
            r.values.insert(header.at(f), fields.at(f));
        sink(r);
    }
}

// Default table output: a header, a line of dashes under each column name, then rows.
struct Column
{
    qsizetype start; // the dashes
    qsizetype end;
    QString name;
};

// Where a row's value for column `c` begins. The dashes are only as long as the column name:
// left-aligned values run past their dashes ("131.107.155.10" under "LocalAddress") and
// right-aligned numbers start before theirs, so cut at the last space between the end of the
// previous column's dashes and the start of this column's.
qsizetype columnCut(QStringView line, const QList<Column> &columns, qsizetype c)
{
    if (c == 0)
        return 0;
    const qsizetype to = std::min(columns.at(c).start, line.size());
    for (qsizetype p = to; p >= columns.at(c - 1).end; --p)
        if (p < line.size() && line.at(p).isSpace())
            return p;
    return to;
}

void parseTable(const QList<QStringView> &lines, Snapshot &s, const RecordSink &sink)
{
    s.format = QStringLiteral("powershell-table");
    QList<Column> columns;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QStringView line = lines.at(i);
        const QStringView trimmed = line.trimmed();
        if (trimmed.isEmpty())
            continue;
        if (trimmed.startsWith(QLatin1String("---")) && i > 0) {
            columns.clear();
            const QStringView header = lines.at(i - 1);
            for (qsizetype p = 0; p < line.size();) {
                while (p < line.size() && line.at(p) != u'-')
                    ++p;
                const qsizetype start = p;
                while (p < line.size() && line.at(p) == u'-')
                    ++p;
                if (p > start)
                    columns.append({start, p, header.mid(start, p - start).trimmed().toString()});
                if (columns.size() > kMaxTableColumns) {
                    columns.clear();
                    break;
                }
            }
            continue;
        }
        if (columns.isEmpty()
            || (i + 1 < lines.size() && lines.at(i + 1).trimmed().startsWith(QLatin1String("---"))))
            continue; // the header line itself
        Record r;
        r.line = int(i) + 1;
        for (qsizetype c = 0; c < columns.size(); ++c) {
            const qsizetype from = columnCut(line, columns, c);
            const qsizetype to
                    = c + 1 < columns.size() ? columnCut(line, columns, c + 1) : line.size();
            r.values.insert(columns.at(c).name, line.mid(from, to - from).trimmed().toString());
        }
        sink(r);
    }
}

void parseList(const QList<QStringView> &lines, Snapshot &s, const RecordSink &sink)
{
    s.format = QStringLiteral("powershell-list");
    Record current;
    for (qsizetype i = 0; i <= lines.size(); ++i) {
        const QStringView line = i < lines.size() ? lines.at(i) : QStringView();
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        const QString key = colon > 0 ? line.left(colon).trimmed().toString() : QString();
        if (line.trimmed().isEmpty() || key.contains(QLatin1Char(' '))) {
            if (!current.values.isEmpty())
                sink(current);
            current = Record();
            continue;
        }
        if (key.isEmpty() || current.values.size() >= kMaxTableColumns)
            continue;
        if (current.values.isEmpty())
            current.line = int(i) + 1;
        current.values.insert(key, line.mid(colon + 1).trimmed().toString());
    }
}

} // namespace

QList<QStringView> splitLines(QStringView text)
{
    QList<QStringView> lines;
    const qsizetype n = text.size();
    qsizetype start = 0;
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text.at(i);
        if (c == u'\n') {
            lines.append(text.mid(start, i - start));
            start = i + 1;
        } else if (c == u'\r') {
            lines.append(text.mid(start, i - start));
            qsizetype q = i;
            while (q < n && text.at(q) == u'\r')
                ++q;
            if (q < n && text.at(q) == u'\n') { // CR LF, CR CR LF: one line end
                i = q;
            } else { // each bare CR ends a line
                for (qsizetype k = i + 1; k < q; ++k)
                    lines.append(QStringView());
                i = q - 1;
            }
            start = i + 1;
        }
    }
    lines.append(text.mid(start));
    return lines;
}

Error parse(const QString &text, const QString &label, Snapshot &out)
{
    QHash<QString, int> index;
    Error firstError;
    const RecordSink records = [&](const Record &r) {
        if (Error e = addRecord(r, label, out, index); e.isError()) {
            if (out.unrecognisedLines++ == 0) {
                out.firstUnrecognisedLine = r.line;
                firstError = e;
            }
        }
    };
    const QStringView trimmed = QStringView(text).trimmed(); // a view: no copy of the text
    if (trimmed.startsWith(QLatin1Char('[')) || trimmed.startsWith(QLatin1Char('{'))) {
        if (Error e = parseJson(text, label, out, records); e.isError())
            return e;
    } else {
        const QList<QStringView> lines = splitLines(text);
        QString first;
        for (const QStringView l : lines)
            if (!(first = l.trimmed().toString()).isEmpty())
                break;
        // Export-Csv quotes every field; PowerShell 7's -UseQuotes Never/AsNeeded does not.
        const bool csvHeader = first.startsWith(QLatin1String("LocalAddress,"))
                               || first.contains(QLatin1String(",LocalAddress"));
        if (first.startsWith(QLatin1String("#TYPE")) || first.startsWith(QLatin1Char('"'))
            || csvHeader)
            parseCsv(lines, out, records);
        else if (text.contains(QLatin1String("LocalAddress"))
                 && text.contains(QLatin1String("---")))
            parseTable(lines, out, records);
        else
            parseList(lines, out, records);
    }
    // Not one record was a socket: say which value was wrong and where, rather than "no rows".
    if (out.rows.isEmpty() && firstError.isError())
        return firstError;
    return {};
}

} // namespace edgemap::powershell
