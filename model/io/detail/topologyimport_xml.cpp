// Reading a Lync / Skype for Business topology document with QXmlStreamReader: one pass, no
// recursion, elements matched by namespace URI and local name (never by prefix: every namespace
// is declared as a default xmlns= on the element that uses it, and one document mixes several;
// see shared/reference/inputs.md section 1). What the import does not use is skipped whole.

#include "io/detail/topologyimport_xml.h"

#include "io/topologyimport.h"

#include <QStringDecoder>
#include <QXmlStreamReader>

#include <optional>

namespace edgemap::topologyimport::detail {

namespace {

constexpr QLatin1StringView kTopologyNs("urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008");
constexpr QLatin1StringView
        kWritableNs("urn:schema:Microsoft.Rtc.Management.Deploy.WritableTopology.2008");
constexpr QLatin1StringView
        kBuilderNs("urn:schema:Microsoft.Rtc.Management.Deploy.TopologyBuilder.2008");
constexpr QLatin1StringView
        kRolesNs("urn:schema:Microsoft.Rtc.Management.Deploy.ServiceRoles.2008");
// Site names and such are short; a longer text is cut rather than collected without end.
constexpr qsizetype kMaxText = 256;

// The elements the reader walks into; everything else is Skip, and so is all below it.
enum class Kind {
    Skip,
    BuilderRoot,
    NewTopology,
    Root,
    InternalDomains,
    Sites,
    Site,
    SiteName,
    Clusters,
    Cluster,
    Machines,
    Machine,
    SqlInstances,
    Services,
    Service,
    DependsOn,
    Dependency,
    InstalledOn,
    InstalledSql,
    Ports,
};

// The topology's own elements are in the Topology namespace (published) or the WritableTopology
// one (Topology Builder, which also puts NetInterface, Name and InternalDomains in the former).
bool isTopologyNs(QStringView ns)
{
    return ns == kTopologyNs || ns == kWritableNs;
}

QString attribute(const QXmlStreamReader &r, QLatin1StringView name)
{
    // Attributes without a prefix have no namespace, whatever the element's default is.
    return r.attributes().value(QLatin1StringView(), name).toString().trimmed();
}

bool isTrue(const QString &text)
{
    return text.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
}

// A byte order mark, or UTF-16 / UTF-32 without one (told by the '<' every document starts
// with), is decoded here: the BOM wins over an XML declaration that names another encoding,
// as a file re-saved by PowerShell's Out-File has. Anything else goes to QXmlStreamReader as
// bytes, which honours the declaration (UTF-8 without one).
// `strict`: invalid text is an error (a whole file), else replaced (the head of one, which may
// end inside a character).
std::optional<QString> decodeUnicode(const QByteArray &bytes, bool strict)
{
    const std::optional<QStringConverter::Encoding> encoding
            = QStringConverter::encodingForData(bytes, u'<');
    if (!encoding)
        return std::nullopt;
    QStringDecoder decoder(*encoding);
    QString text = decoder(bytes);
    if (strict && decoder.hasError())
        fail({}, QStringLiteral("the file is not valid %1 text, though it starts like it "
                                "(a byte order mark or its pattern of zero bytes)")
                         .arg(QLatin1String(QStringConverter::nameForEncoding(*encoding))));
    return text;
}

class Reader
{
public:
    explicit Reader(const QByteArray &bytes);
    XmlDocument read();

private:
    Place here() const { return {int(m_xml.lineNumber()), int(m_xml.columnNumber()) + 1}; }
    Place tagStart(QLatin1StringView opener);
    void readError();
    void start();
    void startRoot();
    Kind child(Kind parent);
    Kind childOfRoot(QStringView name);
    Kind childOfSite(QStringView name);
    Kind childOfCluster(QStringView name);
    Kind childOfService(QStringView ns, QStringView name);
    void addCluster();
    void addMachine();
    void addInterface();
    void addService();
    void addPort();
    void setInstalledOn();

