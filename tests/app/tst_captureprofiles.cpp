// Capture profiles: stored in the user's settings and read back intact, garbage in the settings
// skipped, every refusal explained, arguments split and joined the QProcess::splitCommand way,
// the bundled capture script written out on demand; and the profile dialog.
#include "live/captureprofiledialog.h"
#include "live/captureprofiles.h"
#include "support/tst_settings_util.h"

#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace edgemap;
namespace cp = edgemap::captureprofiles;

Q_DECLARE_METATYPE(edgemap::CaptureProfile)

namespace {

CaptureProfile make(const QString &name, const QString &program, const QStringList &args = {},
                    int interval = 30, int timeout = 60)
{
    return {name, program, args, interval, timeout};
}

} // namespace

class TstCaptureProfiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void roundTrip();
    void garbageIsSkipped();
    void validation_data();
    void validation();
    void argumentsLine_data();
    void argumentsLine();
    void unclosedQuote();
    void bundledScript();
    void writeFailuresAreReported();
    void builtIns();
    void dialogChecksAsTyped();
    void dialogTestNow_data();
    void dialogTestNow();

private:
    QTemporaryDir m_home;
};

void TstCaptureProfiles::initTestCase()
{
    QVERIFY(m_home.isValid());
    testutil::isolateUserFiles(m_home);
}

void TstCaptureProfiles::roundTrip()
{
    const QString ini = m_home.filePath(QStringLiteral("roundtrip.ini"));
    const QList<CaptureProfile> profiles{
            make(QStringLiteral("edge01 over ssh"), QStringLiteral("ssh"),
                 {QStringLiteral("edge01"), QStringLiteral("netstat -ano | findstr LISTEN")}),
            make(QStringLiteral("no arguments"), QStringLiteral("netstat"), {}, 5, 1),
            make(QStringLiteral("one argument"), QStringLiteral("netstat"),
                 {QStringLiteral("-ano")}),
            make(QStringLiteral("commas, quotes \"and\" \u00e9"),
                 QStringLiteral("C:\\Program Files\\PowerShell\\7\\pwsh.exe"),
                 {QStringLiteral("-c"), QStringLiteral("a, b"), QStringLiteral("\"x\""),
                  QStringLiteral("@Invalid()")},
                 86400, 3600)};
    {
        QSettings s(ini, QSettings::IniFormat);
        cp::save(s, profiles);
    }
    {
        QSettings s(ini, QSettings::IniFormat);
        QCOMPARE(cp::load(s), profiles);
        cp::save(s, profiles.mid(1, 1)); // fewer: the old entries must not come back
    }
    QSettings s(ini, QSettings::IniFormat);
    QCOMPARE(cp::load(s), profiles.mid(1, 1));
}

