#pragma once

// Shared by the libFuzzer targets: each feeds the fuzzer's bytes through the entry point the app
// uses for a file's bytes, so a crash here is a crash a user can cause with a file.
#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace edgemap::fuzz {

inline QByteArray bytesOf(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
}

// Prepends `prefix`, so the reader takes the encoding path the target is about.
inline QByteArray withPrefix(const char *prefix, const uint8_t *data, size_t size)
{
    return QByteArray(prefix) + bytesOf(data, size);
}

// The readers' contract: a result, or an error that says what is wrong. Neither is a bug that
// libFuzzer reports like a crash.
inline void requireResultOrError(bool ok, const QString &errorMessage)
{
    if (!ok && errorMessage.isEmpty()) {
        std::fputs("reader failed without an error message\n", stderr);
        std::abort();
    }
}

} // namespace edgemap::fuzz
