// CP932 through QStringDecoder, which knows it when Qt is built with ICU (Debian's Qt is).
#include "snapshot/codepage.h"

#include <QStringDecoder>

namespace edgemap::detail {

QString decodeCp932(const char *begin, const char *end)
{
    QStringDecoder decoder("windows-932", QStringDecoder::Flag::Stateless);
    if (!decoder.isValid()) // a Qt without ICU: the ASCII stays readable
        return QString::fromLatin1(begin, end - begin);
    QString out = decoder.decode(QByteArrayView(begin, end - begin));
    // ICU substitutes U+001A for a byte sequence CP932 does not define; Qt's own decoders use
    // U+FFFD, and so does EdgeMap.
    out.replace(QChar(0x1a), QChar::ReplacementCharacter);
    return out;
}

} // namespace edgemap::detail
