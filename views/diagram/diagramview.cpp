#include "diagram/diagramview.h"

#include "diagram/diagramlegend.h"

#include <QGestureEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QNativeGestureEvent>
#include <QPinchGesture>
#include <QScrollBar>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace edgemap {

DiagramView::DiagramView(QWidget *parent)
    : QGraphicsView(parent)
{
    setObjectName(QStringLiteral("diagramView"));
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing
                   | QPainter::SmoothPixmapTransform);
    setDragMode(QGraphicsView::ScrollHandDrag); // drag on empty space pans; items still click
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setFocusPolicy(Qt::StrongFocus);
    // Top-aligned: when the whole diagram fits, the free space falls below it, under the legend.
    setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    viewport()->grabGesture(Qt::PinchGesture);
}

void DiagramView::setLegend(DiagramLegend *legend)
{
    m_legend = legend;
    placeLegend();
}

void DiagramView::zoomBy(qreal factor, const QPointF &viewAnchor)
{
    const qreal target = std::clamp(zoom() * factor, kMinZoom, kMaxZoom);
    factor = target / zoom();
    if (std::abs(factor - 1.0) < 1e-6)
        return;
    m_fitted = false;
    if (viewAnchor.x() < 0) {
        const ViewportAnchor anchor = transformationAnchor();
        setTransformationAnchor(QGraphicsView::AnchorViewCenter);
        scale(factor, factor);
        setTransformationAnchor(anchor);
        return;
    }
    // Keep the scene point under the anchor where it is (pinch centre, mouse).
    const QPointF before = mapToScene(viewAnchor.toPoint());
    const ViewportAnchor anchor = transformationAnchor();
    setTransformationAnchor(QGraphicsView::NoAnchor);
    scale(factor, factor);
    const QPointF after = mapToScene(viewAnchor.toPoint());
    translate(after.x() - before.x(), after.y() - before.y());
    setTransformationAnchor(anchor);
}

void DiagramView::fit()
{
    if (!scene())
        return;
    const bool onRight = placeLegend(); // the side it goes on depends on the scene's shape
    // Leave the legend's strip (bottom) or column (right) free so that it covers nothing.
    const QRectF area = QRectF(viewport()->rect()).adjusted(4, 4, -4, -4);
    const bool legend = m_legend && !m_legend->isHidden();
    const bool right = legend && onRight;
    const qreal reservedH = legend && !right ? m_legend->height() + 16 : 0;
    const qreal reservedW = right ? m_legend->width() + 16 : 0;
    const QRectF scene = this->scene()->sceneRect();
    if (scene.isEmpty() || area.height() <= reservedH || area.width() <= reservedW)
        return;
    // A tiny topology is not blown up to poster size.
    const qreal s = std::min({(area.width() - reservedW) / scene.width(),
                              (area.height() - reservedH) / scene.height(), 1.5});
    // The view shows the scene plus the legend's strip or column as empty scene space, so that
    // the view's alignment centres the diagram in what the legend leaves free (and a zoomed-in
    // user can scroll anything out from under the legend).
    m_reserved = QSizeF(reservedW, reservedH);
    const QRectF shown = scene.adjusted(0, 0, reservedW / s, reservedH / s);
    setSceneRect(shown);
    setTransform(QTransform::fromScale(s, s));
    centerOn(shown.center());
    m_fitted = true;
}

// The scene grew or shrank while the user's zoom is kept: show all of it, with the legend's
// room at the current zoom.
void DiagramView::followSceneRect()
{
    if (!scene())
        return;
    if (m_fitted) {
        fit();
        return;
    }
    const qreal s = std::max(zoom(), 1e-6);
    setSceneRect(
            scene()->sceneRect().adjusted(0, 0, m_reserved.width() / s, m_reserved.height() / s));
}

bool DiagramView::legendOnRight() const
{
    const QRectF scene = this->scene() ? this->scene()->sceneRect() : QRectF();
    const QSizeF area = QSizeF(viewport()->size()) - QSizeF(8, 8);
    if (!m_legend || scene.isEmpty() || area.isEmpty())
        return false;
    const QSize bottom = m_legend->sizeFor(int(area.width()) - 20);
    const QSize column = m_legend->sizeFor(0); // as narrow as it gets
    if (column.height() + 16 > area.height())
        return false;
    const qreal bottomScale = std::min(area.width() / scene.width(),
                                       (area.height() - bottom.height() - 16) / scene.height());
    const qreal rightScale = std::min((area.width() - column.width() - 16) / scene.width(),
                                      area.height() / scene.height());
    return rightScale > bottomScale;
}

bool DiagramView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::NativeGesture) {
        auto *gesture = static_cast<QNativeGestureEvent *>(event);
        if (gesture->gestureType() == Qt::ZoomNativeGesture) {
            zoomBy(1.0 + gesture->value(), gesture->position());
            return true;
        }
    }
    if (event->type() == QEvent::Gesture) {
        auto *gestures = static_cast<QGestureEvent *>(event);
        if (auto *pinch = static_cast<QPinchGesture *>(gestures->gesture(Qt::PinchGesture))) {
            if (pinch->changeFlags() & QPinchGesture::ScaleFactorChanged)
                zoomBy(pinch->scaleFactor(), mapFromGlobal(pinch->centerPoint().toPoint()));
            gestures->accept(pinch);
            return true;
        }
    }
    return QGraphicsView::viewportEvent(event);
}

void DiagramView::wheelEvent(QWheelEvent *event)
{
    // A mouse wheel zooms; a touchpad's two-finger scroll (pixel deltas) pans unless Ctrl is held.
    const bool touchpad = !event->pixelDelta().isNull();
    if (touchpad && !(event->modifiers() & Qt::ControlModifier)) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    const qreal steps = event->angleDelta().y() / 120.0;
    if (steps == 0)
        return;
    zoomBy(std::pow(1.2, steps), event->position());
    event->accept();
}

void DiagramView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape && m_onEscape) {
        m_onEscape();
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_space = true;
        viewport()->setCursor(Qt::OpenHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void DiagramView::keyReleaseEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_space = false;
        viewport()->unsetCursor();
    }
    QGraphicsView::keyReleaseEvent(event);
}

void DiagramView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && m_space)) {
        m_panning = true;
        m_panFrom = event->position().toPoint();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void DiagramView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_panning) {
        const QPoint delta = event->position().toPoint() - m_panFrom;
        m_panFrom = event->position().toPoint();
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void DiagramView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_panning) {
        m_panning = false;
        if (m_space)
            viewport()->setCursor(Qt::OpenHandCursor);
        else
            viewport()->unsetCursor();
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

void DiagramView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    if (m_fitted)
        fit(); // places the legend too
    else
        placeLegend();
}

void DiagramView::updateLegend()
{
    if (m_fitted)
        fit();
    else
        placeLegend();
}

bool DiagramView::placeLegend()
{
    if (!m_legend)
        return false;
    // A child of the view, not of the viewport: the viewport's children scroll with the scene.
    const QRect area = viewport()->geometry();
    const bool right = legendOnRight();
    if (right) {
        m_legend->resize(m_legend->sizeFor(0));
        m_legend->move(area.right() - m_legend->width() - 8,
                       area.bottom() - m_legend->height() - 8);
    } else {
        m_legend->resize(m_legend->sizeFor(area.width() - 20));
        m_legend->move(area.left() + (area.width() - m_legend->width()) / 2,
                       area.bottom() - m_legend->height() - 8);
    }
    m_legend->raise();
    return right;
}

} // namespace edgemap