void TstCaptureProfiles::garbageIsSkipped()
{
    const QString ini = m_home.filePath(QStringLiteral("garbage.ini"));
    QFile f(ini);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("[captureProfiles]\n"
            "size=100000000\n" // a loader that believed this would loop for minutes
            "1\\name=good\n1\\program=ssh\n1\\arguments=edge01, netstat, -ano\n"
            "1\\interval=30\n1\\timeout=20\n"
            "2\\name=no program\n"
            "3\\program=no name\n"
            "4\\name=list name, really\n4\\program=ssh\n"
            "5\\name=bad interval\n5\\program=ssh\n5\\interval=soon\n"
            "6\\name=bad timeout\n6\\program=ssh\n6\\timeout=@Rect(1 2 3 4)\n"
            "7\\name=good\n7\\program=duplicate name\n"
            "8\\name=defaults\n8\\program=netstat\n8\\arguments=@Invalid()\n"
            "9\\name=   \n9\\program=blank name\n"
            "10\\name=@ByteArray(bytes)\n10\\program=netstat\n10\\interval=7\n");
    f.close();
    QSettings s(ini, QSettings::IniFormat);
    s.setValue(QStringLiteral("captureProfiles/11/name"), QVariantMap{{QStringLiteral("a"), 1}});
    s.setValue(QStringLiteral("captureProfiles/11/program"), QStringLiteral("map name"));
    s.setValue(QStringLiteral("captureProfiles/12/name"), QStringLiteral("map arguments"));
    s.setValue(QStringLiteral("captureProfiles/12/program"), QStringLiteral("ssh"));
    s.setValue(QStringLiteral("captureProfiles/12/arguments"), QVariantMap{});

    const QList<CaptureProfile> loaded = cp::load(s);
    QStringList names;
    for (const CaptureProfile &p : loaded)
        names.append(p.name);
    QCOMPARE(names, (QStringList{QStringLiteral("good"), QStringLiteral("defaults"),
                                 QStringLiteral("bytes")}));
    QCOMPARE(loaded.at(0),
             make(QStringLiteral("good"), QStringLiteral("ssh"),
                  {QStringLiteral("edge01"), QStringLiteral("netstat"), QStringLiteral("-ano")}, 30,
                  20));
    QCOMPARE(loaded.at(1), make(QStringLiteral("defaults"), QStringLiteral("netstat"), {},
                                cp::kDefaultInterval, cp::kDefaultTimeout));
    QCOMPARE(loaded.at(2).intervalSeconds, 7);
}

void TstCaptureProfiles::validation_data()
{
    QTest::addColumn<CaptureProfile>("profile");
    QTest::addColumn<QString>("problem"); // a part of the message; empty: valid
    const QString ssh = QStringLiteral("ssh");
    const QStringList args{QStringLiteral("edge01"), QStringLiteral("netstat"),
                           QStringLiteral("-ano")};
    QTest::newRow("valid") << make(QStringLiteral("edge01"), ssh, args) << QString();
    QTest::newRow("quoted pipe for the remote shell")
            << make(QStringLiteral("edge01"), ssh,
                    {QStringLiteral("edge01"), QStringLiteral("netstat -ano | findstr 443")})
            << QString();
    QTest::newRow("no name") << make(QStringLiteral("  "), ssh, args)
                             << QStringLiteral("Give the profile a name");
    QTest::newRow("taken name") << make(QStringLiteral("taken"), ssh, args)
                                << QStringLiteral("already called \u201ctaken\u201d");
    QTest::newRow("no program") << make(QStringLiteral("edge01"), QStringLiteral(" "), args)
                                << QStringLiteral("Enter the program to run");
    QTest::newRow("whole command in program")
            << make(QStringLiteral("edge01"), QStringLiteral("ssh edge01 netstat -ano"))
            << QStringLiteral("put the program alone under Program");
    QTest::newRow("pipe as a word")
            << make(QStringLiteral("edge01"), QStringLiteral("netstat"),
                    {QStringLiteral("-ano"), QStringLiteral("|"), QStringLiteral("findstr")})
            << QStringLiteral("\u201c|\u201d would reach netstat as a plain argument");
    QTest::newRow("redirection") << make(
            QStringLiteral("edge01"), QStringLiteral("netstat"),
            {QStringLiteral("-ano"), QStringLiteral(">"), QStringLiteral("out.txt")})
                                 << QStringLiteral("pipes and redirections do not work");
    QTest::newRow("interval 4 s") << make(QStringLiteral("edge01"), ssh, args, 4)
                                  << QStringLiteral("at least 5 s");
    QTest::newRow("interval 5 s") << make(QStringLiteral("edge01"), ssh, args, 5) << QString();
    QTest::newRow("interval 0") << make(QStringLiteral("edge01"), ssh, args, 0)
                                << QStringLiteral("at least 5 s");
    QTest::newRow("interval 2 days") << make(QStringLiteral("edge01"), ssh, args, 172800)
                                     << QStringLiteral("at most 24 hours");
    QTest::newRow("timeout 0") << make(QStringLiteral("edge01"), ssh, args, 30, 0)
                               << QStringLiteral("time-out must be between 1 s and 1 hour");
    QTest::newRow("timeout 2 h") << make(QStringLiteral("edge01"), ssh, args, 30, 7200)
                                 << QStringLiteral("time-out must be between");
}

