// The New topology wizard as a user drives it: typing into its fields and table, watching Next
// and the reasons on each page, and the topology it finally builds.
// EDGEMAP_WIZARD_SCREENSHOTS=DIR also saves each page as DIR/wizard-<n>-<page>.png.
#include "editing/newtopologywizard.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTableWidget>
#include <QTest>

#include <algorithm>

using namespace edgemap;
using namespace Qt::StringLiterals;

using W = NewTopologyWizard;

namespace {

// Two servers, three external addresses each, all behind NAT, Director next hop.
TemplateParams twoMemberParams()
{
    TemplateParams p;
    p.product = Product::SfB2015;
    p.name = u"Contoso Edge"_s;
    p.site = u"Dublin"_s;
    p.poolFqdn = u"edgepool.contoso.local"_s;
    p.accessFqdn = u"sip.contoso.com"_s;
    p.webConfFqdn = u"webconf.contoso.com"_s;
    p.avFqdn = u"av.contoso.com"_s;
    p.nextHop = NextHopKind::Director;
    for (int n = 1; n <= 2; ++n) {
        MemberParams m;
        m.fqdn = u"edge%1.contoso.local"_s.arg(n, 2, 10, QLatin1Char('0'));
        m.internalIp = u"172.25.33.%1"_s.arg(10 + n);
        m.externalIps = {u"192.0.2.%1"_s.arg(10 + n), u"192.0.2.%1"_s.arg(20 + n),
                         u"192.0.2.%1"_s.arg(30 + n)};
        m.avPublicIp = u"203.0.113.%1"_s.arg(30 + n);
        m.accessPublicIp = u"203.0.113.%1"_s.arg(10 + n);
        m.webConfPublicIp = u"198.51.100.%1"_s.arg(20 + n);
        p.members.append(m);
    }
    return p;
}

template<typename T>
T *child(const QWidget &w, const QString &name)
{
    return w.findChild<T *>(name);
}

QString problems(const QWidget &w, const QString &name)
{
    const auto *label = child<QLabel>(w, name);
    return label && label->parentWidget()->isVisible() ? label->text() : QString();
}

bool nextEnabled(const QWizard &w)
{
    const int id = w.currentId();
    return w.button(id == W::NextHopPageId ? QWizard::FinishButton : QWizard::NextButton)
            ->isEnabled();
}

// Opens the cell's editor, replaces its text keystroke by keystroke, and commits with Return
// unless asked to leave the editor open.
QLineEdit *typeInCell(QTableWidget *table, int row, int column, const QString &text,
                      bool commit = true)
{
    table->setCurrentCell(row, column);
    table->editItem(table->item(row, column));
    QLineEdit *editor = nullptr;
    for (QLineEdit *e : table->viewport()->findChildren<QLineEdit *>(u"memberCellEditor"_s))
        if (e->isVisible())
            editor = e;
    if (!editor)
        return nullptr;
    editor->selectAll();
    QTest::keyClick(editor, Qt::Key_Backspace);
    QTest::keyClicks(editor, text);
    if (commit)
        QTest::keyClick(editor, Qt::Key_Return);
    return editor;
}

void typeInto(QLineEdit *edit, const QString &text)
{
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

} // namespace

class TstNewTopologyWizard : public QObject
{
    Q_OBJECT

private:
    // Shows the wizard and clicks Next until it is on `page`; fails if Next is disabled on the way.
    bool goTo(NewTopologyWizard &wizard, int page);
    void typeThroughFirstPages(NewTopologyWizard &wizard, const TemplateParams &p);

private Q_SLOTS:
    void startsIncompleteWithoutShouting();
    void badIpDisablesNextAndSaysWhere();
    void duplicateAddressAcrossMembers();
    void singleIpLayoutHidesColumns();
    void natNeedsEveryPublicAddress();
    void ipv6OnLync2010Refused();
    void badExternalFqdn();
    void sipDomainsCheckedAsTyped();
    void badSipDomainBlocksFinish();
    void publicImOffUnlessTicked();
    void fitsASmallScreen();
    void xmppFollowsTheProduct_data();
    void xmppFollowsTheProduct();
    void twelveMembersAndNoMore();
    void removeMember();
    void setParamsRoundTrip();
    void typedWizardBuildsTheSameTopology();
    void screenshots();
};

bool TstNewTopologyWizard::goTo(NewTopologyWizard &wizard, int page)
{
    wizard.show();
    if (!QTest::qWaitForWindowExposed(&wizard))
        return false;
    while (wizard.currentId() < page) {
        QAbstractButton *next = wizard.button(QWizard::NextButton);
        if (!next->isEnabled()) {
            qWarning("Next is disabled on %s", qPrintable(wizard.currentPage()->objectName()));
            return false;
        }
        next->click();
    }
    return wizard.currentId() == page;
}

void TstNewTopologyWizard::startsIncompleteWithoutShouting()
{
    NewTopologyWizard wizard;
    QVERIFY(goTo(wizard, W::MembersPageId));
    QVERIFY(!nextEnabled(wizard));
    // The empty row is explained, not marked as wrong.
    QVERIFY2(problems(wizard, u"membersProblems"_s).startsWith(u"Row 1 still needs: FQDN"_s),
             qPrintable(problems(wizard, u"membersProblems"_s)));
    auto *table = child<QTableWidget>(wizard, u"membersTable"_s);
    QVERIFY(table->item(0, W::InternalIpColumn)->toolTip().isEmpty());
}

void TstNewTopologyWizard::badIpDisablesNextAndSaysWhere()
{
    NewTopologyWizard wizard;
    wizard.setParams(twoMemberParams());
    QVERIFY(goTo(wizard, W::MembersPageId));
    QVERIFY(nextEnabled(wizard));
    auto *table = child<QTableWidget>(wizard, u"membersTable"_s);

    // Checked while typing: the editor is still open.
    QLineEdit *editor = typeInCell(table, 1, W::InternalIpColumn, u"10.0.0.300"_s, false);
    QVERIFY(editor);
    const QString reason = u"Row 2, internal IP: '10.0.0.300' is not an IPv4 or IPv6 address"_s;
    QVERIFY(!nextEnabled(wizard));
    QCOMPARE(problems(wizard, u"membersProblems"_s), reason);
    QCOMPARE(editor->toolTip(), reason);
    QTest::keyClick(editor, Qt::Key_Return);
    QTableWidgetItem *cell = table->item(1, W::InternalIpColumn);
    QCOMPARE(cell->toolTip(), reason);
    QVERIFY(cell->data(Qt::BackgroundRole).isValid());
    QVERIFY(!cell->icon().isNull());

    typeInCell(table, 1, W::InternalIpColumn, u"10.0.0.30"_s);
    QVERIFY(nextEnabled(wizard));
    QCOMPARE(problems(wizard, u"membersProblems"_s), QString());
    QVERIFY(cell->toolTip().isEmpty());
    QVERIFY(!cell->data(Qt::BackgroundRole).isValid());
    QCOMPARE(wizard.params().members[1].internalIp, u"10.0.0.30"_s);
}

void TstNewTopologyWizard::duplicateAddressAcrossMembers()
{
    NewTopologyWizard wizard;
    wizard.setParams(twoMemberParams());
    QVERIFY(goTo(wizard, W::MembersPageId));
    auto *table = child<QTableWidget>(wizard, u"membersTable"_s);
    typeInCell(table, 1, W::AvPublicIpColumn, u"192.0.2.11"_s);
    QVERIFY(!nextEnabled(wizard));
    QCOMPARE(problems(wizard, u"membersProblems"_s),
             u"192.0.2.11 is used twice: row 1, Access IP and row 2, A/V public IP"_s);
    QVERIFY(!table->item(0, W::AccessIpColumn)->toolTip().isEmpty());
    QVERIFY(!table->item(1, W::AvPublicIpColumn)->toolTip().isEmpty());

    // The same host written differently is still the same address.
    typeInCell(table, 1, W::AvPublicIpColumn, u"203.0.113.32"_s);
    typeInCell(table, 0, W::InternalIpColumn, u"2001:db8::10"_s);
    typeInCell(table, 1, W::InternalIpColumn, u"2001:DB8:0::10"_s);
    QCOMPARE(problems(wizard, u"membersProblems"_s),
             u"2001:DB8:0::10 is used twice: row 1, internal IP and row 2, internal IP"_s);
    QVERIFY(!nextEnabled(wizard));
}

void TstNewTopologyWizard::singleIpLayoutHidesColumns()
{
    NewTopologyWizard wizard;
    QVERIFY(goTo(wizard, W::LayoutPageId));
    QVERIFY(child<QLabel>(wizard, u"singleIpNote"_s)->text().contains(u"TCP 5061"_s));
    child<QRadioButton>(wizard, u"singleIpRadio"_s)->click();
    QVERIFY(child<QLabel>(wizard, u"singleIpNote"_s)->isEnabled());
    QVERIFY(!child<QLineEdit>(wizard, u"webConfFqdnEdit"_s)->isEnabled());
    QVERIFY(goTo(wizard, W::MembersPageId));
    auto *table = child<QTableWidget>(wizard, u"membersTable"_s);
    QVERIFY(table->isColumnHidden(W::WebConfIpColumn));
    QVERIFY(table->isColumnHidden(W::AvIpColumn));
    QVERIFY(table->isColumnHidden(W::AvPublicIpColumn));
    QVERIFY(table->isColumnHidden(W::AccessPublicIpColumn));
    QCOMPARE(table->horizontalHeaderItem(W::AccessIpColumn)->text(), u"External IP"_s);

    typeInCell(table, 0, W::FqdnColumn, u"edge01.contoso.local"_s);
    typeInCell(table, 0, W::InternalIpColumn, u"172.25.33.10"_s);
    typeInCell(table, 0, W::AccessIpColumn, u"192.0.2"_s);
    QCOMPARE(problems(wizard, u"membersProblems"_s),
             u"Row 1, external IP: '192.0.2' is not an IPv4 or IPv6 address"_s);
    typeInCell(table, 0, W::AccessIpColumn, u"192.0.2.10"_s);
    QVERIFY(nextEnabled(wizard));
    QCOMPARE(wizard.params().members[0].externalIps, QStringList{u"192.0.2.10"_s});

    wizard.back();
    child<QCheckBox>(wizard, u"natCheck"_s)->click();
    // One public address for the one external address.
    QVERIFY(!table->isColumnHidden(W::AvPublicIpColumn));
    QCOMPARE(table->horizontalHeaderItem(W::AvPublicIpColumn)->text(), u"Public IP"_s);
    QVERIFY(table->isColumnHidden(W::AccessPublicIpColumn));
    QVERIFY(table->isColumnHidden(W::WebConfPublicIpColumn));
    QVERIFY(goTo(wizard, W::MembersPageId));
    QVERIFY(!nextEnabled(wizard)); // the public address is now needed
    QCOMPARE(problems(wizard, u"membersProblems"_s), u"Row 1 still needs: public IP"_s);
    typeInCell(table, 0, W::AvPublicIpColumn, u"203.0.113.10"_s);
    QVERIFY(nextEnabled(wizard));
    const TemplateResult r = wizard.result();
    QVERIFY2(r.ok(), qPrintable(r.error));
    const Address *ext = r.topology.address(AddressId(u"edge01-ext"_s));
    QVERIFY(ext);
    QCOMPARE(ext->natPublicIp, u"203.0.113.10"_s);
}

void TstNewTopologyWizard::natNeedsEveryPublicAddress()
{
    NewTopologyWizard wizard;
    wizard.setParams(twoMemberParams());
    QVERIFY(goTo(wizard, W::MembersPageId));
    QVERIFY(nextEnabled(wizard));
    auto *table = child<QTableWidget>(wizard, u"membersTable"_s);
    const QList<std::pair<int, QString>> shownPublic{
            {W::AccessPublicIpColumn, u"Access\npublic IP"_s},
            {W::WebConfPublicIpColumn, u"Web Conf\npublic IP"_s},
            {W::AvPublicIpColumn, u"A/V\npublic IP"_s}};
    for (const auto &[column, header] : shownPublic) {
        QVERIFY(!table->isColumnHidden(column));
        QCOMPARE(table->horizontalHeaderItem(column)->text(), header);
    }
    QCOMPARE(table->horizontalHeaderItem(W::WebConfPublicIpColumn)->toolTip(),
             u"Web Conferencing public IP"_s);

    typeInCell(table, 0, W::AccessPublicIpColumn, QString());
    QVERIFY(!nextEnabled(wizard));
    QCOMPARE(problems(wizard, u"membersProblems"_s), u"Row 1 still needs: Access public IP"_s);
    typeInCell(table, 0, W::AccessPublicIpColumn, u"203.0.113"_s);
    QCOMPARE(problems(wizard, u"membersProblems"_s),
             u"Row 1, Access public IP: '203.0.113' is not an IPv4 or IPv6 address"_s);
    QVERIFY(!table->item(0, W::AccessPublicIpColumn)->icon().isNull());
    typeInCell(table, 0, W::AccessPublicIpColumn, u"198.51.100.22"_s);
    QCOMPARE(problems(wizard, u"membersProblems"_s),
             u"198.51.100.22 is used twice: row 1, Access public IP and row 2, Web Conferencing "
             "public IP"_s);
    QVERIFY(!table->item(1, W::WebConfPublicIpColumn)->toolTip().isEmpty());
    QVERIFY(!nextEnabled(wizard));
    typeInCell(table, 0, W::AccessPublicIpColumn, u"203.0.113.51"_s);
    QVERIFY(nextEnabled(wizard));
    const MemberParams first = wizard.params().members.first();
    QCOMPARE(first.accessPublicIp, u"203.0.113.51"_s);
    QCOMPARE(first.webConfPublicIp, u"198.51.100.21"_s);
    QCOMPARE(first.avPublicIp, u"203.0.113.31"_s);

    // Without NAT the public columns go, and nothing public ends in the topology.
    wizard.back();
    child<QCheckBox>(wizard, u"natCheck"_s)->click();
    QVERIFY(table->isColumnHidden(W::AccessPublicIpColumn));
    QVERIFY(table->isColumnHidden(W::AvPublicIpColumn));
    QCOMPARE(wizard.params().members.first().accessPublicIp, QString());
    const TemplateResult r = wizard.result();
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.topology.address(AddressId(u"edge01-access"_s))->natPublicIp, QString());
}

