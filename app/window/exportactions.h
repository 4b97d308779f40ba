#pragma once

#include "export/diagramexporter.h"

#include <QFutureWatcher>
#include <QImage>
#include <QObject>

class QAction;
class QMenu;
class QWidget;

namespace edgemap {

class DiagramPane;
class Document;

// File > Export Diagram…, Print…, Print Preview… and Copy Diagram for the main window, all
// through DiagramExporter (its own layout and look, drawn by DiagramRenderer: the on-screen
// selection and hover never reach the output). The highlight the view shows (the scenario box, else
// the selected peer or listener) is included only when the user asks. The author is remembered in
// QSettings.
class ExportActions : public QObject
{
    Q_OBJECT

public:
    ExportActions(Document &document, DiagramPane *view, QWidget *window);

    QAction *exportAction() const { return m_export; }
    QAction *printAction() const { return m_print; }
    QAction *printPreviewAction() const { return m_preview; }
    QAction *copyAction() const { return m_copy; }
    // Adds the four actions, after a separator, to the window's File menu.
    void populateMenu(QMenu *file);

    // What the view highlights now, as an export highlight (invalid when nothing is).
    ElementRef currentHighlight() const;
    // Options for print and copy: remembered author, no highlight unless the view has one.
    ExportOptions defaultOptions(ExportFormat format) const;

    // Writes the diagram to `path` off the GUI thread, from a copy of the document's data
    // (diagramInputOf(): edits and snapshots that arrive meanwhile do not reach the file). The
    // export, copy and print actions are disabled until it ends with exportFinished. False when one
    // is already running.
    bool startExport(const QString &path, const ExportOptions &options);
    bool isExporting() const { return m_busy; }
    // The note shown with the last export that was written (its text too small to read on
    // paper); empty when none.
    QString lastWarning() const { return m_lastWarning; }
    // Blocks until a running export or copy has finished (the window is closing).
    void waitForFinished();

public Q_SLOTS:
    void exportDiagram();
    void print();
    void printPreview();
    void copyDiagram();

Q_SIGNALS:
    // The user has been told (status bar or box); for tests and the window's status bar.
    void exportFinished(const QString &path, const QString &error);
    void copied();

private:
    struct Copied
    {
        QImage image; // null when the diagram is too large for an image
        QByteArray svg;
    };
    bool askOptions(ExportOptions &options);
    void setBusy(bool busy, const QString &what = {});

    QFutureWatcher<ExportResult> m_exportRun;
    QFutureWatcher<Copied> m_copyRun;
    QString m_exportPath;
    ExportOptions m_exportOptions;
    QString m_lastWarning;
    bool m_busy = false;

    Document &m_document;
    DiagramPane *m_view;
    QWidget *m_window;
    QAction *m_export = nullptr;
    QAction *m_print = nullptr;
    QAction *m_preview = nullptr;
    QAction *m_copy = nullptr;
};

} // namespace edgemap
