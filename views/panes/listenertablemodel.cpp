#include "panes/listenertablemodel.h"
#include "plaintooltip.h"

#include "core/elementref.h"
#include "core/ipaddress.h"
#include "document/document.h"
#include "panes/establishedsummary.h"
#include "probe/probediagnosis.h"

#include <QGuiApplication>
#include <QPalette>

#include <utility>

namespace edgemap {

namespace {

QString portText(const ListenerRow &row)
{
    return row.portEnd > row.port ? QStringLiteral("%1-%2").arg(row.port).arg(row.portEnd)
                                  : QString::number(row.port);
}

QString observedText(const ListenerRow &row, const ListenerVerdict &v)
{
    if (row.dynamic && v.status == ListenerStatus::Dynamic) {
        const int ports = row.transport == Transport::Tcp ? v.relayTcp : v.relayUdp;
        return ListenerTableModel::tr("%1 relay ports in use").arg(ports);
    }
    if (!v.observed)
        return {};
    const ObservedSocket &o = *v.observed;
    QString text = o.process.isEmpty() ? ListenerTableModel::tr("PID %1").arg(o.pid)
                   : o.pid >= 0 ? ListenerTableModel::tr("%1 (PID %2)").arg(o.process).arg(o.pid)
                                : o.process;
    // Only worth the space when it differs: that is the wrong-address and exposed case.
    if (!o.address.isEmpty() && (row.allInterfaces || o.address != row.address))
        text += ListenerTableModel::tr(" on %1").arg(o.address);
    return text;
}

} // namespace

ListenerTableModel::ListenerTableModel(const Document &document, QObject *parent)
    : KeyedTableModel(parent)
    , m_document(document)
    , m_palette(statusPaletteFor(QGuiApplication::palette()))
    , m_summaries(EstablishedSummaries::of(document))
{
    rebuild();
    const auto reset = [this] {
        beginResetModel();
        rebuild();
        endResetModel();
    };
    connect(&document, &Document::topologyReplaced, this, reset);
    connect(&document, &Document::structureChanged, this, &ListenerTableModel::sync);
    connect(&document, &Document::fieldChanged, this, &ListenerTableModel::sync);
    connect(&document, &Document::checksChanged, this, &ListenerTableModel::checkChanged);
    connect(&document, &Document::probesChanged, this, &ListenerTableModel::probesChanged);
    // The busiest remote addresses are counted in the background after each check.
    connect(m_summaries, &EstablishedSummaries::changed, this, [this] {
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0, EstablishedColumn),
                               index(rowCount() - 1, EstablishedColumn), {Qt::ToolTipRole});
    });
}

void ListenerTableModel::rebuild()
{
    m_rows = listenerRows(m_document.topology());
    rebuildIndex();
}

void ListenerTableModel::rebuildIndex()
{
    m_rowOf.clear();
    for (int i = 0; i < m_rows.size(); ++i)
        m_rowOf.insert(m_rows[i].id, i);
}

void ListenerTableModel::sync()
{
    // The same listeners with a value changed, or members and listeners added or removed: the
    // rows are updated in place (a port edit may move a row: its selection moves with it), so
    // the view keeps its selection and scroll.
    syncRows(
            m_rows, listenerRows(m_document.topology()),
            [](const ListenerRow &row) { return row.id; }, [this] { rebuildIndex(); });
}

void ListenerTableModel::checkChanged()
{
    // The topology columns cannot change with a snapshot: update the check columns in place so
    // that the selection and scroll position survive.
    if (m_rows.isEmpty())
        return;
    Q_EMIT dataChanged(index(0, StatusColumn), index(rowCount() - 1, DetailColumn));
}

void ListenerTableModel::probesChanged()
{
    if (m_rows.isEmpty())
        return;
    Q_EMIT dataChanged(index(0, ProbeColumn), index(rowCount() - 1, ProbeDetailColumn));
}

void ListenerTableModel::setStatusPalette(StatusPalette palette)
{
    if (palette == m_palette)
        return;
    m_palette = palette;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, StatusColumn), index(rowCount() - 1, ProbeColumn),
                           {Qt::BackgroundRole, Qt::ForegroundRole});
}

int ListenerTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ListenerTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

ListenerStatus ListenerTableModel::statusOf(const ListenerRow &row) const
{
    const ListenerVerdict *v = m_document.checks().verdict(row.id);
    return v ? v->status : ListenerStatus::NotChecked;
}

QVariant ListenerTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const ListenerRow &row = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return displayText(row, index.column());
    case SortRole:
        return sortKey(row, index.column());
    case Qt::ToolTipRole:
        return plainToolTip(toolTip(row, index.column()).toString());
    case Qt::ForegroundRole:
    case Qt::BackgroundRole:
        return colour(row, index.column(), role);
    case Qt::TextAlignmentRole:
        if (index.column() == PortColumn || index.column() == EstablishedColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case RefRole:
        return QVariant::fromValue(ElementRef::listener(row.id));
    case StatusRole:
        return int(statusOf(row));
    default:
        return {};
    }
}

