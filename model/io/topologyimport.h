#pragma once

#include "core/topology.h"
#include "io/error.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace edgemap {

class Catalog;

// Importing the Edge pools of a deployed Lync Server / Skype for Business Server topology: the
// published topology `Get-CsTopology -AsXml` writes (root Topology) and the Topology Builder
// file (root TopologyBuilder, or a bare PartialTopology), told apart by content. The result is
// an ordinary EdgeMap topology: the catalog gives the services, purposes, flows and scenarios;
// the file gives the pools, servers, addresses, NAT, external FQDNs, the ports the admin
// configured, XMPP, the next hop and the pools around the Edge, and the SIP domains. Every
// imported element carries its importKey (core/topology.h), so that a later import can tell
// the deployment's facts from what the user added. See README, "Importing a deployed topology".
namespace topologyimport {

// A topology export is a few hundred kilobytes; past this it is refused before it is parsed.
inline constexpr qint64 kMaxFileSize = 64ll * 1024 * 1024;
// A topology nests about ten elements deep; deeper documents are refused, not walked.
inline constexpr int kMaxDepth = 64;

struct ImportOptions
{
    QString label;    // names the file in errors and warnings; empty for in-memory data
    QString poolFqdn; // only the Edge pool with this FQDN (any case); empty: every Edge pool
    QString site;     // only the Edge pools of the site with this name (any case)
};

// What was imported, for the command line and the window to say. The texts are whole
// sentences or table cells in the user's terms.
struct ImportSummary
{
    QString shape;   // "published topology (Get-CsTopology -AsXml)", "Topology Builder file"
    QString product; // "Skype for Business Server 2015 (ServiceVersion 7)"
    struct Server
    {
        QString fqdn;
        QString internalAddress;
        QStringList externalAddresses; // "10.0.0.1 (NAT 10.0.0.2)"
    };
    struct Pool
    {
        QString fqdn;
        QString site;
        QString nextHop;             // "Front End pool fe.contoso.com"
        QStringList frontEnds;       // the Front End pools that use the Edge pool
        QString layout;              // "one external address" or "three external addresses"
        QStringList externalFqdns;   // the Access, Web Conferencing, A/V FQDNs, each once
        QStringList nonDefaultPorts; // "A/V Edge external TCP 442 (default 443)"
        bool xmpp = false;
        QList<Server> servers;
    };
    QList<Pool> pools;
    QStringList skipped; // Edge pools the options left out: "edge02.contoso.com (site Paris)"
    // What is not imported, each with why: what a topology does not hold (and EdgeMap assumes),
    // what it holds that the import leaves aside.
    QStringList notTaken;
    // The summary as the command line prints it: one block per pool, then the warnings.
    QString text(const QList<Error> &warnings = {}) const;
};

struct ImportResult
{
    std::optional<Topology> topology; // valid by topologyfile::validate when set
    Error error;                      // where and why the import failed (with line and column)
    QList<Error> warnings;            // what the import assumed or could not take, located
    ImportSummary summary;
    bool ok() const { return topology.has_value(); }
};

// Imports the bytes of a topology document (UTF-16LE/BE with a BOM, as Windows PowerShell
// writes it, UTF-8 with or without a BOM, with or without an XML declaration). Never throws;
// hostile input (entities, a DOCTYPE declaring them, deep nesting, huge sizes) is refused with
// a message.
ImportResult importTopologyXml(const QByteArray &bytes, const ImportOptions &options = {});
ImportResult importTopologyXml(const QByteArray &bytes, const ImportOptions &options,
                               const Catalog &catalog);
// Reads a file (refusing one over kMaxFileSize before reading it) and imports it; the path
// labels errors unless options.label is set.
ImportResult importTopologyFile(const QString &path, const ImportOptions &options = {});

// Whether `head` (the start of a file, 4 KiB is plenty) looks like a topology document: its
// root element is one of the three above, in its namespace. For Open and drop, which tell
// files apart by content.
bool looksLikeTopologyXml(const QByteArray &head);

} // namespace topologyimport
} // namespace edgemap
