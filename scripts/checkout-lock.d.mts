export function holdCheckoutLock(root: string, waitingMessage: (owner: number | "?") => string): Promise<() => void>;
