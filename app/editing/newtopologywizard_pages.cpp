// The product, external layout and next-hop pages of the New topology wizard.
#include "editing/newtopologywizard_p.h"

#include "core/catalog.h"
#include "core/rules.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHash>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QVBoxLayout>

namespace edgemap::wizard {

namespace {

QLabel *noteLabel(QWidget *parent, const QString &objectName = {})
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    // A form row may be given more height than the wrapped text needs: keep it by its field.
    label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    // Notes explain; they should not compete with the fields for attention.
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

// A note under a radio button or check box, lined up with its text.
QWidget *indented(QLabel *label)
{
    auto *box = new QWidget(label->parentWidget());
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(24, 0, 0, 0);
    layout->addWidget(label);
    return box;
}

} // namespace

ProductPage::ProductPage(QWidget *parent)
    : QWizardPage(parent)
    , m_product(new QComboBox(this))
    , m_productNote(noteLabel(this, QStringLiteral("productNote")))
    , m_name(new QLineEdit(this))
    , m_site(new QLineEdit(this))
    , m_sipDomains(new QLineEdit(this))
    , m_sipDomainsNote(noteLabel(this, QStringLiteral("sipDomainsNote")))
    , m_problems(new ProblemPanel(QStringLiteral("productProblems"), this))
{
    setObjectName(QStringLiteral("productPage"));
    setTitle(tr("Product, name and SIP domains"));
    setSubTitle(tr("The product version decides which services, listeners and firewall flows "
                   "the Edge has."));
    m_product->setObjectName(QStringLiteral("productCombo"));
    for (const Product p : allProducts())
        m_product->addItem(displayName(p), int(p));
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setPlaceholderText(tr("e.g. Contoso Edge"));
    m_site->setObjectName(QStringLiteral("siteEdit"));
    m_site->setPlaceholderText(tr("e.g. Dublin"));
    m_sipDomains->setObjectName(QStringLiteral("sipDomainsEdit"));
    m_sipDomains->setPlaceholderText(tr("e.g. contoso.com, fabrikam.com"));
    m_sipDomainsNote->setText(tr("Comma separated, the default SIP domain first (optional). The "
                                 "certificate requests (sip.<domain> names) and the DNS SRV "
                                 "records are generated from them."));
    auto *form = new QFormLayout;
    form->addRow(tr("&Product version:"), m_product);
    form->addRow(QString(), m_productNote);
    form->addRow(tr("Topology &name:"), m_name);
    form->addRow(tr("&Site:"), m_site);
    form->addRow(tr("SIP &domains:"), m_sipDomains);
    form->addRow(QString(), m_sipDomainsNote);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch();
    layout->addWidget(m_problems);
    connect(m_product, &QComboBox::currentIndexChanged, this, &ProductPage::productPicked);
    connect(m_name, &QLineEdit::textChanged, this, &ProductPage::check);
    connect(m_site, &QLineEdit::textChanged, this, &ProductPage::check);
    connect(m_sipDomains, &QLineEdit::textChanged, this, &ProductPage::check);
    productPicked();
}

Product ProductPage::product() const
{
    return Product(m_product->currentData().toInt());
}

QString ProductPage::name() const
{
    return m_name->text().trimmed();
}

QString ProductPage::site() const
{
    return m_site->text().trimmed();
}

QStringList ProductPage::sipDomains() const
{
    return splitSipDomains(m_sipDomains->text());
}

void ProductPage::set(Product product, const QString &name, const QString &site,
                      const QStringList &sipDomains)
{
    m_product->setCurrentIndex(m_product->findData(int(product)));
    m_name->setText(name);
    m_site->setText(site);
    m_sipDomains->setText(sipDomains.join(QStringLiteral(", ")));
    productPicked(); // also when the index did not change: the other pages follow the product
}

bool ProductPage::isComplete() const
{
    return m_complete;
}

void ProductPage::productPicked()
{
    const QString note = Catalog::builtIn().product(product()).note;
    m_productNote->setText(note);
    m_productNote->setVisible(!note.isEmpty());
    check();
    Q_EMIT productChanged(product());
}

void ProductPage::check()
{
    QStringList missing;
    if (name().isEmpty())
        missing.append(tr("Give the topology a name."));
    if (site().isEmpty())
        missing.append(tr("Give the site a name."));
    const QStringList errors = sipDomainProblems(sipDomains());
    markField(m_sipDomains, errors.join(u'\n'));
    m_problems->setProblems(errors, missing);
    m_complete = missing.isEmpty() && errors.isEmpty();
    Q_EMIT completeChanged();
}

LayoutPage::LayoutPage(QWidget *parent)
    : QWizardPage(parent)
    , m_problems(new ProblemPanel(QStringLiteral("layoutProblems"), this))
{
    setObjectName(QStringLiteral("layoutPage"));
    setTitle(tr("External layout"));
    setSubTitle(tr("How each Edge server faces the Internet."));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildAddressBox());
    layout->addWidget(buildFqdnBox());
    layout->addStretch();
    layout->addWidget(m_problems);
    layoutToggled();
}

