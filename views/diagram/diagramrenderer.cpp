// DiagramRenderer: the diagram's drawing, element by element and as a whole. QtGui only.
#include "diagram/diagramrenderer.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QLineF>
#include <QPaintDevice>
#include <QPaintEngine>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace edgemap {

namespace {

thread_local QStringList *t_elided = nullptr;

// Primary text names things (titles, sockets, statuses, addresses) and stays down to a smaller
// size than secondary lines (protocols, executables, FQDN subtitles), which drop first.
enum class Detail { Primary, Secondary };

// Text that does not fit its rectangle is drawn up to 15 % smaller; only beyond that is it
// elided (and recorded, so that tests can say what was cut).
void drawText(QPainter *painter, const QRectF &rect, const QString &text, const QFont &font,
              const QColor &colour, Qt::Alignment align = Qt::AlignLeft | Qt::AlignVCenter,
              Detail detail = Detail::Primary)
{
    if (text.isEmpty()
        || !DiagramRenderer::readable(painter, font.pixelSize(), detail == Detail::Primary))
        return;
    QFont used = font;
    qreal width = QFontMetricsF(used).horizontalAdvance(text);
    if (width > rect.width() && font.pixelSize() > 0) {
        const int smaller = std::max(int(std::floor(font.pixelSize() * 0.85)),
                                     int(std::floor(font.pixelSize() * rect.width() / width)));
        used.setPixelSize(std::max(1, smaller));
        width = QFontMetricsF(used).horizontalAdvance(text);
    }
    QString shown = text;
    if (width > rect.width() + 0.5) {
        shown = QFontMetricsF(used).elidedText(text, Qt::ElideRight, rect.width());
        if (t_elided)
            t_elided->append(text);
    }
    painter->setFont(used);
    painter->setPen(colour);
    painter->drawText(rect, int(align) | Qt::TextSingleLine, shown);
}

// Paints one element the way the scene paints an item: at its position, at its opacity, with
// the painter's state kept.
class ElementPainter
{
public:
    ElementPainter(QPainter *painter, bool anyHighlight)
        : m_painter(painter)
        , m_base(painter->worldTransform())
        , m_opacity(painter->opacity())
        , m_anyHighlight(anyHighlight)
    {}

    template<class Paint>
    void at(const QPointF &pos, bool dimmed, Paint paint) const
    {
        m_painter->save();
        m_painter->setWorldTransform(QTransform::fromTranslate(pos.x(), pos.y()) * m_base);
        m_painter->setOpacity(dimmed ? m_opacity * DiagramRenderer::kDimmedOpacity : m_opacity);
        paint();
        m_painter->restore();
    }
    // Highlighted, and dimmed: how a dimmable element (chip, peer, route, service) looks.
    bool strong(const DiagramLook &look, const QString &key) const
    {
        return m_anyHighlight && look.highlighted.contains(key);
    }
    bool dimmed(const DiagramLook &look, const QString &key) const
    {
        return m_anyHighlight && !look.highlighted.contains(key);
    }

private:
    QPainter *m_painter;
    QTransform m_base;
    qreal m_opacity;
    bool m_anyHighlight;
};

} // namespace

bool DiagramRenderer::readable(const QPainter *painter, qreal pixelSize, bool primary)
{
    // On paper (a PDF, a printer) text is always drawn: a PDF is zoomed in a viewer, and its
    // text is what a search or pdftotext finds; the exporter warns when it prints too small.
    if (const QPaintEngine *engine = painter->paintEngine();
        (engine && engine->type() == QPaintEngine::Pdf)
        || (painter->device() && painter->device()->devType() == QInternal::Printer))
        return true;
    // Below about 5.5 device pixels secondary text is noise and drops; what names things stays
    // down to 3.5, where it still tells one box from another. The level of detail is the scale
    // of a unit square's area, as QStyleOptionGraphicsItem computes it.
    const QTransform &t = painter->worldTransform();
    qreal lod = 1;
    if (t.type() > QTransform::TxTranslate)
        lod = std::sqrt(t.map(QLineF(0, 0, 1, 0)).length() * t.map(QLineF(0, 0, 0, 1)).length());
    return lod * pixelSize >= (primary ? kPrimaryPixels : kSecondaryPixels);
}

