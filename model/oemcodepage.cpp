#include "oemcodepage.h"

namespace edgemap {

namespace {

// Bytes 0x80-0xFF of each code page, 16 per line.
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

static_assert(sizeof(kCp437) / sizeof(char16_t) == 129);
static_assert(sizeof(kCp850) / sizeof(char16_t) == 129);

} // namespace

QString decodeOem(const char *begin, const char *end, OemCodePage page)
{
    const char16_t *table = page == OemCodePage::Cp437 ? kCp437 : kCp850;
    QString out;
    out.reserve(end - begin);
    for (const char *p = begin; p != end; ++p) {
        const auto byte = static_cast<unsigned char>(*p);
        out.append(byte < 0x80 ? QChar(char16_t(byte)) : QChar(table[byte - 0x80]));
    }
    return out;
}

} // namespace edgemap
