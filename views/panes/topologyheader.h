#pragma once

#include <QFrame>

class QLabel;

namespace edgemap {

class Document;

// The strip above the main view: the topology's name, its product and a one-line summary, so
// that the admin always knows which deployment and which port set they are looking at.
class TopologyHeader : public QFrame
{
    Q_OBJECT

public:
    explicit TopologyHeader(const Document &document, QWidget *parent = nullptr);

    QString nameText() const;
    QString productText() const;
    QString summaryText() const;

private:
    void refresh();

    const Document &m_document;
    QLabel *m_name;
    QLabel *m_product;
    QLabel *m_summary;
};

} // namespace edgemap
