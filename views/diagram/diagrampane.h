#pragma once

#include "core/elementref.h"
#include "core/ids.h"
#include "diagram/diagramstyle.h"

#include <QGraphicsView>
#include <QWidget>

class QAction;
class QComboBox;
class QLabel;

namespace edgemap {

class DiagramView;
class DiagramLegend;
class DiagramScene;
class Document;

// The Edge diagram widget: the zoomable, pannable view of a DiagramScene, a scenario chooser,
// a line that says what the highlight shows (and what a down listener breaks), and a legend.
//
// Zoom: wheel (Ctrl+wheel on a touchpad), pinch, Ctrl+= / Ctrl+-; fit: Ctrl+0. Pan: drag empty
// space, middle button, Space+drag, arrow keys. Esc clears the highlight.
//
// A view of the document's Selection: a selection made elsewhere is shown with selectRef()
// (which never writes it back), and an item the user picks becomes the selection.
class DiagramPane : public QWidget
{
    Q_OBJECT

public:
    explicit DiagramPane(Document &document, QWidget *parent = nullptr);
    ~DiagramPane() override;

    DiagramScene *scene() const { return m_scene; }
    QGraphicsView *graphicsView() const;
    DiagramLegend *legend() const { return m_legend; }
    // The scenario chooser: each item's text carries a status glyph and word from the checks
    // ("✗ Federation — broken"), and ScenarioStateRole "broken", "ok" or "" (no verdict).
    QComboBox *scenarioBox() const { return m_scenarios; }
    static constexpr int ScenarioStateRole = Qt::UserRole + 1;

    // Selects and reveals the item a reference names and highlights its paths (peers,
    // listeners) or chain (scenarios). False when the diagram does not draw it.
    bool selectRef(const ElementRef &ref);
    ElementRef selectedRef() const;

    void setStatusPalette(StatusPalette palette);
    bool isLegendVisible() const;
    qreal zoom() const;

    // Actions with their shortcuts, for the window's View menu.
    QAction *zoomInAction() const { return m_zoomIn; }
    QAction *zoomOutAction() const { return m_zoomOut; }
    QAction *fitAction() const { return m_fit; }
    QAction *legendAction() const { return m_legendAction; }

public Q_SLOTS:
    void zoomIn();
    void zoomOut();
    void fitToWindow();
    void setLegendVisible(bool visible);
    void showScenario(const ScenarioId &scenario);
    void clearHighlight();

private:
    void createActions();
    void fillScenarios();
    void onSelectionChanged();
    void highlightFor(const ElementRef &ref);
    void updateInfo();

    Document &m_document;
    DiagramScene *m_scene = nullptr;
    DiagramView *m_view = nullptr;
    DiagramLegend *m_legend = nullptr;
    QComboBox *m_scenarios = nullptr;
    QLabel *m_info = nullptr;
    QAction *m_zoomIn = nullptr;
    QAction *m_zoomOut = nullptr;
    QAction *m_fit = nullptr;
    QAction *m_legendAction = nullptr;
    bool m_syncing = false;
};

} // namespace edgemap
