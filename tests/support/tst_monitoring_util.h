// The monitoring tests' readers of what `edgemap check` writes for monitoring systems: a strict
// parser of the Prometheus text format (0.0.4, as the node_exporter textfile collector reads it)
// and the grammar of a monitoring plugin's output (Monitoring Plugins development guidelines).
#pragma once

#include <QHash>
#include <QList>
#include <QMap>
#include <QRegularExpression>
#include <QSet>
#include <QString>
#include <QStringList>

namespace monitoringtest {

struct Sample
{
    QString name;
    QMap<QString, QString> labels; // unescaped values
    double value = 0;
};

struct Exposition
{
    QList<Sample> samples;
    QHash<QString, QString> types; // metric -> type
    QHash<QString, QString> help;
    QString error; // empty when the text follows the format

    // The samples of `name` whose labels include `match`.
    QList<Sample> find(const QString &name, const QMap<QString, QString> &match = {}) const
    {
        QList<Sample> out;
        for (const Sample &s : samples) {
            if (s.name != name)
                continue;
            bool all = true;
            for (auto it = match.cbegin(); it != match.cend(); ++it)
                all = all && s.labels.value(it.key()) == it.value();
            if (all)
                out.append(s);
        }
        return out;
    }
};

// Reads a label value from `text` at `pos` (just after the opening quote) up to the closing
// quote, undoing the three escapes the format has; anything else after a backslash is an error.
inline bool readLabelValue(const QString &text, qsizetype &pos, QString &value)
{
    value.clear();
    while (pos < text.size()) {
        const QChar c = text.at(pos++);
        if (c == u'"')
            return true;
        if (c == u'\n')
            return false;
        if (c != u'\\') {
            value += c;
            continue;
        }
        if (pos >= text.size())
            return false;
        const QChar e = text.at(pos++);
        if (e == u'\\')
            value += u'\\';
        else if (e == u'"')
            value += u'"';
        else if (e == u'n')
            value += u'\n';
        else
            return false;
    }
    return false;
}

// Parses the whole text strictly: every line a HELP, a TYPE or a sample; HELP and TYPE once per
// metric and before its first sample; the samples of a metric together; metric and label names
// legal; no label twice; no series twice; values that parse as floats; no timestamps (the
// textfile collector refuses them); the text ends with a line feed.
inline Exposition parseExposition(const QString &text)
{
    static const QRegularExpression metricName(QStringLiteral("^[a-zA-Z_:][a-zA-Z0-9_:]*$"));
    static const QRegularExpression labelName(QStringLiteral("^[a-zA-Z_][a-zA-Z0-9_]*$"));
    Exposition e;
    const auto fail = [&](int line, const QString &why) {
        e.error = QStringLiteral("line %1: %2").arg(line).arg(why);
        return e;
    };
    if (!text.endsWith(u'\n'))
        return fail(0, QStringLiteral("no line feed at the end"));
    QSet<QString> finished; // metrics whose samples are over
    QSet<QString> series;
    QString current;
    const QStringList lines = text.left(text.size() - 1).split(u'\n');
    for (int n = 1; n <= lines.size(); ++n) {
        const QString &line = lines.at(n - 1);
        if (line.startsWith(QLatin1String("# HELP "))
            || line.startsWith(QLatin1String("# TYPE "))) {
            const bool isHelp = line.startsWith(QLatin1String("# HELP "));
            const QString rest = line.mid(7);
            const QString name = rest.section(u' ', 0, 0);
            const QString arg = rest.section(u' ', 1);
            if (!metricName.match(name).hasMatch())
                return fail(n, QStringLiteral("bad metric name '%1'").arg(name));
            if ((isHelp ? e.help : e.types).contains(name))
                return fail(n, QStringLiteral("second HELP or TYPE for %1").arg(name));
            if (finished.contains(name) || current == name)
                return fail(n, QStringLiteral("HELP or TYPE after samples of %1").arg(name));
            if (isHelp) {
                if (arg.contains(QRegularExpression(QStringLiteral(R"(\\[^\\n])"))))
                    return fail(n, QStringLiteral("bad escape in HELP"));
                e.help.insert(name, arg);
            } else {
                static const QSet<QString> types{QStringLiteral("counter"), QStringLiteral("gauge"),
                                                 QStringLiteral("histogram"),
                                                 QStringLiteral("summary"),
                                                 QStringLiteral("untyped")};
                if (!types.contains(arg))
                    return fail(n, QStringLiteral("bad type '%1'").arg(arg));
                // Naming rules: _total is for counters only.
                if (arg != QLatin1String("counter") && name.endsWith(QLatin1String("_total")))
                    return fail(n, QStringLiteral("%1 ends in _total but is a %2").arg(name, arg));
                e.types.insert(name, arg);
            }
            continue;
        }
        if (line.isEmpty() || line.startsWith(u'#'))
            return fail(n, QStringLiteral("unexpected comment or empty line"));
        Sample s;
        qsizetype pos = 0;
        while (pos < line.size() && line.at(pos) != u'{' && line.at(pos) != u' ')
            ++pos;
        s.name = line.left(pos);
        if (!metricName.match(s.name).hasMatch())
            return fail(n, QStringLiteral("bad metric name '%1'").arg(s.name));
        if (!e.types.contains(s.name) || !e.help.contains(s.name))
            return fail(n, QStringLiteral("sample of %1 before its HELP and TYPE").arg(s.name));
        if (finished.contains(s.name))
            return fail(n, QStringLiteral("samples of %1 not together").arg(s.name));
        if (current != s.name) {
            if (!current.isEmpty())
                finished.insert(current);
            current = s.name;
        }
        if (pos < line.size() && line.at(pos) == u'{') {
            ++pos;
            while (pos < line.size() && line.at(pos) != u'}') {
                const qsizetype eq = line.indexOf(QLatin1String("=\""), pos);
                if (eq < 0)
                    return fail(n, QStringLiteral("label without =\""));
                const QString label = line.mid(pos, eq - pos);
                if (!labelName.match(label).hasMatch() || label.startsWith(QLatin1String("__")))
                    return fail(n, QStringLiteral("bad label name '%1'").arg(label));
                if (s.labels.contains(label))
                    return fail(n, QStringLiteral("label %1 twice").arg(label));
                pos = eq + 2;
                QString value;
                if (!readLabelValue(line, pos, value))
                    return fail(n, QStringLiteral("bad label value of %1").arg(label));
                s.labels.insert(label, value);
                if (pos < line.size() && line.at(pos) == u',')
                    ++pos;
            }
            if (pos >= line.size())
                return fail(n, QStringLiteral("labels not closed"));
            ++pos;
        }
        if (pos >= line.size() || line.at(pos) != u' ')
            return fail(n, QStringLiteral("no space before the value"));
        const QStringList rest = line.mid(pos + 1).split(u' ');
        if (rest.size() != 1)
            return fail(n, QStringLiteral("a timestamp or more after the value"));
        bool ok = false;
        s.value = rest.constFirst().toDouble(&ok);
        if (!ok)
            return fail(n, QStringLiteral("value '%1' is not a float").arg(rest.constFirst()));
        QString key = s.name;
        for (auto it = s.labels.cbegin(); it != s.labels.cend(); ++it)
            key += u'\x1f' + it.key() + u'\x1f' + it.value();
        if (series.contains(key))
            return fail(n, QStringLiteral("the same series twice"));
        series.insert(key);
        e.samples.append(s);
    }
    return e;
}

// A performance data item: 'label'=value[UOM];[warn];[crit];[min];[max], the label quoted when
// it has a space, = or ' (a quote inside doubled), value, min and max in [-0-9.], warn and crit
// ranges ([@][start:][end], start may be ~).
inline const QRegularExpression &perfItemPattern()
{
    static const QRegularExpression re(
            QStringLiteral(R"(^(?:'(?<qlabel>(?:[^']|'')+)'|(?<label>[^' =]+))=)"
                           R"((?<value>-?[0-9]+(?:\.[0-9]+)?)(?<uom>us|ms|s|%|B|KB|MB|GB|TB|c)?)"
                           R"((?:;(?<warn>@?(?:(?:-?[0-9.]+|~):)?(?:-?[0-9.]+)?)?)"
                           R"((?:;(?<crit>@?(?:(?:-?[0-9.]+|~):)?(?:-?[0-9.]+)?)?)"
                           R"((?:;(?<min>-?[0-9.]+)?(?:;(?<max>-?[0-9.]+)?)?)?)?)?$)"));
    return re;
}

// "EDGEMAP STATE - text | perfdata": the service output must not contain a '|'.
inline const QRegularExpression &statusLinePattern()
{
    static const QRegularExpression re(QStringLiteral(
            R"(^EDGEMAP (?<state>OK|WARNING|CRITICAL|UNKNOWN) - (?<text>[^|\n]+?)(?: \| (?<perf>[^|\n]+))?$)"));
    return re;
}

// The performance data items of a status line, split on spaces outside quotes.
inline QStringList perfItems(const QString &perf)
{
    QStringList items;
    QString item;
    bool quoted = false;
    for (const QChar c : perf) {
        if (c == u'\'')
            quoted = !quoted;
        if (c == u' ' && !quoted) {
            if (!item.isEmpty())
                items.append(item);
            item.clear();
            continue;
        }
        item += c;
    }
    if (!item.isEmpty())
        items.append(item);
    return items;
}

// label -> value, of every item; empty with `error` set when an item breaks the grammar.
inline QHash<QString, double> perfValues(const QString &perf, QString *error)
{
    QHash<QString, double> values;
    for (const QString &item : perfItems(perf)) {
        const QRegularExpressionMatch m = perfItemPattern().match(item);
        if (!m.hasMatch()) {
            *error = QStringLiteral("perfdata item '%1' breaks the grammar").arg(item);
            return {};
        }
        QString label = m.captured(QStringLiteral("qlabel"));
        label = label.isEmpty() ? m.captured(QStringLiteral("label"))
                                : label.replace(QStringLiteral("''"), QStringLiteral("'"));
        values.insert(label, m.captured(QStringLiteral("value")).toDouble());
    }
    return values;
}

} // namespace monitoringtest
