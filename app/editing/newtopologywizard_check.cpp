// The checks behind the New topology wizard's pages, and how a problem is shown.
#include "editing/newtopologywizard_p.h"

#include "core/catalog.h"
#include "core/ipaddress.h"
#include "core/rules.h"

#include <QAction>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QHash>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSet>
#include <QStyle>

namespace edgemap::wizard {

namespace {

using W = NewTopologyWizard;

QString tr(const char *text)
{
    return QCoreApplication::translate("edgemap::NewTopologyWizard", text);
}

// "a, b and c"
QString joinedList(const QStringList &items)
{
    if (items.size() < 2)
        return items.join(QString());
    return tr("%1 and %2")
            .arg(items.mid(0, items.size() - 1).join(QStringLiteral(", ")), items.last());
}

QString placeName(const Cell &cell, bool singleIp)
{
    if (cell.row < 0)
        return tr("the pool FQDN");
    return tr("row %1, %2").arg(cell.row + 1).arg(columnName(cell.column, singleIp));
}

// Adds the problem of one filled-in cell (bad value or duplicate) and remembers its value.
void checkCell(const MemberGrid &grid, const Cell &cell, QHash<QString, Cell> &seen,
               QList<Problem> &problems)
{
    const QString text = cell.row < 0 ? grid.poolFqdn : grid.rows[cell.row][cell.column];
    const bool isName = cell.row < 0 || cell.column == W::FqdnColumn;
    if (const QString bad = isName ? rules::fqdnProblem(text) : rules::serverAddressProblem(text);
        !bad.isEmpty()) {
        const QString where = cell.row < 0 ? tr("Pool FQDN")
                                           : tr("Row %1, %2")
                                                     .arg(cell.row + 1)
                                                     .arg(columnName(cell.column, grid.singleIp));
        problems.append({tr("%1: %2").arg(where, bad), {cell}});
        return;
    }
    // Names and addresses cannot collide with each other, so one map serves both.
    const QString key = isName ? QStringLiteral("name:") + text.toLower()
                               : QStringLiteral("ip:") + IpAddress::parse(text)->toString();
    if (const auto first = seen.constFind(key); first != seen.cend()) {
        problems.append({tr("%1 is used twice: %2 and %3")
                                 .arg(text, placeName(*first, grid.singleIp),
                                      placeName(cell, grid.singleIp)),
                         {*first, cell}});
        return;
    }
    seen.insert(key, cell);
}

} // namespace

QList<int> activeColumns(bool singleIp, bool nat)
{
    QList<int> columns{W::FqdnColumn, W::InternalIpColumn, W::AccessIpColumn};
    if (!singleIp)
        columns << W::WebConfIpColumn << W::AvIpColumn;
    if (nat && singleIp)
        columns << W::AvPublicIpColumn;
    else if (nat)
        columns << W::AccessPublicIpColumn << W::WebConfPublicIpColumn << W::AvPublicIpColumn;
    return columns;
}

QString columnName(int column, bool singleIp)
{
    switch (column) {
    case W::FqdnColumn:
        return tr("FQDN");
    case W::InternalIpColumn:
        return tr("internal IP");
    case W::AccessIpColumn:
        return singleIp ? tr("external IP") : tr("Access IP");
    case W::WebConfIpColumn:
        return tr("Web Conferencing IP");
    case W::AvIpColumn:
        return tr("A/V IP");
    case W::AccessPublicIpColumn:
        return tr("Access public IP");
    case W::WebConfPublicIpColumn:
        return tr("Web Conferencing public IP");
    case W::AvPublicIpColumn:
        return singleIp ? tr("public IP") : tr("A/V public IP");
    }
    return {};
}

QList<Problem> checkMembers(const MemberGrid &grid)
{
    QList<Problem> problems;
    QHash<QString, Cell> seen;
    const QList<int> columns = activeColumns(grid.singleIp, grid.nat);
    for (int row = 0; row < grid.rows.size(); ++row) {
        QStringList missing;
        for (const int column : columns) {
            if (grid.rows[row].value(column).isEmpty())
                missing.append(columnName(column, grid.singleIp));
            else
                checkCell(grid, {row, column}, seen, problems);
        }
        if (!missing.isEmpty())
            problems.append(
                    {tr("Row %1 still needs: %2").arg(row + 1).arg(joinedList(missing)), {}, true});
    }
    if (grid.poolFqdn.isEmpty()) {
        if (grid.rows.size() > 1)
            problems.append({tr("Give the pool FQDN: a pool of two or more servers needs the "
                                "internal name that resolves to all of them"),
                             {},
                             true});
    } else if (grid.rows.size() > 1) {
        checkCell(grid, {-1, 0}, seen, problems);
    } else if (const QString bad = rules::fqdnProblem(grid.poolFqdn); !bad.isEmpty()) {
        // A single server's pool may share its FQDN (Topology Builder does the same).
        problems.append({tr("Pool FQDN: %1").arg(bad), {{-1, 0}}});
    }
    return problems;
}

Problem templateProblem(const QString &error, const MemberGrid &grid)
{
    Problem problem{error, {}};
    const QList<int> columns = activeColumns(grid.singleIp, grid.nat);
    for (int row = 0; row < grid.rows.size(); ++row)
        for (const int column : columns) {
            const QString text = grid.rows[row].value(column);
            if (column == W::FqdnColumn || text.isEmpty())
                continue;
            // The address as a whole word: 192.0.2.1 is not named by "192.0.2.10".
            const QRegularExpression named(QStringLiteral("(^|[^0-9A-Za-z.:])%1($|[^0-9A-Za-z.:])")
                                                   .arg(QRegularExpression::escape(text)));
            if (named.match(error).hasMatch())
                problem.cells.append({row, column});
        }
    return problem;
}

QStringList splitSipDomains(const QString &text)
{
    QStringList domains;
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts))
        if (const QString domain = part.trimmed(); !domain.isEmpty())
            domains.append(domain);
    return domains;
}

