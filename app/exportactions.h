#pragma once

#include "diagramexporter.h"

#include <QObject>

class QAction;
class QMenu;
class QWidget;

namespace edgemap {

class DiagramView;
class Document;

// File > Export Diagram…, Print…, Print Preview… and Copy Diagram for the main window, all
// through DiagramExporter (its own scene: the on-screen selection and hover never reach the
// output). The highlight the view shows (the scenario box, else the selected peer or listener)
// is included only when the user asks. The author is remembered in QSettings.
class ExportActions : public QObject
{
    Q_OBJECT

public:
    ExportActions(Document &document, DiagramView *view, QWidget *window);

    QAction *exportAction() const { return m_export; }
    QAction *printAction() const { return m_print; }
    QAction *printPreviewAction() const { return m_preview; }
    QAction *copyAction() const { return m_copy; }
    // Adds the four actions, after a separator, to the window's File menu.
    void populateMenu(QMenu *file);

    // What the view highlights now, as an export highlight (None when nothing is).
    ExportHighlight currentHighlight() const;
    // Options for print and copy: remembered author, no highlight unless the view has one.
    ExportOptions defaultOptions(ExportFormat format) const;

public Q_SLOTS:
    void exportDiagram();
    void print();
    void printPreview();
    void copyDiagram();

private:
    bool askOptions(ExportOptions &options);

    Document &m_document;
    DiagramView *m_view;
    QWidget *m_window;
    QAction *m_export = nullptr;
    QAction *m_print = nullptr;
    QAction *m_preview = nullptr;
    QAction *m_copy = nullptr;
};

} // namespace edgemap
