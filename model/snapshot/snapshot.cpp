#include "snapshot/snapshot.h"

namespace edgemap {

QString keyOf(TcpState state)
{
    switch (state) {
    case TcpState::None:
        return {};
    case TcpState::Listen:
        return QStringLiteral("LISTEN");
    case TcpState::Established:
        return QStringLiteral("ESTABLISHED");
    case TcpState::SynSent:
        return QStringLiteral("SYN_SENT");
    case TcpState::SynReceived:
        return QStringLiteral("SYN_RECEIVED");
    case TcpState::FinWait1:
        return QStringLiteral("FIN_WAIT_1");
    case TcpState::FinWait2:
        return QStringLiteral("FIN_WAIT_2");
    case TcpState::CloseWait:
        return QStringLiteral("CLOSE_WAIT");
    case TcpState::Closing:
        return QStringLiteral("CLOSING");
    case TcpState::LastAck:
        return QStringLiteral("LAST_ACK");
    case TcpState::TimeWait:
        return QStringLiteral("TIME_WAIT");
    case TcpState::Closed:
        return QStringLiteral("CLOSED");
    case TcpState::DeleteTcb:
        return QStringLiteral("DELETE_TCB");
    case TcpState::Bound:
        return QStringLiteral("BOUND");
    case TcpState::Unknown:
        return QStringLiteral("UNKNOWN");
    }
    return {};
}

QStringList readAssumptions(const Snapshot &s)
{
    QStringList out;
    if (s.transcriptLines > 0)
        out.append(QStringLiteral("console transcript: %1 prompt line(s) skipped")
                           .arg(s.transcriptLines));
    if (!s.filter.isEmpty())
        out.append(QStringLiteral("filtered by %1: listeners it could not show are unknown")
                           .arg(s.filter));
    if (!s.lineEnds.isEmpty() && s.lineEnds != QLatin1String("lf")
        && s.lineEnds != QLatin1String("crlf"))
        out.append(QStringLiteral("line ends: %1").arg(s.lineEnds));
    if (s.encodingGuessed)
        out.append(QStringLiteral("code page %1, guessed from the text").arg(s.encoding));
    return out;
}

std::optional<QString> promptCommand(QStringView line)
{
    line = line.trimmed();
    if (line.startsWith(u"PS ")) { // "PS C:\Users\admin> command"
        const qsizetype gt = line.indexOf(u'>');
        const QStringView path = line.mid(3, gt < 0 ? 0 : gt - 3).trimmed();
        if (gt < 0 || path.isEmpty() || !(path.contains(u':') || path.contains(u'\\')))
            return std::nullopt;
        return line.mid(gt + 1).trimmed().toString();
    }
    // "C:\>netstat -ano", "D:\Logs\Edge>netstat -anob"
    if (line.size() >= 4 && line.at(0).isLetter() && line.at(0).unicode() < 128
        && line.at(1) == u':' && line.at(2) == u'\\') {
        const qsizetype gt = line.indexOf(u'>');
        if (gt < 0)
            return std::nullopt;
        return line.mid(gt + 1).trimmed().toString();
    }
    return std::nullopt;
}

namespace {

// The words of a command segment, double and single quotes grouping.
QStringList words(QStringView text)
{
    QStringList out;
    QString word;
    QChar quote;
    bool inWord = false;
    for (const QChar c : text) {
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
            else
                word += c;
        } else if (c == u'"' || c == u'\'') {
            quote = c;
            inWord = true;
        } else if (c.isSpace()) {
            if (inWord)
                out.append(word);
            word.clear();
            inWord = false;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (inWord)
        out.append(word);
    return out;
}

bool isFilterVerb(const QString &verb)
{
    static const QStringList kVerbs{
            QStringLiteral("findstr"),      QStringLiteral("findstr.exe"),   QStringLiteral("find"),
            QStringLiteral("find.exe"),     QStringLiteral("select-string"), QStringLiteral("sls"),
            QStringLiteral("where-object"), QStringLiteral("where"),         QStringLiteral("?")};
    return kVerbs.contains(verb.toLower());
}

// A literal pattern (no regular-expression metacharacters), else nullopt.
std::optional<QString> literal(const QString &pattern, QStringView metacharacters)
{
    for (const QChar c : pattern)
        if (metacharacters.contains(c))
            return std::nullopt;
    return pattern;
}

bool anyInEveryText(const QStringList &patterns, const QStringList &texts, Qt::CaseSensitivity cs)
{
    if (patterns.isEmpty() || texts.isEmpty())
        return false;
    for (const QString &text : texts) {
        bool shown = false;
        for (const QString &p : patterns)
            shown = shown || (!p.isEmpty() && text.contains(p, cs));
        if (!shown)
            return false;
    }
    return true;
}

// findstr: space-separated words are alternatives unless /C: gives one literal string; regular
// expressions, inverted or anchored matches are not evaluated.
bool findstrShows(const QStringList &args, bool findExe, const ExpectedRow &row)
{
    Qt::CaseSensitivity cs = Qt::CaseSensitive;
    QStringList patterns;
    bool regexOk = false; // a metacharacter makes findstr's pattern a regular expression
    for (const QString &a : args) {
        const QString lower = a.toLower();
        if (lower == u"/i")
            cs = Qt::CaseInsensitive;
        else if (lower == u"/l")
            regexOk = true;
        else if (lower.startsWith(u"/c:"))
            patterns.append(a.mid(3));
        else if (lower == u"/n" || lower == u"/s" || lower == u"/p" || lower == u"/o")
            continue;
        else if (a.startsWith(u'/'))
            return false; // /R, /V, /B, /E, /X, /G, ...: not a literal substring match
        else if (findExe)
            patterns.append(a); // find "text": one literal string
        else
            patterns.append(a.split(u' ', Qt::SkipEmptyParts));
    }
    for (const QString &p : patterns)
        if (p.contains(u' ') || (!findExe && !regexOk && !literal(p, u".*^$[]\\")))
            return false;
    return anyInEveryText(patterns, row.texts, cs);
}

bool selectStringShows(const QStringList &args, const ExpectedRow &row)
{
    Qt::CaseSensitivity cs = Qt::CaseInsensitive;
    bool simple = false;
    QStringList patterns;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString lower = args.at(i).toLower();
        if (lower == u"-simplematch")
            simple = true;
        else if (lower == u"-casesensitive")
            cs = Qt::CaseSensitive;
        else if (lower == u"-pattern" && i + 1 < args.size())
            patterns.append(args.at(++i).split(u',', Qt::SkipEmptyParts));
        else if (lower.startsWith(u'-'))
            return false; // -NotMatch, -AllMatches with -Context, ...
        else
            patterns.append(args.at(i).split(u',', Qt::SkipEmptyParts));
    }
    for (QString &p : patterns) {
        p = p.trimmed();
        if (p.contains(u' ') || (!simple && !literal(p, u".*+?^$[](){}|\\")))
            return false;
    }
    return anyInEveryText(patterns, row.texts, cs);
}

// Where-Object with one comparison: "State -eq Listen", "{$_.LocalPort -eq 5061}".
bool whereShows(const QStringList &args, const ExpectedRow &row)
{
    QString clause = args.join(u' ');
    clause.remove(u'{').remove(u'}').remove(QStringLiteral("$_."));
    const QStringList w = words(clause);
    if (w.size() != 3 || w.at(1).toLower() != u"-eq")
        return false;
    const QString property = w.at(0).toLower(), value = w.at(2);
    if (property == u"localport")
        return value.toInt() == row.port;
    if (property == u"state")
        return row.transport == Transport::Tcp
               && value.compare(u"Listen", Qt::CaseInsensitive) == 0;
    if (property == u"protocol")
        return value.compare(row.transport == Transport::Tcp ? u"TCP" : u"UDP", Qt::CaseInsensitive)
               == 0;
    return false;
}

} // namespace

QString filterOf(const QString &command)
{
    QStringList filters;
    const QStringList stages = command.split(u'|');
    for (qsizetype i = 1; i < stages.size(); ++i) {
        const QString stage = stages.at(i).trimmed();
        if (isFilterVerb(stage.section(u' ', 0, 0)))
            filters.append(stage);
    }
    return filters.join(QStringLiteral(" | "));
}

bool filterCouldShow(const QString &filter, const ExpectedRow &row)
{
    if (filter.trimmed().isEmpty())
        return true;
    for (const QString &stage : filter.split(u'|')) { // chained filters: every one must pass
        QStringList args = words(stage);
        if (args.isEmpty())
            return false;
        const QString verb = args.takeFirst().toLower();
        bool shows = false;
        if (verb == u"findstr" || verb == u"findstr.exe")
            shows = findstrShows(args, false, row);
        else if (verb == u"find" || verb == u"find.exe")
            shows = findstrShows(args, true, row);
        else if (verb == u"select-string" || verb == u"sls")
            shows = selectStringShows(args, row);
        else if (verb == u"where-object" || verb == u"where" || verb == u"?")
            shows = whereShows(args, row);
        if (!shows)
            return false;
    }
    return true;
}

} // namespace edgemap
