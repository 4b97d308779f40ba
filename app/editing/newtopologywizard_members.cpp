// The pool members page of the New topology wizard: a table of Edge servers, checked as typed.
#include "editing/newtopologywizard_p.h"

#include "core/ipaddress.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMap>
#include <QPushButton>
#include <QSet>
#include <QSignalBlocker>
#include <QStyle>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace edgemap::wizard {

namespace {

using W = NewTopologyWizard;

bool isIpColumn(int column)
{
    return column != W::FqdnColumn;
}

// Short headers, the public ones on two lines: the full names (in the tooltips) would make the
// address columns wider than the addresses, and eight columns must fit side by side.
QString headerText(int column, bool singleIp)
{
    switch (column) {
    case W::WebConfIpColumn:
        return MembersPage::tr("Web Conf IP");
    case W::AccessPublicIpColumn:
        return MembersPage::tr("Access\npublic IP");
    case W::WebConfPublicIpColumn:
        return MembersPage::tr("Web Conf\npublic IP");
    case W::AvPublicIpColumn:
        return singleIp ? MembersPage::tr("Public IP") : MembersPage::tr("A/V\npublic IP");
    }
    QString header = columnName(column, singleIp);
    header[0] = header[0].toUpper();
    return header;
}

QString firstNonEmpty(const QStringList &values)
{
    for (const QString &v : values)
        if (!v.isEmpty())
            return v;
    return {};
}

} // namespace

QWidget *MemberCellDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &,
                                          const QModelIndex &index) const
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(QStringLiteral("memberCellEditor"));
    edit->setFrame(false);
    // Committing every keystroke lets the page check the value while it is being typed.
    auto *self = const_cast<MemberCellDelegate *>(this);
    connect(edit, &QLineEdit::textEdited, self, [self, edit] { Q_EMIT self->commitData(edit); });
    m_editor = edit;
    m_editing = index;
    return edit;
}

void MemberCellDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    // The view pushes the model's value back after each commit; resetting an unchanged text
    // would move the cursor to the end while the user types in the middle.
    auto *edit = qobject_cast<QLineEdit *>(editor);
    const QString text = index.data(Qt::EditRole).toString();
    if (edit && edit->text() != text)
        edit->setText(text);
}

void MemberCellDelegate::updateEditorGeometry(QWidget *editor, const QStyleOptionViewItem &option,
                                              const QModelIndex &) const
{
    // The whole cell: the editor shows its own warning, the cell's icon would only crowd it.
    editor->setGeometry(option.rect);
}

void MemberCellDelegate::markEditor(const QModelIndex &index, const QString &problem) const
{
    if (m_editor && m_editing == index)
        markField(m_editor, problem);
}

MembersPage::MembersPage(QWidget *parent)
    : QWizardPage(parent)
    , m_poolFqdn(new QLineEdit(this))
    , m_problems(new ProblemPanel(QStringLiteral("membersProblems"), this))
{
    setObjectName(QStringLiteral("membersPage"));
    setTitle(tr("Pool members"));
    setSubTitle(tr("One to %1 Edge servers with their internal and external addresses.")
                        .arg(W::kMaxMembers));
    m_poolFqdn->setObjectName(QStringLiteral("poolFqdnEdit"));
    m_poolFqdn->setPlaceholderText(tr("e.g. edgepool.contoso.local (one server: its own FQDN)"));
    auto *form = new QFormLayout;
    form->addRow(tr("&Pool FQDN:"), m_poolFqdn);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildTable(), 1);
    layout->addWidget(buildButtons());
    layout->addLayout(form);
    layout->addWidget(m_problems);
    connect(m_poolFqdn, &QLineEdit::textChanged, this, &MembersPage::check);
    appendRow({});
    setAddressLayout(false, false);
}

QWidget *MembersPage::buildTable()
{
    m_table = new QTableWidget(0, W::MemberColumnCount, this);
    m_table->setObjectName(QStringLiteral("membersTable"));
    m_delegate = new MemberCellDelegate(m_table);
    m_table->setItemDelegate(m_delegate);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                             | QAbstractItemView::AnyKeyPressed
                             | QAbstractItemView::SelectedClicked);
    m_table->setWordWrap(false);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(W::FqdnColumn, QHeaderView::Stretch);
    // Room for a typical address before anything is typed (typing in a sliver is no fun), yet
    // all six columns still fit at the wizard's size; longer addresses widen their column.
    header->setMinimumSectionSize(m_table->fontMetrics().horizontalAdvance(u"192.0.2.100"_s) + 12);
    connect(m_table, &QTableWidget::itemChanged, this, &MembersPage::check);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &MembersPage::updateButtons);
    return m_table;
}