DiagramRenderer::ElisionRecorder::ElisionRecorder(QStringList *log)
    : m_previous(t_elided)
{
    t_elided = log;
}

DiagramRenderer::ElisionRecorder::~ElisionRecorder()
{
    t_elided = m_previous;
}

StatusStyle DiagramRenderer::chipStatusStyle(const ChipLook &look, StatusPalette palette)
{
    return look.unexpected ? unexpectedStyle(palette) : statusStyle(look.status, palette);
}

QPointF DiagramRenderer::hopBadgePosition(const QRectF &target, int slot)
{
    // The top left of the element's bounding rectangle (two units outside its frame).
    return target.adjusted(-2, -2, 2, 2).topLeft() + QPointF(4 + 22 * qreal(slot), 4);
}

void DiagramRenderer::drawBox(QPainter *painter, Box kind, const QRectF &rect,
                              const QRectF &titleRect, const BoxLook &look, int zoneIndex,
                              bool selected) const
{
    const DiagramStyle &s = m_style;
    const QPen selectedPen = DiagramStyle::pen(s.highlight, 2.5);
    switch (kind) {
    case Box::Zone:
        painter->setPen(Qt::NoPen);
        painter->setBrush(s.zoneFill[zoneIndex]);
        painter->drawRect(rect);
        break;
    case Box::Wall:
        drawWall(painter, rect);
        break;
    case Box::Pool:
        painter->setPen(selected ? selectedPen : DiagramStyle::pen(s.poolLine, 1, Qt::DashLine));
        painter->setBrush(s.poolFill);
        painter->drawRoundedRect(rect, 8, 8);
        break;
    case Box::Server:
        painter->setPen(selected ? selectedPen : DiagramStyle::pen(s.serverLine, 1.5));
        painter->setBrush(s.serverFill);
        painter->drawRoundedRect(rect, 6, 6);
        break;
    case Box::Address:
        painter->setPen(selected ? selectedPen : DiagramStyle::pen(s.blockLine));
        painter->setBrush(s.blockFill);
        painter->drawRoundedRect(rect, 4, 4);
        break;
    }
    drawBoxTitle(painter, kind, rect, titleRect, look);
}

// A wall of bricks: the firewall reads as a firewall without a legend.
void DiagramRenderer::drawWall(QPainter *painter, const QRectF &rect) const
{
    const DiagramStyle &s = m_style;
    painter->setPen(Qt::NoPen);
    painter->setBrush(s.wallFill);
    painter->drawRect(rect);
    painter->setPen(DiagramStyle::pen(s.wallLine));
    constexpr qreal brick = 10;
    const int rows = int(rect.height() / brick);
    for (int r = 1; r <= rows; ++r) {
        const qreal y = r * brick;
        painter->drawLine(QPointF(0, y), QPointF(rect.width(), y));
        const qreal x = (r % 2 ? 0.33 : 0.66) * rect.width();
        painter->drawLine(QPointF(x, y - brick), QPointF(x, y));
    }
    painter->setBrush(Qt::NoBrush);
    painter->drawRect(rect);
}

