#pragma once

#include "reports/listenerrows.h"
#include "snapshot/check.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>

namespace edgemap::monitoring {

// What monitoring systems read from `edgemap check`: the output of a Nagios / Icinga plugin and
// the node_exporter textfile format, as pure functions of the checks (one per server, as
// runChecks gives them). The command line only chooses, prints and writes them.

// An expected listener of a judged server with its verdict.
struct JudgedListener
{
    ListenerRow row;
    ListenerVerdict verdict;
};

// The listeners of `judgement`'s server in listener order (`rows` as listenerRows gives them).
QList<JudgedListener> judgedListeners(const QList<ListenerRow> &rows, const Judgement &judgement);

// Every status a checked listener can have (NotChecked left out), in a stable order.
inline constexpr std::array kCheckedStatuses = {
        ListenerStatus::Ok,           ListenerStatus::Missing, ListenerStatus::WrongProcess,
        ListenerStatus::WrongAddress, ListenerStatus::Exposed, ListenerStatus::Dynamic,
        ListenerStatus::Unknown,
};

// The figures of one server's check that the formats below report.
struct ServerFigures
{
    QString server; // FQDN
    QString source; // the snapshot file
    int expected = 0;
    int ok = 0; // ok or dynamic
    int problems = 0;
    int unexpected = 0;
    int established = 0; // connections to the expected listeners
    int relayTcp = 0;    // relay ports allocated in the media range
    int relayUdp = 0;
    std::array<int, kCheckedStatuses.size()> byStatus{}; // counts in kCheckedStatuses order
    QDateTime captured; // the capture header's time, else the file's; invalid when neither
};

ServerFigures figuresOf(const Topology &topology, const CheckResult &check,
                        const QList<JudgedListener> &listeners);
// When the snapshot was taken: the time its header gives, else the file's modification time.
QDateTime capturedAt(const CheckResult &check);

// Monitoring plugin states, with their exit codes.
enum class PluginState { Ok = 0, Warning = 1, Critical = 2, Unknown = 3 };
QString keyOf(PluginState state); // "OK", "WARNING", "CRITICAL", "UNKNOWN"
// A listener that does not work (missing, wrong process, wrong address) is CRITICAL; one that
// works but should not be as it is (exposed) or that the snapshot cannot tell (unknown) is
// WARNING; ok and dynamic are OK.
PluginState pluginStateOf(ListenerStatus status);

struct PluginOutput
{
    PluginState state = PluginState::Unknown;
    QString text; // the status line, then one line per problem; ends with a newline
};

// "EDGEMAP CRITICAL - summary | perfdata" and a long text line per problem (with `strict`, per
// unexpected listener too, each a WARNING). `checks` must be ok() and not empty.
PluginOutput nagios(const Topology &topology, const QList<CheckResult> &checks, bool strict,
                    const QDateTime &now);
// "EDGEMAP UNKNOWN - first error" and a line per further error: bad usage or input.
PluginOutput nagiosUnknown(const QStringList &errors);
// A performance data label, quoted, a quote in it doubled.
QString perfLabel(const QString &label);

// The node_exporter textfile collector's format (Prometheus text format 0.0.4): HELP and TYPE
// lines, then the samples of each gauge; no timestamps (the collector refuses them).
QString prometheus(const Topology &topology, const QList<CheckResult> &checks,
                   const QDateTime &now);
// What a run that could not read its inputs writes: edgemap_check_success 0 and the time.
QString prometheusFailed(const QDateTime &now);
// A label value with backslash, double quote and line feed escaped.
QString escapeLabelValue(const QString &value);

} // namespace edgemap::monitoring
