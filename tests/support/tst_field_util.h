#pragma once

#include "document/topologyedit.h"

#include <QString>

namespace edgemap {

// The field of the element with this id, of the kind that holds the field: data tables name
// elements by their id text. The topology's own fields ignore the id.
inline FieldRef fieldOf(Field field, const QString &id)
{
    const ElementRef::Kind kind = holderKind(field);
    if (kind == ElementRef::Kind::None)
        return FieldRef::ofTopology(field);
    return {field, ElementRef::parse(ElementRef::keyOf(kind) + u':' + id).value_or(ElementRef())};
}

} // namespace edgemap
