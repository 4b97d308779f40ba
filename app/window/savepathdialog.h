#pragma once

#include <QList>
#include <QPointer>
#include <QString>

#include <QFileDialog>

class QWidget;

namespace edgemap {

// One choice in a save dialog: "SVG image" and "svg".
struct SaveFormat
{
    QString description;
    QString suffix; // without the dot
};

// A save dialog whose chosen format supplies the suffix of a name typed without one, before
// the dialog asks about overwriting (so the question is about the file that will be written).
// `suggested` is a path; when its folder is empty or gone, the user's Documents folder is used.
class SavePathDialog
{
public:
    SavePathDialog(QWidget *parent, const QString &title, const QString &suggested,
                   const QList<SaveFormat> &formats);
    ~SavePathDialog();
    SavePathDialog(const SavePathDialog &) = delete;
    SavePathDialog &operator=(const SavePathDialog &) = delete;

    // The chosen path, or empty when cancelled.
    QString exec();
    // The format chosen in the dialog's type list (an index into `formats`).
    int selectedFormat() const { return m_selected; }
    QFileDialog *dialog() const { return m_dialog; } // for tests

    // The folder part of `suggested` when it exists, else the user's Documents folder.
    static QString startFolder(const QString &suggested);

private:
    QPointer<QFileDialog> m_dialog; // parented for placement; gone if the parent goes first
    QList<SaveFormat> m_formats;
    int m_selected = 0;
};

} // namespace edgemap
