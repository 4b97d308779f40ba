#include "editing/propertyeditor.h"

#include "document/document.h"
#include "editing/propertyeditor_dialogs.h"
#include "editing/propertyeditor_p.h"
#include "selection.h"

#include <QApplication>
#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

namespace edgemap {

using propertyform::FieldSpec;
using propertyform::FormSpec;
using propertyform::Input;
using propertyform::Row;
using propertyform::ShownForm;

namespace {

// A model value into an editor, without announcing it as an edit.
void writeEditor(QWidget *editor, const FieldSpec &spec, const Topology &t)
{
    const QVariant value = readField(t, spec.ref).value_or(QVariant());
    const QSignalBlocker blocker(editor);
    if (auto *spin = qobject_cast<QSpinBox *>(editor)) {
        const ListenerId *id = spec.ref.element.as<ListenerId>();
        const Listener *l = id ? t.listener(*id) : nullptr;
        // The range keeps its length, so its first port can go no higher than this.
        spin->setRange(1, 65535 - (l ? l->portEnd - l->port : 0));
        spin->setValue(value.toInt());
    } else if (auto *check = qobject_cast<QCheckBox *>(editor)) {
        check->setChecked(value.toBool());
    } else if (auto *line = qobject_cast<QLineEdit *>(editor)) {
        line->setText(propertyform::textOf(spec.input, value));
    }
}

} // namespace

PropertyEditor::PropertyEditor(Document &document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_selection(Selection::of(document)) // before the document's signals: it falls back first
    , m_scroll(new QScrollArea(this))
    , m_title(new QLabel(this))
    , m_shown(std::make_unique<ShownForm>())
{
    setObjectName(QStringLiteral("propertyEditor"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_scroll, 1);
    connect(&document, &Document::topologyReplaced, this, &PropertyEditor::structureChanged);
    connect(&document, &Document::structureChanged, this, &PropertyEditor::structureChanged);
    connect(&document, &Document::fieldChanged, this, &PropertyEditor::fieldChanged);
    connect(m_selection, &Selection::currentChanged, this, &PropertyEditor::follow);
    follow(m_selection->current());
}

PropertyEditor::~PropertyEditor() = default;

void PropertyEditor::showRef(const ElementRef &ref)
{
    if (ref == m_selection->current())
        follow(ref);
    else
        m_selection->setCurrent(ref);
}

void PropertyEditor::follow(const ElementRef &ref)
{
    FormSpec form = propertyform::formFor(m_document.topology(), ref);
    const ElementRef shown = form.exists ? ref : ElementRef();
    if (!form.exists)
        form = propertyform::formFor(m_document.topology(), shown);
    const bool same = shown == m_ref && form.sameShape(m_shown->spec) && m_scroll->widget();
    m_ref = shown;
    propertyform::showProblem(m_actionProblem, {});
    if (same) {
        m_shown->spec = form;
        m_title->setText(form.title);
        refreshValues();
    } else {
        rebuild(form);
    }
}

void PropertyEditor::fieldChanged(const FieldRef &field)
{
    // One value: its editor (if this form shows it) and the title, which may name it.
    m_title->setText(propertyform::formFor(m_document.topology(), m_ref).title);
    if (const Row *row = rowFor(field)) {
        writeEditor(row->editor, row->spec, m_document.topology());
        propertyform::showProblem(row->problem, {});
    }
}

void PropertyEditor::structureChanged()
{
    // The selection has fallen back already when the element is gone (Selection); what is
    // left to do is to show the element's form on the new topology.
    const Topology &t = m_document.topology();
    FormSpec form = propertyform::formFor(t, m_ref);
    if (!form.exists) {
        m_ref = {};
        form = propertyform::formFor(t, m_ref);
    }
    if (form.sameShape(m_shown->spec)) {
        m_shown->spec = form;
        m_title->setText(form.title);
        refreshValues();
    } else {
        rebuild(form);
    }
}

void PropertyEditor::rebuild(const FormSpec &form)
{
    // The old editors must not commit on their way out (losing the focus when hidden), and a
    // button of the old form may be the one whose click got us here: delete it later.
    for (const Row &row : std::as_const(m_shown->rows))
        row.editor->disconnect(this);
    m_shown->rows.clear();
    if (QWidget *old = m_scroll->takeWidget()) {
        old->hide();
        old->deleteLater();
    }
    m_shown->spec = form;
    m_title->setText(form.title);

    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    if (!form.note.isEmpty()) {
        auto *note = new QLabel(form.note, page);
        note->setWordWrap(true);
        note->setTextFormat(Qt::PlainText);
        note->setForegroundRole(QPalette::PlaceholderText);
        layout->addWidget(note);
    }
    auto *fields = new QFormLayout;
    fields->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    QString section;
    for (const FieldSpec &spec : form.fields) {
        if (spec.section != section) {
            section = spec.section;
            auto *heading = new QLabel(section, page);
            heading->setTextFormat(Qt::PlainText);
            QFont bold = heading->font();
            bold.setBold(true);
            heading->setFont(bold);
            fields->addRow(heading);
        }
        const Row row = makeRow(spec, page);
        fields->addRow(spec.label, row.editor);
        // A row of its own under the field: a wrapped reason gets its full height there.
        fields->addRow(nullptr, row.problem);
        m_shown->rows.append(row);
    }
    layout->addLayout(fields);
    if (QWidget *buttons = buildButtons(form, page))
        layout->addWidget(buttons);
    // Under the buttons whose refusals it explains.
    m_actionProblem = propertyform::makeProblemLabel(page);
    m_actionProblem->setObjectName(QStringLiteral("actionProblem"));
    layout->addWidget(m_actionProblem);
    layout->addStretch(1);
    m_scroll->setWidget(page);
    refreshValues();
}

Row PropertyEditor::makeRow(const FieldSpec &spec, QWidget *parent)
{
    Row row{spec, nullptr, propertyform::makeProblemLabel(parent)};
    if (spec.input == Input::Port) {
        auto *spin = new QSpinBox(parent);
        connect(spin, &QSpinBox::editingFinished, this,
                [this, spec, spin, problem = row.problem] { commit(spec, spin, problem); });
        spin->installEventFilter(this);
        row.editor = spin;
    } else if (spec.input == Input::Flag) {
        auto *check = new QCheckBox(parent);
        connect(check, &QCheckBox::toggled, this,
                [this, spec, check, problem = row.problem] { commit(spec, check, problem); });
        row.editor = check;
    } else {
        auto *line = new QLineEdit(parent);
        line->setClearButtonEnabled(spec.input == Input::OptionalIp
                                    || spec.input == Input::OptionalFqdn
                                    || spec.input == Input::DomainList);
        // Checked as typed: the reason shows before the user leaves the field.
        connect(line, &QLineEdit::textEdited, this,
                [input = spec.input, problem = row.problem](const QString &text) {
                    propertyform::showProblem(problem, propertyform::problemOf(input, text));
                });
        connect(line, &QLineEdit::editingFinished, this,
                [this, spec, line, problem = row.problem] { commit(spec, line, problem); });
        line->installEventFilter(this);
        row.editor = line;
    }
    return row;
}

bool PropertyEditor::eventFilter(QObject *watched, QEvent *event)
{
    // A field takes Ctrl+Z for its own typing. Once what was typed is committed (the field then
    // shows the model's value and has no typing of its own to undo), Undo and Redo are the
    // document's: the window's actions get the keys, not the field.
    if (event->type() == QEvent::ShortcutOverride) {
        auto *line = qobject_cast<QLineEdit *>(watched);
        if (!line)
            if (auto *spin = qobject_cast<QSpinBox *>(watched))
                line = spin->findChild<QLineEdit *>();
        const auto *key = static_cast<QKeyEvent *>(event);
        if (line
            && ((key->matches(QKeySequence::Undo) && !line->isUndoAvailable())
                || (key->matches(QKeySequence::Redo) && !line->isRedoAvailable()))) {
            event->ignore();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void PropertyEditor::refreshValues()
{
    const Topology &t = m_document.topology();
    for (const Row &row : std::as_const(m_shown->rows)) {
        writeEditor(row.editor, row.spec, t);
        propertyform::showProblem(row.problem, {});
    }
}

void PropertyEditor::commitPending()
{
    const QWidget *focus = QApplication::focusWidget();
    if (!focus)
        return;
    for (const Row &row : std::as_const(m_shown->rows))
        if (row.editor == focus || row.editor->isAncestorOf(focus)) {
            commit(row.spec, row.editor, row.problem);
            return;
        }
}

void PropertyEditor::commit(const FieldSpec &spec, QWidget *editor, QLabel *problem)
{
    QVariant value;
    QString refusal;
    if (auto *spin = qobject_cast<QSpinBox *>(editor)) {
        value = spin->value();
    } else if (auto *check = qobject_cast<QCheckBox *>(editor)) {
        value = check->isChecked();
    } else {
        const QString text = static_cast<QLineEdit *>(editor)->text();
        refusal = propertyform::problemOf(spec.input, text);
        if (refusal.isEmpty())
            refusal = propertyform::conflictOf(m_document.topology(), spec, text);
        value = propertyform::valueOf(spec.input, text);
    }
    // Leaving a field that holds the model's value changes nothing, and keeps the reason the
    // last value was refused on screen (editingFinished comes again when the focus leaves).
    const bool unchanged = refusal.isEmpty() && readField(m_document.topology(), spec.ref) == value;
    if (refusal.isEmpty() && !unchanged)
        refusal = m_document.setField(spec.ref, value).message;
    // Refused or not, the field shows what the model holds now (canonical addresses too).
    writeEditor(editor, spec, m_document.topology());
    if (!unchanged)
        propertyform::showProblem(problem, refusal);
}

const Row *PropertyEditor::rowFor(const FieldRef &field) const
{
    for (const Row &row : m_shown->rows)
        if (row.spec.ref == field)
            return &row;
    return nullptr;
}

QWidget *PropertyEditor::editorFor(const FieldRef &field) const
{
    const Row *row = rowFor(field);
    return row ? row->editor : nullptr;
}

QString PropertyEditor::problemFor(const FieldRef &field) const
{
    const Row *row = rowFor(field);
    // What the user sees: a hidden label's old text is not a reason shown.
    return row && row->problem->isVisibleTo(this) ? row->problem->text() : QString();
}

QString PropertyEditor::actionProblem() const
{
    return m_actionProblem->isVisibleTo(this) ? m_actionProblem->text() : QString();
}

} // namespace edgemap
