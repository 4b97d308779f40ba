#include "window/savepathdialog.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QStandardPaths>

#include <algorithm>

namespace edgemap {

namespace {

QString filterFor(const SaveFormat &format)
{
    return QStringLiteral("%1 (*.%2)").arg(format.description, format.suffix);
}

} // namespace

QString SavePathDialog::startFolder(const QString &suggested)
{
    // A suggestion without a folder ("name.svg", or "/name.svg" from an empty folder setting)
    // and a drive root (C:/, D:/ or /) mean "nowhere chosen yet".
    const QString given = QFileInfo(suggested).path();
    const QString folder = QFileInfo(suggested).absolutePath();
    if (!given.isEmpty() && given != u"." && QFileInfo(folder).isDir() && !QDir(folder).isRoot())
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
    while (m_dialog && m_dialog->exec() == QDialog::Accepted
           && !m_dialog->selectedFiles().isEmpty()) {
        const QString chosen = m_dialog->selectedFiles().constFirst();
        const QString suffix = QFileInfo(chosen).suffix();
        const bool known = std::any_of(m_formats.cbegin(), m_formats.cend(), [&](const auto &f) {
            return f.suffix.compare(suffix, Qt::CaseInsensitive) == 0;
        });
        if (known)
            return chosen; // the dialog has asked about overwriting it
        // "edge.contoso.com": a dot, so the dialog added no suffix; add the chosen type's and
        // ask about overwriting that file ourselves.
        const QString path = chosen + u'.' + m_formats.at(m_selected).suffix;
        if (!QFileInfo::exists(path))
            return path;
        const auto answer = QMessageBox::question(
                m_dialog, m_dialog->windowTitle(),
                QObject::tr("%1 already exists.\nDo you want to replace it?")
                        .arg(QFileInfo(path).fileName()),
                QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer == QMessageBox::Yes)
            return path;
        m_dialog->selectFile(QFileInfo(path).fileName()); // back to the dialog, name kept
    }
    return {};
}

} // namespace edgemap