void DiagramRenderer::drawBoxTitle(QPainter *painter, Box kind, const QRectF &rect,
                                   const QRectF &titleRect, const BoxLook &look) const
{
    const DiagramStyle &s = m_style;
    switch (kind) {
    case Box::Zone:
        drawText(painter, titleRect, look.title, DiagramStyle::font(15, true), s.zoneTitle,
                 Qt::AlignHCenter | Qt::AlignVCenter);
        break;
    case Box::Wall: {
        // Vertical text along the wall, on a plate so that it reads over the bricks.
        if (!readable(painter, 10, true))
            return;
        painter->save();
        painter->translate(rect.center());
        painter->rotate(-90);
        const QRectF plate(-70, -rect.width() / 2 + 1, 140, rect.width() - 2);
        painter->setPen(Qt::NoPen);
        painter->setBrush(s.wallLine);
        painter->drawRect(plate);
        drawText(painter, plate, look.title, DiagramStyle::font(10, true), Qt::white,
                 Qt::AlignCenter);
        painter->restore();
        break;
    }
    case Box::Pool: {
        // Title, and under it the site, members, load balancing and next hop.
        const QRectF top(titleRect.left(), titleRect.top(), titleRect.width(), 16);
        drawText(painter, top, look.title, DiagramStyle::font(12, true), s.text);
        drawText(painter, top.translated(0, 16).adjusted(0, 0, 0, -2), look.subtitle,
                 DiagramStyle::font(11), s.mutedText);
        break;
    }
    case Box::Server: {
        const QFont bold = DiagramStyle::font(13, true);
        drawText(painter, titleRect, look.title, bold, s.text);
        const qreal used = std::min(titleRect.width(),
                                    QFontMetricsF(bold).horizontalAdvance(look.title) + 8);
        drawText(painter, titleRect.adjusted(used, 0, 0, 0), look.subtitle, DiagramStyle::font(11),
                 s.mutedText, Qt::AlignLeft | Qt::AlignVCenter, Detail::Secondary);
        break;
    }
    case Box::Address: {
        // Roles, then the address (and its NAT address) as primary lines, the FQDN last.
        const QRectF top(titleRect.left(), titleRect.top(), titleRect.width(), 14);
        drawText(painter, top, look.title, DiagramStyle::font(11, true), s.text);
        const QStringList lines = look.subtitle.split(QLatin1Char('\n'));
        for (int i = 0; i < lines.size(); ++i)
            drawText(painter,
                     QRectF(top.left(), top.bottom() + i * DiagramLayout::kHeaderLine, top.width(),
                            DiagramLayout::kHeaderLine),
                     lines.at(i), DiagramStyle::font(11), s.mutedText,
                     Qt::AlignLeft | Qt::AlignVCenter,
                     i + 1 < lines.size() ? Detail::Primary : Detail::Secondary);
        break;
    }
    }
}

// Glyph column on the left; socket, protocol and status word on three lines. The status is told
// by colour, glyph and word together.
void DiagramRenderer::drawChip(QPainter *painter, const QRectF &rect, const ChipLook &chip,
                               bool strong) const
{
    const StatusStyle look = chipStatusStyle(chip, m_style.palette);
    QPen border = strong ? DiagramStyle::pen(m_style.highlight, 2.5)
                         : DiagramStyle::pen(look.border, 1.2);
    if (!chip.changeBadge.isEmpty() && !strong)
        border = DiagramStyle::pen(m_style.badgeFill, 2.2);
    if (chip.unexpected && !strong)
        border.setStyle(Qt::DashLine);
    painter->setPen(border);
    painter->setBrush(look.fill);
    painter->drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 5, 5);

    constexpr qreal glyph = 18;
    const qreal pad = DiagramLayout::kChipPadding;
    const qreal badge = drawChangeBadge(painter, rect, chip.changeBadge);
    if (rect.height() < 30) { // compact: one line
        drawText(painter, QRectF(pad - 2, 0, glyph, rect.height()), look.glyph,
                 DiagramStyle::font(13, true), look.border, Qt::AlignCenter);
        drawText(painter, rect.adjusted(pad + glyph - 2, 0, -pad - badge, 0),
                 chip.socket + QStringLiteral("  ") + chip.protocol, DiagramStyle::font(10, true),
                 look.text);
        return;
    }
    drawText(painter, QRectF(pad - 2, 0, glyph, rect.height()), look.glyph,
             DiagramStyle::font(16, true), look.border, Qt::AlignCenter);
    const QRectF text(pad + glyph, 2, rect.width() - 2 * pad - glyph, 13);
    drawText(painter, text.adjusted(0, 0, -badge, 0), chip.socket, DiagramStyle::font(11, true),
             look.text);
    drawText(painter, text.translated(0, 13), chip.protocol, DiagramStyle::font(10), look.text,
             Qt::AlignLeft | Qt::AlignVCenter, Detail::Secondary);
    QString state = chip.members.isEmpty() ? look.label : chip.membersSummary;
    if (chip.established > 0) {
        // A pool shape's summary names members: the count only when it still fits.
        const QString withCount = state + QStringLiteral(" · %1 conn.").arg(chip.established);
        if (chip.members.isEmpty()
            || QFontMetricsF(DiagramStyle::font(10, true)).horizontalAdvance(withCount)
                       <= text.width())
            state = withCount;
    }
    drawText(painter, text.translated(0, 26), state, DiagramStyle::font(10, true), look.text);
    if (chip.probeLine)
        drawProbeLine(painter, QRectF(text.left(), text.top() + 40, text.width(), 13), chip);
    if (!chip.members.isEmpty())
        drawMemberStrip(painter, rect, chip.members);
}

