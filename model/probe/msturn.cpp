#include "probe/msturn.h"

#include <QRandomGenerator>
#include <QtEndian>

namespace edgemap::msturn {

namespace {

void put16(QByteArray &out, quint16 v)
{
    out.append(char(v >> 8)).append(char(v & 0xFF));
}

void put32(QByteArray &out, quint32 v)
{
    put16(out, quint16(v >> 16));
    put16(out, quint16(v & 0xFFFF));
}

quint16 get16(QByteArrayView in, qsizetype at)
{
    return qFromBigEndian<quint16>(in.data() + at);
}

quint32 get32(QByteArrayView in, qsizetype at)
{
    return qFromBigEndian<quint32>(in.data() + at);
}

// Header then attributes, with the header's length field set to the attributes' size.
QByteArray message(quint16 type, const QByteArray &transactionId, const QByteArray &attributes)
{
    QByteArray out;
    put16(out, type);
    put16(out, quint16(attributes.size()));
    out.append(transactionId.leftJustified(kTransactionIdSize, '\0', true));
    return out + attributes;
}

void attribute(QByteArray &out, quint16 type, const QByteArray &value)
{
    put16(out, type);
    put16(out, quint16(value.size()));
    out.append(value);
    while (out.size() % 4 != 0)
        out.append('\0');
}

QByteArray word(quint32 v)
{
    QByteArray out;
    put32(out, v);
    return out;
}

} // namespace

QByteArray newTransactionId()
{
    QByteArray id(kTransactionIdSize, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(id.data()),
                                          kTransactionIdSize / 4);
    return id;
}

QByteArray allocateRequest(const QByteArray &transactionId)
{
    QByteArray attributes;
    attribute(attributes, kAttrMagicCookie, word(kMagicCookie));
    attribute(attributes, kAttrMsVersion, word(kMsVersion));
    return message(kAllocateRequest, transactionId, attributes);
}

QByteArray allocateErrorResponse(const QByteArray &transactionId, int code, const QString &reason)
{
    QByteArray attributes;
    attribute(attributes, kAttrMagicCookie, word(kMagicCookie));
    QByteArray error;
    put16(error, 0);
    error.append(char((code / 100) & 0x07)).append(char(code % 100));
    error.append(reason.toUtf8());
    attribute(attributes, kAttrErrorCode, error);
    return message(kAllocateErrorResponse, transactionId, attributes);
}

std::optional<Message> parse(QByteArrayView datagram)
{
    if (datagram.size() < kHeaderSize)
        return std::nullopt;
    const quint16 length = get16(datagram, 2);
    if (kHeaderSize + qsizetype(length) != datagram.size())
        return std::nullopt;
    Message m;
    m.type = get16(datagram, 0);
    m.transactionId = datagram.sliced(4, kTransactionIdSize).toByteArray();
    qsizetype at = kHeaderSize;
    bool first = true;
    while (at + 4 <= datagram.size()) {
        const quint16 type = get16(datagram, at);
        const quint16 size = get16(datagram, at + 2);
        const qsizetype value = at + 4;
        if (value + size > datagram.size())
            return std::nullopt;
        if (first)
            m.magicCookieFirst = type == kAttrMagicCookie && size == 4
                                 && get32(datagram, value) == kMagicCookie;
        if (type == kAttrErrorCode && size >= 4) {
            m.errorCode = (datagram[value + 2] & 0x07) * 100 + quint8(datagram[value + 3]);
            m.errorReason = QString::fromUtf8(datagram.sliced(value + 4, size - 4));
        }
        first = false;
        at = value + ((size + 3) & ~3);
    }
    return m;
}

QString describe(const Message &m)
{
    QString type;
    switch (m.type) {
    case kAllocateErrorResponse:
        type = QStringLiteral("Allocate error response");
        break;
    case kAllocateResponse:
        type = QStringLiteral("Allocate response");
        break;
    default:
        type = QStringLiteral("message type 0x%1").arg(m.type, 4, 16, QLatin1Char('0'));
        break;
    }
    if (m.errorCode == 0)
        return type;
    return QStringLiteral("%1 %2%3")
            .arg(type)
            .arg(m.errorCode)
            .arg(m.errorReason.isEmpty() ? QString() : QLatin1Char(' ') + m.errorReason.trimmed());
}

} // namespace edgemap::msturn