void TstNewTopologyWizard::ipv6OnLync2010Refused()
{
    TemplateParams p = twoMemberParams();
    p.product = Product::Lync2010;
    NewTopologyWizard wizard;
    wizard.setParams(p);
    QVERIFY(goTo(wizard, W::MembersPageId));
    QVERIFY(nextEnabled(wizard));
    auto *table = child<QTableWidget>(wizard, u"membersTable"_s);
    // A valid address, which only the template refuses: its message, the cell it names marked.
    typeInCell(table, 1, W::AvPublicIpColumn, u"2001:db8::32"_s);
    const QString reason = u"edge02.contoso.local: 2001:db8::32 is an IPv6 address; the Edge "
                           "supports IPv6 from Lync Server 2013 on, not in Lync Server 2010"_s;
    QCOMPARE(problems(wizard, u"membersProblems"_s), reason);
    QVERIFY(!nextEnabled(wizard));
    QTableWidgetItem *cell = table->item(1, W::AvPublicIpColumn);
    QCOMPARE(cell->toolTip(), reason);
    QVERIFY(cell->data(Qt::BackgroundRole).isValid());
    QVERIFY(table->item(0, W::AvPublicIpColumn)->toolTip().isEmpty());

    // Lync Server 2013 takes it.
    wizard.restart();
    auto *combo = child<QComboBox>(wizard, u"productCombo"_s);
    combo->setCurrentIndex(combo->findText(displayName(Product::Lync2013)));
    QVERIFY(goTo(wizard, W::MembersPageId));
    QVERIFY(nextEnabled(wizard));
    QCOMPARE(problems(wizard, u"membersProblems"_s), QString());
    QVERIFY(cell->toolTip().isEmpty());
}

