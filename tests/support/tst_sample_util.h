// The bundled sample snapshot (edge01, netstat -anob) judged against a topology, for the tests of
// the views that show a check.
#pragma once

#include "snapshot/check.h"
#include "support/tst_snapshot_util.h"

#include <QFile>
#include <QtGlobal>

#include <memory>

namespace edgemap::sampletest {

// The sample, read as the bytes on disk and named "sample", judged against `topology`.
inline CheckResult sampleCheckResult(const Topology &topology)
{
    QFile file(snapshottest::bundledSamplePath());
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read the sample snapshot");
    CheckResult result = readAndJudge(topology, file.readAll(),
                                      SnapshotSource::named(QStringLiteral("sample")));
    if (!result.ok())
        qFatal("sample check failed: %s", qPrintable(result.error.message));
    return result;
}

// The same, shared as a Document holds it.
inline std::shared_ptr<const CheckResult> sampleCheck(const Topology &topology)
{
    return std::make_shared<const CheckResult>(sampleCheckResult(topology));
}

} // namespace edgemap::sampletest
