// SnapshotSource in tests: QCOMPARE's text when two differ, and the source a signal carried.
#pragma once

#include "snapshot/snapshotsource.h"

#include <QByteArray>
#include <QDebug>
#include <QList>
#include <QString>
#include <QVariant>
#include <QtGlobal>

namespace edgemap {

// Found by argument-dependent lookup from QCOMPARE: "SnapshotSource(Capture, "edge01")".
inline char *toString(const SnapshotSource &source)
{
    QString text;
    QDebug(&text) << source;
    return qstrdup(text.trimmed().toUtf8().constData());
}

} // namespace edgemap

namespace edgemap::sourcetest {

// Argument `i` of one signal a QSignalSpy caught, as a SnapshotSource.
inline SnapshotSource sourceAt(const QList<QVariant> &arguments, qsizetype i = 0)
{
    return arguments.at(i).value<SnapshotSource>();
}

} // namespace edgemap::sourcetest
