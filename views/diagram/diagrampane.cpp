#include "diagram/diagrampane.h"

#include "diagram/diagramlegend.h"
#include "diagram/diagramscene.h"
#include "diagram/diagramview.h"
#include "document/document.h"
#include "selection.h"
#include "snapshot/diagnosis.h"
#include "statusstyle.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace edgemap {

DiagramPane::DiagramPane(Document &document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_scene(new DiagramScene(document, this))
    , m_view(new DiagramView(this))
{
    setObjectName(QStringLiteral("diagramPane"));
    m_view->setScene(m_scene);
    m_view->setEscapeHandler([this] { clearHighlight(); });
    m_legend = new DiagramLegend(m_view);
    m_legend->setDiagramStyle(m_scene->diagramStyle());
    m_view->setLegend(m_legend);
    connect(m_scene, &DiagramScene::probeKindsChanged, this, [this] {
        m_legend->setProbeKinds(m_scene->probeKinds());
        m_view->updateLegend();
    });

    m_scenarios = new QComboBox(this);
    m_scenarios->setObjectName(QStringLiteral("scenarioBox"));
    m_scenarios->setToolTip(tr("Highlight a scenario's chain, hop by hop"));
    m_scenarios->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_info = new QLabel(this);
    m_info->setObjectName(QStringLiteral("diagramInfo"));
    m_info->setTextFormat(Qt::PlainText);
    m_info->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    createActions();
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(6, 4, 6, 4);
    bar->addWidget(new QLabel(tr("Scenario:"), this));
    bar->addWidget(m_scenarios);
    bar->addWidget(m_info, 1);
    for (QAction *action : {m_zoomOut, m_zoomIn, m_fit, m_legendAction}) {
        auto *button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setAutoRaise(true);
        bar->addWidget(button);
    }
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    connect(m_scenarios, &QComboBox::activated, this, [this](int index) {
        const QString id = m_scenarios->itemData(index).toString();
        if (id.isEmpty()) {
            clearHighlight();
            return;
        }
        showScenario(ScenarioId(id));
        // The chosen scenario is the selection: the details say what it is and how it fares.
        Selection::of(m_document)->setCurrent(ElementRef::scenario(ScenarioId(id)));
    });
    connect(m_scene, &QGraphicsScene::selectionChanged, this, &DiagramPane::onSelectionChanged);
    // A relayout (an expanded member, new unexpected sockets) changes the scene's size.
    connect(m_scene, &QGraphicsScene::sceneRectChanged, m_view, &DiagramView::followSceneRect);
    connect(m_scene, &DiagramScene::highlightChanged, this, &DiagramPane::updateInfo);
    // Another topology (open, new, restored autosave) is fitted; an edit (or undo) keeps the
    // user's zoom and position, and a fitted view stays fitted.
    connect(&m_document, &Document::topologyReplaced, this, [this] {
        fillScenarios();
        m_view->fit();
        selectRef(Selection::of(m_document)->current());
    });
    const auto edited = [this] {
        fillScenarios();
        if (m_view->isFitted())
            m_view->fit();
        // Items are laid out again: the selection is still the document's.
        selectRef(Selection::of(m_document)->current());
    };
    connect(Selection::of(m_document), &Selection::currentChanged, this,
            [this](const ElementRef &ref) { selectRef(ref); });
    connect(&m_document, &Document::structureChanged, this, edited);
    connect(&m_document, &Document::fieldChanged, this, edited);
    // The chooser marks broken scenarios from the same verdicts as the Problems list.
    connect(&m_document, &Document::checksChanged, this, &DiagramPane::fillScenarios);
    fillScenarios();
    updateInfo();
}

DiagramPane::~DiagramPane()
{
    // The scene (a child) deselects its items as it goes: this half-destroyed view must not hear.
    m_scene->disconnect(this);
}

QGraphicsView *DiagramPane::graphicsView() const
{
    return m_view;
}

void DiagramPane::createActions()
{
    m_zoomIn = new QAction(tr("Zoom &In"), this);
    m_zoomIn->setShortcuts(QKeySequence::ZoomIn);
    m_zoomIn->setStatusTip(tr("Enlarge the diagram"));
    m_zoomIn->setIconText(tr("+"));
    connect(m_zoomIn, &QAction::triggered, this, &DiagramPane::zoomIn);
    m_zoomOut = new QAction(tr("Zoom &Out"), this);
    m_zoomOut->setShortcuts(QKeySequence::ZoomOut);
    m_zoomOut->setStatusTip(tr("Shrink the diagram"));
    m_zoomOut->setIconText(tr("−"));
    connect(m_zoomOut, &QAction::triggered, this, &DiagramPane::zoomOut);
    m_fit = new QAction(tr("&Fit to Window"), this);
    m_fit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    m_fit->setStatusTip(tr("Show the whole diagram"));
    m_fit->setIconText(tr("Fit"));
    connect(m_fit, &QAction::triggered, this, &DiagramPane::fitToWindow);
    m_legendAction = new QAction(tr("Show &Legend"), this);
    m_legendAction->setCheckable(true);
    m_legendAction->setChecked(true);
    m_legendAction->setStatusTip(tr("Show or hide the diagram's legend"));
    m_legendAction->setIconText(tr("Legend"));
    connect(m_legendAction, &QAction::toggled, this, &DiagramPane::setLegendVisible);
    // Also on the widget, so that the shortcuts work where no window menu carries them.
    addActions({m_zoomIn, m_zoomOut, m_fit});
    for (QAction *a : {m_zoomIn, m_zoomOut, m_fit})
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
}

void DiagramPane::zoomIn()
{
    m_view->zoomBy(1.25);
}

void DiagramPane::zoomOut()
{
    m_view->zoomBy(1 / 1.25);
}

void DiagramPane::fitToWindow()
{
    m_view->fit();
}

qreal DiagramPane::zoom() const
{
    return m_view->zoom();
}

bool DiagramPane::isLegendVisible() const
{
    return m_legendAction->isChecked();
}

void DiagramPane::setLegendVisible(bool visible)
{
    m_legend->setVisible(visible);
    m_legendAction->setChecked(visible);
    if (m_view->isFitted())
        m_view->fit();
}

void DiagramPane::setStatusPalette(StatusPalette palette)
{
    m_scene->setStatusPalette(palette);
    m_legend->setDiagramStyle(m_scene->diagramStyle());
}

void DiagramPane::fillScenarios()
{
    const QString current = m_scenarios->currentData().toString();
    const Topology &t = m_document.topology();
    const QString broken = statusStyle(ListenerStatus::Missing, StatusPalette::Light).glyph;
    const QString ok = statusStyle(ListenerStatus::Ok, StatusPalette::Light).glyph;
    m_scenarios->clear();
    m_scenarios->addItem(tr("(none)"), QString());
    for (const Scenario &s : t.scenarios) {
        // Marked from the checks: broken on some server, OK on every checked one, or unmarked
        // when no snapshot says anything about it.
        QStringList brokenOn;
        const QList<ServerScenarioVerdict> verdicts
                = scenarioVerdicts(t, m_document.checks(), s.id);
        for (const ServerScenarioVerdict &v : verdicts)
            if (!v.verdict.ok) {
                const EdgeServer *server = t.server(v.server);
                brokenOn.append(server ? server->fqdn : v.server.value());
            }
        QString text = s.name;
        QString state;
        if (!brokenOn.isEmpty()) {
            text = tr("%1 %2 — broken").arg(broken, s.name);
            state = QStringLiteral("broken");
        } else if (!verdicts.isEmpty()) {
            text = tr("%1 %2").arg(ok, s.name);
            state = QStringLiteral("ok");
        }
        m_scenarios->addItem(text, s.id.value());
        const int row = m_scenarios->count() - 1;
        m_scenarios->setItemData(row, state, ScenarioStateRole);
        m_scenarios->setItemData(
                row,
                brokenOn.isEmpty() ? s.description
                                   : tr("Broken on %1").arg(brokenOn.join(QStringLiteral(", "))),
                Qt::ToolTipRole);
    }
    m_scenarios->setCurrentIndex(std::max(0, m_scenarios->findData(current)));
}

void DiagramPane::showScenario(const ScenarioId &scenario)
{
    m_syncing = true;
    m_scene->clearSelection();
    m_syncing = false;
    m_scene->highlightScenario(scenario);
    m_scenarios->setCurrentIndex(std::max(0, m_scenarios->findData(scenario.value())));
    updateInfo();
}

void DiagramPane::clearHighlight()
{
    m_syncing = true;
    m_scene->clearSelection();
    m_syncing = false;
    m_scene->clearHighlight();
    m_scenarios->setCurrentIndex(0);
    updateInfo();
}

bool DiagramPane::selectRef(const ElementRef &ref)
{
    if (ref == selectedRef())
        return true;
    if (const ScenarioId *scenario = ref.as<ScenarioId>()) {
        showScenario(*scenario);
        return true;
    }
    DiagramItem *item = m_scene->itemFor(ref);
    m_syncing = true;
    m_scene->clearSelection();
    if (item) {
        item->setSelected(true);
        m_view->ensureVisible(item, 40, 40);
    }
    m_syncing = false;
    highlightFor(item ? item->ref() : ElementRef());
    return item != nullptr;
}

ElementRef DiagramPane::selectedRef() const
{
    const QList<QGraphicsItem *> selected = m_scene->selectedItems();
    if (selected.size() != 1)
        return {};
    const auto *item = diagramItemCast<DiagramItem>(selected.first());
    return item ? item->ref() : ElementRef();
}

void DiagramPane::highlightFor(const ElementRef &ref)
{
    m_scenarios->setCurrentIndex(0);
    if (const PeerId *peer = ref.as<PeerId>())
        m_scene->highlightPeer(*peer);
    else if (const ListenerId *listener = ref.as<ListenerId>())
        m_scene->highlightListener(*listener);
    else
        m_scene->clearHighlight();
    updateInfo();
}

void DiagramPane::onSelectionChanged()
{
    if (m_syncing)
        return;
    const ElementRef ref = selectedRef();
    highlightFor(ref);
    if (ref.isValid()) {
        Selection::of(m_document)->setCurrent(ref);
    }
}

void DiagramPane::updateInfo()
{
    const Topology &t = m_document.topology();
    QStringList broken;
    for (const ScenarioId &id : m_scene->brokenScenarios())
        if (const Scenario *s = t.scenario(id))
            broken.append(s->name);
    if (!broken.isEmpty())
        m_info->setText(tr("Down — breaks: %1").arg(broken.join(QStringLiteral(", "))));
    else if (m_scene->hasHighlight())
        m_info->setText(tr("Highlighted paths; Esc clears"));
    else
        m_info->setText(tr("Click a peer or a listener to trace its paths"));
}

} // namespace edgemap