void TstNewTopologyWizard::badExternalFqdn()
{
    NewTopologyWizard wizard;
    QVERIFY(goTo(wizard, W::LayoutPageId));
    QVERIFY(nextEnabled(wizard)); // the external FQDNs are optional
    auto *access = child<QLineEdit>(wizard, u"accessFqdnEdit"_s);
    typeInto(access, u"sip contoso.com"_s);
    QVERIFY(!nextEnabled(wizard));
    QVERIFY(problems(wizard, u"layoutProblems"_s).startsWith(u"Access Edge FQDN: 'sip contoso"_s));
    QVERIFY(!access->toolTip().isEmpty());
    typeInto(access, u"sip.contoso.com"_s);
    typeInto(child<QLineEdit>(wizard, u"avFqdnEdit"_s), u"SIP.contoso.com"_s);
    QVERIFY(problems(wizard, u"layoutProblems"_s).contains(u"is used twice"_s));
    QVERIFY(!nextEnabled(wizard));
    typeInto(child<QLineEdit>(wizard, u"avFqdnEdit"_s), u"av.contoso.com"_s);
    QVERIFY(nextEnabled(wizard));
    QVERIFY(access->toolTip().isEmpty());
}

void TstNewTopologyWizard::sipDomainsCheckedAsTyped()
{
    NewTopologyWizard wizard;
    wizard.setParams(twoMemberParams());
    QVERIFY(goTo(wizard, W::ProductPageId));
    QVERIFY(nextEnabled(wizard)); // optional
    const QString note = child<QLabel>(wizard, u"sipDomainsNote"_s)->text();
    QVERIFY2(note.contains(u"default SIP domain first"_s) && note.contains(u"certificate"_s)
                     && note.contains(u"DNS"_s),
             qPrintable(note));
    auto *edit = child<QLineEdit>(wizard, u"sipDomainsEdit"_s);
    typeInto(edit, u"contoso.com, contoso"_s);
    QVERIFY(!nextEnabled(wizard));
    const QString bad = u"SIP domain 'contoso' is not a domain name (letters, digits and hyphens "
                        "between dots, as in contoso.com)"_s;
    QCOMPARE(problems(wizard, u"productProblems"_s), bad);
    QCOMPARE(edit->toolTip(), bad);
    typeInto(edit, u"contoso.com, fabrikam.com, Contoso.COM"_s);
    QCOMPARE(problems(wizard, u"productProblems"_s), u"SIP domain 'Contoso.COM' is given twice"_s);
    QVERIFY(!nextEnabled(wizard));
    typeInto(edit, u" contoso.com ,fabrikam.com,"_s);
    QVERIFY(nextEnabled(wizard));
    QCOMPARE(problems(wizard, u"productProblems"_s), QString());
    QVERIFY(edit->toolTip().isEmpty());

    QVERIFY(goTo(wizard, W::NextHopPageId));
    QVERIFY(nextEnabled(wizard));
    wizard.button(QWizard::FinishButton)->click();
    const TemplateResult r = wizard.result();
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.topology.sipDomains, (QStringList{u"contoso.com"_s, u"fabrikam.com"_s}));
}

