"use client";

import { useState, useTransition } from "react";
import { resultError } from "@/components/action-error-alert";
import type { ActionError, ActionResult } from "@/lib/action-result";

/**
 * Runs a form's server action. An action that succeeds by leaving the page redirects (its
 * promise then never settles here: Next follows the redirect), so only a failure comes back,
 * for the form's error alert; `onSuccess` is for actions that stay on the page.
 */
export function useActionSubmit(): {
  pending: boolean;
  error: ActionError | undefined;
  submit: <T>(run: () => Promise<ActionResult<T>>, onSuccess?: (result: { data: T; message?: string }) => void) => void;
} {
  const [error, setError] = useState<ActionError | undefined>();
  const [pending, startTransition] = useTransition();
  const submit = <T,>(run: () => Promise<ActionResult<T>>, onSuccess?: (result: { data: T; message?: string }) => void) => {
    startTransition(async () => {
      const result = await run();
      if (result.ok) {
        setError(undefined);
        onSuccess?.(result);
      } else {
        setError(resultError(result));
      }
    });
  };
  return { pending, error, submit };
}
