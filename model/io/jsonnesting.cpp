#include "io/jsonnesting.h"

namespace edgemap {

std::optional<qsizetype> firstTooDeep(QByteArrayView utf8, int maxDepth)
{
    int depth = 0;
    bool inString = false, escaped = false;
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const char c = utf8[i];
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if ((c == '[' || c == '{') && ++depth > maxDepth) {
            return i;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return std::nullopt;
}

} // namespace edgemap
