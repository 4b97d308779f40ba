#include "panes/probetablemodel.h"

#include "document/document.h"

#include <QBrush>

namespace edgemap {

namespace {

QString viaText(ProbeVia via)
{
    switch (via) {
    case ProbeVia::Internal:
        return ProbeTableModel::tr("internal address");
    case ProbeVia::External:
        return ProbeTableModel::tr("external address");
    case ProbeVia::NatPublic:
        return ProbeTableModel::tr("NAT public address");
    case ProbeVia::Hairpin:
        return ProbeTableModel::tr("hairpin (NAT address from inside)");
    case ProbeVia::Name:
        return ProbeTableModel::tr("external name");
    }
    return {};
}

} // namespace

QString certificateSummary(const ProbeResult &result)
{
    if (!result.tls)
        return {};
    const TlsFacts &tls = *result.tls;
    if (!tls.certificate)
        return tls.failure.isEmpty() ? ProbeTableModel::tr("no certificate shown")
                                     : ProbeTableModel::tr("none: %1").arg(tls.failure);
    const CertificateFacts &c = *tls.certificate;
    QString text
            = c.daysToExpiry < 0
                      ? ProbeTableModel::tr("%1, expired %2 days ago")
                                .arg(c.subject)
                                .arg(-c.daysToExpiry)
                      : ProbeTableModel::tr("%1, %2 days left").arg(c.subject).arg(c.daysToExpiry);
    if (!c.keyAlgorithm.isEmpty())
        text += QStringLiteral(", %1 %2").arg(c.keyAlgorithm).arg(c.keyBits);
    return text;
}

QString probeTargetText(const ProbeResult &result)
{
    const ProbeTarget &t = result.target;
    const QString socket = socketLabel(t.transport, t.port, t.port);
    if (t.via == ProbeVia::Name)
        return result.address.isEmpty()
                       ? ProbeTableModel::tr("%1 on %2").arg(socket, t.name)
                       : ProbeTableModel::tr("%1 on %2 (%3)").arg(socket, t.name, result.address);
    return ProbeTableModel::tr("%1 on %2")
            .arg(socket, result.address.isEmpty() ? t.host : result.address);
}

ProbeTableModel::ProbeTableModel(const Document &document, QObject *parent)
    : QAbstractTableModel(parent)
    , m_document(document)
{
    connect(&document, &Document::probesChanged, this, &ProbeTableModel::reload);
    connect(&document, &Document::topologyReplaced, this, &ProbeTableModel::reload);
    reload();
}

void ProbeTableModel::reload()
{
    beginResetModel();
    m_probes = m_document.probes();
    endResetModel();
}

void ProbeTableModel::setStatusPalette(StatusPalette palette)
{
    m_palette = palette;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int ProbeTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_probes.run ? 0 : int(m_probes.run->results.size());
}

int ProbeTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProbeTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Verdict:
        return tr("Verdict");
    case Server:
        return tr("Server");
    case Socket:
        return tr("Port");
    case Address:
        return tr("Address probed");
    case Via:
        return tr("Via");
    case Service:
        return tr("Service");
    case Probe:
        return tr("Probe");
    case Time:
        return tr("Time");
    case Certificate:
        return tr("Certificate");
    case Detail:
        return tr("Verdict in words");
    case ColumnCount:
        break;
    }
    return {};
}

QVariant ProbeTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !m_probes.run || index.row() >= m_probes.run->results.size())
        return {};
    const ProbeResult &r = m_probes.run->results.at(index.row());
    const CombinedVerdict &v = m_probes.verdicts.at(index.row());
    const Topology &t = m_document.topology();
    if (role == Qt::UserRole)
        return index.row();
    if (role == SeverityRole)
        return probeSeverity(v.kind) * 10 + (v.tls.isEmpty() ? 0 : 1);
    if (index.column() == Verdict) {
        const StatusStyle style = probeStyle(v.kind, m_palette);
        if (role == Qt::BackgroundRole)
            return QBrush(style.fill);
        if (role == Qt::ForegroundRole)
            return QBrush(style.text);
        if (role == Qt::DisplayRole)
            return v.tls.isEmpty() ? style.glyph + QLatin1Char(' ') + style.label
                   : v.tls.size() == 1
                           ? tr("%1 %2 · 1 certificate finding").arg(style.glyph, style.label)
                           : tr("%1 %2 · %3 certificate findings")
                                     .arg(style.glyph, style.label)
                                     .arg(v.tls.size());
    }
    if (role == Qt::ToolTipRole) {
        QString tip = v.words;
        if (!v.detail.isEmpty())
            tip += QLatin1Char('\n') + v.detail;
        for (const TlsFinding &f : v.tls)
            tip += QLatin1Char('\n') + f.text;
        return tip;
    }
    if (role == Qt::TextAlignmentRole && index.column() == Time)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    const ProbeTarget &target = r.target;
    switch (Column(index.column())) {
    case Verdict:
        break;
    case Server: {
        if (const EdgeServer *s = target.server.isEmpty() ? nullptr : t.server(target.server))
            return s->fqdn;
        if (const EdgePool *p = target.pool.isEmpty() ? nullptr : t.pool(target.pool))
            return tr("pool %1").arg(p->fqdn);
        return QString();
    }
    case Socket:
        return QString(socketLabel(target.transport, target.port, target.port)
                       + (target.mediaSample ? tr(" (media sample)") : QString()));
    case Address:
        return target.via == ProbeVia::Name
                       ? (r.address.isEmpty()
                                  ? target.name
                                  : QStringLiteral("%1 → %2").arg(target.name, r.address))
                       : r.address;
    case Via:
        return viaText(target.via);
    case Service:
        return target.service.value();
    case Probe:
        return displayName(r.status);
    case Time:
        return r.status == ProbeStatus::NotProbed ? QString() : tr("%1 ms").arg(r.elapsedMs);
    case Certificate:
        return certificateSummary(r);
    case Detail:
        return v.words;
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace edgemap
