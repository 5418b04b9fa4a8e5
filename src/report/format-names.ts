export const FORMAT_NAMES = ['stylish', 'json', 'jsonl', 'sarif', 'junit', 'github'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];
