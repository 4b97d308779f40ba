#include "live/captureprofiledialog.h"

#include "live/captureprofiles.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace edgemap {

CaptureProfileDialog::CaptureProfileDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Capture Profiles"));
    const QList<CaptureProfile> stored = captureprofiles::load();
    for (const captureprofiles::BuiltIn &b : captureprofiles::builtInProfiles()) {
        const auto edited = std::find_if(stored.cbegin(), stored.cend(),
                                         [&](const auto &p) { return p.name == b.profile.name; });
        if (edited == stored.cend())
            m_entries.append({b.profile, true, b.note, {}});
    }
    for (const CaptureProfile &p : stored)
        m_entries.append({p, false, {}, {}});
    for (Entry &e : m_entries)
        e.argumentsLine = captureprofiles::joinArguments(e.profile.arguments);
    buildUi();
    for (int row = 0; row < m_entries.size(); ++row) {
        m_list->addItem(QString());
        refreshRow(row);
    }
    connect(&m_testRunner, &CaptureRunner::output, this, &CaptureProfileDialog::showOutput);
    connect(&m_testRunner, &CaptureRunner::failed, this,
            [this](const QString &, const QString &message) { showTestFailure(message); });
    connect(&m_parse, &QFutureWatcher<QString>::finished, this, [this] {
        if (m_parse.isCanceled())
            return;
        m_result->setPlainText(m_parse.result());
        refreshState();
        Q_EMIT testFinished();
    });
    m_list->setCurrentRow(m_entries.isEmpty() ? -1 : 0);
    showEntry(currentRow());
}

CaptureProfileDialog::~CaptureProfileDialog()
{
    m_parse.cancel();
    m_parse.waitForFinished();
}

void CaptureProfileDialog::buildUi()
{
    m_list = new QListWidget;
    auto *add = new QPushButton(tr("&Add"));
    m_duplicate = new QPushButton(tr("D&uplicate"));
    m_remove = new QPushButton(tr("&Remove"));
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(add);
    listButtons->addWidget(m_duplicate);
    listButtons->addWidget(m_remove);
    auto *left = new QVBoxLayout;
    left->addWidget(m_list);
    left->addLayout(listButtons);

    m_name = new QLineEdit;
    m_program = new QLineEdit;
    m_program->setPlaceholderText(tr("ssh, pwsh, netstat, or a full path"));
    m_arguments = new QLineEdit;
    // Examples of what goes here; no shell runs the command (see the hint below the form).
    m_arguments->setPlaceholderText(
            tr("ssh: edge01 netstat -ano    pwsh: -NoProfile -c \"Get-NetTCPConnection | "
               "ConvertTo-Json\""));
    m_interval = new QSpinBox;
    m_interval->setRange(1, captureprofiles::kMaxInterval);
    m_interval->setSuffix(tr(" s"));
    m_timeout = new QSpinBox;
    m_timeout->setRange(1, captureprofiles::kMaxTimeout);
    m_timeout->setSuffix(tr(" s"));
    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Program:"), m_program);
    form->addRow(tr("A&rguments:"), m_arguments);
    form->addRow(tr("Run &every:"), m_interval);
    form->addRow(tr("&Time-out:"), m_timeout);
    auto *hint = new QLabel(
            tr("The program runs directly, without a shell: pipes (|) and redirections do not "
               "work. Arguments are separated by spaces; \"double quotes\" keep spaces in one "
               "argument; \"\"\" is a literal quote. Never store passwords here: use SSH keys "
               "or the system's credential store."));
    hint->setWordWrap(true);
    m_problem = new QLabel;
    m_problem->setWordWrap(true);
    m_note = new QLabel;
    m_note->setWordWrap(true);
    m_test = new QPushButton(tr("Test &Now"));
    m_result = new QPlainTextEdit;
    m_result->setReadOnly(true);
    m_result->setPlaceholderText(tr("Test Now runs the profile once and shows what came back."));
    auto *right = new QVBoxLayout;
    right->addLayout(form);
    right->addWidget(hint);
    right->addWidget(m_problem);
    right->addWidget(m_note);
    right->addWidget(m_test, 0, Qt::AlignLeft);
    right->addWidget(m_result, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 1);
    columns->addLayout(right, 2);
    // Names for tests and accessibility tools.
    m_list->setObjectName(QStringLiteral("list"));
    m_name->setObjectName(QStringLiteral("name"));
    m_program->setObjectName(QStringLiteral("program"));
    m_arguments->setObjectName(QStringLiteral("arguments"));
    m_interval->setObjectName(QStringLiteral("interval"));
    m_timeout->setObjectName(QStringLiteral("timeout"));
    m_test->setObjectName(QStringLiteral("test"));
    auto *top = new QVBoxLayout(this);
    top->addLayout(columns);
    top->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &CaptureProfileDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &CaptureProfileDialog::reject);
    connect(add, &QPushButton::clicked, this, &CaptureProfileDialog::addProfile);
    connect(m_duplicate, &QPushButton::clicked, this, &CaptureProfileDialog::duplicateProfile);
    connect(m_remove, &QPushButton::clicked, this, &CaptureProfileDialog::removeProfile);
    connect(m_test, &QPushButton::clicked, this, &CaptureProfileDialog::testNow);
    connect(m_list, &QListWidget::currentRowChanged, this, &CaptureProfileDialog::showEntry);
    for (QLineEdit *edit : {m_name, m_program, m_arguments})
        connect(edit, &QLineEdit::textEdited, this, &CaptureProfileDialog::fieldsEdited);
    for (QSpinBox *spin : {m_interval, m_timeout})
        connect(spin, &QSpinBox::valueChanged, this, &CaptureProfileDialog::fieldsEdited);
}

