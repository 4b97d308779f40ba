#include "core/ipaddress.h"

#include <QHash>

#include <charconv>
#include <string>

namespace edgemap {

namespace {

std::optional<std::array<std::uint8_t, 4>> parseV4(std::string_view s)
{
    std::array<std::uint8_t, 4> out{};
    size_t pos = 0;
    for (int part = 0; part < 4; ++part) {
        if (part > 0) {
            if (pos >= s.size() || s[pos] != '.')
                return std::nullopt;
            ++pos;
        }
        size_t start = pos;
        unsigned value = 0;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9' && pos - start < 3) {
            value = value * 10 + unsigned(s[pos] - '0');
            ++pos;
        }
        if (pos == start || value > 255)
            return std::nullopt;
        // Leading zeros ("010") are ambiguous (octal in some stacks): reject them.
        if (pos - start > 1 && s[start] == '0')
            return std::nullopt;
        out[size_t(part)] = std::uint8_t(value);
    }
    if (pos != s.size())
        return std::nullopt;
    return out;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

std::optional<std::array<std::uint8_t, 16>> parseV6(std::string_view s)
{
    std::array<std::uint16_t, 8> groups{};
    int count = 0;
    int gap = -1; // index in groups where "::" stands
    size_t pos = 0;
    if (s.size() < 2)
        return std::nullopt;
    if (s[0] == ':') {
        if (s[1] != ':')
            return std::nullopt;
        gap = 0;
        pos = 2;
        if (pos == s.size())
            return std::array<std::uint8_t, 16>{};
    }
    while (pos < s.size()) {
        if (count == 8)
            return std::nullopt;
        // An embedded IPv4 tail takes the last two groups.
        const std::string_view rest = s.substr(pos);
        if (rest.substr(0, rest.find(':')).find('.') != std::string_view::npos) {
            if (count > 6)
                return std::nullopt;
            const auto v4 = parseV4(rest);
            if (!v4)
                return std::nullopt;
            groups[size_t(count++)] = std::uint16_t(((*v4)[0] << 8) | (*v4)[1]);
            groups[size_t(count++)] = std::uint16_t(((*v4)[2] << 8) | (*v4)[3]);
            pos = s.size();
            break;
        }
        unsigned value = 0;
        size_t start = pos;
        while (pos < s.size() && pos - start < 4) {
            const int h = hexValue(s[pos]);
            if (h < 0)
                break;
            value = value * 16 + unsigned(h);
            ++pos;
        }
        if (pos == start)
            return std::nullopt;
        groups[size_t(count++)] = std::uint16_t(value);
        if (pos == s.size())
            break;
        if (s[pos] != ':')
            return std::nullopt;
        ++pos;
        if (pos < s.size() && s[pos] == ':') {
            if (gap >= 0)
                return std::nullopt;
            gap = count;
            ++pos;
        } else if (pos == s.size()) {
            return std::nullopt; // trailing single colon
        }
    }
    if (gap < 0 && count != 8)
        return std::nullopt;
    if (gap >= 0 && count > 7)
        return std::nullopt;
    std::array<std::uint16_t, 8> full{};
    if (gap < 0) {
        full = groups;
    } else {
        const int tail = count - gap;
        for (int i = 0; i < gap; ++i)
            full[size_t(i)] = groups[size_t(i)];
        for (int i = 0; i < tail; ++i)
            full[size_t(8 - tail + i)] = groups[size_t(gap + i)];
    }
    std::array<std::uint8_t, 16> out{};
    for (size_t i = 0; i < 8; ++i) {
        out[2 * i] = std::uint8_t(full[i] >> 8);
        out[2 * i + 1] = std::uint8_t(full[i] & 0xff);
    }
    return out;
}

bool validZone(std::string_view zone)
{
    if (zone.empty() || zone.size() > 6)
        return false;
    for (char c : zone) {
        const bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                        || c == '-' || c == '_' || c == '.';
        if (!ok)
            return false;
    }
    return true;
}

} // namespace

std::optional<IpAddress> IpAddress::parse(std::string_view text)
{
    if (text.empty() || text.size() > 128)
        return std::nullopt;
    IpAddress result;
    if (text.find(':') == std::string_view::npos) {
        const auto v4 = parseV4(text);
        if (!v4)
            return std::nullopt;
        result.m_family = Family::V4;
        std::copy(v4->begin(), v4->end(), result.m_bytes.begin());
        return result;
    }
    std::string_view host = text;
    const size_t percent = text.find('%');
    if (percent != std::string_view::npos) {
        host = text.substr(0, percent);
        const std::string_view zone = text.substr(percent + 1);
        if (!validZone(zone))
            return std::nullopt;
        std::copy(zone.begin(), zone.end(), result.m_zone.begin());
        result.m_zoneLength = std::uint8_t(zone.size());
    }
    const auto v6 = parseV6(host);
    if (!v6)
        return std::nullopt;
    result.m_family = Family::V6;
    result.m_bytes = *v6;
    return result;
}

IpAddress IpAddress::v6(const std::array<std::uint8_t, 16> &bytes, std::uint32_t scopeId)
{
    IpAddress result;
    result.m_family = Family::V6;
    result.m_bytes = bytes;
    if (scopeId != 0) {
        const std::string zone = std::to_string(scopeId);
        if (zone.size() <= result.m_zone.size()) {
            std::copy(zone.begin(), zone.end(), result.m_zone.begin());
            result.m_zoneLength = std::uint8_t(zone.size());
        }
    }
    return result;
}

std::optional<IpAddress> IpAddress::parse(const QString &text)
{
    const QByteArray latin = text.toLatin1();
    if (latin.size() != text.size())
        return std::nullopt;
    return parse(std::string_view(latin.constData(), size_t(latin.size())));
}

bool IpAddress::isUnspecified() const
{
    if (m_family == Family::None)
        return false;
    const size_t n = m_family == Family::V4 ? 4 : 16;
    for (size_t i = 0; i < n; ++i)
        if (m_bytes[i] != 0)
            return false;
    return true;
}

bool IpAddress::isLoopback() const
{
    if (m_family == Family::V4)
        return m_bytes[0] == 127;
    if (m_family == Family::V6) {
        for (size_t i = 0; i < 15; ++i)
            if (m_bytes[i] != 0)
                return false;
        return m_bytes[15] == 1;
    }
    return false;
}

bool IpAddress::isV4Mapped() const
{
    if (m_family != Family::V6)
        return false;
    for (size_t i = 0; i < 10; ++i)
        if (m_bytes[i] != 0)
            return false;
    return m_bytes[10] == 0xff && m_bytes[11] == 0xff;
}

IpAddress IpAddress::unmapped() const
{
    if (!isV4Mapped())
        return *this;
    IpAddress result;
    result.m_family = Family::V4;
    std::copy(m_bytes.begin() + 12, m_bytes.end(), result.m_bytes.begin());
    return result;
}

std::uint32_t IpAddress::v4Value() const
{
    return (std::uint32_t(m_bytes[0]) << 24) | (std::uint32_t(m_bytes[1]) << 16)
           | (std::uint32_t(m_bytes[2]) << 8) | std::uint32_t(m_bytes[3]);
}

QString IpAddress::toString() const
{
    if (m_family == Family::None)
        return {};
    if (m_family == Family::V4)
        return QStringLiteral("%1.%2.%3.%4")
                .arg(m_bytes[0])
                .arg(m_bytes[1])
                .arg(m_bytes[2])
                .arg(m_bytes[3]);
    std::array<unsigned, 8> g{};
    for (size_t i = 0; i < 8; ++i)
        g[i] = (unsigned(m_bytes[2 * i]) << 8) | m_bytes[2 * i + 1];
    // RFC 5952: compress the longest run (>= 2) of zero groups, the first one on a tie.
    int bestStart = -1, bestLen = 0;
    for (int i = 0; i < 8;) {
        if (g[size_t(i)] != 0) {
            ++i;
            continue;
        }
        int j = i;
        while (j < 8 && g[size_t(j)] == 0)
            ++j;
        if (j - i > bestLen && j - i >= 2) {
            bestStart = i;
            bestLen = j - i;
        }
        i = j;
    }
    QString out;
    if (isV4Mapped()) {
        out = QStringLiteral("::ffff:%1.%2.%3.%4")
                      .arg(m_bytes[12])
                      .arg(m_bytes[13])
                      .arg(m_bytes[14])
                      .arg(m_bytes[15]);
    } else {
        for (int i = 0; i < 8; ++i) {
            if (i == bestStart) {
                out += QStringLiteral("::");
                i += bestLen - 1;
                continue;
            }
            if (!out.isEmpty() && !out.endsWith(QLatin1Char(':')))
                out += QLatin1Char(':');
            out += QString::number(g[size_t(i)], 16);
        }
    }
    if (m_zoneLength > 0)
        out += QLatin1Char('%') + zone();
    return out;
}

bool IpAddress::sameHost(const IpAddress &other) const
{
    const IpAddress a = unmapped();
    const IpAddress b = other.unmapped();
    return a.m_family == b.m_family && a.m_bytes == b.m_bytes;
}

std::optional<Subnet> Subnet::parse(const QString &text)
{
    const qsizetype slash = text.indexOf(QLatin1Char('/'));
    const QString host = slash < 0 ? text : text.left(slash);
    const auto address = IpAddress::parse(host);
    if (!address || address->hasZone())
        return std::nullopt;
    const int maxPrefix = address->isV4() ? 32 : 128;
    int prefix = maxPrefix;
    if (slash >= 0) {
        bool ok = false;
        const QString digits = text.mid(slash + 1);
        prefix = digits.toInt(&ok);
        if (!ok || digits.isEmpty() || !digits.at(0).isDigit() || prefix < 0 || prefix > maxPrefix)
            return std::nullopt;
    }
    Subnet result;
    result.m_address = *address;
    result.m_prefix = prefix;
    return result;
}

bool Subnet::contains(const IpAddress &candidate) const
{
    if (m_address.isV4() && candidate.isV4()) { // the common case, as one masked compare
        const std::uint32_t mask = m_prefix <= 0 ? 0 : ~std::uint32_t(0) << (32 - m_prefix);
        return (m_address.v4Value() & mask) == (candidate.v4Value() & mask);
    }
    const IpAddress a = m_address.unmapped();
    const IpAddress b = candidate.unmapped();
    if (a.family() != b.family())
        return false;
    int remaining = m_prefix;
    if (a.isV4() && m_address.isV4Mapped())
        remaining -= 96;
    for (size_t i = 0; remaining > 0; ++i) {
        const int bits = remaining >= 8 ? 8 : remaining;
        const auto mask = std::uint8_t(0xff << (8 - bits));
        if ((a.bytes()[i] & mask) != (b.bytes()[i] & mask))
            return false;
        remaining -= bits;
    }
    return true;
}

QString Subnet::toString() const
{
    const int maxPrefix = m_address.isV4() ? 32 : 128;
    if (m_prefix == maxPrefix)
        return m_address.toString();
    return m_address.toString() + QLatin1Char('/') + QString::number(m_prefix);
}

size_t qHash(const IpAddress &address, size_t seed) noexcept
{
    // A busy Edge's capture puts tens of thousands of remote addresses in one set: two words
    // mixed (the zone is left out: equal addresses have equal hashes all the same).
    return qHashMulti(seed, address.addressWord(0), address.addressWord(1),
                      std::uint8_t(address.family()));
}

} // namespace edgemap