// The second badge, on a line of its own: the Probe from Here verdict (a shared chip's worst
// member's) as glyph and word on its own colours, then "from here" when it fits; a listener the
// run did not probe says so in muted text.
void DiagramRenderer::drawProbeLine(QPainter *painter, const QRectF &line,
                                    const ChipLook &chip) const
{
    if (!chip.probed) {
        drawText(painter, line, QObject::tr("\u2013 not probed from here"), DiagramStyle::font(9),
                 m_style.mutedText, Qt::AlignLeft | Qt::AlignVCenter, Detail::Secondary);
        return;
    }
    const QString word = probeText(chip.probe);
    const qreal width = std::min(line.width(), DiagramLayout::textWidth(word, 9, true) + 8);
    drawPill(painter, QRectF(line.left(), line.top(), width, line.height()),
             probeStyle(chip.probe, m_style.palette), word);
    const QString where = QObject::tr("from here");
    const QRectF rest = line.adjusted(width + 4, 0, 0, 0);
    if (DiagramLayout::textWidth(where, 9) <= rest.width())
        drawText(painter, rest, where, DiagramStyle::font(9), m_style.mutedText,
                 Qt::AlignLeft | Qt::AlignVCenter, Detail::Secondary);
}

void DiagramRenderer::drawPill(QPainter *painter, const QRectF &pill, const StatusStyle &style,
                               const QString &text)
{
    painter->setPen(DiagramStyle::pen(style.border, 1));
    painter->setBrush(style.fill);
    painter->drawRoundedRect(pill, 3, 3);
    drawText(painter, pill, text, DiagramStyle::font(9, true), style.text, Qt::AlignCenter);
}

// A shared chip's members, one cell each across the bottom, in the member table's order: the
// status colour, and the glyph when the cell is wide enough to hold it.
void DiagramRenderer::drawMemberStrip(QPainter *painter, const QRectF &rect,
                                      const QList<ListenerStatus> &members) const
{
    const qreal pad = DiagramLayout::kChipPadding;
    const qreal h = DiagramLayout::kMemberStrip - 2;
    const QRectF strip(pad, rect.height() - h - 3, rect.width() - 2 * pad, h);
    const qreal cell = strip.width() / qreal(members.size());
    for (qsizetype i = 0; i < members.size(); ++i) {
        const StatusStyle look = statusStyle(members.at(i), m_style.palette);
        const QRectF r(strip.left() + qreal(i) * cell + 0.5, strip.top(), cell - 1, h);
        painter->setPen(DiagramStyle::pen(look.border, 0.8));
        painter->setBrush(look.border);
        if (members.at(i) == ListenerStatus::NotChecked)
            painter->setBrush(look.fill);
        painter->drawRect(r);
    }
}

