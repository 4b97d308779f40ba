// DiagramExporter: draw.io (diagrams.net) file, uncompressed mxGraph XML, so that the diagram
// can be edited further. Geometry comes from the layout, labels and colours from the exporter's
// DiagramLook (the same words and status colours as the screen). QXmlStreamWriter escapes every
// value, so no name in a topology can break the XML.
#include "export/diagramexporter.h"

#include "diagram/diagramrenderer.h"

#include <QXmlStreamWriter>

namespace edgemap {

namespace {

class DrawIoWriter
{
public:
    explicit DrawIoWriter(QByteArray *out)
        : m_xml(out)
    {
        m_xml.setAutoFormatting(true);
    }

    void begin(const QString &name, const QRectF &bounds)
    {
        m_origin = bounds.topLeft();
        m_xml.writeStartDocument();
        m_xml.writeStartElement(QStringLiteral("mxfile"));
        m_xml.writeAttribute(QStringLiteral("host"), QStringLiteral("EdgeMap"));
        m_xml.writeStartElement(QStringLiteral("diagram"));
        m_xml.writeAttribute(QStringLiteral("id"), QStringLiteral("edgemap"));
        m_xml.writeAttribute(QStringLiteral("name"), name);
        m_xml.writeStartElement(QStringLiteral("mxGraphModel"));
        m_xml.writeAttribute(QStringLiteral("grid"), QStringLiteral("0"));
        m_xml.writeAttribute(QStringLiteral("page"), QStringLiteral("0"));
        m_xml.writeAttribute(QStringLiteral("pageWidth"), QString::number(bounds.width()));
        m_xml.writeAttribute(QStringLiteral("pageHeight"), QString::number(bounds.height()));
        m_xml.writeStartElement(QStringLiteral("root"));
        m_xml.writeEmptyElement(QStringLiteral("mxCell"));
        m_xml.writeAttribute(QStringLiteral("id"), QStringLiteral("0"));
        m_xml.writeEmptyElement(QStringLiteral("mxCell"));
        m_xml.writeAttribute(QStringLiteral("id"), QStringLiteral("1"));
        m_xml.writeAttribute(QStringLiteral("parent"), QStringLiteral("0"));
    }

    void end()
    {
        m_xml.writeEndElement(); // root
        m_xml.writeEndElement(); // mxGraphModel
        m_xml.writeEndElement(); // diagram
        m_xml.writeEndElement(); // mxfile
        m_xml.writeEndDocument();
    }

    void vertex(const QString &id, const QString &value, const QString &style, const QRectF &rect)
    {
        m_xml.writeStartElement(QStringLiteral("mxCell"));
        m_xml.writeAttribute(QStringLiteral("id"), id);
        m_xml.writeAttribute(QStringLiteral("value"), value);
        m_xml.writeAttribute(QStringLiteral("style"), style);
        m_xml.writeAttribute(QStringLiteral("vertex"), QStringLiteral("1"));
        m_xml.writeAttribute(QStringLiteral("parent"), QStringLiteral("1"));
        m_xml.writeEmptyElement(QStringLiteral("mxGeometry"));
        const QRectF r = rect.translated(-m_origin);
        writeNumber("x", r.x());
        writeNumber("y", r.y());
        writeNumber("width", r.width());
        writeNumber("height", r.height());
        m_xml.writeAttribute(QStringLiteral("as"), QStringLiteral("geometry"));
        m_xml.writeEndElement();
    }