void TstNewTopologyWizard::badSipDomainBlocksFinish()
{
    TemplateParams p = twoMemberParams();
    p.sipDomains = {u"contoso.com"_s, u"contoso_com"_s};
    NewTopologyWizard wizard;
    wizard.setParams(p);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    QVERIFY(!nextEnabled(wizard));
    QVERIFY(problems(wizard, u"productProblems"_s).contains(u"'contoso_com'"_s));
    // Even pushed past the product page, the last page refuses with the template's reason.
    while (wizard.currentId() < W::NextHopPageId)
        wizard.next();
    QVERIFY(!nextEnabled(wizard));
    QCOMPARE(problems(wizard, u"nextHopProblems"_s),
             u"SIP domain 'contoso_com' is not a domain name"_s);
    QCOMPARE(child<QLabel>(wizard, u"summaryLabel"_s)->text(), QString());
}

void TstNewTopologyWizard::publicImOffUnlessTicked()
{
    NewTopologyWizard wizard;
    wizard.setParams(twoMemberParams());
    QVERIFY(goTo(wizard, W::NextHopPageId));
    auto *publicIm = child<QCheckBox>(wizard, u"publicImCheck"_s);
    QCOMPARE(publicIm->text().remove(u'&'),
             u"Public IM connectivity with Skype (historical: retired May 2025)"_s);
    QVERIFY(!publicIm->isChecked());
    QVERIFY(!wizard.params().publicIm);
    const PeerId skype(u"public-im"_s);
    QVERIFY(!wizard.result().topology.peer(skype));
    auto *summary = child<QLabel>(wizard, u"summaryLabel"_s);
    const QString without = summary->text();

    publicIm->click();
    QVERIFY(wizard.params().publicIm);
    const TemplateResult r = wizard.result();
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY(r.topology.peer(skype));
    QVERIFY(std::any_of(r.topology.flows.cbegin(), r.topology.flows.cend(),
                        [&](const Flow &f) { return f.from.peer == skype || f.to.peer == skype; }));
    QVERIFY(summary->text() != without); // more flows and a scenario
    QVERIFY(nextEnabled(wizard));
    wizard.button(QWizard::FinishButton)->click();
    QVERIFY(wizard.result().topology.peer(skype));
}

