// DiagramExporter: draw.io (diagrams.net) file, uncompressed mxGraph XML, so that the diagram
// can be edited further. Geometry comes from the layout, labels and colours from the exporter's
// own scene (the same words and status colours as the screen). QXmlStreamWriter escapes every
// value, so no name in a topology can break the XML.
#include "diagramexporter.h"

#include "diagramscene.h"
#include "document.h"

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

QString titleOf(const DiagramScene &scene, const QString &key)
{
    const auto *box = dynamic_cast<const BoxItem *>(scene.item(key));
    if (!box)
        return {};
    return box->subtitle().isEmpty() ? box->title() : box->title() + u'\n' + box->subtitle();
}

} // namespace

QByteArray DiagramExporter::drawio() const
{
    const DiagramScene &scene = *m_scene;
    const DiagramLayout &layout = scene.diagramLayout();
    const DiagramStyle &s = scene.diagramStyle();
    const Topology &t = m_document.topology();
    QByteArray out;
    DrawIoWriter w(&out);
    w.begin(titleLines().at(0), layout.bounds);
    for (const DiagramLayout::ZoneBand &z : layout.zones) {
        const QString key = QStringLiteral("zone:") + keyOf(z.zone);
        w.vertex(key, titleOf(scene, key),
                 boxStyle(s.zoneFill[static_cast<int>(z.zone)],
                          s.zoneFill[static_cast<int>(z.zone)], QStringLiteral("fontStyle=1;")),
                 z.rect);
    }
    for (const DiagramLayout::Wall &wall : layout.walls) {
        const QString key = QStringLiteral("wall:") + keyOf(wall.firewall);
        w.vertex(key, titleOf(scene, key),
                 boxStyle(s.wallFill, s.wallLine, QStringLiteral("horizontal=0;align=center;")),
                 wall.rect);
    }
    for (const DiagramLayout::PoolBox &p : layout.pools) {
        const QString key = QStringLiteral("pool:") + p.pool.value();
        w.vertex(key, titleOf(scene, key), boxStyle(s.poolFill, s.poolLine), p.rect);
    }
    for (const DiagramLayout::ServerBox &server : layout.servers) {
        const QString key = QStringLiteral("server:") + server.server.value();
        w.vertex(key, titleOf(scene, key), boxStyle(s.serverFill, s.serverLine), server.rect);
    }
    for (const DiagramLayout::AddressBlock &b : layout.blocks)
        w.vertex(b.key, titleOf(scene, b.key), boxStyle(s.blockFill, s.blockLine), b.rect);
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
    for (const DiagramLayout::Chip &c : layout.chips) {
        const auto *chip = dynamic_cast<const ChipItem *>(scene.item(c.key));
        if (!chip)
            continue;
        const StatusStyle look = chip->statusLook();
        w.vertex(c.key, chip->socketText() + u'\n' + look.glyph + u' ' + look.label,
                 QStringLiteral("rounded=1;whiteSpace=wrap;html=0;fillColor=%1;strokeColor=%2;"
                                "fontColor=%3;%4")
                         .arg(look.fill.name(), look.border.name(), look.text.name(),
                              chip->isUnexpected() ? QStringLiteral("dashed=1;") : QString()),
                 c.rect);
    }
    for (const DiagramLayout::PeerBox &p : layout.peers) {
        const Peer *peer = t.peer(p.peer);
        const QString value
                = peer ? (peer->fqdn.isEmpty() ? peer->name : peer->name + u'\n' + peer->fqdn)
                       : p.peer.value();
        w.vertex(QStringLiteral("peer:") + p.peer.value(), value,
                 QStringLiteral("rounded=1;whiteSpace=wrap;html=0;fillColor=%1;strokeColor=%2;")
                         .arg(s.peerFill[p.zone == Zone::Internet ? 0 : 1].name(),
                              s.peerLine.name()),
                 p.rect);
    }
    // Edges end on the peer or chip cell they connect (so that they follow when moved); flows
    // from an address have no cell of their own and keep their end points.
    const auto cellOf = [&](const QString &node) -> QString {
        if (node.startsWith(QStringLiteral("peer:")))
            return node;
        if (node.startsWith(QStringLiteral("listener:")))
            return QStringLiteral("chip:") + node.section(u':', 1);
        return {};
    };
    for (const DiagramLayout::Route &r : layout.routes) {
        const auto *route = dynamic_cast<const RouteItem *>(scene.item(r.key));
        const QColor colour = route && route->isLive() ? s.live
                              : r.outbound             ? s.routeOutbound
                                                       : s.route;
        w.edge(r.key, r.label,
               QStringLiteral("edgeStyle=none;rounded=0;html=0;endArrow=block;endFill=1;"
                              "strokeColor=%1;fontSize=9;%2")
                       .arg(colour.name(), r.outbound ? QStringLiteral("dashed=1;") : QString()),
               cellOf(r.fromNode), cellOf(r.toNode), r.points);
    }
    w.end();
    return out;
}

} // namespace edgemap
