#include "editing/newtopologywizard.h"

#include "editing/newtopologywizard_p.h"

#include <algorithm>

namespace edgemap {

NewTopologyWizard::NewTopologyWizard(QWidget *parent)
    : QWizard(parent)
    , m_productPage(new wizard::ProductPage(this))
    , m_layoutPage(new wizard::LayoutPage(this))
    , m_membersPage(new wizard::MembersPage(this))
    , m_nextHopPage(new wizard::NextHopPage([this] { return result(); }, this))
{
    setObjectName(QStringLiteral("newTopologyWizard"));
    setWindowTitle(tr("New Topology"));
    setOption(QWizard::NoBackButtonOnStartPage);
    setPage(ProductPageId, m_productPage);
    setPage(LayoutPageId, m_layoutPage);
    setPage(MembersPageId, m_membersPage);
    setPage(NextHopPageId, m_nextHopPage);
    // The pages that depend on earlier choices follow them at once rather than on Next, so that
    // params() is consistent whichever page the wizard is on.
    connect(m_productPage, &wizard::ProductPage::productChanged, m_layoutPage,
            &wizard::LayoutPage::setProduct);
    connect(m_productPage, &wizard::ProductPage::productChanged, m_nextHopPage,
            &wizard::NextHopPage::setProduct);
    connect(m_productPage, &wizard::ProductPage::productChanged, m_membersPage,
            &wizard::MembersPage::setProduct);
    connect(m_layoutPage, &wizard::LayoutPage::layoutChanged, m_membersPage,
            &wizard::MembersPage::setAddressLayout);
    TemplateParams defaults;
    defaults.name = tr("Edge topology");
    setParams(defaults);
    // Wide enough for the members table with NAT (eight columns of addresses and names) without
    // scrolling sideways; low enough for a 1366x768 screen.
    resize(940, 560);
}

TemplateParams NewTopologyWizard::params() const
{
    TemplateParams p;
    p.product = m_productPage->product();
    p.name = m_productPage->name();
    p.site = m_productPage->site();
    p.sipDomains = m_productPage->sipDomains();
    p.accessFqdn = m_layoutPage->accessFqdn();
    p.webConfFqdn = m_layoutPage->webConfFqdn();
    p.avFqdn = m_layoutPage->avFqdn();
    p.members = m_membersPage->members();
    p.poolFqdn = m_membersPage->poolFqdn();
    p.nextHop = m_nextHopPage->nextHop();
    p.xmpp = m_nextHopPage->xmpp();
    p.publicIm = m_nextHopPage->publicIm();
    return p;
}

TemplateResult NewTopologyWizard::result() const
{
    return buildTopology(params());
}

void NewTopologyWizard::setParams(const TemplateParams &params)
{
    const bool singleIp
            = !params.members.isEmpty() && params.members.first().externalIps.size() == 1;
    const bool nat = std::any_of(params.members.cbegin(), params.members.cend(),
                                 [](const MemberParams &m) {
                                     return !m.avPublicIp.isEmpty() || !m.accessPublicIp.isEmpty()
                                            || !m.webConfPublicIp.isEmpty();
                                 });
    // Product first: it decides whether the XMPP choice below can stick.
    m_productPage->set(params.product, params.name, params.site, params.sipDomains);
    m_layoutPage->set(singleIp, nat, {params.accessFqdn, params.webConfFqdn, params.avFqdn});
    m_membersPage->set(params.members, params.poolFqdn);
    m_nextHopPage->set(params.nextHop, params.xmpp, params.publicIm);
}

} // namespace edgemap
