#include "core/catalog.h"

#include <QFile>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <stdexcept>

namespace edgemap {

namespace {

using json = nlohmann::json;

// The catalog ships inside the binary, so a malformed one is a build defect; fromJson still
// reports it as a message so that a test can name the broken entry.
struct CatalogError : std::runtime_error
{
    using std::runtime_error::runtime_error;
};

QString str(const json &j, const char *key, bool required = false)
{
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
        if (required)
            throw CatalogError(std::string("missing '") + key + "' in " + j.dump().substr(0, 80));
        return {};
    }
    if (!it->is_string())
        throw CatalogError(std::string("'") + key + "' is not a string");
    return QString::fromStdString(it->get<std::string>());
}

int integer(const json &j, const char *key, int fallback = 0)
{
    const auto it = j.find(key);
    if (it == j.end())
        return fallback;
    if (!it->is_number_integer())
        throw CatalogError(std::string("'") + key + "' is not an integer");
    return it->get<int>();
}

bool boolean(const json &j, const char *key)
{
    const auto it = j.find(key);
    return it != j.end() && it->is_boolean() && it->get<bool>();
}

QStringList strings(const json &j, const char *key)
{
    QStringList out;
    const auto it = j.find(key);
    if (it == j.end())
        return out;
    for (const auto &v : *it)
        out.append(QString::fromStdString(v.get<std::string>()));
    return out;
}

template<class T>
T required(std::optional<T> value, const QString &text, const char *what)
{
    if (!value)
        throw CatalogError(std::string("unknown ") + what + " '" + text.toStdString() + "'");
    return *value;
}

// "probe" and "tls_name": how the probe speaks to the endpoint. A TLS endpoint names the name
// its clients ask for; nothing else does.
void readProbe(const json &j, Catalog::EndpointDef &e)
{
    const QString probe = str(j, "probe");
    const QString name = str(j, "tls_name");
    const std::string key = e.key.toStdString();
    if (probe == QLatin1String("tls"))
        e.probe = ProbeProtocol::Tls;
    else if (probe == QLatin1String("msturn"))
        e.probe = ProbeProtocol::MsTurn;
    else if (!probe.isEmpty())
        throw CatalogError("unknown probe '" + probe.toStdString() + "' for endpoint " + key);
    if (e.probe == ProbeProtocol::MsTurn && e.transport != Transport::Udp)
        throw CatalogError("endpoint " + key + ": an MS-TURN probe is over UDP");
    if (e.probe != ProbeProtocol::Tls) {
        if (!name.isEmpty())
            throw CatalogError("endpoint " + key + " has a tls_name but no TLS probe");
        return;
    }
    if (name == QLatin1String("published"))
        e.tlsName = TlsName::Published;
    else if (name == QLatin1String("pool"))
        e.tlsName = TlsName::Pool;
    else if (name == QLatin1String("server"))
        e.tlsName = TlsName::Server;
    else
        throw CatalogError("endpoint " + key + ": tls_name must be published, pool or server");
}

Catalog::EndpointDef readEndpoint(const json &j)
{
    Catalog::EndpointDef e;
    e.key = str(j, "key", true);
    e.service = str(j, "service", true);
    e.role = required(addressRoleFromString(str(j, "role", true)), str(j, "role"), "role");
    e.transport = required(transportFromString(str(j, "transport", true)), str(j, "transport"),
                           "transport");
    e.port = integer(j, "port");
    e.portEnd = integer(j, "port_end", e.port);
    e.singleIpPort = integer(j, "single_ip_port");
    e.dynamic = boolean(j, "dynamic");
    e.allInterfacesOk = boolean(j, "all_interfaces_ok");
    e.alsoAccepted = strings(j, "also_accepted");
    e.protocol = str(j, "protocol", true);
    e.clients = str(j, "clients");
    e.purpose = str(j, "purpose", true);
    e.requiredFeature = str(j, "requires");
    e.excludingFeature = str(j, "unless");
    e.note = str(j, "note");
    e.source = str(j, "source");
    e.topologyPort = str(j, "topology_port");
    if (e.port < 1 || e.portEnd < e.port || e.portEnd > 65535)
        throw CatalogError("bad port range for endpoint " + e.key.toStdString());
    readProbe(j, e);
    return e;
}

Catalog::FlowEndDef readFlowEnd(const json &j)
{
    Catalog::FlowEndDef end;
    if (j.contains("peer")) {
        end.kind = FlowEnd::Kind::Peer;
        end.name = str(j, "peer");
    } else if (j.contains("endpoint")) {
        end.kind = FlowEnd::Kind::Endpoint;
        end.name = str(j, "endpoint");
    } else {
        end.kind = FlowEnd::Kind::AddressRole;
        end.role = required(addressRoleFromString(str(j, "role", true)), str(j, "role"), "role");
    }
    return end;
}

Catalog::FlowDef readFlow(const json &j)
{
    Catalog::FlowDef f;
    f.id = str(j, "id", true);
    f.from = readFlowEnd(j.at("from"));
    f.to = readFlowEnd(j.at("to"));
    if (j.contains("transport"))
        f.transport = required(transportFromString(str(j, "transport")), str(j, "transport"),
                               "transport");
    f.port = integer(j, "port");
    f.portEnd = integer(j, "port_end", f.port);
    f.sourcePort = integer(j, "source_port");
    f.sourcePortEnd = integer(j, "source_port_end", f.sourcePort);
    f.protocol = str(j, "protocol");
    f.purpose = str(j, "purpose", true);
    f.firewall = required(firewallFromString(str(j, "firewall", true)), str(j, "firewall"),
                          "firewall");
    f.optional = boolean(j, "optional");
    f.optionalIn = strings(j, "optional_in");
    f.requiredFeature = str(j, "requires");
    f.excludingFeature = str(j, "unless");
    f.source = str(j, "source");
    if (f.sourcePortEnd < f.sourcePort || f.sourcePortEnd > 65535)
        throw CatalogError("bad source port range for flow " + f.id.toStdString());
    if (f.to.kind != FlowEnd::Kind::Endpoint && (!f.transport || f.port < 1))
        throw CatalogError("flow " + f.id.toStdString() + " needs a transport and a port");
    return f;
}

Catalog::ScenarioDef readScenario(const json &j)
{
    Catalog::ScenarioDef s;
    s.id = str(j, "id", true);
    s.name = str(j, "name", true);
    s.description = str(j, "description");
    s.requiredEndpoints = strings(j, "requires");
    for (const auto &h : j.at("hops")) {
        Catalog::HopDef hop;
        if (h.contains("peer")) {
            hop.kind = ScenarioHop::Kind::Peer;
            hop.peerRole = str(h, "peer");
        } else if (h.contains("endpoints")) {
            hop.kind = ScenarioHop::Kind::Endpoints;
            hop.endpointKeys = strings(h, "endpoints");
        } else {
            hop.kind = ScenarioHop::Kind::NextHop;
        }
        s.hops.append(hop);
    }
    return s;
}

} // namespace

