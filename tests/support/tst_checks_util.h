#pragma once

#include "document/document.h"

#include <memory>

namespace edgemap {

// Delivers one check to a document as the SnapshotController does (the comparison with the
// server's previous check made here); null clears every check.
inline void deliverCheck(Document &doc, std::shared_ptr<const CheckResult> check)
{
    doc.setChecks(check ? doc.checks().withCheck(std::move(check), doc.topology()) : CheckSet());
}

} // namespace edgemap