void TstCaptureProfiles::validation()
{
    QFETCH(CaptureProfile, profile);
    QFETCH(QString, problem);
    const QString got = cp::problem(profile, {QStringLiteral("taken"), QStringLiteral("other")});
    if (problem.isEmpty())
        QVERIFY2(got.isEmpty(), qPrintable(got));
    else
        QVERIFY2(got.contains(problem), qPrintable(got));
}

void TstCaptureProfiles::argumentsLine_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("words") << QStringLiteral("edge01  netstat\t-ano")
                           << QStringList{QStringLiteral("edge01"), QStringLiteral("netstat"),
                                          QStringLiteral("-ano")};
    QTest::newRow("quoted spaces") << QStringLiteral("edge01 \"netstat -ano | findstr LISTEN\"")
                                   << QStringList{QStringLiteral("edge01"),
                                                  QStringLiteral("netstat -ano | findstr LISTEN")};
    QTest::newRow("quotes inside a word")
            << QStringLiteral("-c=\"a b\"c") << QStringList{QStringLiteral("-c=a bc")};
    QTest::newRow("literal quote") << QStringLiteral("say \"\"\"hi\"\"\"")
                                   << QStringList{QStringLiteral("say"), QStringLiteral("\"hi\"")};
    QTest::newRow("literal quote in quotes")
            << QStringLiteral("\"a \"\"\"b\"\"\" c\"") << QStringList{QStringLiteral("a \"b\" c")};
    QTest::newRow("backslashes and single quotes are plain")
            << QStringLiteral("-File C:\\Tools\\snap.ps1 'x y'")
            << QStringList{QStringLiteral("-File"), QStringLiteral("C:\\Tools\\snap.ps1"),
                           QStringLiteral("'x"), QStringLiteral("y'")};
    QTest::newRow("empty quotes vanish")
            << QStringLiteral("a \"\" b") << QStringList{QStringLiteral("a"), QStringLiteral("b")};
    QTest::newRow("nothing") << QStringLiteral("   ") << QStringList();
}

void TstCaptureProfiles::argumentsLine()
{
    QFETCH(QString, line);
    QFETCH(QStringList, arguments);
    QCOMPARE(cp::splitArguments(line), arguments);
    QCOMPARE(cp::splitArguments(line), QProcess::splitCommand(line));
    // Written back as a line, the same list comes out again.
    QCOMPARE(cp::splitArguments(cp::joinArguments(arguments)), arguments);
    const QStringList awkward{QStringLiteral("\""),        QStringLiteral("\" a"),
                              QStringLiteral("a \""),      QStringLiteral("\"\"\"\""),
                              QStringLiteral("tab\there"), QStringLiteral("x\"y z\"")};
    QCOMPARE(cp::splitArguments(cp::joinArguments(awkward)), awkward);
    QVERIFY(cp::argumentsLineProblem(line).isEmpty());
}

void TstCaptureProfiles::unclosedQuote()
{
    QVERIFY(cp::argumentsLineProblem(QStringLiteral("edge01 \"netstat -ano"))
                    .contains(QStringLiteral("not closed")));
    QVERIFY(cp::argumentsLineProblem(QStringLiteral("edge01 \"\"\"")).isEmpty());
    QVERIFY(!cp::argumentsLineProblem(QStringLiteral("\"\"\"\"")).isEmpty());
}

