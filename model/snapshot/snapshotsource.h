#pragma once

#include <QHashFunctions>
#include <QMetaType>
#include <QString>

class QDebug;

namespace edgemap {

// Where a snapshot came from: a file the user opened, the clipboard, a watched file, a capture
// profile's run, this computer's socket tables... A plain value (copied into workers and
// results), compared and hashed by kind and name, so that a capture profile named like a file is
// not that file, and a file the user opens is not the same file followed by Watch File.
//
// The loads of one source are one stream (SnapshotController: a newer one supersedes an older one
// still running), and a live source's state in the snapshot pane belongs to the snapshots it
// brought (CheckResult::source).
class SnapshotSource
{
public:
    enum class Kind {
        None,         // no source (a default CheckResult)
        File,         // a file the user named: Open Snapshot, a drop, the command line
        WatchedFile,  // a file followed by Watch File (its absolute path)
        Clipboard,    // Paste Snapshot
        DroppedText,  // text dropped on the window
        Named,        // text handed in under a name its caller chose (tools, tests)
        Capture,      // a capture profile's run, by the profile's name
        ThisComputer, // Capture This Computer: the system's own socket tables
    };

    SnapshotSource() = default;

    static SnapshotSource file(const QString &path);
    static SnapshotSource watchedFile(const QString &absolutePath);
    static SnapshotSource clipboard();
    static SnapshotSource droppedText();
    static SnapshotSource named(const QString &name);
    static SnapshotSource capture(const QString &profileName);
    static SnapshotSource thisComputer();

    Kind kind() const { return m_kind; }
    bool isNull() const { return m_kind == Kind::None; }
    // A file to read (File, WatchedFile): path() is where.
    bool isFile() const { return m_kind == Kind::File || m_kind == Kind::WatchedFile; }
    // Fed by something that repeats without the user asking each time (a watched file, a capture
    // profile at its interval, this computer refreshed): its failures are states in the snapshot
    // pane, not message boxes. The rest are loads the user asked for, answered one by one.
    bool isLive() const;

    // The file's path for the file kinds; empty otherwise.
    QString path() const { return isFile() ? m_name : QString(); }
    // The path, the profile's or the caller's name; empty for the kinds that have none.
    QString name() const { return m_name; }
    // What the user reads where space is short (the status bar, the check summary): the file name
    // for a file, the name or the kind's text otherwise.
    QString label() const;
    // The whole text: the path as given for a file, "clipboard", "dropped text", the profile's
    // name, "This computer (native capture)". What reports, the command line, errors and the
    // panes show as a snapshot's source.
    QString text() const;

    friend bool operator==(const SnapshotSource &a, const SnapshotSource &b)
    {
        return a.m_kind == b.m_kind && a.m_name == b.m_name;
    }
    friend bool operator!=(const SnapshotSource &a, const SnapshotSource &b) { return !(a == b); }
    friend size_t qHash(const SnapshotSource &s, size_t seed = 0) noexcept
    {
        return qHashMulti(seed, int(s.m_kind), s.m_name);
    }

private:
    SnapshotSource(Kind kind, const QString &name)
        : m_kind(kind)
        , m_name(name)
    {}

    Kind m_kind = Kind::None;
    QString m_name; // path, profile name or caller's name; empty for the unnamed kinds
};

// "SnapshotSource(WatchedFile, "/share/edge01.txt")": for test failures and logs.
QDebug operator<<(QDebug debug, const SnapshotSource &source);

} // namespace edgemap

Q_DECLARE_METATYPE(edgemap::SnapshotSource)
