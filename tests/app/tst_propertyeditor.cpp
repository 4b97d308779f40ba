// The property editor: typing into a field edits the document with one undo entry, undo and
// redo show in the form, refused values say why and change nothing, and the structural edits
// (pool members, peers) work through the editor and its dialogs.
#include "core/templates.h"
#include "document/document.h"
#include "editing/propertyeditor.h"
#include "editing/propertyeditor_dialogs.h"
#include "io/topologyfile.h"
#include "statusstyle.h"
#include "support/tst_field_util.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QUndoStack>

using namespace edgemap;

namespace {

const ServerId kEdge01(QStringLiteral("edge01"));
const PoolId kPool(QStringLiteral("pool1"));

// The default pool is behind NAT on all three external addresses: so is a new member.
MemberParams edge02()
{
    return MemberParams{QStringLiteral("edge02.contoso.local"),
                        QStringLiteral("172.25.33.11"),
                        {QStringLiteral("192.0.2.11"), QStringLiteral("192.0.2.21"),
                         QStringLiteral("192.0.2.31")},
                        QStringLiteral("203.0.113.31"),
                        QStringLiteral("203.0.113.11"),
                        QStringLiteral("203.0.113.21")};
}

// The label under a field that shows why its value was refused, if one is shown.
QLabel *problemLabel(const PropertyEditor &editor, const FieldRef &field)
{
    const QString text = editor.problemFor(field);
    if (text.isEmpty())
        return nullptr;
    for (QLabel *label : editor.findChildren<QLabel *>())
        if (label->isVisibleTo(&editor) && label->text() == text)
            return label;
    return nullptr;
}

// What a user does: select the text, type over it, press Return.
void typeInto(QWidget *editor, const QString &text)
{
    QVERIFY(editor);
    if (auto *line = qobject_cast<QLineEdit *>(editor)) {
        line->setFocus();
        line->selectAll();
        QTest::keyClick(line, Qt::Key_Backspace);
        QTest::keyClicks(line, text);
        QTest::keyClick(line, Qt::Key_Return);
    } else if (auto *spin = qobject_cast<QSpinBox *>(editor)) {
        spin->setFocus();
        spin->selectAll();
        QTest::keyClicks(spin, text);
        QTest::keyClick(spin, Qt::Key_Return);
    } else {
        QFAIL("not a text editor");
    }
}

// What the editor shows, as the value type of its field.
QVariant shown(QWidget *editor)
{
    if (auto *line = qobject_cast<QLineEdit *>(editor))
        return line->text();
    if (auto *spin = qobject_cast<QSpinBox *>(editor))
        return spin->value();
    if (auto *check = qobject_cast<QCheckBox *>(editor))
        return check->isChecked();
    return {};
}

struct Fixture
{
    Document doc{topologyfile::defaultTopology()};
    PropertyEditor editor{doc};
    Fixture() { editor.show(); }
};

} // namespace

class TstPropertyEditor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void typedEditUndoRedo_data();
    void typedEditUndoRedo();
    void toggles_data();
    void toggles();
    void refusedValues_data();
    void refusedValues();
    void sipDomainsInTheTopologyForm();
    void rangeKeepsItsLength();
    void formFollowsOtherEdits();
    void addAndRemoveMember();
    void removeLastMemberRefused();
    void addAndRemovePeer();
    void memberDialog();
    void memberDialogSingleIp();
    void peerDialog();
};

