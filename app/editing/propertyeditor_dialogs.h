#pragma once

#include "core/templates.h"
#include "core/topology.h"

#include <QDialog>
#include <QList>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;

namespace edgemap {

// The small dialogs behind the property editor's "Add pool member…" and "Add peer…". OK hands
// the values to `attempt`, which makes the edit or returns why it cannot: the dialog then stays
// open with the reason shown, so that the user fixes one field instead of typing all again.
class AddMemberDialog : public QDialog
{
    Q_OBJECT

public:
    using Attempt = std::function<QString(const MemberParams &)>;
    // One external address field per external address of the pool's first server, labelled with
    // its roles, and under each a public address field ("accessPublicIp", "webConfPublicIp",
    // "avPublicIp"; "publicIp" for the single-IP layout's one address) that says whether it is
    // required: it is where the first server's address is behind NAT.
    AddMemberDialog(const Topology &topology, const PoolId &pool, Attempt attempt,
                    QWidget *parent = nullptr);

    MemberParams params() const;
    void accept() override;

private:
    void checkAsTyped();

    Attempt m_attempt;
    QLineEdit *m_fqdn = nullptr;
    QLineEdit *m_internal = nullptr;
    QList<QLineEdit *> m_external;
    QList<QLineEdit *> m_public; // one per external address, in the same order
    QLabel *m_problem = nullptr;
};

class AddPeerDialog : public QDialog
{
    Q_OBJECT

public:
    using Attempt = std::function<QString(const QString &name, PeerKind kind,
                                          const QStringList &addresses)>;
    explicit AddPeerDialog(Attempt attempt, QWidget *parent = nullptr);

    void accept() override;

private:
    Attempt m_attempt;
    QLineEdit *m_name = nullptr;
    QComboBox *m_kind = nullptr;
    QLineEdit *m_addresses = nullptr;
    QLabel *m_problem = nullptr;
};

} // namespace edgemap