QStringList sipDomainProblems(const QStringList &domains)
{
    QStringList problems;
    QSet<QString> seen;
    for (const QString &domain : domains) {
        if (!isDomainName(domain))
            problems.append(tr("SIP domain '%1' is not a domain name (letters, digits and "
                               "hyphens between dots, as in contoso.com)")
                                    .arg(domain));
        else if (seen.contains(domain.toLower()))
            problems.append(tr("SIP domain '%1' is given twice").arg(domain));
        seen.insert(domain.toLower());
    }
    return problems;
}

QString nextFqdn(const QString &previous, const QSet<QString> &taken)
{
    static const QRegularExpression numbered(QStringLiteral("^(.*?)(\\d+)$"));
    const QString host = previous.section(u'.', 0, 0);
    const QString domain = previous.section(u'.', 1);
    if (host.isEmpty() || domain.isEmpty())
        return {};
    const QRegularExpressionMatch m = numbered.match(host);
    const QString stem = m.hasMatch() ? m.captured(1) : host;
    const qsizetype width = m.hasMatch() ? m.capturedLength(2) : 1;
    for (int n = m.hasMatch() ? m.captured(2).toInt() + 1 : 2; n < 1000; ++n) {
        const QString candidate = QStringLiteral("%1%2.%3")
                                          .arg(stem)
                                          .arg(n, int(width), 10, QLatin1Char('0'))
                                          .arg(domain);
        if (!taken.contains(candidate.toLower()))
            return candidate;
    }
    return {};
}

QString nextIp(const QString &previous, const QSet<QString> &taken)
{
    const auto ip = IpAddress::parse(previous);
    if (!ip || !ip->isV4())
        return {}; // IPv6 plans differ too much to guess
    for (std::uint32_t v = ip->v4Value() + 1; (v & 0xffu) != 0xffu && (v & 0xffu) != 0; ++v) {
        const QString candidate = IpAddress::v4(v).toString();
        if (!taken.contains(candidate))
            return candidate;
    }
    return {};
}