int CaptureProfileDialog::currentRow() const
{
    const int row = m_list->currentRow();
    return row >= 0 && row < m_entries.size() ? row : -1;
}

void CaptureProfileDialog::showEntry(int row)
{
    m_loading = true;
    const bool valid = row >= 0 && row < m_entries.size();
    const Entry e = valid ? m_entries.at(row) : Entry{{}, false, {}, {}};
    m_name->setText(e.profile.name);
    m_program->setText(e.profile.program);
    m_arguments->setText(e.argumentsLine);
    m_interval->setValue(valid ? e.profile.intervalSeconds : captureprofiles::kDefaultInterval);
    m_timeout->setValue(valid ? e.profile.timeoutSeconds : captureprofiles::kDefaultTimeout);
    for (QWidget *w :
         std::initializer_list<QWidget *>{m_name, m_program, m_arguments, m_interval, m_timeout})
        w->setEnabled(valid);
    m_loading = false;
    refreshState();
}

void CaptureProfileDialog::fieldsEdited()
{
    const int row = currentRow();
    if (m_loading || row < 0)
        return;
    Entry &e = m_entries[row];
    e.profile.name = m_name->text().trimmed();
    e.profile.program = m_program->text().trimmed();
    e.argumentsLine = m_arguments->text();
    e.profile.arguments = captureprofiles::splitArguments(e.argumentsLine);
    e.profile.intervalSeconds = m_interval->value();
    e.profile.timeoutSeconds = m_timeout->value();
    e.builtIn = false; // edited: from now on the user's own copy, stored on OK
    refreshRow(row);
    refreshState();
}

QString CaptureProfileDialog::problemOf(int row) const
{
    const Entry &e = m_entries.at(row);
    QStringList others;
    for (int i = 0; i < m_entries.size(); ++i)
        if (i != row)
            others.append(m_entries.at(i).profile.name);
    const QString line = captureprofiles::argumentsLineProblem(e.argumentsLine);
    return line.isEmpty() ? captureprofiles::problem(e.profile, others) : line;
}

void CaptureProfileDialog::refreshRow(int row)
{
    const Entry &e = m_entries.at(row);
    QString text = e.profile.name.isEmpty() ? tr("(no name)") : e.profile.name;
    if (e.builtIn)
        text += tr(" (built-in)");
    // A mark and a word, not a colour alone.
    if (!problemOf(row).isEmpty())
        text = tr("\u26a0 %1 \u2014 incomplete").arg(text);
    m_list->item(row)->setText(text);
}