QWidget *MembersPage::buildButtons()
{
    auto *box = new QWidget(this);
    m_add = new QPushButton(tr("&Add server"), box);
    m_add->setObjectName(QStringLiteral("addMemberButton"));
    m_remove = new QPushButton(tr("&Remove server"), box);
    m_remove->setObjectName(QStringLiteral("removeMemberButton"));
    auto *layout = new QHBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_add);
    layout->addWidget(m_remove);
    layout->addStretch();
    connect(m_add, &QPushButton::clicked, this, &MembersPage::addMember);
    connect(m_remove, &QPushButton::clicked, this, &MembersPage::removeSelected);
    return box;
}

void MembersPage::setAddressLayout(bool singleIp, bool nat)
{
    m_singleIp = singleIp;
    m_nat = nat;
    const QList<int> shown = activeColumns(singleIp, nat);
    for (int c = 0; c < W::MemberColumnCount; ++c) {
        auto *item = new QTableWidgetItem(headerText(c, singleIp));
        item->setToolTip(columnName(c, singleIp));
        m_table->setHorizontalHeaderItem(c, item);
        m_table->setColumnHidden(c, !shown.contains(c));
    }
    check();
}

void MembersPage::setProduct(Product product)
{
    m_product = product;
    check();
}

QList<MemberParams> MembersPage::members() const
{
    QList<MemberParams> out;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QStringList c = rowCells(row);
        MemberParams m;
        m.fqdn = c[W::FqdnColumn];
        m.internalIp = c[W::InternalIpColumn];
        m.externalIps = m_singleIp ? QStringList{c[W::AccessIpColumn]}
                                   : QStringList{c[W::AccessIpColumn], c[W::WebConfIpColumn],
                                                 c[W::AvIpColumn]};
        if (m_nat) {
            // Single-IP: the one public address, given as the A/V one as Topology Builder asks.
            m.avPublicIp = c[W::AvPublicIpColumn];
            if (!m_singleIp) {
                m.accessPublicIp = c[W::AccessPublicIpColumn];
                m.webConfPublicIp = c[W::WebConfPublicIpColumn];
            }
        }
        out.append(m);
    }
    return out;
}

QString MembersPage::poolFqdn() const
{
    return m_poolFqdn->text().trimmed();
}

void MembersPage::set(const QList<MemberParams> &members, const QString &poolFqdn)
{
    {
        const QSignalBlocker block(m_table);
        m_table->setRowCount(0);
    }
    for (const MemberParams &m : members) {
        QStringList cells(W::MemberColumnCount);
        cells[W::FqdnColumn] = m.fqdn;
        cells[W::InternalIpColumn] = m.internalIp;
        for (qsizetype i = 0; i < std::min<qsizetype>(m.externalIps.size(), 3); ++i)
            cells[W::AccessIpColumn + i] = m.externalIps[i];
        cells[W::AccessPublicIpColumn] = m.accessPublicIp;
        cells[W::WebConfPublicIpColumn] = m.webConfPublicIp;
        // A single external address's public one may come as any of the three.
        cells[W::AvPublicIpColumn]
                = m.externalIps.size() == 1
                          ? firstNonEmpty({m.avPublicIp, m.accessPublicIp, m.webConfPublicIp})
                          : m.avPublicIp;
        appendRow(cells);
    }
    if (members.isEmpty())
        appendRow({});
    m_poolFqdn->setText(poolFqdn);
    check();
}

bool MembersPage::isComplete() const
{
    return m_complete;
}

void MembersPage::addMember()
{
    const int rows = m_table->rowCount();
    if (rows >= W::kMaxMembers)
        return;
    QSet<QString> names;
    QSet<QString> addresses; // canonical, so that a suggestion never duplicates
    for (int row = 0; row < rows; ++row) {
        const QStringList c = rowCells(row);
        names.insert(c[W::FqdnColumn].toLower());
        for (int col = 0; col < W::MemberColumnCount; ++col)
            if (const auto ip = IpAddress::parse(c[col]); ip && isIpColumn(col))
                addresses.insert(ip->toString());
    }
    const QStringList previous = rows > 0 ? rowCells(rows - 1) : QStringList();
    QStringList cells(W::MemberColumnCount);
    cells[W::FqdnColumn] = nextFqdn(previous.value(W::FqdnColumn), names);
    for (int col = W::InternalIpColumn; col < W::MemberColumnCount; ++col) {
        cells[col] = nextIp(previous.value(col), addresses);
        addresses.insert(cells[col]);
    }
    appendRow(cells);
    m_table->setCurrentCell(rows, W::FqdnColumn);
    m_table->scrollToBottom();
}

