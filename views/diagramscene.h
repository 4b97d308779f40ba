#pragma once

#include "diagramitems.h"
#include "diagramlayout.h"
#include "diagramstyle.h"
#include "elementref.h"
#include "pathanalysis.h"

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
// that differ from their server's previous snapshot. Highlighting (paths, scenarios, impact)
// and hover are view state: never in the model, the file or the undo stack.
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
    const PathAnalysis &analysis() const { return *m_analysis; }

    void setStatusPalette(StatusPalette palette);
    StatusPalette statusPalette() const { return m_style.palette; }
    const DiagramStyle &diagramStyle() const { return m_style; }

    // Items by model id; nullptr when absent.
    ChipItem *chip(const ListenerId &id) const { return m_chips.value(id.value()); }
    PeerItem *peer(const PeerId &id) const { return m_peers.value(id.value()); }
    BoxItem *server(const ServerId &id) const { return m_boxes.value(ElementRef::server(id)); }
    DiagramItem *item(const QString &layoutKey) const { return m_items.value(layoutKey); }
    QList<ChipItem *> unexpectedChips() const;
    // Chips with a "changed" mark (status changed, or an unexpected socket that appeared).
    QList<ChipItem *> changedChips() const;
    QList<RouteItem *> routes() const;
    // The item that shows a tree reference, nullptr when the diagram does not draw it.
    DiagramItem *itemFor(const ElementRef &ref) const;

    // Highlighting. Each call replaces the previous highlight.
    void highlightPeer(const PeerId &peer);
    void highlightListener(const ListenerId &listener);
    void highlightScenario(const ScenarioId &scenario);
    void clearHighlight();
    bool hasHighlight() const { return !m_highlighted.isEmpty(); }
    QSet<DiagramItem *> highlightedItems() const { return m_highlighted; }
    // The numbered hops of the highlighted scenario: number and the item it is pinned to.
    QList<QPair<int, DiagramItem *>> hopBadges() const;
    // Scenarios the highlighted listener breaks (set when it is down), for the view to list.
    QList<ScenarioId> brokenScenarios() const { return m_broken; }

    // The tooltip of an item, in the admin's terms, escaped HTML (computed when asked, so that
    // re-colouring stays cheap and the text always shows the current check).
    QString toolTipFor(const QGraphicsItem *item) const;

Q_SIGNALS:
    void highlightChanged();

protected:
    void helpEvent(QGraphicsSceneHelpEvent *event) override;

private:
    void rebuild();
    void onCheckChanged();
    void applyLayout();
    void recolour();
    // diagramscene_changes.cpp
    void markChanges();
    QStringList unexpectedSignature() const;
    template<class T, class... Args>
    T *reuse(QHash<QString, DiagramItem *> &old, const QString &key, Args &&...args);
    void applyFrame(QHash<QString, DiagramItem *> &old);
    void applyServers(QHash<QString, DiagramItem *> &old);
    void applyChips(QHash<QString, DiagramItem *> &old);
    void applyPeersAndRoutes(QHash<QString, DiagramItem *> &old);

    // diagramscene_highlight.cpp
    void highlightPaths(const QList<Path> &paths);
    void highlightEdge(const QString &from, const QString &to);
    void highlightNode(const PathNode &node);
    void addResolved(const ResolvedScenario &resolved, bool numbered);
    QList<DiagramItem *> hopItems(const ResolvedHop &hop) const;
    void applyEmphasis();
    void removeBadges();

    Document &m_document;
    std::unique_ptr<PathAnalysis> m_analysis;
    DiagramLayout m_layout;
    DiagramStyle m_style;

    QHash<QString, DiagramItem *> m_items;              // layout key -> item
    QHash<QString, ChipItem *> m_chips;                 // listener id -> chip
    QHash<QString, PeerItem *> m_peers;                 // peer id -> peer
    QHash<ElementRef, BoxItem *> m_boxes;               // pools, servers, addresses
    QHash<QString, ServiceItem *> m_serviceOf;          // listener id -> its service band
    QHash<QString, QList<RouteItem *>> m_routesBetween; // "from|to" node keys -> routes
    QHash<QString, QString> m_addressOf;                // listener id -> address node key

    struct RouteEnds
    {
        RouteItem *route = nullptr;
        QString listener; // target listener id of an inbound route
        PeerId peer;
    };
    QList<RouteEnds> m_inbound;   // routes that can show established connections
    QStringList m_unexpectedKeys; // the unexpected sockets the current layout has chips for
    struct UnexpectedRef
    {
        ServerId server;
        UnexpectedListener socket;
    };
    QHash<ChipItem *, UnexpectedRef> m_unexpectedOf; // unexpected chip -> its socket

    QSet<DiagramItem *> m_highlighted;
    QList<HopBadgeItem *> m_badges;
    QList<QPair<int, DiagramItem *>> m_badgeTargets;
    QList<ScenarioId> m_broken;
};

} // namespace edgemap
