// The parts of SARIF 2.1.0 that maillint writes, as its own types: the published declarations must
// not import @types/sarif, which is only a devDependency. test/report/sarif.test.ts holds them to
// @types/sarif at compile time and to the SARIF schema at run time.

export type Level = 'none' | 'note' | 'warning' | 'error';

export interface Message {
  text: string;
}

export interface MultiformatMessage {
  text: string;
  markdown?: string;
}

export interface PropertyBag {
  tags?: string[];
  [key: string]: unknown;
}

export interface ReportingDescriptor {
  id: string;
  name?: string;
  shortDescription?: MultiformatMessage;
  fullDescription?: MultiformatMessage;
  help?: MultiformatMessage;
  helpUri?: string;
  defaultConfiguration?: { level?: Level };
  properties?: PropertyBag;
}

export interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

export interface Region {
  startLine?: number;
  startColumn?: number;
  /** Octets from the start of the file (fix replacements: maillint's edits are octet ranges). */
  byteOffset?: number;
  byteLength?: number;
}

export interface ArtifactContent {
  text?: string;
  /** Base64 of the exact octets. */
  binary?: string;
}

export interface Replacement {
  deletedRegion: Region;
  insertedContent?: ArtifactContent;
}

export interface ArtifactChange {
  artifactLocation: ArtifactLocation;
  replacements: Replacement[];
}

export interface Fix {
  description?: Message;
  artifactChanges: ArtifactChange[];
  properties?: PropertyBag;
}

export interface PhysicalLocation {
  artifactLocation: ArtifactLocation;
  region?: Region;
}

export interface LogicalLocation {
  name?: string;
  fullyQualifiedName?: string;
  kind?: string;
}

export interface Location {
  physicalLocation?: PhysicalLocation;
  logicalLocations?: LogicalLocation[];
}

export interface Result {
  ruleId: string;
  ruleIndex?: number;
  level?: Level;
  message: Message;
  locations?: Location[];
  partialFingerprints?: Record<string, string>;
  fixes?: Fix[];
  properties?: PropertyBag;
}

export interface ToolComponent {
  name: string;
  version?: string;
  semanticVersion?: string;
  informationUri?: string;
  rules?: ReportingDescriptor[];
}

export interface Run {
  tool: { driver: ToolComponent };
  results?: Result[];
}

export interface Log {
  $schema?: string;
  version: '2.1.0';
  runs: Run[];
}
