#pragma once

#include "core/elementref.h"
#include "core/templates.h"
#include "document/topologyedit.h"
#include "document/topologyops.h"

#include <QWidget>

#include <memory>

class QLabel;
class QScrollArea;

namespace edgemap {

namespace propertyform {
struct FieldSpec;
struct FormSpec;
struct Row;
struct ShownForm;
} // namespace propertyform

class Document;
class Selection;

// Edits the topology item a ElementRef names, in place: the topology name and SIP domains, pool and
// server FQDNs, an address's IP, NAT public IP and FQDN, a listener's port and enabled flag, a
// service's enabled flag, a peer's name and addresses. Each field applies on editingFinished
// (check boxes on toggle) through Document::setField, one undo entry per change. A refused value
// leaves the model alone: the reason shows in red under the field and the field goes back to the
// model's value. Addresses, FQDNs and SIP domains are checked as they are typed.
//
// Structural edits (add/remove a pool member, a peer) are buttons where the reference fits; they
// go through topologyops and Document::applyEdit. The public functions behind the buttons take
// the dialogs' values, so that they can be driven without a dialog.
//
// Shows the document's selection (Selection). A field change (an edit, its undo or redo)
// refreshes the one editor that shows it; a structural change keeps the form while its element
// exists, refreshing values in place so that the field being typed in keeps the focus. When
// the element is gone the selection falls back to its parent (a removed server's pool, the
// peers group) and the form follows it.
class PropertyEditor : public QWidget
{
    Q_OBJECT

public:
    explicit PropertyEditor(Document &document, QWidget *parent = nullptr);
    ~PropertyEditor() override;

    ElementRef ref() const { return m_ref; }

    // The widget that edits a field (QLineEdit, QSpinBox or QCheckBox), nullptr when the form
    // has none; and the reason shown under it, empty when none is shown.
    QWidget *editorFor(const FieldRef &field) const;
    QString problemFor(const FieldRef &field) const;
    // The reason the last structural edit was refused, empty when it was not.
    QString actionProblem() const;

    // The structural edits. Each returns the reason it was refused (also shown in the pane), or
    // an empty string after pushing one undo entry and asking to show what it added or what is
    // left (refRequested).
    QString addPoolMember(const PoolId &pool, const MemberParams &member);
    QString removePoolMember(const ServerId &server);
    QString addPeer(const QString &name, PeerKind kind, const QStringList &addresses);
    QString removePeer(const PeerId &peer);

    // Applies the field being typed in, as leaving it would. Save, close and the other commands
    // that do not move the focus call it first, so that Ctrl+S saves what is on the screen.
    void commitPending();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

public Q_SLOTS:
    // Makes the reference the document's selection, which the form follows; an invalid
    // reference edits the topology itself (its name).
    void showRef(const edgemap::ElementRef &ref);

Q_SIGNALS:
    // A structural edit made something else the thing to show: the server or peer just added,
    // the pool or peers group after a removal. It is made the selection too.
    void refRequested(const edgemap::ElementRef &ref);

private:
    void follow(const ElementRef &ref);
    void fieldChanged(const FieldRef &field);
    void structureChanged();
    void rebuild(const propertyform::FormSpec &form);
    QWidget *buildButtons(const propertyform::FormSpec &form, QWidget *parent);
    propertyform::Row makeRow(const propertyform::FieldSpec &spec, QWidget *parent);
    void refreshValues();
    void setEditorValue(const propertyform::Row &row);
    void commit(const propertyform::FieldSpec &spec, QWidget *editor, QLabel *problem);
    const propertyform::Row *rowFor(const FieldRef &field) const;
    QString finishEdit(const QString &label, const topologyops::EditResult &result,
                       const ElementRef &show);
    void openAddMemberDialog(const PoolId &pool);
    void openAddPeerDialog();

    Document &m_document;
    Selection *m_selection;
    ElementRef m_ref;
    QScrollArea *m_scroll = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_actionProblem = nullptr;
    // The form on screen (propertyeditor_p.h), kept out of this header.
    std::unique_ptr<propertyform::ShownForm> m_shown;
};

} // namespace edgemap
