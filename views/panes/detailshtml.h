#pragma once

#include "core/elementref.h"
#include "core/topology.h"
#include "snapshot/check.h"
#include "snapshot/checkset.h"
#include "snapshot/snapshotdiff.h"

#include <QString>
#include <QStringList>

namespace edgemap {

class PathAnalysis;
struct EstablishedSummary;

// Readable HTML for the details view (and, later, for copy/export). Every string from the
// topology is escaped: topology files are untrusted input and the text must never turn into
// markup or links.
namespace detailshtml {

// The details of one item; empty when the reference does not resolve in this topology. Listeners
// list the scenarios they break from `analysis`, the topology's path analysis (the Document's:
// a render builds none). With the check of the listener's server, listeners also show what the
// snapshot says about them, and with `change` how that differs from the server's previous
// snapshot, and with `established` the busiest remote addresses of its connections.
// With `checks` (every server's), services say where they are down and scenarios give their
// verdict per server and, when broken, which hop breaks and why.
QString forRef(const Topology &topology, const PathAnalysis &analysis, const ElementRef &ref,
               const CheckResult *check = nullptr, const StatusChange *change = nullptr,
               const EstablishedSummary *established = nullptr, const CheckSet *checks = nullptr);
// What the view shows when nothing is selected: the topology at a glance.
QString overview(const Topology &topology);

// A small writer that escapes everything it is given; shared by the per-kind renderers.
class Writer
{
public:
    void heading(const QString &title, const QString &subtitle = {});
    void section(const QString &title);
    void beginTable();
    void row(const QString &label, const QString &value);
    void endTable();
    void list(const QStringList &items, bool ordered = false);
    void paragraph(const QString &text);
    void note(const QString &text); // italic, for hints and absent values
    QString html() const { return m_html; }

private:
    QString m_html;
};

QString yesNo(bool value);

// Renderers for the groups and less central kinds, in detailshtml_groups.cpp.
QString service(const Topology &t, const ServiceId &id, const CheckSet *checks = nullptr);
QString peer(const Topology &t, const PeerId &id);
QString scenario(const Topology &t, const ScenarioId &id, const CheckSet *checks = nullptr);
QString group(const Topology &t, const GroupRef &group);

// "TCP 443 on 192.0.2.10 (Access Edge)" or "TCP 4443 on all interfaces"
QString socketText(const Topology &t, const Listener &l);
// One line per listener of a server on an address (empty id: the all-interface listeners).
QStringList listenerLines(const Topology &t, const EdgeServer &server, const AddressId &address);

} // namespace detailshtml
} // namespace edgemap