void TstNewTopologyWizard::fitsASmallScreen()
{
    // 1366x768 less a task bar and the title bar: every page, with the longest notes and twelve
    // servers behind NAT, stays within 700 pixels.
    TemplateParams p = twoMemberParams();
    p.sipDomains = {u"contoso.com"_s};
    NewTopologyWizard wizard;
    wizard.setParams(p);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    QVERIFY2(wizard.minimumSizeHint().height() <= 700,
             qPrintable(QString::number(wizard.minimumSizeHint().height())));
    for (int page = W::ProductPageId; page <= W::NextHopPageId; ++page) {
        while (wizard.currentId() < page)
            wizard.next();
        if (page == W::MembersPageId)
            while (child<QPushButton>(wizard, u"addMemberButton"_s)->isEnabled())
                child<QPushButton>(wizard, u"addMemberButton"_s)->click();
        QCoreApplication::processEvents();
        QVERIFY2(wizard.height() <= 700,
                 qPrintable(u"%1 on page %2"_s.arg(wizard.height())
                                    .arg(wizard.currentPage()->objectName())));
        QVERIFY(wizard.width() <= 1366);
    }
}

void TstNewTopologyWizard::xmppFollowsTheProduct_data()
{
    QTest::addColumn<Product>("product");
    QTest::addColumn<bool>("available");
    QTest::newRow("2010") << Product::Lync2010 << false;
    QTest::newRow("2013") << Product::Lync2013 << true;
    QTest::newRow("2015") << Product::SfB2015 << true;
    QTest::newRow("2019") << Product::SfB2019 << false;
    QTest::newRow("SE") << Product::SfBSE << false;
}

