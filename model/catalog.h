#pragma once

#include "topology.h"

#include <QByteArray>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace edgemap {

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
        QString note;
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
        QString protocol;
        QString purpose;
        Firewall firewall = Firewall::None;
        bool optional = false;
        QStringList optionalIn; // product ids where the flow is optional
        QString requiredFeature;
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
    // Product features plus "xmpp-enabled" when XMPP is asked for and the product has it.
    QSet<QString> features(Product product, bool xmppEnabled) const;

    // Definitions that apply to a feature set (an empty requiredFeature always applies).
    QList<ServiceDef> services(const QSet<QString> &features) const;
    QList<EndpointDef> endpoints(const QSet<QString> &features) const;
    const EndpointDef *endpoint(const QString &key) const;
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
