#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

// The few MS-TURN messages the probe needs ([MS-TURN] 2.2.1-2.2.2, 3.1.10): the A/V Edge
// answers an Allocate request on UDP 3478 with an Allocate error response (401, with a realm
// and a nonce) that echoes the request's transaction id; any reply with that id proves the media
// relay is alive. MS-TURN keeps the older STUN framing: a 16-byte transaction id right after the
// type and length (no RFC 5389 magic cookie in the header), and a Magic Cookie attribute first.
namespace edgemap::msturn {

inline constexpr int kHeaderSize = 20;
inline constexpr int kTransactionIdSize = 16;
inline constexpr quint16 kAllocateRequest = 0x0003;
inline constexpr quint16 kAllocateResponse = 0x0103;
inline constexpr quint16 kAllocateErrorResponse = 0x0113;
inline constexpr quint16 kAttrMagicCookie = 0x000F;
inline constexpr quint16 kAttrErrorCode = 0x0009;
inline constexpr quint16 kAttrMsVersion = 0x8008;
inline constexpr quint32 kMagicCookie = 0x72C64BC6;
// The oldest MS-Version: every A/V Edge understands it, and the request is refused (401) for
// want of credentials before the version matters.
inline constexpr quint32 kMsVersion = 0x00000001;

// A fresh random transaction id (kTransactionIdSize bytes).
QByteArray newTransactionId();

// An Allocate request: header, Magic Cookie attribute, MS-Version attribute. No credentials:
// the relay answers with a 401, which is all the probe asks of it.
QByteArray allocateRequest(const QByteArray &transactionId);

// What the probe reads from a datagram.
struct Message
{
    quint16 type = 0;
    QByteArray transactionId;
    bool magicCookieFirst = false; // [MS-TURN] 3.1.10: required of a well-formed message
    int errorCode = 0;             // class * 100 + number from the Error Code attribute
    QString errorReason;
};

// Parses a datagram: nothing when it is too short for a header, its length field disagrees with
// its size, or an attribute runs past its end.
std::optional<Message> parse(QByteArrayView datagram);

// An Allocate error response with the given code and reason echoing `transactionId`, as the A/V
// Edge answers (the tests' responders build their replies with it).
QByteArray allocateErrorResponse(const QByteArray &transactionId, int code, const QString &reason);

// "Allocate error response 401 Unauthorized"
QString describe(const Message &message);

} // namespace edgemap::msturn