QString singleIpNote(Product product)
{
    const Catalog &catalog = Catalog::builtIn();
    const QList<Catalog::EndpointDef> endpoints = catalog.endpoints(catalog.features(product, {}));
    QSet<int> vacated; // ports the three-IP layout uses on more than one address
    for (const Catalog::EndpointDef &e : endpoints)
        if (e.singleIpPort > 0 && e.role != AddressRole::Internal)
            vacated.insert(e.port);
    QStringList parts;
    for (const AddressRole role : {AddressRole::Access, AddressRole::WebConf, AddressRole::AV}) {
        const Catalog::EndpointDef *moved = nullptr;
        const Catalog::EndpointDef *kept = nullptr;
        for (const Catalog::EndpointDef &e : endpoints) {
            if (e.role != role || e.transport != Transport::Tcp || e.dynamic)
                continue;
            if (e.singleIpPort > 0 && !moved)
                moved = &e;
            else if (vacated.contains(e.port) && !kept)
                kept = &e;
        }
        if (moved)
            parts.append(tr("%1 on TCP %2 (not %3)")
                                 .arg(displayName(role))
                                 .arg(moved->singleIpPort)
                                 .arg(moved->port));
        else if (kept)
            parts.append(tr("%1 on TCP %2").arg(displayName(role)).arg(kept->port));
    }
    return tr("One address carries all three roles, so clients reach them on alternate ports: "
              "%1. Open these in the external firewall and publish them in DNS SRV records.")
            .arg(joinedList(parts));
}

QString xmppUnavailableReason(Product product)
{
    const Catalog &catalog = Catalog::builtIn();
    const QString xmpp = QStringLiteral("xmpp");
    if (catalog.product(product).features.contains(xmpp))
        return {};
    QStringList having;
    for (const Product p : allProducts())
        if (catalog.product(p).features.contains(xmpp))
            having.append(displayName(p));
    return tr("XMPP federation is not available in %1: only %2 have the XMPP proxy on the Edge.")
            .arg(displayName(product), joinedList(having));
}

QColor problemBackground(const QPalette &palette)
{
    // A tint of the field's own background keeps text readable in light and dark palettes.
    const QColor base = palette.color(QPalette::Base);
    const QColor alarm(220, 50, 47);
    constexpr float weight = 0.35f;
    const auto mix = [&](float a, float b) {
        return a * (1.0f - weight) + b * weight;
    };
    return QColor::fromRgbF(mix(base.redF(), alarm.redF()), mix(base.greenF(), alarm.greenF()),
                            mix(base.blueF(), alarm.blueF()));
}

void markField(QLineEdit *edit, const QString &problem)
{
    const QString name = QStringLiteral("problemAction");
    auto *action = edit->findChild<QAction *>(name, Qt::FindDirectChildrenOnly);
    if (!action) {
        action = edit->addAction(edit->style()->standardIcon(QStyle::SP_MessageBoxWarning),
                                 QLineEdit::TrailingPosition);
        action->setObjectName(name);
    }
    action->setVisible(!problem.isEmpty());
    action->setToolTip(problem);
    edit->setToolTip(problem);
    QPalette palette = edit->window()->palette();
    if (!problem.isEmpty())
        palette.setColor(QPalette::Base, problemBackground(palette));
    edit->setPalette(palette);
}

ProblemPanel::ProblemPanel(const QString &labelName, QWidget *parent)
    : QWidget(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
{
    m_text->setObjectName(labelName);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    setVisible(false);
}

void ProblemPanel::setProblems(const QStringList &errors, const QStringList &missing)
{
    constexpr qsizetype shown = 4; // the rest follow as the first ones are fixed
    QStringList lines = errors + missing;
    if (lines.size() > shown) {
        const qsizetype more = lines.size() - (shown - 1);
        lines = lines.mid(0, shown - 1);
        lines.append(tr("… and %1 more").arg(more));
    }
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(style()->standardIcon(errors.isEmpty() ? QStyle::SP_MessageBoxInformation
                                                             : QStyle::SP_MessageBoxWarning)
                              .pixmap(size, size));
    m_text->setText(lines.join(u'\n'));
    setVisible(!lines.isEmpty());
}

QString ProblemPanel::text() const
{
    return m_text->text();
}

} // namespace edgemap::wizard
