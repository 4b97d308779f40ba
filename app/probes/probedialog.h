#pragma once

#include "probe/probeplan.h"
#include "probe/proberunner.h"

#include <QDialog>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace edgemap {

// Probe from Here: where this computer is (inside or outside), which servers, how long to wait,
// how many at a time, which resolver, and what besides TCP (TLS, DNS, a media port, hairpin).
// It says what the run will send, counted from the plan, before anything is sent: the run
// starts only when the user presses Start Probes.
class ProbeDialog : public QDialog
{
    Q_OBJECT

public:
    ProbeDialog(const Topology &topology, QWidget *parent = nullptr);

    // What the dialog shows at first, and what it was left at (a second run starts from it).
    void setChoices(const ProbePlanOptions &plan, const ProbeOptions &run);
    ProbePlanOptions planOptions() const;
    ProbeOptions runOptions() const;
    // The plan for the options as they are; its error says why Start is disabled.
    ProbePlan plan() const { return m_plan; }

private:
    void updatePlan();

    const Topology &m_topology;
    QButtonGroup *m_side;
    QComboBox *m_scope;
    QSpinBox *m_timeout;
    QSpinBox *m_parallel;
    QLineEdit *m_resolver;
    QCheckBox *m_tls;
    QCheckBox *m_dns;
    QCheckBox *m_media;
    QCheckBox *m_hairpin;
    QLabel *m_summary;
    QDialogButtonBox *m_buttons;
    ProbePlan m_plan;
};

} // namespace edgemap