void TstPropertyEditor::typedEditUndoRedo_data()
{
    QTest::addColumn<ElementRef>("ref");
    QTest::addColumn<int>("field");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QVariant>("stored");
    const auto row = [](const char *name, const ElementRef &ref, Field field, const QString &id,
                        const QString &typed, const QVariant &stored) {
        QTest::newRow(name) << ref << int(field) << id << typed << stored;
    };
    const QString access = QStringLiteral("edge01-access");
    const QString name = QStringLiteral("Fabrikam Edge");
    row("topology name", ElementRef(), Field::TopologyName, {}, name, name);
    row("sip domains", ElementRef(), Field::SipDomains, {},
        QStringLiteral(" contoso.com, Fabrikam.com "),
        QStringList{QStringLiteral("contoso.com"), QStringLiteral("Fabrikam.com")});
    row("sip domains on the topology group", ElementRef::servicesGroup(), Field::SipDomains, {},
        QStringLiteral("fabrikam.com"), QStringList{QStringLiteral("fabrikam.com")});
    row("no sip domains", ElementRef(), Field::SipDomains, {}, QString(), QStringList());
    const QString pool = QStringLiteral("edgepool.contoso.local");
    row("pool fqdn", ElementRef::pool(kPool), Field::PoolFqdn, kPool.value(), pool, pool);
    const QString server = QStringLiteral("edge-a.contoso.local");
    row("server fqdn", ElementRef::server(kEdge01), Field::ServerFqdn, kEdge01.value(), server,
        server);
    row("address ip", ElementRef::address(AddressId(access)), Field::AddressIp, access,
        QStringLiteral(" 192.0.2.110 "), QStringLiteral("192.0.2.110"));
    row("ipv6 is stored canonical", ElementRef::address(AddressId(access)), Field::AddressIp,
        access, QStringLiteral("2001:DB8:0::10"), QStringLiteral("2001:db8::10"));
    const QString av = QStringLiteral("edge01-av");
    row("nat removed", ElementRef::address(AddressId(av)), Field::AddressNatIp, av, {}, QString());
    row("nat changed", ElementRef::address(AddressId(av)), Field::AddressNatIp, av,
        QStringLiteral("203.0.113.99"), QStringLiteral("203.0.113.99"));
    const QString meet = QStringLiteral("meet.contoso.com");
    row("address fqdn", ElementRef::address(AddressId(access)), Field::AddressFqdn, access, meet,
        meet);
    row("address on its interface", ElementRef::netInterface(kEdge01, InterfaceSide::External),
        Field::AddressIp, QStringLiteral("edge01-webconf"), QStringLiteral("192.0.2.120"),
        QStringLiteral("192.0.2.120"));
    const QString director = QStringLiteral("director");
    row("peer name", ElementRef::peer(PeerId(director)), Field::PeerName, director,
        QStringLiteral("Director pool"), QStringLiteral("Director pool"));
    row("peer addresses", ElementRef::peer(PeerId(director)), Field::PeerAddresses, director,
        QStringLiteral("172.25.40.0/24,  10.0.0.5 2001:DB8::/32"),
        QStringList{QStringLiteral("172.25.40.0/24"), QStringLiteral("10.0.0.5"),
                    QStringLiteral("2001:db8::/32")});
    const QString port = QStringLiteral("edge01-int-tcp-5062");
    row("listener port", ElementRef::listener(ListenerId(port)), Field::ListenerPort, port,
        QStringLiteral("5063"), 5063);
}

void TstPropertyEditor::typedEditUndoRedo()
{
    QFETCH(ElementRef, ref);
    QFETCH(int, field);
    QFETCH(QString, id);
    QFETCH(QString, typed);
    QFETCH(QVariant, stored);
    Fixture f;
    f.editor.showRef(ref);
    const FieldRef fieldRef = fieldOf(Field(field), id);
    QWidget *editor = f.editor.editorFor(fieldRef);
    QVERIFY(editor);
    const QVariant before = *readField(f.doc.topology(), fieldRef);
    const auto display = [&](const QVariant &v) {
        return v.typeId() == QMetaType::QStringList
                       ? QVariant(v.toStringList().join(QStringLiteral(", ")))
                       : v;
    };
    QCOMPARE(shown(editor), display(before));

    typeInto(editor, typed);
    QCOMPARE(f.editor.problemFor(fieldRef), QString());
    QCOMPARE(*readField(f.doc.topology(), fieldRef), stored);
    QCOMPARE(f.doc.undoStack()->count(), 1);
    // The form was refreshed in place: the same editor, showing the stored (canonical) value.
    QCOMPARE(f.editor.editorFor(fieldRef), editor);
    QCOMPARE(shown(editor), display(stored));

    f.doc.undoStack()->undo();
    QCOMPARE(*readField(f.doc.topology(), fieldRef), before);
    QCOMPARE(shown(f.editor.editorFor(fieldRef)), display(before));
    f.doc.undoStack()->redo();
    QCOMPARE(*readField(f.doc.topology(), fieldRef), stored);
    QCOMPARE(shown(f.editor.editorFor(fieldRef)), display(stored));
    QCOMPARE(f.editor.ref(), ref);
}

