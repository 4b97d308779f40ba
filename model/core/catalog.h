#pragma once

#include "core/topology.h"

#include <QByteArray>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace edgemap {

// How `edgemap probe` speaks to an endpoint: a TCP connect, a TLS handshake from the first byte
// (the certificate is read), or an MS-TURN Allocate request over UDP.
enum class ProbeProtocol { Tcp, Tls, MsTurn };

// Which name the clients of a TLS endpoint ask for, so which name its certificate must cover:
// the FQDN published for the address (external), the pool's internal FQDN, or the member's own
// FQDN (clients that connect to each server, such as each Front End's Web Conferencing service).
enum class TlsName { None, Published, Pool, Server };

// The product catalog: which services, listeners, flows and scenarios each product version has.
// Data, not code: it is read from a JSON resource (resources/catalog/products.json). Templates
// copy what they need into a Topology, where the user can change every value.
class Catalog
{
public:
    struct ProductInfo
    {
        Product product = Product::Lync2013;
        QString servicePrefix;  // "Lync Server" or "Skype for Business Server"
        QSet<QString> features; // "cls", "xmpp", "skype-search"
        QString note;
    };

    struct ServiceDef
    {
        QString id;
        QString display; // without the product prefix
        QString executable;
        QString requiredFeature; // feature, empty when always present
        QString note;
        QString excludingFeature; // feature that removes it, empty when none
        bool windows = false;     // a Windows service (no product prefix on its name)
    };

    struct EndpointDef
    {
        QString key;
        QString service;
        AddressRole role = AddressRole::Internal;
        Transport transport = Transport::Tcp;
        int port = 0;
        int portEnd = 0;
        int singleIpPort = 0; // port in the single-IP layout, 0 when unchanged
        bool dynamic = false;
        bool allInterfacesOk = false;
        QStringList alsoAccepted;
        QString protocol;
        QString clients;
        QString purpose;
        QString requiredFeature;
        QString excludingFeature; // the endpoint is left out where the product has this feature
        QString note;
        QString source; // keys of shared/reference/edge-server.md (S1, M1, ...)
        // How a Lync topology document names the endpoint's Port: "AccessEdge/SipClient" (the
        // component of its Owner and its Usage); empty when the document does not list it.
        QString topologyPort;
        ProbeProtocol probe = ProbeProtocol::Tcp;
        TlsName tlsName = TlsName::None; // set exactly when probe is Tls
    };

    // A flow end as the catalog names it: a peer role ("remote-users", "next-hop", "front-end",
    // "cms-master", ...), an endpoint key, or an address role.
    struct FlowEndDef
    {
        FlowEnd::Kind kind = FlowEnd::Kind::Peer;
        QString name; // peer role or endpoint key
        AddressRole role = AddressRole::Internal;
    };

    struct FlowDef
    {
        QString id;
        FlowEndDef from;
        FlowEndDef to;
        std::optional<Transport> transport; // from the target endpoint when absent
        int port = 0;
        int portEnd = 0;
        int sourcePort = 0; // 0: any
        int sourcePortEnd = 0;
        QString protocol;
        QString purpose;
        Firewall firewall = Firewall::None;
        bool optional = false;
        QStringList optionalIn; // product ids where the flow is optional
        QString requiredFeature;
        QString excludingFeature;
        QString source;
    };

    struct HopDef
    {
        ScenarioHop::Kind kind = ScenarioHop::Kind::Peer;
        QString peerRole;
        QStringList endpointKeys;
    };

    struct ScenarioDef
    {
        QString id;
        QString name;
        QString description;
        QList<HopDef> hops;
        QStringList requiredEndpoints; // needed besides the hops (signalling, credentials)
    };

    // The catalog compiled into the application.
    static const Catalog &builtIn();
    // Parses catalog JSON; on failure returns nullopt and sets *error.
    static std::optional<Catalog> fromJson(const QByteArray &json, QString *error);

    const ProductInfo &product(Product product) const;
    // What the user chooses beyond the product.
    struct Options
    {
        bool xmpp = false;     // XMPP federation, where the product has it
        bool publicIm = false; // public IM connectivity with Skype (historical, retired 2025)
    };
    // Product features plus the chosen ones: "xmpp-enabled" when XMPP is asked for and the
    // product has it; "public-im" when asked for, and "skype-directory" where the product also
    // has the Skype search proxy.
    QSet<QString> features(Product product, Options options) const;
    // Every feature any choice can give the product: what the matrix's version column uses.
    QSet<QString> allFeatures(Product product) const;

    // Definitions that apply to a feature set (an empty requiredFeature always applies).
    QList<ServiceDef> services(const QSet<QString> &features) const;
    QList<EndpointDef> endpoints(const QSet<QString> &features) const;
    // The first definition of an endpoint key (a key can have one per feature set, as 4443's
    // owner changes with the Skype search proxy).
    const EndpointDef *endpoint(const QString &key) const;
    // Every definition of an endpoint key.
    QList<const EndpointDef *> endpointDefs(const QString &key) const;
    QList<FlowDef> flows(const QSet<QString> &features) const;
    QList<ScenarioDef> scenarios() const { return m_scenarios; }
    // Pairs (external endpoint key, internal endpoint key) that one service relays between.
    const QList<QPair<QString, QString>> &relays() const { return m_relays; }

private:
    QList<ProductInfo> m_products;
    QList<ServiceDef> m_services;
    QList<EndpointDef> m_endpoints;
    QList<QPair<QString, QString>> m_relays;
    QList<FlowDef> m_flows;
    QList<ScenarioDef> m_scenarios;
};

} // namespace edgemap
