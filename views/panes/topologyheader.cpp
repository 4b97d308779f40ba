#include "panes/topologyheader.h"

#include "document/document.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStringList>

namespace edgemap {

namespace {

// Plain text only: names come from the topology file, and QLabel would otherwise guess rich text.
QLabel *plainLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QString summary(const Topology &t)
{
    qsizetype servers = 0;
    for (const EdgePool &p : t.pools)
        servers += p.servers.size();
    const auto count = [](qsizetype n, const char *one, const char *many) {
        return n == 1 ? TopologyHeader::tr(one) : TopologyHeader::tr(many).arg(n);
    };
    return QStringList{count(t.pools.size(), "1 Edge pool", "%1 Edge pools"),
                       count(servers, "1 server", "%1 servers"),
                       count(t.allListeners().size(), "1 listener", "%1 listeners")}
            .join(QStringLiteral(" · "));
}

} // namespace

TopologyHeader::TopologyHeader(const Document &document, QWidget *parent)
    : QFrame(parent)
    , m_document(document)
    , m_name(plainLabel(this))
    , m_product(plainLabel(this))
    , m_summary(plainLabel(this))
{
    setObjectName(QStringLiteral("topologyHeader"));
    setFrameShape(QFrame::StyledPanel);
    setBackgroundRole(QPalette::AlternateBase);
    setAutoFillBackground(true);
    QFont big = m_name->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_name->setFont(big);
    m_summary->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(16);
    layout->addWidget(m_name);
    layout->addWidget(m_product);
    layout->addStretch(1);
    layout->addWidget(m_summary);

    connect(&document, &Document::topologyReplaced, this, &TopologyHeader::refresh);
    connect(&document, &Document::structureChanged, this, &TopologyHeader::refresh);
    connect(&document, &Document::fieldChanged, this, &TopologyHeader::refresh);
    refresh();
}

QString TopologyHeader::nameText() const
{
    return m_name->text();
}

QString TopologyHeader::productText() const
{
    return m_product->text();
}

QString TopologyHeader::summaryText() const
{
    return m_summary->text();
}

void TopologyHeader::refresh()
{
    const Topology &t = m_document.topology();
    m_name->setText(t.name.isEmpty() ? tr("Untitled topology") : t.name);
    m_product->setText(displayName(t.product));
    m_summary->setText(summary(t));
}

} // namespace edgemap
