#include "window/exportoptionsdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

namespace edgemap {

namespace {
constexpr int kAuto = -1; // the orientation combo's "Automatic"
} // namespace

ExportOptionsDialog::ExportOptionsDialog(const ExportOptions &options, const QString &defaultTitle,
                                         QWidget *parent, WarningFor warningFor)
    : QDialog(parent)
    , m_options(options)
    , m_title(new QLineEdit(options.title, this))
    , m_author(new QLineEdit(options.author, this))
    , m_highlight(new QCheckBox(tr("Include the current &highlight"), this))
    , m_warningFor(std::move(warningFor))
{
    setWindowTitle(tr("Export Diagram"));
    auto *form = new QFormLayout(this);
    m_title->setPlaceholderText(defaultTitle);
    form->addRow(tr("&Title:"), m_title);
    form->addRow(tr("&Author:"), m_author);
    m_highlight->setEnabled(options.highlight.isValid());
    m_highlight->setChecked(false);
    form->addRow(QString(), m_highlight);
    if (options.format == ExportFormat::Png) {
        m_dpi = new QSpinBox(this);
        m_dpi->setRange(24, 1200);
        m_dpi->setValue(options.dpi);
        m_dpi->setSuffix(tr(" dpi"));
        form->addRow(tr("&Resolution:"), m_dpi);
    }
    if (options.format == ExportFormat::Pdf) {
        m_page = new QComboBox(this);
        m_page->addItem(QStringLiteral("A4"), int(QPageSize::A4));
        m_page->addItem(QStringLiteral("Letter"), int(QPageSize::Letter));
        m_page->setCurrentIndex(std::max(0, m_page->findData(int(options.pageSize))));
        m_orientation = new QComboBox(this);
        m_orientation->addItem(tr("Automatic (prints larger)"), kAuto);
        m_orientation->addItem(tr("Landscape"), int(QPageLayout::Landscape));
        m_orientation->addItem(tr("Portrait"), int(QPageLayout::Portrait));
        m_orientation->setCurrentIndex(std::max(
                0,
                m_orientation->findData(options.orientation ? int(*options.orientation) : kAuto)));
        m_tiles = new QSpinBox(this);
        m_tiles->setRange(1, 64);
        m_tiles->setValue(options.tiles);
        m_tiles->setSpecialValueText(tr("Fit to one page"));
        m_tiles->setSuffix(tr(" pages (tiled)"));
        form->addRow(tr("&Page size:"), m_page);
        form->addRow(tr("&Orientation:"), m_orientation);
        form->addRow(tr("Pa&ges:"), m_tiles);
        // A note, not a refusal: a wall chart may be meant to be read up close.
        m_warning = new QLabel(this);
        m_warning->setObjectName(QStringLiteral("legibilityWarning"));
        m_warning->setWordWrap(true);
        m_warning->setTextFormat(Qt::PlainText);
        form->addRow(m_warning);
        for (QComboBox *box : {m_page, m_orientation})
            connect(box, &QComboBox::currentIndexChanged, this,
                    &ExportOptionsDialog::updateWarning);
        connect(m_tiles, &QSpinBox::valueChanged, this, &ExportOptionsDialog::updateWarning);
        updateWarning();
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

ExportOptions ExportOptionsDialog::options() const
{
    ExportOptions o = m_options;
    o.title = m_title->text();
    o.author = m_author->text();
    if (!m_highlight->isChecked())
        o.highlight = {};
    if (m_dpi)
        o.dpi = m_dpi->value();
    if (m_page)
        o.pageSize = QPageSize::PageSizeId(m_page->currentData().toInt());
    if (m_orientation) {
        const int orientation = m_orientation->currentData().toInt();
        o.orientation = orientation == kAuto ? std::nullopt
                                             : std::optional(QPageLayout::Orientation(orientation));
    }
    if (m_tiles)
        o.tiles = m_tiles->value();
    return o;
}

} // namespace edgemap

namespace edgemap {

QString ExportOptionsDialog::warning() const
{
    return m_warning ? m_warning->text() : QString();
}

void ExportOptionsDialog::updateWarning()
{
    if (!m_warning)
        return;
    const QString text = m_warningFor ? m_warningFor(options()) : QString();
    m_warning->setText(text.isEmpty() ? QString() : tr("Note: %1.").arg(text));
    m_warning->setVisible(!text.isEmpty());
}

} // namespace edgemap