void TstPropertyEditor::toggles_data()
{
    QTest::addColumn<ElementRef>("ref");
    QTest::addColumn<int>("field");
    QTest::addColumn<QString>("id");
    const QString listener = QStringLiteral("edge01-int-tcp-8057");
    QTest::newRow("listener") << ElementRef::listener(ListenerId(listener))
                              << int(Field::ListenerEnabled) << listener;
    const QString service = QStringLiteral("RTCDATAPROXY");
    QTest::newRow("service") << ElementRef::service(ServiceId(service))
                             << int(Field::ServiceEnabled) << service;
}

void TstPropertyEditor::toggles()
{
    QFETCH(ElementRef, ref);
    QFETCH(int, field);
    QFETCH(QString, id);
    Fixture f;
    f.editor.showRef(ref);
    const FieldRef fieldRef = fieldOf(Field(field), id);
    auto *check = qobject_cast<QCheckBox *>(f.editor.editorFor(fieldRef));
    QVERIFY(check);
    QVERIFY(check->isChecked());
    check->click();
    QCOMPARE(readField(f.doc.topology(), fieldRef)->toBool(), false);
    QCOMPARE(f.doc.undoStack()->count(), 1);
    f.doc.undoStack()->undo();
    QCOMPARE(readField(f.doc.topology(), fieldRef)->toBool(), true);
    QVERIFY(qobject_cast<QCheckBox *>(f.editor.editorFor(fieldRef))->isChecked());
    f.doc.undoStack()->redo();
    QVERIFY(!qobject_cast<QCheckBox *>(f.editor.editorFor(fieldRef))->isChecked());
}

void TstPropertyEditor::refusedValues_data()
{
    QTest::addColumn<ElementRef>("ref");
    QTest::addColumn<int>("field");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("reason");
    const QString access = QStringLiteral("edge01-access");
    const ElementRef address = ElementRef::address(AddressId(access));
    QTest::newRow("bad ip") << address << int(Field::AddressIp) << access
                            << QStringLiteral("192.0.2.300")
                            << QStringLiteral("'192.0.2.300' is not an IPv4 or IPv6 address");
    QTest::newRow("no ip") << address << int(Field::AddressIp) << access << QString()
                           << QStringLiteral("'' is not an IPv4 or IPv6 address");
    QTest::newRow("bad nat") << address << int(Field::AddressNatIp) << access
                             << QStringLiteral("203.0.113")
                             << QStringLiteral("'203.0.113' is not an IPv4 or IPv6 address");
    // Refused by the document's validation rather than the field's own check.
    QTest::newRow("ip in use") << address << int(Field::AddressIp) << access
                               << QStringLiteral("10.45.16.20")
                               << QStringLiteral("10.45.16.20 is already used by address "
                                                 "edge01-webconf (edge01.contoso.local)");
    QTest::newRow("nat in use") << address << int(Field::AddressNatIp) << access
                                << QStringLiteral("203.0.113.30")
                                << QStringLiteral("203.0.113.30 is already used by the NAT public "
                                                  "address of edge01-av");
    QTest::newRow("bad fqdn") << ElementRef::server(kEdge01) << int(Field::ServerFqdn)
                              << kEdge01.value() << QStringLiteral("edge 01.contoso.local")
                              << QStringLiteral("is not a DNS name");
    const QString director = QStringLiteral("director");
    QTest::newRow("bad peer address")
            << ElementRef::peer(PeerId(director)) << int(Field::PeerAddresses) << director
            << QStringLiteral("10.0.0.0/8, 10.1")
            << QStringLiteral("'10.1' is not an IP address or subnet");
    QTest::newRow("bad sip domain") << ElementRef() << int(Field::SipDomains) << QString()
                                    << QStringLiteral("contoso.com, contoso")
                                    << QStringLiteral("'contoso' is not a "
                                                      "domain name");
    // Refused by the file's check through Document::setField.
    QTest::newRow("sip domain twice") << ElementRef() << int(Field::SipDomains) << QString()
                                      << QStringLiteral("contoso.com, fabrikam.com, CONTOSO.com")
                                      << QStringLiteral("SIP domain 'CONTOSO.com' is listed twice");
    QTest::newRow("empty peer name")
            << ElementRef::peer(PeerId(director)) << int(Field::PeerName) << director
            << QStringLiteral("  ") << QStringLiteral("a name is needed");
    const QString port = QStringLiteral("edge01-int-tcp-5062");
    QTest::newRow("duplicate socket")
            << ElementRef::listener(ListenerId(port)) << int(Field::ListenerPort) << port
            << QStringLiteral("5061")
            << QStringLiteral(
                       "TCP 5061 on 172.25.33.10 is already used by listener edge01-int-tcp-5061");
}

