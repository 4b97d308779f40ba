#pragma once

#include "io/error.h"

#include <QObject>
#include <QString>

class QAction;
class QMenu;
class QWidget;

namespace edgemap {

class Document;
struct CheckResult;

// File > Export Port Table / Firewall Rules / Check Report / Certificate Requests / DNS Records:
// the documents `edgemap ports`, `report`, `certs` and `dns` write, from the open topology and
// its loaded snapshot, through the same model code and the same atomic writer. The format follows
// the chosen file's suffix (.csv, .md, .html; the report also .pdf, the DNS records also .zone).
class DocumentActions : public QObject
{
    Q_OBJECT

public:
    enum Kind { PortTable, FirewallRules, CheckReport, CertificateRequests, DnsRecords };

    DocumentActions(Document &document, QWidget *window);

    // Adds the actions (the report one is enabled while a snapshot is loaded).
    void populateMenu(QMenu *file);
    QAction *actionFor(Kind kind) const;

    // Writes the document to `path` (format from the suffix): the error naming the path, or no
    // error. No dialog: the actions' file dialogs end up here, and so do tests.
    Error exportTo(Kind kind, const QString &path) const;

Q_SIGNALS:
    void exported(const QString &path);
    void failed(const QString &title, const QString &message);

private:
    void chooseAndExport(Kind kind);
    // The snapshots the port table and the report describe: every server's good check.
    QList<const CheckResult *> currentChecks() const;

    Document &m_document;
    QWidget *m_window;
    QAction *m_actions[5] = {nullptr, nullptr, nullptr, nullptr, nullptr};
};

} // namespace edgemap
