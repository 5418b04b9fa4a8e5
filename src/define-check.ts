// `defineCheck` is the identity at run time: a check stays one plain object. It exists for the
// types: `run` receives its options typed from the check's own option specs (a misspelt option
// name or a wrong type does not compile), and `needs` may name only its target's facts.

import type { AddressCheck, Check, CheckOptionSpecs, DomainCheck, IpCheck, MessageCheck } from './types.js';

// Overloads, one per target: the `target` literal picks the context `run` receives.
export function defineCheck<const Specs extends CheckOptionSpecs = {}>(check: MessageCheck<Specs>): MessageCheck<Specs>;
export function defineCheck<const Specs extends CheckOptionSpecs = {}>(check: AddressCheck<Specs>): AddressCheck<Specs>;
export function defineCheck<const Specs extends CheckOptionSpecs = {}>(check: DomainCheck<Specs>): DomainCheck<Specs>;
export function defineCheck<const Specs extends CheckOptionSpecs = {}>(check: IpCheck<Specs>): IpCheck<Specs>;
export function defineCheck(check: Check): Check {
  return check;
}