void TstPropertyEditor::refusedValues()
{
    QFETCH(ElementRef, ref);
    QFETCH(int, field);
    QFETCH(QString, id);
    QFETCH(QString, typed);
    QFETCH(QString, reason);
    Fixture f;
    f.editor.showRef(ref);
    const FieldRef fieldRef = fieldOf(Field(field), id);
    QWidget *editor = f.editor.editorFor(fieldRef);
    const Topology before = f.doc.topology();
    const QVariant shownBefore = shown(editor);
    typeInto(editor, typed);
    QVERIFY2(f.editor.problemFor(fieldRef).contains(reason),
             qPrintable(f.editor.problemFor(fieldRef)));
    QCOMPARE(f.doc.topology(), before);
    QCOMPARE(f.doc.undoStack()->count(), 0);
    QCOMPARE(shown(editor), shownBefore); // back to the model's value
    // Leaving the field (editingFinished again, now with the model's value) keeps the reason.
    QVERIFY(QMetaObject::invokeMethod(editor, "editingFinished"));
    QVERIFY(f.editor.problemFor(fieldRef).contains(reason));
    QCOMPARE(f.doc.undoStack()->count(), 0);
}

void TstPropertyEditor::sipDomainsInTheTopologyForm()
{
    Fixture f;
    f.editor.showRef({});
    const FieldRef domains = FieldRef::ofTopology(Field::SipDomains);
    auto *edit = qobject_cast<QLineEdit *>(f.editor.editorFor(domains));
    QVERIFY(edit);
    QCOMPARE(edit->text(), QStringLiteral("contoso.com"));

    // Checked as typed: the reason shows in red before the field is left.
    edit->setFocus();
    edit->selectAll();
    QTest::keyClicks(edit, QStringLiteral("contoso.com, fabrikam"));
    QCOMPARE(f.editor.problemFor(domains), QStringLiteral("'fabrikam' is not a domain name"));
    QLabel *label = problemLabel(f.editor, domains);
    QVERIFY(label);
    const QColor red
            = statusStyle(ListenerStatus::Missing, statusPaletteFor(label->palette())).border;
    QCOMPARE(label->palette().color(QPalette::WindowText), red);
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(f.doc.undoStack()->count(), 0);
    QCOMPARE(f.doc.topology().sipDomains, QStringList{QStringLiteral("contoso.com")});

    // Fixed: one undo step.
    edit->selectAll();
    QTest::keyClicks(edit, QStringLiteral("contoso.com; fabrikam.com"));
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(f.editor.problemFor(domains), QString());
    QCOMPARE(f.doc.topology().sipDomains,
             (QStringList{QStringLiteral("contoso.com"), QStringLiteral("fabrikam.com")}));
    QCOMPARE(edit->text(), QStringLiteral("contoso.com, fabrikam.com"));
    QCOMPARE(f.doc.undoStack()->count(), 1);
    QVERIFY(f.doc.undoStack()->text(0).contains(QStringLiteral("SIP domains")));
    f.doc.undoStack()->undo();
    QCOMPARE(f.doc.topology().sipDomains, QStringList{QStringLiteral("contoso.com")});
    QCOMPARE(edit->text(), QStringLiteral("contoso.com"));
}

