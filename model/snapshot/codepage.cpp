#include "snapshot/codepage.h"

#include <QHash>
#include <QStringDecoder>

#include <algorithm>
#include <array>

namespace edgemap {

namespace {

// Bytes 0x80-0xFF of each single-byte code page, 16 per line; U+FFFD where a page has no
// character (CP1251's 0x98).
constexpr char16_t kCp437[128 + 1] = u"ÇüéâäàåçêëèïîìÄÅ"
                                     u"ÉæÆôöòûùÿÖÜ¢£¥₧ƒ"
                                     u"áíóúñÑªº¿⌐¬½¼¡«»"
                                     u"░▒▓│┤╡╢╖╕╣║╗╝╜╛┐"
                                     u"└┴┬├─┼╞╟╚╔╩╦╠═╬╧"
                                     u"╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀"
                                     u"αßΓπΣσµτΦΘΩδ∞φε∩"
                                     u"≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0";
constexpr char16_t kCp850[128 + 1] = u"ÇüéâäàåçêëèïîìÄÅ"
                                     u"ÉæÆôöòûùÿÖÜø£Ø×ƒ"
                                     u"áíóúñÑªº¿®¬½¼¡«»"
                                     u"░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐"
                                     u"└┴┬├─┼ãÃ╚╔╩╦╠═╬¤"
                                     u"ðÐÊËÈıÍÎÏ┘┌█▄¦Ì▀"
                                     u"ÓßÔÒõÕµþÞÚÛÙýÝ¯´"
                                     u"\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0";
constexpr char16_t kCp866[128 + 1] = u"АБВГДЕЖЗИЙКЛМНОП"
                                     u"РСТУФХЦЧШЩЪЫЬЭЮЯ"
                                     u"абвгдежзийклмноп"
                                     u"░▒▓│┤╡╢╖╕╣║╗╝╜╛┐"
                                     u"└┴┬├─┼╞╟╚╔╩╦╠═╬╧"
                                     u"╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀"
                                     u"рстуфхцчшщъыьэюя"
                                     u"ЁёЄєЇїЎў°∙·√№¤■\u00a0";
constexpr char16_t kCp1251[128 + 1] = u"ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЋЏ"
                                      u"ђ‘’“”•–—\ufffd™љ›њќћџ"
                                      u"\u00a0ЎўЈ¤Ґ¦§Ё©Є«¬\u00ad®Ї"
                                      u"°±Ііґµ¶·ё№є»јЅѕї"
                                      u"АБВГДЕЖЗИЙКЛМНОП"
                                      u"РСТУФХЦЧШЩЪЫЬЭЮЯ"
                                      u"абвгдежзийклмноп"
                                      u"рстуфхцчшщъыьэюя";

static_assert(sizeof(kCp437) / sizeof(char16_t) == 129);
static_assert(sizeof(kCp850) / sizeof(char16_t) == 129);
static_assert(sizeof(kCp866) / sizeof(char16_t) == 129);
static_assert(sizeof(kCp1251) / sizeof(char16_t) == 129);

const char16_t *tableOf(CodePage page)
{
    switch (page) {
    case CodePage::Cp437:
        return kCp437;
    case CodePage::Cp850:
        return kCp850;
    case CodePage::Cp866:
        return kCp866;
    case CodePage::Cp1251:
        return kCp1251;
    case CodePage::Utf8:
    case CodePage::Cp932:
    case CodePage::Cp866ReadAsCp1251Utf8:
        break;
    }
    return nullptr;
}

QString decodeTable(const char *begin, const char *end, const char16_t *table)
{
    QString out(end - begin, Qt::Uninitialized);
    char16_t *o = reinterpret_cast<char16_t *>(out.data());
    for (const char *p = begin; p != end; ++p) {
        const auto byte = static_cast<unsigned char>(*p);
        *o++ = byte < 0x80 ? char16_t(byte) : table[byte - 0x80];
    }
    return out;
}

// CP1251's characters back to their bytes (the mojibake's second step, undone).
const QHash<char16_t, unsigned char> &cp1251Bytes()
{
    static const QHash<char16_t, unsigned char> bytes = [] {
        QHash<char16_t, unsigned char> h;
        for (int i = 0; i < 128; ++i)
            if (kCp1251[i] != u'\ufffd')
                h.insert(kCp1251[i], static_cast<unsigned char>(0x80 + i));
        return h;
    }();
    return bytes;
}

// The CP866 reading of UTF-8 text whose characters are all CP1251's; nullopt when one is not.
std::optional<QString> undoCp1251Mojibake(const QString &text)
{
    const auto &bytes = cp1251Bytes();
    QString out = text;
    for (QChar &c : out) {
        if (c.unicode() < 0x80)
            continue;
        const auto it = bytes.constFind(c.unicode());
        if (it == bytes.cend())
            return std::nullopt;
        c = QChar(kCp866[it.value() - 0x80]);
    }
    return out;
}

// How plausible a decoding is: the text is split into words at white space, and each word with
// non-ASCII characters scores its non-ASCII bytes, positive when it reads as a word of one
// script, negative when it does not. The signs that a page is wrong: symbols, box drawing,
// controls or U+FFFD in a word; Cyrillic mixed with Latin letters or changing to upper case
// mid-word; a word of more accented than plain Latin letters; Japanese mixed with Latin letters
// or half-width katakana (which a Japanese netstat never prints).
enum class Script { None, Latin, Cyrillic, Japanese };

struct WordState
{
    int weight = 0;   // non-ASCII bytes
    int accented = 0; // non-ASCII Latin letters
    int ascii = 0;    // ASCII letters
    int cyrillic = 0; // Cyrillic letters
    int rare = 0;     // Cyrillic letters Russian does not use
    int japanese = 0; // kana and ideographs
    bool bad = false;
    bool lastLowerCyrillic = false;
};

Script scriptOf(char16_t c)
{
    if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff)
        || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff01 && c <= 0xff5e)
        || (c >= 0x3000 && c <= 0x303f))
        return Script::Japanese;
    if (c >= 0x0400 && c <= 0x04ff)
        return Script::Cyrillic;
    if (c < 0x250 && QChar(c).isLetter())
        return Script::Latin;
    return Script::None;
}

