#pragma once

#include <QMessageBox>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>

class QMenu;
class QStatusBar;
class QWidget;

namespace edgemap {

class Autosave;
class Document;
class ImportActions;
class PropertyEditor;
class SnapshotUi;

// What the file actions ask the user. The main window answers with message boxes, or records
// the question when it is not interactive (tests, the command line).
class FilePrompts
{
public:
    // Records the error and, when interactive, shows it.
    virtual void showError(const QString &title, const QString &message) = 0;
    // Save / Discard / Cancel for unsaved changes.
    virtual QMessageBox::StandardButton askToSave() = 0;
    // Restore (Yes) / Discard / Later (NoButton) for one autosaved copy.
    virtual QMessageBox::StandardButton askToRestore(const QString &description) = 0;
    // Which of `servers` (one line each) the snapshot `snapshot` was taken on, when its
    // addresses match none (`reason` says what it shows): the index chosen, or -1 (Cancel).
    virtual int askServer(const QString &snapshot, const QString &reason,
                          const QStringList &servers)
            = 0;
    // Says what an action did (`text`), with `details` to read on demand (an import's summary).
    virtual void showReport(const QString &title, const QString &text, const QString &details) = 0;
    // Lists `changes` (one line each) under `text` and asks whether to apply them.
    virtual bool confirmChanges(const QString &title, const QString &text,
                                const QStringList &changes)
            = 0;

protected:
    ~FilePrompts() = default;
};

// File > New Topology, Open, Open Recent, Save, Save As, and what they share: telling a topology
// from a snapshot by content, the unsaved-changes prompt, the recent files, the autosaved copies
// offered back. The dialog-free entry points (openFile, openAny, saveTo) serve the command line,
// drops and tests.
class FileActions : public QObject
{
    Q_OBJECT

public:
    FileActions(Document &document, SnapshotUi &snapshots, PropertyEditor &editor,
                Autosave &autosave, FilePrompts &prompts, QStatusBar *statusBar, QWidget *window);

    // New Topology, Open, Open Recent ▸, Save, Save As.
    void populateMenu(QMenu *file);

    // Loads a topology file into the document; on failure the document is left untouched.
    bool openFile(const QString &path);
    // A topology (after the unsaved-changes prompt) or a snapshot, told apart by content.
    bool openAny(const QString &path);
    // Opens `paths` one after the other as openAny does, then runs `then`. An import runs off
    // the GUI thread: the next file waits for it, so that a snapshot dropped with a topology
    // export is judged against the imported topology.
    void openAll(QStringList paths, const std::function<void()> &then = {});
    // Writes the topology atomically; on success the document takes the path, unmodified.
    bool saveTo(const QString &path);
    // Topology files opened or saved, newest first (QSettings "recentFiles", at most 8).
    QStringList recentFiles() const;
    // The document's folder, else the user's documents: where the file dialogs start.
    QString dialogDirectory() const;
    // True when there is nothing unsaved, or the user saved or discarded it.
    bool maybeSave();
    // Offers back autosaved work left by a crashed session; the number of copies restored.
    int offerAutosave();
    // Opening a deployment's topology (Open, drops) and Import Topology Changes.
    ImportActions *imports() const { return m_imports; }

public Q_SLOTS:
    void newTopology();
    void open();
    bool save();
    bool saveAs();

private:
    void addRecentFile(const QString &path);
    void updateRecentMenu();

    Document &m_document;
    SnapshotUi &m_snapshots;
    PropertyEditor &m_editor;
    Autosave &m_autosave;
    FilePrompts &m_prompts;
    QStatusBar *m_statusBar;
    QWidget *m_window;
    QMenu *m_recentMenu = nullptr;
    ImportActions *m_imports;
};

} // namespace edgemap