void TstPropertyEditor::rangeKeepsItsLength()
{
    Fixture f;
    const QString id = QStringLiteral("edge01-av-tcp-50000-59999");
    f.editor.showRef(ElementRef::listener(ListenerId(id)));
    auto *spin = qobject_cast<QSpinBox *>(
            f.editor.editorFor({Field::ListenerPort, ElementRef::listener(ListenerId(id))}));
    QVERIFY(spin);
    QCOMPARE(spin->maximum(), 65535 - 9999);
    typeInto(spin, QStringLiteral("40000"));
    const Listener *l = f.doc.topology().listener(ListenerId(id));
    QCOMPARE(l->port, 40000);
    QCOMPARE(l->portEnd, 49999);
}

void TstPropertyEditor::formFollowsOtherEdits()
{
    // An edit made elsewhere (another view, a script of the main window) shows in the form,
    // and a problem shown under a field goes once the topology changes.
    Fixture f;
    const FieldRef ip{Field::AddressIp,
                      ElementRef::address(AddressId(QStringLiteral("edge01-int")))};
    f.editor.showRef(ip.element);
    QWidget *editor = f.editor.editorFor(ip);
    typeInto(editor, QStringLiteral("nonsense"));
    QVERIFY(!f.editor.problemFor(ip).isEmpty());
    QVERIFY(!f.doc.setField(ip, QStringLiteral("172.25.33.99")).isError());
    QCOMPARE(shown(editor), QVariant(QStringLiteral("172.25.33.99")));
    QCOMPARE(f.editor.problemFor(ip), QString());
}

void TstPropertyEditor::addAndRemoveMember()
{
    Fixture f;
    f.editor.showRef(ElementRef::server(kEdge01));
    QSignalSpy requested(&f.editor, &PropertyEditor::refRequested);
    QCOMPARE(f.editor.addPoolMember(kPool, edge02()), QString());
    const ElementRef added = ElementRef::server(ServerId(QStringLiteral("edge02")));
    QCOMPARE(f.doc.topology().pool(kPool)->servers.size(), 2);
    QCOMPARE(f.editor.ref(), added);
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.first().first().value<ElementRef>(), added);
    QCOMPARE(f.doc.undoStack()->count(), 1);
    QVERIFY(f.doc.undoStack()->text(0).contains(QStringLiteral("edge02.contoso.local")));

    // Undo takes the new server away: the form falls back to its pool.
    f.doc.undoStack()->undo();
    QCOMPARE(f.doc.topology().pool(kPool)->servers.size(), 1);
    QCOMPARE(f.editor.ref(), ElementRef::pool(kPool));
    f.doc.undoStack()->redo();
    QCOMPARE(f.doc.topology().pool(kPool)->servers.size(), 2);

    // The button on the server's form removes it.
    f.editor.showRef(added);
    auto *remove = f.editor.findChild<QPushButton *>(QStringLiteral("removeMemberButton"));
    QVERIFY(remove);
    remove->click();
    QCOMPARE(f.doc.topology().pool(kPool)->servers.size(), 1);
    QCOMPARE(f.editor.ref(), ElementRef::pool(kPool));
    QCOMPARE(f.doc.undoStack()->count(), 2);
    f.doc.undoStack()->undo();
    QVERIFY(f.doc.topology().server(ServerId(QStringLiteral("edge02"))));
}

void TstPropertyEditor::removeLastMemberRefused()
{
    Fixture f;
    f.editor.showRef(ElementRef::server(kEdge01));
    const QString refusal = f.editor.removePoolMember(kEdge01);
    QVERIFY(refusal.contains(QStringLiteral("only server")));
    QCOMPARE(f.editor.actionProblem(), refusal);
    QCOMPARE(f.doc.undoStack()->count(), 0);
    QCOMPARE(f.editor.ref(), ElementRef::server(kEdge01));
    // A duplicate address in a new member is refused the same way, naming the address.
    MemberParams m = edge02();
    m.internalIp = QStringLiteral("172.25.33.10");
    QVERIFY(f.editor.addPoolMember(kPool, m).contains(QStringLiteral("edge01-int")));
    QCOMPARE(f.doc.undoStack()->count(), 0);
}

