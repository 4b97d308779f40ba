#pragma once

#include "export/diagramexporter.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;

namespace edgemap {

// The options of File > Export Diagram for the chosen format, and only those: title, author and
// the current highlight for every format; the resolution for PNG; page size, orientation and
// pages (fit to one, or tiled) for PDF. The widgets of the other formats are not created, so
// nothing is laid over the fields in use.
class ExportOptionsDialog : public QDialog
{
    Q_OBJECT

public:
    // `options` gives the format and the starting values; `defaultTitle` is shown as the title's
    // placeholder (the topology's name, used when the title is left empty).
    ExportOptionsDialog(const ExportOptions &options, const QString &defaultTitle,
                        QWidget *parent = nullptr);

    // The starting options with what the user chose.
    ExportOptions options() const;

private:
    ExportOptions m_options;
    QLineEdit *m_title;
    QLineEdit *m_author;
    QCheckBox *m_highlight;
    QSpinBox *m_dpi = nullptr;
    QComboBox *m_page = nullptr;
    QComboBox *m_orientation = nullptr;
    QSpinBox *m_tiles = nullptr;
};

} // namespace edgemap
