#include "window/documentactions.h"

#include "window/savepathdialog.h"

#include "document/document.h"
#include "export/documentexport.h"
#include "io/savefile.h"
#include "reports/certificates.h"
#include "reports/checkreport.h"
#include "reports/dnsrecords.h"
#include "reports/firewallmatrix.h"
#include "reports/porttable.h"
#include "reports/tablewriters.h"
#include "snapshot/check.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QMenu>

namespace edgemap {

namespace {

QString suffixOf(const QString &path)
{
    return QFileInfo(path).suffix().toLower();
}

} // namespace

DocumentActions::DocumentActions(Document &document, QWidget *window)
    : QObject(window)
    , m_document(document)
    , m_window(window)
{
    const struct
    {
        Kind kind;
        QString text;
        QString tip;
    } entries[] = {
            {PortTable, tr("Export &Port Table…"),
             tr("Every listener per server and address (CSV, Markdown or HTML), with the "
                "snapshot's statuses when one is loaded")},
            {FirewallRules, tr("Export &Firewall Rules…"),
             tr("The rule matrix of the external and internal firewalls, from the flows, with "
                "this topology's addresses (CSV, Markdown or HTML)")},
            {CheckReport, tr("Export Check &Report…"),
             tr("The judged snapshot as a document: problems first, every listener, scenarios, "
                "unexpected sockets (Markdown, HTML or PDF)")},
            {CertificateRequests, tr("Export &Certificate Requests…"),
             tr("The subject and SANs of each Edge pool's external and internal certificate, "
                "each with the reason (CSV, Markdown or HTML)")},
            {DnsRecords, tr("Export &DNS Records…"),
             tr("The external A and SRV records and the internal A records, with the reasons "
                "and warnings (CSV, Markdown, HTML or zone-file lines)")},
    };
    for (const auto &e : entries) {
        auto *action = new QAction(e.text, this);
        action->setStatusTip(e.tip);
        connect(action, &QAction::triggered, this, [this, k = e.kind] { chooseAndExport(k); });
        m_actions[e.kind] = action;
    }
    const auto updateReport = [this] {
        m_actions[CheckReport]->setEnabled(!currentChecks().isEmpty());
    };
    connect(&m_document, &Document::checksChanged, this, updateReport);
    updateReport();
}

void DocumentActions::populateMenu(QMenu *file)
{
    QMenu *menu = file->addMenu(tr("Export &Tables"));
    for (QAction *a : m_actions)
        menu->addAction(a);
}

QAction *DocumentActions::actionFor(Kind kind) const
{
    return m_actions[kind];
}

QList<const CheckResult *> DocumentActions::currentChecks() const
{
    // Every server's good check, in topology order (the document keeps one per server).
    QList<const CheckResult *> out;
    for (const auto &check : m_document.checks().inOrder(m_document.topology()))
        out.append(check.get());
    return out;
}

Error DocumentActions::exportTo(Kind kind, const QString &path) const
{
    const Topology &t = m_document.topology();
    const QString suffix = suffixOf(path);
    TableDocument doc;
    switch (kind) {
    case PortTable: {
        // After a Probe from Here run, its verdicts beside the snapshot's.
        edgemap::PortTable table = buildPortTable(t, currentChecks());
        applyProbes(table, m_document.probes());
        doc = portTableDocument(table);
        break;
    }
    case FirewallRules:
        doc = firewallMatrixDocument(buildFirewallMatrix(t));
        break;
    case CertificateRequests:
        doc = certificatesDocument(buildCertificatePlan(t));
        break;
    case DnsRecords: {
        const DnsPlan plan = buildDnsPlan(t);
        if (suffix == QLatin1String("zone"))
            return SaveFile::save(path, dnsZoneFile(plan));
        doc = dnsRecordsDocument(plan);
        break;
    }
    case CheckReport: {
        const QList<const CheckResult *> checks = currentChecks();
        if (checks.isEmpty())
            return Error::inFile(QDir::toNativeSeparators(path),
                                 tr("no snapshot is loaded, so there is nothing to report"));
        doc = checkReportDocument(t, checks, &m_document.probes());
        if (suffix == QLatin1String("pdf"))
            return Error::plain(
                    writePdf(tablewriters::html(doc, htmlStatusStyles()), doc.title, path));
        break;
    }
    }
    if (suffix == QLatin1String("csv") && kind != CheckReport)
        return SaveFile::save(path, tablewriters::csv(doc));
    if (suffix == QLatin1String("html") || suffix == QLatin1String("htm"))
        return SaveFile::save(path, tablewriters::html(doc, htmlStatusStyles()));
    if (suffix == QLatin1String("md") || suffix == QLatin1String("markdown"))
        return SaveFile::save(path, tablewriters::markdown(doc));
    return Error::inFile(QDir::toNativeSeparators(path),
                         tr("choose a file ending in %1")
                                 .arg(kind == CheckReport  ? tr(".md, .html or .pdf")
                                      : kind == DnsRecords ? tr(".csv, .md, .html or .zone")
                                                           : tr(".csv, .md or .html")));
}

void DocumentActions::chooseAndExport(Kind kind)
{
    QList<SaveFormat> formats = kind == CheckReport
                                        ? QList<SaveFormat>{{tr("Markdown"), QStringLiteral("md")},
                                                            {tr("HTML"), QStringLiteral("html")},
                                                            {tr("PDF"), QStringLiteral("pdf")}}
                                        : QList<SaveFormat>{{tr("CSV"), QStringLiteral("csv")},
                                                            {tr("Markdown"), QStringLiteral("md")},
                                                            {tr("HTML"), QStringLiteral("html")}};
    if (kind == DnsRecords)
        formats.append({tr("BIND zone-file lines"), QStringLiteral("zone")});
    const QString base = kind == PortTable             ? tr("port-table")
                         : kind == FirewallRules       ? tr("firewall-rules")
                         : kind == CertificateRequests ? tr("certificate-requests")
                         : kind == DnsRecords          ? tr("dns-records")
                                                       : tr("check-report");
    const QString current = m_document.filePath();
    const QString folder = current.isEmpty() ? QString() : QFileInfo(current).absolutePath();
    SavePathDialog dialog(m_window, m_actions[kind]->text().remove(u'&'),
                          folder + u'/' + base + u'.' + formats.constFirst().suffix, formats);
    const QString path = dialog.exec();
    if (path.isEmpty())
        return;
    if (const Error error = exportTo(kind, path); !error.isError())
        Q_EMIT exported(path);
    else
        Q_EMIT failed(tr("Cannot export"), error.toString());
}

} // namespace edgemap
