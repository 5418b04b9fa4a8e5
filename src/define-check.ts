// `defineCheck` is the identity at run time: a check stays one plain object. It exists for the
// types: `run` receives its options typed from the check's own option specs (a misspelt option
// name or a wrong type does not compile), and `run` sees only the facts its `needs` names.

import type { AddressCheck, Check, CheckOptionSpecs, DomainCheck, DomainFactValues, IpCheck, IpFactValues, MessageCheck, MessageFactValues, SmtpCheck } from './types.js';

// Overloads, one per target: the `target` literal picks the context `run` receives.
export function defineCheck<const Specs extends CheckOptionSpecs = {}, const Needs extends keyof MessageFactValues = never>(
  check: MessageCheck<Specs, Needs>,
): MessageCheck<Specs, Needs>;
export function defineCheck<const Specs extends CheckOptionSpecs = {}>(check: AddressCheck<Specs>): AddressCheck<Specs>;
export function defineCheck<const Specs extends CheckOptionSpecs = {}, const Needs extends keyof DomainFactValues = never>(
  check: DomainCheck<Specs, Needs>,
): DomainCheck<Specs, Needs>;
export function defineCheck<const Specs extends CheckOptionSpecs = {}, const Needs extends keyof IpFactValues = never>(check: IpCheck<Specs, Needs>): IpCheck<Specs, Needs>;
export function defineCheck<const Specs extends CheckOptionSpecs = {}>(check: SmtpCheck<Specs>): SmtpCheck<Specs>;
export function defineCheck(check: Check): Check {
  return check;
}
