/** The DOM id of a form field from its (dotted) name, e.g. `wasteItems.0.ewcCodes` → `field-wasteItems-0-ewcCodes`. */
export function fieldId(name: string): string {
  return `field-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}