// A pool's member table: its frame and title, and the column titles (then `look.subtitle`, the
// status column's). In scene coordinates.
void DiagramRenderer::drawMemberTable(QPainter *painter, const DiagramLayout::MemberTable &table,
                                      const BoxLook &look) const
{
    const DiagramStyle &s = m_style;
    painter->setPen(DiagramStyle::pen(s.poolLine, 1, Qt::DashLine));
    painter->setBrush(s.poolFill);
    painter->drawRoundedRect(table.rect, 6, 6);
    drawText(painter, table.titleRect, look.title, DiagramStyle::font(12, true), s.text);
    const QRectF &rect = table.headerRect;
    const QList<qreal> &columnX = table.columnX;
    const QFont bold = DiagramStyle::font(10, true);
    for (qsizetype c = 0; c < table.titles.size() && c + 1 < columnX.size(); ++c)
        drawText(painter,
                 QRectF(rect.left() + columnX.at(c), rect.top(), columnX.at(c + 1) - columnX.at(c),
                        rect.height()),
                 table.titles.at(c), bold, s.mutedText);
    if (!columnX.isEmpty())
        drawText(painter,
                 QRectF(rect.left() + columnX.last(), rect.top(), rect.width() - columnX.last(),
                        rect.height()),
                 look.subtitle, bold, s.mutedText);
    painter->setPen(DiagramStyle::pen(s.blockLine));
    painter->drawLine(rect.bottomLeft(), rect.bottomRight());
}

// One member: its status glyph, name and addresses, and the summary of its check, on the status
// colour when it is not OK. `expanded`: drawn in full below (a marker before the name).
void DiagramRenderer::drawMemberRow(QPainter *painter, const QRectF &rect, const QStringList &cells,
                                    const QList<qreal> &columnX, const MemberLook &member,
                                    bool expanded, bool strong) const
{
    const StatusStyle look = statusStyle(member.status, m_style.palette);
    const bool problem
            = member.status != ListenerStatus::Ok && member.status != ListenerStatus::NotChecked;
    painter->setPen(strong ? DiagramStyle::pen(m_style.highlight, 2) : Qt::NoPen);
    painter->setBrush(problem ? look.fill : Qt::transparent);
    painter->drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5));
    const QColor text = problem ? look.text : m_style.text;
    drawText(painter, QRectF(0, 0, columnX.value(0, 16), rect.height()),
             expanded ? QStringLiteral("▾") : look.glyph, DiagramStyle::font(11, true),
             expanded ? m_style.text : look.border, Qt::AlignCenter);
    for (qsizetype c = 0; c < cells.size() && c + 1 < columnX.size(); ++c)
        drawText(painter,
                 QRectF(columnX.at(c), 0, columnX.at(c + 1) - columnX.at(c), rect.height()),
                 cells.at(c), DiagramStyle::font(10, c == 0), text);
    if (!columnX.isEmpty())
        drawText(painter, QRectF(columnX.last(), 0, rect.width() - columnX.last(), rect.height()),
                 member.summary, DiagramStyle::font(10, true), text);
}

// The change badge in the top right corner; returns the width it takes from the text.
qreal DiagramRenderer::drawChangeBadge(QPainter *painter, const QRectF &rect,
                                       const QString &badge) const
{
    if (badge.isEmpty())
        return 0;
    const QFont font = DiagramStyle::font(9, true);
    const qreal width = QFontMetricsF(font).horizontalAdvance(badge) + 8;
    const qreal height = 12;
    const QRectF pill(rect.right() - width - 3,
                      rect.height() < 30 ? (rect.height() - height) / 2 : 3, width, height);
    painter->setPen(Qt::NoPen);
    painter->setBrush(m_style.badgeFill);
    painter->drawRoundedRect(pill, height / 2, height / 2);
    drawText(painter, pill, badge, font, m_style.badgeText, Qt::AlignCenter);
    return width + 4;
}