    void edge(const QString &id, const QString &value, const QString &style, const QString &source,
              const QString &target, const QPolygonF &points)
    {
        m_xml.writeStartElement(QStringLiteral("mxCell"));
        m_xml.writeAttribute(QStringLiteral("id"), id);
        m_xml.writeAttribute(QStringLiteral("value"), value);
        m_xml.writeAttribute(QStringLiteral("style"), style);
        m_xml.writeAttribute(QStringLiteral("edge"), QStringLiteral("1"));
        m_xml.writeAttribute(QStringLiteral("parent"), QStringLiteral("1"));
        if (!source.isEmpty())
            m_xml.writeAttribute(QStringLiteral("source"), source);
        if (!target.isEmpty())
            m_xml.writeAttribute(QStringLiteral("target"), target);
        m_xml.writeStartElement(QStringLiteral("mxGeometry"));
        m_xml.writeAttribute(QStringLiteral("relative"), QStringLiteral("1"));
        m_xml.writeAttribute(QStringLiteral("as"), QStringLiteral("geometry"));
        if (!points.isEmpty()) {
            point(points.first(), QStringLiteral("sourcePoint"));
            point(points.last(), QStringLiteral("targetPoint"));
        }
        if (points.size() > 2) {
            m_xml.writeStartElement(QStringLiteral("Array"));
            m_xml.writeAttribute(QStringLiteral("as"), QStringLiteral("points"));
            for (qsizetype i = 1; i + 1 < points.size(); ++i)
                point(points.at(i), {});
            m_xml.writeEndElement();
        }
        m_xml.writeEndElement(); // mxGeometry
        m_xml.writeEndElement(); // mxCell
    }

private:
    void writeNumber(const char *name, qreal value)
    {
        m_xml.writeAttribute(QLatin1String(name), QString::number(value, 'f', 1));
    }
    void point(const QPointF &p, const QString &as)
    {
        m_xml.writeEmptyElement(QStringLiteral("mxPoint"));
        writeNumber("x", p.x() - m_origin.x());
        writeNumber("y", p.y() - m_origin.y());
        if (!as.isEmpty())
            m_xml.writeAttribute(QStringLiteral("as"), as);
    }

