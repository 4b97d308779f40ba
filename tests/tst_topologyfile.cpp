#include <QTest>
class Tsttopologyfile : public QObject { Q_OBJECT };
QTEST_MAIN(Tsttopologyfile)
#include "tst_topologyfile.moc"