void TstNewTopologyWizard::xmppFollowsTheProduct()
{
    QFETCH(Product, product);
    QFETCH(bool, available);
    TemplateParams p = twoMemberParams();
    p.xmpp = true; // SfB 2015 has it
    NewTopologyWizard wizard;
    wizard.setParams(p);
    QVERIFY(goTo(wizard, W::ProductPageId));
    auto *combo = child<QComboBox>(wizard, u"productCombo"_s);
    combo->setCurrentIndex(combo->findText(displayName(product)));
    QVERIFY(goTo(wizard, W::NextHopPageId));
    auto *xmpp = child<QCheckBox>(wizard, u"xmppCheck"_s);
    QCOMPARE(xmpp->isEnabled(), available);
    const QString reason = child<QLabel>(wizard, u"xmppReason"_s)->text();
    QCOMPARE(reason.contains(u"not available in "_s + displayName(product)), !available);
    if (!available) {
        QVERIFY(reason.contains(u"Lync Server 2013 and Skype for Business Server 2015"_s));
        QVERIFY(!wizard.params().xmpp);
    }
    QVERIFY(nextEnabled(wizard));
    QVERIFY(wizard.result().ok());
}

void TstNewTopologyWizard::twelveMembersAndNoMore()
{
    TemplateParams p = twoMemberParams();
    p.members.removeLast();
    NewTopologyWizard wizard;
    wizard.setParams(p);
    QVERIFY(goTo(wizard, W::MembersPageId));
    auto *table = child<QTableWidget>(wizard, u"membersTable"_s);
    auto *add = child<QPushButton>(wizard, u"addMemberButton"_s);
    while (add->isEnabled())
        add->click();
    QCOMPARE(table->rowCount(), 12);
    QTest::mouseClick(add, Qt::LeftButton);
    QCOMPARE(table->rowCount(), 12);
    QVERIFY(add->toolTip().contains(u"at most 12"_s));
    // The suggested names and addresses are free, so the pool is valid as it is.
    QVERIFY2(nextEnabled(wizard), qPrintable(problems(wizard, u"membersProblems"_s)));
    QCOMPARE(table->item(11, W::FqdnColumn)->text(), u"edge12.contoso.local"_s);
    QCOMPARE(table->item(11, W::AvPublicIpColumn)->text(), u"203.0.113.42"_s);
    const TemplateResult r = wizard.result();
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.topology.pools.first().servers.size(), qsizetype(12));
}

