import type * as Monaco from "monaco-editor/editor";
import { loadEditorCatalog } from "./catalog";
import { hoverAt, suggestionsAt, type Suggestion, type SuggestionKind } from "./completions";

// Monaco glue for the policy completions and hovers of completions.ts. Registered once for the
// JSON language, answering only for policy editors' models.

type MonacoApi = typeof Monaco;

export function registerPolicyLanguageFeatures(monaco: MonacoApi, isPolicyModel: (model: Monaco.editor.ITextModel) => boolean): void {
  const kinds: Record<SuggestionKind, Monaco.languages.CompletionItemKind> = {
    service: monaco.languages.CompletionItemKind.Module,
    action: monaco.languages.CompletionItemKind.Function,
    wildcard: monaco.languages.CompletionItemKind.Constant,
    resource: monaco.languages.CompletionItemKind.Reference,
    conditionKey: monaco.languages.CompletionItemKind.Property,
    value: monaco.languages.CompletionItemKind.Value,
  };

  monaco.languages.registerCompletionItemProvider("json", {
    triggerCharacters: ['"', ":", "/"],
    async provideCompletionItems(model, position) {
      if (!isPolicyModel(model)) return undefined;
      const catalog = await loadEditorCatalog();
      if (!catalog || model.isDisposed()) return undefined;
      const text = model.getValue();
      const offset = model.getOffsetAt(position);
      const { context, suggestions } = suggestionsAt(text, offset, catalog);
      if (suggestions.length === 0) return undefined;
      // Replace the whole string literal (quotes included), or insert a new one.
      const start = model.getPositionAt(context.tokenStart);
      const end = model.getPositionAt(context.tokenEnd);
      const range = new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column);
      return { suggestions: suggestions.map((s) => toItem(s, range)) };
    },
  });

  function toItem(s: Suggestion, range: Monaco.IRange): Monaco.languages.CompletionItem {
    // A service prefix leaves the cursor before the closing quote, to go on with the action.
    const snippet = s.snippet || s.retrigger;
    const text = s.snippet ? s.insertText : snippet ? escapeSnippet(s.insertText) : s.insertText;
    return {
      label: s.label,
      kind: kinds[s.kind],
      detail: s.detail,
      documentation: s.documentation ? { value: s.documentation } : undefined,
      // The item replaces the quoted string, so it is matched against what was typed, quote included.
      filterText: `"${s.label}`,
      insertText: s.retrigger ? `"${text}$0"` : `"${text}"`,
      ...(snippet ? { insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet } : {}),
      range,
      ...(s.sortText ? { sortText: s.sortText } : {}),
      ...(s.retrigger ? { command: { id: "editor.action.triggerSuggest", title: "Suggest actions" } } : {}),
    };
  }

  function escapeSnippet(text: string): string {
    return text.replace(/[$}\\]/g, "\\$&");
  }

  monaco.languages.registerHoverProvider("json", {
    async provideHover(model, position) {
      if (!isPolicyModel(model)) return undefined;
      const catalog = await loadEditorCatalog();
      if (!catalog || model.isDisposed()) return undefined;
      const help = hoverAt(model.getValue(), model.getOffsetAt(position), catalog);
      if (!help) return undefined;
      const start = model.getPositionAt(help.start);
      const end = model.getPositionAt(help.end);
      return {
        contents: [{ value: help.contents }],
        range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column),
      };
    },
  });
}
