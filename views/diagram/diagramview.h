#pragma once

#include <QGraphicsView>

#include <functional>

namespace edgemap {

class DiagramLegend;

// The QGraphicsView under DiagramPane: zoom (wheel, pinch, native gestures), pan (drag on empty
// space, middle button, Space+drag), Esc, fit that follows resizes until the user zooms, and a
// legend pinned to the top-right corner of the viewport.
class DiagramView : public QGraphicsView
{
    Q_OBJECT

public:
    explicit DiagramView(QWidget *parent = nullptr);

    void setLegend(DiagramLegend *legend);
    // Call when the legend's entries changed: it is sized and placed again.
    void updateLegend();
    void setEscapeHandler(std::function<void()> handler) { m_onEscape = std::move(handler); }

    void zoomBy(qreal factor, const QPointF &viewAnchor = {-1, -1});
    void fit();
    // Call when the scene's rectangle changed (the pane connects sceneRectChanged).
    void followSceneRect();
    qreal zoom() const { return transform().m11(); }
    bool isFitted() const { return m_fitted; }

    static constexpr qreal kMinZoom = 0.05;
    static constexpr qreal kMaxZoom = 4.0;

protected:
    bool viewportEvent(QEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    bool placeLegend(); // returns whether it went to the right-hand column
    // Where the legend costs the diagram least after a fit: a strip along the bottom, or a
    // narrow column on the right when the diagram is bound by the height (a wide window).
    bool legendOnRight() const;

    DiagramLegend *m_legend = nullptr;
    std::function<void()> m_onEscape;
    bool m_fitted = true; // refit on resize until the user zooms
    QSizeF m_reserved;    // the legend's room at the last fit, in viewport pixels
    bool m_space = false;
    bool m_panning = false;
    QPoint m_panFrom;
};

} // namespace edgemap