int wordScore(const WordState &w)
{
    if (w.weight == 0)
        return 0;
    bool ok = !w.bad;
    if (w.cyrillic > 0)
        ok = ok && w.ascii == 0 && w.accented == 0 && w.japanese == 0 && w.rare * 2 <= w.cyrillic;
    if (w.japanese > 0)
        ok = ok && w.ascii == 0 && w.accented == 0;
    if (w.accented > 0)
        ok = ok && w.accented <= w.ascii;
    return ok ? w.weight : -w.weight;
}

int plausibility(QStringView text, bool twoByteJapanese)
{
    int score = 0;
    WordState w;
    for (const QChar qc : text) {
        const char16_t c = qc.unicode();
        if (c == u' ' || c == u'\t' || c == u'\r' || c == u'\n' || c == 0x3000) {
            score += wordScore(w);
            w = WordState();
            continue;
        }
        if (c < 0x80) {
            if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
                ++w.ascii;
            else if (c < 0x20)
                w.bad = true;
            w.lastLowerCyrillic = false;
            continue;
        }
        const Script script = scriptOf(c);
        w.weight += twoByteJapanese && script == Script::Japanese ? 2 : 1;
        switch (script) {
        case Script::Latin:
            ++w.accented;
            break;
        case Script::Cyrillic: {
            ++w.cyrillic;
            const bool russian = (c >= 0x0410 && c <= 0x044f) || c == 0x0401 || c == 0x0451;
            w.rare += russian ? 0 : 1;
            const bool upper = QChar(c).isUpper();
            w.bad = w.bad || (upper && w.lastLowerCyrillic);
            w.lastLowerCyrillic = !upper;
            continue;
        }
        case Script::Japanese:
            ++w.japanese;
            break;
        case Script::None: // symbols, box drawing, half-width katakana, U+FFFD, C1 controls
            w.bad = true;
            break;
        }
        w.lastLowerCyrillic = false;
    }
    return score + wordScore(w);
}

