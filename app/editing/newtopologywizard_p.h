#pragma once

// The pages of the New topology wizard and the checks behind them; private to
// newtopologywizard*.cpp (tests go through NewTopologyWizard and the object names it documents).

#include "editing/newtopologywizard.h"

#include <QPointer>
#include <QStyledItemDelegate>
#include <QWizardPage>

#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QTableWidget;

namespace edgemap::wizard {

// A place in the members table; row -1 stands for the pool FQDN field.
struct Cell
{
    int row = 0;
    int column = 0;
    friend bool operator==(const Cell &, const Cell &) = default;
};

// Something that keeps a page from being complete. A missing value is explained but not marked:
// an empty row the user has not reached yet is not an error to shout about.
struct Problem
{
    QString message;
    QList<Cell> cells;
    bool missing = false;
};

// The members table as text, with the layout that decides which columns count.
struct MemberGrid
{
    QList<QStringList> rows; // NewTopologyWizard::MemberColumnCount cells each, trimmed
    bool singleIp = false;
    bool nat = false;
    QString poolFqdn;
};

// The columns that are shown and checked for a layout, left to right.
QList<int> activeColumns(bool singleIp, bool nat);
// "internal IP", "Access IP", "external IP" (single-IP) ..., as used in messages and headers.
QString columnName(int column, bool singleIp);
// Every problem of the table: bad values, duplicates across all members and fields, missing
// values, the pool FQDN; in row order, the first occurrence of a duplicate named.
QList<Problem> checkMembers(const MemberGrid &grid);
// buildTopology()'s refusal of a table that passed checkMembers (an IPv6 address on Lync Server
// 2010, say), shown as it says it, with the cells whose values it names marked.
Problem templateProblem(const QString &error, const MemberGrid &grid);
// The SIP domains as typed, comma separated (empty entries dropped), and what is wrong with
// them: entries that are not domain names, entries given twice (without case).
QStringList splitSipDomains(const QString &text);
QStringList sipDomainProblems(const QStringList &domains);
// A value for the next row from the one above: edge01.x -> edge02.x, 192.0.2.10 -> 192.0.2.11,
// skipping values in `taken`; empty when there is no obvious next value.
QString nextFqdn(const QString &previous, const QSet<QString> &taken);
QString nextIp(const QString &previous, const QSet<QString> &taken);
// The single-IP note, built from the catalog's alternate ports so that no port is written twice.
QString singleIpNote(Product product);
// Why XMPP cannot be enabled for a product, empty when it can.
QString xmppUnavailableReason(Product product);

// Marking of bad input that does not rely on colour alone: a tinted background that follows the
// palette, a warning icon and the reason as tooltip.
QColor problemBackground(const QPalette &palette);
void markField(QLineEdit *edit, const QString &problem);

// The reason label under a page: problems first, then what is still missing; hidden when there
// is nothing to say. The text label carries the object name a test looks for.
class ProblemPanel : public QWidget
{
    Q_OBJECT

public:
    ProblemPanel(const QString &labelName, QWidget *parent = nullptr);
    void setProblems(const QStringList &errors, const QStringList &missing);
    QString text() const;

private:
    QLabel *m_icon = nullptr;
    QLabel *m_text = nullptr;
};

class ProductPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit ProductPage(QWidget *parent = nullptr);
    Product product() const;
    QString name() const;
    QString site() const;
    QStringList sipDomains() const;
    void set(Product product, const QString &name, const QString &site,
             const QStringList &sipDomains);
    bool isComplete() const override;

Q_SIGNALS:
    void productChanged(edgemap::Product product);

private:
    void check();
    void productPicked();

    QComboBox *m_product = nullptr;
    QLabel *m_productNote = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_site = nullptr;
    QLineEdit *m_sipDomains = nullptr;
    QLabel *m_sipDomainsNote = nullptr;
    ProblemPanel *m_problems = nullptr;
    bool m_complete = false;
};

class LayoutPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit LayoutPage(QWidget *parent = nullptr);
    bool singleIp() const;
    bool nat() const;
    QString accessFqdn() const;
    QString webConfFqdn() const;
    QString avFqdn() const;
    void set(bool singleIp, bool nat, const QStringList &fqdns);
    void setProduct(Product product);
    bool isComplete() const override;

Q_SIGNALS:
    void layoutChanged(bool singleIp, bool nat);

private:
    QWidget *buildAddressBox();
    QWidget *buildFqdnBox();
    void layoutToggled();
    void check();

    QRadioButton *m_threeIp = nullptr;
    QRadioButton *m_singleIp = nullptr;
    QLabel *m_singleIpNote = nullptr;
    QCheckBox *m_nat = nullptr;
    QLineEdit *m_accessFqdn = nullptr;
    QLineEdit *m_webConfFqdn = nullptr;
    QLineEdit *m_avFqdn = nullptr;
    QLabel *m_fqdnNote = nullptr;
    ProblemPanel *m_problems = nullptr;
    bool m_complete = true;
};

// Edits a members cell in a line edit that commits every keystroke (the check runs as typed) and
// can be marked like any other field while it is open.
class MemberCellDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void updateEditorGeometry(QWidget *editor, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const override;
    // Marks the open editor if it edits `index`.
    void markEditor(const QModelIndex &index, const QString &problem) const;

private:
    mutable QPointer<QLineEdit> m_editor;
    mutable QPersistentModelIndex m_editing;
};

class MembersPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit MembersPage(QWidget *parent = nullptr);
    void setAddressLayout(bool singleIp, bool nat);
    // The template's own checks (IPv6 on Lync Server 2010) depend on the product.
    void setProduct(Product product);
    QList<MemberParams> members() const;
    QString poolFqdn() const;
    void set(const QList<MemberParams> &members, const QString &poolFqdn);
    bool isComplete() const override;

private:
    QWidget *buildTable();
    QWidget *buildButtons();
    void addMember();
    void removeSelected();
    void appendRow(const QStringList &cells);
    QStringList rowCells(int row) const;
    MemberGrid grid() const;
    void check();
    void mark(const QList<Problem> &problems);
    void updateButtons();

    QTableWidget *m_table = nullptr;
    MemberCellDelegate *m_delegate = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_remove = nullptr;
    QLineEdit *m_poolFqdn = nullptr;
    ProblemPanel *m_problems = nullptr;
    Product m_product = Product::Lync2013;
    bool m_singleIp = false;
    bool m_nat = false;
    bool m_complete = false;
};

class NextHopPage : public QWizardPage
{
    Q_OBJECT

public:
    // `build` makes the topology from everything entered so far, for the summary.
    explicit NextHopPage(std::function<TemplateResult()> build, QWidget *parent = nullptr);
    NextHopKind nextHop() const;
    bool xmpp() const;
    bool publicIm() const;
    void set(NextHopKind nextHop, bool xmpp, bool publicIm);
    void setProduct(Product product);
    void initializePage() override;
    bool isComplete() const override;

private:
    QWidget *buildHopBox();
    QWidget *buildFederationBox();
    void refreshSummary();

    std::function<TemplateResult()> m_build;
    QRadioButton *m_director = nullptr;
    QRadioButton *m_frontEnd = nullptr;
    QCheckBox *m_xmpp = nullptr;
    QLabel *m_xmppReason = nullptr;
    QCheckBox *m_publicIm = nullptr;
    QLabel *m_summary = nullptr;
    ProblemPanel *m_problems = nullptr;
    bool m_complete = false;
};

} // namespace edgemap::wizard
