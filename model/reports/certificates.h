#pragma once

#include "core/topology.h"
#include "reports/tablewriters.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace edgemap {

// One name of a certificate request: the subject or a subject alternative name, with why it is
// there (which listener presents the certificate, which client checks the name).
struct CertificateName
{
    enum class Type { Subject, San };
    Type type = Type::San;
    QString name; // empty when the topology lacks it: `warning` then says what to fill in
    QString why;
    QString warning; // empty, or what is missing or wrong (a name a CA will not issue)
};

// One certificate an Edge pool needs.
struct CertificateRequest
{
    enum class Kind { External, Internal };
    Kind kind = Kind::External;
    PoolId pool;
    QString poolFqdn;
    QList<CertificateName> names; // the subject, then the SANs (the first SAN repeats the subject)
    QStringList notes;            // what applies to the whole certificate (shared key, CA)

    QString subject() const;  // empty when missing
    QStringList sans() const; // the SAN names in request order, missing ones left out
    bool hasWarnings() const;
};

struct CertificatePlan
{
    QString topologyName;
    Product product = Product::Lync2013;
    QStringList sipDomains;
    QList<CertificateRequest> requests; // per pool: the external, then the internal certificate
};

// The certificates each Edge pool needs, from the reference's certificate planning (M1):
// - external: subject = Access Edge FQDN; SANs = Access Edge FQDN, Web Conferencing Edge FQDN,
//   sip.<domain> for every SIP domain, and xmpp.<domain> for every SIP domain when the pool
//   federates over XMPP; never the A/V Edge FQDN. One certificate and private key shared by every
//   member, also used by the A/V Authentication service.
// - internal: subject = the pool's internal FQDN; SANs = the pool FQDN and each member's FQDN.
// SANs are deduplicated without case (the reasons of a name given twice are joined).
CertificatePlan buildCertificatePlan(const Topology &topology);

// One table per certificate, all with the columns Pool, Certificate, Name type, Name, Why,
// Warning (so that CSV writes them as one).
TableDocument certificatesDocument(const CertificatePlan &plan);

} // namespace edgemap
