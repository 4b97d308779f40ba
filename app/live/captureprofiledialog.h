#pragma once

#include "live/capturerunner.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QList>
#include <QString>

class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace edgemap {

// Lists, adds, edits, duplicates and removes the user's capture profiles (captureprofiles.h),
// checking each as it is typed and saying what is wrong; OK stores them in the settings, Cancel
// forgets the edits. The built-in profiles are listed too: editing one stores an edited copy
// under the same name, and removing that copy brings the built-in one back. "Test now" runs the
// selected profile once and reports how many socket rows its output has (or why it failed, with
// what the program wrote to standard error); the output is not loaded into the document.
class CaptureProfileDialog : public QDialog
{
    Q_OBJECT

public:
    explicit CaptureProfileDialog(QWidget *parent = nullptr);
    ~CaptureProfileDialog() override;

    // The profiles to store (built-in ones left out unless edited), in list order.
    QList<CaptureProfile> storedProfiles() const;
    // Why the selected profile cannot run; empty when it can (what the dialog shows).
    QString currentProblem() const;
    QString testResult() const; // the text of the last "Test now"
    bool isTesting() const;

    void accept() override;

public Q_SLOTS:
    void addProfile();
    void duplicateProfile();
    void removeProfile();
    void testNow();

Q_SIGNALS:
    void testFinished(); // the result of "Test now" is shown

private:
    struct Entry
    {
        CaptureProfile profile;
        bool builtIn = false;
        QString note;          // the built-in profile's note
        QString argumentsLine; // as typed, for its own check
    };

    void buildUi();
    void showEntry(int row);
    void fieldsEdited();
    void refreshRow(int row);
    void refreshState();
    QString problemOf(int row) const;
    QString uniqueName(const QString &base) const;
    int currentRow() const;
    void showOutput(const QString &name, const QByteArray &bytes);
    void showTestFailure(const QString &message);

    QList<Entry> m_entries;
    bool m_loading = false; // fields are being filled in, not typed
    CaptureRunner m_testRunner;
    QFutureWatcher<QString> m_parse;

    QListWidget *m_list;
    QLineEdit *m_name;
    QLineEdit *m_program;
    QLineEdit *m_arguments;
    QSpinBox *m_interval;
    QSpinBox *m_timeout;
    QLabel *m_problem;
    QLabel *m_note;
    QPushButton *m_duplicate;
    QPushButton *m_remove;
    QPushButton *m_test;
    QPushButton *m_ok;
    QPlainTextEdit *m_result;
};

} // namespace edgemap
