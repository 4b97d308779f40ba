#include <QTest>
class Tstcli : public QObject { Q_OBJECT };
QTEST_MAIN(Tstcli)
#include "tst_cli.moc"