void TstCaptureProfiles::bundledScript()
{
    const QString path = cp::bundledScriptPath();
#ifdef Q_OS_WIN
    // Windows' AppData does not follow XDG_*: isolated by the test's organization name instead.
    QVERIFY2(path.contains(QStringLiteral("/EdgeMapTests/")), qPrintable(path));
#else
    QVERIFY2(path.startsWith(m_home.path()), qPrintable(path));
#endif
    QFile::remove(path);
    // Only a profile that runs the script writes it out.
    QVERIFY(cp::prepare(make(QStringLiteral("ssh"), QStringLiteral("ssh"))).isEmpty());
    QVERIFY(!QFile::exists(path));
    const CaptureProfile ps = make(QStringLiteral("ps"), QStringLiteral("powershell.exe"),
                                   {QStringLiteral("-File"), path, QStringLiteral("-Stdout")});
    QCOMPARE(cp::prepare(ps), QString());
    QFile resource(QStringLiteral(":/edgemap/capture/Get-EdgeMapSnapshot.ps1"));
    QVERIFY(resource.open(QIODevice::ReadOnly));
    const QByteArray script = resource.readAll();
    QVERIFY(script.contains("[switch]$Stdout"));
    const auto onDisk = [&path] {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    };
    QCOMPARE(onDisk(), script);
    // A damaged or older copy is replaced before it runs.
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("Remove-Item -Recurse C:\\");
    }
    QCOMPARE(cp::installBundledScript(), QString());
    QCOMPARE(onDisk(), script);
}

void TstCaptureProfiles::writeFailuresAreReported()
{
    // Profiles that cannot reach their store are reported, not lost at exit: here the store's
    // folder is a file, which fails for an administrator too.
    const QString blocker = m_home.filePath(QStringLiteral("not-a-folder"));
    {
        QFile f(blocker);
        QVERIFY(f.open(QIODevice::WriteOnly));
    }
    QSettings settings(blocker + QStringLiteral("/profiles.ini"), QSettings::IniFormat);
    const Error e = cp::save(settings, {make(QStringLiteral("edge01"), QStringLiteral("ssh"))});
    QVERIFY(e.isError());
    QVERIFY2(e.toString().contains(QStringLiteral("cannot save the capture profiles")),
             qPrintable(e.toString()));
    QVERIFY2(e.file.contains(QStringLiteral("profiles.ini")), qPrintable(e.toString()));
    // A good store still saves.
    QSettings good(m_home.filePath(QStringLiteral("good.ini")), QSettings::IniFormat);
    QVERIFY(!cp::save(good, {make(QStringLiteral("edge01"), QStringLiteral("ssh"))}).isError());

    // The script cannot be written where a folder stands in its way: an error that names the
    // path, instead of a profile that runs a missing script.
    const QString path = cp::bundledScriptPath();
    QFile::remove(path);
    QVERIFY(QDir().mkpath(path));
    const QString why = cp::installBundledScript();
    QVERIFY2(why.contains(QDir::toNativeSeparators(path))
                     && why.contains(QStringLiteral("directory")),
             qPrintable(why));
    QVERIFY(QDir(path).removeRecursively());
    QCOMPARE(cp::installBundledScript(), QString());
}

void TstCaptureProfiles::builtIns()
{
    const QList<cp::BuiltIn> builtIns = cp::builtInProfiles();
    const QList<CaptureProfile> stored{make(QStringLiteral("mine"), QStringLiteral("ssh"))};
#ifdef Q_OS_WIN
    QCOMPARE(builtIns.size(), 3);
    for (const cp::BuiltIn &b : builtIns)
        QVERIFY2(cp::problem(b.profile).isEmpty(), qPrintable(b.profile.name));
    QVERIFY(builtIns.at(0).note.contains(QStringLiteral("elevation")));
    CaptureProfile edited = builtIns.at(0).profile;
    edited.intervalSeconds = 120;
    const QList<CaptureProfile> all = cp::effectiveProfiles({edited});
    QCOMPARE(all.size(), 3);
    QCOMPARE(all.last(), edited);
#else
    QVERIFY(builtIns.isEmpty());
    QCOMPARE(cp::effectiveProfiles(stored), stored);
#endif
}

