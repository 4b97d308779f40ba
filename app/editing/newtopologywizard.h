#pragma once

#include "core/templates.h"

#include <QWizard>

namespace edgemap {

namespace wizard {
class ProductPage;
class LayoutPage;
class MembersPage;
class NextHopPage;
} // namespace wizard

// The New topology wizard: asks for what `edgemap new` takes (product, SIP domains, external
// layout, NAT, pool members with a public address per external address, next hop, XMPP, public
// IM) and hands it to buildTopology(). Every page checks its input as
// it is typed: a bad or duplicate value is marked where it is (background, warning icon,
// tooltip), the reason is shown on the page naming the row and field, and Next/Finish stay
// disabled until the page is valid. The wizard never builds a half-valid topology: the last page
// runs buildTopology() and refuses to finish if the model refuses.
//
// Object names, for tests and accessibility tools (find them with findChild):
//   page "productPage":  "productCombo", "productNote", "nameEdit", "siteEdit",
//                        "sipDomainsEdit", "sipDomainsNote", "productProblems" (the reason label)
//   page "layoutPage":   "threeIpRadio", "singleIpRadio", "singleIpNote", "natCheck",
//                        "accessFqdnEdit", "webConfFqdnEdit", "avFqdnEdit", "layoutProblems"
//   page "membersPage":  "membersTable" (columns: MemberColumn), "addMemberButton",
//                        "removeMemberButton", "poolFqdnEdit", "membersProblems"; a cell is
//                        edited in a QLineEdit named "memberCellEditor" that commits each
//                        keystroke, so the check runs as the user types
//   page "nextHopPage":  "directorRadio", "frontEndRadio", "xmppCheck", "xmppReason",
//                        "publicImCheck", "summaryLabel", "nextHopProblems"
// A problem label is hidden when its page is valid.
class NewTopologyWizard : public QWizard
{
    Q_OBJECT

public:
    enum PageId { ProductPageId, LayoutPageId, MembersPageId, NextHopPageId };
    // Columns of "membersTable". In the single-IP layout AccessIpColumn holds the one external
    // address, AvPublicIpColumn ("Public IP") the one public address it is translated to, and
    // the other Web Conferencing / A/V / public columns are hidden. The public columns are
    // hidden without NAT; with NAT each shown one is required (NAT translates every external
    // address). Hidden columns keep what was typed but are neither checked nor returned.
    enum MemberColumn {
        FqdnColumn,
        InternalIpColumn,
        AccessIpColumn,
        WebConfIpColumn,
        AvIpColumn,
        AccessPublicIpColumn,
        WebConfPublicIpColumn,
        AvPublicIpColumn,
        MemberColumnCount
    };
    // buildTopology() refuses more; the model keeps its own copy of the limit.
    static constexpr int kMaxMembers = kMaxPoolMembers;

    explicit NewTopologyWizard(QWidget *parent = nullptr);

    // What the user entered (trimmed), whether or not it is valid yet.
    TemplateParams params() const;
    // buildTopology(params()): check ok() before using the topology. (This hides
    // QDialog::result(), the dialog code; exec()'s return value or accepted() give that.)
    TemplateResult result() const;
    // Fills every page from params: the layout follows the first member (one external IP means
    // single-IP), NAT is on when any member has a public IP. No members gives one empty row.
    void setParams(const TemplateParams &params);

private:
    wizard::ProductPage *m_productPage = nullptr;
    wizard::LayoutPage *m_layoutPage = nullptr;
    wizard::MembersPage *m_membersPage = nullptr;
    wizard::NextHopPage *m_nextHopPage = nullptr;
};

} // namespace edgemap