void TstNewTopologyWizard::removeMember()
{
    NewTopologyWizard wizard;
    wizard.setParams(twoMemberParams());
    QVERIFY(goTo(wizard, W::MembersPageId));
    auto *table = child<QTableWidget>(wizard, u"membersTable"_s);
    auto *remove = child<QPushButton>(wizard, u"removeMemberButton"_s);
    child<QLineEdit>(wizard, u"poolFqdnEdit"_s)->clear();
    QVERIFY(!nextEnabled(wizard)); // two servers need a pool FQDN
    QVERIFY(problems(wizard, u"membersProblems"_s).contains(u"pool FQDN"_s));
    table->setCurrentCell(0, W::FqdnColumn);
    remove->click();
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, W::FqdnColumn)->text(), u"edge02.contoso.local"_s);
    QVERIFY(nextEnabled(wizard)); // one server may go without
    QVERIFY(!remove->isEnabled());
    QCOMPARE(wizard.result().topology.pools.first().fqdn, u"edge02.contoso.local"_s);
}

void TstNewTopologyWizard::setParamsRoundTrip()
{
    TemplateParams p = twoMemberParams();
    p.sipDomains = {u"contoso.com"_s, u"fabrikam.com"_s};
    p.publicIm = true;
    NewTopologyWizard wizard;
    wizard.setParams(p);
    const TemplateParams back = wizard.params();
    QCOMPARE(back.product, p.product);
    QCOMPARE(back.name, p.name);
    QCOMPARE(back.site, p.site);
    QCOMPARE(back.poolFqdn, p.poolFqdn);
    QCOMPARE(back.accessFqdn, p.accessFqdn);
    QCOMPARE(back.webConfFqdn, p.webConfFqdn);
    QCOMPARE(back.avFqdn, p.avFqdn);
    QCOMPARE(back.members.size(), p.members.size());
    for (qsizetype i = 0; i < p.members.size(); ++i) {
        QCOMPARE(back.members[i].fqdn, p.members[i].fqdn);
        QCOMPARE(back.members[i].internalIp, p.members[i].internalIp);
        QCOMPARE(back.members[i].externalIps, p.members[i].externalIps);
        QCOMPARE(back.members[i].avPublicIp, p.members[i].avPublicIp);
        QCOMPARE(back.members[i].accessPublicIp, p.members[i].accessPublicIp);
        QCOMPARE(back.members[i].webConfPublicIp, p.members[i].webConfPublicIp);
    }
    QCOMPARE(back.sipDomains, p.sipDomains);
    QCOMPARE(back.publicIm, p.publicIm);
    QCOMPARE(wizard.result().topology, buildTopology(p).topology);
}

// Types `p` (a three-IP NAT pool) into the first three pages, the way a user would.
void TstNewTopologyWizard::typeThroughFirstPages(NewTopologyWizard &wizard, const TemplateParams &p)
{
    QVERIFY(goTo(wizard, W::ProductPageId));
    typeInto(child<QLineEdit>(wizard, u"nameEdit"_s), p.name);
    QVERIFY(goTo(wizard, W::LayoutPageId));
    child<QCheckBox>(wizard, u"natCheck"_s)->click();
    QVERIFY(goTo(wizard, W::MembersPageId));
    auto *table = child<QTableWidget>(wizard, u"membersTable"_s);
    child<QPushButton>(wizard, u"addMemberButton"_s)->click();
    for (int row = 0; row < 2; ++row) {
        const MemberParams &m = p.members[row];
        const QStringList cells{
                m.fqdn,           m.internalIp,     m.externalIps[0],  m.externalIps[1],
                m.externalIps[2], m.accessPublicIp, m.webConfPublicIp, m.avPublicIp};
        for (int col = 0; col < W::MemberColumnCount; ++col)
            QVERIFY(typeInCell(table, row, col, cells[col]));
    }
    typeInto(child<QLineEdit>(wizard, u"poolFqdnEdit"_s), p.poolFqdn);
}

