#include <QTest>
class Tstcatalog : public QObject { Q_OBJECT };
QTEST_MAIN(Tstcatalog)
#include "tst_catalog.moc"