    QXmlStreamReader m_xml;
    // The document's text, to find where a tag starts: QXmlStreamReader tells where it ended.
    QString m_text;
    qsizetype m_scanned = 0;   // m_text before this was searched for line breaks (tagStart)
    qsizetype m_lineStart = 0; // where the line of m_scanned starts
    Place m_start{1, 1};       // where the element being handled starts
    XmlDocument m_doc;
    QList<Kind> m_stack;
    bool m_rootSeen = false;
    bool m_partialSeen = false;
    QString m_siteId; // of the CentralSite being read (Topology Builder nests its clusters)
    QString m_siteName;
    qsizetype m_cluster = -1;
    qsizetype m_service = -1;
};

Reader::Reader(const QByteArray &bytes)
{
    if (std::optional<QString> text = decodeUnicode(bytes, true)) {
        m_text = std::move(*text);
        m_xml.addData(m_text);
    } else {
        // QXmlStreamReader honours an XML declaration that names another encoding; the places
        // of tags are then found in this UTF-8 reading, the same for all ASCII text.
        m_text = QString::fromUtf8(bytes);
        m_xml.addData(bytes);
    }
    // No DOCTYPE that declares entities gets past start(); this bounds what could still expand.
    m_xml.setEntityExpansionLimit(1024);
}

XmlDocument Reader::read()
{
    while (!m_xml.atEnd()) {
        switch (m_xml.readNext()) {
        case QXmlStreamReader::StartElement:
            m_start = tagStart(QLatin1StringView("<"));
            start();
            break;
        case QXmlStreamReader::EndElement:
            if (!m_stack.isEmpty() && m_stack.last() == Kind::Site
                && !m_siteName.trimmed().isEmpty())
                m_doc.siteNames.insert(m_siteId, m_siteName.trimmed());
            if (!m_stack.isEmpty())
                m_stack.removeLast();
            break;
        case QXmlStreamReader::Characters:
            if (!m_stack.isEmpty() && m_stack.last() == Kind::SiteName
                && m_siteName.size() < kMaxText)
                m_siteName += m_xml.text().left(kMaxText - m_siteName.size());
            break;
        case QXmlStreamReader::DTD:
            // QXmlStreamReader fetches no external entity, but it does expand internal ones:
            // a topology never declares any, so a document that does is refused outright.
            m_start = tagStart(QLatin1StringView("<!DOCTYPE"));
            if (!m_xml.entityDeclarations().isEmpty()
                || m_xml.text().contains(QLatin1String("<!ENTITY")))
                fail(m_start, QStringLiteral("refused: the document type declaration declares "
                                             "entities (<!ENTITY>); a topology has none, and "
                                             "EdgeMap neither expands nor fetches them"));
            break;
        case QXmlStreamReader::EntityReference:
            fail(here(), QStringLiteral("refused: the document refers to the entity &%1;, "
                                        "which EdgeMap does not expand")
                                 .arg(m_xml.name()));
        default:
            break;
        }
    }
    if (m_xml.hasError())
        readError();
    if (!m_partialSeen)
        fail(here(), QStringLiteral("not a topology: this Topology Builder file has no "
                                    "NewTopology/PartialTopology element"));
    return std::move(m_doc);
}

// Where the tag that starts with `opener` and has just been read begins. QXmlStreamReader
// stands right after a start tag or a DOCTYPE when it reports one; no '<' can occur inside the
// tag's attribute values, so the last one before is its start.
// Tags come in document order, so the text is searched for line breaks once, from where the
// previous tag started: a document on one long line is not searched again for each tag.
Place Reader::tagStart(QLatin1StringView opener)
{
    const qsizetype end = qsizetype(m_xml.characterOffset());
    const qsizetype start
            = end > 0 && end <= m_text.size() ? m_text.lastIndexOf(opener, end - 1) : -1;
    if (start < m_scanned)
        return here();
    for (; m_scanned < start; ++m_scanned)
        if (m_text[m_scanned] == u'\n' || m_text[m_scanned] == u'\r')
            m_lineStart = m_scanned + 1;
    const QStringView tag = QStringView(m_text).mid(start, end - start);
    const qsizetype lineBreaks = tag.count(u'\n') + tag.count(u'\r') - tag.count(u"\r\n");
    return {int(m_xml.lineNumber() - lineBreaks), int(start - m_lineStart) + 1};
}

void Reader::readError()
{
    const Place at = here();
    const QString what = m_xml.errorString();
    if (m_xml.error() == QXmlStreamReader::CustomError)
        fail(at, what);
    if (!m_rootSeen)
        fail(at, QStringLiteral("not a topology: this is not an XML document (%1)").arg(what));
    if (m_xml.error() == QXmlStreamReader::PrematureEndOfDocumentError)
        fail(at, QStringLiteral("the file ends in the middle of the topology (cut short when "
                                "it was copied?): %1 element(s) left open")
                         .arg(m_stack.size()));
    fail(at, QStringLiteral("not well-formed XML: %1").arg(what));
}

void Reader::start()
{
    if (m_stack.size() >= kMaxDepth)
        fail(m_start, QStringLiteral("refused: elements nested more than %1 deep (a topology "
                                     "nests about 10)")
                              .arg(kMaxDepth));
    if (!m_rootSeen)
        return startRoot();
    m_stack.append(child(m_stack.last()));
}

void Reader::startRoot()
{
    m_rootSeen = true;
    const QStringView ns = m_xml.namespaceUri();
    const QStringView name = m_xml.name();
    if (ns == kTopologyNs && name == QLatin1String("Topology")) {
        m_doc.shape = Shape::Published;
        m_partialSeen = true;
        m_stack.append(Kind::Root);
    } else if (ns == kBuilderNs && name == QLatin1String("TopologyBuilder")) {
        m_doc.shape = Shape::Builder;
        m_stack.append(Kind::BuilderRoot);
    } else if (ns == kWritableNs && name == QLatin1String("PartialTopology")) {
        m_doc.shape = Shape::Partial;
        m_partialSeen = true;
        m_stack.append(Kind::Root);
    } else {
        const QString where = ns.isEmpty() ? QStringLiteral("without a namespace")
                                           : QStringLiteral("in namespace %1").arg(ns);
        fail(m_start, QStringLiteral("not a Lync or Skype for Business topology: the root "
                                     "element is <%1> %2 (expected Topology, TopologyBuilder or "
                                     "PartialTopology in the "
                                     "urn:schema:Microsoft.Rtc.Management.Deploy namespaces)")
                              .arg(name, where));
    }
}

Kind Reader::child(Kind parent)
{
    const QStringView ns = m_xml.namespaceUri();
    const QStringView name = m_xml.name();
    switch (parent) {
    case Kind::BuilderRoot:
        return ns == kBuilderNs && name == QLatin1String("NewTopology") ? Kind::NewTopology
                                                                        : Kind::Skip;
    case Kind::NewTopology:
        if (m_partialSeen || ns != kWritableNs || name != QLatin1String("PartialTopology"))
            return Kind::Skip;
        m_partialSeen = true;
        return Kind::Root;
    case Kind::Service:
        return childOfService(ns, name);
    case Kind::Ports:
        if (ns == kRolesNs && name == QLatin1String("Port"))
            addPort();
        return Kind::Skip;
    default:
        break;
    }
    if (!isTopologyNs(ns))
        return Kind::Skip;
    switch (parent) {
    case Kind::Root:
        return childOfRoot(name);
    case Kind::InternalDomains:
        if (name == QLatin1String("InternalDomain"))
            m_doc.domains.append(attribute(m_xml, QLatin1StringView("Name")));
        return Kind::Skip;
    case Kind::Sites:
        if (name != QLatin1String("CentralSite"))
            return Kind::Skip;
        m_siteId = attribute(m_xml, QLatin1StringView("SiteId"));
        m_siteName.clear();
        m_doc.siteOrder.append(m_siteId);
        return Kind::Site;
    case Kind::Site:
        return childOfSite(name);
    case Kind::Clusters:
        if (name != QLatin1String("Cluster"))
            return Kind::Skip;
        addCluster();
        return Kind::Cluster;
    case Kind::Cluster:
        return childOfCluster(name);
    case Kind::Machines:
        if (name != QLatin1String("Machine"))
            return Kind::Skip;
        addMachine();
        return Kind::Machine;
    case Kind::Machine:
        if (name == QLatin1String("NetInterface"))
            addInterface();
        return Kind::Skip;
    case Kind::SqlInstances:
        if (name == QLatin1String("SqlInstance"))
            m_doc.sqlInstances.insert(guidKey(attribute(m_xml, QLatin1StringView("UniqueId"))),
                                      m_doc.clusters[m_cluster].key);
        return Kind::Skip;
    case Kind::Services:
        if (name != QLatin1String("Service"))
            return Kind::Skip;
        addService();
        return Kind::Service;
    case Kind::DependsOn:
        if (name != QLatin1String("Dependency"))
            return Kind::Skip;
        if (const QString id = attribute(m_xml, QLatin1StringView("ServiceUniqueId"));
            !id.isEmpty())
            m_doc.services[m_service].dependsOn.append({guidKey(id), m_start});
        return Kind::Dependency;
    case Kind::Dependency:
        if (name == QLatin1String("ServiceId"))
            m_doc.services[m_service].dependsOn.append(
                    {QStringLiteral("%1:%2:%3")
                             .arg(attribute(m_xml, QLatin1StringView("SiteId")),
                                  attribute(m_xml, QLatin1StringView("RoleName")),
                                  attribute(m_xml, QLatin1StringView("Instance"))),
                     m_start});
        return Kind::Skip;
    case Kind::InstalledOn:
        if (name == QLatin1String("SqlInstanceId"))
            return Kind::InstalledSql;
        [[fallthrough]];
    case Kind::InstalledSql:
        if (name == QLatin1String("ClusterId"))
            setInstalledOn();
        return Kind::Skip;
    default:
        return Kind::Skip;
    }
}

Kind Reader::childOfRoot(QStringView name)
{
    if (name == QLatin1String("InternalDomains")) {
        m_doc.defaultDomain = attribute(m_xml, QLatin1StringView("DefaultDomain"));
        return Kind::InternalDomains;
    }
    if (name == QLatin1String("Sites") || name == QLatin1String("CentralSites"))
        return Kind::Sites;
    if (name == QLatin1String("Clusters"))
        return Kind::Clusters;
    if (name == QLatin1String("Services"))
        return Kind::Services;
    return Kind::Skip;
}

Kind Reader::childOfSite(QStringView name)
{
    if (name == QLatin1String("Name"))
        return Kind::SiteName;
    // Topology Builder nests the site's clusters in it; branch sites (RemoteSites) host no Edge.
    if (name == QLatin1String("Clusters"))
        return Kind::Clusters;
    return Kind::Skip;
}

Kind Reader::childOfCluster(QStringView name)
{
    XmlCluster &cluster = m_doc.clusters[m_cluster];
    if (name == QLatin1String("ClusterId")) { // published: the cluster's site and number
        cluster.siteId = attribute(m_xml, QLatin1StringView("SiteId"));
        cluster.key
                = cluster.siteId + QLatin1Char(':') + attribute(m_xml, QLatin1StringView("Number"));
        return Kind::Skip;
    }
    if (name == QLatin1String("Machine")) { // published: machines are the cluster's children
        addMachine();
        return Kind::Machine;
    }
    if (name == QLatin1String("Machines"))
        return Kind::Machines;
    if (name == QLatin1String("SqlInstances"))
        return Kind::SqlInstances;
    return Kind::Skip;
}

Kind Reader::childOfService(QStringView ns, QStringView name)
{
    XmlService &service = m_doc.services[m_service];
    if (ns == kRolesNs) {
        if (name == QLatin1String("Ports"))
            return Kind::Ports;
        if (name == QLatin1String("RegistrarService"))
            service.director = isTrue(attribute(m_xml, QLatin1StringView("IsDirector")));
        if (name == QLatin1String("CentralMgmtService"))
            service.cmsActive = isTrue(attribute(m_xml, QLatin1StringView("IsActive")));
        return Kind::Skip;
    }
    if (!isTopologyNs(ns))
        return Kind::Skip;
    if (name == QLatin1String("ServiceId")) { // published: the service's identity
        service.role = attribute(m_xml, QLatin1StringView("RoleName"));
        service.key = QStringLiteral("%1:%2:%3")
                              .arg(attribute(m_xml, QLatin1StringView("SiteId")), service.role,
                                   attribute(m_xml, QLatin1StringView("Instance")));
        return Kind::Skip;
    }
    if (name == QLatin1String("DependsOn"))
        return Kind::DependsOn;
    if (name == QLatin1String("InstalledOn"))
        return Kind::InstalledOn;
    return Kind::Skip;
}

void Reader::addCluster()
{
    XmlCluster cluster;
    cluster.fqdn = attribute(m_xml, QLatin1StringView("Fqdn"));
    cluster.key = guidKey(attribute(m_xml, QLatin1StringView("UniqueId")));
    cluster.siteId = m_siteId; // Topology Builder; the published ClusterId sets its own
    cluster.at = m_start;
    m_doc.clusters.append(cluster);
    m_cluster = m_doc.clusters.size() - 1;
}

void Reader::addMachine()
{
    m_doc.clusters[m_cluster].machines.append(
            {attribute(m_xml, QLatin1StringView("Fqdn")), {}, m_start});
}

void Reader::addInterface()
{
    XmlInterface nic;
    nic.side = attribute(m_xml, QLatin1StringView("InterfaceSide"));
    nic.number = attribute(m_xml, QLatin1StringView("InterfaceNumber"));
    nic.ip = attribute(m_xml, QLatin1StringView("IPAddress"));
    nic.configuredIp = attribute(m_xml, QLatin1StringView("ConfiguredIPAddress"));
    nic.ipv6 = attribute(m_xml, QLatin1StringView("IPv6Address"));
    nic.configuredIpv6 = attribute(m_xml, QLatin1StringView("ConfiguredIPv6Address"));
    nic.at = m_start;
    m_doc.clusters[m_cluster].machines.last().interfaces.append(nic);
}

void Reader::addService()
{
    XmlService service;
    // Topology Builder: identity and placement are attributes; published: child elements.
    service.key = guidKey(attribute(m_xml, QLatin1StringView("UniqueId")));
    service.role = attribute(m_xml, QLatin1StringView("RoleName"));
    service.installedOn = guidKey(attribute(m_xml, QLatin1StringView("InstalledOn")));
    service.roleVersion = attribute(m_xml, QLatin1StringView("RoleVersion"));
    service.serviceVersion = attribute(m_xml, QLatin1StringView("ServiceVersion"));
    service.at = m_start;
    m_doc.services.append(service);
    m_service = m_doc.services.size() - 1;
}

void Reader::addPort()
{
    XmlPort port;
    port.owner = attribute(m_xml, QLatin1StringView("Owner"));
    port.usage = attribute(m_xml, QLatin1StringView("Usage"));
    port.side = attribute(m_xml, QLatin1StringView("InterfaceSide"));
    port.number = attribute(m_xml, QLatin1StringView("InterfaceNumber"));
    port.port = attribute(m_xml, QLatin1StringView("Port"));
    port.protocol = attribute(m_xml, QLatin1StringView("Protocol"));
    port.range = attribute(m_xml, QLatin1StringView("Range"));
    port.configuredFqdn = attribute(m_xml, QLatin1StringView("ConfiguredFqdn"));
    port.at = m_start;
    m_doc.services[m_service].ports.append(port);
}

void Reader::setInstalledOn()
{
    m_doc.services[m_service].installedOn = attribute(m_xml, QLatin1StringView("SiteId"))
                                            + QLatin1Char(':')
                                            + attribute(m_xml, QLatin1StringView("Number"));
}

} // namespace

void fail(Place at, const QString &message)
{
    throw Problem{at, message};
}

QString guidKey(QStringView text)
{
    QStringView t = text.trimmed();
    if (t.startsWith(u'{') && t.endsWith(u'}'))
        t = t.mid(1, t.size() - 2);
    return t.toString().toLower();
}

XmlDocument readDocument(const QByteArray &bytes)
{
    return Reader(bytes).read();
}

bool hasTopologyRoot(const QByteArray &head)
{
    QXmlStreamReader xml;
    if (const std::optional<QString> text = decodeUnicode(head, false))
        xml.addData(*text);
    else
        xml.addData(head);
    while (!xml.atEnd()) {
        const QXmlStreamReader::TokenType token = xml.readNext();
        if (token == QXmlStreamReader::StartElement) {
            const QStringView ns = xml.namespaceUri();
            const QStringView name = xml.name();
            return (ns == kTopologyNs && name == QLatin1String("Topology"))
                   || (ns == kBuilderNs && name == QLatin1String("TopologyBuilder"))
                   || (ns == kWritableNs && name == QLatin1String("PartialTopology"));
        }
        if (token == QXmlStreamReader::DTD || token == QXmlStreamReader::Invalid)
            return false;
    }
    return false;
}

} // namespace edgemap::topologyimport::detail
