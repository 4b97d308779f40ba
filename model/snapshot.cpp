#include "snapshot.h"

namespace edgemap {

QString keyOf(TcpState state)
{
    switch (state) {
    case TcpState::None:
        return {};
    case TcpState::Listen:
        return QStringLiteral("LISTEN");
    case TcpState::Established:
        return QStringLiteral("ESTABLISHED");
    case TcpState::SynSent:
        return QStringLiteral("SYN_SENT");
    case TcpState::SynReceived:
        return QStringLiteral("SYN_RECEIVED");
    case TcpState::FinWait1:
        return QStringLiteral("FIN_WAIT_1");
    case TcpState::FinWait2:
        return QStringLiteral("FIN_WAIT_2");
    case TcpState::CloseWait:
        return QStringLiteral("CLOSE_WAIT");
    case TcpState::Closing:
        return QStringLiteral("CLOSING");
    case TcpState::LastAck:
        return QStringLiteral("LAST_ACK");
    case TcpState::TimeWait:
        return QStringLiteral("TIME_WAIT");
    case TcpState::Closed:
        return QStringLiteral("CLOSED");
    case TcpState::DeleteTcb:
        return QStringLiteral("DELETE_TCB");
    case TcpState::Bound:
        return QStringLiteral("BOUND");
    case TcpState::Unknown:
        return QStringLiteral("UNKNOWN");
    }
    return {};
}

} // namespace edgemap
