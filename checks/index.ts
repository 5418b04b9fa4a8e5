// The explicit registry of checks: a check exists when it is listed here (and has its doc page
// checks/<id>.md and its fixtures test/fixtures/<id>/, which test/registry.test.ts enforces).
// Listed in id order, like the imports, so a new check has one obvious place (the test checks it).

import type { Check } from '../src/types.js';
import addressInvalid from './address-invalid.js';
import addressObsolete from './address-obsolete.js';
import addressSpecialUseDomain from './address-special-use-domain.js';
import addressTypoDomain from './address-typo-domain.js';
import addressUnquotedDisplayName from './address-unquoted-display-name.js';
import bodyNul from './body-nul.js';
import dateInvalid from './date-invalid.js';
import dateMissing from './date-missing.js';
import dateObsolete from './date-obsolete.js';
import dateSkew from './date-skew.js';
import dkimKeyInvalid from './dkim-key-invalid.js';
import dkimKeyMissing from './dkim-key-missing.js';
import dkimKeyWeak from './dkim-key-weak.js';
import dmarcInvalid from './dmarc-invalid.js';
import dmarcMissing from './dmarc-missing.js';
import dmarcMultiple from './dmarc-multiple.js';
import dmarcPolicyNone from './dmarc-policy-none.js';
import dmarcReportUnauthorized from './dmarc-report-unauthorized.js';
import dmarcWouldFail from './dmarc-would-fail.js';
import dnsLookupFailed from './dns-lookup-failed.js';
import dnsblDynamicIp from './dnsbl-dynamic-ip.js';
import dnsblListed from './dnsbl-listed.js';
import dnsblUnusable from './dnsbl-unusable.js';
import domainNxdomain from './domain-nxdomain.js';
import encodedWordInvalid from './encoded-word-invalid.js';
import fromInvalid from './from-invalid.js';
import fromMissing from './from-missing.js';
import fromMultiple from './from-multiple.js';
import headerDuplicate from './header-duplicate.js';
import headerNonAscii from './header-non-ascii.js';
import headerSize from './header-size.js';
import headerSyntax from './header-syntax.js';
import lineEnding from './line-ending.js';
import lineTooLong from './line-too-long.js';
import messageIdInvalid from './message-id-invalid.js';
import messageIdMissing from './message-id-missing.js';
import mime8bitUndeclared from './mime-8bit-undeclared.js';
import mimeBoundaryInvalid from './mime-boundary-invalid.js';
import mimeBoundaryMissing from './mime-boundary-missing.js';
import mimeCharsetInvalid from './mime-charset-invalid.js';
import mimeParameterEncoding from './mime-parameter-encoding.js';
import mimeTransferEncodingInvalid from './mime-transfer-encoding-invalid.js';
import mimeVersionMissing from './mime-version-missing.js';
import mxCname from './mx-cname.js';
import mxIpLiteral from './mx-ip-literal.js';
import mxMissing from './mx-missing.js';
import mxNull from './mx-null.js';
import mxNullMixed from './mx-null-mixed.js';
import mxPrivateAddress from './mx-private-address.js';
import mxTargetMissing from './mx-target-missing.js';
import ptrGeneric from './ptr-generic.js';
import ptrMismatch from './ptr-mismatch.js';
import ptrMissing from './ptr-missing.js';
import recipientMissing from './recipient-missing.js';
import senderInvalid from './sender-invalid.js';
import smtp8bitUnsupported from './smtp-8bit-unsupported.js';
import smtpAuthFailed from './smtp-auth-failed.js';
import smtpAuthMechanism from './smtp-auth-mechanism.js';
import smtpAuthRequired from './smtp-auth-required.js';
import smtpAuthUnavailable from './smtp-auth-unavailable.js';
import smtpRecipientRejected from './smtp-recipient-rejected.js';
import smtpSenderRejected from './smtp-sender-rejected.js';
import smtpSizeExceeded from './smtp-size-exceeded.js';
import smtpTlsCertificate from './smtp-tls-certificate.js';
import smtpTlsUnavailable from './smtp-tls-unavailable.js';
import smtpUnreachable from './smtp-unreachable.js';
import smtpUtf8Unsupported from './smtp-utf8-unsupported.js';
import spfInvalid from './spf-invalid.js';
import spfMissing from './spf-missing.js';
import spfMultiple from './spf-multiple.js';
import spfNotAuthorized from './spf-not-authorized.js';
import spfPermissive from './spf-permissive.js';
import spfPtr from './spf-ptr.js';
import spfTooManyLookups from './spf-too-many-lookups.js';
import spfVoidLookups from './spf-void-lookups.js';
import subjectMissing from './subject-missing.js';
import templatePlaceholder from './template-placeholder.js';

export const allChecks: readonly Check[] = [
  addressInvalid,
  addressObsolete,
  addressSpecialUseDomain,
  addressTypoDomain,
  addressUnquotedDisplayName,
  bodyNul,
  dateInvalid,
  dateMissing,
  dateObsolete,
  dateSkew,
  dkimKeyInvalid,
  dkimKeyMissing,
  dkimKeyWeak,
  dmarcInvalid,
  dmarcMissing,
  dmarcMultiple,
  dmarcPolicyNone,
  dmarcReportUnauthorized,
  dmarcWouldFail,
  dnsLookupFailed,
  dnsblDynamicIp,
  dnsblListed,
  dnsblUnusable,
  domainNxdomain,
  encodedWordInvalid,
  fromInvalid,
  fromMissing,
  fromMultiple,
  headerDuplicate,
  headerNonAscii,
  headerSize,
  headerSyntax,
  lineEnding,
  lineTooLong,
  messageIdInvalid,
  messageIdMissing,
  mime8bitUndeclared,
  mimeBoundaryInvalid,
  mimeBoundaryMissing,
  mimeCharsetInvalid,
  mimeParameterEncoding,
  mimeTransferEncodingInvalid,
  mimeVersionMissing,
  mxCname,
  mxIpLiteral,
  mxMissing,
  mxNull,
  mxNullMixed,
  mxPrivateAddress,
  mxTargetMissing,
  ptrGeneric,
  ptrMismatch,
  ptrMissing,
  recipientMissing,
  senderInvalid,
  smtp8bitUnsupported,
  smtpAuthFailed,
  smtpAuthMechanism,
  smtpAuthRequired,
  smtpAuthUnavailable,
  smtpRecipientRejected,
  smtpSenderRejected,
  smtpSizeExceeded,
  smtpTlsCertificate,
  smtpTlsUnavailable,
  smtpUnreachable,
  smtpUtf8Unsupported,
  spfInvalid,
  spfMissing,
  spfMultiple,
  spfNotAuthorized,
  spfPermissive,
  spfPtr,
  spfTooManyLookups,
  spfVoidLookups,
  subjectMissing,
  templatePlaceholder,
];