void TstNewTopologyWizard::typedWizardBuildsTheSameTopology()
{
    TemplateParams expected = twoMemberParams();
    expected.product = Product::Lync2013;
    expected.site = u"Site 1"_s;
    expected.accessFqdn.clear();
    expected.webConfFqdn.clear();
    expected.avFqdn.clear();

    NewTopologyWizard wizard;
    typeThroughFirstPages(wizard, expected);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(goTo(wizard, W::NextHopPageId), qPrintable(problems(wizard, u"membersProblems"_s)));
    QVERIFY(child<QRadioButton>(wizard, u"directorRadio"_s)->isChecked());
    QVERIFY(child<QLabel>(wizard, u"summaryLabel"_s)->text().contains(u"2 Edge servers"_s));
    QVERIFY(nextEnabled(wizard));
    wizard.button(QWizard::FinishButton)->click();
    // NewTopologyWizard::result() hides QDialog::result(), the dialog code.
    QCOMPARE(static_cast<QDialog &>(wizard).result(), int(QDialog::Accepted));

    const TemplateResult got = wizard.result();
    const TemplateResult want = buildTopology(expected);
    QVERIFY2(got.ok(), qPrintable(got.error));
    QVERIFY(want.ok());
    const EdgePool &pool = got.topology.pools.first();
    QCOMPARE(pool.fqdn, u"edgepool.contoso.local"_s);
    QCOMPARE(pool.nextHop, PeerId(u"director"_s));
    QCOMPARE(pool.servers.size(), qsizetype(2));
    const Address *av = got.topology.address(AddressId(u"edge02-av"_s));
    QVERIFY(av);
    QCOMPARE(av->ip, u"192.0.2.32"_s);
    QCOMPARE(av->natPublicIp, u"203.0.113.32"_s);
    // NAT translates every external address, each to its own public one.
    QCOMPARE(got.topology.address(AddressId(u"edge02-access"_s))->natPublicIp, u"203.0.113.12"_s);
    QCOMPARE(got.topology.address(AddressId(u"edge02-webconf"_s))->natPublicIp, u"198.51.100.22"_s);
    QCOMPARE(got.topology.address(AddressId(u"edge01-access"_s))->natPublicIp, u"203.0.113.11"_s);
    QCOMPARE(got.topology.pools, want.topology.pools);
    QCOMPARE(got.topology.peers, want.topology.peers);
    QCOMPARE(got.topology, want.topology);
}

void TstNewTopologyWizard::screenshots()
{
    const QString dir = qEnvironmentVariable("EDGEMAP_WIZARD_SCREENSHOTS");
    if (dir.isEmpty())
        QSKIP("set EDGEMAP_WIZARD_SCREENSHOTS=DIR to save each page as a PNG");
    QDir().mkpath(dir);
    NewTopologyWizard wizard;
    TemplateParams p = twoMemberParams();
    p.members[1].internalIp = u"10.0.0.300"_s;
    p.members[1].avPublicIp = u"192.0.2.11"_s;
    wizard.setParams(p);
    wizard.resize(940, 560);
    const QStringList names{u"product"_s, u"layout"_s, u"members"_s, u"nexthop"_s};
    for (int page = W::ProductPageId; page <= W::NextHopPageId; ++page) {
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        while (wizard.currentId() < page)
            wizard.next(); // past invalid pages too: the point is to look at them
        QTest::qWait(100); // the header resizes its sections on a timer
        const QString file = u"%1/wizard-%2-%3.png"_s.arg(dir).arg(page + 1).arg(names[page]);
        QVERIFY(wizard.grab().save(file));
    }
    wizard.setParams(twoMemberParams());
    wizard.restart();
    child<QRadioButton>(wizard, u"singleIpRadio"_s)->click();
    child<QComboBox>(wizard, u"productCombo"_s)->setCurrentIndex(3);
    while (wizard.currentId() < W::NextHopPageId) {
        wizard.next();
        QCoreApplication::processEvents();
        QVERIFY(wizard.grab().save(u"%1/wizard-single-%2.png"_s.arg(dir).arg(wizard.currentId())));
    }
    NewTopologyWizard fresh;
    QVERIFY(goTo(fresh, W::MembersPageId));
    QVERIFY(fresh.grab().save(u"%1/wizard-empty-members.png"_s.arg(dir)));
    typeInCell(child<QTableWidget>(fresh, u"membersTable"_s), 0, W::InternalIpColumn,
               u"10.0.0.3000"_s, false);
    QTest::qWait(100);
    QVERIFY(fresh.grab().save(u"%1/wizard-typing.png"_s.arg(dir)));
}

QTEST_MAIN(TstNewTopologyWizard)
#include "tst_newtopologywizard.moc"