void TstCaptureProfiles::dialogChecksAsTyped()
{
    cp::save({make(QStringLiteral("edge01"), QStringLiteral("ssh"), {QStringLiteral("edge01")})});
    CaptureProfileDialog dialog;
    QCOMPARE(dialog.storedProfiles().size(), 1);
    dialog.addProfile();
    QVERIFY(dialog.currentProblem().contains(QStringLiteral("Enter the program")));
    auto *name = dialog.findChild<QLineEdit *>(QStringLiteral("name"));
    auto *program = dialog.findChild<QLineEdit *>(QStringLiteral("program"));
    auto *arguments = dialog.findChild<QLineEdit *>(QStringLiteral("arguments"));
    auto *interval = dialog.findChild<QSpinBox *>(QStringLiteral("interval"));
    QVERIFY(name && program && arguments && interval);
    QTest::keyClicks(program, QStringLiteral("ssh"));
    QVERIFY2(dialog.currentProblem().isEmpty(), qPrintable(dialog.currentProblem()));
    QTest::keyClicks(arguments, QStringLiteral("edge02 \"netstat -ano"));
    QVERIFY(dialog.currentProblem().contains(QStringLiteral("not closed")));
    QTest::keyClicks(arguments, QStringLiteral("\""));
    interval->setValue(2);
    QVERIFY(dialog.currentProblem().contains(QStringLiteral("at least 5 s")));
    interval->setValue(45);
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("edge01"));
    QVERIFY(dialog.currentProblem().contains(QStringLiteral("already called")));
    QTest::keyClicks(name, QStringLiteral("-b"));
    QVERIFY(dialog.currentProblem().isEmpty());
    dialog.duplicateProfile();
    QCOMPARE(dialog.storedProfiles().size(), 3);
    QCOMPARE(dialog.storedProfiles().last().name, QStringLiteral("edge01-b (2)"));
    dialog.removeProfile();
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const QList<CaptureProfile> saved = cp::load();
    QCOMPARE(saved.size(), 2);
    QCOMPARE(saved.last(),
             make(QStringLiteral("edge01-b"), QStringLiteral("ssh"),
                  {QStringLiteral("edge02"), QStringLiteral("netstat -ano")}, 45, 60));
}

void TstCaptureProfiles::dialogTestNow_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("result");
    QTest::newRow("netstat") << QStringLiteral("ok") << QStringLiteral("2 socket rows recognised");
    QTest::newRow("exit code") << QStringLiteral("fail")
                               << QStringLiteral("exited with code 255: ssh: connect to host "
                                                 "edge01 port 22: Connection refused");
    QTest::newRow("not a snapshot")
            << QStringLiteral("banner") << QStringLiteral("not a snapshot EdgeMap can read");
}

void TstCaptureProfiles::dialogTestNow()
{
#ifndef Q_OS_UNIX
    QSKIP("the fake capture command is a POSIX shell script");
#endif
    QFETCH(QString, mode);
    QFETCH(QString, result);
    const CaptureProfile fake
            = make(QStringLiteral("fake"), QStringLiteral("/bin/sh"),
                   {QStringLiteral(EDGEMAP_TEST_DATA "/capture/fake-capture.sh"), mode}, 30, 10);
    cp::save({fake});
    CaptureProfileDialog dialog;
    QSignalSpy done(&dialog, &CaptureProfileDialog::testFinished);
    dialog.findChild<QWidget *>(QStringLiteral("list"))->setFocus();
    dialog.testNow();
    QVERIFY(dialog.isTesting() || done.size() == 1);
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 10000);
    QVERIFY2(dialog.testResult().contains(result), qPrintable(dialog.testResult()));
    QVERIFY(!dialog.isTesting());
}

QTEST_MAIN(TstCaptureProfiles)
#include "tst_captureprofiles.moc"