// Links as smooth curves from each chip to the label: the service carries traffic between them.
void DiagramRenderer::drawService(QPainter *painter, const QRectF &rect,
                                  const QList<QPolygonF> &links, const ServiceLook &look,
                                  bool strong) const
{
    const DiagramStyle &s = m_style;
    QColor hue = s.serviceColour(look.colour);
    QColor line = hue;
    line.setAlpha(strong ? 255 : 170);
    painter->setBrush(Qt::NoBrush);
    painter->setPen(DiagramStyle::pen(strong ? s.highlight : line, strong ? 3 : 2));
    for (const QPolygonF &link : links) {
        if (link.size() < 2)
            continue;
        const QPointF a = link.first();
        const QPointF b = link.last();
        const qreal mid = (a.x() + b.x()) / 2;
        QPainterPath path(a);
        path.cubicTo(QPointF(mid, a.y()), QPointF(mid, b.y()), b);
        painter->drawPath(path);
    }
    QColor fill = hue;
    fill.setAlpha(s.palette == StatusPalette::Dark ? 90 : 40);
    painter->setPen(strong ? DiagramStyle::pen(s.highlight, 2.5) : DiagramStyle::pen(hue, 1.5));
    painter->setBrush(s.serverFill);
    painter->drawRoundedRect(rect, 10, 10);
    painter->setBrush(fill);
    painter->drawRoundedRect(rect, 10, 10);
    const QRectF text = rect.adjusted(6, 3, -6, -3);
    drawText(painter, QRectF(text.left(), text.top(), text.width(), 14), look.name,
             DiagramStyle::font(11, true), s.text, Qt::AlignCenter);
    if (!look.down) {
        drawText(painter, QRectF(text.left(), text.top() + 14, text.width(), 14), look.executable,
                 DiagramStyle::font(10), s.mutedText, Qt::AlignCenter, Detail::Secondary);
        return;
    }
    // A service that listens nowhere: the band says it in the status's colour, glyph and word
    // (the executable to start is in its tooltip, the details and Problems).
    const StatusStyle down = statusStyle(ListenerStatus::Missing, s.palette);
    painter->setPen(DiagramStyle::pen(down.border, 2.5));
    painter->setBrush(Qt::NoBrush);
    painter->drawRoundedRect(rect, 10, 10);
    drawText(painter, QRectF(text.left(), text.top() + 14, text.width(), 14),
             QStringLiteral("%1 %2").arg(down.glyph, look.downText), DiagramStyle::font(10, true),
             down.border, Qt::AlignCenter);
}

void DiagramRenderer::drawPeer(QPainter *painter, const QRectF &rect, bool internet,
                               const PeerLook &look, bool strong) const
{
    const DiagramStyle &s = m_style;
    painter->setPen(strong ? DiagramStyle::pen(s.highlight, 2.5) : DiagramStyle::pen(s.peerLine));
    painter->setBrush(s.peerFill[internet ? 0 : 1]);
    painter->drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 12, 12);
    const QRectF text = rect.adjusted(10, 5, -10, -5);
    drawText(painter, QRectF(text.left(), text.top(), text.width(), 18), look.name,
             DiagramStyle::font(11, true), s.text, Qt::AlignCenter);
    drawText(painter, QRectF(text.left(), text.top() + 18, text.width(), 16), look.detail,
             DiagramStyle::font(10), s.mutedText, Qt::AlignCenter, Detail::Secondary);
}

