#pragma once

#include "probe/probediagnosis.h"
#include "statusstyle.h"

#include <QAbstractTableModel>

namespace edgemap {

class Document;

// The results of the document's probe run, one row per probe in plan order: the verdict joined
// with the snapshot (glyph, word and colour from the shared status table), where it went, what
// the probe saw, how long it took, the certificate. Rebuilt on Document::probesChanged.
class ProbeTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Verdict,
        Server,
        Socket,
        Address,
        Via,
        Service,
        Probe,
        Time,
        Certificate,
        Detail,
        ColumnCount
    };
    // Qt::UserRole: the result's index in the run; SeverityRole: probeSeverity, for sorting.
    static constexpr int SeverityRole = Qt::UserRole + 1;

    explicit ProbeTableModel(const Document &document, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    void setStatusPalette(StatusPalette palette);

private:
    void reload();

    const Document &m_document;
    ProbeDiagnosis m_probes;
    StatusPalette m_palette = StatusPalette::Light;
};

// "CN=sip.contoso.com, 27 days left, RSA 2048", or why there is none; empty without TLS.
QString certificateSummary(const ProbeResult &result);
// "TCP 5061 on 172.25.33.10", "TCP 443 on sip.contoso.com (198.51.100.10)"
QString probeTargetText(const ProbeResult &result);

} // namespace edgemap
