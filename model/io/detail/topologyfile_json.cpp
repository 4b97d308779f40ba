#include "io/detail/topologyfile_json.h"

#include "io/jsonnesting.h"

#include <algorithm>
#include <string>
#include <vector>

namespace edgemap::topologyfile::detail {

namespace {

bool isJsonWhitespace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

Error errorAt(QByteArrayView text, qsizetype offset, const QString &message)
{
    const TextPosition pos = positionAt(text, offset);
    return Error::at({}, pos.line, pos.column, message);
}

Error messageOnly(const QString &message)
{
    return Error::plain(message);
}

// Length of the valid UTF-8 sequence starting at text[i], or 0 when it is malformed (bad lead
// byte, truncated, overlong, surrogate or past U+10FFFF).
int utf8SequenceLength(QByteArrayView text, qsizetype i)
{
    const auto lead = static_cast<unsigned char>(text[i]);
    int length = 0;
    char32_t cp = 0;
    char32_t minimum = 0;
    if (lead < 0x80)
        return 1;
    if ((lead & 0xE0) == 0xC0) {
        length = 2, cp = lead & 0x1Fu, minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3, cp = lead & 0x0Fu, minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4, cp = lead & 0x07u, minimum = 0x10000;
    } else {
        return 0;
    }
    if (text.size() - i < length)
        return 0;
    for (qsizetype k = 1; k < length; ++k) {
        const auto next = static_cast<unsigned char>(text[i + k]);
        if ((next & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (next & 0x3Fu);
    }
    if (cp < minimum || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return length;
}

// What the JSON parser would report badly or not at all: invalid UTF-8 outside strings, and
// nesting deep enough to exhaust memory (a file of ten million '[').
Error scanText(QByteArrayView text)
{
    for (qsizetype i = 0; i < text.size();) {
        const int length = utf8SequenceLength(text, i);
        if (length == 0)
            return errorAt(
                    text, i,
                    QStringLiteral("invalid UTF-8 (byte 0x%1); save the file as UTF-8")
                            .arg(QString::asprintf("%02X", static_cast<unsigned char>(text[i]))));
        i += length;
    }
    if (const auto at = firstTooDeep(text, kMaxNesting))
        return errorAt(
                text, *at,
                QStringLiteral("nested too deeply (more than %1 levels of arrays and objects)")
                        .arg(kMaxNesting));
    return {};
}

Error checkEncoding(QByteArrayView file, QByteArrayView text)
{
    if (file.startsWith("\xFF\xFE") || file.startsWith("\xFE\xFF"))
        return messageOnly(QStringLiteral("file is UTF-16 text; save it as UTF-8"));
    if (text.isEmpty())
        return messageOnly(QStringLiteral("file is empty"));
    if (std::all_of(text.begin(), text.end(), isJsonWhitespace))
        return messageOnly(QStringLiteral("file is empty (only whitespace)"));
    const qsizetype nul = text.indexOf('\0');
    if (nul < 0)
        return scanText(text);
    // ASCII text saved as UTF-16 without a byte order mark: every other byte is NUL.
    if (text.size() >= 2 && (text[0] == '\0') != (text[1] == '\0'))
        return messageOnly(QStringLiteral("file looks like UTF-16 text; save it as UTF-8"));
    const TextPosition pos = positionAt(text, nul);
    return messageOnly(
            QStringLiteral("binary data, not a topology file (NUL byte at line %1, column %2)")
                    .arg(pos.line)
                    .arg(pos.column));
}

// nlohmann's messages read "[json.exception.parse_error.101] parse error at line 1, column 8:
// syntax error while parsing object - unexpected end of input; expected '}'"; users need only
// the part after the dash (the location is reported separately).
QString syntaxMessage(const std::string &token, const Json::exception &e)
{
    constexpr int kNumberOverflow = 406;
    if (e.id == kNumberOverflow)
        return QStringLiteral("number %1 is out of range").arg(QString::fromStdString(token));
    std::string what = e.what();
    if (const auto dash = what.find(" - "); dash != std::string::npos)
        what.erase(0, dash + 3);
    else if (const auto colon = what.rfind(": "); colon != std::string::npos)
        what.erase(0, colon + 2);
    if (const auto lastRead = what.find("; last read:"); lastRead != std::string::npos)
        what.erase(lastRead);
    if (what == "invalid literal")
        what = "invalid value (expected a string, a number, an object, an array, true, false or "
               "null)";
    return QStringLiteral("syntax error: ") + QString::fromStdString(what);
}

// Builds the DOM like nlohmann's own SAX DOM parser, but refuses an object that repeats a key
// (the default keeps the last value silently, which hides a copy-and-paste mistake).
class DomBuilder final : public nlohmann::json_sax<Json>
{
public:
    explicit DomBuilder(Json &root)
        : m_root(root)
    {}

    bool null() override { return insert(Json(nullptr)) != nullptr; }
    bool boolean(bool value) override { return insert(Json(value)) != nullptr; }
    bool number_integer(number_integer_t value) override { return insert(Json(value)) != nullptr; }
    bool number_unsigned(number_unsigned_t value) override
    {
        return insert(Json(value)) != nullptr;
    }
    bool number_float(number_float_t value, const string_t &) override
    {
        return insert(Json(value)) != nullptr;
    }
    bool string(string_t &value) override { return insert(Json(std::move(value))) != nullptr; }
    bool binary(binary_t &) override { return false; } // the JSON reader never produces it
    bool start_object(std::size_t) override { return open(Json::object()); }
    bool start_array(std::size_t) override { return open(Json::array()); }
    bool end_object() override { return close(); }
    bool end_array() override { return close(); }
    bool key(string_t &key) override;
    bool parse_error(std::size_t position, const std::string &token,
                     const Json::exception &e) override;

    Error error(QByteArrayView text) const;

private:
    Json *insert(Json &&value);
    bool open(Json &&container);
    bool close();
    QString pointer() const;

    Json &m_root;
    std::vector<Json *> m_open;        // containers being filled, innermost last
    std::vector<std::string> m_tokens; // pointer token of each open container but the root
    std::string m_key;                 // key of the next member of the innermost object
    std::size_t m_errorPosition = 0;   // bytes read when the parser failed (1-based)
    QString m_syntaxError;
    bool m_hasDuplicate = false;
    QString m_duplicateKey;
};

Json *DomBuilder::insert(Json &&value)
{
    if (m_open.empty()) {
        m_root = std::move(value);
        return &m_root;
    }
    Json &parent = *m_open.back();
    if (parent.is_array()) {
        parent.push_back(std::move(value));
        return &parent.back();
    }
    return &(parent[m_key] = std::move(value));
}

bool DomBuilder::open(Json &&container)
{
    if (!m_open.empty()) {
        const Json &parent = *m_open.back();
        m_tokens.push_back(parent.is_array() ? std::to_string(parent.size()) : m_key);
    }
    m_open.push_back(insert(std::move(container)));
    return true;
}

bool DomBuilder::close()
{
    if (m_open.size() > 1)
        m_tokens.pop_back();
    m_open.pop_back();
    return true;
}

QString DomBuilder::pointer() const
{
    QString result;
    for (const std::string &token : m_tokens)
        result += QLatin1Char('/') + pointerToken(QString::fromStdString(token));
    return result;
}

bool DomBuilder::key(string_t &key)
{
    if (m_open.back()->contains(key)) {
        m_hasDuplicate = true;
        m_duplicateKey = QString::fromStdString(key);
        return false;
    }
    m_key = std::move(key);
    return true;
}

bool DomBuilder::parse_error(std::size_t position, const std::string &token,
                             const Json::exception &e)
{
    m_errorPosition = position;
    m_syntaxError = syntaxMessage(token, e);
    return false;
}

Error DomBuilder::error(QByteArrayView text) const
{
    if (m_hasDuplicate)
        return Error::inJson(
                {}, pointer() + QLatin1Char('/') + pointerToken(m_duplicateKey),
                QStringLiteral("duplicate key '%1' in this object").arg(m_duplicateKey));
    // The position counts the bytes read including the offending one.
    const auto offset = static_cast<qsizetype>(m_errorPosition) - 1;
    return errorAt(text, offset, m_syntaxError);
}

} // namespace

TextPosition positionAt(QByteArrayView text, qsizetype offset)
{
    offset = std::clamp<qsizetype>(offset, 0, text.size());
    TextPosition pos;
    for (qsizetype i = 0; i < offset; ++i) {
        const char c = text[i];
        if (c == '\n') {
            ++pos.line;
            pos.column = 1;
        } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++pos.column; // count characters: skip UTF-8 continuation bytes
        }
    }
    return pos;
}

QString pointerToken(const QString &key)
{
    QString token = key;
    token.replace(QLatin1Char('~'), QStringLiteral("~0"));
    token.replace(QLatin1Char('/'), QStringLiteral("~1"));
    return token;
}

QString describeType(const Json &value)
{
    switch (value.type()) {
    case Json::value_t::null:
        return QStringLiteral("null");
    case Json::value_t::boolean:
        return QStringLiteral("a boolean");
    case Json::value_t::string:
        return QStringLiteral("a string");
    case Json::value_t::array:
        return QStringLiteral("an array");
    case Json::value_t::object:
        return QStringLiteral("an object");
    default:
        return QStringLiteral("a number");
    }
}

Error parseJsonText(const QByteArray &bytes, Json &out)
{
    const QByteArrayView file(bytes);
    QByteArrayView text = file;
    if (text.startsWith("\xEF\xBB\xBF")) // a UTF-8 byte order mark, as Notepad writes
        text = text.sliced(3);
    if (Error e = checkEncoding(file, text); e.isError())
        return e;
    DomBuilder builder(out);
    if (Json::sax_parse(text.begin(), text.end(), &builder))
        return {};
    return builder.error(text);
}

} // namespace edgemap::topologyfile::detail