    QXmlStreamWriter m_xml;
    QPointF m_origin;
};

QString boxStyle(const QColor &fill, const QColor &stroke, const QString &extra = {})
{
    return QStringLiteral("rounded=0;whiteSpace=wrap;html=0;verticalAlign=top;align=left;"
                          "spacingLeft=6;fillColor=%1;strokeColor=%2;%3")
            .arg(fill.name(), stroke.name(), extra);
}

QString titleOf(const DiagramLook &look, const QString &key)
{
    const auto box = look.boxes.constFind(key);
    if (box == look.boxes.cend())
        return {};
    return box->subtitle.isEmpty() ? box->title : box->title + u'\n' + box->subtitle;
}

} // namespace

QByteArray DiagramExporter::drawio() const
{
    const DiagramLayout &layout = m_layout;
    const DiagramLook &look = m_look;
    const DiagramStyle &s = look.style;
    const Topology &t = m_input.topology;
    QByteArray out;
    DrawIoWriter w(&out);
    w.begin(titleLines().at(0), layout.bounds);
    for (const DiagramLayout::ZoneBand &z : layout.zones) {
        const QString &key = z.key;
        w.vertex(key, titleOf(look, key),
                 boxStyle(s.zoneFill[static_cast<int>(z.zone)],
                          s.zoneFill[static_cast<int>(z.zone)], QStringLiteral("fontStyle=1;")),
                 z.rect);
    }
    for (const DiagramLayout::Wall &wall : layout.walls) {
        const QString &key = wall.key;
        w.vertex(key, titleOf(look, key),
                 boxStyle(s.wallFill, s.wallLine, QStringLiteral("horizontal=0;align=center;")),
                 wall.rect);
    }
    for (const DiagramLayout::PoolBox &p : layout.pools) {
        const QString key = poolKey(p.pool);
        w.vertex(key, titleOf(look, key), boxStyle(s.poolFill, s.poolLine), p.rect);
    }
    for (const DiagramLayout::ServerBox &server : layout.servers) {
        const QString key = serverKey(server.server);
        w.vertex(key, titleOf(look, key), boxStyle(s.serverFill, s.serverLine), server.rect);
    }
    for (const DiagramLayout::AddressBlock &b : layout.blocks)
        w.vertex(b.key, titleOf(look, b.key), boxStyle(s.blockFill, s.blockLine), b.rect);
    for (const DiagramLayout::ServiceBand &b : layout.services) {
        const Service *service = t.service(b.service);
        const qsizetype index = service ? service - t.services.constData() : 0;
        const QString value
                = service ? b.service.value() + u'\n' + service->executable : b.service.value();
        w.vertex(b.key, value,
                 QStringLiteral("rounded=1;whiteSpace=wrap;html=0;fillColor=#ffffff;"
                                "strokeColor=%1;")
                         .arg(s.serviceColour(int(index)).name()),
                 b.rect);
    }
    QHash<ListenerId, QString> chipOf; // a route's listener end -> its chip's cell
    for (const DiagramLayout::Chip &c : layout.chips) {
        const ChipLook chip = look.chips.value(c.key);
        const StatusStyle status = DiagramRenderer::chipStatusStyle(chip, s.palette);
        w.vertex(c.key, chip.socket + u'\n' + status.glyph + u' ' + status.label,
                 QStringLiteral("rounded=1;whiteSpace=wrap;html=0;fillColor=%1;strokeColor=%2;"
                                "fontColor=%3;%4")
                         .arg(status.fill.name(), status.border.name(), status.text.name(),
                              chip.unexpected ? QStringLiteral("dashed=1;") : QString()),
                 c.rect);
        if (c.unexpected < 0 && !chipOf.contains(c.listener)) // a pool's shape before a member
            chipOf.insert(c.listener, c.key);
    }
    for (const DiagramLayout::MemberRow &m : layout.memberRows) {
        const MemberLook member = look.members.value(m.key);
        const StatusStyle status = statusStyle(member.status, s.palette);
        w.vertex(m.key,
                 m.cells.join(QStringLiteral("   ")) + QStringLiteral("   ") + status.glyph + u' '
                         + member.summary,
                 QStringLiteral("text;html=0;align=left;verticalAlign=middle;fontSize=10;"
                                "fontColor=%1;")
                         .arg(s.text.name()),
                 m.rect);
    }
    for (const DiagramLayout::PeerBox &p : layout.peers) {
        const Peer *peer = t.peer(p.peer);
        const QString value
                = peer ? (peer->fqdn.isEmpty() ? peer->name : peer->name + u'\n' + peer->fqdn)
                       : p.peer.value();
        w.vertex(p.key, value,
                 QStringLiteral("rounded=1;whiteSpace=wrap;html=0;fillColor=%1;strokeColor=%2;")
                         .arg(s.peerFill[p.zone == Zone::Internet ? 0 : 1].name(),
                              s.peerLine.name()),
                 p.rect);
    }
    // Edges end on the peer or chip cell they connect (so that they follow when moved); flows
    // from an address have no cell of their own and keep their end points.
    // With several site panels a peer is drawn in each: the route's panel is its key's suffix.
    const auto cellOf = [&](const ElementRef &node, const QString &routeKey) -> QString {
        if (const PeerId *peer = node.as<PeerId>()) {
            const qsizetype at = routeKey.lastIndexOf(QLatin1Char('@'));
            return peerKey(*peer) + (at < 0 ? QString() : routeKey.mid(at));
        }
        if (const ListenerId *listener = node.as<ListenerId>())
            return chipOf.value(*listener);
        return {};
    };
    for (const DiagramLayout::Route &r : layout.routes) {
        const QColor colour = look.liveRoutes.contains(r.key) ? s.live
                              : r.outbound                    ? s.routeOutbound
                                                              : s.route;
        w.edge(r.key, r.label,
               QStringLiteral("edgeStyle=none;rounded=0;html=0;endArrow=block;endFill=1;"
                              "strokeColor=%1;fontSize=9;%2")
                       .arg(colour.name(), r.outbound ? QStringLiteral("dashed=1;") : QString()),
               cellOf(r.from, r.key), cellOf(r.to, r.key), r.points);
    }
    w.end();
    return out;
}

} // namespace edgemap
