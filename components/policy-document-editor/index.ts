// SHARED COMPONENT — the Policy editor with its Visual | JSON toggle. See policy-document-editor.tsx.
export { PolicyDocumentEditor, type PolicyDocumentEditorProps, type PolicyEditorMode } from "./policy-document-editor";
export { newPolicyDocument, parseVisualModel, serializeVisualModel, type VisualModel } from "./visual-model";
export {
  PERMISSIONS_STEP_DESCRIPTION,
  PermissionsStep,
  PolicyDescriptionField,
  PolicyNameField,
  PolicyPermissionsSummary,
  usePermissionsStep,
  usePolicyName,
  type PermissionsStepState,
  type PolicyNameState,
} from "./permissions-step";
