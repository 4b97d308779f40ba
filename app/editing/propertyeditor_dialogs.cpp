#include "editing/propertyeditor_dialogs.h"

#include "core/rules.h"
#include "document/topologyops.h"
#include "editing/propertyeditor_p.h"
#include "panes/topologytreetext.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace edgemap {

namespace {

QLineEdit *addLine(QDialog *dialog, QFormLayout *form, const QString &label, const QString &name,
                   const QString &placeholder = {})
{
    auto *edit = new QLineEdit(dialog);
    edit->setObjectName(name);
    // An IPv6 address, or a placeholder such as "required, like 2001:db8::10".
    edit->setMinimumWidth(edit->fontMetrics().averageCharWidth() * 36);
    edit->setPlaceholderText(placeholder);
    form->addRow(label, edit);
    return edit;
}

// The fields' form, then the problem line and OK / Cancel under it.
QFormLayout *startLayout(QDialog *dialog)
{
    auto *layout = new QVBoxLayout(dialog);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->addLayout(form);
    return form;
}

QLabel *finishLayout(QDialog *dialog)
{
    QLabel *problem = propertyform::makeProblemLabel(dialog);
    problem->setObjectName(QStringLiteral("problem"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    QObject::connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto *layout = static_cast<QVBoxLayout *>(dialog->layout());
    layout->addWidget(problem);
    layout->addWidget(buttons);
    return problem;
}

} // namespace

AddMemberDialog::AddMemberDialog(const Topology &t, const PoolId &pool, Attempt attempt,
                                 QWidget *parent)
    : QDialog(parent)
    , m_attempt(std::move(attempt))
{
    const EdgePool *p = t.pool(pool);
    setWindowTitle(tr("Add pool member to %1").arg(p ? p->fqdn : pool.value()));
    QFormLayout *form = startLayout(this);
    m_fqdn = addLine(this, form, tr("Server FQDN"), QStringLiteral("fqdn"),
                     tr("like edge02.contoso.local"));
    m_internal = addLine(this, form, tr("Internal IP"), QStringLiteral("internalIp"));
    // The fields follow the layout of the member the new one is copied from: each external
    // address, then the public address NAT translates it to.
    const EdgeServer *model = p && !p->servers.isEmpty() ? &p->servers.first() : nullptr;
    QList<const Address *> external;
    for (const NetInterface &nic : model ? model->interfaces : QList<NetInterface>())
        for (const Address &a : nic.addresses) {
            if (nic.side == InterfaceSide::Internal)
                m_internal->setPlaceholderText(tr("like %1").arg(a.ip));
            else
                external.append(&a);
        }
    const QStringList publicNames{QStringLiteral("accessPublicIp"),
                                  QStringLiteral("webConfPublicIp"), QStringLiteral("avPublicIp")};
    for (const Address *a : std::as_const(external)) {
        const QString roles = rolesText(a->roles);
        const qsizetype i = m_external.size();
        m_external.append(addLine(this, form, tr("External IP (%1)").arg(roles),
                                  QStringLiteral("externalIp%1").arg(i + 1),
                                  tr("like %1").arg(a->ip)));
        const bool single = external.size() == 1;
        m_public.append(addLine(
                this, form, single ? tr("Public IP (NAT)") : tr("%1 public IP (NAT)").arg(roles),
                single ? QStringLiteral("publicIp") : publicNames.value(i),
                a->natPublicIp.isEmpty() ? tr("optional: empty without NAT")
                                         : tr("required, like %1").arg(a->natPublicIp)));
    }
    m_problem = finishLayout(this);
    for (QLineEdit *edit : findChildren<QLineEdit *>())
        connect(edit, &QLineEdit::textEdited, this, &AddMemberDialog::checkAsTyped);
}

MemberParams AddMemberDialog::params() const
{
    MemberParams m;
    m.fqdn = m_fqdn->text().trimmed();
    m.internalIp = m_internal->text().trimmed();
    for (const QLineEdit *edit : m_external)
        m.externalIps.append(edit->text().trimmed());
    // In the order of the external addresses; a single address's one is the A/V one, as in
    // `edgemap new` and Topology Builder.
    QStringList publicIps;
    for (const QLineEdit *edit : m_public)
        publicIps.append(edit->text().trimmed());
    if (publicIps.size() == 1) {
        m.avPublicIp = publicIps.first();
    } else {
        m.accessPublicIp = publicIps.value(0);
        m.webConfPublicIp = publicIps.value(1);
        m.avPublicIp = publicIps.value(2);
    }
    return m;
}

void AddMemberDialog::checkAsTyped()
{
    // Only what is filled in: an empty field is not wrong yet, just not done.
    const MemberParams m = params();
    QString problem = m.fqdn.isEmpty() ? QString() : rules::fqdnProblem(m.fqdn);
    QStringList ips = m.externalIps;
    ips << m.internalIp << m.accessPublicIp << m.webConfPublicIp << m.avPublicIp;
    for (const QString &ip : std::as_const(ips))
        if (problem.isEmpty() && !ip.isEmpty())
            problem = rules::serverAddressProblem(ip);
    propertyform::showProblem(m_problem, problem);
}

void AddMemberDialog::accept()
{
    const QString refusal = m_attempt(params());
    propertyform::showProblem(m_problem, refusal);
    if (refusal.isEmpty())
        QDialog::accept();
}

AddPeerDialog::AddPeerDialog(Attempt attempt, QWidget *parent)
    : QDialog(parent)
    , m_attempt(std::move(attempt))
{
    setWindowTitle(tr("Add peer"));
    QFormLayout *form = startLayout(this);
    m_name = addLine(this, form, tr("Name"), QStringLiteral("name"), tr("like Partner VPN"));
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("kind"));
    // PeerKind has no list function; its values are contiguous from RemoteUsers.
    for (int k = int(PeerKind::RemoteUsers); k <= int(PeerKind::InternalDns); ++k)
        m_kind->addItem(displayName(PeerKind(k)), k);
    form->addRow(tr("Kind"), m_kind);
    m_addresses = addLine(this, form, tr("Addresses"), QStringLiteral("addresses"),
                          tr("IPs or subnets, comma separated (optional)"));
    m_problem = finishLayout(this);
    connect(m_addresses, &QLineEdit::textEdited, this, [this](const QString &text) {
        propertyform::showProblem(m_problem,
                                  propertyform::problemOf(propertyform::Input::AddressList, text));
    });
}

void AddPeerDialog::accept()
{
    const QString refusal = m_attempt(m_name->text(), PeerKind(m_kind->currentData().toInt()),
                                      topologyops::splitAddressList(m_addresses->text()));
    propertyform::showProblem(m_problem, refusal);
    if (refusal.isEmpty())
        QDialog::accept();
}

} // namespace edgemap
