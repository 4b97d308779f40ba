#include <QTest>
class Tstpathanalysis : public QObject { Q_OBJECT };
QTEST_MAIN(Tstpathanalysis)
#include "tst_pathanalysis.moc"
