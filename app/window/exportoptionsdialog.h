#pragma once

#include "export/diagramexporter.h"

#include <QDialog>

#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace edgemap {

// The options of File > Export Diagram for the chosen format, and only those: title, author and
// the current highlight for every format; the resolution for PNG; page size, orientation and
// pages (fit to one, or tiled) for PDF, with a note under them while the chosen pages would print
// the text too small to read. The widgets of the other formats are not created, so nothing is
// laid over the fields in use.
class ExportOptionsDialog : public QDialog
{
    Q_OBJECT

public:
    // `options` gives the format and the starting values; `defaultTitle` is shown as the title's
    // placeholder (the topology's name, used when the title is left empty). `warningFor` says
    // what is wrong with a choice of options (DiagramExporter::legibilityWarning); none: nothing.
    using WarningFor = std::function<QString(const ExportOptions &)>;
    ExportOptionsDialog(const ExportOptions &options, const QString &defaultTitle,
                        QWidget *parent = nullptr, WarningFor warningFor = {});

    // The starting options with what the user chose.
    ExportOptions options() const;
    // The note shown under the page options; empty when none.
    QString warning() const;

private:
    void updateWarning();

    ExportOptions m_options;
    QLineEdit *m_title;
    QLineEdit *m_author;
    QCheckBox *m_highlight;
    QSpinBox *m_dpi = nullptr;
    QComboBox *m_page = nullptr;
    QComboBox *m_orientation = nullptr;
    QSpinBox *m_tiles = nullptr;
    QLabel *m_warning = nullptr;
    WarningFor m_warningFor;
};

} // namespace edgemap