std::optional<Catalog> Catalog::fromJson(const QByteArray &bytes, QString *error)
{
    try {
        const json root = json::parse(bytes.constBegin(), bytes.constEnd());
        Catalog c;
        for (const auto &p : root.at("products")) {
            ProductInfo info;
            info.product = required(productFromString(str(p, "id", true)), str(p, "id"), "product");
            info.servicePrefix = str(p, "service_prefix", true);
            for (const QString &f : strings(p, "features"))
                info.features.insert(f);
            info.note = str(p, "note");
            c.m_products.append(info);
        }
        for (const auto &s : root.at("services"))
            c.m_services.append({str(s, "id", true), str(s, "display", true),
                                 str(s, "executable", true), str(s, "requires"), str(s, "note"),
                                 str(s, "unless"), boolean(s, "windows")});
        for (const auto &e : root.at("endpoints"))
            c.m_endpoints.append(readEndpoint(e));
        for (const auto &r : root.at("relays"))
            c.m_relays.append({QString::fromStdString(r.at(0).get<std::string>()),
                               QString::fromStdString(r.at(1).get<std::string>())});
        for (const auto &f : root.at("flows"))
            c.m_flows.append(readFlow(f));
        for (const auto &s : root.at("scenarios"))
            c.m_scenarios.append(readScenario(s));
        for (Product p : allProducts())
            if (std::none_of(c.m_products.cbegin(), c.m_products.cend(),
                             [p](const ProductInfo &i) { return i.product == p; }))
                throw CatalogError("no entry for product " + keyOf(p).toStdString());
        return c;
    } catch (const std::exception &e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return std::nullopt;
    }
}

const Catalog &Catalog::builtIn()
{
    static const Catalog catalog = [] {
        QFile file(QStringLiteral(":/edgemap/catalog/products.json"));
        if (!file.open(QIODevice::ReadOnly))
            qFatal("EdgeMap: the built-in product catalog resource is missing");
        QString error;
        auto parsed = fromJson(file.readAll(), &error);
        if (!parsed)
            qFatal("EdgeMap: the built-in product catalog is invalid: %s", qPrintable(error));
        return *parsed;
    }();
    return catalog;
}

const Catalog::ProductInfo &Catalog::product(Product p) const
{
    const auto it = std::find_if(m_products.cbegin(), m_products.cend(),
                                 [p](const ProductInfo &i) { return i.product == p; });
    Q_ASSERT(it != m_products.cend()); // fromJson guarantees every product has an entry
    return *it;
}

QSet<QString> Catalog::features(Product p, Options options) const
{
    QSet<QString> out = product(p).features;
    if (options.xmpp && out.contains(QStringLiteral("xmpp")))
        out.insert(QStringLiteral("xmpp-enabled"));
    if (options.publicIm) {
        out.insert(QStringLiteral("public-im"));
        if (out.contains(QStringLiteral("skype-search")))
            out.insert(QStringLiteral("skype-directory"));
    }
    return out;
}

QSet<QString> Catalog::allFeatures(Product p) const
{
    return features(p, Options{true, true});
}

namespace {
template<class T>
QList<T> applicable(const QList<T> &defs, const QSet<QString> &features)
{
    QList<T> out;
    for (const T &d : defs)
        if ((d.requiredFeature.isEmpty() || features.contains(d.requiredFeature))
            && (d.excludingFeature.isEmpty() || !features.contains(d.excludingFeature)))
            out.append(d);
    return out;
}
} // namespace

QList<Catalog::ServiceDef> Catalog::services(const QSet<QString> &f) const
{
    return applicable(m_services, f);
}

QList<Catalog::EndpointDef> Catalog::endpoints(const QSet<QString> &f) const
{
    return applicable(m_endpoints, f);
}

QList<Catalog::FlowDef> Catalog::flows(const QSet<QString> &f) const
{
    return applicable(m_flows, f);
}

const Catalog::EndpointDef *Catalog::endpoint(const QString &key) const
{
    const auto it = std::find_if(m_endpoints.cbegin(), m_endpoints.cend(),
                                 [&](const EndpointDef &e) { return e.key == key; });
    return it == m_endpoints.cend() ? nullptr : &*it;
}

QList<const Catalog::EndpointDef *> Catalog::endpointDefs(const QString &key) const
{
    QList<const EndpointDef *> out;
    for (const EndpointDef &e : m_endpoints)
        if (e.key == key)
            out.append(&e);
    return out;
}

} // namespace edgemap
