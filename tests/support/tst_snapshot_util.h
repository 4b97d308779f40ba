// Helpers shared by the snapshot tests: fixtures, encoders, and rows as one line of text each,
// so that a failing comparison shows the whole socket.
#pragma once

#include "snapshot/codepage.h"
#include "snapshot/snapshot.h"
#include "snapshot/snapshotfile.h"
#include "support/tst_file_util.h"

#include <QByteArray>
#include <QFile>
#include <QHash>
#include <QString>
#include <QStringList>

namespace snapshottest {

inline QString netstatPath(const QString &name)
{
    return QStringLiteral(EDGEMAP_TEST_DATA "/netstat/") + name;
}

inline QString bundledSamplePath()
{
    return QStringLiteral(EDGEMAP_TEST_DATA "/../../resources/samples/edge01-netstat-anob.txt");
}

using testfiles::readFile;

// "[fe80::1%12]:1900" as netstat writes it; "(name)" for a host name netstat resolved.
inline QString endpointText(const edgemap::IpAddress &ip, int port, bool isName = false)
{
    if (isName || ip.isNull())
        return (isName ? QStringLiteral("(name):") : QStringLiteral("*:")) + QString::number(port);
    return (ip.isV6() ? QStringLiteral("[%1]").arg(ip.toString()) : ip.toString())
           + QLatin1Char(':') + QString::number(port);
}

// "tcp 0.0.0.0:135 0.0.0.0:0 LISTEN pid 1712 svchost.exe [RpcSs] @5"
inline QString rowText(const edgemap::Snapshot &s, const edgemap::SocketRow &r)
{
    using edgemap::Transport;
    QString text = QStringLiteral("%1 %2 %3")
                           .arg(r.transport == Transport::Tcp ? QStringLiteral("tcp")
                                                              : QStringLiteral("udp"),
                                endpointText(r.local, r.localPort, r.localIsName),
                                endpointText(r.remote, r.remotePort));
    if (r.state != edgemap::TcpState::None)
        text += QLatin1Char(' ') + keyOf(r.state);
    if (r.pid >= 0)
        text += QStringLiteral(" pid %1").arg(r.pid);
    if (r.process >= 0)
        text += QLatin1Char(' ') + s.processName(r);
    if (r.components >= 0)
        text += QStringLiteral(" [%1]").arg(s.componentNames(r));
    return text + QStringLiteral(" @%1").arg(r.line);
}

inline QStringList rowTexts(const edgemap::Snapshot &s)
{
    QStringList out;
    out.reserve(s.rows.size());
    for (const edgemap::SocketRow &r : s.rows)
        out.append(rowText(s, r));
    return out;
}

inline QString rowAtLine(const edgemap::Snapshot &s, int line)
{
    for (const edgemap::SocketRow &r : s.rows)
        if (r.line == line)
            return rowText(s, r);
    return QStringLiteral("(no row at line %1)").arg(line);
}

inline QByteArray utf16(const QString &text, bool littleEndian, bool bom)
{
    QByteArray out;
    if (bom)
        out = littleEndian ? QByteArray("\xFF\xFE", 2) : QByteArray("\xFE\xFF", 2);
    for (const QChar c : text) {
        const auto lo = static_cast<char>(c.unicode() & 0xFF);
        const auto hi = static_cast<char>(c.unicode() >> 8);
        out.append(littleEndian ? lo : hi);
        out.append(littleEndian ? hi : lo);
    }
    return out;
}

// Encodes into code page 850 through the inverse of the model's table (whose bytes the tests
// check independently); characters CP850 lacks become '?'.
inline QByteArray cp850(const QString &text)
{
    static const QHash<char16_t, char> table = [] {
        QHash<char16_t, char> t;
        for (int b = 0x80; b < 0x100; ++b) {
            const char byte = static_cast<char>(b);
            t.insert(edgemap::decodeCodePage(&byte, &byte + 1, edgemap::CodePage::Cp850)
                             .at(0)
                             .unicode(),
                     byte);
        }
        return t;
    }();
    QByteArray out;
    for (const QChar c : text)
        out.append(c.unicode() < 0x80 ? static_cast<char>(c.unicode())
                                      : table.value(c.unicode(), '?'));
    return out;
}

inline QByteArray withLineEndings(QByteArray bytes, bool crlf)
{
    bytes.replace("\r\n", "\n");
    if (crlf)
        bytes.replace("\n", "\r\n");
    return bytes;
}

} // namespace snapshottest