QVariant ListenerTableModel::displayText(const ListenerRow &row, int column) const
{
    const ListenerVerdict *v = m_document.checks().verdict(row.id);
    switch (column) {
    case ServerColumn:
        return row.server;
    case InterfaceColumn:
        return row.side == InterfaceSide::Internal ? tr("Internal") : tr("External");
    case AddressColumn:
        return row.allInterfaces ? tr("All interfaces") : row.address;
    case TransportColumn:
        return keyOf(row.transport).toUpper();
    case PortColumn:
        return portText(row);
    case ProtocolColumn:
        return row.protocol;
    case ServiceColumn:
        // Never colour alone: the grey row also says it in words.
        return row.enabled ? row.service.value() : tr("%1 (disabled)").arg(row.service.value());
    case ExecutableColumn:
        return row.executable;
    case StatusColumn:
        return statusText(v ? v->status : ListenerStatus::NotChecked);
    case ProbeColumn:
    case ProbeDetailColumn:
        return probeCell(row, column);
    case ObservedColumn:
        return v ? observedText(row, *v) : QString();
    case EstablishedColumn:
        return v && v->status != ListenerStatus::NotChecked ? QString::number(v->established)
                                                            : QString();
    case DetailColumn:
        return v ? v->detail : QString();
    default:
        return {};
    }
}

QString ListenerTableModel::probeCell(const ListenerRow &row, int column) const
{
    const ListenerProbe *p = m_document.probes().of(row.id);
    if (!p)
        return {};
    if (column == ProbeColumn)
        return edgemap::probeText(p->verdict.kind);
    const int findings = int(p->verdict.tls.size());
    if (findings == 0)
        return p->verdict.words;
    const QString count = findings == 1 ? tr("1 certificate finding")
                                        : tr("%1 certificate findings").arg(findings);
    return p->verdict.words.isEmpty() ? count : tr("%1; %2").arg(p->verdict.words, count);
}

QVariant ListenerTableModel::sortKey(const ListenerRow &row, int column) const
{
    switch (column) {
    case PortColumn:
        // Ranges after the single port they start with.
        return qint64(row.port) * 100000 + row.portEnd;
    case StatusColumn:
        return statusSeverity(statusOf(row));
    case ProbeColumn: {
        const ListenerProbe *p = m_document.probes().of(row.id);
        return p ? probeSeverity(p->verdict.kind) : -1;
    }
    case EstablishedColumn: {
        const ListenerVerdict *v = m_document.checks().verdict(row.id);
        return v ? v->established : -1;
    }
    case AddressColumn:
        if (const auto ip = IpAddress::parse(row.address); ip && ip->isV4() && !row.allInterfaces)
            return QStringLiteral("%1").arg(ip->v4Value(), 10, 10, QLatin1Char('0'));
        return row.allInterfaces ? QString() : row.address;
    default:
        return displayText(row, column);
    }
}

QVariant ListenerTableModel::toolTip(const ListenerRow &row, int column) const
{
    switch (column) {
    case ProbeColumn:
    case ProbeDetailColumn: {
        const ListenerProbe *p = m_document.probes().of(row.id);
        if (!p)
            return m_document.probes().isEmpty() ? tr("Not probed: use Probe from Here")
                                                 : tr("Not probed in the last run");
        QStringList lines{p->verdict.words};
        if (!p->verdict.detail.isEmpty())
            lines.append(p->verdict.detail);
        for (const TlsFinding &f : p->verdict.tls)
            lines.append(f.text);
        return lines.join(QLatin1Char('\n'));
    }
    case AddressColumn: {
        QString text = row.allInterfaces ? tr("Bound on all interfaces (0.0.0.0 / [::]) by design")
                                         : row.addressRoles;
        if (!row.natPublicIp.isEmpty())
            text += tr(" (NAT → %1)").arg(row.natPublicIp);
        return text;
    }
    case PortColumn:
    case ProtocolColumn:
        return row.purpose;
    case ServiceColumn:
        return row.enabled ? row.serviceName
                           : tr("%1: disabled in this topology").arg(row.serviceName);
    case StatusColumn:
    case ObservedColumn:
    case DetailColumn:
    case EstablishedColumn: {
        const ListenerVerdict *v = m_document.checks().verdict(row.id);
        if (!v)
            return tr("No snapshot of this server is loaded");
        // A busy relay has tens of thousands of remote addresses: a count and the busiest few.
        if (column == EstablishedColumn && v->established > 0)
            return establishedText(*v, m_summaries->summary(row.id));
        return v->detail;
    }
    default:
        return {};
    }
}

QVariant ListenerTableModel::colour(const ListenerRow &row, int column, int role) const
{
    if (column == StatusColumn) {
        const StatusStyle style = statusStyle(statusOf(row), m_palette);
        return role == Qt::BackgroundRole ? style.fill : style.text;
    }
    if (column == ProbeColumn) {
        if (const ListenerProbe *p = m_document.probes().of(row.id)) {
            const StatusStyle style = probeStyle(p->verdict.kind, m_palette);
            return role == Qt::BackgroundRole ? style.fill : style.text;
        }
        return {};
    }
    if (role == Qt::ForegroundRole && !row.enabled)
        return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
    return {};
}

QVariant ListenerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ServerColumn:
        return tr("Server");
    case InterfaceColumn:
        return tr("Interface");
    case AddressColumn:
        return tr("Address");
    case TransportColumn:
        return tr("Transport");
    case PortColumn:
        return tr("Port");
    case ProtocolColumn:
        return tr("Protocol");
    case ServiceColumn:
        return tr("Service");
    case ExecutableColumn:
        return tr("Executable");
    case StatusColumn:
        return tr("Status");
    case ProbeColumn:
        return tr("From here");
    case ProbeDetailColumn:
        return tr("Probe detail");
    case ObservedColumn:
        return tr("Observed process");
    case EstablishedColumn:
        return tr("Established");
    case DetailColumn:
        return tr("Detail");
    default:
        return {};
    }
}

QModelIndex ListenerTableModel::indexFor(const ListenerId &listener) const
{
    const auto it = m_rowOf.constFind(listener);
    return it == m_rowOf.cend() ? QModelIndex() : index(it.value(), 0);
}

ListenerId ListenerTableModel::listenerAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].id : ListenerId();
}

} // namespace edgemap