QWidget *LayoutPage::buildAddressBox()
{
    auto *box = new QGroupBox(tr("External addresses of each server"), this);
    m_threeIp = new QRadioButton(tr("&Three: Access, Web Conferencing and A/V Edge"), box);
    m_threeIp->setObjectName(QStringLiteral("threeIpRadio"));
    m_threeIp->setChecked(true);
    m_singleIp = new QRadioButton(tr("&One for all three roles (single-IP layout)"), box);
    m_singleIp->setObjectName(QStringLiteral("singleIpRadio"));
    m_singleIpNote = noteLabel(box, QStringLiteral("singleIpNote"));
    m_nat = new QCheckBox(tr("The external addresses are private, translated by &NAT"), box);
    m_nat->setObjectName(QStringLiteral("natCheck"));
    QLabel *natNote = noteLabel(box);
    natNote->setText(tr("The next page then asks for the public address of each external "
                        "address: the A/V Edge hands its public one to clients as its relay "
                        "address, and the DNS records point at the public ones."));
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(m_threeIp);
    layout->addWidget(m_singleIp);
    layout->addWidget(indented(m_singleIpNote));
    layout->addSpacing(6);
    layout->addWidget(m_nat);
    layout->addWidget(indented(natNote));
    connect(m_singleIp, &QRadioButton::toggled, this, &LayoutPage::layoutToggled);
    connect(m_nat, &QCheckBox::toggled, this, &LayoutPage::layoutToggled);
    return box;
}

QWidget *LayoutPage::buildFqdnBox()
{
    auto *box = new QGroupBox(tr("External FQDNs (optional)"), this);
    const auto edit = [box](const char *name, const QString &example) {
        auto *e = new QLineEdit(box);
        e->setObjectName(QString::fromLatin1(name));
        e->setPlaceholderText(example);
        return e;
    };
    m_accessFqdn = edit("accessFqdnEdit", tr("e.g. sip.contoso.com"));
    m_webConfFqdn = edit("webConfFqdnEdit", tr("e.g. webconf.contoso.com"));
    m_avFqdn = edit("avFqdnEdit", tr("e.g. av.contoso.com"));
    m_fqdnNote = noteLabel(box);
    m_fqdnNote->setText(tr("With one address the model keeps one name for it: the Access "
                           "Edge FQDN."));
    auto *form = new QFormLayout(box);
    form->addRow(tr("&Access Edge:"), m_accessFqdn);
    form->addRow(tr("&Web Conferencing Edge:"), m_webConfFqdn);
    form->addRow(tr("A/&V Edge:"), m_avFqdn);
    form->addRow(QString(), m_fqdnNote);
    for (QLineEdit *e : {m_accessFqdn, m_webConfFqdn, m_avFqdn})
        connect(e, &QLineEdit::textChanged, this, &LayoutPage::check);
    return box;
}