void TstPropertyEditor::addAndRemovePeer()
{
    Fixture f;
    f.editor.showRef(ElementRef::peersGroup());
    QVERIFY(f.editor.findChild<QPushButton *>(QStringLiteral("addPeerButton")));
    QCOMPARE(f.editor.addPeer(QStringLiteral("Partner VPN"), PeerKind::InternalClients,
                              {QStringLiteral("10.20.0.0/16")}),
             QString());
    const PeerId id(QStringLiteral("partner-vpn"));
    QVERIFY(f.doc.topology().peer(id));
    QCOMPARE(f.editor.ref(), ElementRef::peer(id));
    auto *addresses = f.editor.editorFor({Field::PeerAddresses, ElementRef::peer(id)});
    QCOMPARE(shown(addresses), QVariant(QStringLiteral("10.20.0.0/16")));

    auto *remove = f.editor.findChild<QPushButton *>(QStringLiteral("removePeerButton"));
    QVERIFY(remove);
    remove->click();
    QVERIFY(!f.doc.topology().peer(id));
    QCOMPARE(f.editor.ref(), ElementRef::peersGroup());
    f.doc.undoStack()->undo();
    QVERIFY(f.doc.topology().peer(id));

    // A peer a scenario goes through stays, and the pane says which scenario.
    const QString refusal = f.editor.removePeer(PeerId(QStringLiteral("front-end")));
    QVERIFY(refusal.contains(QStringLiteral("'CMS replication'")));
    QCOMPARE(f.editor.actionProblem(), refusal);
    QVERIFY(f.doc.topology().peer(PeerId(QStringLiteral("front-end"))));
}

void TstPropertyEditor::memberDialog()
{
    Fixture f;
    QString attempted;
    AddMemberDialog dialog(f.doc.topology(), kPool, [&](const MemberParams &m) {
        attempted = m.fqdn;
        return f.editor.addPoolMember(kPool, m);
    });
    // The default pool has three external addresses, each behind NAT.
    QVERIFY(dialog.findChild<QLineEdit *>(QStringLiteral("externalIp3")));
    QVERIFY(!dialog.findChild<QLineEdit *>(QStringLiteral("externalIp4")));
    for (const char *name : {"accessPublicIp", "webConfPublicIp", "avPublicIp"}) {
        auto *edit = dialog.findChild<QLineEdit *>(QLatin1String(name));
        QVERIFY2(edit, name);
        QVERIFY2(edit->placeholderText().startsWith(QStringLiteral("required")), name);
    }
    QVERIFY(!dialog.findChild<QLineEdit *>(QStringLiteral("publicIp")));
    const MemberParams m = edge02();
    const auto fill = [&](const char *name, const QString &text) {
        auto *edit = dialog.findChild<QLineEdit *>(QLatin1String(name));
        QVERIFY(edit);
        edit->clear();
        QTest::keyClicks(edit, text);
    };
    fill("fqdn", m.fqdn);
    fill("internalIp", QStringLiteral("172.25.33.300"));
    auto *problem = dialog.findChild<QLabel *>(QStringLiteral("problem"));
    QVERIFY(problem->text().contains(QStringLiteral("'172.25.33.300' is not")));
    fill("internalIp", m.internalIp);
    fill("externalIp1", m.externalIps[0]);
    fill("externalIp2", m.externalIps[1]);
    fill("externalIp3", m.externalIps[2]);
    fill("accessPublicIp", m.accessPublicIp);
    fill("webConfPublicIp", m.webConfPublicIp);
    dialog.accept(); // no public A/V address yet: refused, the dialog stays open
    QCOMPARE(attempted, m.fqdn);
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QCOMPARE(problem->text(), QStringLiteral("the A/V Edge address of pool edge01.contoso.local is "
                                             "behind NAT: give the new server's public address "
                                             "for it too"));
    QCOMPARE(f.doc.undoStack()->count(), 0);
    // A public address already in use is refused naming who has it.
    fill("avPublicIp", QStringLiteral("203.0.113.20"));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QCOMPARE(problem->text(), QStringLiteral("203.0.113.20 is already used by the NAT public "
                                             "address of edge01-webconf (edge01.contoso.local)"));
    fill("avPublicIp", QStringLiteral("203.0.113"));
    QVERIFY(problem->text().contains(QStringLiteral("'203.0.113' is not"))); // as typed
    fill("avPublicIp", m.avPublicIp);
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.params().externalIps, m.externalIps);
    const Topology &t = f.doc.topology();
    QVERIFY(t.server(ServerId(QStringLiteral("edge02"))));
    QCOMPARE(t.address(AddressId(QStringLiteral("edge02-access")))->natPublicIp, m.accessPublicIp);
    QCOMPARE(t.address(AddressId(QStringLiteral("edge02-webconf")))->natPublicIp,
             m.webConfPublicIp);
    QCOMPARE(t.address(AddressId(QStringLiteral("edge02-av")))->natPublicIp, m.avPublicIp);
}