void DiagramRenderer::drawRoute(QPainter *painter, const QPolygonF &points, const QString &label,
                                const QRectF &labelRect, bool outbound, bool live,
                                bool strong) const
{
    if (points.size() < 2)
        return;
    const DiagramStyle &s = m_style;
    QColor colour = live ? s.live : outbound ? s.routeOutbound : s.route;
    if (strong)
        colour = s.highlight;
    const qreal width = strong ? 3 : live ? 2.2 : 1.2;
    painter->setPen(DiagramStyle::pen(colour, width, outbound ? Qt::DashLine : Qt::SolidLine));
    painter->setBrush(Qt::NoBrush);
    painter->drawPolyline(points);

    // Arrowhead at the target, in scene units so that it scales with the boxes.
    const QLineF last(points.at(points.size() - 2), points.last());
    const qreal angle = std::atan2(last.dy(), last.dx());
    constexpr qreal size = 8;
    const QPointF tip = points.last();
    const QPointF a = tip - QPointF(std::cos(angle - 0.45) * size, std::sin(angle - 0.45) * size);
    const QPointF b = tip - QPointF(std::cos(angle + 0.45) * size, std::sin(angle + 0.45) * size);
    painter->setPen(DiagramStyle::pen(colour));
    painter->setBrush(colour);
    painter->drawPolygon(QPolygonF({tip, a, b}));

    if (label.isEmpty() || !readable(painter, 10, true))
        return;
    const QFont font = DiagramStyle::font(10);
    const QStringList lines = label.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        const QRectF line(labelRect.left(), labelRect.top() + i * DiagramLayout::kLabelLine,
                          labelRect.width(), DiagramLayout::kLabelLine);
        drawText(painter, line, lines.at(i), font, colour, Qt::AlignRight | Qt::AlignVCenter);
    }
}

void DiagramRenderer::drawHopBadge(QPainter *painter, int number, bool broken) const
{
    const DiagramStyle &s = m_style;
    if (broken) {
        // Where the chain breaks: the missing status's colour and glyph, and a square, so that
        // it reads in every palette.
        const StatusStyle missing = statusStyle(ListenerStatus::Missing, s.palette);
        const QRectF box(-17, -10, 34, 20);
        painter->setPen(DiagramStyle::pen(s.background, 1.5));
        painter->setBrush(missing.border);
        painter->drawRoundedRect(box, 3, 3);
        painter->setFont(DiagramStyle::font(12, true));
        painter->setPen(s.background);
        painter->drawText(box, Qt::AlignCenter, missing.glyph + QString::number(number));
        return;
    }
    painter->setPen(DiagramStyle::pen(s.background, 1.5));
    painter->setBrush(s.badgeFill);
    painter->drawEllipse(QRectF(-10, -10, 20, 20));
    painter->setFont(DiagramStyle::font(12, true));
    painter->setPen(s.badgeText);
    painter->drawText(QRectF(-10, -10, 20, 20), Qt::AlignCenter, QString::number(number));
}

void DiagramRenderer::drawDiagram(QPainter *painter, const DiagramLayout &layout,
                                  const DiagramLook &look, const QRectF &target,
                                  const QRectF &source) const
{
    // What QGraphicsScene::render does: clip to the target, map the source onto it with one
    // scale for both axes, fill the background, then the elements.
    const qreal ratio
            = std::min(target.width() / source.width(), target.height() / source.height());
    painter->save();
    painter->setClipRect(target, Qt::IntersectClip);
    painter->setWorldTransform(QTransform()
                                       .translate(target.left(), target.top())
                                       .scale(ratio, ratio)
                                       .translate(-source.left(), -source.top()),
                               true);
    painter->save();
    painter->setBrushOrigin(0, 0);
    painter->fillRect(source, QBrush(m_style.background));
    painter->restore();
    drawElements(painter, layout, look);
    painter->restore();
}

