#include <QTest>
class Tsttemplates : public QObject { Q_OBJECT };
QTEST_MAIN(Tsttemplates)
#include "tst_templates.moc"