// The words of a sample that hold a non-ASCII byte, joined by spaces, up to about `cap` bytes:
// only they tell code pages apart, and scoring them alone keeps the guess cheap on a capture of
// ASCII rows with a localised title and header. Words are split at ASCII white space, which no
// supported page uses inside a character (CP932 trail bytes are 0x40-0xFC).
QByteArray nonAsciiWords(QByteArrayView sample, qsizetype cap)
{
    QByteArray out;
    const char *p = sample.data(), *const end = p + sample.size();
    const auto space = [](char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    };
    while (p < end && out.size() < cap) {
        while (p < end && space(*p))
            ++p;
        const char *word = p;
        bool high = false;
        for (; p < end && !space(*p); ++p)
            high = high || (static_cast<unsigned char>(*p) & 0x80) != 0;
        if (high) {
            out.append(word, std::min<qsizetype>(p - word, cap));
            out.append(' ');
        }
    }
    return out;
}

} // namespace

QString decodeCodePage(const char *begin, const char *end, CodePage page)
{
    switch (page) {
    case CodePage::Utf8:
        return QString::fromUtf8(begin, end - begin);
    case CodePage::Cp932:
        return detail::decodeCp932(begin, end);
    case CodePage::Cp866ReadAsCp1251Utf8: {
        const QString text = QString::fromUtf8(begin, end - begin);
        return undoCp1251Mojibake(text).value_or(text);
    }
    case CodePage::Cp437:
    case CodePage::Cp850:
    case CodePage::Cp866:
    case CodePage::Cp1251:
        break;
    }
    return decodeTable(begin, end, tableOf(page));
}

QString codePageName(CodePage page)
{
    switch (page) {
    case CodePage::Utf8:
        return QStringLiteral("utf-8");
    case CodePage::Cp437:
        return QStringLiteral("cp437");
    case CodePage::Cp850:
        return QStringLiteral("cp850");
    case CodePage::Cp866:
        return QStringLiteral("cp866");
    case CodePage::Cp1251:
        return QStringLiteral("cp1251");
    case CodePage::Cp932:
        return QStringLiteral("cp932 (shift_jis)");
    case CodePage::Cp866ReadAsCp1251Utf8:
        return QStringLiteral("utf-8 (cp866 text read as cp1251)");
    }
    return {};
}

CodePageGuess guessCodePage(QByteArrayView sample, bool validUtf8)
{
    // The words decide; a few hundred kilobytes hold every title and header there is.
    sample = sample.first(std::min<qsizetype>(sample.size(), 256 * 1024));
    const bool ascii = std::all_of(sample.begin(), sample.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0x80) == 0;
    });
    if (ascii)
        return {validUtf8 ? CodePage::Utf8 : CodePage::Cp850, false};
    const QByteArray words = nonAsciiWords(sample, 16 * 1024);
    const char *b = words.constData(), *e = b + words.size();
    if (validUtf8) {
        const QString text = QString::fromUtf8(b, e - b);
        const std::optional<QString> undone = undoCp1251Mojibake(text);
        if (undone && plausibility(*undone, false) > std::max(0, plausibility(text, false)))
            return {CodePage::Cp866ReadAsCp1251Utf8, true};
        return {CodePage::Utf8, false};
    }
    // Ordered by how often each is seen; a tie keeps the earlier one.
    constexpr CodePage kCandidates[]
            = {CodePage::Cp850, CodePage::Cp866, CodePage::Cp1251, CodePage::Cp932};
    CodePage best = CodePage::Cp850;
    int bestScore = 0;
    for (const CodePage page : kCandidates) {
        const int score = plausibility(decodeCodePage(b, e, page), page == CodePage::Cp932);
        if (score > bestScore) {
            best = page;
            bestScore = score;
        }
    }
    return {best, bestScore > 0};
}

} // namespace edgemap
