#pragma once

#include "core/elementref.h"
#include "document/topologyedit.h"

#include <QList>
#include <QString>
#include <QVariant>

class QLabel;
class QWidget;

// What the property editor shows for a reference, decided from the topology alone: shared by
// propertyeditor*.cpp only.
namespace edgemap::propertyform {

// How a value is typed and checked.
enum class Input {
    Text,
    Fqdn,
    OptionalFqdn,
    Ip,
    OptionalIp,
    AddressList,
    DomainList, // SIP domains: comma separated, may be empty
    Port,
    Flag
};

struct FieldSpec
{
    FieldRef ref;
    Input input = Input::Text;
    QString label;
    QString section; // a heading above the field (the address, on an interface), may be empty

    friend bool operator==(const FieldSpec &, const FieldSpec &) = default;
};

struct FormSpec
{
    bool exists = false; // false: the reference is not in the topology (any more)
    QString title;
    QString note;
    QList<FieldSpec> fields;
    PoolId addMemberTo;       // "Add pool member…" adds to this pool
    ServerId removableMember; // "Remove this member"
    bool addPeer = false;     // "Add peer…"
    PeerId removablePeer;     // "Remove peer"

    // Same widgets: the form is refreshed in place instead of rebuilt, so that the field the
    // user is in keeps the focus when an edit elsewhere (or undo) changes the topology.
    bool sameShape(const FormSpec &other) const
    {
        return fields == other.fields && note == other.note && addMemberTo == other.addMemberTo
               && removableMember == other.removableMember && addPeer == other.addPeer
               && removablePeer == other.removablePeer;
    }
};

// One field of the form on screen: its spec, its editor and the label that says why a value was
// refused.
struct Row
{
    FieldSpec spec;
    QWidget *editor = nullptr;
    QLabel *problem = nullptr;
};

// The form on screen: what it shows and one row per field.
struct ShownForm
{
    FormSpec spec;
    QList<Row> rows;
};

FormSpec formFor(const Topology &topology, const ElementRef &ref);

// Why the typed text cannot be the value (empty when it can): the live check as the user types.
QString problemOf(Input input, const QString &text);
// Why the value clashes with the rest of the topology, said from the edited field's side (the
// validator would name whichever address comes first in the file).
QString conflictOf(const Topology &topology, const FieldSpec &spec, const QString &text);
// The value handed to Document::setField: trimmed text, canonical addresses.
QVariant valueOf(Input input, const QString &text);
// The text a line edit shows for a model value.
QString textOf(Input input, const QVariant &value);

// A red line under a field (and under the buttons) that says why something was refused.
QLabel *makeProblemLabel(QWidget *parent);
void showProblem(QLabel *label, const QString &problem);

} // namespace edgemap::propertyform
