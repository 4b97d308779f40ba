// Writing a topology file, and the file-level entry points (load, save, validate, default).
// Reading the JSON lives in topologyfile_read.cpp and topologyfile_check.cpp.

#include "io/topologyfile.h"

#include "io/savefile.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>

#include <nlohmann/json.hpp>

namespace edgemap::topologyfile {

namespace {

// Insertion-ordered, so that the file lists keys in the documented order and re-saving an
// unchanged topology gives the same bytes.
using Json = nlohmann::ordered_json;

std::string utf8(const QString &text)
{
    return text.toStdString();
}

Json strings(const QStringList &list)
{
    Json array = Json::array();
    for (const QString &s : list)
        array.push_back(utf8(s));
    return array;
}

template<class T, class F>
Json arrayOf(const QList<T> &list, F toJson)
{
    Json array = Json::array();
    for (const T &item : list)
        array.push_back(toJson(item));
    return array;
}

// Port ranges only: a single port is written as "port" alone.
void putPorts(Json &j, int port, int portEnd)
{
    j["port"] = port;
    if (portEnd != port)
        j["port_end"] = portEnd;
}

// Only on what came from an imported Lync topology (io/topologyimport.h).
void putImportKey(Json &j, const QString &key)
{
    if (!key.isEmpty())
        j["import_key"] = utf8(key);
}

// Format 3 added what an import records (import keys, a peer's members). A topology without
// them is written as format 2, so that an older EdgeMap still opens what it can read; one with
// them is refused there as "written by a newer EdgeMap" rather than by its first unknown key.
bool needsFormat3(const Topology &t)
{
    const auto imported = [](const auto &item) {
        return !item.importKey.isEmpty();
    };
    for (const Peer &p : t.peers)
        if (imported(p) || !p.members.isEmpty())
            return true;
    for (const EdgePool &pool : t.pools) {
        if (imported(pool))
            return true;
        for (const EdgeServer &s : pool.servers) {
            if (imported(s) || std::any_of(s.listeners.cbegin(), s.listeners.cend(), imported))
                return true;
            for (const NetInterface &nic : s.interfaces)
                if (std::any_of(nic.addresses.cbegin(), nic.addresses.cend(), imported))
                    return true;
        }
    }
    return false;
}

Json serviceJson(const Service &s)
{
    Json j = Json::object();
    j["id"] = utf8(s.id.value());
    j["display_name"] = utf8(s.displayName);
    j["executable"] = utf8(s.executable);
    if (!s.enabled)
        j["enabled"] = false;
    return j;
}

Json peerJson(const Peer &p)
{
    Json j = Json::object();
    j["id"] = utf8(p.id.value());
    j["kind"] = utf8(keyOf(p.kind));
    j["name"] = utf8(p.name);
    if (!p.fqdn.isEmpty())
        j["fqdn"] = utf8(p.fqdn);
    if (!p.addresses.isEmpty())
        j["addresses"] = strings(p.addresses);
    if (!p.members.isEmpty())
        j["members"] = strings(p.members);
    putImportKey(j, p.importKey);
    return j;
}

Json addressJson(const Address &a)
{
    Json j = Json::object();
    j["id"] = utf8(a.id.value());
    j["ip"] = utf8(a.ip);
    j["roles"] = arrayOf(a.roles, [](AddressRole r) { return utf8(keyOf(r)); });
    if (!a.natPublicIp.isEmpty())
        j["nat_public_ip"] = utf8(a.natPublicIp);
    if (!a.fqdn.isEmpty())
        j["fqdn"] = utf8(a.fqdn);
    putImportKey(j, a.importKey);
    return j;
}

Json interfaceJson(const NetInterface &nic)
{
    Json j = Json::object();
    j["side"] = utf8(keyOf(nic.side));
    j["addresses"] = arrayOf(nic.addresses, addressJson);
    return j;
}

Json endpointJson(const Endpoint &e)
{
    Json j = Json::object();
    j["key"] = utf8(e.key);
    j["protocol"] = utf8(e.protocol);
    j["purpose"] = utf8(e.purpose);
    j["clients"] = utf8(e.clients);
    return j;
}

Json listenerJson(const Listener &l)
{
    Json j = Json::object();
    j["id"] = utf8(l.id.value());
    j["address"] = l.address.isEmpty() ? std::string("*") : utf8(l.address.value());
    j["transport"] = utf8(keyOf(l.transport));
    putPorts(j, l.port, l.portEnd);
    j["service"] = utf8(l.service.value());
    if (!l.alsoAccepted.isEmpty())
        j["also_accepted"] = strings(l.alsoAccepted);
    if (l.dynamic)
        j["dynamic"] = true;
    if (l.allInterfacesOk)
        j["all_interfaces_ok"] = true;
    if (!l.enabled)
        j["enabled"] = false;
    putImportKey(j, l.importKey);
    j["endpoints"] = arrayOf(l.endpoints, endpointJson);
    return j;
}

Json serverJson(const EdgeServer &s)
{
    Json j = Json::object();
    j["id"] = utf8(s.id.value());
    j["fqdn"] = utf8(s.fqdn);
    putImportKey(j, s.importKey);
    j["interfaces"] = arrayOf(s.interfaces, interfaceJson);
    j["listeners"] = arrayOf(s.listeners, listenerJson);
    return j;
}

Json poolJson(const EdgePool &p)
{
    Json j = Json::object();
    j["id"] = utf8(p.id.value());
    j["fqdn"] = utf8(p.fqdn);
    j["site"] = utf8(p.site);
    j["load_balancing"] = utf8(keyOf(p.loadBalancing));
    if (!p.nextHop.isEmpty())
        j["next_hop"] = utf8(p.nextHop.value());
    putImportKey(j, p.importKey);
    j["servers"] = arrayOf(p.servers, serverJson);
    return j;
}

Json flowEndJson(const FlowEnd &end)
{
    Json j = Json::object();
    switch (end.kind) {
    case FlowEnd::Kind::Peer:
        j["peer"] = utf8(end.peer.value());
        break;
    case FlowEnd::Kind::Endpoint:
        j["pool"] = utf8(end.pool.value());
        j["endpoint"] = utf8(end.endpointKey);
        break;
    case FlowEnd::Kind::AddressRole:
        j["pool"] = utf8(end.pool.value());
        j["role"] = utf8(keyOf(end.role));
        break;
    }
    return j;
}

Json flowJson(const Flow &f)
{
    Json j = Json::object();
    j["id"] = utf8(f.id.value());
    j["from"] = flowEndJson(f.from);
    j["to"] = flowEndJson(f.to);
    j["transport"] = utf8(keyOf(f.transport));
    putPorts(j, f.port, f.portEnd);
    if (f.sourcePort > 0) {
        j["source_port"] = f.sourcePort;
        if (f.sourcePortEnd != f.sourcePort)
            j["source_port_end"] = f.sourcePortEnd;
    }
    j["protocol"] = utf8(f.protocol);
    j["purpose"] = utf8(f.purpose);
    j["firewall"] = utf8(keyOf(f.firewall));
    if (f.optional)
        j["optional"] = true;
    return j;
}

Json hopJson(const ScenarioHop &hop)
{
    Json j = Json::object();
    switch (hop.kind) {
    case ScenarioHop::Kind::Peer:
        j["peer"] = utf8(hop.peer.value());
        break;
    case ScenarioHop::Kind::Endpoints:
        j["endpoints"] = strings(hop.endpointKeys);
        break;
    case ScenarioHop::Kind::NextHop:
        j["next_hop"] = true;
        break;
    }
    if (!hop.label.isEmpty())
        j["label"] = utf8(hop.label);
    return j;
}

Json scenarioJson(const Scenario &s)
{
    Json j = Json::object();
    j["id"] = utf8(s.id.value());
    j["name"] = utf8(s.name);
    j["description"] = utf8(s.description);
    j["hops"] = arrayOf(s.hops, hopJson);
    if (!s.requiredEndpoints.isEmpty())
        j["requires"] = strings(s.requiredEndpoints);
    return j;
}

ReadResult failure(const QString &path, const QString &message)
{
    ReadResult result;
    result.error = Error::inFile(path, message);
    return result;
}

QString megabytes(qint64 bytes)
{
    return QString::number(double(bytes) / (1024.0 * 1024.0), 'f', 1);
}

} // namespace

QByteArray serialize(const Topology &t)
{
    Json root = Json::object();
    root["format"] = needsFormat3(t) ? kFormatVersion : 2;
    root["name"] = utf8(t.name);
    root["product"] = utf8(keyOf(t.product));
    root["sip_domains"] = strings(t.sipDomains);
    root["services"] = arrayOf(t.services, serviceJson);
    root["peers"] = arrayOf(t.peers, peerJson);
    root["pools"] = arrayOf(t.pools, poolJson);
    root["flows"] = arrayOf(t.flows, flowJson);
    root["scenarios"] = arrayOf(t.scenarios, scenarioJson);
    return QByteArray::fromStdString(root.dump(2, ' ', false, Json::error_handler_t::replace))
           + '\n';
}

ReadResult load(const QString &path)
{
    // Said before opening: Linux names a folder in its error, Windows only says "Access denied".
    if (QFileInfo(path).isDir())
        return failure(
                path,
                QStringLiteral("cannot open the file: it is a directory, not a topology file"));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return failure(path, QStringLiteral("cannot open the file: %1").arg(file.errorString()));
    if (file.size() > kMaxFileSize)
        return failure(path, QStringLiteral("file is too large (%1 MB); a topology file is at "
                                            "most %2 MB")
                                     .arg(megabytes(file.size()))
                                     .arg(kMaxFileSize / (1024 * 1024)));
    // Read one byte past the limit: a device or a growing file may report a smaller size.
    const QByteArray bytes = file.read(kMaxFileSize + 1);
    if (file.error() != QFileDevice::NoError)
        return failure(path, QStringLiteral("cannot read the file: %1").arg(file.errorString()));
    if (bytes.size() > kMaxFileSize)
        return failure(path, QStringLiteral("file is too large; a topology file is at most %1 MB")
                                     .arg(kMaxFileSize / (1024 * 1024)));
    return parse(bytes, path);
}

Error validate(const Topology &topology)
{
    // One validation path: the checks parse() makes, on the bytes save() would write.
    return parse(serialize(topology)).error;
}

Error save(const Topology &topology, const QString &path)
{
    const QByteArray bytes = serialize(topology);
    // A file EdgeMap could not open again is not saved at all.
    if (Error e = parse(bytes).error; e.isError()) {
        e.file = path;
        e.message = QStringLiteral("not saved: %1").arg(e.message);
        return e;
    }
    SaveFile file(path);
    if (!file.open() || !file.write(bytes) || !file.commit())
        return Error::inFile(path,
                             QStringLiteral("cannot write the file: %1").arg(file.errorString()));
    return {};
}

Topology defaultTopology()
{
    const ReadResult result = load(QStringLiteral(":/edgemap/topologies/default.edgemap.json"));
    if (!result.ok()) // the resource is built in, so this is a build defect, not a user error
        qFatal("built-in default topology is invalid: %s", qPrintable(result.error.toString()));
    return *result.topology;
}

} // namespace edgemap::topologyfile
