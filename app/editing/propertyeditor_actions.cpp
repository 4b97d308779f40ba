// The property editor's structural edits: add or remove a pool member or a peer.
#include "editing/propertyeditor.h"
#include "editing/propertyeditor_p.h"

#include "document/document.h"
#include "editing/propertyeditor_dialogs.h"

#include <QHBoxLayout>
#include <QPushButton>

namespace edgemap {

namespace {

QPushButton *addButton(QHBoxLayout *row, const QString &text, const QString &name)
{
    auto *button = new QPushButton(text, row->parentWidget());
    button->setObjectName(name);
    row->addWidget(button);
    return button;
}

} // namespace

QWidget *PropertyEditor::buildButtons(const propertyform::FormSpec &form, QWidget *parent)
{
    if (form.addMemberTo.isEmpty() && form.removableMember.isEmpty() && !form.addPeer
        && form.removablePeer.isEmpty())
        return nullptr;
    auto *box = new QWidget(parent);
    auto *row = new QHBoxLayout(box);
    row->setContentsMargins(0, 0, 0, 0);
    if (const PoolId pool = form.addMemberTo; !pool.isEmpty())
        connect(addButton(row, tr("Add pool member…"), QStringLiteral("addMemberButton")),
                &QPushButton::clicked, this, [this, pool] { openAddMemberDialog(pool); });
    if (const ServerId server = form.removableMember; !server.isEmpty())
        connect(addButton(row, tr("Remove this member"), QStringLiteral("removeMemberButton")),
                &QPushButton::clicked, this, [this, server] { removePoolMember(server); });
    if (form.addPeer)
        connect(addButton(row, tr("Add peer…"), QStringLiteral("addPeerButton")),
                &QPushButton::clicked, this, &PropertyEditor::openAddPeerDialog);
    if (const PeerId peer = form.removablePeer; !peer.isEmpty())
        connect(addButton(row, tr("Remove peer"), QStringLiteral("removePeerButton")),
                &QPushButton::clicked, this, [this, peer] { removePeer(peer); });
    row->addStretch(1);
    return box;
}

QString PropertyEditor::addPoolMember(const PoolId &pool, const MemberParams &member)
{
    const auto result = topologyops::addPoolMember(m_document.topology(), pool, member);
    return finishEdit(tr("Add pool member %1").arg(member.fqdn.trimmed()), result,
                      ElementRef::server(ServerId(result.newId)));
}

QString PropertyEditor::removePoolMember(const ServerId &server)
{
    const Topology &t = m_document.topology();
    const EdgeServer *s = t.server(server);
    const EdgePool *pool = t.poolOfServer(server);
    const QString label = tr("Remove pool member %1").arg(s ? s->fqdn : server.value());
    const ElementRef show = pool ? ElementRef::pool(pool->id) : ElementRef();
    return finishEdit(label, topologyops::removePoolMember(t, server), show);
}

QString PropertyEditor::addPeer(const QString &name, PeerKind kind, const QStringList &addresses)
{
    const auto result = topologyops::addPeer(m_document.topology(), name, kind, addresses);
    return finishEdit(tr("Add peer %1").arg(name.trimmed()), result,
                      ElementRef::peer(PeerId(result.newId)));
}

QString PropertyEditor::removePeer(const PeerId &peer)
{
    const Peer *p = m_document.topology().peer(peer);
    const QString label = tr("Remove peer %1").arg(p ? p->name : peer.value());
    return finishEdit(label, topologyops::removePeer(m_document.topology(), peer),
                      ElementRef::peersGroup());
}

QString PropertyEditor::finishEdit(const QString &label, const topologyops::EditResult &result,
                                   const ElementRef &show)
{
    QString refusal = result.error;
    if (refusal.isEmpty())
        refusal = m_document.applyEdit(label, result.topology).message;
    if (!refusal.isEmpty()) {
        propertyform::showProblem(m_actionProblem, refusal);
        return refusal;
    }
    showRef(show);
    Q_EMIT refRequested(show);
    return {};
}

void PropertyEditor::openAddMemberDialog(const PoolId &pool)
{
    auto *dialog = new AddMemberDialog(
            m_document.topology(), pool,
            [this, pool](const MemberParams &member) { return addPoolMember(pool, member); }, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // The dialog shows its own refusals; the pane's line would repeat a stale one.
    connect(dialog, &QDialog::finished, this,
            [this] { propertyform::showProblem(m_actionProblem, {}); });
    dialog->open();
}

void PropertyEditor::openAddPeerDialog()
{
    auto *dialog = new AddPeerDialog(
            [this](const QString &name, PeerKind kind, const QStringList &addresses) {
                return addPeer(name, kind, addresses);
            },
            this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::finished, this,
            [this] { propertyform::showProblem(m_actionProblem, {}); });
    dialog->open();
}

} // namespace edgemap
