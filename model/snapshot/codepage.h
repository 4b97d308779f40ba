#pragma once

#include <QByteArrayView>
#include <QString>

namespace edgemap {

// The 8-bit encodings a netstat capture arrives in. cmd.exe writes redirected output in the
// console's OEM code page (Western Europe 850, US 437, Russian 866, Japanese 932 = Shift_JIS);
// Notepad and PowerShell's "-Encoding Default" write the ANSI code page (Cyrillic 1251, Japanese
// 932). Qt 6.4's QStringConverter knows none of them without ICU, hence tables for the
// single-byte pages and a platform decoder for 932 (codepage_icu.cpp, codepage_windows.cpp).
enum class CodePage {
    Utf8,
    Cp437,
    Cp850,
    Cp866,
    Cp1251,
    Cp932,
    // CP866 text opened as CP1251 and saved as UTF-8 (a Russian capture passed through an
    // editor): decoded as UTF-8, re-encoded to CP1251 bytes, read as CP866.
    Cp866ReadAsCp1251Utf8,
};

// Decodes bytes of `page`. Bytes a page does not define become U+FFFD; a CP932 lead byte cut at
// the end of the range becomes U+FFFD, never a read past `end`.
QString decodeCodePage(const char *begin, const char *end, CodePage page);

// "utf-8", "cp850", "cp932 (shift_jis)", "utf-8 (cp866 read as cp1251)": how a snapshot names its
// encoding.
QString codePageName(CodePage page);

// What a capture's bytes most likely are, from a sample (the first chunk), when there is no BOM
// and the bytes are not UTF-16. Valid UTF-8 is UTF-8 unless its text is CP866 mojibake; other
// bytes are decoded with each legacy page and the page whose text reads as words of one script
// (Latin with accents, Cyrillic, Japanese) wins; CP850 when nothing tells them apart.
struct CodePageGuess
{
    CodePage page = CodePage::Utf8;
    // Whether the text decided it (false for ASCII, for UTF-8 read as UTF-8 and for the CP850
    // fallback): the snapshot facts then say the page was guessed.
    bool guessed = false;
};
CodePageGuess guessCodePage(QByteArrayView sample, bool validUtf8);

namespace detail {
// The platform's Shift_JIS/CP932 decoder (ICU through QStringDecoder, or Windows' own).
QString decodeCp932(const char *begin, const char *end);
} // namespace detail

} // namespace edgemap
