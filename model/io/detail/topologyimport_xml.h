#pragma once

// Private to the topology import: the elements of a Lync / Skype for Business topology document
// that the import reads, as they are in the file (text, unchecked), with where each one is.
// Both shapes (published topology, Topology Builder) read into the same form: references are
// keys, a "site:number" pair or a GUID, resolved later. Not part of the model's interface.

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace edgemap::topologyimport::detail {

// Where an element starts (1-based; 0 when not known).
struct Place
{
    int line = 0;
    int column = 0;
};

// What the import refuses, with its place: the reader and the builder throw it and
// importTopologyXml() turns it into an Error at the boundary.
struct Problem
{
    Place at;
    QString message;
};

[[noreturn]] void fail(Place at, const QString &message);

enum class Shape { Published, Builder, Partial };

struct XmlInterface
{
    QString side;   // InterfaceSide: Internal, External, Primary, Pstn
    QString number; // InterfaceNumber; empty means 1
    QString ip;     // IPAddress
    QString configuredIp;
    QString ipv6;
    QString configuredIpv6;
    Place at;
};

struct XmlMachine
{
    QString fqdn; // empty: the cluster's (a single-machine cluster's <Machine />)
    QList<XmlInterface> interfaces;
    Place at;
};

struct XmlCluster
{
    QString key; // "site:number" (published) or the UniqueId GUID (Topology Builder)
    QString fqdn;
    QString siteId;
    QList<XmlMachine> machines;
    Place at;
};

struct XmlPort
{
    QString owner; // "urn:component:AccessEdge"
    QString usage;
    QString side;
    QString number;
    QString port;
    QString protocol;
    QString range;
    QString configuredFqdn;
    Place at;
};

struct XmlDependency
{
    QString service; // key of the service depended on
    Place at;
};

struct XmlService
{
    QString key; // "site:role:instance" (published) or the UniqueId GUID
    QString role;
    QString roleVersion;
    QString serviceVersion;
    QString installedOn; // a cluster key, or a SQL instance's (Topology Builder)
    QList<XmlDependency> dependsOn;
    QList<XmlPort> ports;
    bool director = false;  // RegistrarService IsDirector="true"
    bool cmsActive = false; // CentralMgmtService IsActive="true"
    Place at;
};

struct XmlDocument
{
    Shape shape = Shape::Published;
    QHash<QString, QString> siteNames; // SiteId -> Name
    QStringList siteOrder;             // SiteIds in file order
    QList<XmlCluster> clusters;
    QHash<QString, QString> sqlInstances; // SQL instance UniqueId -> cluster key
    QList<XmlService> services;
    QString defaultDomain;
    QStringList domains; // InternalDomain names in file order
};

// Reads the document (the bytes of a file, already within the size limit). Throws Problem: not
// XML, truncated (with the place the reader stopped), not a topology, a DOCTYPE that declares
// entities, an entity reference, nesting past kMaxDepth.
XmlDocument readDocument(const QByteArray &bytes);

// The root element's shape when `head` starts a topology document; false otherwise.
bool hasTopologyRoot(const QByteArray &head);

// A GUID as a key: lower case, without braces.
QString guidKey(QStringView text);

} // namespace edgemap::topologyimport::detail