bool LayoutPage::singleIp() const
{
    return m_singleIp->isChecked();
}

bool LayoutPage::nat() const
{
    return m_nat->isChecked();
}

QString LayoutPage::accessFqdn() const
{
    return m_accessFqdn->text().trimmed();
}

QString LayoutPage::webConfFqdn() const
{
    return singleIp() ? QString() : m_webConfFqdn->text().trimmed();
}

QString LayoutPage::avFqdn() const
{
    return singleIp() ? QString() : m_avFqdn->text().trimmed();
}

void LayoutPage::set(bool singleIp, bool nat, const QStringList &fqdns)
{
    (singleIp ? m_singleIp : m_threeIp)->setChecked(true);
    m_nat->setChecked(nat);
    m_accessFqdn->setText(fqdns.value(0));
    m_webConfFqdn->setText(fqdns.value(1));
    m_avFqdn->setText(fqdns.value(2));
    layoutToggled();
}

void LayoutPage::setProduct(Product product)
{
    m_singleIpNote->setText(singleIpNote(product));
}

bool LayoutPage::isComplete() const
{
    return m_complete;
}

void LayoutPage::layoutToggled()
{
    const bool single = singleIp();
    m_singleIpNote->setEnabled(single);
    m_webConfFqdn->setEnabled(!single);
    m_avFqdn->setEnabled(!single);
    m_fqdnNote->setVisible(single);
    check();
    Q_EMIT layoutChanged(single, nat());
}

void LayoutPage::check()
{
    QStringList errors;
    QHash<QString, QString> seen; // lower-case name -> field that has it
    const QList<std::pair<QLineEdit *, QString>> fields{
            {m_accessFqdn, tr("Access Edge FQDN")},
            {m_webConfFqdn, tr("Web Conferencing Edge FQDN")},
            {m_avFqdn, tr("A/V Edge FQDN")}};
    for (const auto &[edit, what] : fields) {
        const QString text = edit->text().trimmed();
        QString problem;
        if (edit->isEnabled() && !text.isEmpty()) {
            problem = rules::fqdnProblem(text);
            if (problem.isEmpty() && seen.contains(text.toLower()))
                problem = tr("%1 is used twice: %2 and %3").arg(text, seen[text.toLower()], what);
            else if (problem.isEmpty())
                seen.insert(text.toLower(), what);
            else
                problem = tr("%1: %2").arg(what, problem);
        }
        markField(edit, problem);
        if (!problem.isEmpty())
            errors.append(problem);
    }
    m_problems->setProblems(errors, {});
    m_complete = errors.isEmpty();
    Q_EMIT completeChanged();
}

NextHopPage::NextHopPage(std::function<TemplateResult()> build, QWidget *parent)
    : QWizardPage(parent)
    , m_build(std::move(build))
    , m_summary(noteLabel(this, QStringLiteral("summaryLabel")))
    , m_problems(new ProblemPanel(QStringLiteral("nextHopProblems"), this))
{
    setObjectName(QStringLiteral("nextHopPage"));
    setTitle(tr("Next hop and federation"));
    setSubTitle(tr("Where the Edge sends internal SIP traffic, and whom else it talks to."));
    m_summary->setForegroundRole(QPalette::WindowText);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildHopBox());
    layout->addWidget(buildFederationBox());
    layout->addWidget(m_summary);
    layout->addStretch();
    layout->addWidget(m_problems);
    connect(m_director, &QRadioButton::toggled, this, &NextHopPage::refreshSummary);
    connect(m_xmpp, &QCheckBox::toggled, this, &NextHopPage::refreshSummary);
    connect(m_publicIm, &QCheckBox::toggled, this, &NextHopPage::refreshSummary);
}