void MembersPage::removeSelected()
{
    QList<int> rows;
    for (const QTableWidgetSelectionRange &range : m_table->selectedRanges())
        for (int row = range.topRow(); row <= range.bottomRow(); ++row)
            rows.append(row);
    if (rows.isEmpty() && m_table->currentRow() >= 0)
        rows.append(m_table->currentRow());
    std::sort(rows.begin(), rows.end(), std::greater<>());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    {
        const QSignalBlocker block(m_table);
        for (const int row : std::as_const(rows))
            if (m_table->rowCount() > 1) // a pool keeps at least one server
                m_table->removeRow(row);
    }
    check();
    updateButtons();
}

void MembersPage::appendRow(const QStringList &cells)
{
    {
        const QSignalBlocker block(m_table); // one check for the row, not one per cell
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        for (int col = 0; col < W::MemberColumnCount; ++col)
            m_table->setItem(row, col, new QTableWidgetItem(cells.value(col)));
    }
    check();
    updateButtons();
}

QStringList MembersPage::rowCells(int row) const
{
    QStringList cells;
    for (int col = 0; col < W::MemberColumnCount; ++col) {
        const QTableWidgetItem *item = m_table->item(row, col);
        cells.append(item ? item->text().trimmed() : QString());
    }
    return cells;
}

MemberGrid MembersPage::grid() const
{
    MemberGrid g;
    for (int row = 0; row < m_table->rowCount(); ++row)
        g.rows.append(rowCells(row));
    g.singleIp = m_singleIp;
    g.nat = m_nat;
    g.poolFqdn = poolFqdn();
    return g;
}

void MembersPage::check()
{
    const MemberGrid g = grid();
    QList<Problem> problems = checkMembers(g);
    if (problems.isEmpty()) {
        // What only the template knows (IPv6 before Lync Server 2013), in its own words.
        TemplateParams p;
        p.product = m_product;
        p.members = members();
        p.poolFqdn = g.poolFqdn;
        if (const TemplateResult r = buildTopology(p); !r.ok())
            problems.append(templateProblem(r.error, g));
    }
    QStringList errors;
    QStringList missing;
    for (const Problem &p : problems)
        (p.missing ? missing : errors).append(p.message);
    mark(problems);
    m_problems->setProblems(errors, missing);
    m_complete = problems.isEmpty();
    Q_EMIT completeChanged();
}

void MembersPage::mark(const QList<Problem> &problems)
{
    QMap<std::pair<int, int>, QString> at; // the first problem of each cell
    for (const Problem &p : problems)
        for (const Cell &cell : p.cells)
            if (!at.contains({cell.row, cell.column}))
                at.insert({cell.row, cell.column}, p.message);
    const QBrush alarm(problemBackground(m_table->palette()));
    const QIcon warning = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    const QSignalBlocker block(m_table); // marking is not an edit
    for (int row = 0; row < m_table->rowCount(); ++row) {
        for (int col = 0; col < W::MemberColumnCount; ++col) {
            QTableWidgetItem *item = m_table->item(row, col);
            const QString problem = at.value({row, col});
            item->setData(Qt::BackgroundRole, problem.isEmpty() ? QVariant() : QVariant(alarm));
            item->setIcon(problem.isEmpty() ? QIcon() : warning);
            item->setToolTip(problem);
            m_delegate->markEditor(m_table->model()->index(row, col), problem);
        }
    }
    markField(m_poolFqdn, at.value({-1, 0}));
}

void MembersPage::updateButtons()
{
    const bool full = m_table->rowCount() >= W::kMaxMembers;
    m_add->setEnabled(!full);
    m_add->setToolTip(full ? tr("A pool has at most %1 Edge servers.").arg(W::kMaxMembers)
                           : tr("Adds a server with the next free name and addresses."));
    m_remove->setEnabled(m_table->rowCount() > 1);
}

} // namespace edgemap::wizard
