#pragma once

#include <QString>

#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>
#include <type_traits>

namespace edgemap {

// An IPv4 or IPv6 address as a value (with an optional IPv6 zone index such as "%12", at most
// 6 characters: Windows zone indexes are small numbers).
// Our own small type rather than QHostAddress: the model links QtCore only, and the snapshot
// parser needs a parse that allocates nothing.
class IpAddress
{
public:
    enum class Family : std::uint8_t { None, V4, V6 };

    IpAddress() = default;

    // Strict parse: dotted quad, or RFC 4291 text with "::" and an embedded IPv4 tail, optionally
    // followed by "%zone". Surrounding brackets are not accepted here (callers strip them).
    static std::optional<IpAddress> parse(std::string_view text);
    static std::optional<IpAddress> parse(const QString &text);
    static IpAddress v4(std::uint32_t hostOrder)
    {
        IpAddress result;
        result.m_family = Family::V4;
        result.m_bytes[0] = std::uint8_t(hostOrder >> 24);
        result.m_bytes[1] = std::uint8_t(hostOrder >> 16);
        result.m_bytes[2] = std::uint8_t(hostOrder >> 8);
        result.m_bytes[3] = std::uint8_t(hostOrder);
        return result;
    }
    // From the 16 bytes in network order (as the system's socket tables hold them), with the
    // zone index of a link-local address when `scopeId` is not 0 (dropped if it does not fit).
    static IpAddress v6(const std::array<std::uint8_t, 16> &bytes, std::uint32_t scopeId = 0);

    Family family() const { return m_family; }
    bool isNull() const { return m_family == Family::None; }
    bool isV4() const { return m_family == Family::V4; }
    bool isV6() const { return m_family == Family::V6; }
    // 0.0.0.0 or ::
    bool isUnspecified() const;
    bool isLoopback() const;
    bool isV4Mapped() const;
    // ::ffff:a.b.c.d becomes a.b.c.d; other addresses are returned unchanged (zone dropped).
    IpAddress unmapped() const;
    std::uint32_t v4Value() const;
    const std::array<std::uint8_t, 16> &bytes() const { return m_bytes; }
    QString zone() const { return QString::fromLatin1(m_zone.data(), m_zoneLength); }
    bool hasZone() const { return m_zoneLength > 0; }

    // Canonical text: dotted quad, or RFC 5952 compressed lower-case IPv6 (+ "%zone").
    QString toString() const;

    // Equality ignores the zone: an address seen as fe80::1%12 is the same host as fe80::1.
    bool sameHost(const IpAddress &other) const;
    friend bool operator==(const IpAddress &a, const IpAddress &b)
    {
        // Every member, compared as three words: the class has no padding, and the zone's
        // bytes past its length are always zero.
        return a.words(0) == b.words(0) && a.words(1) == b.words(1) && a.words(2) == b.words(2);
    }
    // The 16 address bytes as two words, for comparing and hashing without a call to memcmp.
    std::uint64_t addressWord(int i) const
    {
        std::uint64_t w;
        std::memcpy(&w, m_bytes.data() + 8 * i, 8);
        return w;
    }

private:
    std::uint64_t words(int i) const
    {
        std::uint64_t w;
        std::memcpy(&w, reinterpret_cast<const char *>(this) + 8 * i, 8);
        return w;
    }

    // Trivially copyable on purpose: a snapshot holds two of these per socket, millions of them.
    Family m_family = Family::None;
    std::uint8_t m_zoneLength = 0;
    std::array<char, 6> m_zone{}; // zone index ("12", "eth0"); longer zones are rejected
    std::array<std::uint8_t, 16> m_bytes{};
};

static_assert(sizeof(IpAddress) == 24 && std::has_unique_object_representations_v<IpAddress>,
              "operator== compares IpAddress as three words");

// An address with a prefix length ("10.0.0.0/8", "2001:db8::/32"); a plain address is a /32 or
// /128.
class Subnet
{
public:
    static std::optional<Subnet> parse(const QString &text);

    const IpAddress &address() const { return m_address; }
    int prefixLength() const { return m_prefix; }
    bool contains(const IpAddress &address) const;
    QString toString() const;

private:
    IpAddress m_address;
    int m_prefix = 0;
};

size_t qHash(const IpAddress &address, size_t seed = 0) noexcept;

} // namespace edgemap