void CaptureProfileDialog::refreshState()
{
    const int row = currentRow();
    const QString why = row >= 0 ? problemOf(row) : QString();
    m_problem->setText(why.isEmpty() ? QString() : tr("\u26a0 %1").arg(why));
    m_problem->setVisible(!why.isEmpty());
    const bool builtIn = row >= 0 && m_entries.at(row).builtIn;
    m_note->setText(row >= 0 ? m_entries.at(row).note : QString());
    m_note->setVisible(!m_note->text().isEmpty());
    m_duplicate->setEnabled(row >= 0);
    // An edited built-in goes back to the original; an untouched one has nothing to remove.
    m_remove->setEnabled(row >= 0 && !builtIn);
    m_remove->setText(row >= 0 && captureprofiles::isBuiltInName(m_entries.at(row).profile.name)
                              ? tr("&Restore Built-in")
                              : tr("&Remove"));
    m_test->setText(isTesting() ? tr("Stop &Test") : tr("Test &Now"));
    m_test->setEnabled(isTesting() || (row >= 0 && why.isEmpty()));
    bool allValid = true;
    for (int i = 0; i < m_entries.size(); ++i)
        allValid = allValid && problemOf(i).isEmpty();
    m_ok->setEnabled(allValid);
}

QString CaptureProfileDialog::uniqueName(const QString &base) const
{
    const auto taken = [this](const QString &name) {
        return std::any_of(m_entries.cbegin(), m_entries.cend(),
                           [&](const Entry &e) { return e.profile.name == name; });
    };
    QString name = base;
    for (int n = 2; taken(name); ++n)
        name = tr("%1 (%2)").arg(base).arg(n);
    return name;
}

void CaptureProfileDialog::addProfile()
{
    CaptureProfile p;
    p.name = uniqueName(tr("New profile"));
    p.intervalSeconds = captureprofiles::kDefaultInterval;
    p.timeoutSeconds = captureprofiles::kDefaultTimeout;
    m_entries.append({p, false, {}, {}});
    m_list->addItem(QString());
    refreshRow(int(m_entries.size()) - 1);
    m_list->setCurrentRow(int(m_entries.size()) - 1);
    m_program->setFocus();
}

void CaptureProfileDialog::duplicateProfile()
{
    const int row = currentRow();
    if (row < 0)
        return;
    Entry copy = m_entries.at(row);
    copy.builtIn = false;
    copy.note.clear();
    copy.profile.name = uniqueName(copy.profile.name);
    m_entries.insert(row + 1, copy);
    m_list->insertItem(row + 1, QString());
    refreshRow(row + 1);
    m_list->setCurrentRow(row + 1);
}

void CaptureProfileDialog::removeProfile()
{
    const int row = currentRow();
    if (row < 0 || m_entries.at(row).builtIn)
        return;
    const QString name = m_entries.at(row).profile.name;
    for (const captureprofiles::BuiltIn &b : captureprofiles::builtInProfiles()) {
        if (b.profile.name == name) { // an edited built-in: back to the original
            m_entries[row] = {b.profile, true, b.note,
                              captureprofiles::joinArguments(b.profile.arguments)};
            refreshRow(row);
            showEntry(row);
            return;
        }
    }
    m_entries.removeAt(row);
    delete m_list->takeItem(row);
    showEntry(currentRow());
}

QList<CaptureProfile> CaptureProfileDialog::storedProfiles() const
{
    QList<CaptureProfile> out;
    for (const Entry &e : m_entries)
        if (!e.builtIn)
            out.append(e.profile);
    return out;
}

QString CaptureProfileDialog::currentProblem() const
{
    const int row = currentRow();
    return row >= 0 ? problemOf(row) : QString();
}

void CaptureProfileDialog::accept()
{
    if (!m_ok->isEnabled())
        return;
    if (const Error error = captureprofiles::save(storedProfiles()); error.isError()) {
        m_problem->setText(tr("\u26a0 %1").arg(error.toString()));
        return; // open, so that the edits are not lost
    }
    QDialog::accept();
}

} // namespace edgemap
