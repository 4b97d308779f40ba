#include "window/exportactions.h"
#include "window/exportoptionsdialog.h"

#include "window/savepathdialog.h"

#include "diagram/diagrampane.h"
#include "diagram/diagramscene.h"
#include "document/document.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialog>
#include <QDir>
#include <QFileInfo>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPrintDialog>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QSettings>
#include <QStatusBar>
#include <QtConcurrent/QtConcurrentRun>

namespace edgemap {

namespace {

// On the window's status bar when it has one.
void showMessage(QWidget *window, const QString &text, int timeout = 5000)
{
    if (auto *main = qobject_cast<QMainWindow *>(window); main && main->statusBar())
        main->statusBar()->showMessage(text, timeout);
}

// The written PDF's "text too small" note, in the window's words; empty when none.
QString legibilityNote(const ExportResult &result, QPageSize::PageSizeId page)
{
    if (!result.legibility)
        return {};
    return pagefit::legibilityWarning(*result.legibility, QPageSize::name(page),
                                      ExportActions::tr("%1 pages"));
}

const QString kAuthorKey = QStringLiteral("export/author");
const QString kDirKey = QStringLiteral("export/directory");

} // namespace

ExportActions::ExportActions(Document &document, DiagramPane *view, QWidget *window)
    : QObject(window)
    , m_document(document)
    , m_view(view)
    , m_window(window)
{
    m_export = new QAction(tr("Export &Diagram…"), this);
    m_export->setObjectName(QStringLiteral("exportDiagramAction"));
    m_export->setStatusTip(tr("Write the diagram as SVG, PNG, PDF or draw.io"));
    m_print = new QAction(tr("&Print…"), this);
    m_print->setObjectName(QStringLiteral("printAction"));
    m_print->setShortcut(QKeySequence::Print);
    m_preview = new QAction(tr("Print Pre&view…"), this);
    m_preview->setObjectName(QStringLiteral("printPreviewAction"));
    m_copy = new QAction(tr("Cop&y Diagram"), this);
    m_copy->setObjectName(QStringLiteral("copyDiagramAction"));
    m_copy->setStatusTip(tr("Copy the diagram as an image and as SVG"));
    connect(m_export, &QAction::triggered, this, &ExportActions::exportDiagram);
    connect(m_print, &QAction::triggered, this, &ExportActions::print);
    connect(m_preview, &QAction::triggered, this, &ExportActions::printPreview);
    connect(m_copy, &QAction::triggered, this, &ExportActions::copyDiagram);
    connect(&m_exportRun, &QFutureWatcher<ExportResult>::finished, this, [this] {
        const ExportResult result = m_exportRun.result();
        const QString path = m_exportPath;
        setBusy(false);
        if (result.ok()) {
            const QString warning = legibilityNote(result, m_exportOptions.pageSize);
            // Longer on screen when there is something to read.
            showMessage(
                    m_window,
                    warning.isEmpty()
                            ? tr("Exported the diagram to %1").arg(QDir::toNativeSeparators(path))
                            : tr("Exported the diagram to %1; note: %2")
                                      .arg(QDir::toNativeSeparators(path), warning),
                    warning.isEmpty() ? 5000 : 20000);
            m_lastWarning = warning;
        } else {
            // Plain text: the message quotes a path, which must never be taken for markup.
            QMessageBox box(QMessageBox::Warning, tr("Export Diagram"), result.error,
                            QMessageBox::Ok, m_window);
            box.setTextFormat(Qt::PlainText);
            if (m_window && m_window->isVisible())
                box.exec();
        }
        Q_EMIT exportFinished(path, result.error);
    });
    connect(&m_copyRun, &QFutureWatcher<Copied>::finished, this, [this] {
        const Copied result = m_copyRun.result();
        setBusy(false);
        auto *data = new QMimeData;
        if (!result.image.isNull())
            data->setImageData(result.image);
        data->setData(QStringLiteral("image/svg+xml"), result.svg);
        QApplication::clipboard()->setMimeData(data);
        showMessage(m_window, result.image.isNull()
                                      ? tr("Copied the diagram as SVG (too large for an image)")
                                      : tr("Copied the diagram"));
        Q_EMIT copied();
    });
}

void ExportActions::setBusy(bool busy, const QString &what)
{
    m_busy = busy;
    for (QAction *a : {m_export, m_copy, m_print, m_preview})
        a->setEnabled(!busy);
    if (busy)
        showMessage(m_window, what, 0);
}

void ExportActions::waitForFinished()
{
    if (!m_busy)
        return;
    showMessage(m_window, tr("Finishing the export…"), 0);
    QApplication::setOverrideCursor(Qt::WaitCursor);
    m_exportRun.waitForFinished();
    m_copyRun.waitForFinished();
    QApplication::restoreOverrideCursor();
}

bool ExportActions::startExport(const QString &path, const ExportOptions &options)
{
    if (m_busy)
        return false;
    m_exportPath = path;
    m_exportOptions = options;
    m_lastWarning.clear();
    setBusy(true, tr("Exporting the diagram to %1…").arg(QDir::toNativeSeparators(path)));
    // The worker gets values only (a topology copy and what the checks say) and paints with a
    // QPainter on an image, an SvgWriter or a QPdfWriter: no scene, no QObject of ours.
    m_exportRun.setFuture(QtConcurrent::run([state = m_document.state(), path, options] {
        return DiagramExporter(diagramInputOf(state), options).exportTo(path);
    }));
    return true;
}

void ExportActions::populateMenu(QMenu *file)
{
    file->addSeparator();
    file->addAction(m_export);
    file->addAction(m_copy);
    file->addAction(m_preview);
    file->addAction(m_print);
}

ElementRef ExportActions::currentHighlight() const
{
    const QString scenario = m_view->scenarioBox()->currentData().toString();
    if (!scenario.isEmpty())
        return ElementRef::scenario(ScenarioId(scenario));
    if (!m_view->scene()->hasHighlight())
        return {};
    const ElementRef ref = m_view->selectedRef();
    if (ref.as<PeerId>() || ref.as<ListenerId>())
        return ref;
    return {};
}

ExportOptions ExportActions::defaultOptions(ExportFormat format) const
{
    ExportOptions o;
    o.format = format;
    o.author = QSettings().value(kAuthorKey).toString();
    o.highlight = currentHighlight();
    o.expanded = m_view->scene()->expanded(); // the members drawn in full stay so on paper
    return o;
}

// The options that matter for the chosen format; false when cancelled.
bool ExportActions::askOptions(ExportOptions &o)
{
    // The diagram's bounds for the dialog's legibility note: one layout, reused on every change.
    const QRectF bounds = o.format == ExportFormat::Pdf
                                  ? DiagramExporter(m_document, o).layout().bounds
                                  : QRectF();
    ExportOptionsDialog dialog(
            o, m_document.topology().name, m_window, [bounds](const ExportOptions &chosen) {
                return DiagramExporter::legibilityWarning(bounds, chosen, tr("%1 pages"));
            });
    if (dialog.exec() != QDialog::Accepted)
        return false;
    o = dialog.options();
    QSettings().setValue(kAuthorKey, o.author);
    return true;
}

void ExportActions::exportDiagram()
{
    QSettings settings;
    const QString base = QFileInfo(m_document.filePath()).completeBaseName();
    // The last export folder, else the topology's; SavePathDialog falls back to Documents.
    QString folder = settings.value(kDirKey).toString();
    if (folder.isEmpty() && !m_document.filePath().isEmpty())
        folder = QFileInfo(m_document.filePath()).absolutePath();
    const QString suggested = folder + u'/'
                              + (base.isEmpty() ? QStringLiteral("edge-diagram") : base)
                              + QStringLiteral(".svg");
    SavePathDialog dialog(m_window, tr("Export Diagram"), suggested,
                          {{tr("SVG image"), QStringLiteral("svg")},
                           {tr("PNG image"), QStringLiteral("png")},
                           {tr("PDF document"), QStringLiteral("pdf")},
                           {tr("draw.io diagram"), QStringLiteral("drawio")}});
    const QString path = dialog.exec();
    if (path.isEmpty())
        return;
    if (!exportFormatForPath(path)) { // "x.vsdx": the suffix typed names no format
        QMessageBox::warning(m_window, tr("Export Diagram"),
                             tr("EdgeMap exports .svg, .png, .pdf and .drawio files."));
        return;
    }
    settings.setValue(kDirKey, QFileInfo(path).absolutePath());
    ExportOptions options = defaultOptions(*exportFormatForPath(path));
    if (!askOptions(options))
        return;
    startExport(path, options);
}

void ExportActions::print()
{
    QPrinter printer(QPrinter::HighResolution);
    const DiagramExporter exporter(m_document, defaultOptions(ExportFormat::Pdf));
    // The orientation that prints larger, as a start; the dialog may change it.
    printer.setPageOrientation(exporter.pageChoice().orientation);
    QPrintDialog dialog(&printer, m_window);
    if (dialog.exec() != QDialog::Accepted)
        return;
    exporter.paintPages(&printer);
}

void ExportActions::printPreview()
{
    QPrinter printer(QPrinter::HighResolution);
    const DiagramExporter exporter(m_document, defaultOptions(ExportFormat::Pdf));
    printer.setPageOrientation(exporter.pageChoice().orientation);
    QPrintPreviewDialog dialog(&printer, m_window);
    connect(&dialog, &QPrintPreviewDialog::paintRequested, this,
            [&exporter](QPrinter *p) { exporter.paintPages(p); });
    dialog.exec();
}

void ExportActions::copyDiagram()
{
    ExportOptions options = defaultOptions(ExportFormat::Png);
    options.dpi = 96; // what pastes well into a chat or a document
    if (m_busy)
        return;
    setBusy(true, tr("Copying the diagram…"));
    m_copyRun.setFuture(QtConcurrent::run([state = m_document.state(), options] {
        const DiagramExporter exporter(diagramInputOf(state), options);
        return Copied{exporter.image(), exporter.svg()};
    }));
}

} // namespace edgemap