QWidget *NextHopPage::buildHopBox()
{
    auto *box = new QGroupBox(tr("Next hop pool"), this);
    m_director = new QRadioButton(tr("&Director pool"), box);
    m_director->setObjectName(QStringLiteral("directorRadio"));
    m_director->setChecked(true);
    m_frontEnd = new QRadioButton(tr("&Front End pool"), box);
    m_frontEnd->setObjectName(QStringLiteral("frontEndRadio"));
    QLabel *note = noteLabel(box);
    note->setText(tr("A Director checks remote users before their traffic reaches a Front "
                     "End; without one the Edge talks to a Front End pool directly."));
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(m_director);
    layout->addWidget(m_frontEnd);
    layout->addWidget(note);
    return box;
}

QWidget *NextHopPage::buildFederationBox()
{
    auto *box = new QGroupBox(tr("Federation"), this);
    m_xmpp = new QCheckBox(tr("Enable &XMPP federation (XMPP proxy on the Access Edge)"), box);
    m_xmpp->setObjectName(QStringLiteral("xmppCheck"));
    m_xmppReason = noteLabel(box, QStringLiteral("xmppReason"));
    m_publicIm = new QCheckBox(tr("&Public IM connectivity with Skype (historical: retired May "
                                  "2025)"),
                               box);
    m_publicIm->setObjectName(QStringLiteral("publicImCheck"));
    QLabel *publicImNote = noteLabel(box);
    publicImNote->setText(tr("Skype consumer was retired on 5 May 2025: tick this only to model "
                             "an older deployment (adds the Skype flows and directory search)."));
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(m_xmpp);
    layout->addWidget(indented(m_xmppReason));
    layout->addWidget(m_publicIm);
    layout->addWidget(indented(publicImNote));
    return box;
}

NextHopKind NextHopPage::nextHop() const
{
    return m_frontEnd->isChecked() ? NextHopKind::FrontEnd : NextHopKind::Director;
}

bool NextHopPage::xmpp() const
{
    return m_xmpp->isEnabled() && m_xmpp->isChecked();
}

bool NextHopPage::publicIm() const
{
    return m_publicIm->isChecked();
}

void NextHopPage::set(NextHopKind nextHop, bool xmpp, bool publicIm)
{
    (nextHop == NextHopKind::FrontEnd ? m_frontEnd : m_director)->setChecked(true);
    m_xmpp->setChecked(xmpp && m_xmpp->isEnabled());
    m_publicIm->setChecked(publicIm);
}

void NextHopPage::setProduct(Product product)
{
    const QString reason = xmppUnavailableReason(product);
    m_xmpp->setEnabled(reason.isEmpty());
    if (!reason.isEmpty())
        m_xmpp->setChecked(false);
    m_xmppReason->setText(reason.isEmpty() ? tr("Adds the XMPP proxy service, its listeners and "
                                                "its firewall flows to the Edge.")
                                           : reason);
    m_xmppReason->setEnabled(true); // the reason must stay readable when the box is disabled
}

void NextHopPage::initializePage()
{
    refreshSummary();
}

bool NextHopPage::isComplete() const
{
    return m_complete;
}

void NextHopPage::refreshSummary()
{
    const TemplateResult r = m_build();
    m_complete = r.ok();
    if (r.ok()) {
        const Topology &t = r.topology;
        const EdgePool &pool = t.pools.first();
        const qsizetype n = pool.servers.size();
        // Spelt out: without a translation loaded, tr()'s %n would show "server(s)".
        const QString servers = n == 1 ? tr("one Edge server") : tr("%1 Edge servers").arg(n);
        m_summary->setText(tr("Finish creates “%1” (%2): pool %3 of %4 with %5 listeners, %6 "
                              "firewall flows and %7 scenarios.")
                                   .arg(t.name, displayName(t.product), pool.fqdn, servers)
                                   .arg(t.allListeners().size())
                                   .arg(t.flows.size())
                                   .arg(t.scenarios.size()));
        m_problems->setProblems({}, {});
    } else {
        m_summary->clear();
        m_problems->setProblems({r.error}, {});
    }
    Q_EMIT completeChanged();
}

} // namespace edgemap::wizard
