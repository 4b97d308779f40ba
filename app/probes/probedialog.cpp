#include "probes/probedialog.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace edgemap {

namespace {

// The scope combo's data: "" all, "pool:ID", "server:ID".
QString scopeKey(const QString &kind, const QString &id)
{
    return kind + QLatin1Char(':') + id;
}

// "1 probe", "12 probes"
QString counted(qsizetype n, const QString &one, const QString &many)
{
    return n == 1 ? one : many.arg(n);
}

} // namespace

ProbeDialog::ProbeDialog(const Topology &topology, QWidget *parent)
    : QDialog(parent)
    , m_topology(topology)
{
    setWindowTitle(tr("Probe from Here"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
            tr("Connects from this computer to each listener the topology says is reachable "
               "from where it is, as the telnet test does, reads the certificates on the TLS "
               "ports and checks the DNS records. Nothing is sent before you press Start "
               "Probes."),
            this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    auto *inside = new QRadioButton(tr("&Inside: an admin or Front End network (the Edge's "
                                       "internal addresses)"),
                                    this);
    auto *outside = new QRadioButton(tr("&Outside: the Internet (the public addresses and the "
                                        "external names)"),
                                     this);
    inside->setObjectName(QStringLiteral("sideInside"));
    outside->setObjectName(QStringLiteral("sideOutside"));
    m_side = new QButtonGroup(this);
    m_side->addButton(inside, int(ProbeSide::Inside));
    m_side->addButton(outside, int(ProbeSide::Outside));
    inside->setChecked(true);
    auto *sides = new QVBoxLayout;
    sides->addWidget(inside);
    sides->addWidget(outside);
    form->addRow(tr("This computer is:"), sides);

    m_scope = new QComboBox(this);
    m_scope->setObjectName(QStringLiteral("probeScope"));
    m_scope->addItem(tr("Every server"), QString());
    for (const EdgePool &pool : topology.pools) {
        if (topology.pools.size() > 1 || pool.servers.size() > 1)
            m_scope->addItem(tr("Edge pool %1").arg(pool.fqdn),
                             scopeKey(QStringLiteral("pool"), pool.id.value()));
        for (const EdgeServer &s : pool.servers)
            m_scope->addItem(QStringLiteral("    %1").arg(s.fqdn),
                             scopeKey(QStringLiteral("server"), s.id.value()));
    }
    form->addRow(tr("&Probe:"), m_scope);

    m_timeout = new QSpinBox(this);
    m_timeout->setObjectName(QStringLiteral("probeTimeout"));
    m_timeout->setRange(1, 60);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setValue(3);
    m_parallel = new QSpinBox(this);
    m_parallel->setObjectName(QStringLiteral("probeParallel"));
    m_parallel->setRange(1, 64);
    m_parallel->setValue(16);
    auto *numbers = new QHBoxLayout;
    numbers->addWidget(m_timeout);
    numbers->addSpacing(12);
    numbers->addWidget(new QLabel(tr("at a time:"), this));
    numbers->addWidget(m_parallel);
    numbers->addStretch();
    form->addRow(tr("&Timeout per probe:"), numbers);

    m_resolver = new QLineEdit(this);
    m_resolver->setObjectName(QStringLiteral("probeResolver"));
    m_resolver->setPlaceholderText(tr("this computer's resolver"));
    m_resolver->setToolTip(tr("The IP address of a DNS server to ask instead of this "
                              "computer's (an external resolver, to see what the Internet sees)"));
    form->addRow(tr("&DNS server:"), m_resolver);

    m_tls = new QCheckBox(tr("Read the &certificates on the TLS ports"), this);
    m_tls->setChecked(true);
    m_dns = new QCheckBox(tr("Check the D&NS records the topology implies"), this);
    m_dns->setChecked(true);
    m_media = new QCheckBox(tr("Try one port of the &media range (refused is the expected "
                               "answer)"),
                            this);
    m_hairpin = new QCheckBox(tr("Also try the NAT public addresses from inside (&hairpin)"), this);
    auto *extras = new QVBoxLayout;
    for (QCheckBox *box : {m_tls, m_dns, m_media, m_hairpin})
        extras->addWidget(box);
    form->addRow(tr("Also:"), extras);
    layout->addLayout(form);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("probeSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    layout->addWidget(m_summary);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_buttons->addButton(tr("Start Probes"), QDialogButtonBox::AcceptRole);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);

    connect(m_side, &QButtonGroup::idToggled, this, [this] { updatePlan(); });
    connect(m_scope, &QComboBox::currentIndexChanged, this, [this] { updatePlan(); });
    connect(m_resolver, &QLineEdit::textChanged, this, [this] { updatePlan(); });
    for (QCheckBox *box : {m_tls, m_dns, m_media, m_hairpin})
        connect(box, &QCheckBox::toggled, this, [this] { updatePlan(); });
    updatePlan();
}

void ProbeDialog::setChoices(const ProbePlanOptions &plan, const ProbeOptions &run)
{
    if (QAbstractButton *side = m_side->button(int(plan.side)))
        side->setChecked(true);
    const QString scope = !plan.server.isEmpty() ? scopeKey(QStringLiteral("server"), plan.server)
                          : !plan.pool.isEmpty() ? scopeKey(QStringLiteral("pool"), plan.pool)
                                                 : QString();
    m_scope->setCurrentIndex(std::max(0, m_scope->findData(scope)));
    m_timeout->setValue(std::max(1, run.timeoutMs / 1000));
    m_parallel->setValue(run.parallel);
    m_resolver->setText(run.resolver);
    m_tls->setChecked(plan.tls);
    m_dns->setChecked(plan.dns);
    m_media->setChecked(plan.mediaSample);
    m_hairpin->setChecked(plan.hairpin);
    updatePlan();
}

ProbePlanOptions ProbeDialog::planOptions() const
{
    ProbePlanOptions o;
    o.side = ProbeSide(m_side->checkedId());
    const QString scope = m_scope->currentData().toString();
    if (scope.startsWith(QLatin1String("server:")))
        o.server = scope.mid(7);
    else if (scope.startsWith(QLatin1String("pool:")))
        o.pool = scope.mid(5);
    o.tls = m_tls->isChecked();
    o.dns = m_dns->isChecked();
    o.mediaSample = m_media->isChecked();
    o.hairpin = m_hairpin->isChecked() && o.side == ProbeSide::Inside;
    return o;
}

ProbeOptions ProbeDialog::runOptions() const
{
    ProbeOptions o;
    o.timeoutMs = m_timeout->value() * 1000;
    o.parallel = m_parallel->value();
    o.resolver = m_resolver->text().trimmed();
    return o;
}

void ProbeDialog::updatePlan()
{
    m_hairpin->setEnabled(m_side->checkedId() == int(ProbeSide::Inside));
    m_plan = buildProbePlan(m_topology, planOptions());
    QString problem
            = m_plan.error.isError() ? m_plan.error.message : probeOptionsProblem(runOptions());
    if (problem.isEmpty() && m_plan.targets.isEmpty() && m_plan.dnsChecks.isEmpty())
        problem = tr("Nothing to probe from this side: %1 left out (the media range, disabled "
                     "ones, the other side's).")
                          .arg(counted(m_plan.skipped.size(), tr("1 listener"),
                                       tr("%1 listeners")));
    if (!problem.isEmpty()) {
        m_summary->setText(problem);
    } else {
        qsizetype tls = 0;
        for (const ProbeTarget &t : m_plan.targets)
            tls += t.protocol == ProbeProtocol::Tls ? 1 : 0;
        m_summary->setText(
                tr("Will send %1 (%2 with a TLS handshake) and %3 from this computer, and "
                   "leave out %4 (the media range, disabled ones, the other side's). The run "
                   "takes at most %5 s.")
                        .arg(counted(m_plan.targets.size(), tr("1 probe"), tr("%1 probes")))
                        .arg(tls)
                        .arg(counted(m_plan.dnsChecks.size(), tr("1 DNS look-up"),
                                     tr("%1 DNS look-ups")))
                        .arg(counted(m_plan.skipped.size(), tr("1 listener"), tr("%1 listeners")))
                        .arg(overallTimeoutFor(m_plan, runOptions()) / 1000));
    }
    for (QAbstractButton *b : m_buttons->buttons())
        if (m_buttons->buttonRole(b) == QDialogButtonBox::AcceptRole)
            b->setEnabled(problem.isEmpty());
}

} // namespace edgemap
