#include "panes/probespane.h"

#include "document/document.h"
#include "itemactivation.h"
#include "panes/probetablemodel.h"
#include "selection.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace edgemap {

namespace {

QString when(const QDateTime &t)
{
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat) : QString();
}

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

QString row(const QString &name, const QString &value)
{
    return QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
            .arg(escaped(name), escaped(value));
}

QString sideText(ProbeSide side)
{
    return side == ProbeSide::Inside ? ProbesPane::tr("inside (the internal addresses)")
                                     : ProbesPane::tr("outside (the public addresses and names)");
}

} // namespace

ProbesPane::ProbesPane(const Document &document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_model(new ProbeTableModel(document, this))
    , m_sorted(new QSortFilterProxyModel(this))
    , m_facts(new QLabel(this))
    , m_empty(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_probe(new QPushButton(tr("Probe from Here…"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_stack(new QStackedWidget(this))
    , m_tabs(new QTabWidget(this))
    , m_view(new QTableView(this))
    , m_details(new QTextBrowser(this))
    , m_dns(new QTreeWidget(this))
    , m_skipped(new QTreeWidget(this))
{
    // Asked for before connecting: it falls back before this pane refreshes (Selection::of).
    Selection::of(document);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *top = new QHBoxLayout;
    m_facts->setObjectName(QStringLiteral("probeFacts"));
    m_facts->setWordWrap(true);
    m_facts->setTextFormat(Qt::PlainText);
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    top->addWidget(m_facts, 1);
    m_progress->setObjectName(QStringLiteral("probePaneProgress"));
    m_progress->setFormat(tr("%v of %m"));
    m_progress->hide();
    m_cancel->hide();
    m_probe->setObjectName(QStringLiteral("probeButton"));
    top->addWidget(m_progress);
    top->addWidget(m_cancel);
    top->addWidget(m_probe, 0, Qt::AlignTop);
    layout->addLayout(top);

    m_empty->setObjectName(QStringLiteral("probeEmpty"));
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_empty->setText(tr("No probe run yet. Probe from Here (Snapshot menu, Ctrl+Shift+P) "
                        "connects from this computer to every listener the topology says is "
                        "reachable from where it is: TCP, MS-TURN on UDP 3478, TLS with the "
                        "certificate, and the DNS records. Nothing is sent until you start a "
                        "run. With a snapshot loaded, each listener gets one verdict: working, "
                        "blocked between here and the Edge, not listening, bound to the wrong "
                        "address."));
    m_stack->addWidget(m_empty);

    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(ProbeTableModel::SeverityRole);
    m_view->setObjectName(QStringLiteral("probeTable"));
    m_view->setModel(m_sorted);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ProbeTableModel::Verdict, Qt::DescendingOrder);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    m_details->setObjectName(QStringLiteral("probeDetails"));
    m_details->setOpenLinks(false);
    // Side by side: a bottom dock on a 1366x768 screen is a few rows high.
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_view);
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    m_tabs->addTab(split, tr("Probes"));
    m_dns->setHeaderLabels({tr("Record"), tr("Status"), tr("Answers"), tr("Detail")});
    m_dns->setRootIsDecorated(false);
    m_tabs->addTab(m_dns, tr("DNS"));
    m_skipped->setHeaderLabels({tr("Server"), tr("Listener"), tr("Why not probed")});
    m_skipped->setRootIsDecorated(false);
    m_tabs->addTab(m_skipped, tr("Not probed"));
    m_stack->addWidget(m_tabs);
    layout->addWidget(m_stack, 1);

    connect(m_probe, &QPushButton::clicked, this, &ProbesPane::probeRequested);
    connect(m_cancel, &QPushButton::clicked, this, &ProbesPane::cancelRequested);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ProbesPane::showDetails);
    onItemActivated(m_view, [this](const QModelIndex &index) { activate(index); });
    connect(&document, &Document::probesChanged, this, &ProbesPane::reload);
    connect(&document, &Document::topologyReplaced, this, &ProbesPane::reload);
    reload();
}

void ProbesPane::setStatusPalette(StatusPalette palette)
{
    m_model->setStatusPalette(palette);
}

QString ProbesPane::factsText() const
{
    return m_facts->text();
}

QString ProbesPane::detailsText() const
{
    return m_details->toPlainText();
}

QString ProbesPane::title() const
{
    const ProbeDiagnosis &p = m_document.probes();
    if (p.isEmpty())
        return tr("Probes");
    const int attention = p.counts.problems + p.counts.tlsFindings + p.counts.dnsProblems;
    return attention == 0 ? tr("Probes") : tr("Probes (%1)").arg(attention);
}

void ProbesPane::runStarted(int total)
{
    m_progress->setMaximum(std::max(1, total));
    m_progress->setValue(0);
    m_progress->show();
    m_cancel->show();
    m_probe->setEnabled(false);
    m_facts->setText(tr("Probing from this computer: %1 probes and look-ups…").arg(total));
}

void ProbesPane::runProgress(int done, int total)
{
    m_progress->setMaximum(std::max(1, total));
    m_progress->setValue(done);
}

void ProbesPane::runFinished()
{
    m_progress->hide();
    m_cancel->hide();
    m_probe->setEnabled(true);
    reload();
}

void ProbesPane::reload()
{
    const ProbeDiagnosis &p = m_document.probes();
    m_dns->clear();
    m_skipped->clear();
    if (p.isEmpty()) {
        m_facts->setText(tr("Where this computer can reach the Edge from, and what answers."));
        m_stack->setCurrentWidget(m_empty);
        m_details->clear();
        Q_EMIT titleChanged(title());
        return;
    }
    const ProbeRun &run = *p.run;
    const ProbeCounts &c = p.counts;
    QString facts = tr("From %1 (%2), %3, %4. Resolver: %5. Timeout %6 s per probe, %7 at a time.")
                            .arg(run.hostName, run.localAddresses.join(QStringLiteral(", ")),
                                 sideText(run.side), when(run.started),
                                 run.resolver.isEmpty() ? tr("this computer's") : run.resolver)
                            .arg(run.timeoutMs / 1000.0)
                            .arg(run.parallel);
    facts += QLatin1Char('\n')
             + tr("%1 probes: %2 reachable, %3 problems, %4 certificate findings; %5 DNS "
                  "records checked, %6 not as expected; %7 scenarios cannot work from here.")
                       .arg(c.probes)
                       .arg(c.reachable)
                       .arg(c.problems)
                       .arg(c.tlsFindings)
                       .arg(run.dns.size())
                       .arg(c.dnsProblems)
                       .arg(c.brokenScenarios);
    if (run.cancelled)
        facts += QLatin1Char('\n') + tr("Cancelled: the probes not finished are marked.");
    else if (run.timedOut)
        facts += QLatin1Char('\n')
                 + tr("The run's timeout passed: the probes not finished are "
                      "marked.");
    m_facts->setText(facts);
    m_stack->setCurrentWidget(m_tabs);

    const Topology &t = m_document.topology();
    for (const DnsCheckResult &d : run.dns) {
        auto *item = new QTreeWidgetItem(m_dns);
        item->setText(0, d.expected.type + QLatin1Char(' ') + d.expected.name);
        item->setText(1, displayName(d.status));
        item->setText(2, d.answers.join(QStringLiteral(", ")));
        item->setText(3, d.detail);
        item->setToolTip(3, d.detail);
    }
    for (const SkippedListener &s : run.skipped) {
        auto *item = new QTreeWidgetItem(m_skipped);
        const EdgeServer *server = t.server(s.server);
        const Listener *l = t.listener(s.listener);
        item->setText(0, server ? server->fqdn : s.server.value());
        item->setText(1, l ? socketLabel(l->transport, l->port, l->portEnd)
                                         + QStringLiteral(" (%1)").arg(l->service.value())
                           : s.listener.value());
        item->setText(2, s.reason);
    }
    m_tabs->setTabText(0, tr("Probes (%1)").arg(run.results.size()));
    m_tabs->setTabText(1, tr("DNS (%1)").arg(run.dns.size()));
    m_tabs->setTabText(2, tr("Not probed (%1)").arg(run.skipped.size()));
    m_view->resizeColumnsToContents();
    if (m_sorted->rowCount() > 0 && !m_view->currentIndex().isValid())
        m_view->setCurrentIndex(m_sorted->index(0, 0));
    showDetails();
    Q_EMIT titleChanged(title());
}

void ProbesPane::activate(const QModelIndex &index)
{
    const ProbeDiagnosis &p = m_document.probes();
    if (!index.isValid() || p.isEmpty())
        return;
    const int i = m_sorted->data(index, Qt::UserRole).toInt();
    const ProbeTarget &target = p.run->results.value(i).target;
    if (!target.listener.isEmpty() && m_document.topology().listener(target.listener))
        Selection::of(m_document)->setCurrent(ElementRef::listener(target.listener));
}

void ProbesPane::showDetails()
{
    const ProbeDiagnosis &p = m_document.probes();
    const QModelIndex index = m_view->currentIndex();
    if (p.isEmpty() || !index.isValid()) {
        m_details->clear();
        return;
    }
    const int i = m_sorted->data(index, Qt::UserRole).toInt();
    if (i < 0 || i >= p.run->results.size())
        return;
    const ProbeResult &r = p.run->results.at(i);
    const CombinedVerdict &v = p.verdicts.at(i);
    QString html = QStringLiteral("<p><b>%1</b>: %2</p>")
                           .arg(escaped(probeText(v.kind)), escaped(v.words));
    if (!v.detail.isEmpty())
        html += QStringLiteral("<p>%1</p>").arg(escaped(v.detail));
    html += QStringLiteral("<table cellspacing=\"2\">");
    html += row(tr("Probed"), probeTargetText(r));
    if (!r.resolved.isEmpty())
        html += row(tr("Resolved to"), r.resolved.join(QStringLiteral(", ")));
    html += row(tr("Answer"), tr("%1 after %2 ms").arg(displayName(r.status)).arg(r.elapsedMs));
    if (!r.detail.isEmpty())
        html += row(tr("Probe"), r.detail);
    if (!r.localAddress.isEmpty())
        html += row(tr("From"), r.localAddress);
    if (r.turn) {
        const TurnFacts &turn = *r.turn;
        html += row(
                tr("MS-TURN"),
                turn.errorCode
                        ? tr("Allocate answered with error %1 %2 after %3 tries")
                                  .arg(turn.errorCode)
                                  .arg(turn.errorReason)
                                  .arg(turn.tries)
                        : tr("%1 tries, %2 stray replies").arg(turn.tries).arg(turn.strayReplies));
    }
    if (r.tls) {
        const TlsFacts &tls = *r.tls;
        html += row(tr("TLS"), tls.completed ? tr("%1, %2, %3 ms, name asked %4")
                                                       .arg(tls.protocol, tls.cipher)
                                                       .arg(tls.handshakeMs)
                                                       .arg(tls.peerName)
                                             : tr("failed: %1").arg(tls.failure));
        if (tls.certificate) {
            const CertificateFacts &cert = *tls.certificate;
            html += row(tr("Subject"), cert.subject);
            html += row(tr("Names (SAN)"), cert.sans.join(QStringLiteral(", ")));
            html += row(tr("Issuer"),
                        cert.issuer + (cert.selfSigned ? tr(" (self-signed)") : QString()));
            html += row(tr("Valid"), tr("%1 to %2 (%3 days left)")
                                             .arg(when(cert.notBefore), when(cert.notAfter))
                                             .arg(cert.daysToExpiry));
            html += row(tr("Key"),
                        QStringLiteral("%1 %2").arg(cert.keyAlgorithm).arg(cert.keyBits));
            html += row(tr("SHA-256"), cert.sha256);
        }
        for (const QString &e : tls.verificationErrors)
            html += row(tr("Verification"), e);
    }
    html += QStringLiteral("</table>");
    for (const TlsFinding &f : v.tls)
        html += QStringLiteral("<p><b>%1</b>: %2</p>")
                        .arg(f.severity == TlsFinding::Severity::Error ? tr("Certificate error")
                                                                       : tr("Certificate "
                                                                            "warning"),
                             escaped(f.text));
    m_details->setHtml(html);
}

} // namespace edgemap
