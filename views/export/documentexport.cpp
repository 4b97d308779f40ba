#include "export/documentexport.h"

#include "io/savefile.h"
#include "statusstyle.h"

#include <QBuffer>
#include <QGuiApplication>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QTextDocument>

namespace edgemap {

namespace {

constexpr qreal kLayoutWidth = 1250;

HtmlCellStyle cellStyle(const StatusStyle &s)
{
    return {s.fill.name(), s.text.name(), s.border.name(), s.glyph};
}

} // namespace

HtmlStatusStyles htmlStatusStyles()
{
    HtmlStatusStyles styles;
    for (ListenerStatus s :
         {ListenerStatus::NotChecked, ListenerStatus::Ok, ListenerStatus::Missing,
          ListenerStatus::WrongProcess, ListenerStatus::WrongAddress, ListenerStatus::Exposed,
          ListenerStatus::Dynamic, ListenerStatus::Unknown})
        styles.insert(keyOf(s), cellStyle(statusStyle(s, StatusPalette::Light)));
    // A broken scenario looks like what breaks it most often: a missing listener.
    styles.insert(QStringLiteral("broken"),
                  cellStyle(statusStyle(ListenerStatus::Missing, StatusPalette::Light)));
    styles.insert(QStringLiteral("unexpected"), cellStyle(unexpectedStyle(StatusPalette::Light)));
    // Probe from Here verdicts, as the chips' second badge draws them.
    for (CombinedKind kind : allCombinedKinds())
        styles.insert(QStringLiteral("probe:") + keyOf(kind),
                      cellStyle(probeStyle(kind, StatusPalette::Light)));
    return styles;
}

QString writePdf(const QByteArray &html, const QString &title, const QString &path)
{
    // Fonts and layout need the GUI platform; without it QTextDocument would abort the process.
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return QStringLiteral("cannot write '%1': PDF output needs a GUI application object")
                .arg(path);
    // Written to memory first: QPdfWriter on the path would leave a partial file behind on
    // failure and replace the old one before it knows it can finish.
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setTitle(title);
        writer.setCreator(QStringLiteral("EdgeMap"));
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Landscape,
                                         QMarginsF(12, 12, 12, 12), QPageLayout::Millimeter));
        QTextDocument document;
        document.setHtml(QString::fromUtf8(html));
        // Laid out on a page of kLayoutWidth pixels and scaled to the paper: wide tables get the
        // room of a zoomed-out page (about 8 pt text) instead of wrapping every word, and the
        // paper margins are the only margins (unpaginated printing adds 2 cm of its own).
        const QSizeF paper = writer.pageLayout().paintRect(QPageLayout::Point).size();
        document.setPageSize(QSizeF(kLayoutWidth, kLayoutWidth * paper.height() / paper.width()));
        document.print(&writer);
    }
    if (buffer.data().isEmpty())
        return QStringLiteral("cannot write '%1': the PDF could not be laid out").arg(path);
    return SaveFile::save(path, buffer.data()).toString();
}

} // namespace edgemap
