#include "powershellsnapshot.h"

#include "jsonnesting.h"

#include <QHash>

#include <nlohmann/json.hpp>

#include <optional>

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
LoadError addRecord(const Record &r, const QString &label, Snapshot &s, QHash<QString, int> &index)
{
    const auto value = [&](const char *key) {
        return r.values.value(QLatin1String(key)).trimmed();
    };
    SocketRow row;
    row.line = r.line;
    const auto local = IpAddress::parse(value("LocalAddress"));
    bool portOk = false;
    const int port = value("LocalPort").toInt(&portOk);
    if (!local || !portOk || port < 0 || port > 65535)
        return {label, r.line, 0, r.pointer,
                QStringLiteral("not a socket: LocalAddress '%1', LocalPort '%2' (expected an IP "
                               "address and a port number 0-65535)")
                        .arg(value("LocalAddress"), value("LocalPort"))};
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

QString jsonText(const json &v)
{
    if (v.is_string())
        return QString::fromStdString(v.get<std::string>());
    if (v.is_number_integer())
        return QString::number(v.get<long long>());
    if (v.is_boolean())
        return v.get<bool>() ? QStringLiteral("True") : QStringLiteral("False");
    if (v.is_array()) { // EdgeMap capture: service names of the process
        QStringList parts;
        for (const auto &x : v)
            parts.append(jsonText(x));
        return parts.join(QStringLiteral(", "));
    }
    return {};
}

// `array` is an array of objects, or one object (ConvertTo-Json unwraps a single result).
void collectJson(const json &array, bool udp, const QString &pointer, QList<Record> &records)
{
    const bool single = !array.is_array();
    for (size_t i = 0; i < (single ? 1 : array.size()); ++i) {
        const json &item = single ? array : array[i];
        if (!item.is_object())
            continue;
        Record r;
        r.udpHint = udp;
        r.pointer = single ? pointer : QStringLiteral("%1/%2").arg(pointer).arg(i);
        for (auto it = item.begin(); it != item.end(); ++it)
            r.values.insert(QString::fromStdString(it.key()), jsonText(it.value()));
        records.append(r);
    }
}

// nlohmann's messages read "[json.exception.parse_error.101] parse error at line 2, column 15:
// syntax error while parsing value - invalid literal; last read: '...'"; keep what was expected
// (the location is reported separately).
QString jsonReason(const json::exception &e)
{
    QString what = QString::fromUtf8(e.what());
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

LoadError errorAt(const QString &label, const QByteArray &utf8, size_t byte, const QString &message)
{
    const auto offset = qsizetype(std::min<size_t>(byte, size_t(utf8.size())));
    const QByteArray before = utf8.left(offset);
    const int line = int(before.count('\n')) + 1;
    const int column = int(offset - (before.lastIndexOf('\n') + 1));
    return {label, line, std::max(column, 1), {}, message};
}

// nlohmann's parser is iterative, but copying and walking the result recurse: refuse nesting
// that could exhaust the stack (a file of a million '[') before parsing. Socket listings are
// 2 to 4 levels deep; ConvertTo-Json never writes more than 101.
constexpr int kMaxNesting = 128;

LoadError parseJson(const QString &text, const QString &label, Snapshot &s, QList<Record> &records)
{
    const QByteArray utf8 = text.toUtf8();
    if (const auto at = firstTooDeep(utf8, kMaxNesting))
        return errorAt(label, utf8, size_t(*at) + 1, // counted like nlohmann's byte: one past
                       QStringLiteral("JSON nested too deeply (more than %1 levels of arrays and "
                                      "objects); expected a list of sockets")
                               .arg(kMaxNesting));
    json root;
    try {
        root = json::parse(utf8.constBegin(), utf8.constEnd(), nullptr, true, false);
    } catch (const json::parse_error &e) {
        return errorAt(label, utf8, e.byte, QStringLiteral("JSON syntax error: ") + jsonReason(e));
    } catch (const json::exception &e) { // out_of_range 406 ("1e400") has no position
        return {label, 0, 0, {}, QStringLiteral("JSON error: ") + jsonReason(e)};
    }
    if (root.is_object() && root.contains("edgemap_snapshot")) {
        s.format = QStringLiteral("edgemap-json");
        s.header.tool
                = QStringLiteral("edgemap-snapshot %1").arg(jsonText(root["edgemap_snapshot"]));
        s.header.host = root.contains("host") ? jsonText(root["host"]) : QString();
        s.header.time
                = QDateTime::fromString(root.contains("time") ? jsonText(root["time"]) : QString(),
                                        Qt::ISODate)
                          .toUTC();
        s.header.command = root.contains("command") ? jsonText(root["command"]) : QString();
        if (root.contains("tcp"))
            collectJson(root["tcp"], false, QStringLiteral("/tcp"), records);
        if (root.contains("udp"))
            collectJson(root["udp"], true, QStringLiteral("/udp"), records);
        return {};
    }
    s.format = QStringLiteral("powershell-json");
    collectJson(root, false, QString(), records);
    return {};
}

QStringList splitCsvLine(const QString &line)
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

void parseCsv(const QStringList &lines, Snapshot &s, QList<Record> &records)
{
    s.format = QStringLiteral("powershell-csv");
    QStringList header;
    bool udp = false;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        if (line.startsWith(QLatin1String("#TYPE"))) {
            udp = line.contains(QLatin1String("UDPEndpoint"), Qt::CaseInsensitive);
            header.clear();
            continue;
        }
        const QStringList fields = splitCsvLine(line);
        if (fields.contains(QStringLiteral("LocalAddress"))) {
            header = fields;
            continue;
        }
        Record r;
        r.line = int(i) + 1;
        r.udpHint = udp;
        for (qsizetype f = 0; f < header.size() && f < fields.size(); ++f)
            r.values.insert(header.at(f), fields.at(f));
        records.append(r);
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
qsizetype columnCut(const QString &line, const QList<Column> &columns, qsizetype c)
{
    if (c == 0)
        return 0;
    const qsizetype to = std::min(columns.at(c).start, line.size());
    for (qsizetype p = to; p >= columns.at(c - 1).end; --p)
        if (p < line.size() && line.at(p).isSpace())
            return p;
    return to;
}

void parseTable(const QStringList &lines, Snapshot &s, QList<Record> &records)
{
    s.format = QStringLiteral("powershell-table");
    QList<Column> columns;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i);
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty())
            continue;
        if (trimmed.startsWith(QLatin1String("---")) && i > 0) {
            columns.clear();
            const QString header = lines.at(i - 1);
            for (qsizetype p = 0; p < line.size();) {
                while (p < line.size() && line.at(p) != u'-')
                    ++p;
                const qsizetype start = p;
                while (p < line.size() && line.at(p) == u'-')
                    ++p;
                if (p > start)
                    columns.append({start, p, header.mid(start, p - start).trimmed()});
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
            r.values.insert(columns.at(c).name, line.mid(from, to - from).trimmed());
        }
        records.append(r);
    }
}

void parseList(const QStringList &lines, Snapshot &s, QList<Record> &records)
{
    s.format = QStringLiteral("powershell-list");
    Record current;
    for (qsizetype i = 0; i <= lines.size(); ++i) {
        const QString line = i < lines.size() ? lines.at(i) : QString();
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        const QString key = colon > 0 ? line.left(colon).trimmed() : QString();
        if (line.trimmed().isEmpty() || key.contains(QLatin1Char(' '))) {
            if (!current.values.isEmpty())
                records.append(current);
            current = Record();
            continue;
        }
        if (key.isEmpty())
            continue;
        if (current.values.isEmpty())
            current.line = int(i) + 1;
        current.values.insert(key, line.mid(colon + 1).trimmed());
    }
}

} // namespace

QStringList splitLines(const QString &text)
{
    QStringList lines;
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
                    lines.append(QString());
                i = q - 1;
            }
            start = i + 1;
        }
    }
    lines.append(text.mid(start));
    return lines;
}

LoadError parse(const QString &text, const QString &label, Snapshot &out)
{
    QList<Record> records;
    const QString trimmed = text.trimmed();
    if (trimmed.startsWith(QLatin1Char('[')) || trimmed.startsWith(QLatin1Char('{'))) {
        if (LoadError e = parseJson(text, label, out, records); e.isError())
            return e;
    } else {
        const QStringList lines = splitLines(text);
        QString first;
        for (const QString &l : lines)
            if (!(first = l.trimmed()).isEmpty())
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
    QHash<QString, int> index;
    LoadError firstError;
    for (const Record &r : records) {
        if (LoadError e = addRecord(r, label, out, index); e.isError()) {
            if (out.unrecognisedLines++ == 0) {
                out.firstUnrecognisedLine = r.line;
                firstError = e;
            }
        }
    }
    // Not one record was a socket: say which value was wrong and where, rather than "no rows".
    if (out.rows.isEmpty() && firstError.isError())
        return firstError;
    return {};
}

} // namespace edgemap::powershell
