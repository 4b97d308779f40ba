#include <QTest>
class Tstipaddress : public QObject { Q_OBJECT };
QTEST_MAIN(Tstipaddress)
#include "tst_ipaddress.moc"
