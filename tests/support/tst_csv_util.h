// A strict RFC 4180 reader for the tests that read generated CSV back: CRLF records, quoted
// fields with doubled quotes; anything else (a bare quote or line break outside quotes) fails the
// parse, so that a writer bug cannot hide behind a lenient reader.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

namespace csvtest {

inline std::optional<QList<QStringList>> parseCsv(const QString &text)
{
    QList<QStringList> records;
    QStringList record;
    QString field;
    qsizetype i = 0;
    bool quoted = false;
    const auto next = [&](qsizetype at) {
        return at < text.size() ? text.at(at) : QChar();
    };
    while (i < text.size()) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"' && next(i + 1) == u'"') {
                field += u'"';
                i += 2;
            } else if (c == u'"') {
                quoted = false;
                ++i;
            } else {
                field += c;
                ++i;
            }
        } else if (c == u'"' && field.isEmpty()) {
            quoted = true;
            ++i;
        } else if (c == u',') {
            record.append(std::exchange(field, {}));
            ++i;
        } else if (c == u'\r' && next(i + 1) == u'\n') {
            record.append(std::exchange(field, {}));
            records.append(std::exchange(record, {}));
            i += 2;
        } else if (c == u'"' || c == u'\r' || c == u'\n') {
            return std::nullopt;
        } else {
            field += c;
            ++i;
        }
    }
    if (quoted || !field.isEmpty() || !record.isEmpty())
        return std::nullopt;
    return records;
}

} // namespace csvtest
