// Runs once when a server starts, before it serves requests.

export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { onServerStart } = await import("@/lib/iam/bootstrap/on-server-start");
  await onServerStart();
}
