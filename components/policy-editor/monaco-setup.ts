// Monaco, loaded from the local package (never a CDN), once per page: the editor core, its
// editing features, the JSON language with the policy schema, the workers, and the policy
// completions and hovers. Only the editor components import this module, and they are loaded
// with next/dynamic, so pages without an editor never download it.

import * as monaco from "monaco-editor/editor";
// The editing features a policy editor uses, not all of Monaco's (register.all): what a JSON
// document needs, plus Ctrl+M (Tab moves focus) for keyboard users.
import "monaco-editor/features/bracketMatching/register";
import "monaco-editor/features/clipboard/register";
import "monaco-editor/features/codicon/register";
import "monaco-editor/features/contextmenu/register";
import "monaco-editor/features/cursorUndo/register";
import "monaco-editor/features/diffEditor/register";
// The diff editor needs the outline service, which document symbols registers.
import "monaco-editor/features/documentSymbols/register";
import "monaco-editor/features/find/register";
import "monaco-editor/features/folding/register";
import "monaco-editor/features/format/register";
import "monaco-editor/features/gotoError/register";
import "monaco-editor/features/hover/register";
import "monaco-editor/features/indentation/register";
import "monaco-editor/features/linesOperations/register";
import "monaco-editor/features/multicursor/register";
import "monaco-editor/features/readOnlyMessage/register";
import "monaco-editor/features/smartSelect/register";
import "monaco-editor/features/snippet/register";
import "monaco-editor/features/suggest/register";
// 0.57's features/suggest entry leaves out the suggest widget itself (editor.main imports it).
import "monaco-editor/editor/contrib/suggest/browser/suggestController.js";
import "monaco-editor/features/toggleTabFocusMode/register";
import "monaco-editor/features/unicodeHighlighter/register";
import "monaco-editor/features/wordHighlighter/register";
import "monaco-editor/features/wordOperations/register";
import { jsonDefaults } from "monaco-editor/languages/features/json/register";
import { CONDITION_OPERATORS } from "@/lib/iam/policy";
import { registerPolicyLanguageFeatures } from "./policy-language";
import { policySchema } from "./policy-schema";

export { monaco };

/** Every policy editor's model has a URI ending with this, so the schema and providers find it. */
export const POLICY_MODEL_SUFFIX = ".iam-policy.json";

let ready = false;

export function setUpMonaco(): typeof monaco {
  if (ready) return monaco;
  ready = true;

  globalThis.MonacoEnvironment = {
    getWorker(_workerId: string, label: string) {
      if (label === "json") {
        return new Worker(new URL("monaco-editor/language/json/json.worker.js", import.meta.url), { type: "module" });
      }
      return new Worker(new URL("monaco-editor/editor/editor.worker.js", import.meta.url), { type: "module" });
    },
  };

  // The schema gives structure completions and hover help. Markers come from lib/iam/policy's
  // validator only (see validation.ts), so the JSON service's own diagnostics are off.
  jsonDefaults.setDiagnosticsOptions({
    validate: false,
    allowComments: false,
    enableSchemaRequest: false,
    schemas: [
      {
        uri: "https://iam-console.local/schemas/iam-policy.json",
        fileMatch: [`*${POLICY_MODEL_SUFFIX}`],
        schema: policySchema(CONDITION_OPERATORS.map((op) => op.name)),
      },
    ],
  });
  jsonDefaults.setModeConfiguration({
    documentFormattingEdits: true,
    documentRangeFormattingEdits: true,
    completionItems: true,
    hovers: true,
    documentSymbols: true,
    tokens: true,
    colors: false,
    foldingRanges: true,
    diagnostics: false,
    selectionRanges: true,
  });

  registerPolicyLanguageFeatures(monaco, (model) => model.uri.path.endsWith(POLICY_MODEL_SUFFIX));
  return monaco;
}

let modelCount = 0;

export function newPolicyModelUri(): monaco.Uri {
  return monaco.Uri.from({ scheme: "inmemory", path: `/policy-${++modelCount}${POLICY_MODEL_SUFFIX}` });
}