// In the scene's stacking order: by z value (zones -10, walls -6, pools -5, servers -4,
// address blocks -3, routes -1, chips/services/peers 0, badges 10), then in the order the scene
// adds its items.
void DiagramRenderer::drawElements(QPainter *painter, const DiagramLayout &layout,
                                   const DiagramLook &look) const
{
    const ElementPainter at(painter, !look.highlighted.isEmpty());
    for (const DiagramLayout::ZoneBand &z : layout.zones)
        at.at(z.rect.topLeft(), false, [&] {
            drawBox(painter, Box::Zone, QRectF(QPointF(0, 0), z.rect.size()),
                    z.titleRect.translated(-z.rect.topLeft()), look.boxes.value(z.key),
                    static_cast<int>(z.zone), false);
        });
    for (const DiagramLayout::Wall &w : layout.walls)
        at.at(w.rect.topLeft(), false, [&] {
            drawBox(painter, Box::Wall, QRectF(QPointF(0, 0), w.rect.size()),
                    w.titleRect.translated(-w.rect.topLeft()), look.boxes.value(w.key), 0, false);
        });
    for (const DiagramLayout::PoolBox &p : layout.pools)
        at.at(p.rect.topLeft(), false, [&] {
            drawBox(painter, Box::Pool, QRectF(QPointF(0, 0), p.rect.size()),
                    p.titleRect.united(p.subtitleRect).translated(-p.rect.topLeft()),
                    look.boxes.value(poolKey(p.pool)), 0, false);
        });
    for (const DiagramLayout::ServerBox &s : layout.servers)
        at.at(s.rect.topLeft(), false, [&] {
            drawBox(painter, Box::Server, QRectF(QPointF(0, 0), s.rect.size()),
                    s.titleRect.translated(-s.rect.topLeft()),
                    look.boxes.value(serverKey(s.server)), 0, false);
        });
    for (const DiagramLayout::AddressBlock &b : layout.blocks)
        at.at(b.rect.topLeft(), false, [&] {
            drawBox(painter, Box::Address, QRectF(QPointF(0, 0), b.rect.size()),
                    b.headerRect.translated(-b.rect.topLeft()), look.boxes.value(b.key), 0, false);
        });
    for (const DiagramLayout::MemberTable &m : layout.memberTables)
        at.at({}, false, [&] { drawMemberTable(painter, m, look.boxes.value(m.key)); });
    for (const DiagramLayout::MemberRow &m : layout.memberRows)
        at.at(m.rect.topLeft(), false, [&] {
            drawMemberRow(painter, QRectF(QPointF(0, 0), m.rect.size()), m.cells, m.columnX,
                          look.members.value(m.key), m.expanded, false);
        });
    for (const DiagramLayout::Route &r : layout.routes)
        at.at({}, at.dimmed(look, r.key), [&] {
            drawRoute(painter, r.points, r.label, r.labelRect, r.outbound,
                      look.liveRoutes.contains(r.key), at.strong(look, r.key));
        });
    for (const DiagramLayout::Chip &c : layout.chips)
        at.at(c.rect.topLeft(), at.dimmed(look, c.key), [&] {
            drawChip(painter, QRectF(QPointF(0, 0), c.rect.size()), look.chips.value(c.key),
                     at.strong(look, c.key));
        });
    for (const DiagramLayout::ServiceBand &b : layout.services)
        at.at(b.rect.topLeft(), at.dimmed(look, b.key), [&] {
            QList<QPolygonF> links;
            for (const QPolygonF &link : b.links)
                links.append(link.translated(-b.rect.topLeft()));
            drawService(painter, QRectF(QPointF(0, 0), b.rect.size()), links,
                        look.services.value(b.key), at.strong(look, b.key));
        });
    for (const DiagramLayout::PeerBox &p : layout.peers) {
        const QString &key = p.key;
        at.at(p.rect.topLeft(), at.dimmed(look, key), [&] {
            drawPeer(painter, QRectF(QPointF(0, 0), p.rect.size()), p.zone == Zone::Internet,
                     look.peers.value(key), at.strong(look, key));
        });
    }
    QHash<QString, QRectF> targets;
    for (const DiagramLayout::Chip &c : layout.chips)
        targets.insert(c.key, c.rect);
    for (const DiagramLayout::PeerBox &p : layout.peers)
        targets.insert(p.key, p.rect);
    for (const HopBadge &badge : look.badges)
        at.at(hopBadgePosition(targets.value(badge.target), badge.slot), false,
              [&] { drawHopBadge(painter, badge.number, badge.broken); });
}

} // namespace edgemap
