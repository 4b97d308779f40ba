#include "savepathdialog.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QStandardPaths>

namespace edgemap {

namespace {

QString filterFor(const SaveFormat &format)
{
    return QStringLiteral("%1 (*.%2)").arg(format.description, format.suffix);
}

} // namespace

QString SavePathDialog::startFolder(const QString &suggested)
{
    const QString folder = QFileInfo(suggested).absolutePath();
    if (!QFileInfo(suggested).path().isEmpty() && QFileInfo(suggested).path() != u"."
        && QFileInfo(folder).isDir() && folder != QDir::rootPath())
        return folder;
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return documents.isEmpty() ? QDir::homePath() : documents;
}

SavePathDialog::SavePathDialog(QWidget *parent, const QString &title, const QString &suggested,
                               const QList<SaveFormat> &formats)
    : m_dialog(new QFileDialog(parent, title))
    , m_formats(formats)
{
    Q_ASSERT(!formats.isEmpty());
    m_dialog->setAcceptMode(QFileDialog::AcceptSave);
    QStringList filters;
    for (const SaveFormat &f : formats)
        filters.append(filterFor(f));
    m_dialog->setNameFilters(filters);
    m_dialog->setDirectory(startFolder(suggested));
    // The suggested name's suffix picks the starting format.
    const QString suffix = QFileInfo(suggested).suffix();
    for (qsizetype i = 0; i < formats.size(); ++i)
        if (formats.at(i).suffix.compare(suffix, Qt::CaseInsensitive) == 0)
            m_selected = int(i);
    m_dialog->selectNameFilter(filters.at(m_selected));
    m_dialog->setDefaultSuffix(formats.at(m_selected).suffix);
    m_dialog->selectFile(QFileInfo(suggested).fileName());
    QObject::connect(m_dialog, &QFileDialog::filterSelected, m_dialog,
                     [this, filters](const QString &filter) {
                         const auto i = filters.indexOf(filter);
                         if (i < 0)
                             return;
                         m_selected = int(i);
                         m_dialog->setDefaultSuffix(m_formats.at(i).suffix);
                     });
}

SavePathDialog::~SavePathDialog()
{
    delete m_dialog;
}

QString SavePathDialog::exec()
{
    if (m_dialog->exec() != QDialog::Accepted || m_dialog->selectedFiles().isEmpty())
        return {};
    return m_dialog->selectedFiles().constFirst();
}

} // namespace edgemap