void TstPropertyEditor::memberDialogSingleIp()
{
    // A single-IP pool behind NAT: one public address field, for the one external address.
    TemplateParams p;
    p.members = {MemberParams{QStringLiteral("edge01.fabrikam.local"),
                              QStringLiteral("10.1.0.10"),
                              {QStringLiteral("10.2.0.10")},
                              QStringLiteral("198.51.100.10")}};
    const TemplateResult built = buildTopology(p);
    QVERIFY2(built.ok(), qPrintable(built.error));
    Document doc(built.topology);
    PropertyEditor editor(doc);
    AddMemberDialog dialog(doc.topology(), kPool,
                           [&](const MemberParams &m) { return editor.addPoolMember(kPool, m); });
    QVERIFY(!dialog.findChild<QLineEdit *>(QStringLiteral("externalIp2")));
    QVERIFY(!dialog.findChild<QLineEdit *>(QStringLiteral("avPublicIp")));
    auto *publicIp = dialog.findChild<QLineEdit *>(QStringLiteral("publicIp"));
    QVERIFY(publicIp);
    QVERIFY(publicIp->placeholderText().startsWith(QStringLiteral("required")));
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("fqdn")),
                     QStringLiteral("edge02.fabrikam.local"));
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("internalIp")),
                     QStringLiteral("10.1.0.11"));
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("externalIp1")),
                     QStringLiteral("10.2.0.11"));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("problem"))
                    ->text()
                    .contains(QStringLiteral("is behind NAT")));
    QTest::keyClicks(publicIp, QStringLiteral("198.51.100.11"));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(doc.topology().address(AddressId(QStringLiteral("edge02-ext")))->natPublicIp,
             QStringLiteral("198.51.100.11"));
}

void TstPropertyEditor::peerDialog()
{
    Fixture f;
    AddPeerDialog dialog([&](const QString &name, PeerKind kind, const QStringList &addresses) {
        return f.editor.addPeer(name, kind, addresses);
    });
    auto *name = dialog.findChild<QLineEdit *>(QStringLiteral("name"));
    auto *addresses = dialog.findChild<QLineEdit *>(QStringLiteral("addresses"));
    QTest::keyClicks(addresses, QStringLiteral("10.9.0.0/16; 10.8.0.1"));
    dialog.accept(); // no name
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QTest::keyClicks(name, QStringLiteral("Branch office"));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const Peer *peer = f.doc.topology().peer(PeerId(QStringLiteral("branch-office")));
    QVERIFY(peer);
    QCOMPARE(peer->addresses,
             (QStringList{QStringLiteral("10.9.0.0/16"), QStringLiteral("10.8.0.1")}));
}

QTEST_MAIN(TstPropertyEditor)
#include "tst_propertyeditor.moc"
