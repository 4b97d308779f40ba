#pragma once

#include "core/elementref.h"
#include "core/pathanalysis.h"
#include "diagram/diagramhighlighter.h"
#include "diagram/diagramitems.h"
#include "diagram/diagramlayout.h"
#include "diagram/diagramlook.h"
#include "diagram/diagramstyle.h"

#include <QGraphicsScene>
#include <QHash>
#include <QList>
#include <QSet>

#include <memory>

namespace edgemap {

class Document;

// The Edge diagram of a Document. It observes the document: on every topology change it lays the
// topology out again and updates its items from the layout (reusing items by layout key); on
// checksChanged it re-colours chips and flows in place from every server's check (unexpected
// sockets of each checked server get chips of their own); and marks the chips
// that differ from their server's previous snapshot. What the items show is the DiagramLook the
// exporter draws too (lookFor()); how they are drawn is DiagramRenderer. Highlighting (paths,
// scenarios, impact; DiagramHighlighter) and hover are view state: never in the model, the file
// or the undo stack.
//
// There is no default constructor: a diagram without a document is not supported.
class DiagramScene : public QGraphicsScene
{
    Q_OBJECT

public:
    explicit DiagramScene(Document &document, QObject *parent = nullptr);
    ~DiagramScene() override;

    const Document &document() const { return m_document; }
    const DiagramLayout &diagramLayout() const { return m_layout; }
    // The path analysis highlights and tooltips read: the document's, of the state the items
    // show (taken with it by every update, never built here).
    const PathAnalysis &analysis() const { return *m_input.analysis; }

    void setStatusPalette(StatusPalette palette);
    StatusPalette statusPalette() const { return m_style.palette; }
    const DiagramStyle &diagramStyle() const { return m_style; }
    // The Probe from Here verdicts the chips show, worst first (DiagramLook::probeKinds).
    const QList<CombinedKind> &probeKinds() const { return m_look.probeKinds; }

    // Items by model id; nullptr when absent.
    ChipItem *chip(const ListenerId &id) const { return m_chips.value(id); }
    PeerItem *peer(const PeerId &id) const { return m_peers.value(id); }
    BoxItem *server(const ServerId &id) const { return m_boxes.value(ElementRef::server(id)); }
    MemberRowItem *memberRow(const ServerId &id) const { return m_memberRows.value(id); }
    DiagramItem *item(const QString &layoutKey) const { return m_items.value(layoutKey); }
    QList<ChipItem *> unexpectedChips() const;
    // Chips with a "changed" mark (status changed, or an unexpected socket that appeared).
    QList<ChipItem *> changedChips() const;
    QList<RouteItem *> routes() const;
    // The item that shows a tree reference, nullptr when the diagram does not draw it.
    DiagramItem *itemFor(const ElementRef &ref) const;

    // A member of a pool drawn as one shape, drawn in full under the shape (view state, like the
    // zoom: not in the document). A double click on its row toggles it.
    void setExpanded(const ServerId &server, bool expanded);
    bool isExpanded(const ServerId &server) const { return m_expanded.contains(server); }
    const DiagramLayout::Expanded &expanded() const { return m_expanded; }

    // Highlighting. Each call replaces the previous highlight.
    void highlightPeer(const PeerId &peer);
    void highlightListener(const ListenerId &listener);
    void highlightScenario(const ScenarioId &scenario);
    void clearHighlight();
    bool hasHighlight() const { return !m_highlighter.highlighted().isEmpty(); }
    QSet<DiagramItem *> highlightedItems() const;
    // The numbered hops of the highlighted scenario: number and the item it is pinned to.
    QList<QPair<int, DiagramItem *>> hopBadges() const { return m_badgeTargets; }
    // Scenarios the highlighted listener breaks (set when it is down), for the view to list.
    QList<ScenarioId> brokenScenarios() const { return m_highlighter.brokenScenarios(); }

    // The tooltip of an item, in the admin's terms, escaped HTML (computed when asked, so that
    // re-colouring stays cheap and the text always shows the current check).
    QString toolTipFor(const QGraphicsItem *item) const;

Q_SIGNALS:
    void highlightChanged();
    // The probe verdicts on the chips changed (a run, cleared, joined again): the legend's.
    void probeKindsChanged();

protected:
    void helpEvent(QGraphicsSceneHelpEvent *event) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) override;

private:
    void rebuild();
    void onCheckChanged();
    void onProbesChanged();
    void applyLayout();
    void recolour();
    void applyLook();
    // diagramscene_changes.cpp
    void markChanges();
    QStringList unexpectedSignature() const;
    template<class T, class... Args>
    T *reuse(QHash<QString, DiagramItem *> &old, const QString &key, Args &&...args);
    void applyFrame(QHash<QString, DiagramItem *> &old);
    void applyServers(QHash<QString, DiagramItem *> &old);
    void applyChips(QHash<QString, DiagramItem *> &old);
    void applyPeersAndRoutes(QHash<QString, DiagramItem *> &old);
    void applyMembers(QHash<QString, DiagramItem *> &old);
    QString membersToolTip(const ChipItem *chip) const;
    QString unexpectedToolTip(const QString &key) const;

    // The highlighter's result on the items: emphasis and hop badges.
    void showHighlight();
    void applyEmphasis();
    void removeBadges();

    Document &m_document;
    DiagramLayout m_layout;
    DiagramLook m_look;
    // What m_look was made from, the document's path analysis with it; tooltips and highlights
    // read it (applyLook keeps it).
    DiagramInput m_input;
    DiagramStyle m_style;
    DiagramHighlighter m_highlighter;

    QHash<QString, DiagramItem *> m_items; // layout key -> item
    QHash<ListenerId, ChipItem *> m_chips;
    QHash<PeerId, PeerItem *> m_peers;
    QHash<ElementRef, BoxItem *> m_boxes; // pools, servers, addresses
    QHash<ServerId, MemberRowItem *> m_memberRows;
    DiagramLayout::Expanded m_expanded;
    QHash<QString, ElementRef> m_refOf; // layout key -> the element it draws (typed)
    bool m_probeLine = false;           // the current layout has the chips' probe line
    QStringList m_unexpectedKeys;       // the unexpected sockets the current layout has chips for

    QList<HopBadgeItem *> m_badges;
    QList<QPair<int, DiagramItem *>> m_badgeTargets;
};

} // namespace edgemap
