// SHARED COMPONENT — the console's "Permissions policies" chooser. See policy-picker.tsx; the
// server half (loadPolicyPicker) is imported from "@/components/policy-picker/load-policy-picker".
export { PolicyPicker, type PolicyChoice, type PolicyPickerProps } from "./policy-picker";
export { POLICY_PICKER_TABLE, POLICY_TYPE_FILTERS, parsePolicyPickerQuery, type PolicyPickerQuery } from "./policy-picker-config";
export type { PolicyPickerData } from "./load-policy-picker";
