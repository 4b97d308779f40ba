#include "panes/snapshotpane.h"

#include "document/document.h"
#include "statusstyle.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QLabel>
#include <QMimeData>
#include <QPalette>
#include <QScrollArea>
#include <QUrl>
#include <QVBoxLayout>

namespace edgemap {

namespace {

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

QStringList localFiles(const QMimeData *mime)
{
    QStringList paths;
    if (mime)
        for (const QUrl &url : mime->urls())
            if (url.isLocalFile())
                paths.append(url.toLocalFile());
    return paths;
}

} // namespace

SnapshotPane::SnapshotPane(const Document &document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
    setObjectName(QStringLiteral("snapshotPane"));
    setAcceptDrops(true);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(scroll);
    m_blocks = new QVBoxLayout(content);
    m_error = new QLabel(content);
    m_error->setObjectName(QStringLiteral("snapshotError"));
    m_error->setTextFormat(Qt::PlainText); // the error quotes the file
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_empty = new QLabel(tr("No snapshot loaded. Open one (Ctrl+Shift+O), paste one "
                            "(Ctrl+Shift+V) or drop a file here."),
                         content);
    m_empty->setObjectName(QStringLiteral("snapshotEmpty"));
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_blocks->addWidget(m_error);
    m_blocks->addWidget(m_empty);
    m_blocks->addStretch();
    scroll->setWidget(content);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    connect(&document, &Document::checksChanged, this, &SnapshotPane::checkChanged);
    connect(&document, &Document::topologyReplaced, this, &SnapshotPane::refresh);
    connect(&document, &Document::structureChanged, this, &SnapshotPane::refresh);
    connect(&document, &Document::fieldChanged, this, &SnapshotPane::refresh);
    connect(&m_ageTimer, &QTimer::timeout, this, &SnapshotPane::refresh);
    checkChanged();
}

void SnapshotPane::setClock(std::function<QDateTime()> clock)
{
    m_clock = std::move(clock);
    refresh();
}

QString SnapshotPane::blockText(const ServerId &server) const
{
    return m_texts.value(server);
}

QString SnapshotPane::errorText() const
{
    return m_errorText;
}

bool SnapshotPane::isShowingEmptyState() const
{
    return !m_empty->isHidden();
}

void SnapshotPane::setSourceState(const SnapshotSource &source, const QString &state, bool stale)
{
    if (state.isEmpty())
        m_sourceStates.remove(source);
    else
        m_sourceStates.insert(source, {state, stale});
    refresh();
}

void SnapshotPane::showLoadError(const SnapshotSource &source, const QString &message)
{
    m_errorText = tr("Loading %1 failed: %2").arg(source.text(), message);
    refresh();
}

void SnapshotPane::checkChanged()
{
    // A new latest result decides the error line: a failed one shows its error, a good one
    // clears an older failure. Re-judging (same latest) changes neither.
    const CheckResult *latest = m_document.checks().latest().get();
    if (latest != m_seenLatest) {
        m_seenLatest = latest;
        if (latest && !latest->ok())
            m_errorText
                    = tr("Loading %1 failed: %2").arg(latest->source.text(), latest->error.message);
        else // a good load, or Clear Snapshots: no failure to show any more
            m_errorText.clear();
    }
    refresh();
}

QLabel *SnapshotPane::blockLabel(const ServerId &server)
{
    QLabel *&label = m_labels[server];
    if (!label) {
        label = new QLabel(m_blocks->parentWidget());
        label->setObjectName(QStringLiteral("snapshotBlock:") + server.value());
        label->setTextFormat(Qt::RichText);
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        label->setFrameShape(QFrame::StyledPanel);
        label->setMargin(6);
    }
    return label;
}

void SnapshotPane::refresh()
{
    const QDateTime now = m_clock();
    const QList<std::shared_ptr<const CheckResult>> checks
            = m_document.checks().inOrder(m_document.topology());
    // The status table's problem colour, so that a warning reads the same as in the diagram.
    const QString warn
            = statusStyle(ListenerStatus::Missing, statusPaletteFor(palette())).border.name();
    QHash<ServerId, QLabel *> unused = m_labels;
    m_texts.clear();
    qint64 youngest = -1;
    int row = 2; // after the error and the empty hint
    for (const std::shared_ptr<const CheckResult> &check : checks) {
        QList<snapshotpane::Field> fields = snapshotpane::blockFields(
                m_document.topology(), *check, m_document.checks().changesFor(check->server),
                m_document.checks().previousCheckFor(check->server) != nullptr, now);
        if (const auto it = m_sourceStates.constFind(check->source); it != m_sourceStates.cend())
            fields.append({tr("Source state"), it->text, it->stale});
        const EdgeServer *server = m_document.topology().server(check->server);
        const QString title = server ? server->fqdn : check->server.value();
        QString html = QStringLiteral("<b>%1</b><table cellspacing=\"0\" cellpadding=\"1\">")
                               .arg(esc(title));
        QStringList lines{title};
        for (const snapshotpane::Field &f : std::as_const(fields)) {
            const QString value = f.warning ? QStringLiteral("<span style=\"color:%1\"><b>%2</b>"
                                                             "</span>")
                                                      .arg(warn, esc(f.value))
                                            : esc(f.value);
            html += QStringLiteral("<tr><td style=\"padding-right:10px\">%1</td><td>%2</td></tr>")
                            .arg(esc(f.label), value);
            lines.append(f.label + QStringLiteral(": ") + f.value);
        }
        QLabel *label = blockLabel(check->server);
        unused.remove(check->server);
        label->setText(html + QStringLiteral("</table>"));
        if (m_blocks->indexOf(label) != row) {
            m_blocks->removeWidget(label);
            m_blocks->insertWidget(row, label);
        }
        label->show();
        ++row;
        m_texts.insert(check->server, lines.join(u'\n'));
        const QDateTime captured = snapshotpane::capturedAt(*check);
        const qint64 age = (captured.isValid() ? captured : check->loadedAt).secsTo(now);
        youngest = youngest < 0 ? age : std::min(youngest, age);
    }
    for (auto it = unused.cbegin(); it != unused.cend(); ++it) {
        m_labels.remove(it.key());
        delete it.value();
    }
    m_error->setText(m_errorText);
    m_error->setStyleSheet(QStringLiteral("color:%1").arg(warn));
    m_error->setVisible(!m_errorText.isEmpty());
    m_empty->setVisible(checks.isEmpty() && m_errorText.isEmpty());
    // Seconds matter while a snapshot is fresh; after a minute, ten-second steps are plenty.
    if (checks.isEmpty()) {
        m_ageTimer.stop();
    } else {
        const int interval = youngest >= 0 && youngest < 60 ? 1000 : 10000;
        if (!m_ageTimer.isActive() || m_ageTimer.interval() != interval)
            m_ageTimer.start(interval);
    }
}

void SnapshotPane::dragEnterEvent(QDragEnterEvent *event)
{
    if (!localFiles(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void SnapshotPane::dropEvent(QDropEvent *event)
{
    const QStringList paths = localFiles(event->mimeData());
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    Q_EMIT filesDropped(paths);
}

} // namespace edgemap
