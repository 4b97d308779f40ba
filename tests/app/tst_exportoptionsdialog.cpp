// File > Export Diagram's options as the user sees them: only the chosen format's fields, none
// drawn over another, and the values chosen reach the export.
#include "window/exportoptionsdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QTest>

using namespace edgemap;
using namespace Qt::StringLiterals;

namespace {

// The input widgets the user can see, by kind, with their places in the dialog.
QList<QWidget *> visibleInputs(const QDialog &dialog)
{
    QList<QWidget *> out;
    for (QWidget *w : dialog.findChildren<QWidget *>())
        if ((qobject_cast<QLineEdit *>(w) || qobject_cast<QSpinBox *>(w)
             || qobject_cast<QComboBox *>(w) || qobject_cast<QCheckBox *>(w))
            && w->isVisible() && !qobject_cast<QLineEdit *>(w->parentWidget()) // a spin box's
            && !qobject_cast<QSpinBox *>(w->parentWidget())                    // own line edit
            && !qobject_cast<QComboBox *>(w->parentWidget()))
            out.append(w);
    return out;
}

} // namespace

class TstExportOptionsDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void onlyTheFormatsFields_data();
    void onlyTheFormatsFields();
    void choicesReachTheOptions();
    void orientationStartsAutomatic();
    void legibilityNoteFollowsThePages();
};

void TstExportOptionsDialog::onlyTheFormatsFields_data()
{
    QTest::addColumn<ExportFormat>("format");
    QTest::addColumn<int>("spinBoxes");
    QTest::addColumn<int>("comboBoxes");
    QTest::newRow("svg") << ExportFormat::Svg << 0 << 0;
    QTest::newRow("png: resolution") << ExportFormat::Png << 1 << 0;
    QTest::newRow("pdf: page, orientation, pages") << ExportFormat::Pdf << 1 << 2;
    QTest::newRow("draw.io") << ExportFormat::DrawIo << 0 << 0;
}

void TstExportOptionsDialog::onlyTheFormatsFields()
{
    QFETCH(ExportFormat, format);
    QFETCH(int, spinBoxes);
    QFETCH(int, comboBoxes);
    ExportOptions o;
    o.format = format;
    ExportOptionsDialog dialog(o, u"Contoso Edge"_s);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const QList<QWidget *> inputs = visibleInputs(dialog);
    int spins = 0, combos = 0;
    for (QWidget *w : inputs) {
        spins += qobject_cast<QSpinBox *>(w) != nullptr;
        combos += qobject_cast<QComboBox *>(w) != nullptr;
    }
    QCOMPARE(spins, spinBoxes);
    QCOMPARE(combos, comboBoxes);
    QCOMPARE(inputs.size() - spins - combos, 3); // title, author, highlight
    // No field drawn over another (the PNG dpi box once lay over the Title field).
    for (int i = 0; i < inputs.size(); ++i)
        for (int j = i + 1; j < inputs.size(); ++j)
            QVERIFY2(!inputs[i]->geometry().intersects(inputs[j]->geometry()),
                     qPrintable(u"%1 overlaps %2"_s.arg(
                             QString::fromLatin1(inputs[i]->metaObject()->className()),
                             QString::fromLatin1(inputs[j]->metaObject()->className()))));
    // Every hidden widget of another format does not exist at all.
    QCOMPARE(dialog.findChildren<QSpinBox *>().size(), spinBoxes);
}

void TstExportOptionsDialog::choicesReachTheOptions()
{
    ExportOptions o;
    o.format = ExportFormat::Pdf;
    o.dpi = 150;
    ExportOptionsDialog dialog(o, u"Contoso Edge"_s);
    dialog.findChildren<QLineEdit *>().first()->setText(u"Edge pool, site 1"_s);
    auto *tiles = dialog.findChild<QSpinBox *>();
    tiles->setValue(4);
    const auto combos = dialog.findChildren<QComboBox *>();
    combos[0]->setCurrentIndex(combos[0]->findText(u"Letter"_s));
    combos[1]->setCurrentIndex(combos[1]->findText(u"Portrait"_s));
    const ExportOptions chosen = dialog.options();
    QCOMPARE(chosen.title, u"Edge pool, site 1"_s);
    QCOMPARE(chosen.tiles, 4);
    QCOMPARE(chosen.pageSize, QPageSize::Letter);
    QVERIFY(chosen.orientation == QPageLayout::Portrait);
    QCOMPARE(chosen.dpi, 150); // not a PDF option: unchanged
}

void TstExportOptionsDialog::orientationStartsAutomatic()
{
    ExportOptions o;
    o.format = ExportFormat::Pdf;
    ExportOptionsDialog dialog(o, u"Contoso Edge"_s);
    QComboBox *orientation = dialog.findChildren<QComboBox *>().at(1);
    QVERIFY2(orientation->currentText().startsWith(u"Automatic"_s),
             qPrintable(orientation->currentText()));
    QVERIFY(!dialog.options().orientation);
    orientation->setCurrentIndex(orientation->findText(u"Landscape"_s));
    QVERIFY(dialog.options().orientation == QPageLayout::Landscape);
}

// The note reads what the options would print: shown for one page, gone at 6 pages.
void TstExportOptionsDialog::legibilityNoteFollowsThePages()
{
    ExportOptions o;
    o.format = ExportFormat::Pdf;
    QList<int> asked;
    ExportOptionsDialog dialog(o, u"Contoso Edge"_s, nullptr, [&asked](const ExportOptions &c) {
        asked.append(c.tiles);
        return c.tiles < 6 ? u"the smallest text prints at 3.0 pt on A4"_s : QString();
    });
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *note = dialog.findChild<QLabel *>(u"legibilityWarning"_s);
    QVERIFY(note);
    QVERIFY(note->isVisible());
    QVERIFY2(note->text().contains(u"3.0 pt on A4"_s), qPrintable(note->text()));
    dialog.findChild<QSpinBox *>()->setValue(6);
    QCOMPARE(asked.last(), 6);
    QVERIFY(!note->isVisible());
    QVERIFY(dialog.warning().isEmpty());
}

QTEST_MAIN(TstExportOptionsDialog)
#include "tst_exportoptionsdialog.moc"
